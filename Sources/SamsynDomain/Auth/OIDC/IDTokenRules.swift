import Foundation

/// The claims of an ID token whose signature has been verified, as Samsyn reads them.
public struct IDTokenClaims: Sendable, Equatable {
    public var issuer: String?
    public var audience: [String]
    public var authorizedParty: String?
    public var subject: String?
    public var expiresAt: Date?
    public var issuedAt: Date?
    public var authTime: Date?
    public var nonce: String?
    public var acr: String?
    /// Every claim whose value is a string, by name: the configured identity claims are read from here.
    public var strings: [String: String]

    public init(
        issuer: String? = nil, audience: [String] = [], authorizedParty: String? = nil, subject: String? = nil, expiresAt: Date? = nil,
        issuedAt: Date? = nil, authTime: Date? = nil, nonce: String? = nil, acr: String? = nil, strings: [String: String] = [:]
    ) {
        self.issuer = issuer
        self.audience = audience
        self.authorizedParty = authorizedParty
        self.subject = subject
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.authTime = authTime
        self.nonce = nonce
        self.acr = acr
        self.strings = strings
    }
}

/// ID-token validation after the signature (OpenID Connect Core 3.1.3.7, the Swedish OIDC profile 1.0).
public enum IDTokenRules {
    /// The most clock difference tolerated between Samsyn and the provider.
    public static let skew: TimeInterval = 60

    /// Throws the first rule the claims break: `iss` exactly, `aud` containing our client id (and `azp` ours when
    /// there are several audiences), `exp` not passed and `iat` not in the future beyond the skew, `auth_time`
    /// present, `nonce` the one sent, `acr` accepted.
    public static func check(_ c: IDTokenClaims, provider: OIDCProviderSettings, nonce: String, now: Date) throws(OIDCLoginFailure) {
        guard c.issuer == provider.issuer else { throw .wrongIssuer }
        guard c.audience.contains(provider.clientId) else { throw .wrongAudience }
        if c.audience.count > 1, c.authorizedParty != provider.clientId { throw .wrongAudience }
        if let azp = c.authorizedParty, azp != provider.clientId { throw .wrongAudience }
        guard let exp = c.expiresAt, now.timeIntervalSince(exp) < skew else { throw .expired }
        guard let iat = c.issuedAt else { throw .missingIssuedAt }
        guard iat.timeIntervalSince(now) <= skew else { throw .issuedInFuture }
        guard c.authTime != nil else { throw .missingAuthTime }
        guard let sent = c.nonce, !nonce.isEmpty, constantTimeEqual(sent, nonce) else { throw .nonceMismatch }
        guard provider.accepts(acr: c.acr) else { throw .acrTooLow }
    }

    /// The personnummer or samordningsnummer from the configured claim, by Samsyn's own rules.
    public static func identityNumber(_ c: IDTokenClaims, provider: OIDCProviderSettings, today: Date) throws(OIDCLoginFailure) -> PersonalIdentityNumber {
        guard let raw = c.strings[provider.identityClaim], !raw.isEmpty else { throw .missingIdentityNumber }
        // The profile sends 12 digits without a hyphen; a broker may send 8+4 with a hyphen. A 10-digit form, whose
        // century is a guess, is refused.
        let digits = raw.filter(\.isNumber)
        let shapeOK = digits.count == 12 && (raw.count == 12 || (raw.count == 13 && raw.dropFirst(8).first == "-"))
        guard shapeOK, raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let number = try? PersonalIdentityNumber.parse(raw, today: today) else { throw .invalidIdentityNumber }
        return number
    }

    /// The employee's identifier from the configured claim (`sub`, `oid`, an HSA-id).
    public static func staffSubject(_ c: IDTokenClaims, provider: OIDCProviderSettings) throws(OIDCLoginFailure) -> String {
        let value = provider.identityClaim == "sub" ? c.subject : c.strings[provider.identityClaim]
        guard let value, !value.isEmpty, value.count <= StaffIdentityLink.maxLength else { throw .missingSubject }
        return value
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var d: UInt8 = 0
        for i in 0..<x.count { d |= x[i] ^ y[i] }
        return d == 0
    }
}
