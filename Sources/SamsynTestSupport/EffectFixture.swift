import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage

/// A hand-made set of episodes, enrolments, district cases, closures and aid months for the effect report of
/// "jobbtorg-jobbsokarcoachning" with starts from 2026-03-01 to 2026-04-30, counted by hand here
/// (asOf 2026-12-02: the last whole month is 2026-11).
///
/// - P1 K b.1990, Kista / Spånga-Tensta, enrolled 2025-09-01, active; started 2026-03-10 and again 2026-04-20
///   (counted once, at 03-10); aid 2025-01–2026-05 → aid 12 of the last 12, 14 of the last 36; leaves aid in
///   2026-06 (3 months); episode ended to work 2026-06-15 (97 days); no aid 2026-09 → self-supporting at 6; 12 not reached.
/// - P2 M b.1980, Vällingby / Rinkeby-Kista, enrolled 2026-01-15, closed 2026-08-31 because of a move; started
///   2026-04-01; aid 2026-01–2026-08 → 3 of 12, 3 of 36; followed to 2026-08: leaving aid censored at 4 months,
///   work censored at 152 days; not followed 6 months.
/// - P3 started 2025-12-01 (before the period) and is active at Kista: neither participant nor candidate.
/// - P4 Kista / Rinkeby-Kista, enrolled 2025-06-01, starts 2026-05-05 (after the period): a candidate in March (Kista)
///   and in April (Rinkeby-Kista, P2's district).
/// - C1 Kista / Spånga-Tensta, enrolled 2026-01-05, closed 2026-07-20 to work from 08-01 without subsidy: candidate in
///   March; aid 2026-01–2026-04 → leaves in 2026-05 (2 months from March); work at 141 days; self-supporting at 6.
/// - C2 a district case at Spånga-Tensta's financial-aid unit since 2025-01-01 (no enrolment): a candidate in March
///   by district; aid 2023-03–2026-11 → 12 of 12, 36 of 36; never leaves (censored at 8); not self-supporting at 6.
/// - C3 Kista, closed 2026-02-15: not active in March: not a candidate.
/// - C4 Vällingby / Spånga-Tensta, enrolled 2025-11-01, active: candidate in March (district) and April (unit).
///
/// So: participants 2 (P1, P2); candidates 6 (March: P4, C1, C2, C4; April: P4, C4).
public enum EffectFixture {
    public static let asOf = MeasurementFixture.asOf
    public static let intervention = "jobbtorg-jobbsokarcoachning"
    public static let from = LocalDate("2026-03-01")!
    public static let to = LocalDate("2026-04-30")!

