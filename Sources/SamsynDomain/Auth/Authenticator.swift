import Foundation

/// Password hashing, implemented with bcrypt off the event loop by the web layer.
public protocol PasswordHasher: Sendable {
    /// A hash of a random password, verified against when the username is unknown so that
    /// an unknown user takes as long as a wrong password.
    var dummyHash: String { get }
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, hash: String) async throws -> Bool
}

/// Random tokens and their one-way hashes (the store keeps only hashes).
public protocol TokenService: Sendable {
    /// A new random token, at least 128 bits, URL-safe.
    func newToken() -> String
    func hash(_ token: String) -> String
}

/// Logging in, sessions and API tokens, with the rules of `SessionPolicy` and `LoginThrottlePolicy`.
public struct Authenticator: Sendable {
    let users: any UserStore
    let sessions: any SessionStore
    let log: any AccessLog
    let hasher: any PasswordHasher
    let tokens: any TokenService
    let clock: any Clock
    public let policy: SessionPolicy
    let throttle: LoginThrottlePolicy
    /// Citizen accounts, for the person who logs in with e-legitimation (nil: no citizen login).
    let citizens: (any CitizenAccountStore)?

    public init(
        users: any UserStore, sessions: any SessionStore, log: any AccessLog, hasher: any PasswordHasher, tokens: any TokenService,
        clock: any Clock, policy: SessionPolicy = .standard, throttle: LoginThrottlePolicy = .standard, citizens: (any CitizenAccountStore)? = nil
    ) {
        self.users = users
        self.sessions = sessions
        self.log = log
        self.hasher = hasher
        self.tokens = tokens
        self.clock = clock
        self.policy = policy
        self.throttle = throttle
        self.citizens = citizens
    }

    /// The stored hash of an account that has no password (a citizen account, which logs in with e-legitimation):
    /// no password verifies against it.
    public static let noPassword = "!e-legitimation"

    /// Starts a session for the person behind a verified personnummer or samordningsnummer (the identity provider
    /// has proved it; the caller has checked the token). The person must have a file at some committee; their
    /// citizen account is created at the first login. Throws `notFound` with a kind message when Samsyn holds no
    /// file, `unauthenticated` when the account is disabled. `method` names the provider for the log (`oidc`, …).
    public func startCitizenSession(identityNumber: PersonalIdentityNumber, method: String, requestId: String) async throws -> NewSession {
        guard let citizens else { throw DomainError(.unavailable, "Inloggning med e-legitimation är inte påslagen.") }
        let now = clock.now()
        guard let found = try await citizens.citizen(identityNumber: identityNumber.digits) else {
            try await log.append([AccessLogEntry(at: now, requestId: requestId, actor: nil, action: .authLogin, outcome: .denied, detail: "citizen_no_file")])
            throw DomainError(.notFound, OwnPageRules.noFileMessage)
        }
        var user = try await citizens.citizenAccount(personId: found.personId)
        if user == nil {
            let account = StaffUser(
                id: UUID(), username: "person-" + found.personId.uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(24), displayName: found.displayName,
                role: .citizen, unitId: found.unitId, committeeId: "", active: true, personId: found.personId)
            user = try await citizens.createCitizenAccount(
                account, audit: AccessLogEntry(at: now, requestId: requestId, actor: nil, personId: found.personId, action: .citizenAccountCreate, outcome: .allowed, detail: method))
        }
        guard let user, user.active else {
            try await log.append([AccessLogEntry(at: now, requestId: requestId, actor: user, personId: found.personId, action: .authLogin, outcome: .denied, detail: "disabled")])
            throw DomainError(.unauthenticated, "Ditt konto i Samsyn är avstängt. Kontakta mottagningen i din stadsdel.")
        }
        let token = tokens.newToken()
        let record = SessionRecord(tokenHash: tokens.hash(token), userId: user.id, csrfToken: tokens.newToken(), createdAt: now, lastSeenAt: now)
        try await sessions.create(record)
        try await log.append([AccessLogEntry(at: now, requestId: requestId, actor: user, personId: found.personId, action: .authLogin, outcome: .allowed, detail: "citizen_\(method)")])
        return NewSession(token: token, record: record, user: user)
    }

