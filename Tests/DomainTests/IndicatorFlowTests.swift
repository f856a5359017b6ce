import Foundation
import Testing

@testable import SamsynDomain

/// The indicators of issue 16 built on the flow's dates: the jobbplan, the referral's answer, the interventions.
/// Every expected figure is counted by hand from the facts written here.
@Suite("Indicators of the flow: jobbplan in five working days and its median, referrals answered in time, interventions")
struct IndicatorFlowTests {
    static let set: IndicatorSet = {
        let files = (try? IndicatorCatalog.bundledFiles()) ?? []
        return try! IndicatorCatalog.load(files: files)
    }()
    static let labels = MeasurementLabels(
        districts: [("a", "A"), ("b", "B")], jobbtorgUnits: [("jobbtorg-kista", "Jobbtorg Kista")],
        interventions: [("matchning", "Matchning"), ("coachning", "Jobbsökarcoachning")])
    static let asOf = LocalDate("2026-12-02")!
    static let woman = MeasuredPerson(gender: .women, birthDate: LocalDate("1990-01-01")!)
    static let man = MeasuredPerson(gender: .men, birthDate: LocalDate("1985-06-01")!)

    func report(_ id: String, _ facts: MeasurementFacts, period: MeasurementPeriod = .month(year: 2026, month: 3), breakdown: Breakdown? = nil) -> IndicatorReport {
        IndicatorReport.build(Self.set.indicator(id)!, facts: facts, period: period, breakdown: breakdown, area: nil, asOf: Self.asOf, labels: Self.labels)
    }

    static func enrolment(_ p: MeasuredPerson, _ on: String, plan: String?) -> JobbtorgFact {
        JobbtorgFact(
            enrolmentId: UUID(), person: p, districtCommitteeId: "a", unitId: "jobbtorg-kista", enrolledOn: LocalDate(on)!, closedOn: nil, reason: nil,
            workOrStudies: false, checkReturned: false, aidMonths: [], firstJobPlanOn: plan.map { LocalDate($0)! })
    }

