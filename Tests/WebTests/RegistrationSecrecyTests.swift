import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// Nothing crosses between committees without consent, not even by registering: for every route that takes a
/// personnummer, the second committee's answer for a number the first committee holds is the same as for a
/// number nobody holds (once the number and ids are set aside), and contains none of the first committee's values.
@Suite("Registration secrecy between committees")
struct RegistrationSecrecyTests {
    /// What the district (committee 1) entered: none of it may reach Jobbtorg (committee 2).
    static let districtValues = [
        "Hemligfrida", "Hemligsson", "08-765 43 21", "087654321", "hemlig@example.se", "Hemliggatan", "163 99", "16399", "Hemligstad",
        "spanga-tensta", "Spånga-Tensta",
    ]
    /// Words that would tell Jobbtorg the number was known.
    static let revealing = ["fanns redan", "finns redan", "registrerades nyss", "opened=", ">Skyddade personuppgifter</span>", "Skyddade personuppgifter – adress"]

    /// One held number (the district has a file) and one fresh number (nobody has), with the same birth date,
    /// so every page that shows the birth date shows the same.
    struct Pair {
        let held: String
        let fresh: String
        let protected: Bool
        let viaPage: Bool
    }

    static let pairs = [
        Pair(held: Fixtures.personnummer(1985, 7, 14, serial: 123), fresh: Fixtures.personnummer(1985, 7, 14, serial: 456), protected: false, viaPage: false),
        Pair(held: Fixtures.personnummer(1986, 2, 3, serial: 123), fresh: Fixtures.personnummer(1986, 2, 3, serial: 456), protected: false, viaPage: true),
        Pair(held: Fixtures.personnummer(1987, 9, 21, serial: 123), fresh: Fixtures.personnummer(1987, 9, 21, serial: 456), protected: true, viaPage: false),
        Pair(held: Fixtures.personnummer(1988, 3, 15, serial: 234), fresh: Fixtures.personnummer(1988, 3, 15, serial: 456), protected: true, viaPage: true),
    ]

    static let ownPerson = ["firstName": "Egenlisa", "lastName": "Jobbtorgsson", "phone": "070-111 22 33", "street": "Egnavägen 5", "postalCode": "16440", "city": "Kista"]

    /// A response body with the pair's numbers (in every way they are written), ids and CSRF tokens set aside.
    static func normalised(_ body: String, _ pair: Pair) -> String {
        var s = body
        for number in [pair.held, pair.fresh] {
            let digits = number.filter(\.isNumber)
            let twelve = String(digits)
            let ten = String(digits.dropFirst(2))
            let forms: [String] = [twelve, String(twelve.prefix(8)) + "-" + String(twelve.suffix(4)), ten, String(ten.prefix(6)) + "-" + String(ten.suffix(4))]
            for form in forms {
                s = s.replacingOccurrences(of: form, with: "NUMBER")
            }
        }
        for pattern in [#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, #"name="_csrf" value="[^"]*""#, #"<meta name="csrf-token" content="[^"]*">"#] {
            s = s.replacingOccurrences(of: pattern, with: "X", options: .regularExpression)
        }
        return s
    }

    /// The district's values in an answer; the search text the caller typed (echoed in the search field) set aside.
    static func leaks(_ body: String, typed: String? = nil) -> [String] {
        let rest = typed.map { body.replacingOccurrences(of: "value=\"\($0)\"", with: "") } ?? body
        return (districtValues + revealing).filter { rest.contains($0) }
    }

    static func json(_ body: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    static func token(_ client: some TestClientProtocol, _ username: String) async throws -> String {
        let r = try await client.execute(
            uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(TestApp.password)"}"#))
        return try #require(json(r.text)["token"] as? String)
    }

    static func api(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String, body: String? = nil) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: method, headers: [.contentType: "application/json", .authorization: "Bearer \(token)"], body: body.map { ByteBuffer(string: $0) })
    }

    static func registerBody(_ number: String, protected: Bool = false) -> String {
        let o = ownPerson
        return """
            {"personalIdentityNumber":"\(number)","firstName":"\(o["firstName"]!)","lastName":"\(o["lastName"]!)","phone":"\(o["phone"]!)",\
            "address":{"street":"\(o["street"]!)","postalCode":"\(o["postalCode"]!)","city":"\(o["city"]!)"},"protectedIdentity":\(protected)}
            """
    }

    /// A route that takes a personnummer, as Jobbtorg's coach calls it: the answer's status and body.
    struct Route: Sendable {
        let name: String
        /// What the caller typed into the search field, when the route echoes it.
        var typed: String? = nil
        let call: @Sendable (_ number: String, _ personId: String?) async throws -> (HTTPResponse.Status, String)
    }

