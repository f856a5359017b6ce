import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// Episodes, work-ability testing and the final report through the service, on both real databases.
@Suite("Participation and work-ability testing on real databases")
struct ParticipationTests {
    struct World {
        let service: InterventionService
        let store: SQLInterventionStore
        let coach: Actor
        let other: Actor
        let directory: PersonDirectory
        let db: Database
        let clock: ManualClock

        func person(_ i: Int) async throws -> UUID {
            try await directory.register(Fixtures.personInput(Fixtures.personnummer(1985, 3, 1 + i, serial: 200 + i), "Person", "Nummer\(i)"), by: coach).person.id
        }
    }

    func world(_ db: Database) async throws -> World {
        try await Fixtures.organisation(db)
        let coach = try await Fixtures.user(db, "carl", role: .coach, unit: "jobbtorg-kista")
        let sara = try await Fixtures.user(db, "sara", role: .socialSecretary, unit: "spanga-tensta-ekonomiskt-bistand")
        let clock = ManualClock(Fixtures.t0)
        let log = SQLAccessLog(database: db)
        let persons = SQLPersonStore(database: db)
        let store = SQLInterventionStore(database: db)
        try await store.saveProvider(Provider(id: "jobbtorg-resurs", name: "Jobbtorg Resurs", kind: .jobbtorgResurs, committeeId: "arbetsmarknadsnamnden"))
        try await store.saveIntervention(
            Intervention(
                id: "arbetstraning", providerId: "jobbtorg-resurs", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla", description: "",
                typicalWeeks: 12, capacity: 1))
        try await store.saveIntervention(
            Intervention(
                id: "halsa", providerId: "jobbtorg-resurs", name: "Hälsa och aktivitet", type: .health, targetGroup: "Alla", description: "",
                typicalWeeks: 10, capacity: nil, oneAtATime: true))
        try await store.saveIntervention(
            Intervention(
                id: "provning", providerId: "jobbtorg-resurs", name: "Arbetsförmågeprövning", type: .workAbilityTesting, targetGroup: "Alla",
                description: "", typicalWeeks: 12, capacity: nil))
        return World(
            service: InterventionService(store: store, persons: persons, log: log, clock: clock), store: store,
            coach: Actor(user: coach, requestId: "t", channel: "test"), other: Actor(user: sara, requestId: "t", channel: "test"),
            directory: PersonDirectory(persons: persons, log: log, clock: clock), db: db, clock: clock)
    }

    func start(_ w: World, _ person: UUID, _ intervention: String, entry: UUID? = nil, from: String, to: String = "", goal: String = "Ett delmål")
        async throws -> Episode
    {
        try await w.service.startEpisode(
            personId: person, .init(interventionId: intervention, queueEntryId: entry, start: from, plannedEnd: to, subGoal: goal), by: w.coach)
    }

    func kind(_ error: any Error) -> DomainError.Kind? { (error as? DomainError)?.kind }

