import Foundation

/// Everything the actor's committee may see of a person's case, one logged read; the task lists; the timeline.
extension CaseFlowService {
    public struct Overview: Sendable {
        public let person: Person
        public let cases: [DistrictCase]
        public let obstacles: [SupportObstacle]
        public let aidMonths: Set<String>
        public let consents: [Consent]
        public let referrals: [Referral]
        public let enrolments: [Enrolment]
        public let plans: [Plan]
        public let meetings: [Meeting]
        /// Monthly attendance per enrolment the actor may see.
        public let attendance: [UUID: [AttendanceMonthSummary]]
        public let checks: [SixMonthCheck]
        public let tasks: [CaseTask]
        /// Kinds of the other committee's information that the consents now let the actor see.
        public let sharedScopes: Set<Consent.Scope>
    }

    public func overview(personId: UUID, by actor: Actor) async throws -> Overview {
        let person = try await visiblePerson(personId, actor, .caseRead)
        let own = actor.user.committeeId
        let day = today
        async let allConsents = store.consents(personId: personId)
        async let allCases = store.cases(personId: personId)
        async let allReferrals = store.referrals(personId: personId)
        async let allEnrolments = store.enrolments(personId: personId)
        async let allPlans = store.plans(personId: personId)
        async let allMeetings = store.meetings(personId: personId)
        async let allChecks = store.checks(personId: personId)
        async let obstacles = store.obstacles(personId: personId, committeeId: own)
        async let aid = store.aidMonths(personId: personId, committeeId: own)
        async let tasks = store.openTasks(personId: personId, committeeId: own)
        let consents = try await allConsents
        func shared(_ kind: SharedRecordKind, _ owner: String, _ unit: String?) -> Bool {
            ConsentSharing.sees(kind, owner: owner, ownerUnit: unit, viewer: actor.user, consents: consents, on: day)
        }
        let scopes = Set(ConsentSharing.sharedKinds(viewer: actor.user, consents: consents, on: day).map(\.scope))

        var referrals: [Referral] = []
        for r in try await allReferrals where try await referralVisible(r, actor) { referrals.append(r) }
        // The district sees the status of the enrolments its referrals led to; the Jobbtorg its own.
        let enrolments = try await allEnrolments.filter { $0.committeeId == own || $0.districtCommitteeId == own }
        let plans = try await allPlans.filter { shared(.plan, $0.committeeId, $0.unitId) }
        let enrolmentUnits = Dictionary(try await allEnrolments.map { ($0.id, $0.unitId) }, uniquingKeysWith: { a, _ in a })
        let meetings = try await allMeetings.filter { shared(.meeting, $0.committeeId, enrolmentUnits[$0.enrolmentId]) }
        var attendance: [UUID: [AttendanceMonthSummary]] = [:]
        for e in enrolments where shared(.attendance, e.committeeId, e.unitId) {
            let a = try await store.attendance(enrolmentId: e.id)
            attendance[e.id] = AttendanceMonthSummary.summarise(a.records, corrections: a.corrections, finalMonths: a.finalMonths)
        }
        let result = Overview(
            person: person, cases: try await allCases.filter { $0.committeeId == own }, obstacles: try await obstacles, aidMonths: try await aid,
            consents: consents.filter { $0.committeeId == own || $0.recipientCommitteeId == own }.sorted { $0.recordedAt > $1.recordedAt },
            referrals: referrals.sorted { $0.createdAt > $1.createdAt }, enrolments: enrolments.sorted { $0.enrolledOn > $1.enrolledOn }, plans: plans,
            meetings: meetings.sorted { $0.date > $1.date }, attendance: attendance, checks: try await allChecks.filter { $0.districtCommitteeId == own },
            tasks: Self.acuteFirst(try await tasks), sharedScopes: scopes)
        try await log.append([entry(actor, personId, .caseRead, .allowed, actor.channel)])
        return result
    }

    /// The actor's own tasks and the unit's, with the persons' names (all shown persons one logged read).
    /// A caseworker's own tasks are on `mine` only: `unit` is the rest of the unit (others' and unassigned),
    /// so no task is listed twice. A manager has the unit's list only. Acute tasks come first on each.
    public struct TaskList: Sendable {
        public let mine: [CaseTask]
        public let unit: [CaseTask]
        public let counts: [(kind: CaseTask.Kind, assigneeId: UUID?, open: Int, overdue: Int)]
        public let names: [UUID: PersonSummary]
        public let today: LocalDate
        public let filter: TaskListFilter
    }

