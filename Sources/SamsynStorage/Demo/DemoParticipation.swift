import Foundation
import SQLKit
import SamsynDomain

/// Synthetic queues and participation for the demo and the benchmark: every district has people waiting,
/// offered and on places in the catalogue's interventions, some earlier episodes have ended with an
/// outcome, and one person in Spånga-Tensta is in a work-ability testing with placements, instrument
/// results and a conclusion, so the final report has something to show.
extension DemoData {
    public struct ParticipationSummary: Sendable {
        public let entries: Int
        public let episodes: Int
        public let testingEpisode: UUID?
    }

    /// `waiting` is how many wait for Jobbtorg Resurs work training in Spånga-Tensta (the benchmark's
    /// district); the other districts get a tenth of it, the other interventions a few each.
    /// Does nothing if the database already has queue entries.
    public func addParticipation(waiting: Int, seed: UInt64, at now: Date) async throws -> ParticipationSummary {
        let store = SQLInterventionStore(database: database)
        let interventions = try await store.interventions()
        guard !interventions.isEmpty else { return ParticipationSummary(entries: 0, episodes: 0, testingEpisode: nil) }
        struct Existing: Decodable { let n: Int }
        let existing = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM intervention_queue").first(decoding: Existing.self)?.n ?? 0
        }
        guard existing == 0 else { return ParticipationSummary(entries: 0, episodes: 0, testingEpisode: nil) }

        var rng = SplitMix(state: seed)
        struct FileRow: Decodable { let person_id: String; let committee_id: String }
        let districtIds = Set(ReferenceOrganisation.districts.map(\.id))
        let files = try await database.read { db in
            try await db.raw("SELECT person_id, committee_id FROM person_files ORDER BY person_id").all(decoding: FileRow.self)
        }
        var people: [String: [UUID]] = [:]
        for f in files where districtIds.contains(f.committee_id) {
            if let id = UUID(uuidString: f.person_id) { people[f.committee_id, default: []].append(id) }
        }
        let byId = Dictionary(uniqueKeysWithValues: interventions.map { ($0.id, $0) })
        let today = LocalDate(now)
        var entries: [QueueEntry] = []
        var episodes: [Episode] = []
        var testing: (person: UUID, district: String)?