    @Test("From place to episode: started from an accepted place, ended with an outcome, the place freed", arguments: TestDatabase.kinds)
    func placeToEpisode(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.person(1)
            let q = try await w.person(2)
            let entry = try await w.service.enqueue(personId: p, interventionId: "arbetstraning", districtId: nil, priorityReason: nil, by: w.coach)
            // Queued a second later: the second in line (offers follow the queue order).
            w.clock.advance(by: 1)
            let second = try await w.service.enqueue(personId: q, interventionId: "arbetstraning", districtId: nil, priorityReason: nil, by: w.coach)

            // Without a place, an intervention with places cannot be started; an offered place is not yet enough.
            await #expect(throws: DomainError.self) { try await start(w, p, "arbetstraning", from: "2026-11-18") }
            _ = try await w.service.offer(entryId: entry.id, by: w.coach)
            await #expect(throws: DomainError.self) { try await start(w, p, "arbetstraning", entry: entry.id, from: "2026-11-18") }
            _ = try await w.service.answer(entryId: entry.id, accept: true, by: w.coach)
            // Another person's place cannot be used.
            await #expect(throws: DomainError.self) { try await start(w, q, "arbetstraning", entry: entry.id, from: "2026-11-18") }
            // A planned end before the start is refused, with the field named.
            do {
                _ = try await start(w, p, "arbetstraning", entry: entry.id, from: "2026-11-18", to: "2026-11-01")
                Issue.record("a planned end before the start was accepted")
            } catch let e as DomainError {
                #expect(e.kind == .invalid)
                #expect(e.fields.map(\.field) == ["plannedEnd"])
            }
            #expect(try await w.service.episodes(personId: p, by: w.coach).isEmpty)

            let episode = try await start(w, p, "arbetstraning", entry: entry.id, from: "2026-11-18", to: "2027-02-10", goal: "Klara fyra timmar om dagen")
            #expect(episode.subGoal == "Klara fyra timmar om dagen")
            // The place is used once.
            await #expect(throws: DomainError.self) { try await start(w, p, "arbetstraning", entry: entry.id, from: "2026-11-19") }
            #expect(try await w.service.episodes(personId: p, by: w.coach).count == 1)
            // Still full: the next person cannot be offered.
            await #expect(throws: DomainError.self) { try await w.service.offer(entryId: second.id, by: w.coach) }

            // Bad ends change nothing.
            for (end, outcome, reason, version) in [
                ("2026-11-10", "completed", "", 1),  // before the start
                ("2026-12-24", "completed", "", 1),  // in the future
                ("2026-11-20", "interrupted", "", 1),  // interrupted without a reason
                ("2026-11-20", "vanished", "", 1),  // no such outcome
            ] {
                await #expect(throws: DomainError.self) {
                    try await w.service.endEpisode(id: episode.id, actualEnd: end, outcome: outcome, reason: reason, expectedVersion: version, by: w.coach)
                }
            }
            w.clock.advance(by: 3 * 86_400)
            // A stale version (someone else ended or changed it) is a conflict.
            do {
                _ = try await w.service.endEpisode(id: episode.id, actualEnd: "2026-11-20", outcome: "completed", reason: "", expectedVersion: 7, by: w.coach)
                Issue.record("a stale version was accepted")
            } catch { #expect(kind(error) == .conflict) }
            #expect(try await w.store.episode(id: episode.id)?.isEnded == false)

            let ended = try await w.service.endEpisode(
                id: episode.id, actualEnd: "2026-11-20", outcome: "interrupted", reason: "Fick ett arbete på deltid som krockar.", expectedVersion: 1,
                by: w.coach)
            #expect(ended.outcome == .interrupted)
            #expect(ended.interruptionReason == "Fick ett arbete på deltid som krockar.")
            #expect(ended.version == 2)
            #expect(try await w.store.entry(id: entry.id)?.status == .ended)
            #expect(try await w.store.occupancy(interventionId: "arbetstraning").total == 0)
            // Ending twice is refused.
            await #expect(throws: DomainError.self) {
                try await w.service.endEpisode(id: episode.id, actualEnd: "2026-11-21", outcome: "completed", reason: "", expectedVersion: 2, by: w.coach)
            }
            // The freed place goes to the next in the queue.
            #expect(try await w.service.offer(entryId: second.id, by: w.coach).entry.status == .offered)

