import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import SQLKit
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@testable import SamsynDomain

/// Signing in through OpenID Connect against a provider running inside the test process (discovery, key set and
/// token endpoint over loopback HTTP; jwt-kit signs its tokens RS256 and ES256).
@Suite("Sign-in through OpenID Connect")
struct OIDCLoginTests {
    static let publicURL = "http://127.0.0.1:8080"
    static let samordningsnummer = "199001612382"
    static let personnummer = "199001012385"

    static func settings(_ kind: OIDCProviderKind, _ p: FakeProvider) -> OIDCProviderSettings {
        OIDCProviderSettings(
            kind: kind, issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret, redirectURI: publicURL + LoginConfiguration.callbackPath(kind),
            acceptedACR: kind == .citizen ? [OIDCProviderSettings.loa3] : [],
            identityClaim: kind == .citizen ? OIDCProviderSettings.defaultPersonNumberClaim : "sub",
            scopes: kind == .citizen ? OIDCProviderSettings.citizenScopes : OIDCProviderSettings.staffScopes)
    }

    struct Env {
        let app: TestApp
        let client: any TestClientProtocol
        let provider: FakeProvider
    }

    /// A Samsyn with both providers pointing at a fresh fake provider; `coach` is linked to the staff identity
    /// `staff-sub-1`; the district has a file on the person with `personnummer` and the one with `samordningsnummer`.
    static func run(_ kind: TestDatabase, _ body: @Sendable (Env) async throws -> Void) async throws {
        let provider = FakeProvider(clock: ManualClock(Fixtures.t0))
        try await provider.run { p in
            let login = LoginConfiguration(publicURL: publicURL, passwordLogin: true, citizen: settings(.citizen, p), staff: settings(.staff, p))
            try await TestApp.run(kind, login: login) { app, client in
                let coach = try #require(try await app.services.users.credentials(username: "coach")).user
                try await app.services.identityLinks.link(userId: coach.id, issuer: p.issuer, subject: "staff-sub-1", actor: nil, requestId: "test", channel: "test")
                let sara = Actor(user: try #require(try await app.services.users.credentials(username: "socialsekreterare")).user, requestId: "t", channel: "test")
                _ = try await app.services.directory.register(Fixtures.personInput(personnummer, "Ada", "Egensida"), by: sara)
                _ = try await app.services.directory.register(Fixtures.personInput(samordningsnummer, "Sam", "Egensida"), by: sara)
                try await body(Env(app: app, client: client, provider: p))
            }
        }
    }

    /// The browser goes to Samsyn's start URL, follows it to the provider, and the person consents there.
    static func start(_ e: Env, _ b: inout Browser, _ kind: OIDCProviderKind) async throws -> (code: String, state: String, nonce: String) {
        let r = try await b.get(e.client, "/login/oidc/\(kind.rawValue)")
        #expect(r.status == .seeOther)
        let setCookie = r.headers[values: .setCookie].first { $0.hasPrefix("samsyn_oidc=") } ?? ""
        #expect(setCookie.contains("SameSite=Lax") && setCookie.contains("HttpOnly") && setCookie.contains("Max-Age=600"))
        let location = try #require(r.location)
        #expect(location.hasPrefix(e.provider.issuer + "/authorize?"))
        return try e.provider.authorize(location)
    }

    static func callback(_ e: Env, _ b: inout Browser, _ kind: OIDCProviderKind, _ query: String) async throws -> TestResponse {
        try await b.get(e.client, "/login/oidc/\(kind.rawValue)/callback?\(query)")
    }

    static func sessionCount(_ app: TestApp) async throws -> Int {
        struct N: Decodable { let n: Int }
        return try await app.db.read { db in try await db.raw("SELECT COUNT(*) AS n FROM sessions").first(decoding: N.self)?.n ?? -1 }
    }

    /// Refused with the Swedish message, a `login_failed` row with the reason, and no session.
    static func expectRefused(
        _ e: Env, _ r: TestResponse, _ b: Browser, sessionsBefore: Int, detail: String, status: HTTPResponse.Status = .unauthorized, message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(r.status == status, "\(detail)", sourceLocation: sourceLocation)
        #expect(r.text.contains(message), "\(detail): message", sourceLocation: sourceLocation)
        #expect(b.cookies["samsyn_session"] == nil, "\(detail): no session cookie", sourceLocation: sourceLocation)
        #expect(try await sessionCount(e.app) == sessionsBefore, "\(detail): no session row", sourceLocation: sourceLocation)
        let rows = try await e.app.services.accessLog.recent(committeeId: nil, limit: 5)
        #expect(
            rows.contains { $0.entry.action == "auth.login_failed" && $0.entry.detail == detail && $0.entry.outcome == .denied }, "\(detail): logged",
            sourceLocation: sourceLocation)
    }