        for district in ReferenceOrganisation.districts.map(\.id) {
            var pool = (people[district] ?? []).shuffled(using: &rng)
            guard !pool.isEmpty else { continue }
            let unit = "\(district)-ekonomiskt-bistand"
            if district == "spanga-tensta", testing == nil { testing = (pool.removeLast(), district) }
            func take(_ n: Int) -> [UUID] {
                let k = min(n, pool.count)
                defer { pool.removeLast(k) }
                return Array(pool.suffix(k))
            }
            func queuedAt(_ maxDays: Int) -> Date { now.addingTimeInterval(-Double(Int.random(in: 3 * 86_400...(maxDays * 86_400), using: &rng))) }
            // (intervention, taken on places, offered, waiting, ended earlier)
            let resursWaiting = district == "spanga-tensta" ? waiting : waiting / 10
            let plan: [(String, Int, Int, Int, Int)] = [
                ("resurs-arbetstraning", byId["resurs-arbetstraning"]?.allotments[district] ?? 12, 2, resursWaiting, 6),
                ("jobbtorg-jobbsokarcoachning", 6, 1, 8, 4),
                ("jobbtorg-syv", 4, 1, 5, 2),
                ("resurs-supported-employment", 3, 0, 4, 1),
                ("jobbstart-extratjanst", 8, 1, 6, 2),
                ("resurs-arbetsformagepreovning", 1, 0, 2, 1),
            ] + (district == "spanga-tensta" ? [("spanga-tensta-sprakpraktik", 12, 1, 9, 3)] : [])
            // A small demo database has few people per district: every intervention gets its share.
            let needed = plan.reduce(0) { $0 + $1.1 + $1.2 + $1.3 + $1.4 }
            let scale = min(1.0, Double(pool.count) / Double(max(needed, 1)))
            func scaled(_ n: Int) -> Int { n == 0 ? 0 : max(1, Int(Double(n) * scale)) }
            for (iid, t, o, w, x) in plan {
                let (taken, offered, waitingCount, ended) = (scaled(t), scaled(o), scaled(w), scaled(x))
                guard let intervention = byId[iid] else { continue }
                let weeks = intervention.typicalWeeks ?? 12
                for p in take(taken) {
                    let q = queuedAt(200)
                    let offer = q.addingTimeInterval(Double(Int.random(in: 7...60, using: &rng)) * 86_400)
                    let accepted = min(offer.addingTimeInterval(3 * 86_400), now)
                    let e = QueueEntry(
                        id: UUID(), interventionId: iid, personId: p, committeeId: district, unitId: unit, districtId: district, queuedAt: q,
                        status: .accepted, offeredAt: min(offer, now), decidedAt: accepted)
                    entries.append(e)
                    let start = LocalDate(accepted).adding(days: 7)
                    let begun = min(start, today)
                    episodes.append(
                        Episode(
                            id: UUID(), interventionId: iid, personId: p, committeeId: district, unitId: unit, queueEntryId: e.id, start: begun,
                            plannedEnd: begun.adding(days: weeks * 7), subGoal: Self.subGoals.randomElement(using: &rng), createdAt: accepted))
                }
                for p in take(offered) {
                    let q = queuedAt(120)
                    entries.append(
                        QueueEntry(
                            id: UUID(), interventionId: iid, personId: p, committeeId: district, unitId: unit, districtId: district, queuedAt: q,
                            status: .offered, offeredAt: now.addingTimeInterval(-86_400)))
                }
                for (i, p) in take(waitingCount).enumerated() {
                    let prio = i % 40 == 7 ? "Riskerar att förlora bostaden om inte sysselsättning ordnas (beslut av enhetschef)." : nil
                    entries.append(
                        QueueEntry(
                            id: UUID(), interventionId: iid, personId: p, committeeId: district, unitId: unit, districtId: district, queuedAt: queuedAt(240),
                            priorityReason: prio))
                }
                for p in take(ended) {
                    let q = queuedAt(700).addingTimeInterval(-300 * 86_400)
                    let offer = q.addingTimeInterval(Double(Int.random(in: 7...60, using: &rng)) * 86_400)
                    let e = QueueEntry(
                        id: UUID(), interventionId: iid, personId: p, committeeId: district, unitId: unit, districtId: district, queuedAt: q,
                        status: .ended, offeredAt: offer, decidedAt: offer.addingTimeInterval(2 * 86_400))
                    entries.append(e)
                    let start = LocalDate(offer).adding(days: 10)
                    let outcome = Episode.Outcome.allCases.randomElement(using: &rng)!
                    let length = outcome == .interrupted ? Int.random(in: 10...(weeks * 5), using: &rng) : weeks * 7
                    episodes.append(
                        Episode(
                            id: UUID(), interventionId: iid, personId: p, committeeId: district, unitId: unit, queueEntryId: e.id, start: start,
                            plannedEnd: start.adding(days: weeks * 7), actualEnd: min(start.adding(days: length), today), outcome: outcome,
                            interruptionReason: outcome == .interrupted ? Self.interruptions.randomElement(using: &rng) : nil,
                            subGoal: Self.subGoals.randomElement(using: &rng), createdAt: offer))
                }
            }
        }

