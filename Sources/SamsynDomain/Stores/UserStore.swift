import Foundation

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
