import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage

/// A hand-made set of enrolments, closures, six-month checks and aid months whose indicator values are counted by
/// hand in the comments (asOf 2026-12-02). Written as rows, the way the case flow stores them.
///
/// Jobbtorg, Q1 2026 (2026-01-01–2026-03-31):
/// - E1 K b.1990, Kista, Spånga-Tensta, enrolled 01-05, closed 03-31 (the period's last day) to work without subsidy,
///   open-ended → work/studies, within 3 months; no aid after → not returned.
/// - E2 M b.1999, enrolled 2025-10-01, closed 02-10 to work 2026-03-01–03-29 (29 days) → not work; aid 2026-09
///   (month 7 after February) → not a return within 6.
/// - E3 K b.2003 (22 → 18–24), enrolled 01-10, closed 02-20 to a municipal labour-market employment → not work;
///   aid 2026-04 → returned.
/// - E4 M b.1980, Vällingby, Rinkeby-Kista, enrolled 2025-06-01, closed 01-15 to Komvux without study allowance
///   → not studies; six-month check "returned" → returned.
/// - E5 K b.1985 (samordningsnummer), enrolled 2025-11-01, closed 03-10 to studies with study allowance → studies,
///   not within 3 months; no aid → not returned.
/// - E6 M b.1970, enrolled 02-01, active.
/// - E7 K b.1995, enrolled 2025-12-01, closed 04-01 (the day after the quarter) to work.
/// - E9 M b.1960-05-01 (65 on 03-31 → 65+), enrolled 03-31 (the last day).
/// - E10 K b.1992, enrolled 2025-09-01, closed 01-20 to work, recorded before the closure details (no closure row)
///   → counts as work; aid 2026-07 (month 6 after January) → returned.
/// - E11 M b.1988, enrolled 2025-01-10, closed 2025-06-15 to work; aid 2026-06 (month 12) → not returned within 6,
///   returned within 12.
///
/// So for Q1 2026: enrolled 4 (E1, E3, E6, E9); closed 6 (E1, E2, E3, E4, E5, E10: K 4, M 2); to work or studies
/// 3 of 6; within 3 months 1 of 6; not returned 6 months 3 of 6 (E1, E2, E5); 12 months: none followed yet (0 of 0).
/// For 2025: closed 1 (E11); not returned 6 months 1 of 1, 12 months 0 of 1.
///
/// Aid: A1 K b.1990 Spånga-Tensta 2025-01–2026-03; A2 M b.1975 Rinkeby-Kista 2023-04–2026-03 (36 months); A3 K b.2009
/// (17) Spånga-Tensta 2026-02; A4 M b.1999 Spånga-Tensta 2026-01, Rinkeby-Kista 2026-02 (moved).
/// Q1 2026: adults with aid 3 (A1 Spånga-Tensta; A2, A4 Rinkeby-Kista); long-term 0 of 3; very long-term 1 of 3 (A2).
/// 2025: adults 2 (A1, A2), long-term 2 of 2, very long-term 1 of 2 (A2: 33 of 36 months to 2025-12).
public enum MeasurementFixture {
    /// 2026-12-02 about 11:00 UTC.
    public static let asOf = Date(timeIntervalSince1970: 1_796_209_600)

    struct P {
        let key: String, year: Int, month: Int, day: Int, man: Bool, samordning: Bool
    }

    static func digits(_ p: P, serial: Int) -> String {
        let s = serial * 10 + (p.man ? 1 : 2)
        let nine = String(format: "%02d%02d%02d%03d", p.year % 100, p.month, p.samordning ? p.day + 60 : p.day, s % 1000)
        return String(format: "%04d", p.year) + nine.dropFirst(2) + String(PersonalIdentityNumber.luhnCheckDigit(nine))
    }