    static let generic = OIDCLoginFailure.badSignature.message

    @Test("A staff member signs on through the provider (RS256, PKCE, state, nonce); logout ends the session and goes to the provider's logout", arguments: TestDatabase.kinds)
    func staffSignOn(kind: TestDatabase) async throws {
        try await Self.run(kind) { e in
            var b = Browser()
            let (code, state, _) = try await Self.start(e, &b, .staff)
            #expect(state.count >= 43)
            let r = try await Self.callback(e, &b, .staff, "code=\(code)&state=\(state)")
            #expect(r.status == .seeOther)
            #expect(r.location == "/")
            #expect(b.cookies["samsyn_session"] != nil)
            #expect(b.cookies["samsyn_oidc"] == nil)
            let home = try await b.get(e.client, "/")
            #expect(home.status == .ok)
            // The logout form's redirect to the provider is allowed by the CSP (form-action governs redirects too).
            #expect(home.headers[.contentSecurityPolicy]?.contains("form-action 'self' \(e.provider.issuer);") == true)
            #expect(home.text.contains("coach") || home.text.contains("Coach"))
            let rows = try await e.app.services.accessLog.recent(committeeId: nil, limit: 5)
            #expect(rows.contains { $0.entry.action == "auth.login" && $0.entry.outcome == .allowed && $0.entry.detail == "oidc_staff" && $0.entry.username == "coach" })
            // RP-initiated logout: the session ends here first, then the browser goes to the provider.
            let out = try await b.post(e.client, "/logout", [:])
            let location = try #require(out.location)
            #expect(location.hasPrefix(e.provider.issuer + "/logout?id_token_hint="))
            #expect(location.contains("post_logout_redirect_uri=" + FormEncodingTest.encode(Self.publicURL + "/login?loggedOut=1")))
            #expect(try await Self.sessionCount(e.app) == 0)
            #expect(try await b.get(e.client, "/").status == .seeOther)
        }
    }

    @Test("ES256 tokens are accepted, and a rotated key is found by one refetch of the key set", arguments: TestDatabase.kinds)
    func es256AndRotation(kind: TestDatabase) async throws {
        try await Self.run(kind) { e in
            e.provider.setMint { p, nonce in try await p.sign(p.claims(nonce: nonce), ec: "ec-1") }
            var b = Browser()
            var (code, state, _) = try await Self.start(e, &b, .staff)
            #expect(try await Self.callback(e, &b, .staff, "code=\(code)&state=\(state)").status == .seeOther)
            #expect(e.provider.jwksFetches == 1)
            // The provider rotates to a new RSA key; Samsyn's cached set does not have it.
            e.provider.publish([TestKeys.jwk(rsa: TestKeys.rsaB, kid: "rsa-b")])
            e.provider.setMint { p, nonce in try await p.sign(p.claims(nonce: nonce), rsa: TestKeys.rsaB, kid: "rsa-b") }
            b = Browser()
            (code, state, _) = try await Self.start(e, &b, .staff)
            #expect(try await Self.callback(e, &b, .staff, "code=\(code)&state=\(state)").status == .seeOther)
            #expect(e.provider.jwksFetches == 2)
            // The old key is gone from the provider's set: a token still signed with it is refused.
            e.provider.setMint { p, nonce in try await p.sign(p.claims(nonce: nonce)) }
            b = Browser()
            let before = try await Self.sessionCount(e.app)
            (code, state, _) = try await Self.start(e, &b, .staff)
            let r = try await Self.callback(e, &b, .staff, "code=\(code)&state=\(state)")
            try await Self.expectRefused(e, r, b, sessionsBefore: before, detail: "staff:unknown_kid", message: Self.generic)
            #expect(e.provider.jwksFetches == 3)
        }
    }

