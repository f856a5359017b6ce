import Foundation
import SamsynDomain
import SamsynStorage

/// How people sign in: the two OpenID Connect providers (each optional, configured apart) and whether the
/// password form is offered. Parsed once at start from the environment; a bad value stops the start naming it.
public struct LoginConfiguration: Sendable, Equatable {
    /// Where browsers reach Samsyn (`SAMSYN_PUBLIC_URL`), without a trailing slash: the redirect URIs are built from it.
    public var publicURL: String?
    /// `SAMSYN_PASSWORD_LOGIN=false` turns the password form off (production with a staff sign-on).
    public var passwordLogin: Bool = true
    public var citizen: OIDCProviderSettings?
    public var staff: OIDCProviderSettings?
    /// `SAMSYN_TRUST_PROXY=true`: Samsyn runs behind a reverse proxy, and the client address the login throttle
    /// counts is the last one in `X-Forwarded-For` (the one the proxy added), not the connection's.
    public var trustProxy = false

    public init(publicURL: String? = nil, passwordLogin: Bool = true, citizen: OIDCProviderSettings? = nil, staff: OIDCProviderSettings? = nil) {
        self.publicURL = publicURL
        self.passwordLogin = passwordLogin
        self.citizen = citizen
        self.staff = staff
    }

    public func provider(_ kind: OIDCProviderKind) -> OIDCProviderSettings? {
        switch kind {
        case .citizen: citizen
        case .staff: staff
        }
    }

    public var providers: [OIDCProviderSettings] { [citizen, staff].compactMap { $0 } }

    /// The providers' origins (`https://host[:port]`), distinct: the CSP's `form-action` allows them for logout.
    public var providerOrigins: [String] {
        var seen: [String] = []
        for p in providers {
            guard let u = URLComponents(string: p.issuer), let scheme = u.scheme, let host = u.host else { continue }
            let origin = "\(scheme)://\(host)" + (u.port.map { ":\($0)" } ?? "")
            if !seen.contains(origin) { seen.append(origin) }
        }
        return seen
    }

    public static func callbackPath(_ kind: OIDCProviderKind) -> String { "/login/oidc/\(kind.rawValue)/callback" }

    public static func parse(_ env: [String: String]) throws(ConfigurationError) -> LoginConfiguration {
        var c = LoginConfiguration()
        if let s = env["SAMSYN_PASSWORD_LOGIN"] {
            switch s.lowercased() {
            case "1", "true", "yes", "": c.passwordLogin = true
            case "0", "false", "no": c.passwordLogin = false
            default: throw ConfigurationError("SAMSYN_PASSWORD_LOGIN: use true or false")
            }
        }
        if let s = env["SAMSYN_TRUST_PROXY"] {
            switch s.lowercased() {
            case "1", "true", "yes": c.trustProxy = true
            case "0", "false", "no", "": c.trustProxy = false
            default: throw ConfigurationError("SAMSYN_TRUST_PROXY: use true or false")
            }
        }
        if let u = env["SAMSYN_PUBLIC_URL"], !u.isEmpty {
            c.publicURL = try url(u, name: "SAMSYN_PUBLIC_URL")
        }
        c.citizen = try provider(.citizen, prefix: "SAMSYN_OIDC_CITIZEN_", env: env, publicURL: c.publicURL)
        c.staff = try provider(.staff, prefix: "SAMSYN_OIDC_STAFF_", env: env, publicURL: c.publicURL)
        if !c.passwordLogin && c.staff == nil {
            throw ConfigurationError("SAMSYN_PASSWORD_LOGIN=false needs SAMSYN_OIDC_STAFF_ISSUER: staff would have no way to log in")
        }
        return c
    }

    static func provider(_ kind: OIDCProviderKind, prefix: String, env: [String: String], publicURL: String?) throws(ConfigurationError)
        -> OIDCProviderSettings?
    {
        func value(_ key: String) -> String? {
            let v = env[prefix + key]?.trimmingCharacters(in: .whitespaces)
            return v?.isEmpty == false ? v : nil
        }
        let keys = ["ISSUER", "CLIENT_ID", "CLIENT_SECRET", "ACR", kind == .citizen ? "PNR_CLAIM" : "SUBJECT_CLAIM"]
        guard let issuerText = value("ISSUER") else {
            if let stray = keys.first(where: { value($0) != nil }) {
                throw ConfigurationError("\(prefix)\(stray) is set but \(prefix)ISSUER is not")
            }
            return nil
        }
        let issuer = try url(issuerText, name: prefix + "ISSUER", keepSlash: true)
        guard let publicURL else { throw ConfigurationError("\(prefix)ISSUER needs SAMSYN_PUBLIC_URL (the redirect URI is built from it)") }
        guard let clientId = value("CLIENT_ID") else { throw ConfigurationError("\(prefix)CLIENT_ID: missing") }
        guard clientId.count <= 300, !clientId.contains(where: \.isWhitespace) else { throw ConfigurationError("\(prefix)CLIENT_ID: not a client id") }
        guard let secret = env[prefix + "CLIENT_SECRET"], !secret.isEmpty else {
            throw ConfigurationError("\(prefix)CLIENT_SECRET: missing (set it in the environment)")
        }
        var acr: [String] = kind == .citizen ? OIDCProviderSettings.defaultCitizenACR : []
        if let s = value("ACR") {
            acr = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !acr.isEmpty, acr.allSatisfy({ $0.count <= 200 && !$0.contains(where: \.isWhitespace) }) else {
                throw ConfigurationError("\(prefix)ACR: a comma-separated list of acr values")
            }
        }
        let claimKey = kind == .citizen ? "PNR_CLAIM" : "SUBJECT_CLAIM"
        let claim = value(claimKey) ?? (kind == .citizen ? OIDCProviderSettings.defaultPersonNumberClaim : OIDCProviderSettings.defaultStaffSubjectClaim)
        guard claim.count <= 200, !claim.contains(where: \.isWhitespace) else { throw ConfigurationError("\(prefix)\(claimKey): not a claim name") }
        return OIDCProviderSettings(
            kind: kind, issuer: issuer, clientId: clientId, clientSecret: secret, redirectURI: publicURL + callbackPath(kind), acceptedACR: acr,
            identityClaim: claim, scopes: kind == .citizen ? OIDCProviderSettings.citizenScopes : OIDCProviderSettings.staffScopes)
    }

    /// An absolute https URL (http only on loopback, for tests and demos), without query or fragment.
    static func url(_ text: String, name: String, keepSlash: Bool = false) throws(ConfigurationError) -> String {
        guard let u = URLComponents(string: text), let scheme = u.scheme?.lowercased(), let host = u.host, !host.isEmpty,
            u.query == nil, u.fragment == nil, u.user == nil
        else { throw ConfigurationError("\(name): '\(text.prefix(100))' is not an absolute URL") }
        let loopback = host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw ConfigurationError("\(name): use https (http only on 127.0.0.1 or localhost)")
        }
        if keepSlash { return text }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }
}
