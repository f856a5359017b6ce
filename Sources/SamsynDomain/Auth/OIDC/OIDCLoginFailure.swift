import Foundation

/// Why a sign-in through an OpenID Connect provider was refused. Each has a stable reason code, written to the
/// access log (`auth.login_failed`), and a Swedish message for the person. Nothing from the provider's free text
/// reaches either.
public enum OIDCLoginFailure: Error, Equatable, Sendable {
    /// The provider sent `error=…` back (the person cancelled: `access_denied`). The code is sanitised.
    case providerError(String)
    /// The `state` is unknown, used before, expired, or not bound to this browser.
    case stateInvalid
    /// The token endpoint refused the authorization code (used before, wrong PKCE verifier, expired).
    case codeRejected
    /// Discovery, the key set or the token endpoint could not be read.
    case providerUnavailable
    case malformedToken
    /// The token's `alg` is not RS256 or ES256 (`none`, HS256 and the rest), or does not fit the key.
    case algorithmNotAllowed
    /// No key with the token's `kid`, also after fetching the key set again.
    case unknownKey
    case badSignature
    case wrongIssuer
    case wrongAudience
    case expired
    case missingIssuedAt
    case issuedInFuture
    case missingAuthTime
    case nonceMismatch
    case acrTooLow
    /// The claim that identifies the employee (or `sub`) is missing.
    case missingSubject
    case missingIdentityNumber
    case invalidIdentityNumber
    /// A staff identity not linked to an active Samsyn account.
    case notLinked
    /// The person's own session is not part of this Samsyn build.
    case citizenUnavailable

    public var reason: String {
        switch self {
        case .providerError(let code): "provider_error_" + Self.sanitised(code)
        case .stateInvalid: "state_invalid"
        case .codeRejected: "code_rejected"
        case .providerUnavailable: "provider_unavailable"
        case .malformedToken: "malformed_token"
        case .algorithmNotAllowed: "alg_not_allowed"
        case .unknownKey: "unknown_kid"
        case .badSignature: "bad_signature"
        case .wrongIssuer: "wrong_iss"
        case .wrongAudience: "wrong_aud"
        case .expired: "expired"
        case .missingIssuedAt: "missing_iat"
        case .issuedInFuture: "iat_in_future"
        case .missingAuthTime: "missing_auth_time"
        case .nonceMismatch: "nonce_mismatch"
        case .acrTooLow: "acr_too_low"
        case .missingSubject: "missing_subject"
        case .missingIdentityNumber: "missing_pnr"
        case .invalidIdentityNumber: "invalid_pnr"
        case .notLinked: "not_linked"
        case .citizenUnavailable: "citizen_unavailable"
        }
    }

    /// The provider's `error` code as a log-safe token (OAuth codes are lower-case letters and `_`).
    static func sanitised(_ code: String) -> String {
        let ok = !code.isEmpty && code.count <= 40 && code.allSatisfy { ("a"..."z").contains($0) || $0 == "_" }
        return ok ? code : "other"
    }

    public var message: String {
        switch self {
        case .providerError("access_denied"): "Inloggningen avbröts. Du är inte inloggad."
        case .providerError: "Inloggningstjänsten kunde inte logga in dig. Försök igen om en stund."
        case .stateInvalid: "Inloggningen gick ut eller har redan använts. Börja om från inloggningssidan."
        case .providerUnavailable: "Inloggningstjänsten svarar inte just nu. Försök igen om en stund."
        case .acrTooLow: "Inloggningen hade för låg säkerhetsnivå. Logga in med en e-legitimation, till exempel BankID eller Freja eID+."
        case .missingIdentityNumber: "Vi fick inget personnummer från inloggningstjänsten. Försök igen eller kontakta kommunen."
        case .invalidIdentityNumber: "Personnumret från inloggningstjänsten är inte giltigt. Kontakta kommunen."
        case .notLinked: "Din inloggning är inte kopplad till något aktivt konto i Samsyn. Kontakta systemadministratören."
        case .citizenUnavailable: "Inloggning med e-legitimation går inte att använda här ännu. Kontakta kommunen."
        default: "Inloggningen kunde inte godkännas. Börja om från inloggningssidan."
        }
    }
}