        // Jobbtorg's own caseload: people with a Jobbtorg file, queued and taking part by Jobbtorg Kista.
        let used = Set(entries.map(\.personId)).union(episodes.map(\.personId)).union(testing.map { [$0.person] } ?? [])
        var districtOf: [UUID: String] = [:]
        for f in files where districtIds.contains(f.committee_id) { if let id = UUID(uuidString: f.person_id) { districtOf[id] = f.committee_id } }
        let jobbtorg = files.filter { $0.committee_id == ReferenceOrganisation.labourMarketCommittee.id }.compactMap { UUID(uuidString: $0.person_id) }
            .filter { !used.contains($0) && districtOf[$0] != nil }.shuffled(using: &rng)
        let committee = ReferenceOrganisation.labourMarketCommittee.id
        for (i, p) in jobbtorg.prefix(40).enumerated() {
            let district = districtOf[p]!
            let q = now.addingTimeInterval(-Double(Int.random(in: 2...90, using: &rng)) * 86_400)
            switch i % 4 {
            case 0:  // waiting for job-search coaching
                entries.append(
                    QueueEntry(id: UUID(), interventionId: "jobbtorg-jobbsokarcoachning", personId: p, committeeId: committee, unitId: "jobbtorg-kista", districtId: district, queuedAt: q))
            case 1:  // on a place in study and vocational guidance
                let e = QueueEntry(
                    id: UUID(), interventionId: "jobbtorg-syv", personId: p, committeeId: committee, unitId: "jobbtorg-kista", districtId: district, queuedAt: q,
                    status: .accepted, offeredAt: q.addingTimeInterval(86_400), decidedAt: q.addingTimeInterval(2 * 86_400))
                entries.append(e)
                let start = min(LocalDate(q).adding(days: 5), today)
                episodes.append(
                    Episode(
                        id: UUID(), interventionId: "jobbtorg-syv", personId: p, committeeId: committee, unitId: "jobbtorg-kista", queueEntryId: e.id, start: start,
                        plannedEnd: start.adding(days: 28), subGoal: Self.subGoals.randomElement(using: &rng), createdAt: q))
            default:  // matching has no place limit: the episode starts without a queue
                let start = LocalDate(q)
                let ended = i % 4 == 3
                episodes.append(
                    Episode(
                        id: UUID(), interventionId: "jobbtorg-matchning", personId: p, committeeId: committee, unitId: "jobbtorg-kista", queueEntryId: nil,
                        start: start, plannedEnd: start.adding(days: 84), actualEnd: ended ? today : nil, outcome: ended ? .work : nil,
                        subGoal: "Få en anställning inom lager, butik eller lokalvård", createdAt: q))
            }
        }

        let allEntries = entries
        let allEpisodes = episodes
        try await database.write { db in
            for batch in stride(from: 0, to: allEntries.count, by: 400).map({ Array(allEntries[$0..<min($0 + 400, allEntries.count)]) }) {
                let rows = batch.map { e in
                    SQLQueryString(
                        "(\(bind: e.id.uuidString), \(bind: e.interventionId), \(bind: e.personId.uuidString), \(bind: e.committeeId), \(bind: e.unitId), \(bind: e.districtId), \(bind: e.queuedAt.epochMilliseconds), \(bind: e.priorityReason), \(bind: e.status.rawValue), \(bind: e.offeredAt?.epochMilliseconds), \(bind: e.decidedAt?.epochMilliseconds))"
                    )
                }
                try await db.raw(
                    """
                    INSERT INTO intervention_queue (id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason,
                        status, offered_at, decided_at) VALUES \(rows.joined(separator: ", "))
                    """
                ).run()
            }
            for batch in stride(from: 0, to: allEpisodes.count, by: 400).map({ Array(allEpisodes[$0..<min($0 + 400, allEpisodes.count)]) }) {
                let rows = batch.map { e in
                    SQLQueryString(
                        "(\(bind: e.id.uuidString), \(bind: e.interventionId), \(bind: e.personId.uuidString), \(bind: e.committeeId), \(bind: e.unitId), \(bind: e.queueEntryId?.uuidString), \(bind: e.start.description), \(bind: e.plannedEnd?.description), \(bind: e.actualEnd?.description), \(bind: e.outcome?.rawValue), \(bind: e.interruptionReason), \(bind: e.subGoal), \(bind: e.createdAt.epochMilliseconds), 1)"
                    )
                }
                try await db.raw(
                    """
                    INSERT INTO intervention_episodes (id, intervention_id, person_id, committee_id, unit_id, queue_entry_id, start_date, planned_end,
                        actual_end, outcome, interruption_reason, sub_goal, created_at, version) VALUES \(rows.joined(separator: ", "))
                    """
                ).run()
            }
            try await AccessLogChain.append(
                [AccessLogEntry(at: now, requestId: "system", actor: nil, action: .demoParticipation, outcome: .allowed,
                    detail: "entries=\(allEntries.count) episodes=\(allEpisodes.count)")],
                on: db, kind: database.kind)
        }

