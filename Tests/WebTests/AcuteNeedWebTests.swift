import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// The Akut task and the task list's filters, personnummer and bulk reassignment, as the pages and the API answer them.
@Suite("Acute needs and task lists: pages and API")
struct AcuteNeedWebTests {
    let api = APITests()

    func actor(_ app: TestApp, _ username: String) async throws -> Actor {
        Actor(user: try #require(try await app.services.users.credentials(username: username)?.user), requestId: "t", channel: "page")
    }

    /// A person registered by intake with part 1 completed, `urgent` as the acute answers.
    func person(_ app: TestApp, _ i: Int, last: String, urgent: [String], caseBy: String = "mottagning") async throws -> UUID {
        let maja = try await actor(app, "mottagning")
        let p = try await app.services.directory.register(Fixtures.personInput(Fixtures.personnummer(1990, 1, i, serial: 240 + i), "Johan", last), by: maja).person.id
        _ = try await app.services.caseFlow.openCase(personId: p, .init(source: "application", channel: "phone", openedOn: ""), by: try await actor(app, caseBy))
        let r = try await app.services.assessments.start(personId: p, instrumentId: "initial-bedomning", partId: "del-1", by: maja).response
        let saved = try await app.services.assessments.save(
            responseId: r.id, expectedVersion: r.version,
            answers: [
                "p1-reason": .text("Pengarna är slut"), "p1-occupation": .choice("arbetssokande"), "p1-adults": .number(1), "p1-children": .number(0),
                "p1-housing": .choice("eget_kontrakt"), "p1-housing-risk": .bool(false), "p1-income": .choices(["ingen"]), "p1-af": .bool(false),
                "p1-urgent": .choices(urgent), "p1-threat": .bool(false),
            ], by: maja)
        _ = try await app.services.assessments.complete(responseId: r.id, expectedVersion: saved.version, by: maja)
        return p
    }

    func ids(_ html: String, _ pattern: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { Range($0.range(at: 1), in: html).map { String(html[$0]) } }
    }

    @Test("The social secretary sees Akut first with the personnummer, filters, opens and marks it handled; other committees and bad input are refused", arguments: TestDatabase.kinds)
    func acutePages(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let p = try await person(app, 1, last: "Åkesson", urgent: ["mat"])
            // The other Johan Åkesson's case is at the unit already; his first task shows after a few weeks.
            _ = try await person(app, 2, last: "Åkesson", urgent: ["inget"], caseBy: "socialsekreterare")
            app.clock.advance(by: 20 * 86_400)
            try await app.services.taskJob.run()
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            let list = try await sara.get(client, "/tasks")
            #expect(list.status == .ok)
            let text = list.text
            #expect(text.contains("Ett akut behov i enheten väntar på åtgärd i dag."))
            // Two "Åkesson, Johan": told apart by the personnummer on the list.
            #expect(text.contains(Fixtures.personnummer(1990, 1, 1, serial: 241)) && text.contains(Fixtures.personnummer(1990, 1, 2, serial: 242)))
            #expect(text.contains("Akut behov"))
            let needLinks = ids(text, #"href="/acute-needs/([0-9a-f-]{36})""#)
            #expect(needLinks.count == 1)
            // Filtered to acute needs: only that one; an unknown kind is a 400 with a Swedish message, never a 500.
            let acuteOnly = try await sara.get(client, "/tasks?kind=acute_need&sort=person&due=overdue")
            #expect(acuteOnly.status == .ok && ids(acuteOnly.text, #"href="/acute-needs/([0-9a-f-]{36})""#) == needLinks)
            let bad = try await sara.get(client, "/tasks?kind=nonsense&due=yesterday")
            #expect(bad.status == .badRequest && bad.text.contains("Okänt slag av uppgift") && bad.text.contains("Okänt val av förfallodag"))
            #expect(try await sara.get(client, "/tasks?worker=not-a-worker").status == .badRequest)
            #expect(try await sara.get(client, "/tasks?sort=random").status == .badRequest)

            let needId = try #require(needLinks.first)
            // The unit's inbox: the acute need first, marked, before the older handover of the same person.
            let inbox = try await sara.get(client, "/inbox")
            #expect(inbox.status == .ok && inbox.text.contains("1 akut behov") && inbox.text.contains(#"<span class="tag acute">Akut</span>"#))
            let acuteAt = try #require(inbox.text.range(of: "/acute-needs/\(needId)"))
            let handoverAt = try #require(inbox.text.range(of: "Ny aktualisering"))
            #expect(acuteAt.lowerBound < handoverAt.lowerBound)
            let page = try await sara.get(client, "/acute-needs/\(needId)")
            #expect(page.status == .ok && page.text.contains("Saknar pengar till mat i dag") && page.text.contains("Markera som hanterat"))
            let empty = try await sara.post(client, "/acute-needs/\(needId)/handle", ["note": " "])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Skriv kort vad som har gjorts"))
            let done = try await sara.post(client, "/acute-needs/\(needId)/handle", ["note": "Beviljat akut bistånd till mat"])
            #expect(done.status == .seeOther && done.location == "/acute-needs/\(needId)?saved=handled")
            let shown = try await sara.get(client, "/acute-needs/\(needId)?saved=handled")
            #expect(shown.text.contains("Det akuta behovet är markerat som hanterat.") && shown.text.contains("Beviljat akut bistånd till mat"))
            #expect(!(try await sara.get(client, "/tasks")).text.contains("/acute-needs/"))
            let inboxAfter = try await sara.get(client, "/inbox")
            #expect(!inboxAfter.text.contains("/acute-needs/") && inboxAfter.text.contains("Ny aktualisering"))
            let again = try await sara.post(client, "/acute-needs/\(needId)/handle", ["note": "Igen"])
            #expect(again.status == .conflict)
            // Jobbtorg does not see the district's acute need.
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            _ = try await carl.get(client, "/tasks")
            #expect(try await carl.get(client, "/acute-needs/\(needId)").status == .notFound)
            _ = try await carl.get(client, "/tasks")
            #expect(try await carl.post(client, "/acute-needs/\(needId)/handle", ["note": "Försöker"]).status == .notFound)
            _ = p
        }
    }

    @Test("API: the filters; an unknown value is a 400, an unknown worker a 404", arguments: TestDatabase.kinds)
    func apiFilters(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            _ = try await person(app, 3, last: "Berg", urgent: ["boende"])
            let token = try await api.token(client, "socialsekreterare")
            let (ok, json) = try await api.call(client, .get, "/api/v1/tasks?kind=acute_need&due=today&sort=kind", token: token)
            #expect(ok.status == .ok && (json["unit"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["acute_need"])
            let (unassigned, uj) = try await api.call(client, .get, "/api/v1/tasks?worker=unassigned", token: token)
            #expect(unassigned.status == .ok && (uj["unit"] as? [[String: Any]])?.first?["kind"] as? String == "acute_need")
            #expect(try await api.call(client, .get, "/api/v1/tasks?kind=nonsense", token: token).0.status == .badRequest)
            #expect(try await api.call(client, .get, "/api/v1/tasks?worker=nobody", token: token).0.status == .badRequest)
            // A well-formed id that is no worker of the unit is not found; naming oneself on the unit's list is a conflict.
            #expect(try await api.call(client, .get, "/api/v1/tasks?worker=\(UUID().uuidString)", token: token).0.status == .notFound)
            #expect(try await api.call(client, .get, "/api/v1/tasks?sort=random", token: token).0.status == .badRequest)
        }
    }

