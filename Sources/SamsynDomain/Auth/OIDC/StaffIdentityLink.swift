import Foundation

/// A staff account's link to exactly one identity at the staff sign-on: (issuer, subject). One identity opens
/// one account, one account has one identity; the administrator links and unlinks.
public struct StaffIdentityLink: Sendable, Equatable {
    public let userId: UUID
    public let issuer: String
    public let subject: String
    public let linkedAt: Date

    public static let maxLength = 300

    public init(userId: UUID, issuer: String, subject: String, linkedAt: Date) {
        self.userId = userId
        self.issuer = issuer
        self.subject = subject
        self.linkedAt = linkedAt
    }

    /// Field errors in Swedish for a link the administrator is about to make.
    public static func validate(issuer: String, subject: String) -> [FieldError] {
        var errors: [FieldError] = []
        if issuer.isEmpty {
            errors.append(FieldError(field: "issuer", message: "Ange inloggningstjänstens utfärdare (issuer)."))
        } else if issuer.count > maxLength || !(issuer.hasPrefix("https://") || issuer.hasPrefix("http://")) || issuer.contains(where: \.isWhitespace) {
            errors.append(FieldError(field: "issuer", message: "Utfärdaren ska vara en adress som börjar med https://."))
        }
        if subject.isEmpty {
            errors.append(FieldError(field: "subject", message: "Ange medarbetarens id hos inloggningstjänsten."))
        } else if subject.count > maxLength || subject.contains(where: { $0.isWhitespace || $0.isNewline }) {
            errors.append(FieldError(field: "subject", message: "Id:t får inte innehålla mellanslag och högst \(maxLength) tecken."))
        }
        return errors
    }
}

/// A sign-in under way: what Samsyn sent to the provider, kept server-side until the callback (single use).
public struct OIDCPendingLogin: Sendable, Equatable {
    /// The hash of `state` (the value itself only travels through the browser).
    public let stateHash: String
    /// The hash of the value in the short-lived cookie that binds the sign-in to this browser.
    public let browserHash: String
    public let provider: OIDCProviderKind
    public let nonce: String
    public let codeVerifier: String
    public let createdAt: Date

    /// How long the person has at the provider.
    public static let lifetime: TimeInterval = 10 * 60

    public init(stateHash: String, browserHash: String, provider: OIDCProviderKind, nonce: String, codeVerifier: String, createdAt: Date) {
        self.stateHash = stateHash
        self.browserHash = browserHash
        self.provider = provider
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.createdAt = createdAt
    }
}

/// Identity links, sign-ins under way and what RP-initiated logout needs, in the database.
public protocol OIDCStore: Sendable {
    func savePending(_ login: OIDCPendingLogin) async throws
    /// Removes and returns the sign-in with this state: a second call with the same state finds nothing.
    /// Sign-ins older than their lifetime are removed on the way.
    func takePending(stateHash: String, now: Date) async throws -> OIDCPendingLogin?

    /// Throws `DomainError.conflict`-kind errors when the account or the identity is already linked.
    func link(_ link: StaffIdentityLink, audit: AccessLogEntry) async throws
    /// Whether there was a link to remove.
    func unlink(userId: UUID, audit: AccessLogEntry) async throws -> Bool
    func links() async throws -> [StaffIdentityLink]
    /// The account linked to this identity, active or not.
    func user(issuer: String, subject: String) async throws -> StaffUser?

    /// Remembers, on the session row, which provider signed it in and the ID token (the `id_token_hint` of logout).
    func setLogoutHint(sessionTokenHash: String, provider: OIDCProviderKind, idToken: String) async throws
    func logoutHint(sessionTokenHash: String) async throws -> (provider: OIDCProviderKind, idToken: String)?
}