    @Test("The shipped set is version 2 and holds the flow's indicators")
    func shipped() {
        #expect(Self.set.version == 2)
        for id in [
            "jobbtorg.first_jobplan_within_5_working_days", "jobbtorg.median_working_days_to_first_jobplan", "district.referrals_answered_in_5_working_days",
            "interventions.started", "interventions.median_waiting_days", "interventions.ended_in_work_or_studies", "jobbtorg.three_party_meetings_on_time",
            "district.current_plan_with_dated_subgoal", "jobbtorg.current_jobplan_with_dated_subgoal", "jobbtorg.attendance_reported_on_time",
        ] { #expect(Self.set.indicator(id) != nil, "\(id)") }
    }

    @Test("Jobbplan within five working days: the fifth working day counts, the sixth does not, one without a plan counts once five days have passed")
    func jobplan() {
        // Monday 2 March 2026: the fifth working day after it is Monday 9 March.
        var facts = MeasurementFacts()
        facts.jobbtorg =
            (0..<6).map { _ in Self.enrolment(Self.woman, "2026-03-02", plan: "2026-03-09") }  // day 5: in time (5 working days each)
            + (0..<4).map { _ in Self.enrolment(Self.man, "2026-03-02", plan: "2026-03-10") }  // day 6: late (6)
            + (0..<2).map { _ in Self.enrolment(Self.man, "2026-03-02", plan: nil) }  // none, and the five days are long past
            + (0..<3).map { _ in Self.enrolment(Self.woman, "2026-03-03", plan: "2026-03-04") }  // day 1 (1)
        let r = report("jobbtorg.first_jobplan_within_5_working_days", facts)
        #expect(r.current.numerator == .shown(9) && r.current.denominator == .shown(15))
        #expect(r.current.text == "60,0 %")
        // The median of 6×5, 4×6 and 3×1 working days (13 values, the 7th smallest): 3×1, 6×5 → 5.
        let m = report("jobbtorg.median_working_days_to_first_jobplan", facts)
        #expect(m.current.isMedian && m.current.numerator == .shown(13) && m.current.value == 5 && m.current.text == "5")
        // By gender: men 4×6 (4 values: fewer than 5, not shown); women's 9 values would give the men's count away
        // from the total's 13, so women's count, and with it their median, is withheld too.
        let g = report("jobbtorg.median_working_days_to_first_jobplan", facts, breakdown: .gender)
        #expect(g.groups.map(\.figure.text) == ["–", "<5"])
        #expect(g.current.text == "5")
        #expect(g.groups[1].figure.value == nil && g.groups[1].figure.status == "Färre än 5")
        // An enrolment yesterday with no plan yet is not counted: its five days have not passed.
        let recent = MeasurementFacts(jobbtorg: [Self.enrolment(Self.woman, "2026-12-01", plan: nil)])
        let d = report("jobbtorg.first_jobplan_within_5_working_days", recent, period: .month(year: 2026, month: 12))
        #expect(d.current.denominator == .shown(0) && d.current.status == "Inga i underlaget")
        // An even count takes the mean of the two middle values.
        #expect(RawFigure.median([1, 2, 3, 10]) == 2.5 && RawFigure.median([]) == nil)
        #expect(PublishedFigure(numerator: .shown(8), denominator: nil, threshold: 5, median: 2.5, isMedian: true).text == "2,5")
    }

    @Test("Referrals answered within five working days: answered on the fifth counts, on the sixth not, unanswered counts once due")
    func referrals() {
        func r(_ p: MeasuredPerson, _ district: String, _ sent: String, _ answered: String?) -> ReferralFact {
            ReferralFact(person: p, districtCommitteeId: district, toUnitId: "jobbtorg-kista", sentOn: LocalDate(sent)!, answeredOn: answered.map { LocalDate($0)! })
        }
        // Thursday 5 March 2026: the fifth working day after it is Thursday 12 March.
        var facts = MeasurementFacts()
        facts.referrals =
            (0..<7).map { _ in r(Self.woman, "a", "2026-03-05", "2026-03-12") } + (0..<5).map { _ in r(Self.man, "b", "2026-03-05", "2026-03-13") }
            + (0..<5).map { _ in r(Self.man, "a", "2026-03-05", nil) } + (0..<3).map { _ in r(Self.woman, "b", "2026-04-01", "2026-04-02") }
        let m = report("district.referrals_answered_in_5_working_days", facts)
        #expect(m.current.numerator == .shown(7) && m.current.denominator == .shown(17))
        let byDistrict = report("district.referrals_answered_in_5_working_days", facts, breakdown: .district)
        #expect(byDistrict.groups.map { $0.figure.numerator } == [.shown(7), .small] || byDistrict.groups.map { $0.figure.numerator } == [.shown(7), .shown(0)])
        // District b's 5 late ones: 0 in time of 5 → a zero numerator is shown, the share 0 %.
        #expect(byDistrict.groups[1].figure.text == "0,0 %")
        // Sent yesterday and not answered: not yet due, not counted.
        let fresh = MeasurementFacts(referrals: [r(Self.woman, "a", "2026-12-01", nil)])
        #expect(report("district.referrals_answered_in_5_working_days", fresh, period: .month(year: 2026, month: 12)).current.denominator == .shown(0))
    }

    @Test("Interventions: started per intervention, the median wait from the queue, the share of ended episodes in work or studies")
    func interventions() {
        func e(_ i: String, start: String, end: String?, _ outcome: Episode.Outcome?, wait: Int?) -> EpisodeFact {
            EpisodeFact(
                person: Self.woman, interventionId: i, committeeId: "arbetsmarknadsnamnden", unitId: "jobbtorg-kista", startOn: LocalDate(start)!,
                endOn: end.map { LocalDate($0)! }, outcome: outcome, waitingDays: wait)
        }
        var facts = MeasurementFacts()
        facts.episodes =
            (0..<6).map { _ in e("matchning", start: "2026-03-02", end: "2026-03-30", .work, wait: 10) }
            + (0..<4).map { _ in e("matchning", start: "2026-03-03", end: "2026-03-31", .completed, wait: 30) }
            + (0..<5).map { _ in e("coachning", start: "2026-03-04", end: "2026-04-20", .studies, wait: nil) }
            + (0..<5).map { _ in e("coachning", start: "2026-02-10", end: "2026-03-20", .interrupted, wait: 3) }
        let started = report("interventions.started", facts, breakdown: .intervention)
        #expect(started.current.text == "15")
        #expect(started.groups.map(\.group.key) == ["matchning", "coachning"] && started.groups.map(\.figure.text) == ["10", "5"])
        // Waits of the ten in March that came from a queue: 6×10 and 4×30 → the 5th and 6th are 10 → 10.
        let wait = report("interventions.median_waiting_days", facts, breakdown: .intervention)
        #expect(wait.current.value == 10 && wait.current.numerator == .shown(10))
        // Coachning's five started in March came from no queue: no values, no median.
        #expect(wait.groups[1].figure.numerator == .shown(0) && wait.groups[1].figure.text == "–")
        // Ended in March: 6 work + 4 completed (matchning) + 5 interrupted (coachning) = 15, of which 6 in work or studies.
        let ended = report("interventions.ended_in_work_or_studies", facts)
        #expect(ended.current.numerator == .shown(6) && ended.current.denominator == .shown(15))
    }

    @Test("A median of a value the population does not have is refused at start, naming the file")
    func badMedian() {
        let json = #"{"id": "egna", "version": 9, "title": "T", "indicators": [{"id": "x.y", "name": "N", "definition": "D", "population": "jobbtorg.closures", "measure": {"kind": "median", "value": "waiting_days"}, "breakdowns": []}]}"#
        do {
            _ = try IndicatorCatalog.decode(file: "egna.json", data: Data(json.utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("egna.json") && error.description.contains("unknown value \"waiting_days\" for a median of jobbtorg.closures"))
        }
    }

    @Test("A district manager sees the interventions' figures for the city, never broken down by another committee's interventions")
    func viewer() {
        let district = MeasurementViewer(city: false, committeeId: "a", jobbtorg: false)
        #expect(district.maySee(.episodesStarted, area: nil, breakdown: nil))
        #expect(!district.maySee(.episodesStarted, area: nil, breakdown: .intervention))
        #expect(MeasurementViewer(city: false, committeeId: "arbetsmarknadsnamnden", jobbtorg: true).maySee(.episodesStarted, area: nil, breakdown: .intervention))
        #expect(district.maySee(.referrals, area: "a", breakdown: .jobbtorgUnit) == false)
        #expect(district.maySee(.referrals, area: "a", breakdown: .gender))
    }

    @Test("Three-party meetings owed: three months after the enrolment, then after the meeting held; late and missed ones counted, none after the closure")
    func threeParty() {
        let d = { (s: String) in LocalDate(s)! }
        // Enrolled 15 Jan: due 15 Apr, held 10 Apr (in time) → due 10 Jul, held 20 Jul (late) → due 20 Oct, none held → missed;
        // next due 20 Jan 2027 is after asOf.
        let dues = MeetingRules.threePartyDues(enrolledOn: d("2026-01-15"), closedOn: nil, held: [d("2026-04-10"), d("2026-07-20")], asOf: Self.asOf)
        #expect(dues.map(\.due) == [d("2026-04-15"), d("2026-07-10"), d("2026-10-20")])
        #expect(dues.map(\.onTime) == [true, false, false])
        // Closed 1 Apr, before the first due date: nothing was owed. A meeting on the due date itself is in time.
        #expect(MeetingRules.threePartyDues(enrolledOn: d("2026-01-15"), closedOn: d("2026-04-01"), held: [], asOf: Self.asOf).isEmpty)
        #expect(MeetingRules.threePartyDues(enrolledOn: d("2026-01-15"), closedOn: d("2026-05-01"), held: [d("2026-04-15")], asOf: Self.asOf).map(\.onTime) == [true])
        // A meeting booked after asOf is not held yet.
        #expect(MeetingRules.threePartyDues(enrolledOn: d("2026-08-01"), closedOn: nil, held: [d("2026-12-20")], asOf: Self.asOf).map(\.onTime) == [false])
        // The indicator places each owed meeting by its due date: 12 enrolments like the first, 7 of them with the meetings, 5 with none.
        var facts = MeasurementFacts()
        func e(_ held: [LocalDate]) -> JobbtorgFact {
            JobbtorgFact(
                enrolmentId: UUID(), person: Self.woman, districtCommitteeId: "a", unitId: "jobbtorg-kista", enrolledOn: d("2026-01-15"), closedOn: nil, reason: nil,
                workOrStudies: false, checkReturned: false, aidMonths: [], threePartyMeetings: held)
        }
        facts.jobbtorg = (0..<7).map { _ in e([d("2026-04-10"), d("2026-07-20")]) } + (0..<5).map { _ in e([]) }
        // April: 7 in time of 12 (the five without meetings missed 15 Apr).
        let april = report("jobbtorg.three_party_meetings_on_time", facts, period: .month(year: 2026, month: 4))
        #expect(april.current.numerator == .shown(7) && april.current.denominator == .shown(12))
        // The year: April 7/12; July: the seven late (due 10 Jul), the five missed again (due 15 Jul); October: 7 + 5 missed → 7 of 36.
        let year = report("jobbtorg.three_party_meetings_on_time", facts, period: .year(2026))
        #expect(year.current.numerator == .shown(7) && year.current.denominator == .shown(36))
    }

    @Test("Current plan with a goal and a dated sub-goal: the cases open on the period's last day, the plan as it stood that day")
    func currentPlan() {
        let d = { (s: String) in LocalDate(s)! }
        func c(_ opened: String, _ closed: String?, _ versions: [(String, Bool)]) -> DistrictCaseFact {
            DistrictCaseFact(
                person: Self.man, committeeId: "a", openedOn: d(opened), closedOn: closed.map(d),
                workPlanVersions: versions.map { PlanVersionFact(savedOn: d($0.0), goalAndDatedSubGoal: $0.1) })
        }
        var facts = MeasurementFacts()
        facts.cases =
            (0..<6).map { _ in c("2026-01-10", nil, [("2026-02-01", true)]) }  // a plan since February
            + (0..<5).map { _ in c("2026-01-10", nil, [("2026-04-02", true)]) }  // a plan only after March
            + (0..<5).map { _ in c("2026-01-10", nil, [("2026-02-01", true), ("2026-03-15", false)]) }  // its March version lost the sub-goals
            + (0..<7).map { _ in c("2026-01-10", "2026-03-31", [("2026-02-01", true)]) }  // closed on the last day: not open
        let march = report("district.current_plan_with_dated_subgoal", facts)
        #expect(march.current.numerator == .shown(6) && march.current.denominator == .shown(16))
        // April: the second group has its plan; the closed ones are gone.
        let april = report("district.current_plan_with_dated_subgoal", facts, period: .month(year: 2026, month: 4))
        #expect(april.current.numerator == .shown(11) && april.current.denominator == .shown(16))
        // A stock is not a sum over months: the quarter is the state on 31 March, not the months added.
        let q1 = report("district.current_plan_with_dated_subgoal", facts, period: .quarter(year: 2026, quarter: 1))
        #expect(q1.current.denominator == .shown(16))
        // Jobbtorg's jobbplans the same way.
        var j = MeasurementFacts()
        j.jobbtorg = (0..<5).map { _ in
            JobbtorgFact(
                enrolmentId: UUID(), person: Self.woman, districtCommitteeId: "a", unitId: "jobbtorg-kista", enrolledOn: d("2026-02-01"), closedOn: nil, reason: nil,
                workOrStudies: false, checkReturned: false, aidMonths: [], jobPlanVersions: [PlanVersionFact(savedOn: d("2026-02-03"), goalAndDatedSubGoal: true)])
        } + (0..<5).map { _ in
            JobbtorgFact(
                enrolmentId: UUID(), person: Self.woman, districtCommitteeId: "a", unitId: "jobbtorg-kista", enrolledOn: d("2026-02-01"), closedOn: nil, reason: nil,
                workOrStudies: false, checkReturned: false, aidMonths: [])
        }
        let jp = report("jobbtorg.current_jobplan_with_dated_subgoal", j)
        #expect(jp.current.numerator == .shown(5) && jp.current.denominator == .shown(10) && jp.current.text == "50,0 %")
    }

    @Test("Attendance reported in time: each month an enrolment was active, due on the fifth working day of the next; unreported months late")
    func attendance() {
        let d = { (s: String) in LocalDate(s)! }
        // March 2026's report is due on the fifth working day of April: Thursday 9 April (Good Friday 3 April and
        // Easter Monday 6 April are holidays).
        #expect(AttendanceRules.reportDue(monthOf: d("2026-03-01")) == d("2026-04-09"))
        func e(_ reported: [String: String], closed: String? = nil) -> JobbtorgFact {
            JobbtorgFact(
                enrolmentId: UUID(), person: Self.man, districtCommitteeId: "a", unitId: "jobbtorg-kista", enrolledOn: d("2026-02-16"), closedOn: closed.map(d), reason: nil,
                workOrStudies: false, checkReturned: false, aidMonths: [], attendanceReported: reported.mapValues(d))
        }
        var facts = MeasurementFacts()
        facts.jobbtorg =
            (0..<6).map { _ in e(["2026-02": "2026-03-05", "2026-03": "2026-04-09"]) }  // both on the due day
            + (0..<5).map { _ in e(["2026-02": "2026-03-06", "2026-03": "2026-04-10"]) }  // a day late (Feb due 6 Mar: in time; Mar late)
            + (0..<5).map { _ in e([:], closed: "2026-02-27") }  // closed in February, never reported
        // March: 11 months owed (the closed ones owe none), 6 in time.
        let march = report("jobbtorg.attendance_reported_on_time", facts)
        #expect(march.current.numerator == .shown(6) && march.current.denominator == .shown(11))
        // February: all 16 owed; Feb's report is due Friday 6 March, so 11 in time, the 5 closed never reported.
        let feb = report("jobbtorg.attendance_reported_on_time", facts, period: .month(year: 2026, month: 2))
        #expect(feb.current.numerator == .shown(11) && feb.current.denominator == .shown(16))
        // The current month's report is not due yet: not owed.
        let now = MeasurementFacts(jobbtorg: [e([:])])
        #expect(report("jobbtorg.attendance_reported_on_time", now, period: .month(year: 2026, month: 12)).current.denominator == .shown(0))
    }
}