    @Test("The unit manager reassigns two tasks at once; to a worker of another unit nothing is saved", arguments: TestDatabase.kinds)
    func bulkReassign(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            _ = try await person(app, 4, last: "Cederlund", urgent: ["mat"])
            _ = try await person(app, 5, last: "Dahl", urgent: ["barn"])
            var elin = Browser()
            _ = try await elin.login(client, "enhetschef")
            let list = try await elin.get(client, "/tasks")
            #expect(list.text.contains("Fördela om de valda"))
            let tasks = ids(list.text, #"name="task" value="([0-9a-f-]{36})""#)
            #expect(tasks.count == 2)
            let sara = try await actor(app, "socialsekreterare"), maja = try await actor(app, "mottagning")
            // To the intake officer (another unit): refused, nothing saved, the choice shown again.
            let refused = try await elin.post(client, "/tasks/reassign", pairs: tasks.map { ("task", $0) } + [("assignee", maja.user.id.uuidString.lowercased())])
            #expect(refused.status == .unprocessableContent && refused.text.contains("aktiv handläggare i din egen enhet"))
            #expect(try await app.services.caseStore.openTasks(assigneeId: sara.user.id, limit: 10).isEmpty)
            let done = try await elin.post(client, "/tasks/reassign", pairs: tasks.map { ("task", $0) } + [("assignee", sara.user.id.uuidString.lowercased())])
            #expect(done.status == .seeOther && done.location?.contains("reassigned=2") == true)
            #expect(try await app.services.caseStore.openTasks(assigneeId: sara.user.id, limit: 10).count == 2)
            // (A browser never sends the "#list" of the address.)
            let after = try await elin.get(client, String((done.location ?? "/tasks").prefix { $0 != "#" }))
            #expect(after.text.contains("2 uppgifter fördelades om."))
            // Drill-down from the counts: the worker's row links to her filtered list.
            #expect(after.text.contains("worker=\(sara.user.id.uuidString.lowercased())"))
            // A caseworker may not.
            var s = Browser()
            _ = try await s.login(client, "socialsekreterare")
            _ = try await s.get(client, "/tasks")
            #expect(try await s.post(client, "/tasks/reassign", pairs: [("task", tasks[0]), ("assignee", sara.user.id.uuidString)]).status == .forbidden)
        }
    }
}
