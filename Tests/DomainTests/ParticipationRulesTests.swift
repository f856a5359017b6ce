import Foundation
import Testing

@testable import SamsynDomain

@Suite("Dates, episodes, work-ability records and queue figures")
struct ParticipationRulesTests {
    func d(_ s: String) -> LocalDate { LocalDate(s)! }

    @Test("Dates are read strictly as YYYY-MM-DD and count days across months and leap years")
    func dates() {
        #expect(LocalDate("2028-02-29") != nil)
        #expect(LocalDate("2027-02-29") == nil)
        #expect(LocalDate("2026-13-01") == nil)
        #expect(LocalDate("2026-1-05") == nil)
        #expect(LocalDate("20261105") == nil)
        #expect(LocalDate("２０２６-11-05") == nil)  // full-width digits
        #expect(LocalDate(" 2026-11-05 ")?.description == "2026-11-05")
        #expect(d("2026-12-31").adding(days: 1) == d("2027-01-01"))
        #expect(d("2028-02-28").adding(days: 1) == d("2028-02-29"))
        #expect(d("2026-03-01").adding(days: -1) == d("2026-02-28"))
        #expect(d("2026-01-01").days(until: d("2027-01-01")) == 365)
        #expect(LocalDate(dayNumber: d("2026-11-18").dayNumber) == d("2026-11-18"))
        #expect(d("2026-11-18").isoWeekday == 3)  // a Wednesday
        #expect(d("2026-11-22").isoWeekday == 7)
        #expect(d("2026-11-18").swedishLong == "18 november 2026")
        #expect(d("2026-11-18") < d("2026-11-19"))
    }

    func episode(start: String, end: String? = nil, intervention: String = "halsa") -> Episode {
        Episode(
            id: UUID(), interventionId: intervention, personId: UUID(), committeeId: "c", unitId: "u", queueEntryId: nil, start: d(start),
            plannedEnd: nil, actualEnd: end.map(d), outcome: end == nil ? nil : .completed, subGoal: nil, createdAt: Date())
    }

