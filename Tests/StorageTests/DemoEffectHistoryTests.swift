import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@Suite("The demo's history for the effect report, both databases")
struct DemoEffectHistoryTests {
    struct CaseRow: Decodable { let person_id: String, opened_on: String, closed_on: String?, status: String }
    struct EpisodeRow: Decodable { let start_date: String, actual_end: String? }
    struct MonthRow: Decodable { let month: String }

    @Test("Once: a closed case per person without a case or episode, aid months up to last month, episodes started 3–14 months ago", arguments: TestDatabase.kinds)
    func history(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            try await Fixtures.organisation(database)
            _ = try await ReferenceCatalogue.load(into: database)
            let now = Fixtures.t0
            let demo = DemoData(database: database)
            _ = try await demo.addPersons(120, seed: 7, at: now)
            let added = try await demo.addEffectHistory(seed: 2026, at: now)
            #expect(added > 0)
            #expect(try await demo.addEffectHistory(seed: 2026, at: now) == 0)
            let today = LocalDate(now)
            let (cases, episodes, months) = try await database.read { sql in
                (
                    try await sql.raw("SELECT person_id, opened_on, closed_on, status FROM district_cases").all(decoding: CaseRow.self),
                    try await sql.raw("SELECT start_date, actual_end FROM intervention_episodes").all(decoding: EpisodeRow.self),
                    try await sql.raw("SELECT month FROM aid_months").all(decoding: MonthRow.self)
                )
            }
            #expect(cases.count == added && Set(cases.map(\.person_id)).count == added)
            #expect(cases.allSatisfy { $0.status == "closed" && $0.closed_on == today.firstOfMonth.adding(days: -1).description })
            #expect(cases.allSatisfy { $0.opened_on <= today.firstOfMonth.adding(months: -24).adding(days: 27).description })
            #expect(!episodes.isEmpty && episodes.count < added)
            let earliest = today.firstOfMonth.adding(months: -14).description, latest = today.firstOfMonth.adding(months: -3).adding(days: 27).description
            #expect(episodes.allSatisfy { $0.start_date >= earliest && $0.start_date <= latest && ($0.actual_end ?? "") >= $0.start_date })
            #expect(!months.isEmpty && months.allSatisfy { $0.month <= today.firstOfMonth.adding(months: -1).monthKey })
        }
    }
}
