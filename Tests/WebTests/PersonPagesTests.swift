import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// The real access log, except that writing rows about persons fails (a full disk, a lost connection),
/// to prove that reads of personal data fail closed.
struct FailingPersonLog: AccessLog {
    struct Down: Error {}
    let inner: SQLAccessLog
    func append(_ entries: [AccessLogEntry]) async throws {
        if entries.contains(where: { $0.action.hasPrefix("person.") }) { throw Down() }
        try await inner.append(entries)
    }
    func append(_ entries: [AccessLogEntry], activity: [DraftActivity]) async throws {
        if entries.contains(where: { $0.action.hasPrefix("person.") }) { throw Down() }
        try await inner.append(entries, activity: activity)
    }
    func recent(committeeId: String?, limit: Int) async throws -> [AccessLogRecord] { try await inner.recent(committeeId: committeeId, limit: limit) }
    func record(sequence: Int64) async throws -> AccessLogRecord? { try await inner.record(sequence: sequence) }
    func verify() async throws -> AccessLogVerification { try await inner.verify() }
}

@Suite("Person pages")
struct PersonPagesTests {
    static let number = Fixtures.personnummer(1985, 7, 14, serial: 123)

    @Test("Register with a wrong check digit: a Swedish error at the field, values kept; then correct it and see the person", arguments: TestDatabase.kinds)
    func registerFlow(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            let form = try await b.get(client, "/persons/new")
            #expect(form.status == .ok)
            var wrong = Array(Self.number)
            wrong[wrong.count - 1] = wrong.last == "0" ? "1" : "0"
            let bad = try await b.post(client, "/persons", ["personalIdentityNumber": String(wrong), "firstName": "Anna", "lastName": "Öberg", "phone": "070-123 45 67"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains(#"id="personalIdentityNumber-error""#))
            #expect(bad.text.contains("Kontrollsiffran stämmer inte"))
            #expect(bad.text.contains(#"value="Anna""#), "the first name is kept")
            #expect(bad.text.contains(#"aria-invalid="true""#))
            #expect(try await app.services.persons.count() == 0, "nothing saved")

            let good = try await b.post(client, "/persons", ["personalIdentityNumber": Self.number, "firstName": "Anna", "lastName": "Öberg"])
            #expect(good.status == .seeOther)
            let location = try #require(good.location)
            #expect(location.hasPrefix("/persons/"))
            let page = try await b.get(client, location)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Anna Öberg</h1>"))
            #expect(page.text.contains(Self.number))
            #expect(page.text.contains("Personen är registrerad"))

            // Found by name and by the 10-digit number.
            let byName = try await b.get(client, "/persons/search?q=%C3%B6berg")
            #expect(byName.text.contains("Öberg, Anna"))
            // As the search form sends it: a space is "+"; case and diacritics do not matter.
            let asTyped = try await b.get(client, "/persons/search?q=OBERG+a")
            #expect(asTyped.text.contains("Öberg, Anna"))
            #expect(asTyped.text.contains(#"value="OBERG a""#))
            let ten = String(Self.number.dropFirst(2))
            let byNumber = try await b.get(client, "/persons/search?q=\(ten)")
            #expect(byNumber.text.contains("Öberg, Anna"))
            #expect(byNumber.text.contains("1 träff"))
        }
    }

    @Test("Reading a person page writes one access-log row; another committee gets 404 and a denied row", arguments: TestDatabase.kinds)
    func accessLogged(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            _ = try await b.get(client, "/persons/new")
            let location = try #require(
                try await b.post(client, "/persons", ["personalIdentityNumber": Self.number, "firstName": "Anna", "lastName": "Öberg"]).location)
            let id = try #require(UUID(uuidString: String(location.dropFirst("/persons/".count).prefix(36))))

            let before = try await app.services.accessLog.forPerson(id).count
            #expect(try await b.get(client, "/persons/\(id.uuidString.lowercased())").status == .ok)
            let rows = try await app.services.accessLog.forPerson(id)
            #expect(rows.count == before + 1)
            let read = try #require(rows.first)
            #expect(read.entry.action == "person.read")
            #expect(read.entry.outcome == .allowed)
            #expect(read.entry.username == "mottagning")
            #expect(read.entry.role == "intake_officer")
            #expect(read.entry.unitId == "spanga-tensta-mottagning")
            #expect(read.entry.committeeId == "spanga-tensta")
            #expect(read.entry.requestId.count == 16)

            var coach = Browser()
            _ = try await coach.login(client, "coach")
            let denied = try await coach.get(client, "/persons/\(id.uuidString.lowercased())")
            #expect(denied.status == .notFound)
            #expect(!denied.text.contains("Öberg"))
            let last = try #require(try await app.services.accessLog.forPerson(id).first)
            #expect(last.entry.outcome == .denied)
            #expect(last.entry.username == "coach")

            // A role without access to person files (analyst) is refused too, and logged.
            var analyst = Browser()
            _ = try await analyst.login(client, "analytiker")
            #expect(try await analyst.get(client, "/persons/\(id.uuidString.lowercased())").status == .notFound)
            #expect(try await analyst.get(client, "/persons/search?q=oberg").status == .forbidden)
            #expect(try await app.services.accessLog.verify().isIntact)
        }
    }

