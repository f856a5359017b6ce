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

    /// Offers a place as the coach of the fixtures (with a reason, so the order rule never stands in the way of what a test is about).
    func offer(_ store: SQLInterventionStore, _ entry: QueueEntry, _ db: Database, reason: Bool = true, answerBy: String = "", at: Date = Fixtures.t0) async throws -> QueueOffer {
        struct U: Decodable { let id: String }
        let coach = try #require(try await db.read { sql in try await sql.raw("SELECT id FROM users WHERE username = 'carl'").first(decoding: U.self) })
        let input = reason
            ? QueueOfferRules.Input(answerBy: answerBy, reason: "ahead_unavailable", reasonText: "De som står före kan inte börja nu.")
            : QueueOfferRules.Input(answerBy: answerBy)
        return try await store.offer(
            QueueOfferRequest(entryId: entry.id, offerId: UUID(), input: input, byId: UUID(uuidString: coach.id)!, byName: "Carl Coach", at: at, today: LocalDate(at))
        ) { _ in audit(.interventionOffer, entry.personId) }
    }

    /// The counts migration 0026's triggers keep agree with the entries themselves.
    func expectCountsAgree(_ db: Database, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        struct Row: Decodable, Hashable { let intervention_id: String, committee_id: String, district_id: String, status: String, n: Int }
        let keys = "intervention_id, committee_id, district_id, status"
        let (kept, counted) = try await db.read { sql in
            (
                try await sql.raw("SELECT \(unsafeRaw: keys), n FROM intervention_queue_counts WHERE n <> 0").all(decoding: Row.self),
                try await sql.raw("SELECT \(unsafeRaw: keys), COUNT(*) AS n FROM intervention_queue GROUP BY \(unsafeRaw: keys)").all(decoding: Row.self)
            )
        }
        #expect(!counted.isEmpty, sourceLocation: sourceLocation)
        #expect(Set(kept) == Set(counted), sourceLocation: sourceLocation)
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
            async let a: Result<QueueOffer, any Error> = { do { return .success(try await offer(store, entries[0], db)) } catch { return .failure(error) } }()
            async let b: Result<QueueOffer, any Error> = { do { return .success(try await offer(store2, entries[1], db)) } catch { return .failure(error) } }()
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
            let first = try await offer(store, entries[0], db, reason: false)
            #expect(first.status == .open && first.passedOver == 0)
            #expect(try await store.entry(id: entries[0].id)?.status == .offered)
            // Offering again to someone who is no longer waiting.
            await #expect(throws: DomainError.self) { try await offer(store, entries[0], db) }
            _ = try await offer(store, entries[1], db, reason: false)
            // Full: the third stays in the queue.
            await #expect(throws: DomainError.self) { try await offer(store, entries[2], db) }
            #expect(try await store.entry(id: entries[2].id)?.status == .waiting)
            // A declined offer frees the place.
            _ = try await store.decide(entryId: entries[1].id, accept: false, at: Fixtures.t0, audit: audit(.interventionDecline, nil))
            _ = try await offer(store, entries[2], db)
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
            try await expectCountsAgree(db)
            #expect(try await store.occupancy(interventionId: "resurs-arbetstraning").byDistrict == ["spanga-tensta": 2])
        }
    }
    @Test(
        "Fair queues: an out-of-order offer without a reason saves nothing; with one it is kept with its deadline; unanswered it lapses, the person waits again and the offerer gets a task",
        arguments: TestDatabase.kinds)
    func fairQueue(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let (store, entries) = try await setUp(db, capacity: 2, persons: 3)
            struct N: Decodable { let n: Int }
            func count(_ sql: SQLQueryString) async throws -> Int { try await db.read { d in try await d.raw(sql).first(decoding: N.self)?.n ?? -1 } }
            // The newest of three, without a reason: refused at both reason fields; nothing is written.
            do {
                _ = try await offer(store, entries[2], db, reason: false)
                Issue.record("an offer past two people waiting longer was accepted without a reason")
            } catch let e as DomainError {
                #expect(e.kind == .invalid && e.fields.map(\.field) == ["reason", "reasonText"])
            }
            #expect(try await store.entry(id: entries[2].id)?.status == .waiting)
            #expect(try await count("SELECT COUNT(*) AS n FROM queue_offers") == 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'intervention.offer'") == 0)

            // With a reason: stored with how many it passed over, the reason and the default deadline of seven days.
            let outOfOrder = try await offer(store, entries[2], db)
            #expect(outOfOrder.passedOver == 2 && outOfOrder.reason == .aheadUnavailable && outOfOrder.reasonText == "De som står före kan inte börja nu.")
            #expect(outOfOrder.answerBy == LocalDate(Fixtures.t0).adding(days: 7) && outOfOrder.status == .open)
            let history = try await store.offers(interventionId: "resurs-arbetstraning", committeeId: entries[2].committeeId, limit: 10)
            #expect(history == [outOfOrder])
            #expect(try await store.openOffers(entryIds: [entries[2].id, entries[0].id]) == [entries[2].id: outOfOrder])
            // The first in line needs none, with a deadline of its own.
            let inOrder = try await offer(store, entries[0], db, reason: false, answerBy: LocalDate(Fixtures.t0).adding(days: 3).description)
            #expect(inOrder.passedOver == 0 && inOrder.reason == nil && inOrder.answerBy == LocalDate(Fixtures.t0).adding(days: 3))

            // Nothing is due on the deadline itself; the day after, the first offer lapses.
            let lapseAudit: @Sendable (QueueOffer) -> AccessLogEntry = { o in
                AccessLogEntry(at: Fixtures.t0, requestId: "lapse", actor: nil, personId: o.personId, action: .interventionOfferLapse, outcome: .allowed, detail: o.interventionId)
            }
            let day = LocalDate(Fixtures.t0)
            #expect(try await store.lapseDueOffers(today: day.adding(days: 3), at: Fixtures.t0, audit: lapseAudit).isEmpty)
            let lapsed = try await store.lapseDueOffers(today: day.adding(days: 4), at: Fixtures.t0 + 4 * 86_400, audit: lapseAudit)
            #expect(lapsed.map(\.id) == [inOrder.id] && lapsed.first?.status == .lapsed)
            // The person waits again with the original queue time; the place is free again.
            let back = try #require(try await store.entry(id: entries[0].id))
            #expect(back.status == .waiting && back.offeredAt == nil && back.queuedAt == entries[0].queuedAt)
            #expect(try await store.occupancy(interventionId: "resurs-arbetstraning").total == 1)
            try await expectCountsAgree(db)
            #expect(try await count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'intervention.offer_lapse' AND user_id IS NULL") == 1)
            // An answer to the lapsed offer is refused.
            await #expect(throws: DomainError.self) { try await store.decide(entryId: entries[0].id, accept: true, at: Fixtures.t0, audit: audit(.interventionAccept, nil)) }
            // Lapsing again does nothing.
            #expect(try await store.lapseDueOffers(today: day.adding(days: 5), at: Fixtures.t0, audit: lapseAudit).isEmpty)

            // The lapse is a task for the one who offered, until the committee offers a place in the intervention again.
            let tasks = SQLCaseFlowStore(database: db)
            let job = TaskJob(store: tasks, clock: ManualClock(Fixtures.t0 + 4 * 86_400))
            try await job.run(personId: entries[0].personId)
            let open = try await tasks.openTasks(personId: entries[0].personId, committeeId: entries[0].committeeId)
            #expect(open.map(\.kind) == [.offerLapsed] && open.first?.subjectId == inOrder.id && open.first?.dueOn == day.adding(days: 4))
            #expect(open.first?.assigneeId == outOfOrder.offeredById)
            _ = try await offer(store, entries[0], db, reason: false, at: Fixtures.t0 + 4 * 86_400 + 60)
            try await job.run(personId: entries[0].personId)
            #expect(try await tasks.openTasks(personId: entries[0].personId, committeeId: entries[0].committeeId).isEmpty)

            // Answers settle the open offer.
            _ = try await store.decide(entryId: entries[2].id, accept: true, at: Fixtures.t0, audit: audit(.interventionAccept, nil))
            let settled = try await store.offers(interventionId: "resurs-arbetstraning", committeeId: entries[0].committeeId, limit: 10)
            #expect(settled.count == 3 && settled.first?.status == .open && Set(settled.map(\.status)) == [.open, .lapsed, .accepted])
            _ = try await store.withdraw(entryId: entries[0].id, reason: "Har fått arbete.", at: Fixtures.t0, audit: audit(.interventionWithdraw, nil))
            let made = try await store.offers(madeFrom: Fixtures.t0 - 1, to: Fixtures.t0 + 10 * 86_400)
            #expect(made.count == 3 && made.filter(\.outOfOrder).count == 1)
            #expect(Set(made.map(\.status)) == [.lapsed, .accepted, .withdrawn])
        }
    }
}
