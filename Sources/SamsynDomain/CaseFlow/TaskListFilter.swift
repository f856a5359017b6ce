import Foundation

/// What a task list shows: kind, responsible worker, due date and order, as given in the page's or the API's
/// query (`?kind=&worker=&due=&sort=`). Parsed and checked here; an unknown value is refused with a Swedish
/// message naming the field, never ignored silently.
public struct TaskListFilter: Sendable, Equatable {
    public enum Worker: Sendable, Equatable {
        case unassigned
        case user(UUID)
    }

    public enum Due: String, Sendable, CaseIterable {
        case overdue
        case today
        case week

        public var swedishName: String {
            switch self {
            case .overdue: "Försenade"
            case .today: "Förfaller i dag"
            case .week: "Förfaller inom en vecka"
            }
        }

        /// The due dates the choice covers, both ends included (nil: open).
        public func range(today: LocalDate) -> (from: LocalDate?, to: LocalDate?) {
            switch self {
            case .overdue: (nil, today.adding(days: -1))
            case .today: (today, today)
            case .week: (today, today.adding(days: 7))
            }
        }
    }

    public enum Sort: String, Sendable, CaseIterable {
        /// The one due first on top (the default).
        case due
        case dueDesc = "due_desc"
        case kind
        /// By the person's name (surname, first name).
        case person

        public var swedishName: String {
            switch self {
            case .due: "Den som förfaller först överst"
            case .dueDesc: "Den som förfaller sist överst"
            case .kind: "Slag av uppgift"
            case .person: "Personens namn"
            }
        }
    }

    public var kind: CaseTask.Kind?
    public var worker: Worker?
    public var due: Due?
    public var sort: Sort

    public init(kind: CaseTask.Kind? = nil, worker: Worker? = nil, due: Due? = nil, sort: Sort = .due) {
        self.kind = kind
        self.worker = worker
        self.due = due
        self.sort = sort
    }

    public static let unassignedValue = "unassigned"

    /// Reads the query's values (nil or empty: no filter). Returns the filter of the values that could be
    /// read and an error per value that could not.
    public static func parse(kind: String?, worker: String?, due: String?, sort: String?) -> (filter: TaskListFilter, errors: [FieldError]) {
        var f = TaskListFilter()
        var errors: [FieldError] = []
        func given(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        if let k = given(kind) {
            if let v = CaseTask.Kind(rawValue: k) { f.kind = v } else { errors.append(FieldError(field: "kind", message: "Okänt slag av uppgift. Välj ett slag i listan.")) }
        }
        if let w = given(worker) {
            if w == unassignedValue {
                f.worker = .unassigned
            } else if let id = UUID(uuidString: w) {
                f.worker = .user(id)
            } else {
                errors.append(FieldError(field: "worker", message: "Okänd ansvarig. Välj en ansvarig i listan."))
            }
        }
        if let d = given(due) {
            if let v = Due(rawValue: d) { f.due = v } else { errors.append(FieldError(field: "due", message: "Okänt val av förfallodag. Välj ett i listan.")) }
        }
        if let s = given(sort) {
            if let v = Sort(rawValue: s) { f.sort = v } else { errors.append(FieldError(field: "sort", message: "Okänd sortering. Välj en i listan.")) }
        }
        return (f, errors)
    }

    /// A named worker must be one of the unit's (the list is the unit's); a caseworker's own tasks are on
    /// their own list, so naming oneself on the unit's list is refused too (it would repeat the rows).
    public func problems(staff: [StaffUser], actor: StaffUser) -> [FieldError] {
        guard case .user(let id) = worker else { return [] }
        if CaseFlowService.hasOwnTaskList(actor), id == actor.id {
            return [FieldError(field: "worker", message: "Dina egna uppgifter står under Mina uppgifter. Välj någon annan eller Ej tilldelade.")]
        }
        guard staff.contains(where: { $0.id == id && $0.unitId == actor.unitId }) else {
            return [FieldError(field: "worker", message: "Okänd ansvarig. Välj en ansvarig i din enhet.")]
        }
        return []
    }

    /// The query string of the filter (for links that keep it), without the page.
    public var query: [(String, String)] {
        var q: [(String, String)] = []
        if let kind { q.append(("kind", kind.rawValue)) }
        switch worker {
        case .unassigned: q.append(("worker", Self.unassignedValue))
        case .user(let id): q.append(("worker", id.uuidString.lowercased()))
        case nil: break
        }
        if let due { q.append(("due", due.rawValue)) }
        if sort != .due { q.append(("sort", sort.rawValue)) }
        return q
    }
}

/// One read of open tasks for a list, as the store runs it. Acute tasks always come first.
public struct TaskQuery: Sendable, Equatable {
    public enum Assignee: Sendable, Equatable {
        case any
        case unassigned
        case user(UUID)
        /// Everyone's but this worker's, and the unassigned (the unit's list beside a worker's own).
        case notUser(UUID)
    }

