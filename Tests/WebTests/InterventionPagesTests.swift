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
}
