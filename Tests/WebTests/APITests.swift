import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("JSON API")
struct APITests {
    static let number = Fixtures.personnummer(1985, 7, 14, serial: 123)

    func token(_ client: some TestClientProtocol, _ username: String = "mottagning") async throws -> String {
        let r = try await client.execute(
            uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(TestApp.password)"}"#))
        #expect(r.status == .created)
        let json = try JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8)) as? [String: Any]
        return try #require(json?["token"] as? String)
    }

    func call(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil) async throws -> (TestResponse, [String: Any]) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        let r = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let json = (try? JSONSerialization.jsonObject(with: Data(String(buffer: r.body).utf8))) as? [String: Any] ?? [:]
        return (r, json)
    }

    func errorCode(_ json: [String: Any]) -> String? { (json["error"] as? [String: Any])?["code"] as? String }
    func fields(_ json: [String: Any]) -> [String] { ((json["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? [] }

    @Test("Health names the database kind; the OpenAPI document is served", arguments: TestDatabase.kinds)
    func health(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            let (r, json) = try await call(client, .get, "/health", token: nil)
            #expect(r.status == .ok)
            #expect(json["status"] as? String == "ok")
            #expect(json["database"] as? String == kind.rawValue)
            let (spec, doc) = try await call(client, .get, "/api/openapi.json", token: nil)
            #expect(spec.status == .ok)
            #expect((doc["paths"] as? [String: Any])?.keys.contains("/api/v1/persons/{personId}") == true)
        }
    }

    @Test("Create, read and search a person with a bearer token; every read is logged", arguments: TestDatabase.kinds)
    func createReadSearch(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let t = try await token(client)
            let body = #"{"personalIdentityNumber":"\#(Self.number)","firstName":"Anna","lastName":"Öberg","address":{"street":"Tensta allé 1","postalCode":"16364","city":"Spånga"}}"#
            let (created, person) = try await call(client, .post, "/api/v1/persons", token: t, body: body)
            #expect(created.status == .created)
            #expect(person["personalIdentityNumber"] as? String == Self.number.replacingOccurrences(of: "-", with: ""))
            #expect(person["kind"] as? String == "personnummer")
            #expect(person["committeeIds"] as? [String] == ["spanga-tensta"])
            let id = try #require(person["id"] as? String)

            let (read, again) = try await call(client, .get, "/api/v1/persons/\(id)", token: t)
            #expect(read.status == .ok)
            #expect(again["lastName"] as? String == "Öberg")
            #expect((again["address"] as? [String: Any])?["postalCode"] as? String == "163 64")
            let row = try #require(try await app.services.accessLog.forPerson(UUID(uuidString: id)!).first)
            #expect(row.entry.action == "person.read")
            #expect(row.entry.detail == "api")

            let (search, hits) = try await call(client, .get, "/api/v1/persons?q=%C3%B6berg", token: t)
            #expect(search.status == .ok)
            #expect((hits["items"] as? [[String: Any]])?.count == 1)

            let (conflict, cj) = try await call(client, .post, "/api/v1/persons", token: t, body: body)
            #expect(conflict.status == .conflict)
            #expect(errorCode(cj) == "conflict")

            // Jobbtorg does not see the district's person.
            let coach = try await token(client, "coach")
            let (hidden, hj) = try await call(client, .get, "/api/v1/persons/\(id)", token: coach)
            #expect(hidden.status == .notFound)
            #expect(errorCode(hj) == "not_found")
        }
    }

    @Test("Bad input gets a structured error and writes nothing", arguments: TestDatabase.kinds)
    func badInput(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let t = try await token(client)
            var wrong = Array(Self.number)
            wrong[wrong.count - 1] = wrong.last == "0" ? "1" : "0"
            let cases: [(String, HTTPResponse.Status, String, [String])] = [
                (#"{"personalIdentityNumber":"\#(String(wrong))","firstName":"A","lastName":"B"}"#, .unprocessableContent, "invalid_fields", ["personalIdentityNumber"]),
                (#"{"personalIdentityNumber":"\#(Self.number)","firstName":"","lastName":""}"#, .unprocessableContent, "invalid_fields", ["firstName", "lastName"]),
                (#"{"personalIdentityNumber":"\#(Self.number)","firstName":"A","lastName":"B","isAdmin":true}"#, .unprocessableContent, "invalid_body", ["isAdmin"]),
                (#"{"personalIdentityNumber":198507141235,"firstName":"A","lastName":"B"}"#, .unprocessableContent, "invalid_body", ["personalIdentityNumber"]),
                (#"{"firstName":"A","lastName":"B"}"#, .unprocessableContent, "invalid_body", ["personalIdentityNumber"]),
                (#"{"personalIdentityNumber": "#, .badRequest, "malformed_json", []),
                (#"{"personalIdentityNumber":"\#(Self.number)","firstName":"\#(String(repeating: "A", count: 70_000))","lastName":"B"}"#, .contentTooLarge, "payload_too_large", []),
            ]
            let logBefore = try await app.services.accessLog.recent(committeeId: nil, limit: 1).first?.sequence
            for (body, status, code, fieldNames) in cases {
                let (r, json) = try await call(client, .post, "/api/v1/persons", token: t, body: body)
                #expect(r.status == status, "\(body.prefix(80))")
                #expect(errorCode(json) == code, "\(body.prefix(80))")
                #expect(fields(json) == fieldNames, "\(body.prefix(80))")
                #expect(((json["error"] as? [String: Any])?["requestId"] as? String)?.count == 16)
            }
            #expect(try await app.services.persons.count() == 0)
            #expect(try await app.services.accessLog.recent(committeeId: nil, limit: 1).first?.sequence == logBefore)
        }
    }

    @Test("Without a valid token: 401 with a structured error; a wrong password gets no token", arguments: TestDatabase.kinds)
    func unauthenticated(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            let (r, json) = try await call(client, .get, "/api/v1/persons?q=anna", token: nil)
            #expect(r.status == .unauthorized)
            #expect(errorCode(json) == "unauthenticated")
            let (forged, _) = try await call(client, .get, "/api/v1/persons?q=anna", token: "not-a-token")
            #expect(forged.status == .unauthorized)
            let (bad, bj) = try await call(client, .post, "/api/v1/auth/token", token: nil, body: #"{"username":"mottagning","password":"fel"}"#)
            #expect(bad.status == .unauthorized)
            #expect((bj["error"] as? [String: Any])?["message"] as? String == "Fel användarnamn eller lösenord.")
        }
    }

    @Test("Tokens expire and end when the user is disabled", arguments: TestDatabase.kinds)
    func tokenLifetime(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let t = try await token(client)
            #expect(try await call(client, .get, "/api/v1/persons?q=anna", token: t).0.status == .ok)
            app.clock.advance(by: 8 * 3600 + 1)
            #expect(try await call(client, .get, "/api/v1/persons?q=anna", token: t).0.status == .unauthorized)
            let t2 = try await token(client)
            let user = try #require(try await app.services.users.credentials(username: "mottagning")?.user)
            try await app.services.users.setActive(
                userId: user.id, active: false, audit: AccessLogEntry(at: app.clock.now(), requestId: "t", actor: nil, action: .userDisable, outcome: .allowed))
            #expect(try await call(client, .get, "/api/v1/persons?q=anna", token: t2).0.status == .unauthorized)
        }
    }
}