    /// The unit whose list it is; nil only for a worker's own list (`assignee` `.user`), which spans units.
    public var unitId: String?
    public var assignee: Assignee
    public var kind: CaseTask.Kind?
    public var dueFrom: LocalDate?
    public var dueTo: LocalDate?
    public var sort: TaskListFilter.Sort
    public var offset: Int
    public var limit: Int

    public init(
        unitId: String?, assignee: Assignee, kind: CaseTask.Kind? = nil, dueFrom: LocalDate? = nil, dueTo: LocalDate? = nil, sort: TaskListFilter.Sort = .due,
        offset: Int = 0, limit: Int
    ) {
        self.unitId = unitId
        self.assignee = assignee
        self.kind = kind
        self.dueFrom = dueFrom
        self.dueTo = dueTo
        self.sort = sort
        self.offset = offset
        self.limit = limit
    }
}

/// Handing several open tasks to another worker at once (a unit manager's bulk reassignment). All or nothing:
/// one task that may not move refuses the whole change.
public enum TaskReassignment {
    /// At most this many tasks in one change (a page and a half of the unit's list).
    public static let maxTasks = 100

    public static func mayReassign(_ u: StaffUser) -> Bool { u.active && u.role == .unitManager && CaseFlowService.hasTaskList(u) }

    /// Who may hold tasks: an active caseworker or manager of the manager's own unit.
    public static func mayReceive(_ worker: StaffUser, in unitId: String) -> Bool {
        worker.active && worker.unitId == unitId && CaseFlowService.hasTaskList(worker)
    }

    /// The ids and the worker as posted, checked before anything is read.
    public static func parse(taskIds: [String], assignee: String?) throws(DomainError) -> (ids: [UUID], assignee: UUID) {
        var errors: [FieldError] = []
        let ids = taskIds.compactMap { UUID(uuidString: $0) }
        if taskIds.isEmpty {
            errors.append(FieldError(field: "task", message: "Välj minst en uppgift att fördela om."))
        } else if ids.count != taskIds.count {
            errors.append(FieldError(field: "task", message: "En vald uppgift kunde inte läsas. Läs in sidan igen och välj på nytt."))
        } else if Set(ids).count > maxTasks {
            errors.append(FieldError(field: "task", message: "Välj högst \(maxTasks) uppgifter åt gången."))
        }
        let who = assignee.flatMap { UUID(uuidString: $0) }
        if who == nil { errors.append(FieldError(field: "assignee", message: "Välj vem uppgifterna ska gå till.")) }
        guard errors.isEmpty, let who else { throw DomainError(.invalid, "Ingen uppgift fördelades om.", fields: errors) }
        return (Array(Set(ids)).sorted { $0.uuidString < $1.uuidString }, who)
    }

    /// Checks the change on the rows read in its transaction: every task found, still open and in the
    /// manager's unit, and the worker one of the unit's.
    public static func check(requested: [UUID], found: [CaseTask], to worker: StaffUser?, by manager: StaffUser) throws(DomainError) {
        guard mayReassign(manager) else { throw DomainError.forbidden }
        guard let worker, mayReceive(worker, in: manager.unitId) else {
            throw DomainError(
                .invalid, "Ingen uppgift fördelades om.",
                fields: [FieldError(field: "assignee", message: "Uppgifter kan bara fördelas till en aktiv handläggare i din egen enhet.")])
        }
        let byId = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let missing = requested.filter { id in byId[id].map { $0.settledAt != nil || $0.unitId != manager.unitId } ?? true }
        guard missing.isEmpty else {
            throw DomainError(
                .invalid, "Ingen uppgift fördelades om.",
                fields: [
                    FieldError(
                        field: "task",
                        message: missing.count == 1
                            ? "En av de valda uppgifterna är inte längre öppen i din enhet. Ingen uppgift fördelades om; läs in listan igen."
                            : "\(missing.count) av de valda uppgifterna är inte längre öppna i din enhet. Ingen uppgift fördelades om; läs in listan igen.")
                ])
        }
    }
}