        var testingId: UUID?
        if let (person, district) = testing {
            testingId = try await addWorkAbilityStory(store, person: person, district: district, today: today, now: now)
        }
        try await database.analyze()
        return ParticipationSummary(entries: allEntries.count + 3, episodes: allEpisodes.count + 3, testingEpisode: testingId)
    }

    /// One person's path: job-search coaching interrupted, a health intervention completed, and now a
    /// work-ability testing at two workplaces with AWP and DOA results and a conclusion.
    private func addWorkAbilityStory(_ store: SQLInterventionStore, person: UUID, district: String, today: LocalDate, now: Date) async throws -> UUID {
        let unit = "\(district)-ekonomiskt-bistand"
        func audit(_ action: AuditAction) -> AccessLogEntry {
            AccessLogEntry(at: now, requestId: "system", actor: nil, personId: person, action: action, outcome: .allowed, detail: "demo")
        }
        func day(_ offset: Int) -> LocalDate { today.adding(days: offset) }
        func date(_ offset: Int) -> Date { now.addingTimeInterval(Double(offset) * 86_400) }
        // Earlier episodes (places long since freed).
        let history: [(String, Int, Int, Episode.Outcome, String?, String)] = [
            ("jobbtorg-jobbsokarcoachning", -300, -262, .interrupted, "Orkade inte delta i grupp fyra dagar i veckan; sömnsvårigheter.",
             "Ha ett uppdaterat cv och söka fem arbeten i veckan"),
            ("ramavtal-vagledning-halsa", -230, -160, .completed, nil, "Klara en fast dygnsrytm och två aktiviteter i veckan"),
        ]
        for (iid, start, end, outcome, reason, goal) in history {
            let entry = QueueEntry(
                id: UUID(), interventionId: iid, personId: person, committeeId: district, unitId: unit, districtId: district, queuedAt: date(start - 30),
                status: .accepted, offeredAt: date(start - 10), decidedAt: date(start - 8))
            try await store.enqueue(entry, audit: audit(.interventionEnqueue))
            let e = Episode(
                id: UUID(), interventionId: iid, personId: person, committeeId: district, unitId: unit, queueEntryId: entry.id, start: day(start),
                plannedEnd: day(end), subGoal: goal, createdAt: date(start))
            try await store.startEpisode(e, audit: audit(.episodeStart))
            _ = try await store.endEpisode(id: e.id, actualEnd: day(end), outcome: outcome, reason: reason, expectedVersion: 1, audit: audit(.episodeEnd))
        }
        let entry = QueueEntry(
            id: UUID(), interventionId: "resurs-arbetsformagepreovning", personId: person, committeeId: district, unitId: unit, districtId: district,
            queuedAt: date(-120), status: .accepted, offeredAt: date(-80), decidedAt: date(-78))
        try await store.enqueue(entry, audit: audit(.interventionEnqueue))
        let testing = Episode(
            id: UUID(), interventionId: entry.interventionId, personId: person, committeeId: district, unitId: unit, queueEntryId: entry.id,
            start: day(-70), plannedEnd: day(14), subGoal: "Klara fyra timmars arbetsdag tre dagar i veckan med rätt stöd", createdAt: date(-70))
        try await store.startEpisode(testing, audit: audit(.episodeStart))
        try await store.addPlacement(
            WorkPlacement(
                id: UUID(), episodeId: testing.id, workplace: "Stadsdelens lokalvård, Tensta", tasks: "Städning av kontor och trapphus i par med handledare.",
                support: .workTraining, start: day(-70), end: day(-36), hoursPerWeek: 12,
                observations: "Kom i tid varje dag. Arbetar noggrant i eget tempo; längre pass än tre timmar gav trötthet och huvudvärk."),
            audit: audit(.workAbilityPlacement))
        try await store.addPlacement(
            WorkPlacement(
                id: UUID(), episodeId: testing.id, workplace: "Second hand-butik, Spånga", tasks: "Sortering, prismärkning och påfyllning; kassa med stöd.",
                support: .supportedEmployment, start: day(-30), end: nil, hoursPerWeek: 16,
                observations: "Trivs i lugn miljö med tydliga instruktioner. Klarar kassan när handledaren finns nära; behöver skriftlig arbetsordning."),
            audit: audit(.workAbilityPlacement))
        var awp: [String: Int] = [:]
        for (i, item) in WorkAbilityInstrument.awp.items.enumerated() { awp[item.key] = [4, 3, 3, 2, 2, 2, 3, 4, 3, 3, 3, 2, 3, 4][i % 14] }
        try await store.addAssessment(
            WorkAbilityAssessment(
                id: UUID(), episodeId: testing.id, instrument: "awp", otherName: nil, assessedOn: day(-40), assessor: "Lena Ek, arbetsterapeut, Jobbtorg Resurs",
                ratings: awp, summary: "Utför uppgifter noggrant och organiserar sitt arbete väl. Fysisk och psykisk energi räcker till kortare pass; behöver pauser."),
            audit: audit(.workAbilityAssessment))
        try await store.addAssessment(
            WorkAbilityAssessment(
                id: UUID(), episodeId: testing.id, instrument: "doa", otherName: nil, assessedOn: day(-10), assessor: "Lena Ek, arbetsterapeut, Jobbtorg Resurs",
                ratings: ["self": 3, "interests": 4, "routines": 3, "skills": 3, "physical": 2, "cognitive": 3, "social": 4, "environment": 2],
                summary: "Personen och handledaren är överens: arbete i lugn miljö, kortare dagar och skriftliga instruktioner gör att uppgifterna fungerar."),
            audit: audit(.workAbilityAssessment))
        _ = try await store.saveConclusion(
            episodeId: testing.id,
            WorkAbilityConclusion(
                abilities: "Klarar sortering, städning och enklare kassaarbete noggrant och punktligt. Fungerar väl i arbetslag.",
                adaptations: "Arbetspass på högst fyra timmar med paus, lugn miljö, skriftlig arbetsordning och en handledare att fråga.",
                recommendation: "Fortsatt Supported Employment mot en anställning på deltid; pröva utökad tid efter tre månader.",
                writtenBy: "Lena Ek, arbetsterapeut", writtenAt: date(-5), version: 1),
            expectedVersion: 0, audit: audit(.workAbilityConclusion))
        return testing.id
    }

    static let subGoals = [
        "Klara fyra timmars arbetsdag tre dagar i veckan",
        "Söka fem arbeten i veckan med ett uppdaterat cv",
        "Ta körkortsteori inom tre månader",
        "Börja på SFI nivå C",
        "Få en praktikplats inom lager och logistik",
        "Skriva ansökan till vårdbiträdesutbildning",
    ]

    static let interruptions = [
        "Fick sjukskrivning från vårdcentralen.",
        "Flyttade till en annan kommun.",
        "Kom inte till insatsen; kontakt tagen men inte återupptagen.",
        "Insatsen passade inte; byter till arbetsträning.",
    ]
}
