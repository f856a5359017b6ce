import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Participation pages")
struct EpisodePagesTests {
    static func catalogue(_ app: TestApp) async throws {
        let store = app.services.interventions
        try await store.saveProvider(Provider(id: "resurs", name: "Jobbtorg Resurs", kind: .jobbtorgResurs, committeeId: "arbetsmarknadsnamnden"))
        try await store.saveIntervention(
            Intervention(id: "en-plats", providerId: "resurs", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla", description: "", typicalWeeks: 8, capacity: 1))
        try await store.saveIntervention(
            Intervention(
                id: "provning", providerId: "resurs", name: "Arbetsförmågeprövning", type: .workAbilityTesting, targetGroup: "Alla", description: "", typicalWeeks: 12,
                capacity: nil))
    }

    static func register(_ b: inout Browser, _ client: some TestClientProtocol, _ name: String, day: Int) async throws -> String {
        _ = try await b.get(client, "/persons/new")
        let r = try await b.post(
            client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1991, 4, day, serial: 300 + day), "firstName": name, "lastName": "Deltagare"])
        return String(try #require(r.location).dropFirst("/persons/".count).prefix(36))
    }

    @Test("From an accepted place to a started and ended episode; bad dates get Swedish errors and change nothing", arguments: TestDatabase.kinds)
    func placeToEndedEpisode(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            try await Self.catalogue(app)
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            let person = try await Self.register(&coach, client, "Ada", day: 5)
            _ = try await coach.get(client, "/persons/\(person)/queue")
            _ = try await coach.post(client, "/persons/\(person)/queue", ["intervention": "en-plats"])
            let entry = try #require(try await app.services.interventions.queue(interventionId: "en-plats").first).id.uuidString.lowercased()
            _ = try await coach.post(client, "/interventions/en-plats/queue/\(entry)/offer", [:])
            _ = try await coach.post(client, "/interventions/en-plats/queue/\(entry)/accept", [:])
            let queue = try await coach.get(client, "/interventions/en-plats/queue")
            #expect(queue.text.contains("/persons/\(person)/episodes/new?entry=\(entry)"))

            let form = try await coach.get(client, "/persons/\(person)/episodes/new?entry=\(entry)")
            #expect(form.status == .ok)
            #expect(form.text.contains("Arbetsträning"))
            let bad = try await coach.post(
                client, "/persons/\(person)/episodes", ["entry": entry, "intervention": "en-plats", "start": "2026-02-30", "plannedEnd": "", "subGoal": ""])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Ange startdatum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
            #expect(bad.text.contains(#"<title>Fel – Starta deltagande"#))
            #expect(try await app.services.queues.episodes(personId: UUID(uuidString: person)!, by: try await Self.actor(app, "coach")).isEmpty)
            let started = try await coach.post(
                client, "/persons/\(person)/episodes",
                ["entry": entry, "intervention": "en-plats", "start": "2026-11-18", "plannedEnd": "2027-01-15", "subGoal": "Klara fyra timmar om dagen"])
            let location = try #require(started.location)
            #expect(location.hasPrefix("/episodes/") && location.hasSuffix("?started=1"))
            let episodePath = String(location.prefix("/episodes/".count + 36))
            let page = try await coach.get(client, location)
            #expect(page.text.contains("Deltagandet är startat."))
            #expect(page.text.contains("Klara fyra timmar om dagen"))
            #expect(page.text.contains("18 november 2026"))

            // An end before the start, and an interruption without a reason, are refused on the form.
            let early = try await coach.post(client, "\(episodePath)/end", ["actualEnd": "2026-11-01", "outcome": "completed", "interruptionReason": "", "version": "1"])
            #expect(early.status == .unprocessableContent)
            #expect(early.text.contains("Slutdatumet kan inte vara före startdatumet"))
            #expect(early.text.contains("href=\"#end-actualEnd\""))
            let noReason = try await coach.post(client, "\(episodePath)/end", ["actualEnd": "2026-11-18", "outcome": "interrupted", "interruptionReason": "", "version": "1"])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("Skriv varför deltagandet avbröts"))
            #expect(try await app.services.interventions.entry(id: UUID(uuidString: entry)!)?.status == .accepted)
            let ended = try await coach.post(client, "\(episodePath)/end", ["actualEnd": "2026-11-18", "outcome": "work", "interruptionReason": "", "version": "1"])
            #expect(ended.location == "\(episodePath)?ended=1")
            let after = try await coach.get(client, "\(episodePath)?ended=1")
            #expect(after.text.contains("Ledde till arbete"))
            #expect(!after.text.contains("Avsluta deltagandet</button>"))
            // A second end with the old version is a conflict that changes nothing.
            let again = try await coach.post(client, "\(episodePath)/end", ["actualEnd": "2026-11-18", "outcome": "completed", "interruptionReason": "", "version": "1"])
            #expect(again.status == .conflict)
            #expect(try await app.services.interventions.entry(id: UUID(uuidString: entry)!)?.status == .ended)
            let list = try await coach.get(client, "/persons/\(person)/interventions")
            #expect(list.text.contains("Ledde till arbete"))

            // Another committee sees neither the episode nor the person's interventions.
            var district = Browser()
            _ = try await district.login(client, "socialsekreterare")
            #expect(try await district.get(client, episodePath).status == .notFound)
            #expect(try await district.get(client, "/persons/\(person)/interventions").status == .notFound)

            // Managers see the figures; a caseworker does not.
            #expect(try await coach.get(client, "/interventions/figures").status == .forbidden)
            var manager = Browser()
            _ = try await manager.login(client, "enhetschef")
            let figures = try await manager.get(client, "/interventions/figures")
            #expect(figures.status == .ok)
            #expect(figures.text.contains("Arbetsträning"))
            #expect(figures.text.contains("Hela staden"))
            #expect(!figures.text.contains("Ada"))
        }
    }

    @Test("Work-ability testing: a placement, an AWP result, a conclusion and the printable final report", arguments: TestDatabase.kinds)
    func workAbility(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            try await Self.catalogue(app)
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            let person = try await Self.register(&coach, client, "Bea", day: 6)
            _ = try await coach.get(client, "/persons/\(person)/episodes/new")
            let started = try await coach.post(
                client, "/persons/\(person)/episodes", ["intervention": "provning", "start": "2026-10-01", "plannedEnd": "", "subGoal": "Hitta rätt arbetsmiljö"])
            let episodePath = String(try #require(started.location).prefix("/episodes/".count + 36))

            let badPlacement = try await coach.post(
                client, "\(episodePath)/placements",
                ["workplace": "", "tasks": "Sortering", "support": "praktik", "start": "2026-10-05", "end": "2026-10-01", "hoursPerWeek": "99", "observations": ""])
            #expect(badPlacement.status == .unprocessableContent)
            #expect(badPlacement.text.contains("Placeringen sparades inte"))
            #expect(badPlacement.text.contains("Ange arbetsplatsen"))
            #expect(badPlacement.text.contains("Ange timmar per vecka som ett heltal 1–40."))
            _ = try await coach.post(
                client, "\(episodePath)/placements",
                ["workplace": "Second hand-butik", "tasks": "Sortering och kassa", "support": "supported_employment", "start": "2026-10-05", "end": "",
                 "hoursPerWeek": "16", "observations": "Trivs i lugn miljö."])

            let awpForm = try await coach.get(client, "\(episodePath)/assessments/new?instrument=awp")
            #expect(awpForm.text.contains("Kroppsställning"))
            #expect(awpForm.text.contains(#"name="rating.motor.posture""#))
            #expect(try await coach.get(client, "\(episodePath)/assessments/new?instrument=nope").status == .notFound)
            let badRating = try await coach.post(
                client, "\(episodePath)/assessments",
                ["instrument": "awp", "assessedOn": "2026-10-20", "assessor": "Lena Ek", "rating.motor.posture": "9", "summary": ""])
            #expect(badRating.status == .unprocessableContent)
            #expect(badRating.text.contains("Välj ett värde från 1 till 4."))
            let saved = try await coach.post(
                client, "\(episodePath)/assessments",
                ["instrument": "awp", "assessedOn": "2026-10-20", "assessor": "Lena Ek, arbetsterapeut", "rating.motor.posture": "4",
                 "rating.process.mental_energy": "1", "summary": "Noggrann, behöver pauser."])
            #expect(saved.location == "\(episodePath)?assessment=1")

            let verdict = try await coach.post(
                client, "\(episodePath)/conclusion",
                ["abilities": "Arbetsoförmögen.", "adaptations": "Korta pass.", "recommendation": "Fortsatt stöd.", "version": "0"])
            #expect(verdict.status == .unprocessableContent)
            #expect(verdict.text.contains("inte arbetsoförmåga"))
            _ = try await coach.post(
                client, "\(episodePath)/conclusion",
                ["abilities": "Klarar sortering noggrant.", "adaptations": "Korta pass.", "recommendation": "Supported Employment mot deltid.", "version": "0"])

            let report = try await coach.get(client, "\(episodePath)/report")
            #expect(report.status == .ok)
            for text in [
                "Slutrapport: arbetsförmågeprövning", "Bea Deltagare", "Second hand-butik", "Supported Employment", "Kroppsställning (motorik): utförandet fungerar väl",
                "Psykisk energi (processförmåga): utförandet fungerar inte", "Supported Employment mot deltid.", "inte ett utlåtande om arbetsoförmåga",
                "Hitta rätt arbetsmiljö",
            ] {
                #expect(report.text.contains(text), "\(text)")
            }
            var district = Browser()
            _ = try await district.login(client, "socialsekreterare")
            #expect(try await district.get(client, "\(episodePath)/report").status == .notFound)
        }
    }

    static func actor(_ app: TestApp, _ username: String) async throws -> Actor {
        let user = try #require(try await app.services.users.all().first { $0.username == username })
        return Actor(user: user, requestId: "t", channel: "test")
    }
}