    /// Checks the credentials. Throws `unauthenticated` with the same message for an unknown user and a
    /// wrong password, and `throttled` (with `ThrottledLogin.retryAfter`) when the client address has failed too
    /// often. Failures of one account only slow its next attempts (`LoginThrottlePolicy.accountDelay`): the
    /// owner's right password always gets in.
    public func checkCredentials(
        username rawUsername: String, password: String, requestId: String, client: String? = nil, waits: Bool = true
    ) async throws -> StaffUser {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        try await throttleGate(username: username, client: client, requestId: requestId, waits: waits)
        let now = clock.now()
        let found = username.isEmpty || username.count > 100 ? nil : try await users.credentials(username: username)
        // An account without a password (e-legitimation only) is checked against the dummy hash and never matches.
        let usable = found.map { $0.passwordHash != Self.noPassword } ?? false
        let ok = try await hasher.verify(password, hash: usable ? found!.passwordHash : hasher.dummyHash) && usable
        guard let found, ok, found.user.active else {
            try await sessions.recordFailedLogin(username: username, client: client, at: now)
            let reason = found == nil ? "unknown_user" : (ok ? "disabled" : "wrong_password")
            try await log.append([AccessLogEntry(at: now, requestId: requestId, actor: found?.user, action: .authLogin, outcome: .denied, detail: reason)])
            throw DomainError(.unauthenticated, LoginThrottlePolicy.failedMessage)
        }
        try await sessions.clearFailedLogins(username: username)
        return found.user
    }

    public struct NewSession: Sendable {
        /// Goes in the cookie; only its hash is stored.
        public let token: String
        public let record: SessionRecord
        public let user: StaffUser
    }

    /// Logs in and starts a fresh session (a new id at every login).
    public func login(username: String, password: String, requestId: String, client: String? = nil) async throws -> NewSession {
        let user = try await checkCredentials(username: username, password: password, requestId: requestId, client: client)
        let now = clock.now()
        let token = tokens.newToken()
        let record = SessionRecord(tokenHash: tokens.hash(token), userId: user.id, csrfToken: tokens.newToken(), createdAt: now, lastSeenAt: now)
        try await sessions.create(record)
        try await log.append([AccessLogEntry(at: now, requestId: requestId, actor: user, action: .authLogin, outcome: .allowed, detail: "page")])
        return NewSession(token: token, record: record, user: user)
    }

    /// The session and its user, if the token is valid now; touches it (idle timeout restarts).
    /// A disabled user's session is ended at once.
    public func resume(sessionToken token: String) async throws -> (SessionRecord, StaffUser)? {
        let hash = tokens.hash(token)
        guard let (session, user) = try await sessions.sessionWithUser(tokenHash: hash) else {
            // A session whose user is gone is removed like an expired one.
            if try await sessions.session(tokenHash: hash) != nil { try await sessions.delete(tokenHash: hash) }
            return nil
        }
        let now = clock.now()
        guard policy.isValid(created: session.createdAt, lastSeen: session.lastSeenAt, now: now) else {
            try await sessions.delete(tokenHash: hash)
            return nil
        }
        guard user.active else {
            try await sessions.delete(tokenHash: hash)
            return nil
        }
        // Write the touch at most once a minute: the idle timeout is 30 minutes, this keeps reads cheap.
        if now.timeIntervalSince(session.lastSeenAt) >= 60 {
            try await sessions.touch(tokenHash: hash, at: now)
        }
        return (session, user)
    }

    public func logout(sessionToken token: String, user: StaffUser?, requestId: String) async throws {
        try await sessions.delete(tokenHash: tokens.hash(token))
        try await log.append([AccessLogEntry(at: clock.now(), requestId: requestId, actor: user, action: .authLogout, outcome: .allowed)])
    }

    /// Issues an API bearer token (stored hashed, expiring).
    public func issueToken(username: String, password: String, requestId: String, client: String? = nil) async throws -> (token: String, expiresAt: Date) {
        let user = try await checkCredentials(username: username, password: password, requestId: requestId, client: client, waits: false)
        let now = clock.now()
        let token = tokens.newToken()
        let expires = now + policy.tokenLifetime
        try await sessions.createToken(APITokenRecord(tokenHash: tokens.hash(token), userId: user.id, createdAt: now, expiresAt: expires))
        try await log.append([AccessLogEntry(at: now, requestId: requestId, actor: user, action: .authToken, outcome: .allowed, detail: "api")])
        return (token, expires)
    }

    /// The user behind a bearer token, if it is valid and the user active.
    public func resume(bearerToken token: String) async throws -> StaffUser? {
        guard token.count <= 200, let record = try await sessions.token(tokenHash: tokens.hash(token)) else { return nil }
        guard record.expiresAt > clock.now() else { return nil }
        guard let user = try await users.user(id: record.userId), user.active else { return nil }
        return user
    }
}
