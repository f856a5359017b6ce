import Foundation

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
    /// The session and its user in one read (every page request resumes a session); nil when either is missing.
    func sessionWithUser(tokenHash: String) async throws -> (session: SessionRecord, user: StaffUser)?
    func touch(tokenHash: String, at: Date) async throws
    func delete(tokenHash: String) async throws
    func createToken(_ token: APITokenRecord) async throws
    func token(tokenHash: String) async throws -> APITokenRecord?
    func recordFailedLogin(username: String, at: Date) async throws
    func failedLogins(username: String, since: Date) async throws -> Int
    func clearFailedLogins(username: String) async throws
    /// Removes sessions and tokens that can no longer be used.
    func purgeExpired(sessionsIdleBefore: Date, sessionsCreatedBefore: Date, tokensExpiredBefore: Date) async throws
    /// A failed login with the client address it came from (the throttle counts per address as well).
    func recordFailedLogin(username: String, client: String?, at: Date) async throws
    /// Failed logins from one client address since a time: how many, and when the oldest of them was.
    func failedLogins(client: String, since: Date) async throws -> (count: Int, oldest: Date?)
}
