import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Assessment pages")
struct AssessmentPagesTests {
    static let number = Fixtures.personnummer(1985, 7, 14, serial: 123)

    /// Registers the person as intake and returns its id.
    func register(_ client: some TestClientProtocol, _ browser: inout Browser) async throws -> String {
        _ = try await browser.get(client, "/persons/new")
        let r = try await browser.post(client, "/persons", ["personalIdentityNumber": Self.number, "firstName": "Alva", "lastName": "Öberg"])
        let location = try #require(r.location)
        return String(location.dropFirst("/persons/".count).prefix(36))
    }

    func start(_ client: some TestClientProtocol, _ browser: inout Browser, person: String, instrument: String, part: String) async throws -> String {
        _ = try await browser.get(client, "/persons/\(person)/assessments")
        let r = try await browser.post(client, "/persons/\(person)/assessments", ["instrument": instrument, "part": part])
        #expect(r.status == .seeOther)
        let location = try #require(r.location)
        #expect(location.hasPrefix("/assessments/"))
        return String(location.dropFirst("/assessments/".count))
    }

    /// Intake registers a person; the district's social secretary starts part 3 for them.
    func partThreeStarted(_ client: some TestClientProtocol) async throws -> (intake: Browser, district: Browser, person: String, partThree: String) {
        var intake = Browser()
        _ = try await intake.login(client, "mottagning")
        let person = try await register(client, &intake)
        var district = Browser()
        _ = try await district.login(client, "socialsekreterare")
        let p3 = try await start(client, &district, person: person, instrument: "test-initial", part: "social")
        return (intake, district, person, p3)
    }

