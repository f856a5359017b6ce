import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain
import SamsynStorage

/// The case flow over the API, under the same rules as the pages: the same service calls, the same secrecy,
/// and updates that carry the version read (a stale one gets 412).
extension APIHandler {
    var flow: CaseFlowService { services.caseFlow }

    func uuid(_ s: String) throws -> UUID {
        guard let id = UUID(uuidString: s) else { throw DomainError.notFound }
        return id
    }

    static func s(_ id: UUID) -> String { id.uuidString.lowercased() }
    static func s(_ id: UUID?) -> String? { id.map { $0.uuidString.lowercased() } }

    func getCalendarDay(_ input: Operations.GetCalendarDay.Input) async throws -> Operations.GetCalendarDay.Output {
        guard let d = LocalDate(input.path.date) else {
            throw DomainError.invalid([FieldError(field: "date", message: "Not a date that exists, as YYYY-MM-DD.")])
        }
        let day = WorkingDayCalendar.describe(d)
        return .ok(
            .init(
                body: .json(
                    .init(
                        date: d.description, isWorkingDay: day.isWorkingDay, holiday: day.holiday, weekday: day.weekdayName,
                        nextWorkingDay: day.nextWorkingDay.description, fiveWorkingDaysLater: WorkingDayCalendar.adding(workingDays: Enrolment.jobPlanWorkingDays, to: d).description))))
    }

    func getCaseOverview(_ input: Operations.GetCaseOverview.Input) async throws -> Operations.GetCaseOverview.Output {
        let ov = try await flow.overview(personId: try uuid(input.path.personId), by: try APIScope.actor())
        let today = flow.today
        let obstacles = ov.obstacles.map { o -> Components.Schemas.SupportObstacle in
            .init(id: Self.s(o.id), adult: Self.e(o.adult), code: o.code, label: flow.classification.entry(o.code)?.label, judgedOn: o.judgedOn.description)
        }
        let attendance = ov.attendance.sorted { $0.key.uuidString < $1.key.uuidString }.map { a -> Components.Schemas.AttendanceMonthsOfEnrolment in
            .init(enrolmentId: Self.s(a.key), months: a.value.map(Self.month))
        }
        let checks = ov.checks.map { c -> Components.Schemas.SixMonthCheck in
            let result: Components.Schemas.SixMonthCheck.ResultPayload? = c.result.map { Self.e($0) }
            return .init(
                id: Self.s(c.id), enrolmentId: Self.s(c.enrolmentId), closureReason: c.closureReason.rawValue, closedOn: c.closedOn.description,
                dueOn: c.dueOn.description, result: result, version: c.version)
        }
        let body = Components.Schemas.CaseOverview(
            personId: Self.s(ov.person.id), cases: ov.cases.map(Self.districtCase), obstacles: obstacles, aidMonths: ov.aidMonths.sorted(),
            consents: ov.consents.map { Self.consent($0, today) }, referrals: ov.referrals.map(Self.referral), enrolments: ov.enrolments.map(Self.enrolment),
            plans: ov.plans.map(Self.plan), meetings: ov.meetings.map(Self.meeting), attendance: attendance, checks: checks,
            tasks: ov.tasks.map { Self.task($0, today, identityNumber: ov.person.identityNumber) })
        return .ok(.init(body: .json(body)))
    }

