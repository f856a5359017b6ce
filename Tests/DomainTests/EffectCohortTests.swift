import Foundation
import SamsynDomain
import Testing

/// The rules that turn stored facts into participants and candidates, on facts written out by hand.
@Suite("Effect cohort: who is compared, with what, from when")
struct EffectCohortTests {
    static let man = MeasuredPerson(gender: .men, birthDate: LocalDate("1990-06-15")!)
    static let woman = MeasuredPerson(gender: .women, birthDate: LocalDate("2001-03-01")!)

    @Test("Need category, education and Swedish count only when known before the start; a later value is not used")
    func knownBefore() {
        let facts = EffectFacts(
            persons: ["a": Self.man, "b": Self.woman],
            episodes: [.init(personId: "a", unitId: "jobbtorg-kista", start: LocalDate("2026-03-10")!)],
            places: [
                .init(personId: "a", unitId: "jobbtorg-kista", districtId: "spanga-tensta", from: LocalDate("2026-01-10")!, to: nil),
                .init(personId: "b", unitId: "jobbtorg-kista", districtId: "spanga-tensta", from: LocalDate("2025-12-01")!, to: nil),
            ],
            needCategories: [
                .init(personId: "a", on: LocalDate("2026-02-01")!, value: "A"), .init(personId: "a", on: LocalDate("2026-03-10")!, value: "B"),
                .init(personId: "b", on: LocalDate("2026-03-02")!, value: "C"),
            ],
            education: [.init(personId: "a", on: LocalDate("2026-03-09")!, value: "gymnasium")],
            swedish: [.init(personId: "b", on: LocalDate("2026-02-28")!, value: "4 av 5")])
        let c = EffectCohort(facts, from: LocalDate("2026-03-01")!, to: LocalDate("2026-03-31")!, asOf: LocalDate("2026-12-02")!)
        #expect(c.participants.count == 1 && c.candidates.count == 1)
        let a = c.participants[0].covariates
        // Decided on the start day: not known before it; the one from February is.
        #expect(a.needCategory == "A" && a.educationLevel == "gymnasium" && a.swedish == nil)
        #expect(a.ageBand == "30–39 år" && a.legalGender == "Män" && a.aidMonthsLast12 == 0)
        // The candidate's index is the month's first day: the need decided on 03-02 is after it.
        let b = c.candidates[0].covariates
        #expect(b.needCategory == nil && b.swedish == "4 av 5" && b.ageBand == "18–24 år")
    }

    @Test("A move censors both outcomes at the move; work after the move does not count; no aid in the start month's next month is leaving at 1")
    func censoring() {
        let start = LocalDate("2026-01-15")!
        let facts = EffectFacts(
            persons: ["a": Self.man],
            episodes: [.init(personId: "a", unitId: "u", start: start)],
            places: [.init(personId: "a", unitId: "u", districtId: "d", from: LocalDate("2025-06-01")!, to: LocalDate("2026-04-30")!)],
            exits: [.init(personId: "a", on: LocalDate("2026-04-30")!, kind: .moved), .init(personId: "a", on: LocalDate("2026-05-20")!, kind: .workOrStudies)],
            aidMonths: ["a": ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04"]])
        let c = EffectCohort(facts, from: LocalDate("2026-01-01")!, to: LocalDate("2026-01-31")!, asOf: LocalDate("2026-12-02")!)
        let u = c.participants[0]
        #expect(u.leavingAid == EffectTime(months: 3, reached: false))
        #expect(u.workOrStudies == EffectTime(months: Double(start.days(until: LocalDate("2026-04-30")!)) / EffectCohort.daysPerMonth, reached: false))
        #expect(u.selfSupporting6 == nil && u.covariates.aidMonthsLast12 == 1 && u.covariates.aidMonthsLast36 == 1)

        var left = facts
        left.exits = []
        left.aidMonths = ["a": ["2026-01"]]
        let l = EffectCohort(left, from: LocalDate("2026-01-01")!, to: LocalDate("2026-01-31")!, asOf: LocalDate("2026-12-02")!).participants[0]
        #expect(l.leavingAid == EffectTime(months: 1, reached: true) && l.selfSupporting6 == true && l.selfSupporting12 == nil)
    }
}
