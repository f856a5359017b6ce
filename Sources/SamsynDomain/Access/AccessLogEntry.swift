import Foundation

/// One row of the access log (loggning av åtkomst): who did what to whose data, when, and whether it was allowed.
/// Never holds a personnummer, name or free text: only ids, codes and, for changes, the before/after values
/// of the changed record, which the log protects like the record itself.
public struct AccessLogEntry: Sendable, Equatable {
    public enum Outcome: String, Sendable { case allowed, denied }

    public var at: Date
    public var requestId: String
    public var userId: UUID?
    public var username: String?
    public var role: String?
    public var unitId: String?
    public var committeeId: String?
    public var personId: UUID?
    /// Every person a list read showed (a search's hits, a queue or task page): one row names them all, and
    /// "who has seen this person" still finds it (the store keeps an index from person to row).
    public var personIds: [UUID] = []
    /// What was done, as the stable code stored and hashed into the chain (`person.read`, `auth.login`, …):
    /// always an `AuditAction`'s raw value when Samsyn writes it; a stored row keeps its code verbatim.
    public private(set) var action: String
    /// The typed action; nil only for a stored row whose code this Samsyn does not know (see `AuditAction`).
    public var auditAction: AuditAction? { AuditAction(rawValue: action) }
    public var outcome: Outcome
    /// Channel or reason code, e.g. `page`, `api`, `not_in_committee`.
    public var detail: String?
    public var before: String?
    public var after: String?

    public init(
        at: Date, requestId: String, actor: StaffUser?, personId: UUID? = nil, action: AuditAction, outcome: Outcome,
        detail: String? = nil, before: String? = nil, after: String? = nil
    ) {
        self.init(at: at, requestId: requestId, actor: actor, personId: personId, storedAction: action.rawValue, outcome: outcome, detail: detail, before: before, after: after)
    }

    /// A row as it was stored: its action code as it is, known to this Samsyn or not.
    public init(
        at: Date, requestId: String, actor: StaffUser?, personId: UUID? = nil, storedAction action: String, outcome: Outcome,
        detail: String? = nil, before: String? = nil, after: String? = nil
    ) {
        self.at = at
        self.requestId = requestId
        self.userId = actor?.id
        self.username = actor?.username
        self.role = actor?.role.rawValue
        self.unitId = actor?.unitId
        self.committeeId = actor?.committeeId
        self.personId = personId
        self.action = action
        self.outcome = outcome
        self.detail = detail
        self.before = before
        self.after = after
    }
}

extension AccessLogEntry {
    /// One row for a list read: the persons shown, in the order shown.
    public static func list(
        at: Date, requestId: String, actor: StaffUser?, persons: [UUID], action: AuditAction, detail: String? = nil
    ) -> AccessLogEntry {
        var e = AccessLogEntry(at: at, requestId: requestId, actor: actor, personId: persons.count == 1 ? persons[0] : nil, action: action, outcome: .allowed, detail: detail)
        e.personIds = persons.count == 1 ? [] : persons
        return e
    }

    /// Every person the row is about: the one of a single-person row, or the list of a list read.
    public var persons: [UUID] { personIds.isEmpty ? personId.map { [$0] } ?? [] : personIds }
}

/// A stored access-log row with its place in the hash chain.
public struct AccessLogRecord: Sendable, Equatable {
    public let sequence: Int64
    public let entry: AccessLogEntry
    public let previousHash: String
    public let hash: String

    public init(sequence: Int64, entry: AccessLogEntry, previousHash: String, hash: String) {
        self.sequence = sequence
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The result of checking the chain: the first broken link, if any.
public struct AccessLogVerification: Sendable, Equatable {
    public let rowsChecked: Int
    public let brokenAt: [Int64]
    public init(rowsChecked: Int, brokenAt: [Int64]) {
        self.rowsChecked = rowsChecked
        self.brokenAt = brokenAt
    }
    public var isIntact: Bool { brokenAt.isEmpty }
}