    typealias Mint = @Sendable (FakeProvider, String) async throws -> String

    /// Each attack on the ID token: refused with a Swedish message, logged with its reason, no session.
    static let tokenAttacks: [(name: String, kind: OIDCProviderKind, detail: String, message: String, mint: Mint)] = [
        ("bad signature", .staff, "staff:bad_signature", generic, { p, n in try await p.sign(p.claims(nonce: n), rsa: TestKeys.rsaRogue, kid: "rsa-a") }),
        (
            "alg none", .staff, "staff:alg_not_allowed", generic,
            { p, n in
                let header = TestKeys.b64(Data(#"{"alg":"none","kid":"rsa-a","typ":"JWT"}"#.utf8))
                let payload = TestKeys.b64(try JSONEncoder().encode(TestClaims(p.claims(nonce: n))))
                return "\(header).\(payload)."
            }
        ),
        (
            "HS256 signed with the public key", .staff, "staff:alg_not_allowed", generic,
            { p, n in
                let keys = JWTKeyCollection()
                await keys.add(hmac: HMACKey(from: TestKeys.rsaA.publicKey.pemRepresentation), digestAlgorithm: .sha256, kid: "rsa-a")
                return try await keys.sign(TestClaims(p.claims(nonce: n)), kid: "rsa-a")
            }
        ),
        ("unknown kid", .staff, "staff:unknown_kid", generic, { p, n in try await p.sign(p.claims(nonce: n), rsa: TestKeys.rsaB, kid: "rsa-unknown") }),
        ("wrong iss", .staff, "staff:wrong_iss", generic, { p, n in try await p.sign(p.claims(nonce: n, extra: ["iss": .string(p.issuer + "/other")])) }),
        ("wrong aud", .staff, "staff:wrong_aud", generic, { p, n in try await p.sign(p.claims(nonce: n, extra: ["aud": .strings(["someone-else"])])) }),
        (
            "expired", .staff, "staff:expired", generic,
            { p, n in
                let now = p.clock.now().timeIntervalSince1970
                return try await p.sign(p.claims(nonce: n, extra: ["exp": .number(now - 61), "iat": .number(now - 400)]))
            }
        ),
        (
            "issued in the future", .staff, "staff:iat_in_future", generic,
            { p, n in
                let now = p.clock.now().timeIntervalSince1970
                return try await p.sign(p.claims(nonce: n, extra: ["iat": .number(now + 120), "exp": .number(now + 400)]))
            }
        ),
        ("wrong nonce", .staff, "staff:nonce_mismatch", generic, { p, n in try await p.sign(p.claims(nonce: "not-" + n)) }),
        (
            "missing nonce", .staff, "staff:nonce_mismatch", generic,
            { p, n in
                var c = p.claims(nonce: n)
                c["nonce"] = nil
                return try await p.sign(c)
            }
        ),
        (
            "missing auth_time", .staff, "staff:missing_auth_time", generic,
            { p, n in
                var c = p.claims(nonce: n)
                c["auth_time"] = nil
                return try await p.sign(c)
            }
        ),
        (
            "acr too low", .citizen, "citizen:acr_too_low", OIDCLoginFailure.acrTooLow.message,
            { p, n in try await p.sign(p.claims(nonce: n, extra: ["acr": .string(OIDCProviderSettings.loa2)])) }
        ),
        (
            "missing personnummer claim", .citizen, "citizen:missing_pnr", OIDCLoginFailure.missingIdentityNumber.message,
            { p, n in
                var c = p.claims(nonce: n)
                c[OIDCProviderSettings.defaultPersonNumberClaim] = nil
                return try await p.sign(c)
            }
        ),
        (
            "invalid personnummer claim", .citizen, "citizen:invalid_pnr", OIDCLoginFailure.invalidIdentityNumber.message,
            { p, n in try await p.sign(p.claims(nonce: n, extra: [OIDCProviderSettings.defaultPersonNumberClaim: .string("199001012386")])) }
        ),
        (
            "ten-digit personnummer (century guessed)", .citizen, "citizen:invalid_pnr", OIDCLoginFailure.invalidIdentityNumber.message,
            { p, n in try await p.sign(p.claims(nonce: n, extra: [OIDCProviderSettings.defaultPersonNumberClaim: .string("9001012385")])) }
        ),
        (
            "staff identity not linked", .staff, "staff:not_linked", OIDCLoginFailure.notLinked.message,
            { p, n in try await p.sign(p.claims(nonce: n, extra: ["sub": .string("somebody-else")])) }
        ),
    ]

    @Test("Every attack on the ID token is refused in Swedish, logged as login_failed with its reason, and starts no session", arguments: TestDatabase.kinds)
    func tokenAttacksRefused(kind: TestDatabase) async throws {
        try await Self.run(kind) { e in
            // A good sign-in first, so the key set is cached and an unknown kid costs exactly one refetch.
            var b = Browser()
            var (code, state, _) = try await Self.start(e, &b, .staff)
            #expect(try await Self.callback(e, &b, .staff, "code=\(code)&state=\(state)").status == .seeOther)
            for attack in Self.tokenAttacks {
                e.provider.setMint(attack.mint)
                b = Browser()
                let before = try await Self.sessionCount(e.app)
                let fetches = e.provider.jwksFetches
                (code, state, _) = try await Self.start(e, &b, attack.kind)
                let r = try await Self.callback(e, &b, attack.kind, "code=\(code)&state=\(state)")
                let status: HTTPResponse.Status = attack.detail == "staff:not_linked" ? .forbidden : .unauthorized
                try await Self.expectRefused(e, r, b, sessionsBefore: before, detail: attack.detail, status: status, message: attack.message)
                if attack.name == "unknown kid" { #expect(e.provider.jwksFetches == fetches + 1) }
            }
        }
    }

    @Test("A replayed state or code, a state from another browser, and error=access_denied are refused and logged", arguments: TestDatabase.kinds)
    func flowAttacksRefused(kind: TestDatabase) async throws {
        try await Self.run(kind) { e in
            var b = Browser()
            let (code, state, _) = try await Self.start(e, &b, .staff)
            #expect(try await Self.callback(e, &b, .staff, "code=\(code)&state=\(state)").status == .seeOther)
            let afterFirst = try await Self.sessionCount(e.app)

            // The same callback again (state and code replayed).
            var replay = Browser()
            replay.cookies["samsyn_oidc"] = "x"
            var r = try await Self.callback(e, &replay, .staff, "code=\(code)&state=\(state)")
            try await Self.expectRefused(e, r, replay, sessionsBefore: afterFirst, detail: "staff:state_invalid", status: .badRequest, message: OIDCLoginFailure.stateInvalid.message)

            // A fresh state with the code already used.
            var c = Browser()
            let (_, state2, _) = try await Self.start(e, &c, .staff)
            r = try await Self.callback(e, &c, .staff, "code=\(code)&state=\(state2)")
            try await Self.expectRefused(e, r, c, sessionsBefore: afterFirst, detail: "staff:code_rejected", message: Self.generic)

            // A good state and code, but in another browser (no binding cookie): login CSRF.
            var victim = Browser()
            let (code3, state3, _) = try await Self.start(e, &victim, .staff)
            var attacker = Browser()
            r = try await Self.callback(e, &attacker, .staff, "code=\(code3)&state=\(state3)")
            try await Self.expectRefused(e, r, attacker, sessionsBefore: afterFirst, detail: "staff:state_invalid", status: .badRequest, message: OIDCLoginFailure.stateInvalid.message)
            // …and that state is spent: the victim's own callback no longer works either.
            r = try await Self.callback(e, &victim, .staff, "code=\(code3)&state=\(state3)")
            try await Self.expectRefused(e, r, victim, sessionsBefore: afterFirst, detail: "staff:state_invalid", status: .badRequest, message: OIDCLoginFailure.stateInvalid.message)

            // The person cancels at the provider.
            var d = Browser()
            let (_, state4, _) = try await Self.start(e, &d, .citizen)
            r = try await Self.callback(e, &d, .citizen, "error=access_denied&error_description=User+cancelled&state=\(state4)")
            try await Self.expectRefused(
                e, r, d, sessionsBefore: afterFirst, detail: "citizen:provider_error_access_denied", status: .badRequest,
                message: OIDCLoginFailure.providerError("access_denied").message)
            // An unknown provider in the path is a 404.
            #expect(try await d.get(e.client, "/login/oidc/other").status == .notFound)
        }
    }

    @Test("The person signs in with a personnummer or a samordningsnummer from the claim and reaches the own page; a person Samsyn has no file on is told so", arguments: TestDatabase.kinds)
    func citizenSignIn(kind: TestDatabase) async throws {
        try await Self.run(kind) { e in
            for (number, name) in [(Self.personnummer, "Ada"), (Self.samordningsnummer, "Sam")] {
                e.provider.setMint { p, n in
                    try await p.sign(p.claims(nonce: n, extra: [OIDCProviderSettings.defaultPersonNumberClaim: .string(number), "sub": .string("random-pairwise")]))
                }
                var b = Browser()
                let (code, state, _) = try await Self.start(e, &b, .citizen)
                let r = try await Self.callback(e, &b, .citizen, "code=\(code)&state=\(state)")
                #expect(r.status == .seeOther)
                #expect(b.cookies["samsyn_session"] != nil)
                let own = try await b.get(e.client, "/own")
                #expect(own.status == .ok)
                #expect(own.text.contains(name))
                // Logging out ends the session here and at the provider.
                let out = try await b.post(e.client, "/logout", [:])
                #expect(out.location?.hasPrefix(e.provider.issuer + "/logout?id_token_hint=") == true)
                #expect(try await b.get(e.client, "/own").status == .seeOther)
            }
            let rows = try await e.app.services.accessLog.recent(committeeId: nil, limit: 40)
            #expect(rows.filter { $0.entry.action == "auth.login" && $0.entry.outcome == .allowed && $0.entry.detail == "citizen_oidc" }.count == 2)

            // A loa4 login satisfies loa3.
            e.provider.setMint { p, n in try await p.sign(p.claims(nonce: n, extra: ["acr": .string(OIDCProviderSettings.loa4)])) }
            var b = Browser()
            var (code, state, _) = try await Self.start(e, &b, .citizen)
            #expect(try await Self.callback(e, &b, .citizen, "code=\(code)&state=\(state)").status == .seeOther)

            // A valid personnummer with no file: the own page's kind message, a denied login row, no session.
            e.provider.setMint { p, n in try await p.sign(p.claims(nonce: n, extra: [OIDCProviderSettings.defaultPersonNumberClaim: .string("198512241236")])) }
            b = Browser()
            let before = try await Self.sessionCount(e.app)
            (code, state, _) = try await Self.start(e, &b, .citizen)
            let r = try await Self.callback(e, &b, .citizen, "code=\(code)&state=\(state)")
            #expect(r.status == .notFound)
            #expect(r.text.contains("Vi hittar inga uppgifter om dig"))
            #expect(b.cookies["samsyn_session"] == nil)
            #expect(try await Self.sessionCount(e.app) == before)
            let denied = try await e.app.services.accessLog.recent(committeeId: nil, limit: 5)
            #expect(denied.contains { $0.entry.action == "auth.login" && $0.entry.outcome == .denied && $0.entry.detail == "citizen_no_file" })
        }
    }

    @Test("The login page offers what is configured, in Swedish; with password login off the form is gone and posting to it is refused", arguments: [TestDatabase.sqlite])
    func loginPageOffers(kind: TestDatabase) async throws {
        try await Self.run(kind) { e in
            var b = Browser()
            let page = try await b.get(e.client, "/login")
            #expect(page.text.contains("Logga in med e-legitimation"))
            #expect(page.text.contains("Logga in med stadens inloggning"))
            #expect(page.text.contains(#"href="/login/oidc/citizen""#))
            #expect(page.text.contains(#"name="password""#))
        }
        let provider = FakeProvider(clock: ManualClock(Fixtures.t0))
        try await provider.run { p in
            let login = LoginConfiguration(publicURL: Self.publicURL, passwordLogin: false, citizen: nil, staff: Self.settings(.staff, p))
            try await TestApp.run(kind, login: login) { app, client in
                var b = Browser()
                let page = try await b.get(client, "/login")
                #expect(page.text.contains("Logga in med stadens inloggning"))
                #expect(!page.text.contains("e-legitimation"))
                #expect(!page.text.contains(#"name="password""#))
                let posted = try await b.post(client, "/login", ["username": "coach", "password": TestApp.password], csrf: b.cookies["samsyn_csrf"])
                #expect(posted.status == .notFound)
                #expect(b.cookies["samsyn_session"] == nil)
                #expect(try await b.get(client, "/login/oidc/citizen").status == .notFound)
            }
        }
    }

    @Test("The administrator links and unlinks a staff account on a page; one identity, one account; each change is logged", arguments: TestDatabase.kinds)
    func adminLinks(kind: TestDatabase) async throws {
        try await Self.run(kind) { e in
            let hash = try await e.app.services.hasher.hash(TestApp.password)
            try await Fixtures.user(e.app.db, "admin", role: .systemAdministrator, unit: "systemforvaltning", passwordHash: hash)
            let mottagning = try #require(try await e.app.services.users.credentials(username: "mottagning")).user
            let coach = try #require(try await e.app.services.users.credentials(username: "coach")).user
            var b = Browser()
            _ = try await b.login(e.client, "admin")
            let page = try await b.get(e.client, "/admin/identity-links")
            #expect(page.status == .ok)
            #expect(page.text.contains("staff-sub-1"))
            // The identity already opens coach's account: linking it to another account is refused.
            let taken = try await b.post(e.client, "/admin/identity-links/\(mottagning.id.uuidString.lowercased())", ["issuer": e.provider.issuer, "subject": "staff-sub-1"])
            #expect(taken.status == .conflict)
            let bad = try await b.post(e.client, "/admin/identity-links/\(mottagning.id.uuidString.lowercased())", ["issuer": "inte en adress", "subject": ""])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Ange medarbetarens id"))
            _ = try await b.get(e.client, "/admin/identity-links")
            let linked = try await b.post(e.client, "/admin/identity-links/\(mottagning.id.uuidString.lowercased())", ["issuer": e.provider.issuer, "subject": "staff-sub-2"])
            #expect(linked.status == .seeOther)
            _ = try await b.get(e.client, "/admin/identity-links")
            let unlinked = try await b.post(e.client, "/admin/identity-links/\(coach.id.uuidString.lowercased())/unlink", [:])
            #expect(unlinked.status == .seeOther)
            let rows = try await e.app.services.accessLog.recent(committeeId: nil, limit: 10)
            #expect(rows.contains { $0.entry.action == "staff_identity.link" && $0.entry.username == "admin" && $0.entry.after == "mottagning \(e.provider.issuer)" })
            #expect(rows.contains { $0.entry.action == "staff_identity.unlink" && $0.entry.username == "admin" && $0.entry.before == "coach" })
            // coach's identity no longer opens anything; mottagning's does.
            var s = Browser()
            let (code, state, _) = try await Self.start(e, &s, .staff)
            let before = try await Self.sessionCount(e.app)
            let r = try await Self.callback(e, &s, .staff, "code=\(code)&state=\(state)")
            try await Self.expectRefused(e, r, s, sessionsBefore: before, detail: "staff:not_linked", status: .forbidden, message: OIDCLoginFailure.notLinked.message)
            e.provider.setMint { p, n in try await p.sign(p.claims(nonce: n, extra: ["sub": .string("staff-sub-2")])) }
            s = Browser()
            let (code2, state2, _) = try await Self.start(e, &s, .staff)
            #expect(try await Self.callback(e, &s, .staff, "code=\(code2)&state=\(state2)").status == .seeOther)
            // A coach (not an administrator) may not see the page.
            var c = Browser()
            _ = try await c.login(e.client, "coach")
            #expect(try await c.get(e.client, "/admin/identity-links").status == .forbidden)
        }
    }

    @Test("A disabled account's linked identity is refused")
    func disabledAccount() async throws {
        try await Self.run(.sqlite) { e in
            let coach = try #require(try await e.app.services.users.credentials(username: "coach")).user
            try await e.app.services.users.setActive(
                userId: coach.id, active: false, audit: AccessLogEntry(at: Fixtures.t0, requestId: "t", actor: nil, action: .userDisable, outcome: .allowed))
            var b = Browser()
            let (code, state, _) = try await Self.start(e, &b, .staff)
            let r = try await Self.callback(e, &b, .staff, "code=\(code)&state=\(state)")
            try await Self.expectRefused(e, r, b, sessionsBefore: 0, detail: "staff:not_linked", status: .forbidden, message: OIDCLoginFailure.notLinked.message)
        }
    }
}

enum FormEncodingTest {
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    static func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
}
