import Foundation
import SQLKit
import SamsynDomain

/// Sessions, API tokens and failed-login counts in the database, so two Samsyn processes share them.
public struct SQLSessionStore: SessionStore {
    let database: Database
    public init(database: Database) { self.database = database }

    private struct SessionRow: Decodable {
        let token_hash: String, user_id: String, csrf_token: String, created_at: Int64, last_seen_at: Int64
        func record() throws -> SessionRecord {
            try SessionRecord(
                tokenHash: token_hash, userId: Strict("sessions").uuid("user_id", user_id), csrfToken: csrf_token,
                createdAt: Date(epochMilliseconds: created_at), lastSeenAt: Date(epochMilliseconds: last_seen_at))
        }
    }
    private struct TokenRow: Decodable {
        let token_hash: String, user_id: String, created_at: Int64, expires_at: Int64
    }

    /// The session and its user (with the user's unit) in one statement.
    public func sessionWithUser(tokenHash: String) async throws -> (session: SessionRecord, user: StaffUser)? {
        struct Joined: Decodable {
            let session: SessionRow
            let user: SQLUserStore.Row
            init(from decoder: any Decoder) throws {
                session = try SessionRow(from: decoder)
                user = try SQLUserStore.Row(from: decoder)
            }
        }
        let row = try await database.read { db in
            try await db.raw(
                """
                SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, \(SQLUserStore.columns)
                FROM sessions s JOIN users u ON u.id = s.user_id JOIN units n ON n.id = u.unit_id
                WHERE s.token_hash = \(bind: tokenHash)
                """
            ).first(decoding: Joined.self)
        }
        return try row.map { (try $0.session.record(), try $0.user.user()) }
    }

    public func create(_ s: SessionRecord) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at)
                VALUES (\(bind: s.tokenHash), \(bind: s.userId.uuidString), \(bind: s.csrfToken), \(bind: s.createdAt.epochMilliseconds), \(bind: s.lastSeenAt.epochMilliseconds))
                """
            ).run()
        }
    }

    public func session(tokenHash: String) async throws -> SessionRecord? {
        let row = try await database.read { db in
            try await db.raw("SELECT token_hash, user_id, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = \(bind: tokenHash)")
                .first(decoding: SessionRow.self)
        }
        return try row.map { try $0.record() }
    }

    public func touch(tokenHash: String, at: Date) async throws {
        try await database.write { db in
            try await db.raw("UPDATE sessions SET last_seen_at = \(bind: at.epochMilliseconds) WHERE token_hash = \(bind: tokenHash)").run()
        }
    }

    public func delete(tokenHash: String) async throws {
        try await database.write { db in try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run() }
    }

    public func createToken(_ t: APITokenRecord) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO api_tokens (token_hash, user_id, created_at, expires_at)
                VALUES (\(bind: t.tokenHash), \(bind: t.userId.uuidString), \(bind: t.createdAt.epochMilliseconds), \(bind: t.expiresAt.epochMilliseconds))
                """
            ).run()
        }
    }

    public func token(tokenHash: String) async throws -> APITokenRecord? {
        let row = try await database.read { db in
            try await db.raw("SELECT token_hash, user_id, created_at, expires_at FROM api_tokens WHERE token_hash = \(bind: tokenHash)")
                .first(decoding: TokenRow.self)
        }
        return try row.map {
            try APITokenRecord(
                tokenHash: $0.token_hash, userId: Strict("api_tokens").uuid("user_id", $0.user_id), createdAt: Date(epochMilliseconds: $0.created_at),
                expiresAt: Date(epochMilliseconds: $0.expires_at))
        }
    }

    public func recordFailedLogin(username: String, at: Date) async throws {
        try await database.write { db in
            try await db.raw(
                "INSERT INTO login_failures (id, username, at) VALUES (\(bind: UUID().uuidString), \(bind: String(username.prefix(100))), \(bind: at.epochMilliseconds))"
            ).run()
        }
    }

    public func failedLogins(username: String, since: Date) async throws -> Int {
        struct C: Decodable { let n: Int }
        return try await database.read { db in
            try await db.raw(
                "SELECT COUNT(*) AS n FROM login_failures WHERE username = \(bind: String(username.prefix(100))) AND at >= \(bind: since.epochMilliseconds)"
            ).first(decoding: C.self)?.n ?? 0
        }
    }

    public func clearFailedLogins(username: String) async throws {
        try await database.write { db in try await db.raw("DELETE FROM login_failures WHERE username = \(bind: username)").run() }
    }

    public func purgeExpired(sessionsIdleBefore: Date, sessionsCreatedBefore: Date, tokensExpiredBefore: Date) async throws {
        try await database.write { db in
            try await db.raw(
                "DELETE FROM sessions WHERE last_seen_at < \(bind: sessionsIdleBefore.epochMilliseconds) OR created_at < \(bind: sessionsCreatedBefore.epochMilliseconds)"
            ).run()
            try await db.raw("DELETE FROM api_tokens WHERE expires_at < \(bind: tokensExpiredBefore.epochMilliseconds)").run()
            try await db.raw("DELETE FROM login_failures WHERE at < \(bind: sessionsIdleBefore.epochMilliseconds)").run()
        }
    }
}
