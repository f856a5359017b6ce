import Foundation

/// The access log. `append` returns only when the rows are durable; if it throws, the caller returns no data.
public protocol AccessLog: Sendable {
    func append(_ entries: [AccessLogEntry]) async throws
    /// Appends rows and, in the same transaction, records activity on assessment drafts (opening a part
    /// is a logged read and the start of its active time: one group-committed write serves both).
    func append(_ entries: [AccessLogEntry], activity: [DraftActivity]) async throws
    func recent(committeeId: String?, limit: Int) async throws -> [AccessLogRecord]
    func verify() async throws -> AccessLogVerification
}

public protocol OrganisationStore: Sendable {
    func committees() async throws -> [Committee]
    func units() async throws -> [OrgUnit]
    func unit(id: String) async throws -> OrgUnit?
    /// Creates or renames a committee; the change and its before/after go to the access log in the same transaction.
    func save(_ committee: Committee, audit: AccessLogEntry) async throws
    func save(_ unit: OrgUnit, audit: AccessLogEntry) async throws
}

public protocol UserStore: Sendable {
    func create(_ user: StaffUser, passwordHash: String, audit: AccessLogEntry) async throws
    func user(id: UUID) async throws -> StaffUser?
    /// The user and their password hash, for login.
    func credentials(username: String) async throws -> (user: StaffUser, passwordHash: String)?
    func all() async throws -> [StaffUser]
    /// Enables or disables a user. Disabling ends their sessions and tokens in the same transaction.
    func setActive(userId: UUID, active: Bool, audit: AccessLogEntry) async throws
    /// Sets a new password and ends every session and token of the user.
    func setPassword(userId: UUID, passwordHash: String, audit: AccessLogEntry) async throws
}

/// A server-side login session; the cookie holds a random token, the store only its hash.
public struct SessionRecord: Sendable, Equatable {
    public let tokenHash: String
    public let userId: UUID
    public let csrfToken: String
    public let createdAt: Date
    public var lastSeenAt: Date
    public init(tokenHash: String, userId: UUID, csrfToken: String, createdAt: Date, lastSeenAt: Date) {
        self.tokenHash = tokenHash
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

public struct APITokenRecord: Sendable, Equatable {
    public let tokenHash: String
    public let userId: UUID
    public let createdAt: Date
    public let expiresAt: Date
    public init(tokenHash: String, userId: UUID, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userId = userId
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

public protocol SessionStore: Sendable {
    func create(_ session: SessionRecord) async throws
    func session(tokenHash: String) async throws -> SessionRecord?
    func touch(tokenHash: String, at: Date) async throws
    func delete(tokenHash: String) async throws
    func createToken(_ token: APITokenRecord) async throws
    func token(tokenHash: String) async throws -> APITokenRecord?
    func recordFailedLogin(username: String, at: Date) async throws
    func failedLogins(username: String, since: Date) async throws -> Int
    func clearFailedLogins(username: String) async throws
    /// Removes sessions and tokens that can no longer be used.
    func purgeExpired(sessionsIdleBefore: Date, sessionsCreatedBefore: Date, tokensExpiredBefore: Date) async throws
}

public protocol PersonStore: Sendable {
    /// Registers a new person with a file at one committee, or opens a file for an existing person
    /// (the registry is shared identity; the file is the committee's). Throws `conflict` when the
    /// committee already has a file for this number. Writes the audit row in the same transaction.
    func register(
        _ valid: PersonInput.Valid, newPersonId: UUID, file: (committeeId: String, unitId: String), at: Date,
        audit: @Sendable (_ person: Person, _ created: Bool) -> AccessLogEntry
    ) async throws -> (person: Person, files: [PersonFile], created: Bool)
    func person(id: UUID) async throws -> (person: Person, files: [PersonFile])?
    func search(_ query: PersonSearchQuery, committeeId: String, limit: Int) async throws -> [PersonSummary]
    /// The persons with a file at the committee opened by the unit, newest first.
    func recentFiles(unitId: String, limit: Int) async throws -> [PersonSummary]
    func count() async throws -> Int
}

/// Activity on an assessment draft, recorded together with the access-log row of the read that caused it.
public struct DraftActivity: Sendable, Equatable {
    public let responseId: UUID
    public let activity: Activity
    public init(responseId: UUID, activity: Activity) {
        self.responseId = responseId
        self.activity = activity
    }
}
