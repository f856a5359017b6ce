import Foundation
import Testing

@testable import SamsynDomain

@Suite("ID-token rules after the signature")
struct IDTokenRulesTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let provider = OIDCProviderSettings(
        kind: .citizen, issuer: "https://idp.example.se", clientId: "samsyn", clientSecret: "x", redirectURI: "https://s.example/cb",
        acceptedACR: [OIDCProviderSettings.loa3], identityClaim: OIDCProviderSettings.defaultPersonNumberClaim, scopes: ["openid"])

    static func good() -> IDTokenClaims {
        IDTokenClaims(
            issuer: "https://idp.example.se", audience: ["samsyn"], subject: "abc", expiresAt: now + 300, issuedAt: now, authTime: now - 10, nonce: "n-1",
            acr: OIDCProviderSettings.loa3, strings: [OIDCProviderSettings.defaultPersonNumberClaim: "199001612382"])
    }

    static func failure(_ change: (inout IDTokenClaims) -> Void) -> OIDCLoginFailure? {
        var c = good()
        change(&c)
        do {
            try IDTokenRules.check(c, provider: provider, nonce: "n-1", now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test("A good token passes; each broken rule is named")
    func rules() {
        #expect(Self.failure { _ in } == nil)
        #expect(Self.failure { $0.issuer = "https://idp.example.se/" } == .wrongIssuer)
        #expect(Self.failure { $0.audience = ["other"] } == .wrongAudience)
        #expect(Self.failure { $0.audience = ["samsyn", "other"] } == .wrongAudience)
        #expect(Self.failure { $0.audience = ["samsyn", "other"]; $0.authorizedParty = "samsyn" } == nil)
        #expect(Self.failure { $0.expiresAt = Self.now - 59 } == nil)
        #expect(Self.failure { $0.expiresAt = Self.now - 60 } == .expired)
        #expect(Self.failure { $0.expiresAt = nil } == .expired)
        #expect(Self.failure { $0.issuedAt = Self.now + 60 } == nil)
        #expect(Self.failure { $0.issuedAt = Self.now + 61 } == .issuedInFuture)
        #expect(Self.failure { $0.issuedAt = nil } == .missingIssuedAt)
        #expect(Self.failure { $0.authTime = nil } == .missingAuthTime)
        #expect(Self.failure { $0.nonce = "n-2" } == .nonceMismatch)
        #expect(Self.failure { $0.nonce = nil } == .nonceMismatch)
        #expect(Self.failure { $0.acr = OIDCProviderSettings.loa2 } == .acrTooLow)
        #expect(Self.failure { $0.acr = nil } == .acrTooLow)
        #expect(Self.failure { $0.acr = OIDCProviderSettings.loa4 } == nil)
        #expect(Self.failure { $0.acr = "http://id.swedenconnect.se/loa/1.0/uncertified-loa3" } == .acrTooLow)
    }

    @Test("The personnummer claim is read by Samsyn's own rules: 12 digits, samordningsnummer accepted")
    func identityNumber() throws {
        func read(_ v: String?) -> Result<String, OIDCLoginFailure> {
            var c = Self.good()
            c.strings[OIDCProviderSettings.defaultPersonNumberClaim] = v
            do { return .success(try IDTokenRules.identityNumber(c, provider: Self.provider, today: Self.now).digits) } catch { return .failure(error) }
        }
        #expect(try read("199001612382").get() == "199001612382")
        #expect(try read("19900101-2385").get() == "199001012385")
        #expect(read(nil) == .failure(.missingIdentityNumber))
        #expect(read("") == .failure(.missingIdentityNumber))
        #expect(read("199001012386") == .failure(.invalidIdentityNumber))
        #expect(read("9001012385") == .failure(.invalidIdentityNumber))
        #expect(read("19900101 2385") == .failure(.invalidIdentityNumber))
        #expect(read("١٩٩٠٠١٠١٢٣٨٥") == .failure(.invalidIdentityNumber))
    }

    @Test("Reason codes are log-safe; the provider's own error text never reaches them; every message is Swedish")
    func reasons() {
        #expect(OIDCLoginFailure.providerError("access_denied").reason == "provider_error_access_denied")
        #expect(OIDCLoginFailure.providerError("<script>").reason == "provider_error_other")
        #expect(OIDCLoginFailure.providerError("access_denied").message == "Inloggningen avbröts. Du är inte inloggad.")
        #expect(OIDCLoginFailure.stateInvalid.message.contains("Börja om"))
    }

    @Test("Staff identity links are validated in Swedish")
    func links() {
        #expect(StaffIdentityLink.validate(issuer: "https://login.example.com/t/v2.0", subject: "00000000-aaaa").isEmpty)
        #expect(StaffIdentityLink.validate(issuer: "", subject: "x").map(\.field) == ["issuer"])
        #expect(StaffIdentityLink.validate(issuer: "ftp://x", subject: "a b").map(\.field) == ["issuer", "subject"])
    }
}