    @Test("Protected identity: the address and contact details are never shown")
    func protectedIdentity() async throws {
        try await TestApp.run(.sqlite) { _, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            _ = try await b.get(client, "/persons/new")
            let location = try #require(
                try await b.post(
                    client, "/persons",
                    ["personalIdentityNumber": Self.number, "firstName": "Hemlig", "lastName": "Person", "street": "Lönngatan 7", "phone": "070-111 22 33", "protectedIdentity": "on"]
                ).location)
            let page = try await b.get(client, location)
            #expect(page.text.contains("Skyddade personuppgifter"))
            #expect(!page.text.contains("Lönngatan"))
            #expect(!page.text.contains("070-111 22 33"))
        }
    }

    @Test("If the access log cannot be written, no personal data is returned")
    func failClosed() async throws {
        try await TestApp.run(.sqlite, accessLog: { db in FailingPersonLog(inner: SQLAccessLog(database: db)) }) { app, client in
            // Put a person in place directly, then try to read it through the page.
            let user = try #require(try await app.services.users.credentials(username: "mottagning")?.user)
            let working = PersonDirectory(persons: app.services.persons, log: app.services.accessLog, clock: app.clock)
            let view = try await working.register(Fixtures.personInput(Self.number, "Anna", "Öberg"), by: Actor(user: user, requestId: "t", channel: "test"))
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            let r = try await b.get(client, "/persons/\(view.person.id.uuidString.lowercased())")
            #expect(r.status == .serviceUnavailable)
            #expect(!r.text.contains("Öberg"))
            #expect(!r.text.contains(Self.number))
            let search = try await b.get(client, "/persons/search?q=oberg")
            #expect(search.status == .serviceUnavailable)
            #expect(!search.text.contains("Öberg"))
            // The API fails closed the same way, and says it is the server's fault (503), not the request's (400).
            let api = APITests()
            let token = try await api.token(client, "mottagning")
            let (read, body) = try await api.call(client, .get, "/api/v1/persons/\(view.person.id.uuidString.lowercased())", token: token)
            #expect(read.status == .serviceUnavailable)
            #expect((body["error"] as? [String: Any])?["code"] as? String == "unavailable")
            #expect(!read.text.contains("Öberg") && !read.text.contains(Self.number))
            let (found, _) = try await api.call(client, .get, "/api/v1/persons?q=oberg", token: token)
            #expect(found.status == .serviceUnavailable && !found.text.contains("Öberg"))
        }
    }
}
