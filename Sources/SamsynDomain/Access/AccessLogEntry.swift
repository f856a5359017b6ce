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
    /// What was done, as a stable code: `person.read`, `person.search_hit`, `person.create`, `auth.login`, …
    public var action: String
    public var outcome: Outcome
    /// Channel or reason code, e.g. `page`, `api`, `not_in_committee`.
    public var detail: String?
    public var before: String?
    public var after: String?

    public init(
        at: Date, requestId: String, actor: StaffUser?, personId: UUID? = nil, action: String, outcome: Outcome,
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