    @discardableResult
    public static func load(_ db: Database) async throws -> [String: UUID] {
        try await Fixtures.organisation(db)
        let catalogue = SQLInterventionCatalogueStore(database: db)
        for p in ReferenceCatalogue.providers { try await catalogue.saveProvider(p) }
        for i in ReferenceCatalogue.interventions { try await catalogue.saveIntervention(i) }
        let people: [(String, Int, Bool)] = [
            ("P1", 1990, false), ("P2", 1980, true), ("P3", 1985, false), ("P4", 1975, true), ("C1", 1992, false), ("C2", 1970, true), ("C3", 1995, false),
            ("C4", 1988, true),
        ]
        let ids = Dictionary(uniqueKeysWithValues: people.map { ($0.0, UUID()) })
        try await db.write { sql in
            for (i, p) in people.enumerated() {
                let number = Fixtures.personnummer(p.1, 2, 3, serial: 100 + i * 10 + (p.2 ? 1 : 2)).replacingOccurrences(of: "-", with: "")
                try await sql.raw(
                    """
                    INSERT INTO persons (id, identity_number, identity_kind, created_at, updated_at, version)
                    VALUES (\(bind: ids[p.0]!.uuidString), \(bind: number), 'personnummer', 0, 0, 1)
                    """
                ).run()
            }
            func enrol(_ key: String, _ unit: String, _ district: String, _ enrolled: String, closed: String? = nil, reason: String? = nil) async throws -> UUID {
                let e = UUID()
                try await sql.raw(
                    """
                    INSERT INTO enrolments (id, person_id, district_committee_id, committee_id, unit_id, enrolled_on, status, closure_reason, closed_on, version)
                    VALUES (\(bind: e.uuidString), \(bind: ids[key]!.uuidString), \(bind: district), 'arbetsmarknadsnamnden', \(bind: unit), \(bind: enrolled),
                        \(bind: closed == nil ? "active" : "closed"), \(bind: reason), \(bind: closed), 1)
                    """
                ).run()
                return e
            }
            func episode(_ key: String, _ unit: String, _ start: String, end: String? = nil, outcome: String? = nil) async throws {
                try await sql.raw(
                    """
                    INSERT INTO intervention_episodes (id, intervention_id, person_id, committee_id, unit_id, start_date, actual_end, outcome, created_at, version)
                    VALUES (\(bind: UUID().uuidString), \(bind: intervention), \(bind: ids[key]!.uuidString), 'arbetsmarknadsnamnden', \(bind: unit), \(bind: start),
                        \(bind: end), \(bind: outcome), 0, 1)
                    """
                ).run()
            }
            func aid(_ key: String, _ committee: String, _ from: String, _ to: String) async throws {
                var d = LocalDate(from + "-01")!
                while d.monthKey <= to {
                    try await sql.raw("INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: ids[key]!.uuidString), \(bind: committee), \(bind: d.monthKey))").run()
                    d = d.adding(months: 1)
                }
            }
            _ = try await enrol("P1", "jobbtorg-kista", "spanga-tensta", "2025-09-01")
            try await episode("P1", "jobbtorg-kista", "2026-03-10", end: "2026-06-15", outcome: "work")
            try await episode("P1", "jobbtorg-kista", "2026-04-20")
            try await aid("P1", "spanga-tensta", "2025-01", "2026-05")
            _ = try await enrol("P2", "jobbtorg-vallingby", "rinkeby-kista", "2026-01-15", closed: "2026-08-31", reason: "moved")
            try await episode("P2", "jobbtorg-vallingby", "2026-04-01")
            try await aid("P2", "rinkeby-kista", "2026-01", "2026-08")
            _ = try await enrol("P3", "jobbtorg-kista", "spanga-tensta", "2025-06-01")
            try await episode("P3", "jobbtorg-kista", "2025-12-01")
            _ = try await enrol("P4", "jobbtorg-kista", "rinkeby-kista", "2025-06-01")
            try await episode("P4", "jobbtorg-kista", "2026-05-05")
            let c1 = try await enrol("C1", "jobbtorg-kista", "spanga-tensta", "2026-01-05", closed: "2026-07-20", reason: "work")
            try await sql.raw(
                """
                INSERT INTO enrolment_closures (enrolment_id, person_id, district_committee_id, committee_id, unit_id, reason, closed_on, extent_percent,
                    work_start, subsidy, ended_episodes, released_places, finalised_months, recorded_at, recorded_by_name)
                VALUES (\(bind: c1.uuidString), \(bind: ids["C1"]!.uuidString), 'spanga-tensta', 'arbetsmarknadsnamnden', 'jobbtorg-kista', 'work', '2026-07-20', 100,
                    '2026-08-01', 'none', 0, 0, '', 0, 'Test')
                """
            ).run()
            try await aid("C1", "spanga-tensta", "2026-01", "2026-04")
            try await sql.raw(
                """
                INSERT INTO district_cases (id, person_id, committee_id, unit_id, opened_on, source, channel, status, created_at, version)
                VALUES (\(bind: UUID().uuidString), \(bind: ids["C2"]!.uuidString), 'spanga-tensta', 'spanga-tensta-ekonomiskt-bistand', '2025-01-01', 'application',
                    'e_service', 'active', 0, 1)
                """
            ).run()
            try await aid("C2", "spanga-tensta", "2023-03", "2026-11")
            _ = try await enrol("C3", "jobbtorg-kista", "spanga-tensta", "2025-10-01", closed: "2026-02-15", reason: "other")
            _ = try await enrol("C4", "jobbtorg-vallingby", "spanga-tensta", "2025-11-01")
        }
        return ids
    }
}