    @Test("Every route that takes a personnummer answers Jobbtorg the same for a number the district holds as for an unknown one", arguments: TestDatabase.kinds)
    func everyRoute(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            // The district registers each held number with its own values, a day before Jobbtorg does anything.
            var district = Browser()
            _ = try await district.login(client, "mottagning")
            _ = try await district.get(client, "/persons/new")
            for pair in Self.pairs {
                var form = ["personalIdentityNumber": pair.held, "firstName": "Hemligfrida", "lastName": "Hemligsson", "phone": "08-765 43 21",
                            "email": "hemlig@example.se", "street": "Hemliggatan 7", "postalCode": "16399", "city": "Hemligstad"]
                if pair.protected { form["protectedIdentity"] = "on" }
                let r = try await district.post(client, "/persons", form)
                #expect(r.status == .seeOther)
            }
            let districtCreated = ISO8601DateFormatter().string(from: app.clock.now())
            app.clock.advance(by: 86_400)

            var coach = Browser()
            _ = try await coach.login(client, "coach")
            let token = try await Self.token(client, "coach")
            let browser = BrowserBox(coach)

            // Before Jobbtorg holds a file: searches, lookups and the pre-filled registration form.
            let before: [Route] = [
                Route(name: "API search by number") { n, _ in
                    let r = try await Self.api(client, .get, "/api/v1/persons?q=\(n)", token: token)
                    return (r.status, r.text)
                },
                Route(name: "API search by ten digits") { n, _ in
                    let r = try await Self.api(client, .get, "/api/v1/persons?q=\(n.filter(\.isNumber).dropFirst(2))", token: token)
                    return (r.status, r.text)
                },
                Route(name: "API search by birth date") { n, _ in
                    let r = try await Self.api(client, .get, "/api/v1/persons?q=\(n.filter(\.isNumber).prefix(8))", token: token)
                    return (r.status, r.text)
                },
                Route(name: "page search by number") { n, _ in
                    let r = try await browser.get(client, "/persons/search?q=\(n)")
                    return (r.status, r.text)
                },
                Route(name: "page search by birth date") { n, _ in
                    let r = try await browser.get(client, "/persons/search?q=\(n.filter(\.isNumber).dropFirst(2).prefix(6))")
                    return (r.status, r.text)
                },
                Route(name: "registration form pre-filled") { n, _ in
                    let r = try await browser.get(client, "/persons/new?personalIdentityNumber=\(n.filter(\.isNumber))")
                    return (r.status, r.text)
                },
            ]
            for pair in Self.pairs {
                for route in before {
                    let (heldStatus, heldBody) = try await route.call(pair.held, nil)
                    let (freshStatus, freshBody) = try await route.call(pair.fresh, nil)
                    #expect(heldStatus == freshStatus, "\(route.name)")
                    #expect(Self.normalised(heldBody, pair) == Self.normalised(freshBody, pair), "\(route.name): the answer differs for a held number")
                    #expect(Self.leaks(heldBody).isEmpty, "\(route.name) leaks \(Self.leaks(heldBody))")
                }
            }

            // Registering: Jobbtorg's own values come back, with its own time, whether the district held the number or not.
            var ids: [String: String] = [:]
            for pair in Self.pairs {
                for number in [pair.held, pair.fresh] {
                    let status: HTTPResponse.Status, body: String, id: String
                    if pair.viaPage {
                        var form = Self.ownPerson
                        form["personalIdentityNumber"] = number
                        let r = try await browser.post(client, "/persons", form)
                        let location = try #require(r.location)
                        #expect(location.hasSuffix("?registered=1"), "the page says the same as for a new person")
                        id = String(location.dropFirst("/persons/".count).prefix(36))
                        let page = try await browser.get(client, location)
                        (status, body) = (r.status, page.text)
                        #expect(page.text.contains("<h1>Egenlisa Jobbtorgsson</h1>"))
                        #expect(page.text.contains("Egnavägen 5"), "the caller's own address, not hidden by the district's protected identity")
                    } else {
                        let r = try await Self.api(client, .post, "/api/v1/persons", token: token, body: Self.registerBody(number))
                        let j = Self.json(r.text)
                        (status, body) = (r.status, r.text)
                        id = try #require(j["id"] as? String)
                        #expect(j["firstName"] as? String == "Egenlisa")
                        #expect(j["lastName"] as? String == "Jobbtorgsson")
                        #expect(j["phone"] as? String == "070-111 22 33")
                        #expect((j["address"] as? [String: Any])?["street"] as? String == "Egnavägen 5")
                        #expect(j["protectedIdentity"] as? Bool == false)
                        #expect(j["committeeIds"] as? [String] == ["arbetsmarknadsnamnden"])
                        #expect(j["createdAt"] as? String == ISO8601DateFormatter().string(from: app.clock.now()), "the caller's file's time")
                    }
                    ids[number] = id
                    #expect(Self.leaks(body).isEmpty, "registering leaks \(Self.leaks(body))")
                    #expect(!body.contains(districtCreated))
                    _ = status
                }
                #expect(ids[pair.held] != ids[pair.fresh])
            }
            // Both registrations answered alike.
            for pair in Self.pairs where !pair.viaPage {
                let held = try await Self.api(client, .get, "/api/v1/persons/\(ids[pair.held]!)", token: token)
                let fresh = try await Self.api(client, .get, "/api/v1/persons/\(ids[pair.fresh]!)", token: token)
                #expect(Self.normalised(held.text, pair) == Self.normalised(fresh.text, pair))
            }

            // Once Jobbtorg holds its own file: every read shows Jobbtorg's values only.
            let after: [Route] = before + [
                Route(name: "API read") { _, id in
                    let r = try await Self.api(client, .get, "/api/v1/persons/\(id!)", token: token)
                    return (r.status, r.text)
                },
                Route(name: "person page") { _, id in
                    let r = try await browser.get(client, "/persons/\(id!)")
                    return (r.status, r.text)
                },
                Route(name: "API search by the district's name") { _, _ in
                    let r = try await Self.api(client, .get, "/api/v1/persons?q=Hemligsson", token: token)
                    return (r.status, r.text)
                },
                Route(name: "page search by the district's phone", typed: "08-765 43 21") { _, _ in
                    let r = try await browser.get(client, "/persons/search?q=08-765%2043%2021")
                    return (r.status, r.text)
                },
                Route(name: "page search by the district's street", typed: "Hemliggatan 7") { _, _ in
                    let r = try await browser.get(client, "/persons/search?q=Hemliggatan%207")
                    return (r.status, r.text)
                },
                Route(name: "search page with recent persons") { _, _ in
                    let r = try await browser.get(client, "/persons/search")
                    return (r.status, r.text)
                },
            ]
            for pair in Self.pairs {
                for route in after {
                    let (heldStatus, heldBody) = try await route.call(pair.held, ids[pair.held])
                    let (freshStatus, freshBody) = try await route.call(pair.fresh, ids[pair.fresh])
                    #expect(heldStatus == freshStatus, "\(route.name)")
                    #expect(Self.normalised(heldBody, pair) == Self.normalised(freshBody, pair), "\(route.name): the answer differs for a held number")
                    #expect(Self.leaks(heldBody, typed: route.typed).isEmpty, "\(route.name) leaks \(Self.leaks(heldBody, typed: route.typed))")
                }
                let page = try await browser.get(client, "/persons/search?q=\(pair.held)")
                #expect(page.text.contains("Jobbtorgsson, Egenlisa"))
            }
            let recent = try await browser.get(client, "/persons/search")
            #expect(recent.text.contains("Senast öppnade"))

            // The district still sees its own values, untouched by Jobbtorg's registration (a day later: a new session).
            _ = try await district.login(client, "mottagning")
            for pair in Self.pairs {
                let r = try await district.get(client, "/persons/search?q=\(pair.held)")
                #expect(r.text.contains("Hemligsson, Hemligfrida"))
                #expect(!r.text.contains("Jobbtorgsson"))
                if pair.protected { #expect(r.text.contains("Skyddade personuppgifter")) }
            }
            // Within the committee, the number already held is still said to be held (the caller's own file).
            let again = try await browser.post(client, "/persons", Self.ownPerson.merging(["personalIdentityNumber": Self.pairs[1].held]) { a, _ in a })
            #expect(again.status == .conflict || again.status == .unprocessableContent)
            #expect(again.text.contains("finns redan en personakt med det här numret i er nämnd"))
        }
    }
}

/// A `Browser` shared by the table's closures (one request at a time).
final class BrowserBox: @unchecked Sendable {
    private var browser: Browser
    private let lock = NSLock()
    init(_ browser: Browser) { self.browser = browser }

    func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        var b = lock.withLock { browser }
        let r = try await b.get(client, uri)
        lock.withLock { browser = b }
        return r
    }

    func post(_ client: some TestClientProtocol, _ uri: String, _ form: [String: String]) async throws -> TestResponse {
        var b = lock.withLock { browser }
        let r = try await b.post(client, uri, form)
        lock.withLock { browser = b }
        return r
    }
}
