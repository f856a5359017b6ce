import Foundation
import SamsynDomain
import SamsynStorage
import SamsynWeb
import Testing

@Suite("Login settings, parsed at start")
struct LoginConfigurationTests {
    static let staff = [
        "SAMSYN_PUBLIC_URL": "https://samsyn.stockholm.example/",
        "SAMSYN_OIDC_STAFF_ISSUER": "https://login.example.com/tenant/v2.0",
        "SAMSYN_OIDC_STAFF_CLIENT_ID": "samsyn",
        "SAMSYN_OIDC_STAFF_CLIENT_SECRET": "s3cret",
    ]

    static func message(_ env: [String: String]) -> String? {
        do {
            _ = try AppConfig.parse(host: nil, port: nil, environment: env)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("Nothing set: password login only, as in the README's demo")
    func defaults() throws {
        let c = try AppConfig.parse(host: nil, port: nil, environment: [:]).login
        #expect(c.passwordLogin && c.citizen == nil && c.staff == nil && !c.trustProxy)
    }

    @Test("Both providers configured apart, with their defaults and redirect URIs")
    func bothProviders() throws {
        var env = Self.staff
        env["SAMSYN_OIDC_CITIZEN_ISSUER"] = "https://broker.example.se"
        env["SAMSYN_OIDC_CITIZEN_CLIENT_ID"] = "samsyn-citizen"
        env["SAMSYN_OIDC_CITIZEN_CLIENT_SECRET"] = "other"
        env["SAMSYN_OIDC_STAFF_SUBJECT_CLAIM"] = "oid"
        env["SAMSYN_PASSWORD_LOGIN"] = "false"
        let c = try AppConfig.parse(host: nil, port: nil, environment: env).login
        #expect(!c.passwordLogin)
        let citizen = try #require(c.citizen)
        #expect(citizen.redirectURI == "https://samsyn.stockholm.example/login/oidc/citizen/callback")
        #expect(citizen.acceptedACR == [OIDCProviderSettings.loa3])
        #expect(citizen.identityClaim == "https://id.oidc.se/claim/personalIdentityNumber")
        #expect(citizen.clientSecret == "other")
        let staff = try #require(c.staff)
        #expect(staff.identityClaim == "oid")
        #expect(staff.acceptedACR.isEmpty)
        #expect(staff.redirectURI == "https://samsyn.stockholm.example/login/oidc/staff/callback")
        #expect(staff.issuer == "https://login.example.com/tenant/v2.0")
    }

    @Test("A bad setting stops the start, naming it")
    func refusals() {
        var e = Self.staff
        e["SAMSYN_OIDC_STAFF_CLIENT_SECRET"] = nil
        #expect(Self.message(e)?.hasPrefix("SAMSYN_OIDC_STAFF_CLIENT_SECRET") == true)
        e = Self.staff
        e["SAMSYN_PUBLIC_URL"] = nil
        #expect(Self.message(e)?.contains("SAMSYN_PUBLIC_URL") == true)
        e = Self.staff
        e["SAMSYN_OIDC_STAFF_ISSUER"] = "http://login.example.com"
        #expect(Self.message(e)?.hasPrefix("SAMSYN_OIDC_STAFF_ISSUER: use https") == true)
        #expect(Self.message(["SAMSYN_OIDC_CITIZEN_CLIENT_ID": "x"])?.hasPrefix("SAMSYN_OIDC_CITIZEN_CLIENT_ID is set but SAMSYN_OIDC_CITIZEN_ISSUER is not") == true)
        #expect(Self.message(["SAMSYN_PASSWORD_LOGIN": "false"])?.hasPrefix("SAMSYN_PASSWORD_LOGIN=false needs SAMSYN_OIDC_STAFF_ISSUER") == true)
        #expect(Self.message(["SAMSYN_PASSWORD_LOGIN": "kanske"])?.hasPrefix("SAMSYN_PASSWORD_LOGIN") == true)
        #expect(Self.message(["SAMSYN_PUBLIC_URL": "samsyn.example"])?.hasPrefix("SAMSYN_PUBLIC_URL") == true)
        e = Self.staff
        e["SAMSYN_OIDC_STAFF_ACR"] = " , "
        #expect(Self.message(e)?.hasPrefix("SAMSYN_OIDC_STAFF_ACR") == true)
        #expect(Self.message(["SAMSYN_TRUST_PROXY": "ja"])?.hasPrefix("SAMSYN_TRUST_PROXY") == true)
    }
}
