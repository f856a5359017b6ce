import Foundation

/// The person's own page (Mina sidor): the plans, meetings, attendance and consents every committee holds about
/// the person that are meant for them, the person's marks on their sub-goals, withdrawing a consent, and who has
/// read their file. Everything is read for the person of the citizen account only: an id from a request that is not
/// theirs is answered as not found and logged. Every read and change is in the access log.
public struct OwnPageService: Sendable {
    let caseFlow: any CaseFlowStore
    let own: any OwnPageStore
    let persons: any PersonStore
    let log: any AccessLog
    let clock: any Clock

    public init(caseFlow: any CaseFlowStore, own: any OwnPageStore, persons: any PersonStore, log: any AccessLog, clock: any Clock) {
        self.caseFlow = caseFlow
        self.own = own
        self.persons = persons
        self.log = log
        self.clock = clock
    }

    public var today: LocalDate { LocalDate(clock.now()) }

    func entry(_ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?, before: String? = nil, after: String? = nil)
        -> AccessLogEntry
    {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail, before: before, after: after)
    }

    /// The page. The read is logged before anything is returned.
    public func page(by actor: Actor) async throws -> OwnPage {
        let pid = try OwnPageRules.personId(actor)
        let committees = try await own.fileCommittees(personId: pid)
        guard let person = try await persons.person(id: pid, firstOf: committees) else { throw DomainError(.notFound, OwnPageRules.noFileMessage) }
        async let plansRead = caseFlow.plans(personId: pid)
        async let meetingsRead = caseFlow.meetings(personId: pid)
        async let enrolmentsRead = caseFlow.enrolments(personId: pid)
        async let consentsRead = caseFlow.consents(personId: pid)
        async let marksRead = own.subGoalMarks(personId: pid)
        let (plans, meetings, enrolments, consents, marks) = try await (plansRead, meetingsRead, enrolmentsRead, consentsRead, marksRead)
        var planViews: [OwnPage.PlanView] = []
        for plan in plans.sorted(by: { ($0.kind.rawValue, $0.savedAt) < ($1.kind.rawValue, $1.savedAt) }) {
            let versions = try await caseFlow.planVersions(id: plan.id).filter { $0.version < plan.version }.sorted { $0.version > $1.version }
            planViews.append(.init(plan: plan, subGoals: OwnPageRules.attach(plan, marks: marks), earlier: versions))
        }
        var attendance: [OwnPage.AttendanceView] = []
        for e in enrolments.sorted(by: { $0.enrolledOn > $1.enrolledOn }) {
            let a = try await caseFlow.attendance(enrolmentId: e.id)
            let byId = Dictionary(uniqueKeysWithValues: a.records.map { ($0.id, $0) })
            let months = AttendanceMonthSummary.summarise(a.records, corrections: a.corrections, finalMonths: a.finalMonths)
            let corrections = a.corrections.compactMap { c in byId[c.recordId].map { (record: $0, correction: c) } }.sorted { $0.correction.correctedAt > $1.correction.correctedAt }
            if !months.isEmpty || e.status == .active { attendance.append(.init(enrolment: e, months: months, corrections: corrections)) }
        }
        let (upcoming, past) = OwnPageRules.split(meetings, today: today)
        try await log.append([entry(actor, pid, .ownPageRead, .allowed, "page")])
        return OwnPage(
            person: person, plans: planViews, upcomingMeetings: upcoming, pastMeetings: past, attendance: attendance,
            consents: consents.sorted { ($0.withdrawnAt == nil ? 0 : 1, $0.validTo) < ($1.withdrawnAt == nil ? 0 : 1, $1.validTo) }, today: today)
    }

    /// What the person has marked on the plan's current sub-goals, for the caseworker's page of a plan the caller has
    /// already read (and logged) through `CaseFlowService.plan`.
    public func marks(on plan: Plan) async throws -> [(goal: Plan.SubGoal, mark: SubGoalMark?)] {
        OwnPageRules.attach(plan, marks: try await own.subGoalMarks(personId: plan.personId))
    }

    /// The person marks one of their own sub-goals. The plan must be theirs and the sub-goal still in its current version.
    public func markSubGoal(planId: UUID, subGoal index: Int, text: String, status: SubGoalMark.Status, by actor: Actor) async throws {
        let pid = try OwnPageRules.personId(actor)
        guard let plan = try await caseFlow.plan(id: planId), plan.personId == pid else {
            try await log.append([entry(actor, pid, .ownSubGoalMark, .denied, "not_own_plan")])
            throw DomainError.notFound
        }
        guard plan.subGoals.indices.contains(index), plan.subGoals[index].what == text else {
            throw DomainError(.stale, "Planen har ändrats sedan du öppnade sidan. Läs in sidan igen och markera delmålet på nytt.")
        }
        let mark = SubGoalMark(planId: plan.id, subGoal: text, status: status, markedAt: clock.now())
        try await own.setSubGoalMark(mark, personId: pid, audit: entry(actor, pid, .ownSubGoalMark, .allowed, plan.kind.rawValue, after: status.rawValue))
    }

    /// The person withdraws one of their consents; it takes effect at once (the other committee stops seeing what it
    /// covered), and the district's case page shows it withdrawn by the person.
    public func withdrawConsent(id: UUID, expectedVersion: Int, by actor: Actor) async throws -> Consent {
        let pid = try OwnPageRules.personId(actor)
        guard let c = try await caseFlow.consent(id: id), c.personId == pid else {
            try await log.append([entry(actor, pid, .consentWithdraw, .denied, "not_own_consent")])
            throw DomainError.notFound
        }
        guard c.withdrawnAt == nil else { throw DomainError(.conflict, "Samtycket är redan återkallat.") }
        let w = try await caseFlow.withdrawConsent(
            id: id, at: clock.now(), byName: "\(actor.user.displayName) (själv, via Mina sidor)", expectedVersion: expectedVersion,
            audit: entry(actor, pid, .consentWithdraw, .allowed, c.recipientCommitteeId))
        _ = try? await TaskJob(store: caseFlow, clock: clock).run(personId: pid)
        return w
    }

    /// Who has read or changed the person's file: date, unit and role (never the employee's name), newest first.
    public func accessHistory(by actor: Actor, limit: Int = 200) async throws -> [OwnAccessLine] {
        let pid = try OwnPageRules.personId(actor)
        let rows = try await own.accessHistory(personId: pid, limit: limit)
        try await log.append([entry(actor, pid, .ownAccessLogRead, .allowed, "page")])
        return OwnPageRules.shown(rows).map(OwnPageRules.line)
    }
}
