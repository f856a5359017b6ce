import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Staff login and sessions")
struct LoginAndSessionTests {
    @Test("Logging in starts a server-side session with a strict HttpOnly cookie and logs the login", arguments: TestDatabase.kinds)
    func login(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            let page = try await b.get(client, "/login")
            #expect(page.status == .ok)
            #expect(page.text.contains("Logga in"))
            let r = try await b.login(client, "mottagning")
            #expect(r.status == .seeOther)
            #expect(r.location == "/")
            let cookie = try #require(r.headers[.setCookie])
            #expect(cookie.hasPrefix("samsyn_session="))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
            let start = try await b.get(client, "/")
            #expect(start.status == .ok)
            #expect(start.text.contains("Välkommen, Mottagning"))
            let rows = try await app.services.accessLog.recent(committeeId: "spanga-tensta", limit: 5)
            #expect(rows.contains { $0.entry.action == "auth.login" && $0.entry.outcome == .allowed && $0.entry.username == "mottagning" })
        }
    }

    @Test("Behind TLS the session cookie is Secure", arguments: TestDatabase.kinds)
    func secureCookie(kind: TestDatabase) async throws {
        try await TestApp.run(kind, secureCookies: true) { _, client in
            var b = Browser()
            let r = try await b.login(client, "mottagning")
            #expect(r.headers[.setCookie]?.contains("; Secure") == true)
        }
    }

    @Test("An unknown user and a wrong password get the same message, and both are logged as denied", arguments: TestDatabase.kinds)
    func sameMessage(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            let wrong = try await b.login(client, "mottagning", password: "fel")
            let unknown = try await b.login(client, "finnsinte", password: "fel")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.text.contains("Fel användarnamn eller lösenord."))
            #expect(unknown.text.contains("Fel användarnamn eller lösenord."))
            #expect(b.cookies["samsyn_session"] == nil)
            let denied = try await app.services.accessLog.recent(committeeId: nil, limit: 10).filter { $0.entry.action == "auth.login" && $0.entry.outcome == .denied }
            #expect(Set(denied.compactMap(\.entry.detail)) == ["wrong_password", "unknown_user"])
        }
    }

    @Test("After five failed logins the account is only slowed: the owner's right password still logs in, and the delay is logged", arguments: TestDatabase.kinds)
    func throttling(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            for _ in 0..<5 { _ = try await b.login(client, "mottagning", password: "fel") }
            let ok = try await b.login(client, "mottagning")
            #expect(ok.status == .seeOther)
            #expect(b.cookies["samsyn_session"] != nil)
            let throttled = try await app.services.accessLog.recent(committeeId: nil, limit: 10).filter { $0.entry.action == "auth.throttled" }
            #expect(throttled.map(\.entry.detail) == ["account delay=1s"])
        }
    }

    @Test("Behind a trusted proxy, one address failing with many usernames is refused with Retry-After, and it is logged", arguments: TestDatabase.kinds)
    func throttlingPerAddress(kind: TestDatabase) async throws {
        var login = LoginConfiguration()
        login.trustProxy = true
        try await TestApp.run(kind, login: login) { app, client in
            func attempt(_ user: String, from address: String, password: String = "fel") async throws -> TestResponse {
                var b = Browser()
                _ = try await b.get(client, "/login")
                let body = "_csrf=\(b.csrf)&username=\(user)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                return try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.cookie: b.cookieHeader, .contentType: "application/x-www-form-urlencoded", HTTPField.Name("X-Forwarded-For")!: "203.0.113.9, \(address)"],
                    body: ByteBuffer(string: body))
            }
            for i in 0..<20 { #expect(try await attempt("gissning\(i)", from: "198.51.100.7").status == .unauthorized) }
            let refused = try await attempt("mottagning", from: "198.51.100.7", password: TestApp.password)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter].flatMap(Int.init).map { $0 > 0 && $0 <= 15 * 60 } == true)
            #expect(refused.text.contains("För många misslyckade inloggningar från din anslutning"))
            // Another address, and the same account, are not affected.
            #expect(try await attempt("mottagning", from: "198.51.100.8", password: TestApp.password).status == .seeOther)
            let logged = try await app.services.accessLog.recent(committeeId: nil, limit: 10).filter { $0.entry.action == "auth.throttled" }
            #expect(logged.first?.entry.detail?.hasPrefix("client retry_after=") == true)
            app.clock.advance(by: 16 * 60)
            #expect(try await attempt("mottagning", from: "198.51.100.7", password: TestApp.password).status == .seeOther)
        }
    }

    @Test("Every form needs its CSRF token: without it nothing happens", arguments: TestDatabase.kinds)
    func csrf(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.get(client, "/login")
            let noToken = try await b.post(client, "/login", ["username": "mottagning", "password": TestApp.password], csrf: "forged")
            #expect(noToken.status == .forbidden)
            #expect(b.cookies["samsyn_session"] == nil)

            _ = try await b.login(client, "mottagning")
            _ = try await b.get(client, "/persons/new")
            let before = try await app.services.persons.count()
            let forged = try await b.post(
                client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1985, 7, 14, serial: 123), "firstName": "A", "lastName": "B"],
                csrf: "not-the-token")
            #expect(forged.status == .forbidden)
            #expect(try await app.services.persons.count() == before)
        }
    }

    @Test("A session ends after 30 idle minutes; use keeps it alive", arguments: TestDatabase.kinds)
    func idleTimeout(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            app.clock.advance(by: 25 * 60)
            #expect(try await b.get(client, "/").status == .ok)
            app.clock.advance(by: 25 * 60)
            #expect(try await b.get(client, "/").status == .ok, "25 minutes after the last request, still logged in")
            app.clock.advance(by: 31 * 60)
            let expired = try await b.get(client, "/")
            #expect(expired.status == .seeOther)
            #expect(expired.location == "/login?expired=1")
        }
    }

    @Test("A session ends 10 hours after login however active", arguments: TestDatabase.kinds)
    func absoluteTimeout(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            for _ in 0..<29 {
                app.clock.advance(by: 20 * 60)
                #expect(try await b.get(client, "/").status == .ok)
            }
            app.clock.advance(by: 21 * 60)  // 10 h 1 min after login
            #expect(try await b.get(client, "/").location?.hasPrefix("/login") == true)
        }
    }

    @Test("Logging out ends the session on the server: the old cookie no longer works", arguments: TestDatabase.kinds)
    func logout(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            let stolen = b.cookies["samsyn_session"]!
            _ = try await b.get(client, "/")
            let out = try await b.post(client, "/logout", [:])
            #expect(out.location == "/login?loggedOut=1")
            #expect(try await b.get(client, "/login?loggedOut=1").text.contains("Du är utloggad."))
            var thief = Browser()
            thief.cookies["samsyn_session"] = stolen
            #expect(try await thief.get(client, "/").location?.hasPrefix("/login") == true)
        }
    }

    @Test("Login always issues a fresh session id: a planted cookie is never adopted", arguments: TestDatabase.kinds)
    func newSessionId(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            var victim = Browser()
            victim.cookies["samsyn_session"] = "attacker-chosen-value"
            _ = try await victim.login(client, "mottagning")
            let issued = try #require(victim.cookies["samsyn_session"])
            #expect(issued != "attacker-chosen-value")
            #expect(issued.count >= 43, "256 random bits")
            var attacker = Browser()
            attacker.cookies["samsyn_session"] = "attacker-chosen-value"
            #expect(try await attacker.get(client, "/").status == .seeOther)

            var second = Browser()
            _ = try await second.login(client, "mottagning")
            #expect(second.cookies["samsyn_session"] != issued)
        }
    }

    @Test("Disabling a user ends their session at once", arguments: TestDatabase.kinds)
    func disableEndsSession(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            #expect(try await b.get(client, "/").status == .ok)
            let user = try #require(try await app.services.users.credentials(username: "mottagning")?.user)
            try await app.services.users.setActive(
                userId: user.id, active: false, audit: AccessLogEntry(at: app.clock.now(), requestId: "t", actor: nil, action: .userDisable, outcome: .allowed))
            #expect(try await b.get(client, "/").location?.hasPrefix("/login") == true)
            #expect(try await b.login(client, "mottagning").status == .unauthorized)
        }
    }

    @Test("Pages send security headers and are never cached", arguments: [TestDatabase.sqlite])
    func headers(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            var b = Browser()
            let r = try await b.get(client, "/login")
            #expect(r.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(r.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
            #expect(r.headers[.cacheControl] == "no-store")
            #expect(r.headers[HTTPField.Name("X-Request-Id")!]?.count == 16)
        }
    }
}