    func version(_ html: String) -> String {
        guard let r = html.range(of: #"name="version" value=""#) else { return "" }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test("Intake fills part 1 area by area; the district opens part 3 with the answers pre-filled and marked", arguments: TestDatabase.kinds)
    func fillAndReuse(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var intake = Browser()
            _ = try await intake.login(client, "mottagning")
            let person = try await register(client, &intake)
            let rid = try await start(client, &intake, person: person, instrument: "test-initial", part: "intag")
            let form = try await intake.get(client, "/assessments/\(rid)")
            #expect(form.status == .ok)
            #expect(form.text.contains("Område 1 av 1"))
            #expect(form.text.contains("Vill inte svara"))  // the sensitive question offers it
            #expect(form.text.contains("Samtalsstöd"))
            let saved = try await intake.post(
                client, "/assessments/\(rid)",
                pairs: [("area", "1"), ("version", version(form.text)), ("action", "review"), ("q.i-children", "2"), ("q.i-housing", "andrahand"), ("q.i-threat", "yes")])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/assessments/\(rid)/review")
            let review = try await intake.get(client, "/assessments/\(rid)/review")
            #expect(review.text.contains("Andrahand"))
            #expect(review.text.contains("Slutför delen"))
            let done = try await intake.post(client, "/assessments/\(rid)/complete", ["version": version(review.text)])
            #expect(done.status == .seeOther)
            let locked = try await intake.get(client, "/assessments/\(rid)?completed=1")
            #expect(locked.text.contains("Delen är slutförd och låst"))
            #expect(locked.text.contains("Rätta delen"))
            // A write to the locked part is refused.
            let refused = try await intake.post(client, "/assessments/\(rid)", pairs: [("area", "1"), ("q.i-children", "3")])
            #expect(refused.status == .conflict)

            var district = Browser()
            _ = try await district.login(client, "socialsekreterare")
            // The person's file is in the same committee (the district), so the district sees it.
            let overview = try await district.get(client, "/persons/\(person)/assessments")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("Det som redan är känt"))
            #expect(overview.text.contains("Andrahand"))
            let p3 = try await start(client, &district, person: person, instrument: "test-initial", part: "social")
            let area1 = try await district.get(client, "/assessments/\(p3)")
            #expect(area1.text.contains("Område 1 av 2"))
            #expect(area1.text.contains("Förifyllt från Testbedömning, Del 1"))
            #expect(area1.text.contains(#"value="2""#))
            // Confirm the count; the follow-up question is already shown because the pre-filled count is 2.
            let next = try await district.post(
                client, "/assessments/\(p3)",
                pairs: [("area", "1"), ("version", version(area1.text)), ("action", "next"), ("shown", "s-children,s-children-needs"), ("q.s-children", "2"), ("q.s-children-needs", "Förskoleplats")])
            #expect(next.location == "/assessments/\(p3)?area=2")
            let area2 = try await district.get(client, "/assessments/\(p3)?area=2")
            #expect(area2.text.contains("Område 2 av 2"))
            #expect(area2.text.contains("Förifyllt från"))
            // A pre-filled radio is checked.
            #expect(area2.text.contains(#"value="andrahand" checked"#))
            let answers = try await app.services.assessmentStore.answers(responseId: try #require(UUID(uuidString: p3)))
            #expect(answers.first { $0.questionId == "s-children" }?.sourceResponseId?.uuidString.lowercased() == rid)
        }
    }

    @Test("Autosave answers in one shape: the saved version, or every refused field at once in Swedish; a stale version is a conflict", arguments: TestDatabase.kinds)
    func autosaveReplies(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var (_, district, _, p3) = try await partThreeStarted(client)
            func json(_ r: TestResponse) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(r.text.utf8)) as? [String: Any]) }
            let area2 = try await district.get(client, "/assessments/\(p3)?area=2")
            let v = version(area2.text)
            let bad = try await district.post(
                client, "/assessments/\(p3)",
                pairs: [("area", "2"), ("version", v), ("action", "autosave"), ("q.s-housing", "slott"), ("q.s-since", "2026-02-30"), ("q.s-mood", "9")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.headers[.contentType] == "application/json")
            let error = try #require(try json(bad)["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid")
            let fields = (error["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["s-housing", "s-since", "s-mood"], "every refused answer at once")
            #expect((error["message"] as? String ?? "").contains("Ange ett datum som ÅÅÅÅ-MM-DD."))
            #expect(try await app.services.assessmentStore.answers(responseId: try #require(UUID(uuidString: p3))).isEmpty)

            let ok = try await district.post(client, "/assessments/\(p3)", pairs: [("area", "2"), ("version", v), ("action", "autosave"), ("q.s-housing", "eget")])
            #expect(ok.status == .ok)
            let saved = try #require(try json(ok)["version"] as? Int)
            #expect("\(saved)" != v)
            // The version read before that save is stale now: a conflict the page can explain, nothing saved.
            let stale = try await district.post(client, "/assessments/\(p3)", pairs: [("area", "2"), ("version", v), ("action", "autosave"), ("q.s-housing", "andrahand")])
            #expect(stale.status == .conflict)
            #expect((try json(stale)["error"] as? [String: Any])?["code"] as? String == "stale")
            let answers = try await app.services.assessmentStore.answers(responseId: try #require(UUID(uuidString: p3)))
            #expect(answers.first { $0.questionId == "s-housing" }.map { "\($0.value)" }?.contains("eget") == true)
        }
    }

    @Test("Bad input on the form: a Swedish message per question, values kept, nothing saved", arguments: TestDatabase.kinds)
    func badInput(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var (intake, district, person, p3) = try await partThreeStarted(client)
            let area2 = try await district.get(client, "/assessments/\(p3)?area=2")
            let bad = try await district.post(
                client, "/assessments/\(p3)",
                pairs: [("area", "2"), ("version", version(area2.text)), ("action", "next"), ("q.s-housing", "slott"), ("q.s-since", "2026-02-30"), ("q.s-mood", "9")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Svaren sparades inte"))
            #expect(bad.text.contains("Ange ett datum som ÅÅÅÅ-MM-DD."))
            #expect(bad.text.contains(#"value="2026-02-30""#))
            #expect(try await app.services.assessmentStore.answers(responseId: try #require(UUID(uuidString: p3))).isEmpty)
            // Intake may read the district's part 3 (same committee) but not write it.
            let notOwner = try await intake.post(client, "/assessments/\(p3)", pairs: [("area", "1"), ("q.s-children", "1")])
            #expect(notOwner.status == .conflict)
            // Jobbtorg (another committee) sees nothing.
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            #expect(try await coach.get(client, "/assessments/\(p3)").status == .notFound)
            #expect(try await coach.get(client, "/persons/\(person)/assessments").status == .notFound)
        }
    }

    @Test("Without JavaScript, answers that show more questions keep you on the area", arguments: TestDatabase.kinds)
    func branchingWithoutScript(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            var (_, district, _, p3) = try await partThreeStarted(client)
            let area1 = try await district.get(client, "/assessments/\(p3)")
            // No pre-fill here: the follow-up question is hidden and disabled until there are children.
            #expect(area1.text.contains(#"id="wrap-q-s-children-needs" data-question="s-children-needs""#))
            #expect(area1.text.contains("hidden>"))
            let r = try await district.post(
                client, "/assessments/\(p3)", pairs: [("area", "1"), ("version", version(area1.text)), ("action", "next"), ("shown", "s-children"), ("q.s-children", "1")])
            #expect(r.location == "/assessments/\(p3)?area=1&saved=more")
            let again = try await district.get(client, try #require(r.location))
            #expect(again.text.contains("Fler frågor visas"))
            // The draft survives: the answer is there when the page is opened again.
            #expect(again.text.contains(#"value="1""#))
        }
    }

    @Test("A manager reads answers without the sensitive ones and sees the unit's median time", arguments: TestDatabase.kinds)
    func managerView(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var (_, district, _, p3) = try await partThreeStarted(client)
            var page = try await district.get(client, "/assessments/\(p3)")
            _ = try await district.post(client, "/assessments/\(p3)", pairs: [("area", "1"), ("version", version(page.text)), ("action", "save"), ("q.s-children", "0")])
            app.clock.advance(by: 150)
            page = try await district.get(client, "/assessments/\(p3)?area=2")
            _ = try await district.post(
                client, "/assessments/\(p3)", pairs: [("area", "2"), ("version", version(page.text)), ("action", "review"), ("q.s-housing", "eget"), ("q.s-threat", "yes")])
            let review = try await district.get(client, "/assessments/\(p3)/review")
            let done = try await district.post(client, "/assessments/\(p3)/complete", ["version": version(review.text)])
            #expect(done.status == .seeOther)

            var manager = Browser()
            _ = try await manager.login(client, "enhetschef")
            let view = try await manager.get(client, "/assessments/\(p3)")
            #expect(view.status == .ok)
            #expect(view.text.contains("Eget kontrakt"))
            #expect(view.text.contains("Känsligt svar – visas inte för din roll"))
            #expect(!view.text.contains("Rätta delen"))
            let times = try await manager.get(client, "/unit/assessment-times")
            #expect(times.status == .ok)
            #expect(times.text.contains("2 min 30 s"))
            // Caseworkers do not get the unit figures.
            #expect(try await district.get(client, "/unit/assessment-times").status == .forbidden)
        }
    }
}
