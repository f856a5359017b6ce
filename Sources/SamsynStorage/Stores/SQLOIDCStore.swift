import Foundation
import SQLKit
import SamsynDomain

/// Staff identity links, sign-ins under way and the logout hint on the session row.
public struct SQLOIDCStore: OIDCStore {
    let database: Database
    public init(database: Database) { self.database = database }

    private struct PendingRow: Decodable {
        let state_hash: String, browser_hash: String, provider: String, nonce: String, code_verifier: String, created_at: Int64
    }

    /// Sign-ins never completed are removed as new ones start (starting one needs no login, so they must not pile up).
    public func savePending(_ p: OIDCPendingLogin) async throws {
        let cutoff = (p.createdAt - OIDCPendingLogin.lifetime).epochMilliseconds
        try await database.write { db in
            try await db.raw("DELETE FROM oidc_pending_logins WHERE created_at < \(bind: cutoff)").run()
            try await db.raw(
                """
                INSERT INTO oidc_pending_logins (state_hash, browser_hash, provider, nonce, code_verifier, created_at)
                VALUES (\(bind: p.stateHash), \(bind: p.browserHash), \(bind: p.provider.rawValue), \(bind: p.nonce), \(bind: p.codeVerifier), \(bind: p.createdAt.epochMilliseconds))
                """
            ).run()
        }
    }

    public func takePending(stateHash: String, now: Date) async throws -> OIDCPendingLogin? {
        let cutoff = (now - OIDCPendingLogin.lifetime).epochMilliseconds
        let row = try await database.write { db in
            try await db.raw("DELETE FROM oidc_pending_logins WHERE created_at < \(bind: cutoff)").run()
            // DELETE … RETURNING: of two callbacks with the same state, only one gets the row.
            return try await db.raw(
                """
                DELETE FROM oidc_pending_logins WHERE state_hash = \(bind: stateHash)
                RETURNING state_hash, browser_hash, provider, nonce, code_verifier, created_at
                """
            ).first(decoding: PendingRow.self)
        }
        return try row.map {
            try OIDCPendingLogin(
                stateHash: $0.state_hash, browserHash: $0.browser_hash, provider: Strict("oidc_pending_logins").value("provider", $0.provider),
                nonce: $0.nonce, codeVerifier: $0.code_verifier, createdAt: Date(epochMilliseconds: $0.created_at))
        }
    }

    public func link(_ link: StaffIdentityLink, audit: AccessLogEntry) async throws {
        do {
            try await database.write { db in
                try await db.raw(
                    """
                    INSERT INTO staff_identity_links (user_id, issuer, subject, linked_at)
                    VALUES (\(bind: link.userId.uuidString), \(bind: link.issuer), \(bind: link.subject), \(bind: link.linkedAt.epochMilliseconds))
                    """
                ).run()
                try await AccessLogChain.append([audit], on: db, kind: database.kind)
            }
        } catch where error.isUniqueViolation {
            throw DomainError(
                .conflict, "Kontot är redan kopplat till en inloggning, eller inloggningen till ett annat konto. Ta bort den kopplingen först.",
                fields: [FieldError(field: "subject", message: "Kontot eller inloggningen är redan kopplad.")])
        }
    }

    public func unlink(userId: UUID, audit: AccessLogEntry) async throws -> Bool {
        struct R: Decodable { let user_id: String }
        return try await database.write { db in
            let gone = try await db.raw("DELETE FROM staff_identity_links WHERE user_id = \(bind: userId.uuidString) RETURNING user_id").all(decoding: R.self)
            guard !gone.isEmpty else { return false }
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            // The account's sessions from the staff sign-on end with the link.
            try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: userId.uuidString) AND oidc_provider = \(bind: OIDCProviderKind.staff.rawValue)").run()
            return true
        }
    }

    public func links() async throws -> [StaffIdentityLink] {
        struct R: Decodable { let user_id: String, issuer: String, subject: String, linked_at: Int64 }
        let rows = try await database.read { db in
            try await db.raw("SELECT user_id, issuer, subject, linked_at FROM staff_identity_links ORDER BY linked_at").all(decoding: R.self)
        }
        return try rows.map {
            try StaffIdentityLink(
                userId: Strict("staff_identity_links").uuid("user_id", $0.user_id), issuer: $0.issuer, subject: $0.subject,
                linkedAt: Date(epochMilliseconds: $0.linked_at))
        }
    }

    public func user(issuer: String, subject: String) async throws -> StaffUser? {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(SQLUserStore.columns) FROM staff_identity_links l JOIN users u ON u.id = l.user_id JOIN units n ON n.id = u.unit_id
                WHERE l.issuer = \(bind: issuer) AND l.subject = \(bind: subject)
                """
            ).first(decoding: SQLUserStore.Row.self)?.user()
        }
    }

    public func setLogoutHint(sessionTokenHash: String, provider: OIDCProviderKind, idToken: String) async throws {
        try await database.write { db in
            try await db.raw(
                "UPDATE sessions SET oidc_provider = \(bind: provider.rawValue), oidc_id_token = \(bind: idToken) WHERE token_hash = \(bind: sessionTokenHash)"
            ).run()
        }
    }

    public func logoutHint(sessionTokenHash: String) async throws -> (provider: OIDCProviderKind, idToken: String)? {
        struct R: Decodable { let oidc_provider: String?, oidc_id_token: String? }
        let row = try await database.read { db in
            try await db.raw("SELECT oidc_provider, oidc_id_token FROM sessions WHERE token_hash = \(bind: sessionTokenHash)").first(decoding: R.self)
        }
        guard let row, let p = row.oidc_provider, let token = row.oidc_id_token else { return nil }
        return (try Strict("sessions").value("oidc_provider", p), token)
    }
}
