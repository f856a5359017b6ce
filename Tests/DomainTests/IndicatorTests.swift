import Foundation
import SamsynDomain
import Testing

@Suite("Indicator definitions, periods and the published figures")
struct IndicatorTests {
    @Test("The shipped indicators load and name known fields and breakdowns")
    func shipped() throws {
        let set = try IndicatorCatalog.load(files: IndicatorCatalog.bundledFiles())
        let ids = Set(set.indicators.map(\.id))
        for id in [
            "jobbtorg.enrolled", "jobbtorg.closed", "jobbtorg.closed_to_work_or_studies", "jobbtorg.closed_to_work_or_studies_within_3_months",
            "jobbtorg.not_returned_6_months", "jobbtorg.not_returned_12_months", "district.adults_with_aid", "district.long_term_aid",
        ] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(set.indicator("jobbtorg.not_returned_6_months")?.target(year: 2026) == 70)
    }

    func file(_ indicator: String) -> Data {
        Data(
            """
            {"id": "stadens-egna", "version": 7, "title": "Egna", "indicators": [\(indicator)]}
            """.utf8)
    }

    @Test("A definition naming an unknown field, breakdown or population is refused with the file and the fault")
    func refused() {
        func fault(_ json: String) -> String {
            do {
                _ = try IndicatorCatalog.decode(file: "egna/indikatorer.json", data: file(json))
                return ""
            } catch { return error.description }
        }
        let base = #""id": "egen.avslutade", "name": "Avslutade", "definition": "Antal avslutade.", "population": "jobbtorg.closures""#
        #expect(
            fault(#"{\#(base), "measure": {"kind": "count", "count": "to_work"}, "breakdowns": []}"#)
                == #"indicators egna/indikatorer.json, indicator "egen.avslutade": unknown field "to_work" for jobbtorg.closures (known: all, work_or_studies, work_or_studies_within_3_months, followed_6_months, not_returned_6_months, followed_12_months, not_returned_12_months, returned_to_district)"#)
        #expect(fault(#"{\#(base), "measure": {"kind": "count", "count": "all"}, "breakdowns": ["country_of_birth"]}"#).contains(#"unknown breakdown "country_of_birth""#))
        #expect(
            fault(#"{"id": "egen.x", "name": "X", "definition": "X.", "population": "district.aid_recipients", "measure": {"kind": "count", "count": "all"}, "breakdowns": ["jobbtorg_unit"]}"#)
                .contains(#"breakdown "jobbtorg_unit" does not apply to district.aid_recipients"#))
        #expect(fault(#"{"id": "egen.x", "name": "X", "definition": "X.", "population": "jobbtorg.meetings", "measure": {"kind": "count", "count": "all"}, "breakdowns": []}"#).contains(#"unknown population "jobbtorg.meetings""#))
        #expect(fault(#"{\#(base), "measure": {"kind": "mean", "count": "all"}, "breakdowns": []}"#).contains("measure kind \"mean\" is not count, share or median"))
        #expect(fault(#"{\#(base), "measure": {"kind": "share", "numerator": "work_or_studies", "denominator": "all"}, "breakdowns": [], "targets": {"2026": 140}}"#).contains("0–100"))
        #expect(fault(#"{\#(base), "measure": {"kind": "count", "count": "all"}, "breakdowns": ["gender"]}"#) == "")
        // Two files of one version.
        do {
            _ = try IndicatorCatalog.load(files: [
                ("a.json", file(#"{\#(base), "measure": {"kind": "count", "count": "all"}, "breakdowns": []}"#)),
                ("b.json", file(#"{\#(base), "measure": {"kind": "count", "count": "all"}, "breakdowns": []}"#)),
            ])
            Issue.record("two files of version 7 were accepted")
        } catch { #expect(error.description == "indicators b.json: version 7 is also defined in a.json") }
    }

    @Test("Periods: months, quarters, years and ranges; 2026-13 and a reversed range are refused in Swedish")
    func periods() {
        func p(_ s: String, _ f: String = "", _ t: String = "") -> MeasurementPeriod? { try? MeasurementPeriod.parse(s, from: f, to: t).get() }
        #expect(p("2026-03") == .month(year: 2026, month: 3))
        #expect(p("2026-K1") == .quarter(year: 2026, quarter: 1) && p("2026-q4") == .quarter(year: 2026, quarter: 4))
        #expect(p("2025") == .year(2025))
        #expect(p("range", "2026-01-15", "2026-02-14") == .range(from: LocalDate("2026-01-15")!, to: LocalDate("2026-02-14")!))
        #expect(p("2026-13") == nil && p("2026-K5") == nil && p("26-03") == nil && p("range", "2026-03-01", "2026-02-01") == nil && p("range", "2026-02-30", "2026-03-01") == nil)
        if case .failure(let e) = MeasurementPeriod.parse("2026-13") { #expect(e.message == "Månaden ”2026-13” finns inte: månaderna är 01–12.") }
        if case .failure(let e) = MeasurementPeriod.parse("range", from: "2026-03-01", to: "2026-02-01") { #expect(e.field == "to" && e.message.contains("slutar")) }
        #expect(MeasurementPeriod.quarter(year: 2026, quarter: 1).end == LocalDate("2026-03-31"))
        #expect(MeasurementPeriod.quarter(year: 2026, quarter: 1).previous == .quarter(year: 2025, quarter: 4))
        #expect(MeasurementPeriod.month(year: 2026, month: 1).previous == .month(year: 2025, month: 12))
        #expect(MeasurementPeriod.range(from: LocalDate("2026-01-11")!, to: LocalDate("2026-01-20")!).previous == .range(from: LocalDate("2026-01-01")!, to: LocalDate("2026-01-10")!))
        #expect(MeasurementPeriod.year(2026).wholeMonths?.count == 12 && MeasurementPeriod.range(from: LocalDate("2026-01-11")!, to: LocalDate("2026-01-20")!).wholeMonths == nil)
    }

    @Test("Gender and age from the personnummer: the second-to-last digit, the age on the period's last day")
    func person() throws {
        let man = try #require(MeasuredPerson(identityDigits: "196005010011"))
        #expect(man.gender == .men && man.age(on: LocalDate("2026-03-31")!) == 65 && man.age(on: LocalDate("2026-05-01")!) == 66)
        let woman = try #require(MeasuredPerson(identityDigits: "198504720022"))  // samordningsnummer: day 72 = 12
        #expect(woman.gender == .women && woman.birthDate == LocalDate("1985-04-12"))
        #expect(IndicatorAgeBand(age: 24) == .b18to24 && IndicatorAgeBand(age: 25) == .b25to29 && IndicatorAgeBand(age: 64) == .b50to64 && IndicatorAgeBand(age: 65) == .over65)
    }

    static let closedDef = IndicatorDefinition(
        id: "jobbtorg.closed", name: "Avslutade", definition: "Antal.", population: "jobbtorg.closures", measure: .count("all"), breakdowns: ["gender", "district"])

    static func closure(_ g: LegalGender, _ district: String, _ closed: String, work: Bool = false) -> JobbtorgFact {
        JobbtorgFact(
            enrolmentId: UUID(), person: MeasuredPerson(gender: g, birthDate: LocalDate("1990-01-01")!), districtCommitteeId: district, unitId: "jobbtorg-kista",
            enrolledOn: LocalDate("2025-01-01")!, closedOn: LocalDate(closed)!, reason: work ? .work : .moved, workOrStudies: work, checkReturned: false, aidMonths: [])
    }

    static let labels = MeasurementLabels(districts: [("a", "A"), ("b", "B"), ("c", "C")], jobbtorgUnits: [("jobbtorg-kista", "Jobbtorg Kista")])

    @Test("A small group is '<5', and a second group is withheld so that the total cannot give it away")
    func secondary() {
        // Year 2026: district a 2, b 10, c 12 (total 24) in one month each.
        var facts = MeasurementFacts()
        facts.jobbtorg = (0..<2).map { _ in Self.closure(.women, "a", "2026-03-10") } + (0..<10).map { _ in Self.closure(.men, "b", "2026-05-10") }
            + (0..<12).map { _ in Self.closure(.women, "c", "2026-07-10") }
        let r = IndicatorReport.build(
            Self.closedDef, facts: facts, period: .year(2026), breakdown: .district, area: nil, asOf: LocalDate("2026-12-02")!, labels: Self.labels)
        #expect(r.current.text == "24")
        #expect(r.groups.map(\.figure.text) == ["<5", "–", "12"] || r.groups.map(\.figure.text) == ["<5", "10", "–"])
        // March's 2 in the series is small; a second month is withheld so that 24 minus the shown months does not give it.
        let shown = r.series.filter { $0.month.year == 2026 }.compactMap { $0.figure.numerator.value }
        #expect(r.series.first { $0.month == LocalDate("2026-03-01") }?.figure.text == "<5")
        #expect(shown.reduce(0, +) < 22)
    }

    @Test("A share is withheld when its numerator or the rest of its denominator is small; zeros are shown")
    func shares() {
        let def = IndicatorDefinition(
            id: "jobbtorg.closed_to_work_or_studies", name: "Till arbete", definition: "Andel.", population: "jobbtorg.closures",
            measure: .share(numerator: "work_or_studies", denominator: "all"), breakdowns: ["gender"])
        var facts = MeasurementFacts()
        // 20 women, 18 to work (2 did not: small rest); 10 men, 5 to work.
        facts.jobbtorg = (0..<18).map { _ in Self.closure(.women, "a", "2026-03-10", work: true) } + (0..<2).map { _ in Self.closure(.women, "a", "2026-03-11") }
            + (0..<5).map { _ in Self.closure(.men, "a", "2026-03-12", work: true) } + (0..<5).map { _ in Self.closure(.men, "a", "2026-03-13") }
        let r = IndicatorReport.build(def, facts: facts, period: .month(year: 2026, month: 3), breakdown: .gender, area: nil, asOf: LocalDate("2026-12-02")!, labels: Self.labels)
        // Women: 2 who did not is small → withheld; men then too (the total's rest minus men's would give it).
        #expect(r.groups[0].figure.value == nil && r.groups[1].figure.value == nil)
        #expect(r.current.text == "76,7 %")
        let empty = IndicatorReport.build(def, facts: MeasurementFacts(), period: .month(year: 2026, month: 3), breakdown: nil, area: nil, asOf: LocalDate("2026-12-02")!, labels: Self.labels)
        #expect(empty.current.numerator == .shown(0) && empty.current.value == nil && empty.current.status == "Inga i underlaget")
    }
}
