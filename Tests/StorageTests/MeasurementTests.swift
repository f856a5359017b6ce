import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// Every shipped indicator on the hand-made fixture (`MeasurementFixture`, counted by hand there), on both databases.
@Suite("Indicators on a hand-counted fixture, both databases")
struct MeasurementTests {
    func service(_ db: Database) throws -> MeasurementService {
        let set = try IndicatorCatalog.load(files: IndicatorCatalog.bundledFiles())
        return MeasurementService(
            indicators: set, store: SQLMeasurementStore(database: db), organisation: SQLOrganisationStore(database: db), clock: ManualClock(MeasurementFixture.asOf))
    }

    func analyst(_ db: Database) async throws -> Actor {
        Actor(user: try await Fixtures.user(db, "amir", role: .analyst, unit: "analys"), requestId: "t", channel: "test")
    }

    /// The raw counts (before protection), so that the hand count is compared exactly.
    func raw(_ s: MeasurementService, _ id: String, _ period: MeasurementPeriod, area: String? = nil) async throws -> RawFigure {
        let d = try #require(s.indicators.indicator(id))
        let facts = try await s.facts(for: [d], period: period)
        return IndicatorEngine.total(d, facts, period: period, area: area, asOf: LocalDate(MeasurementFixture.asOf))
    }