    func openCase(_ input: Operations.OpenCase.Input) async throws -> Operations.OpenCase.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let c = try await flow.openCase(
            personId: try uuid(input.path.personId), .init(source: b.source.rawValue, channel: b.channel.rawValue, openedOn: b.openedOn ?? ""), by: try APIScope.actor())
        return .created(.init(body: .json(Self.districtCase(c))))
    }

    func recordConsent(_ input: Operations.RecordConsent.Input) async throws -> Operations.RecordConsent.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let recipient = b.recipientCommitteeId + (b.recipientUnitId.map { "/\($0)" } ?? "")
        let c = try await flow.recordConsent(
            personId: try uuid(input.path.personId),
            .init(recipient: recipient, scopes: b.scopes.map(\.rawValue), purpose: b.purpose, validFrom: b.validFrom, validTo: b.validTo, method: b.method.rawValue),
            by: try APIScope.actor())
        return .created(.init(body: .json(Self.consent(c, flow.today))))
    }

    func withdrawConsent(_ input: Operations.WithdrawConsent.Input) async throws -> Operations.WithdrawConsent.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let c = try await flow.withdrawConsent(id: try uuid(input.path.consentId), expectedVersion: b.version, by: try APIScope.actor())
        return .ok(.init(body: .json(Self.consent(c, flow.today))))
    }

    func createReferral(_ input: Operations.CreateReferral.Input) async throws -> Operations.CreateReferral.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let r = try await flow.refer(
            personId: try uuid(input.path.personId),
            .init(
                toUnitId: b.toUnitId, route: b.route.rawValue, sessionId: b.sessionId ?? "", meetingDate: b.meetingDate ?? "", meetingTime: b.meetingTime ?? "",
                reason: b.reason, workShouldBeTried: b.workShouldBeTried ?? false, fullTimeProgramme: b.fullTimeEmploymentServiceProgramme ?? false,
                jointAgreement: b.jointAgreement ?? false, exceptionReason: b.exceptionReason ?? ""), by: try APIScope.actor())
        return .created(.init(body: .json(Self.referral(r))))
    }

    func getReferral(_ input: Operations.GetReferral.Input) async throws -> Operations.GetReferral.Output {
        let r = try await flow.referral(id: try uuid(input.path.referralId), by: try APIScope.actor())
        return .ok(.init(body: .json(Self.referral(r.referral))))
    }

    func answerReferral(_ input: Operations.AnswerReferral.Input) async throws -> Operations.AnswerReferral.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let r = try await flow.answerReferral(
            id: try uuid(input.path.referralId), accept: b.accept, declineReason: b.declineReason ?? "", enrolledOn: b.enrolledOn ?? "", expectedVersion: b.version,
            by: try APIScope.actor())
        return .ok(.init(body: .json(Self.referral(r))))
    }

    func getEnrolment(_ input: Operations.GetEnrolment.Input) async throws -> Operations.GetEnrolment.Output {
        let e = try await flow.enrolment(id: try uuid(input.path.enrolmentId), by: try APIScope.actor())
        var body = Self.enrolment(e)
        body.closure = try await services.caseStore.closure(enrolmentId: e.id).map(Self.closure)
        return .ok(.init(body: .json(body)))
    }

    func closeEnrolment(_ input: Operations.CloseEnrolment.Input) async throws -> Operations.CloseEnrolment.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let actor = try APIScope.actor()
        let e = try await flow.closeEnrolment(
            id: try uuid(input.path.enrolmentId),
            .init(
                reason: b.reason.rawValue, detail: b.detail ?? "", closedOn: b.closedOn ?? "", expectedVersion: b.version, details: Self.details(b),
                endEpisodes: b.endEpisodes ?? [], releasePlaces: b.releasePlaces ?? [], finaliseMonths: b.finaliseMonths ?? []), by: actor)
        var body = Self.enrolment(e)
        body.closure = try await services.caseStore.closure(enrolmentId: e.id).map(Self.closure)
        return .ok(.init(body: .json(body)))
    }

    static func subGoals(_ g: [Components.Schemas.SubGoal]) -> [PlanRules.SubGoalInput] {
        g.map { .init(what: $0.what, responsible: $0.responsible, date: $0.date) }
    }

    func createPlan(_ input: Operations.CreatePlan.Input) async throws -> Operations.CreatePlan.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let p = try await flow.createPlan(
            personId: try uuid(input.path.personId), kind: Self.domain(b.kind),
            .init(goal: b.goal, subGoals: Self.subGoals(b.subGoals), nextFollowUp: b.nextFollowUp), by: try APIScope.actor())
        return .created(.init(body: .json(Self.plan(p))))
    }

    func getPlan(_ input: Operations.GetPlan.Input) async throws -> Operations.GetPlan.Output {
        let p = try await flow.plan(id: try uuid(input.path.planId), by: try APIScope.actor())
        return .ok(.init(body: .json(Self.plan(p.plan))))
    }

    func updatePlan(_ input: Operations.UpdatePlan.Input) async throws -> Operations.UpdatePlan.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let p = try await flow.revisePlan(
            id: try uuid(input.path.planId), .init(goal: b.goal, subGoals: Self.subGoals(b.subGoals), nextFollowUp: b.nextFollowUp), expectedVersion: b.version,
            by: try APIScope.actor())
        return .ok(.init(body: .json(Self.plan(p))))
    }

    func bookMeeting(_ input: Operations.BookMeeting.Input) async throws -> Operations.BookMeeting.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let m = try await flow.bookMeeting(enrolmentId: try uuid(input.path.enrolmentId), kind: b.kind.rawValue, date: b.date, time: b.time ?? "", by: try APIScope.actor())
        return .created(.init(body: .json(Self.meeting(m))))
    }

    func recordMeeting(_ input: Operations.RecordMeeting.Input) async throws -> Operations.RecordMeeting.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let m = try await flow.recordMeeting(id: try uuid(input.path.meetingId), participants: b.participants, agreed: b.agreed, expectedVersion: b.version, by: try APIScope.actor())
        return .ok(.init(body: .json(Self.meeting(m))))
    }

    func attendanceReport(_ enrolmentId: UUID) async throws -> Components.Schemas.AttendanceReport {
        let a = try await flow.attendance(enrolmentId: enrolmentId, by: try APIScope.actor())
        return .init(
            enrolmentId: Self.s(enrolmentId), months: a.months.map(Self.month), records: a.records.map(Self.attendance),
            corrections: a.corrections.map {
                .init(recordId: Self.s($0.recordId), from: Self.e($0.from), to: Self.e($0.to), reason: $0.reason, correctedAt: $0.correctedAt, correctedBy: $0.correctedByName)
            })
    }

    func getAttendance(_ input: Operations.GetAttendance.Input) async throws -> Operations.GetAttendance.Output {
        .ok(.init(body: .json(try await attendanceReport(try uuid(input.path.enrolmentId)))))
    }

    func recordAttendance(_ input: Operations.RecordAttendance.Input) async throws -> Operations.RecordAttendance.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let r = try await flow.recordAttendance(
            enrolmentId: try uuid(input.path.enrolmentId), date: b.date, activity: b.activity, status: b.status.rawValue, note: b.note ?? "", by: try APIScope.actor())
        return .created(.init(body: .json(Self.attendance(r))))
    }

    func finaliseAttendance(_ input: Operations.FinaliseAttendance.Input) async throws -> Operations.FinaliseAttendance.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let id = try uuid(input.path.enrolmentId)
        try await flow.finaliseAttendance(enrolmentId: id, month: b.month, by: try APIScope.actor())
        return .ok(.init(body: .json(try await attendanceReport(id))))
    }

    func correctAttendance(_ input: Operations.CorrectAttendance.Input) async throws -> Operations.CorrectAttendance.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let r = try await flow.correctAttendance(id: try uuid(input.path.recordId), status: b.status.rawValue, reason: b.reason, expectedVersion: b.version, by: try APIScope.actor())
        return .ok(.init(body: .json(Self.attendance(r))))
    }

    func listTasks(_ input: Operations.ListTasks.Input) async throws -> Operations.ListTasks.Output {
        let q = input.query
        let (filter, errors) = TaskListFilter.parse(kind: q.kind?.rawValue, worker: q.worker, due: q.due?.rawValue, sort: q.sort?.rawValue)
        // A value outside the description is the client's mistake: 400, as for any other bad parameter.
        if let e = errors.first { throw HTTPError(.badRequest, message: "\(e.field): \(e.message)") }
        let actor = try APIScope.actor()
        try await services.queues.lapseDueOffers()
        let staff = try await services.users.all().filter { $0.unitId == actor.user.unitId }
        let list: CaseFlowService.TaskList
        do {
            list = try await flow.tasks(filter: filter, page: q.page ?? 1, staff: staff, by: actor)
        } catch let e as DomainError where e.kind == .invalid && e.fields.first?.field == "worker" {
            // A well-formed id that is not a worker of the unit names nothing the caller may list (404); naming
            // oneself on the unit's list would repeat the own list (409).
            if case .user(let id) = filter.worker, id == actor.user.id { throw HTTPError(.conflict, message: "worker: \(e.fields[0].message)") }
            throw HTTPError(.notFound, message: "worker: \(e.fields[0].message)")
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        mine: list.mine.map { Self.task($0, list.today, identityNumber: list.names[$0.personId]?.identityNumber) },
                        unit: list.unit.map { Self.task($0, list.today, identityNumber: list.names[$0.personId]?.identityNumber) },
                        counts: list.counts.map { .init(kind: Self.e($0.kind), assigneeId: Self.s($0.assigneeId), open: $0.open, overdue: $0.overdue) }))))
    }

    // MARK: Mapping

    static func districtCase(_ c: DistrictCase) -> Components.Schemas.DistrictCase {
        .init(
            id: s(c.id), personId: s(c.personId), committeeId: c.committeeId, unitId: c.unitId, responsibleUserId: s(c.responsibleUserId),
            openedOn: c.openedOn.description, source: e(c.source), channel: e(c.channel), status: e(c.status), version: c.version)
    }

    static func consent(_ c: Consent, _ today: LocalDate) -> Components.Schemas.Consent {
        .init(
            id: s(c.id), personId: s(c.personId), committeeId: c.committeeId, recipientCommitteeId: c.recipientCommitteeId, recipientUnitId: c.recipientUnitId,
            scopes: c.scopes.sorted().map(e), purpose: c.purpose, validFrom: c.validFrom.description, validTo: c.validTo.description, method: e(c.method),
            recordedBy: c.recordedByName, state: e(c.state(on: today)), withdrawnAt: c.withdrawnAt, version: c.version)
    }

    static func referral(_ r: Referral) -> Components.Schemas.Referral {
        .init(
            id: s(r.id), personId: s(r.personId), fromCommitteeId: r.fromCommitteeId, toUnitId: r.toUnitId, consentId: s(r.consentId), route: e(r.route),
            sessionId: s(r.sessionId), meetingAt: r.meetingAt, reason: r.reason, inTargetGroup: r.inTargetGroup, targetGroupReason: r.targetGroupReason,
            exceptionReason: r.exceptionReason, sentOn: r.sentOn.description, answerDue: r.answerDue.description, status: e(r.status), declineReason: r.declineReason,
            enrolmentId: s(r.enrolmentId), version: r.version)
    }

    static func enrolment(_ x: Enrolment) -> Components.Schemas.Enrolment {
        .init(
            id: s(x.id), personId: s(x.personId), referralId: s(x.referralId), districtCommitteeId: x.districtCommitteeId, committeeId: x.committeeId,
            unitId: x.unitId, responsibleUserId: s(x.responsibleUserId), enrolledOn: x.enrolledOn.description, jobPlanDue: x.jobPlanDue.description,
            status: e(x.status), closureReason: x.closureReason.map(e), closureDetail: x.closureDetail, closedOn: x.closedOn?.description, version: x.version)
    }

    static func plan(_ p: Plan) -> Components.Schemas.Plan {
        .init(
            id: s(p.id), personId: s(p.personId), kind: e(p.kind), committeeId: p.committeeId, enrolmentId: s(p.enrolmentId), goal: p.goal,
            subGoals: p.subGoals.map { .init(what: $0.what, responsible: $0.responsible, date: $0.date.description) }, nextFollowUp: p.nextFollowUp.description,
            version: p.version, savedAt: p.savedAt, savedBy: p.savedByName)
    }

    static func meeting(_ m: Meeting) -> Components.Schemas.Meeting {
        .init(
            id: s(m.id), personId: s(m.personId), enrolmentId: s(m.enrolmentId), kind: e(m.kind), date: m.date.description, time: m.time,
            participants: m.participants, agreed: m.agreed, held: m.held, version: m.version)
    }

    static func attendance(_ r: AttendanceRecord) -> Components.Schemas.AttendanceRecord {
        .init(
            id: s(r.id), enrolmentId: s(r.enrolmentId), date: r.date.description, activity: r.activity, status: e(r.status), note: r.note, version: r.version,
            episodeId: s(r.episodeId), sessionId: s(r.sessionId))
    }

    static func month(_ m: AttendanceMonthSummary) -> Components.Schemas.AttendanceMonth {
        .init(month: m.month, present: m.present, absentValid: m.absentValid, absentInvalid: m.absentInvalid, corrections: m.corrections, final: m.final)
    }

    /// A task with the person's number (as the task page shows it) and, for an acute need, the need to open.
    static func task(_ t: CaseTask, _ today: LocalDate, identityNumber: PersonalIdentityNumber?) -> Components.Schemas.Task {
        .init(
            id: s(t.id), kind: e(t.kind), personId: s(t.personId), unitId: t.unitId, assigneeId: s(t.assigneeId), dueOn: t.dueOn.description,
            overdue: t.isOverdue(today: today), personalIdentityNumber: identityNumber?.digits, acuteNeedId: t.kind == .acuteNeed ? s(t.subjectId) : nil)
    }
}
