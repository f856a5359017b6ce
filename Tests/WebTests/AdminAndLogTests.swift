import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Organisation administration and log review")
struct AdminAndLogTests {
    static func withAdmin(_ kind: TestDatabase, _ body: @Sendable (TestApp, any TestClientProtocol) async throws -> Void) async throws {
        try await TestApp.run(kind) { app, client in
            let hash = try await app.services.hasher.hash(TestApp.password)
            try await Fixtures.user(app.db, "admin", role: .systemAdministrator, unit: "systemforvaltning", passwordHash: hash)
            try await body(app, client)
        }
    }

    @Test("An administrator renames a committee and adds a unit; the change is logged with before and after", arguments: TestDatabase.kinds)
    func editOrganisation(kind: TestDatabase) async throws {
        try await Self.withAdmin(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "admin")
            let page = try await b.get(client, "/admin/organisation")
            #expect(page.status == .ok)
            #expect(page.text.contains("Spånga-Tensta stadsdelsnämnd"))
            let renamed = try await b.post(client, "/admin/committees/bromma", ["name": "Bromma stadsdelsnämnd 2027"])
            #expect(renamed.location == "/admin/organisation?saved=1")
            #expect(try await b.get(client, "/admin/organisation?saved=1").text.contains("Bromma stadsdelsnämnd 2027"))
            let added = try await b.post(client, "/admin/units", ["id": "jobbtorg-skarholmen", "name": "Jobbtorg Skärholmen", "committeeId": "arbetsmarknadsnamnden", "kind": "jobbtorg"])
            #expect(added.status == .seeOther)
            #expect(try await app.services.organisation.unit(id: "jobbtorg-skarholmen")?.name == "Jobbtorg Skärholmen")
            let rows = try await app.services.accessLog.recent(committeeId: "stadsledningskontoret", limit: 5)
            #expect(rows.contains { $0.entry.action == "organisation.committee.save" && $0.entry.before?.contains("Bromma stadsdelsnämnd\"") == true })

            let invalid = try await b.post(client, "/admin/units", ["id": "Ogiltig Kod", "name": "", "committeeId": "finns-inte", "kind": "x"])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("Ändringen sparades inte"))
            #expect(try await app.services.organisation.unit(id: "Ogiltig Kod") == nil)
        }
    }

    @Test("Only administrators reach the organisation pages", arguments: [TestDatabase.sqlite])
    func adminOnly(kind: TestDatabase) async throws {
        try await Self.withAdmin(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            #expect(try await b.get(client, "/admin/organisation").status == .forbidden)
            _ = try await b.get(client, "/")
            #expect(try await b.post(client, "/admin/committees/bromma", ["name": "Kapad"]).status == .forbidden)
            #expect(try await app.services.organisation.committees().first { $0.id == "bromma" }?.name == "Bromma stadsdelsnämnd")
        }
    }

    @Test("A unit manager reviews the committee's access log; a caseworker may not, and the attempt is logged", arguments: TestDatabase.kinds)
    func logReview(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var worker = Browser()
            _ = try await worker.login(client, "mottagning")
            _ = try await worker.get(client, "/persons/search?q=anna")
            #expect(try await worker.get(client, "/access-log").status == .forbidden)

            var manager = Browser()
            _ = try await manager.login(client, "enhetschef")
            let page = try await manager.get(client, "/access-log")
            #expect(page.status == .ok)
            #expect(page.text.contains("mottagning"))
            #expect(page.text.contains("Nekad"), "the caseworker's denied attempt is listed")
            let rows = try await app.services.accessLog.recent(committeeId: "spanga-tensta", limit: 3)
            #expect(rows.first?.entry.action == "access_log.read")
            #expect(rows.first?.entry.username == "enhetschef")
        }
    }

    @Test("Log review opens a list read and names every person it showed; other committees' rows and bad numbers are not found", arguments: TestDatabase.kinds)
    func logReviewListRow(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var worker = Browser()
            _ = try await worker.login(client, "mottagning")
            for (i, first) in ["Anna", "Annika"].enumerated() {
                _ = try await worker.get(client, "/persons/new")
                let made = try await worker.post(
                    client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1984, 2, 10 + i, serial: 410 + i), "firstName": first, "lastName": "Loggström"])
                #expect(made.status == .seeOther)
            }
            #expect(try await worker.get(client, "/persons/search?q=loggström").status == .ok)
            let rows = try await app.services.accessLog.recent(committeeId: "spanga-tensta", limit: 20)
            let list = try #require(rows.first { $0.entry.action == "person.search_hit" && !$0.entry.personIds.isEmpty })
            #expect(try await worker.get(client, "/access-log/\(list.sequence)").status == .forbidden)

            var manager = Browser()
            _ = try await manager.login(client, "enhetschef")
            let overview = try await manager.get(client, "/access-log")
            #expect(overview.text.contains("href=\"/access-log/\(list.sequence)\""))
            let page = try await manager.get(client, "/access-log/\(list.sequence)")
            #expect(page.status == .ok)
            #expect(list.entry.personIds.count == 2)
            for id in list.entry.personIds { #expect(page.text.contains("/persons/\(id.uuidString.lowercased())")) }
            #expect(page.text.contains("\(list.entry.personIds.count) person"))
            // Reading the row is itself logged.
            let latest = try await app.services.accessLog.recent(committeeId: "spanga-tensta", limit: 1)
            #expect(latest.first?.entry.action == "access_log.read")
            #expect(latest.first?.entry.detail == "row \(list.sequence)")

            for bad in ["0", "-1", "abc", "99999999999999999999", "\(Int64.max)"] {
                #expect(try await manager.get(client, "/access-log/\(bad)").status == .notFound, "\(bad)")
            }
            // A row of another committee is not found for this committee's manager.
            let foreign = try await app.services.accessLog.recent(committeeId: "arbetsmarknadsnamnden", limit: 1)
            if let f = foreign.first { #expect(try await manager.get(client, "/access-log/\(f.sequence)").status == .notFound) }
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            _ = try await coach.get(client, "/tasks")
            let theirs = try #require(try await app.services.accessLog.recent(committeeId: "arbetsmarknadsnamnden", limit: 1).first)
            #expect(try await manager.get(client, "/access-log/\(theirs.sequence)").status == .notFound)
        }
    }
}