            // Secrecy: another committee cannot see or end the episode, and the attempt is logged.
            await #expect(throws: DomainError.self) { try await w.service.episodeDetail(id: episode.id, by: w.other) }
            await #expect(throws: DomainError.self) { try await w.service.episodes(personId: p, by: w.other) }
            struct N: Decodable { let n: Int }
            let denied = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM access_log WHERE action IN ('episode.read', 'episode.list') AND outcome = 'denied'")
                    .first(decoding: N.self)?.n ?? 0
            }
            #expect(denied == 2)
        }
    }

    @Test("An intervention taken one at a time refuses overlapping episodes", arguments: TestDatabase.kinds)
    func overlap(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.person(1)
            let first = try await start(w, p, "halsa", from: "2026-09-01")
            do {
                _ = try await start(w, p, "halsa", from: "2026-10-01")
                Issue.record("an overlapping episode was started")
            } catch let e as DomainError {
                #expect(e.kind == .invalid)
                #expect(e.fields.first?.message.contains("2026-09-01") == true)
            }
            _ = try await w.service.endEpisode(id: first.id, actualEnd: "2026-10-15", outcome: "completed", reason: "", expectedVersion: 1, by: w.coach)
            // Starting on the day the first ended still overlaps; the day after does not.
            await #expect(throws: DomainError.self) { try await start(w, p, "halsa", from: "2026-10-15") }
            await #expect(throws: DomainError.self) { try await start(w, p, "halsa", from: "2026-08-01", to: "2026-09-10") }
            _ = try await start(w, p, "halsa", from: "2026-10-16")
            // A different intervention may run alongside.
            _ = try await start(w, p, "provning", from: "2026-10-20")
            #expect(try await w.service.episodes(personId: p, by: w.coach).count == 3)
        }
    }

    @Test("The final report: what was tried, the placements, instrument results and conclusion; never a verdict", arguments: TestDatabase.kinds)
    func finalReport(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.person(1)
            let health = try await start(w, p, "halsa", from: "2026-05-01", goal: "Fast dygnsrytm")
            _ = try await w.service.endEpisode(id: health.id, actualEnd: "2026-07-01", outcome: "completed", reason: "", expectedVersion: 1, by: w.coach)
            let testing = try await start(w, p, "provning", from: "2026-09-01", to: "2026-12-01", goal: "Klara fyra timmars arbetsdag")

            // Placements, instruments and conclusions belong to a work-ability testing only.
            await #expect(throws: DomainError.self) {
                try await w.service.addPlacement(
                    episodeId: health.id,
                    .init(workplace: "Café", tasks: "Disk", support: "praktik", start: "2026-05-02", end: "", hoursPerWeek: "10", observations: "Bra"), by: w.coach)
            }
            // A placement that ends before it starts, or with an unknown kind of support, is refused.
            await #expect(throws: DomainError.self) {
                try await w.service.addPlacement(
                    episodeId: testing.id,
                    .init(workplace: "Café", tasks: "Disk", support: "praktik", start: "2026-09-10", end: "2026-09-01", hoursPerWeek: "10", observations: "Bra"),
                    by: w.coach)
            }
            await #expect(throws: DomainError.self) {
                try await w.service.addPlacement(
                    episodeId: testing.id,
                    .init(workplace: "Café", tasks: "Disk", support: "magic", start: "2026-09-10", end: "", hoursPerWeek: "10", observations: "Bra"), by: w.coach)
            }
            _ = try await w.service.addPlacement(
                episodeId: testing.id,
                .init(
                    workplace: "Second hand-butik", tasks: "Sortering och kassa", support: "supported_employment", start: "2026-09-02", end: "2026-10-15",
                    hoursPerWeek: "16", observations: "Trivs i lugn miljö."), by: w.coach)
            // Instrument results: ratings on the instrument's scale only.
            await #expect(throws: DomainError.self) {
                try await w.service.addAssessment(
                    episodeId: testing.id, instrument: "awp", otherName: "", assessedOn: "2026-10-01", assessor: "Lena Ek", ratings: ["motor.posture": "7"],
                    summary: "Sammanfattning", by: w.coach)
            }
            await #expect(throws: DomainError.self) {
                try await w.service.addAssessment(
                    episodeId: testing.id, instrument: "xyz", otherName: "", assessedOn: "2026-10-01", assessor: "Lena Ek", ratings: [:], summary: "S", by: w.coach)
            }
            _ = try await w.service.addAssessment(
                episodeId: testing.id, instrument: "awp", otherName: "", assessedOn: "2026-10-01", assessor: "Lena Ek, arbetsterapeut",
                ratings: ["motor.posture": "4", "process.time": "3", "motor.physical_energy": "2", "process.mental_energy": "1"],
                summary: "Noggrann; behöver pauser.", by: w.coach)
            // The conclusion describes abilities, not incapacity.
            do {
                _ = try await w.service.saveConclusion(
                    episodeId: testing.id, abilities: "Personen är arbetsoförmögen.", adaptations: "Inga", recommendation: "Sjukersättning", expectedVersion: 0,
                    by: w.coach)
                Issue.record("a verdict of incapacity was accepted")
            } catch let e as DomainError {
                #expect(e.fields.map(\.field).contains("abilities"))
            }
            let c = try await w.service.saveConclusion(
                episodeId: testing.id, abilities: "Klarar sortering och kassa noggrant.", adaptations: "Korta pass och skriftliga instruktioner.",
                recommendation: "Supported Employment mot deltidsanställning.", expectedVersion: 0, by: w.coach)
            #expect(c.version == 1)
            await #expect(throws: DomainError.self) {
                try await w.service.saveConclusion(
                    episodeId: testing.id, abilities: "Ny text", adaptations: "Ny", recommendation: "Ny", expectedVersion: 0, by: w.coach)
            }

            let (report, person) = try await w.service.finalReport(episodeId: testing.id, by: w.coach)
            #expect(person.id == p)
            #expect(report.tried.map(\.intervention) == ["Hälsa och aktivitet", "Arbetsförmågeprövning"])
            #expect(report.tried.map(\.outcome) == ["Genomförd", "Pågår"])
            #expect(report.tried.first?.subGoal == "Fast dygnsrytm")
            #expect(report.placements.map(\.workplace) == ["Second hand-butik"])
            #expect(report.placements.first?.period == "2026-09-02 – 2026-10-15")
            #expect(report.placements.first?.hours == "16 timmar i veckan")
            let awp = try #require(report.instruments.first)
            #expect(report.instruments.count == 1)
            #expect(awp.strengths.count == 2)
            #expect(awp.supportNeeds.count == 2)
            #expect(awp.strengths.contains { $0.hasPrefix("Kroppsställning") })
            #expect(awp.supportNeeds.contains { $0.hasPrefix("Psykisk energi") })
            #expect(report.conclusion?.recommendation == "Supported Employment mot deltidsanställning.")
            // The report of a non-testing episode does not exist; another committee cannot read it.
            await #expect(throws: DomainError.self) { try await w.service.finalReport(episodeId: health.id, by: w.coach) }
            await #expect(throws: DomainError.self) { try await w.service.finalReport(episodeId: testing.id, by: w.other) }
        }
    }

    @Test("Positions count every committee's waiting people: pages of one committee, interleaved with another's, priority first", arguments: TestDatabase.kinds)
    func queuePositionsAcrossCommittees(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            // Twelve people, alternately registered and queued by Jobbtorg and by the district; every third prioritised;
            // two queued at the same instant (the id decides between them).
            var queued: [(id: UUID, byCoach: Bool, prioritised: Bool, at: Int)] = []
            for i in 0..<12 {
                let byCoach = i % 2 == 0
                let actor = byCoach ? w.coach : w.other
                let p = try await w.directory.register(
                    Fixtures.personInput(Fixtures.personnummer(1986, 4, 1 + i, serial: 300 + i), "Köande", "Nummer\(i)"), by: actor
                ).person.id
                if i != 5 { w.clock.advance(by: 3_600) }
                let prioritised = i % 3 == 0
                let e = try await w.service.enqueue(
                    personId: p, interventionId: "arbetstraning", districtId: nil,
                    priorityReason: prioritised ? "Akut behov av sysselsättning." : nil, by: actor)
                queued.append((e.id, byCoach, prioritised, i))
            }
            let entries = try await w.store.queue(interventionId: "arbetstraning")
            let order = entries.filter { $0.status == .waiting }.map(\.id)
            #expect(order.count == 12)
            // Priority first: the first four in line are the prioritised ones.
            #expect(Set(order.prefix(4)) == Set(queued.filter(\.prioritised).map(\.id)))
            for actor in [w.coach, w.other] {
                let own = order.filter { id in queued.first { $0.id == id }!.byCoach == (actor.user.id == w.coach.user.id) }
                for size in [1, 2, 4] {
                    var seen: [UUID] = []
                    for page in 1...((own.count + size - 1) / size) {
                        let r = try await w.service.queue(interventionId: "arbetstraning", page: page, pageSize: size, by: actor)
                        #expect(r.total == own.count)
                        #expect(r.waitingAll == 12)
                        for line in r.lines {
                            #expect(line.position == order.firstIndex(of: line.entry.id).map { $0 + 1 }, "page \(page) of \(size)")
                        }
                        seen += r.lines.map(\.entry.id)
                    }
                    #expect(seen == own)
                }
            }
        }
    }

    @Test("The queue page shows the committee's people in queue order, a page at a time; figures count per district", arguments: TestDatabase.kinds)
    func queuePageAndFigures(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            var ids: [UUID] = []
            for i in 0..<5 {
                let p = try await w.person(i)
                w.clock.advance(by: 86_400)
                ids.append(
                    try await w.service.enqueue(
                        personId: p, interventionId: "arbetstraning", districtId: nil, priorityReason: i == 4 ? "Riskerar att förlora bostaden." : nil,
                        by: w.coach
                    ).id)
            }
            let page1 = try await w.service.queue(interventionId: "arbetstraning", page: 1, pageSize: 2, by: w.coach)
            let page3 = try await w.service.queue(interventionId: "arbetstraning", page: 3, pageSize: 2, by: w.coach)
            #expect(page1.total == 5)
            #expect(page1.waitingAll == 5)
            // Priority first, then time in the queue.
            #expect(page1.lines.map(\.entry.id) == [ids[4], ids[0]])
            #expect(page1.lines.map(\.position) == [1, 2])
            #expect(page3.lines.map(\.entry.id) == [ids[3]])
            #expect(page3.lines.map(\.position) == [5])
            // Another committee sees none of the people, only the count.
            let theirs = try await w.service.queue(interventionId: "arbetstraning", page: 1, pageSize: 2, by: w.other)
            #expect(theirs.lines.isEmpty)
            #expect(theirs.waitingAll == 5)

            w.clock.advance(by: 86_400)
            _ = try await w.service.offer(entryId: ids[4], by: w.coach)
            // Withdrawing needs a reason; a withdrawn person leaves the queue.
            await #expect(throws: DomainError.self) { try await w.service.withdraw(entryId: ids[0], reason: "", by: w.coach) }
            _ = try await w.service.withdraw(entryId: ids[0], reason: "Har fått arbete.", by: w.coach)
            #expect(try await w.service.queue(interventionId: "arbetstraning", page: 1, pageSize: 10, by: w.coach).total == 4)

            let manager = Actor(
                user: try await Fixtures.user(database, "elin", role: .unitManager, unit: "jobbtorg-kista"), requestId: "t", channel: "test")
            await #expect(throws: DomainError.self) { try await w.service.figures(by: w.coach) }
            let (_, rows) = try await w.service.figures(by: manager)
            let total = try #require(rows.first { $0.interventionId == "arbetstraning" && $0.districtId == nil })
            #expect(total.placesTaken == 1)
            #expect(total.places == 1)
            #expect(total.waiting == 3)
            #expect(total.medianWaitingDays != nil)
            #expect(total.medianDaysToOffer.map { abs($0 - 1) < 0.01 } == true)
        }
    }
}
