import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@Suite("Intervention places and queues on real databases")
struct InterventionStoreTests {
    func setUp(_ db: Database, capacity: Int, allotments: [String: Int] = [:], persons: Int) async throws -> (SQLInterventionStore, [QueueEntry]) {
        try await Fixtures.organisation(db)
        let coach = try await Fixtures.user(db, "carl", role: .coach, unit: "jobbtorg-kista")
        let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: ManualClock(Fixtures.t0))
        let store = SQLInterventionStore(database: db)
        try await store.saveProvider(Provider(id: "jobbtorg-resurs", name: "Jobbtorg Resurs", kind: .jobbtorgResurs, committeeId: "arbetsmarknadsnamnden"))
        try await store.saveIntervention(
            Intervention(
                id: "resurs-arbetstraning", providerId: "jobbtorg-resurs", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla",
                description: "", typicalWeeks: 12, capacity: capacity, allotments: allotments))
        var entries: [QueueEntry] = []
        for i in 0..<persons {
            let actor = Actor(user: coach, requestId: "t", channel: "test")
            let person = try await directory.register(Fixtures.personInput(Fixtures.personnummer(1980, 1, 1 + i, serial: 100 + i)), by: actor).person
            let entry = QueueEntry(
                id: UUID(), interventionId: "resurs-arbetstraning", personId: person.id, committeeId: coach.committeeId, unitId: coach.unitId,
                districtId: "spanga-tensta", queuedAt: Fixtures.t0 + Double(i))
            try await store.enqueue(entry, audit: audit(.interventionEnqueue, person.id))
            entries.append(entry)
        }
        return (store, entries)
    }

    func audit(_ action: AuditAction, _ person: UUID?) -> AccessLogEntry {
        AccessLogEntry(at: Fixtures.t0, requestId: "t", actor: nil, personId: person, action: action, outcome: .allowed)
    }

    @Test("Two offers of the last place at the same moment: exactly one succeeds", arguments: TestDatabase.kinds)
    func lastPlace(kind: TestDatabase) async throws {
        try await kind.with { db, url in
            let (store, entries) = try await setUp(db, capacity: 1, persons: 2)
            // A second connection pool, like a second caseworker on another Samsyn process.
            let other = try await Database.open(url, logger: TestDatabase.logger)
            let store2 = SQLInterventionStore(database: other)
            async let a: Result<QueueEntry, any Error> = { do { return .success(try await store.offer(entryId: entries[0].id, at: Fixtures.t0, audit: audit(.interventionOffer, nil))) } catch { return .failure(error) } }()
            async let b: Result<QueueEntry, any Error> = { do { return .success(try await store2.offer(entryId: entries[1].id, at: Fixtures.t0, audit: audit(.interventionOffer, nil))) } catch { return .failure(error) } }()
            let results = await [a, b]
            await other.close()
            let successes = results.filter { if case .success = $0 { true } else { false } }
            #expect(successes.count == 1)
            for r in results {
                if case .failure(let e) = r { #expect((e as? DomainError)?.kind == .conflict) }
            }
            #expect(try await store.occupancy(interventionId: "resurs-arbetstraning").total == 1)
        }
    }

    @Test("Offers follow capacity and allotments; bad offers and double queueing change nothing", arguments: TestDatabase.kinds)
    func rules(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let (store, entries) = try await setUp(db, capacity: 2, persons: 3)
            let first = try await store.offer(entryId: entries[0].id, at: Fixtures.t0, audit: audit(.interventionOffer, nil))
            #expect(first.status == .offered)
            // Offering again to someone who is no longer waiting.
            await #expect(throws: DomainError.self) { try await store.offer(entryId: entries[0].id, at: Fixtures.t0, audit: audit(.interventionOffer, nil)) }
            _ = try await store.offer(entryId: entries[1].id, at: Fixtures.t0, audit: audit(.interventionOffer, nil))
            // Full: the third stays in the queue.
            await #expect(throws: DomainError.self) { try await store.offer(entryId: entries[2].id, at: Fixtures.t0, audit: audit(.interventionOffer, nil)) }
            #expect(try await store.entry(id: entries[2].id)?.status == .waiting)
            // A declined offer frees the place.
            _ = try await store.decide(entryId: entries[1].id, accept: false, at: Fixtures.t0, audit: audit(.interventionDecline, nil))
            _ = try await store.offer(entryId: entries[2].id, at: Fixtures.t0, audit: audit(.interventionOffer, nil))
            let accepted = try await store.decide(entryId: entries[0].id, accept: true, at: Fixtures.t0, audit: audit(.interventionAccept, nil))
            #expect(accepted.status == .accepted)
            await #expect(throws: DomainError.self) { try await store.decide(entryId: entries[0].id, accept: false, at: Fixtures.t0, audit: audit(.interventionDecline, nil)) }
            // The same person cannot be queued twice while the entry is open.
            let again = QueueEntry(
                id: UUID(), interventionId: "resurs-arbetstraning", personId: entries[0].personId, committeeId: entries[0].committeeId,
                unitId: entries[0].unitId, districtId: "spanga-tensta", queuedAt: Fixtures.t0)
            await #expect(throws: DomainError.self) { try await store.enqueue(again, audit: audit(.interventionEnqueue, nil)) }
            #expect(try await store.queue(interventionId: "resurs-arbetstraning").count == 2)
            // An invalid catalogue entry is refused.
            var bad = try #require(try await store.intervention(id: "resurs-arbetstraning"))
            bad.allotments = ["bromma": 5]
            await #expect(throws: DomainError.self) { try await store.saveIntervention(bad) }
            #expect(try await store.intervention(id: "resurs-arbetstraning")?.allotments.isEmpty == true)
        }
    }
}