    public static let taskPageSize = 50
    /// The worker's own list shows the tasks due first; the unit list pages through the rest.
    public static let myTaskLimit = 100

    /// A manager's task list is the unit's, with counts per worker; a caseworker also has an own list.
    public static func hasOwnTaskList(_ u: StaffUser) -> Bool { u.role != .unitManager }

    public func tasks(kind: CaseTask.Kind?, page: Int, by actor: Actor) async throws -> TaskList {
        try await tasks(filter: TaskListFilter(kind: kind), page: page, staff: [], by: actor)
    }

    /// The lists as filtered. `staff` are the users the worker filter may name (the unit's); a filter naming
    /// anyone else is refused as invalid before anything is read.
    public func tasks(filter: TaskListFilter, page: Int, staff: [StaffUser], by actor: Actor) async throws -> TaskList {
        guard Self.hasTaskList(actor.user) else { throw DomainError.forbidden }
        let problems = filter.problems(staff: staff, actor: actor.user)
        guard problems.isEmpty else { throw DomainError(.invalid, "Listan kunde inte visas så.", fields: problems) }
        let paging = try PageRequest(page: page, defaultSize: Self.taskPageSize, maxSize: Self.taskPageSize)
        let day = today
        let range = filter.due?.range(today: day)
        let own = Self.hasOwnTaskList(actor.user)
        let unitAssignee: TaskQuery.Assignee
        switch filter.worker {
        case .unassigned: unitAssignee = .unassigned
        case .user(let id): unitAssignee = .user(id)
        case nil: unitAssignee = own ? .notUser(actor.user.id) : .any
        }
        let unitId = actor.user.unitId
        // A worker filter narrows the page to that worker's (or the unassigned) tasks: the own list steps aside.
        let mineQuery = TaskQuery(
            unitId: nil, assignee: .user(actor.user.id), kind: filter.kind, dueFrom: range?.from, dueTo: range?.to, sort: filter.sort, limit: Self.myTaskLimit)
        let unitQuery = TaskQuery(
            unitId: unitId, assignee: unitAssignee, kind: filter.kind, dueFrom: range?.from, dueTo: range?.to, sort: filter.sort, offset: paging.offset,
            limit: paging.size)
        async let mine = own && filter.worker == nil ? store.openTasks(mineQuery) : []
        async let unit = store.openTasks(unitQuery)
        async let counts = store.openTaskCounts(unitId: unitId, today: day)
        let (m, u, c) = try await (mine, unit, counts)
        var seen = Set<UUID>()
        let shown = (m + u).map(\.personId).filter { seen.insert($0).inserted }
        let names = try await store.names(personIds: shown, committeeId: actor.user.committeeId)
        if !shown.isEmpty { try await log.append([.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: shown, action: .taskListHit)]) }
        return TaskList(mine: m, unit: u, counts: c, names: names, today: day, filter: filter)
    }

    /// What happened in the person's file at the actor's committee: every change, who made it and when.
    public func timeline(personId: UUID, source: any CaseTimelineSource, by actor: Actor) async throws -> (person: Person, rows: [AccessLogRecord]) {
        let person = try await visiblePerson(personId, actor, .caseTimeline)
        let rows = try await source.timeline(personId: personId, committeeId: actor.user.committeeId, limit: 500)
        try await log.append([entry(actor, personId, .caseTimeline, .allowed, actor.channel)])
        return (person, rows)
    }

    /// Hands a disabled worker's cases and open tasks to a manager of the same unit.
    public static func successor(for user: StaffUser, among users: [StaffUser]) -> StaffUser? {
        users.filter { $0.active && $0.unitId == user.unitId && $0.role == .unitManager && $0.id != user.id }.sorted { $0.username < $1.username }.first
    }
}

/// Swedish descriptions of the access log's change codes, for the timeline: derived from `AuditAction`.
public enum TimelineText {
    /// Code → Swedish line, for every action the timeline shows.
    public static let changeActions: [String: String] = Dictionary(
        uniqueKeysWithValues: AuditAction.timelineActions.compactMap { a in a.timelineText.map { (a.rawValue, $0) } })
}

extension CaseFlowService {
    /// Acute tasks first (an acute need is handled the same day), the rest in the order given.
    public static func acuteFirst(_ tasks: [CaseTask]) -> [CaseTask] {
        tasks.filter { $0.kind == .acuteNeed } + tasks.filter { $0.kind != .acuteNeed }
    }
}
