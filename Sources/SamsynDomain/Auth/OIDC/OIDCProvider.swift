import Foundation

/// The two OpenID Connect providers Samsyn signs people in with, configured apart.
public enum OIDCProviderKind: String, Sendable, CaseIterable, Codable {
    /// The person's own e-legitimation (BankID, Freja eID+ through an identity broker).
    case citizen
    /// The city's staff sign-on (Entra ID, or SITHS through Inera).
    case staff

    /// What the login page's button says.
    public var buttonText: String {
        switch self {
        case .citizen: "Logga in med e-legitimation"
        case .staff: "Logga in med stadens inloggning"
        }
    }

    /// The line under the button: who it is for.
    public var hint: String {
        switch self {
        case .citizen: "För dig som har kontakt med socialtjänsten eller Jobbtorg. Använd BankID eller Freja eID+."
        case .staff: "För dig som arbetar i staden."
        }
    }
}

/// One provider's settings, parsed at start. The client secret comes only from the environment.
public struct OIDCProviderSettings: Sendable, Equatable {
    public var kind: OIDCProviderKind
    /// Exactly as the provider writes `iss`; discovery is read from `<issuer>/.well-known/openid-configuration`.
    public var issuer: String
    public var clientId: String
    public var clientSecret: String
    /// The redirect URI registered with the provider (`SAMSYN_PUBLIC_URL` + the callback path).
    public var redirectURI: String
    /// Accepted `acr` values (empty: `acr` is not checked; staff sign-on usually sends none).
    public var acceptedACR: [String]
    /// The claim that identifies the person or employee: the personnummer claim for citizens, the employee claim for staff.
    public var identityClaim: String
    /// Scopes asked for, `openid` first.
    public var scopes: [String]

    public init(
        kind: OIDCProviderKind, issuer: String, clientId: String, clientSecret: String, redirectURI: String, acceptedACR: [String], identityClaim: String,
        scopes: [String]
    ) {
        self.kind = kind
        self.issuer = issuer
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.acceptedACR = acceptedACR
        self.identityClaim = identityClaim
        self.scopes = scopes
    }

    /// The Swedish e-legitimation levels of assurance, lowest first (Elegitimationsnämnden / Digg).
    public static let loa2 = "http://id.elegnamnden.se/loa/1.0/loa2"
    public static let loa3 = "http://id.elegnamnden.se/loa/1.0/loa3"
    public static let loa4 = "http://id.elegnamnden.se/loa/1.0/loa4"
    public static let defaultCitizenACR = [loa3]
    public static let defaultPersonNumberClaim = "https://id.oidc.se/claim/personalIdentityNumber"
    public static let defaultStaffSubjectClaim = "sub"
    public static let citizenScopes = ["openid", "https://id.oidc.se/scope/naturalPersonNumber"]
    public static let staffScopes = ["openid", "profile"]

    /// Whether an `acr` in the ID token satisfies the configured levels: one of them exactly, or a higher
    /// level of the same Swedish scale (a loa4 login satisfies a loa3 requirement).
    public func accepts(acr: String?) -> Bool {
        if acceptedACR.isEmpty { return true }
        guard let acr else { return false }
        if acceptedACR.contains(acr) { return true }
        let scale = [Self.loa2, Self.loa3, Self.loa4]
        guard let got = scale.firstIndex(of: acr) else { return false }
        let lowest = acceptedACR.compactMap { scale.firstIndex(of: $0) }.min()
        return lowest.map { got >= $0 } ?? false
    }
}
