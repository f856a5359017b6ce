import Foundation

extension Authenticator {
    /// Starts a session for a staff member whose identity the staff sign-on has vouched for (the ID token is
    /// verified by the caller). Only an identity linked to an active account opens a session; anything else is
    /// refused and logged as `auth.login_failed` with the reason `not_linked`.
    public func startStaffSession(
        issuer: String, subject: String, links: any OIDCStore, method: String, requestId: String
    ) async throws -> NewSession {
        guard let user = try await links.user(issuer: issuer, subject: subject), user.active else {
            try await logLoginFailure(.notLinked, provider: .staff, requestId: requestId)
            throw OIDCLoginFailure.notLinked
        }
        let now = clock.now()
        let token = tokens.newToken()
        let record = SessionRecord(tokenHash: tokens.hash(token), userId: user.id, csrfToken: tokens.newToken(), createdAt: now, lastSeenAt: now)
        try await sessions.create(record)
        try await log.append([AccessLogEntry(at: now, requestId: requestId, actor: user, action: .authLogin, outcome: .allowed, detail: method)])
        return NewSession(token: token, record: record, user: user)
    }

    /// The access-log row of a refused sign-in through a provider: `auth.login_failed`, reason `<provider>:<code>`.
    /// `reason` overrides the failure's own code (the person has no file: `no_file`).
    public func logLoginFailure(_ failure: OIDCLoginFailure, provider: OIDCProviderKind?, requestId: String, reason: String? = nil) async throws {
        let detail = "\(provider?.rawValue ?? "oidc"):\(reason ?? failure.reason)"
        try await log.append([AccessLogEntry(at: clock.now(), requestId: requestId, actor: nil, action: .authLoginFailed, outcome: .denied, detail: detail)])
    }

    /// The session's token hash, as the store keys it (for the logout hint kept on the session row).
    public func sessionHash(_ token: String) -> String { tokens.hash(token) }
}

/// The administrator links a staff account to its identity at the staff sign-on, and unlinks it. Every change
/// is in the access log, in the same transaction.
public struct StaffIdentityLinks: Sendable {
    let store: any OIDCStore
    let users: any UserStore
    let clock: any Clock

    public init(store: any OIDCStore, users: any UserStore, clock: any Clock) {
        self.store = store
        self.users = users
        self.clock = clock
    }

    public func link(userId: UUID, issuer rawIssuer: String, subject rawSubject: String, actor: StaffUser?, requestId: String, channel: String) async throws {
        if let actor { guard MenuCapabilities(actor).administration else { throw DomainError.forbidden } }
        let issuer = rawIssuer.trimmingCharacters(in: .whitespacesAndNewlines)
        let subject = rawSubject.trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = StaffIdentityLink.validate(issuer: issuer, subject: subject)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        guard let user = try await users.user(id: userId) else { throw DomainError.notFound }
        let now = clock.now()
        try await store.link(
            StaffIdentityLink(userId: user.id, issuer: issuer, subject: subject, linkedAt: now),
            audit: AccessLogEntry(
                at: now, requestId: requestId, actor: actor, action: .staffIdentityLink, outcome: .allowed, detail: channel,
                after: "\(user.username) \(issuer)"))
    }

    public func unlink(userId: UUID, actor: StaffUser?, requestId: String, channel: String) async throws {
        if let actor { guard MenuCapabilities(actor).administration else { throw DomainError.forbidden } }
        guard let user = try await users.user(id: userId) else { throw DomainError.notFound }
        let removed = try await store.unlink(
            userId: user.id,
            audit: AccessLogEntry(
                at: clock.now(), requestId: requestId, actor: actor, action: .staffIdentityUnlink, outcome: .allowed, detail: channel, before: user.username))
        guard removed else { throw DomainError(.notFound, "Kontot är inte kopplat till någon inloggning.") }
    }

    public func links() async throws -> [StaffIdentityLink] { try await store.links() }
}
