import Foundation
import SQLKit
import SamsynDomain

/// History for the effect report in the demo (issue 17): for the demo persons with a district file and no case or
/// episode yet, a closed district case at the district's financial-aid unit opened 24–30 months ago and closed last
/// month, months of aid from the opening until the person leaves aid (faster for the young and those who took part),
/// and for about one in four an episode of "Jobbsökarcoachning i grupp" started 3–14 months ago, more often for the
/// young. Enough for a report of the last twelve months of starts to reach 30 per group with the demo's 600 persons.
/// Runs once (a setting marks it as loaded); months of aid already stored are kept.
extension DemoData {
    public static let effectDemoIntervention = "jobbtorg-jobbsokarcoachning"
    static let effectHistoryKey = "demo_effect_history"

    @discardableResult
    public func addEffectHistory(seed: UInt64, at now: Date) async throws -> Int {
        let settings = SQLSettingsStore(database: database)
        guard try await settings.value(Self.effectHistoryKey) == nil,
            try await SQLInterventionCatalogueStore(database: database).intervention(id: Self.effectDemoIntervention) != nil
        else { return 0 }
        let today = LocalDate(now)
        struct FileRow: Decodable { let person_id: String, committee_id: String, identity_number: String }
        let districts = Set(ReferenceOrganisation.districts.map(\.id))
        let files = try await database.read { db in
            try await db.raw(
                """
                SELECT f.person_id, f.committee_id, p.identity_number FROM person_files f JOIN persons p ON p.id = f.person_id
                WHERE NOT EXISTS (SELECT 1 FROM district_cases c WHERE c.person_id = f.person_id)
                    AND NOT EXISTS (SELECT 1 FROM intervention_episodes e WHERE e.person_id = f.person_id)
                ORDER BY f.person_id
                """
            ).all(decoding: FileRow.self)
        }.filter { districts.contains($0.committee_id) }
        var seen: Set<String> = []
        let people = files.filter { seen.insert($0.person_id).inserted }
        var rng = SplitMix(state: seed ^ 0xEFFE_C717)
        func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        let lastMonth = today.firstOfMonth.adding(months: -1)
        let closedOn = today.firstOfMonth.adding(days: -1)
        let ms = now.epochMilliseconds
        var added = 0
        for batch in stride(from: 0, to: people.count, by: 100) {
            let slice = people[batch..<min(batch + 100, people.count)]
            var plans: [(FileRow, LocalDate, [String], LocalDate?)] = []
            for f in slice {
                let young = MeasuredPerson(identityDigits: f.identity_number).map { $0.age(on: today) < 30 } ?? false
                let opened = today.firstOfMonth.adding(months: -(24 + Int(uniform() * 7))).adding(days: Int(uniform() * 27))
                let starts = uniform() < (young ? 0.35 : 0.2)
                let start: LocalDate? = starts ? today.firstOfMonth.adding(months: -(3 + Int(uniform() * 12))).adding(days: Int(uniform() * 27)) : nil
                // Leaving aid: a monthly chance, higher for the young and after starting.
                var months: [String] = []
                var m = opened.firstOfMonth
                while m <= lastMonth {
                    months.append(m.monthKey)
                    let after = start.map { m >= $0.firstOfMonth } ?? false
                    if uniform() < 0.05 + (young ? 0.03 : 0) + (after ? 0.04 : 0) { break }
                    m = m.adding(months: 1)
                }
                plans.append((f, opened, months, start))
            }
            let planned = plans
            added += try await database.write { db in
                for (f, opened, months, start) in planned {
                    try await db.raw(
                        """
                        INSERT INTO district_cases (id, person_id, committee_id, unit_id, opened_on, source, channel, status, closed_on, created_at, version)
                        VALUES (\(bind: UUID().uuidString), \(bind: f.person_id), \(bind: f.committee_id), \(bind: "\(f.committee_id)-ekonomiskt-bistand"),
                            \(bind: opened.description), 'application', 'e_service', 'closed', \(bind: closedOn.description), \(bind: ms), 1)
                        """
                    ).run()
                    for month in months {
                        try await db.raw(
                            """
                            INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: f.person_id), \(bind: f.committee_id), \(bind: month))
                            ON CONFLICT DO NOTHING
                            """
                        ).run()
                    }
                    if let start {
                        let end = min(start.adding(days: 84), closedOn)
                        try await db.raw(
                            """
                            INSERT INTO intervention_episodes (id, intervention_id, person_id, committee_id, unit_id, start_date, actual_end, outcome, created_at, version)
                            VALUES (\(bind: UUID().uuidString), \(bind: Self.effectDemoIntervention), \(bind: f.person_id), \(bind: f.committee_id),
                                \(bind: "\(f.committee_id)-ekonomiskt-bistand"), \(bind: start.description), \(bind: end.description), 'completed', \(bind: ms), 1)
                            """
                        ).run()
                    }
                }
                return planned.count
            }
        }
        try await settings.set(Self.effectHistoryKey, "\(added)")
        return added
    }
}