    @Test("Starting: a start within a year, a planned end not before it, a sub-goal of sensible length")
    func startRules() {
        let today = d("2026-11-18")
        #expect(EpisodeRules.validateStart(start: d("2026-11-18"), plannedEnd: d("2027-02-01"), subGoal: "Mål", today: today).isEmpty)
        #expect(EpisodeRules.validateStart(start: nil, plannedEnd: nil, subGoal: nil, today: today).map(\.field) == ["start"])
        #expect(EpisodeRules.validateStart(start: d("2026-11-18"), plannedEnd: d("2026-11-17"), subGoal: nil, today: today).map(\.field) == ["plannedEnd"])
        #expect(EpisodeRules.validateStart(start: d("2028-01-01"), plannedEnd: nil, subGoal: nil, today: today).map(\.field) == ["start"])
        #expect(
            EpisodeRules.validateStart(start: d("2026-11-18"), plannedEnd: nil, subGoal: String(repeating: "x", count: 501), today: today).map(\.field)
                == ["subGoal"])
    }

    @Test("Ending: not before the start, not in the future, an outcome, and a reason when interrupted")
    func endRules() {
        let today = d("2026-11-18")
        let e = episode(start: "2026-10-01")
        #expect(EpisodeRules.validateEnd(e, actualEnd: d("2026-11-18"), outcome: .work, reason: nil, today: today).isEmpty)
        #expect(EpisodeRules.validateEnd(e, actualEnd: d("2026-10-01"), outcome: .completed, reason: nil, today: today).isEmpty)
        #expect(EpisodeRules.validateEnd(e, actualEnd: d("2026-09-30"), outcome: .completed, reason: nil, today: today).map(\.field) == ["actualEnd"])
        #expect(EpisodeRules.validateEnd(e, actualEnd: d("2026-11-19"), outcome: .completed, reason: nil, today: today).map(\.field) == ["actualEnd"])
        #expect(EpisodeRules.validateEnd(e, actualEnd: d("2026-11-01"), outcome: nil, reason: nil, today: today).map(\.field) == ["outcome"])
        #expect(
            EpisodeRules.validateEnd(e, actualEnd: d("2026-11-01"), outcome: .interrupted, reason: "  ", today: today).map(\.field) == ["interruptionReason"])
        #expect(EpisodeRules.validateEnd(e, actualEnd: d("2026-11-01"), outcome: .interrupted, reason: "Flyttade", today: today).isEmpty)
    }

    @Test("Overlap: an open episode runs on; ended ones cover their days, both ends included")
    func overlap() {
        let open = episode(start: "2026-09-01")
        let closed = episode(start: "2026-05-01", end: "2026-06-30")
        let other = episode(start: "2026-01-01", intervention: "annan")
        let all = [open, closed, other]
        func candidate(_ a: String, _ b: String? = nil) -> ClosedRange<Int> { d(a).dayNumber...(b.map { d($0).dayNumber } ?? Int.max / 2) }
        #expect(EpisodeRules.overlapping(candidate("2027-01-01"), interventionId: "halsa", among: all)?.id == open.id)
        #expect(EpisodeRules.overlapping(candidate("2026-06-30", "2026-07-10"), interventionId: "halsa", among: all)?.id == closed.id)
        #expect(EpisodeRules.overlapping(candidate("2026-07-01", "2026-08-31"), interventionId: "halsa", among: all) == nil)
        #expect(EpisodeRules.overlapping(candidate("2026-04-01", "2026-04-30"), interventionId: "halsa", among: all) == nil)
        #expect(EpisodeRules.overlapping(candidate("2027-01-01"), interventionId: "halsa", among: all, excluding: open.id) == nil)
        #expect(EpisodeRules.overlapping(candidate("2026-01-01"), interventionId: "annan", among: all)?.id == other.id)
    }

    @Test("A placement lies within the testing; hours are whole numbers 1–40")
    func placements() {
        let testing = episode(start: "2026-09-01", end: "2026-11-01", intervention: "provning")
        func check(_ start: String?, _ end: String?, hours: String = "") -> [String] {
            WorkPlacement.validate(
                workplace: "Café", tasks: "Disk", start: start.flatMap { LocalDate($0) }, end: end.flatMap { LocalDate($0) }, hoursPerWeek: Int(hours),
                hoursText: hours, observations: "", episode: testing
            ).map(\.field)
        }
        #expect(check("2026-09-01", "2026-10-01", hours: "12").isEmpty)
        #expect(check("2026-08-31", nil) == ["start"])
        #expect(check("2026-09-10", "2026-09-09") == ["end"])
        #expect(check("2026-09-10", "2026-11-02") == ["end"])
        #expect(check(nil, nil) == ["start"])
        #expect(check("2026-09-10", nil, hours: "41") == ["hoursPerWeek"])
        #expect(check("2026-09-10", nil, hours: "tolv") == ["hoursPerWeek"])
        #expect(WorkPlacement.validate(workplace: " ", tasks: "", start: d("2026-09-10"), end: nil, hoursPerWeek: nil, hoursText: "", observations: "", episode: testing)
            .map(\.field) == ["workplace", "tasks"])
    }

    @Test("Instrument ratings are on the instrument's scale, for its own items; 'other' needs a name and a result")
    func instruments() {
        let testing = episode(start: "2026-09-01", intervention: "provning")
        let today = d("2026-11-18")
        let ok = WorkAbilityAssessment.validate(
            instrument: "wri", otherName: nil, assessedOn: d("2026-10-01"), assessor: "Lena", ratings: ["values": "4", "habits": "1", "roles": ""],
            summary: "Bra", episode: testing, today: today)
        #expect(ok.errors.isEmpty)
        #expect(ok.ratings == ["values": 4, "habits": 1])
        let bad = WorkAbilityAssessment.validate(
            instrument: "wri", otherName: nil, assessedOn: d("2026-08-01"), assessor: "", ratings: ["values": "5", "nonsense": "2"], summary: "",
            episode: testing, today: today)
        #expect(Set(bad.errors.map(\.field)).isSuperset(of: ["assessedOn", "assessor", "rating.values"]))
        let other = WorkAbilityAssessment.validate(
            instrument: "other", otherName: nil, assessedOn: d("2026-10-01"), assessor: "Lena", ratings: [:], summary: "", episode: testing, today: today)
        #expect(Set(other.errors.map(\.field)).isSuperset(of: ["otherName", "summary"]))
        #expect(WorkAbilityInstrument.awp.items.count == 14)
        #expect(Set(WorkAbilityInstrument.awp.items.map(\.key)).count == 14)
    }

    @Test("The conclusion describes abilities; words of an incapacity verdict are refused")
    func conclusion() {
        #expect(WorkAbilityConclusion.validate(abilities: "Klarar sortering.", adaptations: "Korta pass.", recommendation: "Supported Employment.").isEmpty)
        let verdict = WorkAbilityConclusion.validate(abilities: "Bedöms ARBETSOFÖRMÖGEN.", adaptations: "Korta pass.", recommendation: "Saknar arbetsförmåga helt.")
        #expect(verdict.map(\.field) == ["abilities", "recommendation"])
        #expect(WorkAbilityConclusion.validate(abilities: "", adaptations: "", recommendation: "").count == 3)
    }

    @Test("Figures: places taken, waiting and median waits per intervention and district")
    func figures() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let day = 86_400.0
        let i = Intervention(
            id: "r", providerId: "p", name: "R", type: .workTraining, targetGroup: "", description: "", typicalWeeks: 4, capacity: 10,
            allotments: ["bromma": 3])
        let rows = [
            QueueFigureRow(interventionId: "r", districtId: "bromma", status: .waiting, queuedAt: now - 10 * day, offeredAt: nil),
            QueueFigureRow(interventionId: "r", districtId: "bromma", status: .waiting, queuedAt: now - 20 * day, offeredAt: nil),
            QueueFigureRow(interventionId: "r", districtId: "bromma", status: .accepted, queuedAt: now - 50 * day, offeredAt: now - 30 * day),
            QueueFigureRow(interventionId: "r", districtId: "farsta", status: .offered, queuedAt: now - 9 * day, offeredAt: now - 1 * day),
            QueueFigureRow(interventionId: "r", districtId: "farsta", status: .ended, queuedAt: now - 400 * day, offeredAt: now - 380 * day),
            QueueFigureRow(interventionId: "r", districtId: "farsta", status: .withdrawn, queuedAt: now - 40 * day, offeredAt: nil),
        ]
        let out = QueueFigures.compute(interventions: [i], rows: rows, now: now)
        #expect(out.map(\.districtId) == [nil, "bromma", "farsta"])
        let total = out[0], bromma = out[1], farsta = out[2]
        #expect(total.placesTaken == 2)
        #expect(total.places == 10)
        #expect(total.waiting == 2)
        #expect(total.medianWaitingDays == 15)
        #expect(total.medianDaysToOffer == 14)  // 20 and 8 days; the offer 380 days ago is left out
        #expect(bromma.places == 3)
        #expect(bromma.placesTaken == 1)
        #expect(bromma.medianDaysToOffer == 20)
        #expect(farsta.places == nil)
        #expect(farsta.waiting == 0)
        #expect(farsta.medianWaitingDays == nil)
        #expect(QueueFigures.median([3, 1, 2]) == 2)
        #expect(QueueFigures.median([]) == nil)
    }
}
