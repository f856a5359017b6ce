import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Interventions over the JSON API")
struct InterventionAPITests {
    let api = APITests()

    @Test("Catalogue, queue, offer, answer, episode start and end; bad input is a structured error that changes nothing", arguments: TestDatabase.kinds)
    func flow(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            try await EpisodePagesTests.catalogue(app)
            let t = try await api.token(client, "coach")
            let (catalogue, cat) = try await api.call(client, .get, "/api/v1/interventions", token: t)
            #expect(catalogue.status == .ok)
            let items = cat["items"] as? [[String: Any]] ?? []
            #expect(items.contains { $0["id"] as? String == "en-plats" && $0["capacity"] as? Int == 1 && $0["placesTaken"] as? Int == 0 })

            let body = #"{"personalIdentityNumber":"\#(Fixtures.personnummer(1979, 2, 2, serial: 444))","firstName":"Ivo","lastName":"Api"}"#
            let (_, person) = try await api.call(client, .post, "/api/v1/persons", token: t, body: body)
            let pid = try #require(person["id"] as? String)
            let (badQueue, badJson) = try await api.call(
                client, .post, "/api/v1/persons/\(pid)/queue", token: t, body: #"{"interventionId":"en-plats","priorityReason":"x"}"#)
            #expect(badQueue.status == .unprocessableContent)
            #expect(api.fields(badJson) == ["priorityReason"])
            let (queued, entry) = try await api.call(client, .post, "/api/v1/persons/\(pid)/queue", token: t, body: #"{"interventionId":"en-plats"}"#)
            #expect(queued.status == .created)
            let eid = try #require(entry["id"] as? String)
            let (_, page) = try await api.call(client, .get, "/api/v1/interventions/en-plats/queue?pageSize=10", token: t)
            #expect(page["total"] as? Int == 1)
            #expect((page["items"] as? [[String: Any]])?.first?["position"] as? Int == 1)

            // An episode cannot start without an accepted place.
            let (early, earlyJson) = try await api.call(
                client, .post, "/api/v1/persons/\(pid)/episodes", token: t, body: #"{"interventionId":"en-plats","start":"2026-11-18"}"#)
            #expect(early.status == .conflict)
            #expect(api.errorCode(earlyJson) == "conflict")
            #expect(try await api.call(client, .post, "/api/v1/queue-entries/\(eid)/offer", token: t, body: "{}").0.status == .ok)
            #expect(try await api.call(client, .post, "/api/v1/queue-entries/\(eid)/answer", token: t, body: #"{"accept":true}"#).0.status == .ok)
            let (badDate, badDateJson) = try await api.call(
                client, .post, "/api/v1/persons/\(pid)/episodes", token: t,
                body: #"{"interventionId":"en-plats","queueEntryId":"\#(eid)","start":"2026-11-18","plannedEnd":"2026-10-01"}"#)
            #expect(badDate.status == .unprocessableContent)
            #expect(api.fields(badDateJson) == ["plannedEnd"])
            let (started, episode) = try await api.call(
                client, .post, "/api/v1/persons/\(pid)/episodes", token: t,
                body: #"{"interventionId":"en-plats","queueEntryId":"\#(eid)","start":"2026-11-18","subGoal":"Fyra timmar om dagen"}"#)
            #expect(started.status == .created)
            let episodeId = try #require(episode["id"] as? String)
            let (badEnd, badEndJson) = try await api.call(
                client, .post, "/api/v1/episodes/\(episodeId)/end", token: t, body: #"{"actualEnd":"2026-11-18","outcome":"interrupted","version":1}"#)
            #expect(badEnd.status == .unprocessableContent)
            #expect(api.fields(badEndJson) == ["interruptionReason"])
            let (ended, endedJson) = try await api.call(
                client, .post, "/api/v1/episodes/\(episodeId)/end", token: t, body: #"{"actualEnd":"2026-11-18","outcome":"studies","version":1}"#)
            #expect(ended.status == .ok)
            #expect(endedJson["outcome"] as? String == "studies")
            #expect(endedJson["version"] as? Int == 2)
            let (_, list) = try await api.call(client, .get, "/api/v1/persons/\(pid)/episodes", token: t)
            #expect((list["items"] as? [[String: Any]])?.count == 1)
            // Not a work-ability testing: no report.
            #expect(try await api.call(client, .get, "/api/v1/episodes/\(episodeId)/work-ability-report", token: t).0.status == .notFound)

            // Another committee sees neither the person's episodes nor the queue's people.
            let other = try await api.token(client, "socialsekreterare")
            #expect(try await api.call(client, .get, "/api/v1/persons/\(pid)/episodes", token: other).0.status == .notFound)
            let (_, theirs) = try await api.call(client, .get, "/api/v1/interventions/en-plats/queue", token: other)
            #expect((theirs["items"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await api.call(client, .post, "/api/v1/queue-entries/\(eid)/offer", token: other, body: "{}").0.status == .notFound)
        }
    }
    @Test("API: an offer past someone waiting longer without a reason is a structured 422 that saves nothing; with one it is made", arguments: TestDatabase.kinds)
    func outOfOrderOffer(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            try await EpisodePagesTests.catalogue(app)
            let t = try await api.token(client, "coach")
            var entries: [String] = []
            for i in 0..<2 {
                let body = #"{"personalIdentityNumber":"\#(Fixtures.personnummer(1978, 3, 3 + i, serial: 460 + i))","firstName":"Kö","lastName":"Ordning\#(i)"}"#
                let (_, person) = try await api.call(client, .post, "/api/v1/persons", token: t, body: body)
                let pid = try #require(person["id"] as? String)
                let (_, entry) = try await api.call(client, .post, "/api/v1/persons/\(pid)/queue", token: t, body: #"{"interventionId":"en-plats"}"#)
                entries.append(try #require(entry["id"] as? String))
                app.clock.advance(by: 60)
            }
            let (refused, refusedJson) = try await api.call(client, .post, "/api/v1/queue-entries/\(entries[1])/offer", token: t, body: "{}")
            #expect(refused.status == .unprocessableContent && api.errorCode(refusedJson) == "invalid_fields" && api.fields(refusedJson) == ["reason", "reasonText"])
            #expect(try await app.services.interventions.entry(id: UUID(uuidString: entries[1])!)?.status == .waiting)
            let (tooLong, tooLongJson) = try await api.call(
                client, .post, "/api/v1/queue-entries/\(entries[1])/offer", token: t, body: #"{"answerBy":"2027-06-01","reason":"urgent","reasonText":"Tidsgräns i planen."}"#)
            #expect(tooLong.status == .unprocessableContent && api.fields(tooLongJson) == ["answerBy"])
            let (made, entry) = try await api.call(
                client, .post, "/api/v1/queue-entries/\(entries[1])/offer", token: t, body: #"{"reason":"urgent","reasonText":"Tidsgräns i planen: börjar i december."}"#)
            #expect(made.status == .ok && entry["status"] as? String == "offered")
            let offers = try await app.services.interventions.offers(interventionId: "en-plats", committeeId: "arbetsmarknadsnamnden", limit: 5)
            #expect(offers.map(\.passedOver) == [1] && offers.first?.reason == .urgent)
        }
    }
}