    /// Loads the organisation and the fixture's rows. Returns person key → id.
    @discardableResult
    public static func load(_ db: Database) async throws -> [String: UUID] {
        try await Fixtures.organisation(db)
        let people: [P] = [
            P(key: "E1", year: 1990, month: 2, day: 3, man: false, samordning: false), P(key: "E2", year: 1999, month: 7, day: 8, man: true, samordning: false),
            P(key: "E3", year: 2003, month: 6, day: 1, man: false, samordning: false), P(key: "E4", year: 1980, month: 1, day: 9, man: true, samordning: false),
            P(key: "E5", year: 1985, month: 4, day: 12, man: false, samordning: true), P(key: "E6", year: 1970, month: 3, day: 3, man: true, samordning: false),
            P(key: "E7", year: 1995, month: 9, day: 9, man: false, samordning: false), P(key: "E9", year: 1960, month: 5, day: 1, man: true, samordning: false),
            P(key: "E10", year: 1992, month: 10, day: 10, man: false, samordning: false), P(key: "E11", year: 1988, month: 8, day: 8, man: true, samordning: false),
            P(key: "A1", year: 1990, month: 11, day: 11, man: false, samordning: false), P(key: "A2", year: 1975, month: 12, day: 12, man: true, samordning: false),
            P(key: "A3", year: 2009, month: 6, day: 6, man: false, samordning: false), P(key: "A4", year: 1999, month: 2, day: 2, man: true, samordning: false),
        ]
        let ids = Dictionary(uniqueKeysWithValues: people.map { ($0.key, UUID()) })
        try await db.write { sql in
            for (i, p) in people.enumerated() {
                let id = ids[p.key]!
                try await sql.raw(
                    """
                    INSERT INTO persons (id, identity_number, identity_kind, created_at, updated_at, version)
                    VALUES (\(bind: id.uuidString), \(bind: digits(p, serial: 10 + i)), \(bind: p.samordning ? "samordningsnummer" : "personnummer"), 0, 0, 1)
                    """
                ).run()
            }
            func enrol(
                _ key: String, enrolled: String, closed: String? = nil, reason: String? = nil, district: String = "spanga-tensta", unit: String = "jobbtorg-kista"
            ) async throws -> UUID {
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
            func closure(
                _ e: UUID, _ key: String, reason: String, closed: String, district: String = "spanga-tensta", unit: String = "jobbtorg-kista",
                workStart: String? = nil, workEnd: String? = nil, subsidy: String? = nil, studyKind: String? = nil, allowance: Bool? = nil
            ) async throws {
                let extent: Int? = workStart == nil ? nil : 100
                try await sql.raw(
                    """
                    INSERT INTO enrolment_closures (enrolment_id, person_id, district_committee_id, committee_id, unit_id, reason, closed_on, extent_percent,
                        work_start, work_end, subsidy, study_kind, study_allowance, ended_episodes, released_places, finalised_months, recorded_at, recorded_by_name)
                    VALUES (\(bind: e.uuidString), \(bind: ids[key]!.uuidString), \(bind: district), 'arbetsmarknadsnamnden', \(bind: unit), \(bind: reason), \(bind: closed),
                        \(bind: extent), \(bind: workStart), \(bind: workEnd), \(bind: subsidy), \(bind: studyKind), \(bind: allowance), 0, 0, '', 0, 'Test')
                    """
                ).run()
            }
            func check(_ e: UUID, _ key: String, reason: String, closed: String, result: String?, district: String = "spanga-tensta") async throws {
                try await sql.raw(
                    """
                    INSERT INTO six_month_checks (id, enrolment_id, person_id, district_committee_id, closure_reason, closed_on, due_on, result, version)
                    VALUES (\(bind: UUID().uuidString), \(bind: e.uuidString), \(bind: ids[key]!.uuidString), \(bind: district), \(bind: reason), \(bind: closed), \(bind: closed), \(bind: result), 1)
                    """
                ).run()
            }
            func aid(_ key: String, _ committee: String, _ months: [String]) async throws {
                for m in months {
                    try await sql.raw("INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: ids[key]!.uuidString), \(bind: committee), \(bind: m))").run()
                }
            }
            func months(_ from: String, _ to: String) -> [String] {
                var out: [String] = []
                var d = LocalDate(from + "-01")!
                while d.monthKey <= to {
                    out.append(d.monthKey)
                    d = d.adding(months: 1)
                }
                return out
            }
            let e1 = try await enrol("E1", enrolled: "2026-01-05", closed: "2026-03-31", reason: "work")
            try await closure(e1, "E1", reason: "work", closed: "2026-03-31", workStart: "2026-04-01", subsidy: "none")
            try await check(e1, "E1", reason: "work", closed: "2026-03-31", result: "not_returned")
            let e2 = try await enrol("E2", enrolled: "2025-10-01", closed: "2026-02-10", reason: "work")
            try await closure(e2, "E2", reason: "work", closed: "2026-02-10", workStart: "2026-03-01", workEnd: "2026-03-29", subsidy: "none")
            try await check(e2, "E2", reason: "work", closed: "2026-02-10", result: nil)
            try await aid("E2", "spanga-tensta", ["2026-09"])
            let e3 = try await enrol("E3", enrolled: "2026-01-10", closed: "2026-02-20", reason: "subsidised_work")
            try await closure(e3, "E3", reason: "subsidised_work", closed: "2026-02-20", workStart: "2026-03-01", subsidy: "municipal")
            try await aid("E3", "spanga-tensta", ["2026-04"])
            let e4 = try await enrol("E4", enrolled: "2025-06-01", closed: "2026-01-15", reason: "studies", district: "rinkeby-kista", unit: "jobbtorg-vallingby")
            try await closure(e4, "E4", reason: "studies", closed: "2026-01-15", district: "rinkeby-kista", unit: "jobbtorg-vallingby", studyKind: "komvux", allowance: false)
            try await check(e4, "E4", reason: "studies", closed: "2026-01-15", result: "returned", district: "rinkeby-kista")
            let e5 = try await enrol("E5", enrolled: "2025-11-01", closed: "2026-03-10", reason: "studies")
            try await closure(e5, "E5", reason: "studies", closed: "2026-03-10", studyKind: "university", allowance: true)
            _ = try await enrol("E6", enrolled: "2026-02-01")
            let e7 = try await enrol("E7", enrolled: "2025-12-01", closed: "2026-04-01", reason: "work")
            try await closure(e7, "E7", reason: "work", closed: "2026-04-01", workStart: "2026-04-02", subsidy: "none")
            _ = try await enrol("E9", enrolled: "2026-03-31")
            // Closed before the closure details were recorded: no closure row.
            _ = try await enrol("E10", enrolled: "2025-09-01", closed: "2026-01-20", reason: "work")
            try await aid("E10", "spanga-tensta", ["2026-07"])
            let e11 = try await enrol("E11", enrolled: "2025-01-10", closed: "2025-06-15", reason: "work")
            try await closure(e11, "E11", reason: "work", closed: "2025-06-15", workStart: "2025-07-01", subsidy: "none")
            try await aid("E11", "spanga-tensta", ["2026-06"])
            try await aid("A1", "spanga-tensta", months("2025-01", "2026-03"))
            try await aid("A2", "rinkeby-kista", months("2023-04", "2026-03"))
            try await aid("A3", "spanga-tensta", ["2026-02"])
            try await aid("A4", "spanga-tensta", ["2026-01"])
            try await aid("A4", "rinkeby-kista", ["2026-02"])
        }
        return ids
    }
}
