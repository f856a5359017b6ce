import Foundation
import SQLKit
import SamsynDomain

/// Failed logins per client address (migration 0029 added the column).
extension SQLSessionStore {
    public func recordFailedLogin(username: String, client: String?, at: Date) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO login_failures (id, username, at, client)
                VALUES (\(bind: UUID().uuidString), \(bind: String(username.prefix(100))), \(bind: at.epochMilliseconds), \(bind: client.map { String($0.prefix(64)) }))
                """
            ).run()
        }
    }

    public func failedLogins(client: String, since: Date) async throws -> (count: Int, oldest: Date?) {
        struct C: Decodable { let n: Int, oldest: Int64? }
        let row = try await database.read { db in
            try await db.raw(
                "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE client = \(bind: String(client.prefix(64))) AND at >= \(bind: since.epochMilliseconds)"
            ).first(decoding: C.self)
        }
        return (row?.n ?? 0, row?.oldest.map { Date(epochMilliseconds: $0) })
    }
}