    @Test("Jobbtorg closures by Kolada's definition: 29 days of work, a municipal job and studies without study allowance do not count; the period's last day does", arguments: TestDatabase.kinds)
    func jobbtorg(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            try await MeasurementFixture.load(database)
            let s = try service(database)
            let q1 = MeasurementPeriod.quarter(year: 2026, quarter: 1)
            #expect(try await raw(s, "jobbtorg.enrolled", q1) == RawFigure(numerator: 4))
            #expect(try await raw(s, "jobbtorg.closed", q1) == RawFigure(numerator: 6))
            #expect(try await raw(s, "jobbtorg.closed_to_work_or_studies", q1) == RawFigure(numerator: 3, denominator: 6))
            #expect(try await raw(s, "jobbtorg.closed_to_work_or_studies_within_3_months", q1) == RawFigure(numerator: 1, denominator: 6))
            #expect(try await raw(s, "jobbtorg.not_returned_6_months", q1) == RawFigure(numerator: 3, denominator: 6))
            #expect(try await raw(s, "jobbtorg.not_returned_12_months", q1) == RawFigure(numerator: 0, denominator: 0))
            #expect(try await raw(s, "district.returned_from_jobbtorg", q1) == RawFigure(numerator: 0))
            // 2025: E11 closed in June, aid in month 12 after: not a return within 6, a return within 12.
            #expect(try await raw(s, "jobbtorg.not_returned_6_months", .year(2025)) == RawFigure(numerator: 1, denominator: 1))
            #expect(try await raw(s, "jobbtorg.not_returned_12_months", .year(2025)) == RawFigure(numerator: 0, denominator: 1))
            // The closure on the quarter's last day counts in March, not in April; E7 on 04-01 in April.
            #expect(try await raw(s, "jobbtorg.closed", .month(year: 2026, month: 3)) == RawFigure(numerator: 2))
            #expect(try await raw(s, "jobbtorg.closed", .month(year: 2026, month: 4)) == RawFigure(numerator: 1))
            // Only people from Rinkeby-Kista: E4.
            #expect(try await raw(s, "jobbtorg.closed", q1, area: "rinkeby-kista") == RawFigure(numerator: 1))
            // By gender and by Jobbtorg unit.
            let d = try #require(s.indicators.indicator("jobbtorg.closed"))
            let facts = try await s.facts(for: [d], period: q1)
            let asOf = LocalDate(MeasurementFixture.asOf)
            let labels = try await s.labels()
            let byGender = IndicatorEngine.breakdown(d, .gender, facts, period: q1, area: nil, asOf: asOf, labels: labels)
            #expect(byGender.map { $0.group.key } == ["K", "M"] && byGender.map { $0.figure.numerator } == [4, 2])
            let byUnit = Dictionary(uniqueKeysWithValues: IndicatorEngine.breakdown(d, .jobbtorgUnit, facts, period: q1, area: nil, asOf: asOf, labels: labels).map { ($0.group.key, $0.figure.numerator) })
            #expect(byUnit["jobbtorg-kista"] == 5 && byUnit["jobbtorg-vallingby"] == 1 && byUnit.values.reduce(0, +) == 6)
            let byReason = Dictionary(uniqueKeysWithValues: IndicatorEngine.breakdown(d, .closureReason, facts, period: q1, area: nil, asOf: asOf, labels: labels).map { ($0.group.key, $0.figure.numerator) })
            #expect(byReason["work"] == 3 && byReason["subsidised_work"] == 1 && byReason["studies"] == 2 && byReason["moved"] == 0)
            // Age at the period's end: E3 is 22 (18–24), E9 turns 66 only in May (65+).
            let enrolled = try #require(s.indicators.indicator("jobbtorg.enrolled"))
            let byAge = Dictionary(uniqueKeysWithValues: IndicatorEngine.breakdown(enrolled, .ageBand, facts, period: q1, area: nil, asOf: asOf, labels: labels).map { ($0.group.key, $0.figure.numerator) })
            #expect(byAge["18-24"] == 1 && byAge["65+"] == 1 && byAge["30-39"] == 1 && byAge["50-64"] == 1 && byAge["0-17"] == nil)
        }
    }

    @Test("Aid in the districts: adults only, a person who moved counted once where the last month was paid, long-term 10 of the calendar year, very long 27 of 36", arguments: TestDatabase.kinds)
    func district(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            try await MeasurementFixture.load(database)
            let s = try service(database)
            let q1 = MeasurementPeriod.quarter(year: 2026, quarter: 1)
            #expect(try await raw(s, "district.adults_with_aid", q1) == RawFigure(numerator: 3))
            #expect(try await raw(s, "district.adults_with_aid", q1, area: "rinkeby-kista") == RawFigure(numerator: 2))
            #expect(try await raw(s, "district.adults_with_aid", q1, area: "spanga-tensta") == RawFigure(numerator: 1))
            #expect(try await raw(s, "district.long_term_aid", q1) == RawFigure(numerator: 0, denominator: 3))
            #expect(try await raw(s, "district.very_long_term_aid", q1) == RawFigure(numerator: 1, denominator: 3))
            #expect(try await raw(s, "district.adults_with_aid", .year(2025)) == RawFigure(numerator: 2))
            #expect(try await raw(s, "district.long_term_aid", .year(2025)) == RawFigure(numerator: 2, denominator: 2))
            #expect(try await raw(s, "district.very_long_term_aid", .year(2025)) == RawFigure(numerator: 1, denominator: 2))
            // 2026: A1, A2, A4 and the four former Jobbtorg participants with a month of aid; A3 is 17.
            #expect(try await raw(s, "district.adults_with_aid", .year(2026)) == RawFigure(numerator: 7))
        }
    }

    @Test("The follow-up report protects small cells; bad input is refused in Swedish and nothing is read", arguments: TestDatabase.kinds)
    func followUp(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            try await MeasurementFixture.load(database)
            let s = try service(database)
            let amir = try await analyst(database)
            let r = try await s.followUp(.init(period: "2026-K1", breakdown: "gender"), by: amir)
            let closed = try #require(r.reports.first { $0.definition.id == "jobbtorg.closed" })
            #expect(closed.current.text == "6")
            // K 4 and M 2: both below 5.
            #expect(closed.groups.map(\.figure.text) == ["<5", "<5"])
            let share = try #require(r.reports.first { $0.definition.id == "jobbtorg.closed_to_work_or_studies" })
            // 3 of 6: the numerator is small, so the share is withheld.
            #expect(share.current.value == nil && share.current.status == "Färre än 5")
            #expect(closed.series.count == 24 && closed.series.last?.month == LocalDate("2026-03-01"))
            func refused(_ req: MeasurementService.Request, by who: Actor? = nil) async -> [String] {
                do {
                    _ = try await s.followUp(req, by: who ?? amir)
                    return []
                } catch { return (error as? DomainError)?.fields.map(\.message) ?? ["\(error)"] }
            }
            #expect(try await refused(.init(period: "2026-13")).first?.contains("Månaden ”2026-13” finns inte") == true)
            #expect(try await refused(.init(period: "range", from: "2026-03-01", to: "2026-02-01")).first?.contains("slutar") == true)
            #expect(try await refused(.init(period: "2026", breakdown: "closure_reason", ids: ["district.adults_with_aid"])).first?.contains("kan delas in") == true)
            #expect(try await refused(.init(period: "2026", ids: ["jobbtorg.nope"])).first == "Indikatorn ”jobbtorg.nope” finns inte.")
            // A district manager may see the city and their own district, not another district.
            let elin = Actor(
                user: try await Fixtures.user(database, "elin", role: .unitManager, unit: "spanga-tensta-ekonomiskt-bistand"), requestId: "t", channel: "test")
            #expect(try await refused(.init(period: "2026", area: "rinkeby-kista"), by: elin).first?.contains("inte Rinkeby-Kista") == true)
            #expect(try await refused(.init(period: "2026", breakdown: "district"), by: elin).first?.contains("andra nämnders") == true)
            let own = try await s.followUp(.init(period: "2026-K1", area: "spanga-tensta"), by: elin)
            #expect(own.areaName == "Spånga-Tensta stadsdelsnämnd")
            // A Jobbtorg manager sees Jobbtorg's records by district, but no district's aid figures below the city total.
            let johan = Actor(user: try await Fixtures.user(database, "johan", role: .unitManager, unit: "jobbtorg-kista"), requestId: "t", channel: "test")
            let byDistrict = try await s.followUp(.init(period: "2026-K1", breakdown: "district"), by: johan)
            #expect(byDistrict.reports.first { $0.definition.id == "jobbtorg.closed" }?.groups.isEmpty == false)
            #expect(byDistrict.reports.first { $0.definition.id == "district.adults_with_aid" }?.groups.isEmpty == true)
            #expect(byDistrict.notBrokenDown.contains("district.adults_with_aid"))
            // A coach sees no figures.
            let carl = Actor(user: try await Fixtures.user(database, "carl", role: .coach, unit: "jobbtorg-kista"), requestId: "t", channel: "test")
            await #expect(throws: DomainError.self) { _ = try await s.followUp(.init(), by: carl) }
        }
    }
}
