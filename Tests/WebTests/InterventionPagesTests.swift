import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Intervention catalogue page")
struct InterventionPagesTests {
    @Test("Every unit sees the whole city's catalogue with places and queue lengths", arguments: TestDatabase.kinds)
    func catalogue(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            try await ReferenceCatalogue.load(into: app.db)
            #expect(try await ReferenceCatalogue.load(into: app.db) == false)  // loads once
            for user in ["socialsekreterare", "coach", "analytiker"] {
                var b = Browser()
                _ = try await b.login(client, user)
                let page = try await b.get(client, "/interventions")
                #expect(page.status == .ok, "\(user)")
                #expect(page.text.contains("Arbetsträning med handledare"))
                #expect(page.text.contains("0 av 400 tagna"))
                #expect(page.text.contains("Spånga-Tensta 50"))
                #expect(page.text.contains("Språkpraktik"))  // a district's own intervention, visible to Jobbtorg too
                #expect(page.text.contains(#"href="/interventions""#))
            }
        }
    }
}

@Suite("Intervention queue pages")
struct QueuePagesTests {
    @Test("Queue two people for one place: the first is offered it, the second is told there is none; other committees see nothing", arguments: TestDatabase.kinds)
    func queueFlow(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let store = app.services.interventions
            try await store.saveProvider(Provider(id: "resurs", name: "Jobbtorg Resurs", kind: .jobbtorgResurs, committeeId: "arbetsmarknadsnamnden"))
            try await store.saveIntervention(
                Intervention(id: "en-plats", providerId: "resurs", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla", description: "", typicalWeeks: 8, capacity: 1))
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            var people: [String] = []
            for (i, name) in ["Ada", "Bo"].enumerated() {
                _ = try await coach.get(client, "/persons/new")
                let r = try await coach.post(
                    client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1990, 3, 3 + i, serial: 200 + i), "firstName": name, "lastName": "Kösson"])
                people.append(String(try #require(r.location).dropFirst("/persons/".count).prefix(36)))
            }
            // A priority needs a real reason.
            _ = try await coach.get(client, "/persons/\(people[0])/queue")
            let bad = try await coach.post(client, "/persons/\(people[0])/queue", ["intervention": "en-plats", "priorityReason": "x"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Skriv varför personen ska gå före i kön"))
            for p in people {
                _ = try await coach.get(client, "/persons/\(p)/queue")
                let r = try await coach.post(client, "/persons/\(p)/queue", ["intervention": "en-plats"])
                #expect(r.location == "/interventions/en-plats/queue?queued=1")
                // A minute apart: Ada first in line, Bo second.
                app.clock.advance(by: 60)
            }
            // Queueing the same person again is refused.
            let twice = try await coach.post(client, "/persons/\(people[0])/queue", ["intervention": "en-plats"])
            #expect(twice.status == .conflict)
            let page = try await coach.get(client, "/interventions/en-plats/queue")
            #expect(page.text.contains("Ada Kösson") && page.text.contains("Bo Kösson"))
            #expect(page.text.contains("0 av 1 platser tagna"))
            let entries = try await store.queue(interventionId: "en-plats")
            #expect(entries.count == 2)
            let first = try #require(entries.first { $0.personId.uuidString.lowercased() == people[0] })
            let second = try #require(entries.first { $0.personId.uuidString.lowercased() == people[1] })
            let offered = try await coach.post(client, "/interventions/en-plats/queue/\(first.id.uuidString.lowercased())/offer", [:])
            #expect(offered.location == "/interventions/en-plats/queue?done=offer")
            let full = try await coach.post(client, "/interventions/en-plats/queue/\(second.id.uuidString.lowercased())/offer", [:])
            #expect(full.status == .conflict)
            #expect(full.text.contains("Det finns ingen ledig plats"))
            _ = try await coach.post(client, "/interventions/en-plats/queue/\(first.id.uuidString.lowercased())/accept", [:])
            #expect(try await store.entry(id: first.id)?.status == .accepted)
            #expect(try await store.entry(id: second.id)?.status == .waiting)
            // The district sees the queue's numbers but none of Jobbtorg's people, and cannot act on their entries.
            var district = Browser()
            _ = try await district.login(client, "socialsekreterare")
            let theirs = try await district.get(client, "/interventions/en-plats/queue")
            #expect(theirs.status == .ok)
            #expect(!theirs.text.contains("Kösson"))
            #expect(theirs.text.contains("1 av 1 platser tagna"))
            #expect(try await district.post(client, "/interventions/en-plats/queue/\(second.id.uuidString.lowercased())/offer", [:]).status == .notFound)
        }
    }
    @Test(
        "Fair queues on the pages: an offer past people waiting longer needs a reason (422, nothing saved); the reason shows in the queue's history and the managers' figures; an unanswered offer lapses into a task",
        arguments: TestDatabase.kinds)
    func fairQueuePages(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let store = app.services.interventions
            try await store.saveProvider(Provider(id: "resurs", name: "Jobbtorg Resurs", kind: .jobbtorgResurs, committeeId: "arbetsmarknadsnamnden"))
            try await store.saveIntervention(
                Intervention(id: "tva", providerId: "resurs", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla", description: "", typicalWeeks: 8, capacity: 2))
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            var people: [String] = []
            for (i, name) in ["Ada", "Bo", "Cy"].enumerated() {
                _ = try await coach.get(client, "/persons/new")
                let r = try await coach.post(
                    client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1991, 4, 3 + i, serial: 300 + i), "firstName": name, "lastName": "Ordning"])
                let p = String(try #require(r.location).dropFirst("/persons/".count).prefix(36))
                people.append(p)
                _ = try await coach.get(client, "/persons/\(p)/queue")
                #expect(try await coach.post(client, "/persons/\(p)/queue", ["intervention": "tva"]).status == .seeOther)
                app.clock.advance(by: 60)
            }
            let entries = try await store.queue(interventionId: "tva")
            func entry(_ i: Int) throws -> String { try #require(entries.first { $0.personId.uuidString.lowercased() == people[i] }).id.uuidString.lowercased() }
            let queue = try await coach.get(client, "/interventions/tva/queue")
            #expect(queue.text.contains("/interventions/tva/queue/\(try entry(2))/offer") && queue.text.contains("Köns historik: erbjudanden"))

            // Cy is the newest: the form says two wait before her and asks for a reason.
            let form = try await coach.get(client, "/interventions/tva/queue/\(try entry(2))/offer")
            #expect(form.status == .ok && form.text.contains("2 personer i din nämnd står före i kön") && form.text.contains("Skäl till att platsen går före ordningen"))
            let refused = try await coach.post(client, "/interventions/tva/queue/\(try entry(2))/offer", ["answerBy": "", "reason": "", "reasonText": ""])
            #expect(refused.status == .unprocessableContent && refused.text.contains("Välj skälet till att platsen ändå erbjuds den här personen"))
            #expect(refused.text.contains("Beskriv varför platsen erbjuds före de som väntat längre"))
            #expect(try await store.entry(id: UUID(uuidString: try entry(2))!)?.status == .waiting)
            #expect(try await store.offers(interventionId: "tva", committeeId: "arbetsmarknadsnamnden", limit: 10).isEmpty)
            let badDay = try await coach.post(
                client, "/interventions/tva/queue/\(try entry(2))/offer", ["answerBy": "2026-11-01", "reason": "urgent", "reasonText": "Tidsgräns i planen."])
            #expect(badDay.status == .unprocessableContent && badDay.text.contains("Svarsdagen har redan passerat"))

            // With a reason and a deadline three days ahead: offered, and the queue's history shows why.
            let answerBy = LocalDate(app.clock.now()).adding(days: 3).description
            let offered = try await coach.post(
                client, "/interventions/tva/queue/\(try entry(2))/offer",
                ["answerBy": answerBy, "reason": "urgent", "reasonText": "Planens tidsgräns: praktiken måste börja i december."])
            #expect(offered.status == .seeOther && offered.location == "/interventions/tva/queue?done=offer")
            let after = try await coach.get(client, "/interventions/tva/queue?done=offer")
            #expect(after.text.contains("Utanför ordning: 2 före") && after.text.contains("Planens tidsgräns: praktiken måste börja i december."))
            #expect(after.text.contains("svar senast \(answerBy)"))
            // Ada is first in line: no reason asked.
            let adaForm = try await coach.get(client, "/interventions/tva/queue/\(try entry(0))/offer")
            #expect(adaForm.text.contains("Personen står först i tur") && !adaForm.text.contains("Skäl till att platsen går före ordningen"))

            // The managers' figures count it with its reason; the free text is not shown there.
            _ = try await Fixtures.user(app.db, "kistachef", role: .unitManager, unit: "jobbtorg-kista", passwordHash: try await app.services.hasher.hash(TestApp.password))
            var chef = Browser()
            _ = try await chef.login(client, "kistachef")
            let figures = try await chef.get(client, "/interventions/figures")
            #expect(figures.status == .ok && figures.text.contains("Erbjudanden utanför ordning"))
            #expect(figures.text.contains("<dt>Erbjudanden utanför ordning</dt><dd>1</dd>"))
            #expect(figures.text.contains("Personen behöver börja nu (tidsgräns i planen eller beslut)") && !figures.text.contains("praktiken måste börja"))
            let badPeriod = try await chef.get(client, "/interventions/figures?from=2026-12-01&to=2026-01-01")
            #expect(badPeriod.status == .unprocessableContent && badPeriod.text.contains("Periodens sista dag kan inte vara före den första"))

            // Four days later, unanswered: read from the task list, the offer lapses; Cy waits again and the coach has a task.
            app.clock.advance(by: 4 * 86_400)
            coach = Browser()
            _ = try await coach.login(client, "coach")
            let tasks = try await coach.get(client, "/tasks")
            #expect(tasks.text.contains("Erbjudande förföll utan svar") && tasks.text.contains("Ordning, Cy"))
            #expect(try await store.entry(id: UUID(uuidString: try entry(2))!)?.status == .waiting)
            let lapsedQueue = try await coach.get(client, "/interventions/tva/queue")
            #expect(lapsedQueue.text.contains("Förföll (inget svar i tid)"))
            // An answer now is too late.
            let late = try await coach.post(client, "/interventions/tva/queue/\(try entry(2))/accept", [:])
            #expect(late.status == .conflict)
        }
    }
}
