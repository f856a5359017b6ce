import Foundation
import Testing

@testable import SamsynDomain

/// A small seeded generator, so the property tests are random but reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The Swedish calendar written out independently of `WorkingDayCalendar`: Easter from the almanac, the
/// other days from the law (Lag 1989:253) and the de facto holidays midsommarafton, julafton and nyårsafton.
private enum Almanac {
    /// Påskdagen 2020–2040, from the almanac (checked against dateutil's Easter).
    static let easter: [Int: String] = [
        2020: "2020-04-12", 2021: "2021-04-04", 2022: "2022-04-17", 2023: "2023-04-09", 2024: "2024-03-31", 2025: "2025-04-20",
        2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16", 2029: "2029-04-01", 2030: "2030-04-21", 2031: "2031-04-13",
        2032: "2032-03-28", 2033: "2033-04-17", 2034: "2034-04-09", 2035: "2035-03-25", 2036: "2036-04-13", 2037: "2037-04-05",
        2038: "2038-04-25", 2039: "2039-04-10", 2040: "2040-04-01",
    ]

    /// Working days per year (Monday–Friday minus the days off below), counted separately by a Python script.
    static let workingDaysPerYear: [Int: Int] = [
        2020: 252, 2021: 253, 2022: 253, 2023: 251, 2024: 251, 2025: 249, 2026: 251, 2027: 253, 2028: 251, 2029: 250, 2030: 250,
        2031: 249, 2032: 254, 2033: 253, 2034: 251, 2035: 250, 2036: 251, 2037: 251, 2038: 253, 2039: 253, 2040: 250,
    ]

    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    /// Midsommarafton: the Friday from 19 to 25 June.
    static func midsummerEve(_ y: Int) -> LocalDate { (19...25).map { date(y, 6, $0) }.first { $0.isoWeekday == 5 }! }

    /// Days off that can fall on a weekday (the Sunday and Saturday holidays never take a working day).
    static func daysOff(_ y: Int) -> Set<LocalDate> {
        let e = LocalDate(easter[y]!)!
        return [
            date(y, 1, 1), date(y, 1, 6), date(y, 5, 1), date(y, 6, 6), date(y, 12, 24), date(y, 12, 25), date(y, 12, 26), date(y, 12, 31),
            e.adding(days: -2), e.adding(days: 1), e.adding(days: 39), midsummerEve(y),
        ]
    }

    static let daysOffByYear: [Int: Set<LocalDate>] = Dictionary(uniqueKeysWithValues: (2020...2040).map { ($0, daysOff($0)) })

    static func isWorkingDay(_ d: LocalDate) -> Bool { d.isoWeekday <= 5 && !daysOffByYear[d.year]!.contains(d) }

    static func adding(_ n: Int, to start: LocalDate) -> LocalDate {
        var d = start
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }
}

@Suite("Case flow: working days, deadlines, tasks, plans, consents and closures")
struct CaseFlowRulesTests {
    func d(_ s: String) -> LocalDate { LocalDate(s)! }

    // Fixed parties of the hand-made cases.
    let person = UUID()
    let coach = UUID()
    let secretary = UUID()
    let amn = "amn"  // the labour-market committee (Jobbtorg)
    let jobbtorgUnit = "jobbtorg-city"
    let district = "sdf-norr"
    let districtUnit = "sdf-norr-eb"

    func enrolment(_ on: String, status: Enrolment.Status = .active, closedOn: String? = nil) -> Enrolment {
        Enrolment(
            id: UUID(), personId: person, referralId: nil, districtCommitteeId: district, committeeId: amn, unitId: jobbtorgUnit,
            responsibleUserId: coach, enrolledOn: d(on), status: status, closureReason: status == .closed ? .work : nil,
            closedOn: closedOn.map(d))
    }

    func meeting(_ e: Enrolment, _ kind: Meeting.Kind, _ on: String) -> Meeting {
        Meeting(id: UUID(), personId: e.personId, enrolmentId: e.id, committeeId: e.committeeId, kind: kind, date: d(on), time: "09:30", bookedByName: "Coach")
    }

    func jobPlan(_ e: Enrolment, nextFollowUp: String, version: Int = 1) -> Plan {
        Plan(
            id: UUID(), personId: e.personId, kind: .jobPlan, committeeId: e.committeeId, unitId: e.unitId, enrolmentId: e.id,
            goal: "Arbeta som lagerarbetare", subGoals: [.init(what: "Truckkort", responsible: "Coach", date: d("2026-06-01"))],
            nextFollowUp: d(nextFollowUp), version: version, savedAt: Date(), savedByName: "Coach")
    }

    func workPlan(nextFollowUp: String) -> Plan {
        Plan(
            id: UUID(), personId: person, kind: .workPlan, committeeId: district, unitId: districtUnit, enrolmentId: nil,
            goal: "Komma i arbete inom vården", subGoals: [.init(what: "SFI", responsible: "Handläggare", date: d("2026-06-01"))],
            nextFollowUp: d(nextFollowUp), savedAt: Date(), savedByName: "Handläggare")
    }

    func districtCase(_ opened: String, status: DistrictCase.Status = .active) -> DistrictCase {
        DistrictCase(
            id: UUID(), personId: person, committeeId: district, unitId: districtUnit, responsibleUserId: secretary, openedOn: d(opened),
            source: .application, channel: .visit, status: status, createdAt: Date())
    }

    func consent(
        from: String, to: String, scopes: Set<Consent.Scope> = [.referral, .plans], committee: String? = nil, recipient: String? = nil,
        withdrawn: Bool = false
    ) -> Consent {
        Consent(
            id: UUID(), personId: person, committeeId: committee ?? district, recipientCommitteeId: recipient ?? amn, recipientUnitId: nil,
            scopes: scopes, purpose: "Remiss till Jobbtorg och uppföljning", validFrom: d(from), validTo: d(to), method: .written,
            recordedBy: secretary, recordedByName: "Handläggare", recordedAt: Date(), withdrawnAt: withdrawn ? Date() : nil,
            withdrawnByName: withdrawn ? "Handläggare" : nil)
    }

    func referral(sentOn: String, status: Referral.Status = .sent) -> Referral {
        Referral(
            id: UUID(), personId: person, caseId: nil, fromCommitteeId: district, fromUnitId: districtUnit, referredBy: secretary,
            referredByName: "Handläggare", toUnitId: jobbtorgUnit, consentId: UUID(), route: .groupInformation, sessionId: nil, meetingAt: nil,
            reason: "Arbetslös sedan ett år", inTargetGroup: true, targetGroupReason: "Arbetslöshet", exceptionReason: nil, sentOn: d(sentOn),
            createdAt: Date(), status: status)
    }

    func check(closedOn: String, result: SixMonthCheck.Result? = nil) -> SixMonthCheck {
        SixMonthCheck(
            id: UUID(), enrolmentId: UUID(), personId: person, districtCommitteeId: district, closureReason: .work, closedOn: d(closedOn),
            dueOn: SixMonthCheck.due(closedOn: d(closedOn)), result: result)
    }

    func tasks(_ s: CaseFlowSnapshot, _ today: String, _ kind: CaseTask.Kind) -> [TaskSpec] {
        DueTasks.compute(s, today: d(today)).filter { $0.kind == kind }
    }

    // MARK: - 1. The working-day calendar

    @Test("Easter Sunday 2020–2040 is the almanac's date, and always a Sunday")
    func easterTable() {
        #expect(Almanac.easter.count == 21)
        for (year, date) in Almanac.easter.sorted(by: { $0.key < $1.key }) {
            let easter = WorkingDayCalendar.easterSunday(year)
            #expect(easter == d(date), "Easter \(year)")
            #expect(easter.isoWeekday == 7, "Easter \(year) on a Sunday")
            #expect(WorkingDayCalendar.holidayName(easter) == "Påskdagen")
            #expect(WorkingDayCalendar.holidayName(easter.adding(days: -1)) == "Påskafton")
        }
    }

    @Test("Every year's holidays fall where the law puts them and are not working days", arguments: 2020...2040)
    func holidaysOfYear(year: Int) {
        let easter = LocalDate(Almanac.easter[year]!)!
        func off(_ date: LocalDate, _ name: String, weekday: Int? = nil) {
            #expect(WorkingDayCalendar.holidayName(date) == name, "\(name) \(year): \(date)")
            #expect(!WorkingDayCalendar.isWorkingDay(date), "\(name) \(year) is not a working day")
            if let weekday { #expect(date.isoWeekday == weekday, "\(name) \(year) weekday") }
        }
        off(easter.adding(days: -2), "Långfredagen", weekday: 5)
        off(easter.adding(days: 1), "Annandag påsk", weekday: 1)
        off(easter.adding(days: 39), "Kristi himmelsfärdsdag", weekday: 4)
        off(easter.adding(days: 49), "Pingstdagen", weekday: 7)
        // Skärtorsdagen and the Friday after Kristi himmelsfärd are ordinary working days.
        #expect(WorkingDayCalendar.isWorkingDay(easter.adding(days: -3)), "skärtorsdagen \(year)")
        #expect(WorkingDayCalendar.isWorkingDay(easter.adding(days: 40)), "klämdagen \(year)")
        // Annandag pingst has been a working day since 2005 — unless it is also nationaldagen (2022, 2033).
        let whitMonday = easter.adding(days: 50)
        #expect(WorkingDayCalendar.isWorkingDay(whitMonday) == !(whitMonday.month == 6 && whitMonday.day == 6), "annandag pingst \(year)")

        // Midsommarafton: a Friday 19–25 June; midsommardagen the Saturday after, 20–26 June.
        let eves = (19...25).map { Almanac.date(year, 6, $0) }.filter { $0.isoWeekday == 5 }
        #expect(eves.count == 1)
        let eve = eves[0]
        off(eve, "Midsommarafton", weekday: 5)
        let midsummer = eve.adding(days: 1)
        #expect((20...26).contains(midsummer.day) && midsummer.month == 6)
        off(midsummer, "Midsommardagen", weekday: 6)
        #expect(WorkingDayCalendar.holidays(year).filter { $0.value == "Midsommarafton" }.map(\.key) == [eve])
        // The Thursday before midsommarafton is a working day.
        #expect(WorkingDayCalendar.isWorkingDay(eve.adding(days: -1)))

        // Alla helgons dag: the Saturday from 31 October to 6 November; the Friday before is a working day.
        let allSaintsCandidates = [Almanac.date(year, 10, 31)] + (1...6).map { Almanac.date(year, 11, $0) }
        let allSaints = allSaintsCandidates.filter { $0.isoWeekday == 6 }
        #expect(allSaints.count == 1)
        off(allSaints[0], "Alla helgons dag", weekday: 6)
        #expect(WorkingDayCalendar.isWorkingDay(allSaints[0].adding(days: -1)))

        // The fixed days.
        off(Almanac.date(year, 1, 1), "Nyårsdagen")
        off(Almanac.date(year, 1, 6), "Trettondedag jul")
        off(Almanac.date(year, 5, 1), "Första maj")
        off(Almanac.date(year, 6, 6), "Sveriges nationaldag")
        off(Almanac.date(year, 12, 24), "Julafton")
        off(Almanac.date(year, 12, 25), "Juldagen")
        off(Almanac.date(year, 12, 26), "Annandag jul")
        off(Almanac.date(year, 12, 31), "Nyårsafton")
        // Days around them that are ordinary.
        #expect(WorkingDayCalendar.holidayName(Almanac.date(year, 1, 2)) == nil)
        #expect(WorkingDayCalendar.holidayName(Almanac.date(year, 12, 23)) == nil)
        #expect(WorkingDayCalendar.holidayName(Almanac.date(year, 12, 27)) == nil)
        #expect(WorkingDayCalendar.holidayName(Almanac.date(year, 4, 30)) == nil)  // valborgsmässoafton is a working day
    }

    @Test("Working days per year: weekdays minus the holidays on weekdays, 2020–2040, day by day")
    func workingDayCount() {
        for year in 2020...2040 {
            var weekdays = 0
            var holidaysOnWeekdays = 0
            var calendarCount = 0
            var mismatches: [LocalDate] = []
            var day = Almanac.date(year, 1, 1)
            while day.year == year {
                if day.isoWeekday <= 5 {
                    weekdays += 1
                    if Almanac.daysOffByYear[year]!.contains(day) { holidaysOnWeekdays += 1 }
                }
                let working = WorkingDayCalendar.isWorkingDay(day)
                if working { calendarCount += 1 }
                if working != Almanac.isWorkingDay(day) { mismatches.append(day) }
                day = day.adding(days: 1)
            }
            #expect(calendarCount == weekdays - holidaysOnWeekdays, "working days in \(year)")
            #expect(calendarCount == Almanac.workingDaysPerYear[year], "working days in \(year) against the table")
            #expect(mismatches.isEmpty, "days judged differently in \(year): \(mismatches)")
            // From the last day of the previous year, the count of the year's working days.
            #expect(WorkingDayCalendar.workingDays(from: Almanac.date(year - 1, 12, 31), to: Almanac.date(year, 12, 31)) == calendarCount)
        }
    }

    @Test("Examples from 2026, and what the calendar tells the page about a day, in Swedish")
    func examples2026() {
        #expect(!WorkingDayCalendar.isWorkingDay(d("2026-04-03")))  // långfredagen
        #expect(!WorkingDayCalendar.isWorkingDay(d("2026-04-06")))  // annandag påsk
        #expect(WorkingDayCalendar.isWorkingDay(d("2026-04-02")))  // skärtorsdagen
        #expect(WorkingDayCalendar.isWorkingDay(d("2026-04-07")))
        #expect(!WorkingDayCalendar.isWorkingDay(d("2026-06-19")))  // midsommarafton
        #expect(!WorkingDayCalendar.isWorkingDay(d("2026-12-24")))
        #expect(!WorkingDayCalendar.isWorkingDay(d("2026-12-31")))
        #expect(!WorkingDayCalendar.isWorkingDay(d("2026-05-14")))  // Kristi himmelsfärd
        #expect(!WorkingDayCalendar.isWorkingDay(d("2026-11-21")))  // an ordinary Saturday
        #expect(WorkingDayCalendar.holidayName(d("2026-11-21")) == nil)
        #expect(WorkingDayCalendar.isWorkingDay(d("2026-11-18")))

        let eve = WorkingDayCalendar.describe(d("2026-06-19"))
        #expect(eve.holiday == "Midsommarafton")
        #expect(eve.weekdayName == "fredag")
        #expect(!eve.isWorkingDay)
        #expect(eve.nextWorkingDay == d("2026-06-22"))
        #expect(eve.date == d("2026-06-19"))

        let goodFriday = WorkingDayCalendar.describe(d("2026-04-03"))
        #expect(goodFriday.holiday == "Långfredagen")
        #expect(goodFriday.weekdayName == "fredag")
        #expect(goodFriday.nextWorkingDay == d("2026-04-07"))

        let christmasEve = WorkingDayCalendar.describe(d("2026-12-24"))
        #expect(christmasEve.holiday == "Julafton")
        #expect(christmasEve.weekdayName == "torsdag")
        #expect(christmasEve.nextWorkingDay == d("2026-12-28"))

        let newYearsEve = WorkingDayCalendar.describe(d("2026-12-31"))
        #expect(newYearsEve.holiday == "Nyårsafton")
        #expect(newYearsEve.weekdayName == "torsdag")
        #expect(newYearsEve.nextWorkingDay == d("2027-01-04"))

        let ordinary = WorkingDayCalendar.describe(d("2026-11-18"))
        #expect(ordinary.holiday == nil)
        #expect(ordinary.isWorkingDay)
        #expect(ordinary.weekdayName == "onsdag")
        #expect(ordinary.nextWorkingDay == d("2026-11-19"))

        let names = (16...22).map { WorkingDayCalendar.describe(d("2026-11-\($0)")).weekdayName }
        #expect(names == ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"])
        #expect(WorkingDayCalendar.describe(d("2026-11-20")).nextWorkingDay == d("2026-11-23"))
    }

    // MARK: - 2. Five working days for the first jobbplan

    @Test("The first jobbplan is due five working days after enrolment, the enrolment day being day 0")
    func jobPlanDue() {
        func due(_ enrolled: String) -> LocalDate { enrolment(enrolled).jobPlanDue }
        #expect(Enrolment.jobPlanWorkingDays == 5)
        #expect(due("2026-11-16") == d("2026-11-23"))  // Monday → Monday
        #expect(due("2026-11-20") == d("2026-11-27"))  // Friday → Friday
        #expect(due("2026-11-21") == d("2026-11-27"))  // enrolled on a Saturday: Mon–Fri are days 1–5
        // Easter 2026: 3 April (långfredagen) and 6 April (annandag påsk) are skipped.
        #expect(due("2026-03-31") == d("2026-04-09"))
        // Första maj (Friday) and Kristi himmelsfärd.
        #expect(due("2026-04-28") == d("2026-05-06"))
        #expect(due("2026-05-11") == d("2026-05-19"))  // Tue 12, Wed 13, (Thu 14 off), Fri 15, Mon 18, Tue 19
        // Midsommar 2026: 19 June (midsommarafton) skipped.
        #expect(due("2026-06-16") == d("2026-06-24"))
        // Christmas 2026: 24 and 25 December (Thu, Fri) skipped, 26 is a Saturday.
        #expect(due("2026-12-21") == d("2026-12-30"))
        // Across Christmas and New Year: 24, 25, 31 December and 1 January skipped.
        #expect(due("2026-12-23") == d("2027-01-05"))
        // Across New Year and trettondedag jul: 31 Dec, 1 Jan and 6 Jan skipped.
        #expect(due("2026-12-29") == d("2027-01-08"))
        // The referral's answer is counted the same way.
        #expect(referral(sentOn: "2026-03-31").answerDue == d("2026-04-09"))
    }

    @Test("Adding and counting working days agree, for 500 random starts 2020–2040")
    func workingDayProperty() {
        var rng = SplitMix64(state: 20_261_118)
        let first = d("2020-01-01").dayNumber, last = d("2040-10-31").dayNumber
        for _ in 0..<500 {
            let start = LocalDate(dayNumber: Int.random(in: first...last, using: &rng))
            let n = Int.random(in: 0...30, using: &rng)
            let end = WorkingDayCalendar.adding(workingDays: n, to: start)
            #expect(WorkingDayCalendar.workingDays(from: start, to: end) == n, "\(start) + \(n)")
            #expect(end == Almanac.adding(n, to: start), "\(start) + \(n) against the independent calendar")
            if n > 0 {
                #expect(end > start)
                #expect(WorkingDayCalendar.isWorkingDay(end), "\(start) + \(n) = \(end) should be a working day")
                // It is the first day reaching n: the day before still counts n - 1.
                #expect(WorkingDayCalendar.workingDays(from: start, to: end.adding(days: -1)) == n - 1)
            } else {
                #expect(end == start)
            }
        }
        #expect(WorkingDayCalendar.workingDays(from: d("2026-11-20"), to: d("2026-11-20")) == 0)
        #expect(WorkingDayCalendar.workingDays(from: d("2026-11-20"), to: d("2026-11-10")) == 0)
        #expect(WorkingDayCalendar.workingDays(from: d("2026-11-20"), to: d("2026-11-22")) == 0)  // the weekend
        #expect(WorkingDayCalendar.adding(workingDays: 0, to: d("2026-11-21")) == d("2026-11-21"))
    }

    @Test("The nth working day of a month skips weekends and holidays")
    func nthWorkingDay() {
        #expect(WorkingDayCalendar.workingDay(1, ofMonth: 1, year: 2027) == d("2027-01-04"))  // 1 Jan is a Friday holiday
        #expect(WorkingDayCalendar.workingDay(5, ofMonth: 1, year: 2027) == d("2027-01-11"))  // 6 Jan skipped
        #expect(WorkingDayCalendar.workingDay(5, ofMonth: 4, year: 2026) == d("2026-04-09"))
        #expect(WorkingDayCalendar.workingDay(5, ofMonth: 5, year: 2026) == d("2026-05-08"))
        #expect(WorkingDayCalendar.workingDay(1, ofMonth: 12, year: 2026) == d("2026-12-01"))
    }

    // MARK: - 3. Months

    @Test("Adding months keeps the day, or takes the last day of a shorter month")
    func addingMonths() {
        #expect(d("2026-01-31").adding(months: 1) == d("2026-02-28"))
        #expect(d("2028-01-31").adding(months: 1) == d("2028-02-29"))
        #expect(d("2026-11-30").adding(months: 3) == d("2027-02-28"))
        #expect(d("2026-03-31").adding(months: 1) == d("2026-04-30"))
        #expect(d("2026-03-02").adding(months: 3) == d("2026-06-02"))
        #expect(d("2026-12-15").adding(months: 1) == d("2027-01-15"))
        #expect(d("2026-08-31").adding(months: 6) == d("2027-02-28"))
        #expect(d("2026-11-18").adding(months: 0) == d("2026-11-18"))
        #expect(d("2026-11-18").adding(months: 24) == d("2028-11-18"))
        // Backwards.
        #expect(d("2026-03-31").adding(months: -1) == d("2026-02-28"))
        #expect(d("2028-03-31").adding(months: -1) == d("2028-02-29"))
        #expect(d("2026-01-15").adding(months: -1) == d("2025-12-15"))
        #expect(d("2026-01-31").adding(months: -13) == d("2024-12-31"))
        #expect(d("2026-12-01").adding(months: -12) == d("2025-12-01"))
        #expect(d("2026-05-31").adding(months: -3) == d("2026-02-28"))
        // Month keys and the next month's first day.
        #expect(d("2026-12-31").monthKey == "2026-12")
        #expect(d("2026-12-31").firstOfNextMonth == d("2027-01-01"))
        #expect(d("2026-01-31").firstOfNextMonth == d("2026-02-01"))
    }

    // MARK: - 4. Meetings

    @Test("Three-party meetings every three months from enrolment or the last one booked; none once closed")
    func threePartyDue() {
        let e = enrolment("2026-03-02")
        #expect(MeetingRules.nextThreePartyDue(e, meetings: []) == d("2026-06-02"))
        #expect(MeetingRules.nextThreePartyDue(enrolment("2026-11-30"), meetings: []) == d("2027-02-28"))
        let booked = meeting(e, .threeParty, "2026-05-25")
        #expect(MeetingRules.nextThreePartyDue(e, meetings: [booked]) == d("2026-08-25"))
        // The latest meeting counts, whatever the order.
        let later = meeting(e, .threeParty, "2026-08-20")
        #expect(MeetingRules.nextThreePartyDue(e, meetings: [later, booked]) == d("2026-11-20"))
        // Other kinds and other enrolments' meetings do not move it.
        let followUp = meeting(e, .followUp, "2026-05-25")
        let af = meeting(e, .employmentServiceFollowUp, "2026-05-25")
        #expect(MeetingRules.nextThreePartyDue(e, meetings: [followUp, af]) == d("2026-06-02"))
        let other = enrolment("2025-01-10")
        #expect(MeetingRules.nextThreePartyDue(e, meetings: [meeting(other, .threeParty, "2026-05-25")]) == d("2026-06-02"))
        // Closed: none.
        var closed = e
        closed.status = .closed
        closed.closedOn = d("2026-05-01")
        #expect(MeetingRules.nextThreePartyDue(closed, meetings: []) == nil)
        #expect(MeetingRules.nextThreePartyDue(closed, meetings: [booked]) == nil)
    }

    @Test("The joint follow-up with Arbetsförmedlingen at twelve months, until one is booked")
    func employmentServiceDue() {
        let e = enrolment("2026-03-02")
        #expect(MeetingRules.employmentServiceDue(e, meetings: []) == d("2027-03-02"))
        #expect(MeetingRules.employmentServiceDue(enrolment("2028-02-29"), meetings: []) == d("2029-02-28"))
        #expect(MeetingRules.employmentServiceDue(e, meetings: [meeting(e, .threeParty, "2026-06-01")]) == d("2027-03-02"))
        #expect(MeetingRules.employmentServiceDue(e, meetings: [meeting(e, .employmentServiceFollowUp, "2027-02-20")]) == nil)
        let other = enrolment("2025-01-10")
        #expect(MeetingRules.employmentServiceDue(e, meetings: [meeting(other, .employmentServiceFollowUp, "2026-01-10")]) == d("2027-03-02"))
        var closed = e
        closed.status = .closed
        #expect(MeetingRules.employmentServiceDue(closed, meetings: []) == nil)
    }

    // MARK: - 5. The task job

    @Test("An active enrolment without a jobbplan has the first-jobbplan task from the enrolment day")
    func jobPlanTask() {
        let e = enrolment("2026-03-02")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        #expect(tasks(s, "2026-03-01", .jobPlanDue).isEmpty)
        let t = tasks(s, "2026-03-02", .jobPlanDue)
        #expect(t.count == 1)
        #expect(t.first?.dueOn == d("2026-03-09"))
        #expect(t.first?.dueOn == e.jobPlanDue)
        #expect(t.first?.assigneeId == coach)
        #expect(t.first?.personId == person)
        #expect(t.first?.committeeId == amn)
        #expect(t.first?.unitId == jobbtorgUnit)
        #expect(t.first?.subjectId == e.id)
        // Still there when overdue.
        #expect(tasks(s, "2026-04-20", .jobPlanDue).count == 1)
        // The district's arbetsplan is not a jobbplan.
        s.plans = [workPlan(nextFollowUp: "2026-05-01")]
        #expect(tasks(s, "2026-03-05", .jobPlanDue).count == 1)
        // With the jobbplan it is gone.
        s.plans.append(jobPlan(e, nextFollowUp: "2026-04-15"))
        #expect(tasks(s, "2026-03-05", .jobPlanDue).isEmpty)
    }

    @Test("A plan's follow-up task appears 7 days before the follow-up; a month past it the plan is no longer current")
    func followUpTask() {
        let e = enrolment("2026-03-02")
        let plan = jobPlan(e, nextFollowUp: "2026-04-15")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        s.plans = [plan]
        #expect(tasks(s, "2026-04-07", .followUpDue).isEmpty)
        let t = tasks(s, "2026-04-08", .followUpDue)
        #expect(t.count == 1)
        #expect(t.first?.dueOn == d("2026-04-15"))
        #expect(t.first?.subjectId == plan.id)
        #expect(t.first?.assigneeId == coach)
        #expect(t.first?.unitId == jobbtorgUnit)
        // A new version of the plan makes a new follow-up obligation.
        var revised = plan
        revised.version = 2
        revised.nextFollowUp = d("2026-06-10")
        s.plans = [revised]
        #expect(tasks(s, "2026-04-08", .followUpDue).isEmpty)
        #expect(tasks(s, "2026-06-03", .followUpDue).map(\.dueOn) == [d("2026-06-10")])
        #expect(tasks(s, "2026-06-03", .followUpDue).first?.key != t.first?.key)
        // Stale: a month after the follow-up, on that day and not before.
        s.plans = [plan]
        #expect(tasks(s, "2026-05-14", .noCurrentPlan).isEmpty)
        let stale = tasks(s, "2026-05-15", .noCurrentPlan)
        #expect(stale.map(\.dueOn) == [d("2026-05-15")])
        #expect(stale.first?.subjectId == plan.id)
    }

    @Test("The three-party task appears 14 days before it is due, and moves on when one is booked")
    func threePartyTask() {
        let e = enrolment("2026-03-02")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        #expect(tasks(s, "2026-05-18", .threePartyMeetingDue).isEmpty)
        let t = tasks(s, "2026-05-19", .threePartyMeetingDue)
        #expect(t.count == 1)
        #expect(t.first?.dueOn == d("2026-06-02"))
        #expect(t.first?.assigneeId == coach)
        #expect(t.first?.subjectId == e.id)
        s.meetings = [meeting(e, .threeParty, "2026-05-25")]
        #expect(tasks(s, "2026-05-26", .threePartyMeetingDue).isEmpty)
        #expect(tasks(s, "2026-08-10", .threePartyMeetingDue).isEmpty)
        let next = tasks(s, "2026-08-11", .threePartyMeetingDue)
        #expect(next.map(\.dueOn) == [d("2026-08-25")])
        #expect(next.first?.key != t.first?.key)
    }

    @Test("The twelve-month follow-up with Arbetsförmedlingen shows 30 days ahead, and not once booked")
    func employmentServiceTask() {
        let e = enrolment("2026-03-02")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        #expect(tasks(s, "2027-01-30", .employmentServiceFollowUpDue).isEmpty)
        #expect(tasks(s, "2027-01-31", .employmentServiceFollowUpDue).map(\.dueOn) == [d("2027-03-02")])
        s.meetings = [meeting(e, .employmentServiceFollowUp, "2027-02-20")]
        #expect(tasks(s, "2027-02-01", .employmentServiceFollowUpDue).isEmpty)
    }

    @Test("Attendance reports: one per finished month not yet final, due on the fifth working day of the next month")
    func attendanceTasks() {
        let e = enrolment("2026-03-20")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        #expect(AttendanceRules.reportDue(month: "2026-03") == d("2026-04-09"))  // Easter in between
        #expect(AttendanceRules.reportDue(month: "2026-04") == d("2026-05-08"))  // första maj in between
        #expect(AttendanceRules.reportDue(month: "2026-12") == d("2027-01-11"))  // nyårsdagen, trettondedagen
        // The month is not finished yet.
        #expect(tasks(s, "2026-03-31", .attendanceReportDue).isEmpty)
        let april = tasks(s, "2026-04-01", .attendanceReportDue)
        #expect(april.count == 1)
        #expect(april.first?.dueOn == d("2026-04-09"))
        #expect(april.first?.key.contains("2026-03") == true)
        #expect(april.first?.assigneeId == coach)
        let may = tasks(s, "2026-05-10", .attendanceReportDue).sorted { $0.dueOn < $1.dueOn }
        #expect(may.map(\.dueOn) == [d("2026-04-09"), d("2026-05-08")])
        #expect(may.map(\.dueOn) == ["2026-03", "2026-04"].map { AttendanceRules.reportDue(month: $0) })
        // A final month needs no report.
        s.finalMonths = [e.id: ["2026-03"]]
        #expect(tasks(s, "2026-05-10", .attendanceReportDue).map(\.dueOn) == [d("2026-05-08")])
        s.finalMonths = [e.id: ["2026-03", "2026-04"]]
        #expect(tasks(s, "2026-05-10", .attendanceReportDue).isEmpty)
        // Another enrolment's final months do not count.
        s.finalMonths = [UUID(): ["2026-03", "2026-04"]]
        #expect(tasks(s, "2026-05-10", .attendanceReportDue).count == 2)
    }

    @Test("An unanswered referral reaches the Jobbtorg unit's list the day after its five working days")
    func referralTask() {
        let r = referral(sentOn: "2026-03-31")
        var s = CaseFlowSnapshot()
        s.referrals = [r]
        s.unitCommittee = [jobbtorgUnit: amn, districtUnit: district]
        #expect(r.answerDue == d("2026-04-09"))
        #expect(tasks(s, "2026-04-08", .referralUnanswered).isEmpty)
        #expect(tasks(s, "2026-04-09", .referralUnanswered).isEmpty)
        let t = tasks(s, "2026-04-10", .referralUnanswered)
        #expect(t.count == 1)
        #expect(t.first?.dueOn == d("2026-04-09"))
        #expect(t.first?.unitId == jobbtorgUnit)
        #expect(t.first?.committeeId == amn)
        #expect(t.first?.assigneeId == nil)
        #expect(t.first?.subjectId == r.id)
        s.referrals = [referral(sentOn: "2026-03-31", status: .accepted), referral(sentOn: "2026-03-31", status: .declined)]
        #expect(tasks(s, "2026-04-10", .referralUnanswered).isEmpty)
    }

    @Test("An expiring consent shows 14 days before it ends; not when withdrawn, expired or another committee's")
    func consentTask() {
        let k = districtCase("2026-01-10")
        let c = consent(from: "2026-01-10", to: "2026-09-30")
        var s = CaseFlowSnapshot()
        s.cases = [k]
        s.consents = [c]
        #expect(tasks(s, "2026-09-15", .consentExpiring).isEmpty)
        let t = tasks(s, "2026-09-16", .consentExpiring)
        #expect(t.count == 1)
        #expect(t.first?.dueOn == d("2026-09-30"))
        #expect(t.first?.subjectId == c.id)
        #expect(t.first?.assigneeId == secretary)
        #expect(t.first?.committeeId == district)
        #expect(t.first?.unitId == districtUnit)
        #expect(tasks(s, "2026-09-30", .consentExpiring).count == 1)
        #expect(tasks(s, "2026-10-01", .consentExpiring).isEmpty)
        s.consents = [consent(from: "2026-01-10", to: "2026-09-30", withdrawn: true)]
        #expect(tasks(s, "2026-09-20", .consentExpiring).isEmpty)
        s.consents = [consent(from: "2026-01-10", to: "2026-09-30", committee: "sdf-syd")]
        #expect(tasks(s, "2026-09-20", .consentExpiring).isEmpty)
        // Without an open case there is no one to ask.
        s.consents = [c]
        s.cases = [districtCase("2026-01-10", status: .closed)]
        #expect(tasks(s, "2026-09-20", .consentExpiring).isEmpty)
    }

    @Test("The six-month check goes to the district's case worker 14 days before it is due, until answered")
    func sixMonthTask() {
        let ch = check(closedOn: "2026-03-15")
        #expect(ch.dueOn == d("2026-09-15"))
        var s = CaseFlowSnapshot()
        s.checks = [ch]
        #expect(tasks(s, "2026-08-31", .sixMonthCheckDue).isEmpty)
        let orphan = tasks(s, "2026-09-01", .sixMonthCheckDue)
        #expect(orphan.count == 1)
        #expect(orphan.first?.dueOn == d("2026-09-15"))
        #expect(orphan.first?.committeeId == district)
        #expect(orphan.first?.unitId == "sdf-norr-ekonomiskt-bistand")
        #expect(orphan.first?.assigneeId == nil)
        #expect(orphan.first?.subjectId == ch.id)
        s.cases = [districtCase("2025-06-01")]
        let t = tasks(s, "2026-09-01", .sixMonthCheckDue)
        #expect(t.first?.unitId == districtUnit)
        #expect(t.first?.assigneeId == secretary)
        s.checks = [check(closedOn: "2026-03-15", result: .notReturned)]
        #expect(tasks(s, "2026-09-20", .sixMonthCheckDue).isEmpty)
    }

    @Test("No new intervention: after six months enrolled with no episode start in the last three")
    func noNewInterventionTask() {
        let e = enrolment("2026-03-02")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        #expect(tasks(s, "2026-09-01", .noNewIntervention).isEmpty)
        let t = tasks(s, "2026-09-02", .noNewIntervention)
        #expect(t.map(\.dueOn) == [d("2026-09-02")])
        #expect(t.first?.assigneeId == coach)
        // An episode started a month ago: quiet only from three months after it.
        s.lastEpisodeStart = [person: d("2026-08-01")]
        #expect(tasks(s, "2026-09-02", .noNewIntervention).isEmpty)
        #expect(tasks(s, "2026-10-31", .noNewIntervention).isEmpty)
        #expect(tasks(s, "2026-11-01", .noNewIntervention).map(\.dueOn) == [d("2026-11-01")])
        // An episode before the enrolment counts as nothing new.
        s.lastEpisodeStart = [person: d("2025-01-01")]
        #expect(tasks(s, "2026-09-02", .noNewIntervention).map(\.dueOn) == [d("2026-09-02")])
        // Another person's episode does not help.
        s.lastEpisodeStart = [UUID(): d("2026-08-01")]
        #expect(tasks(s, "2026-09-02", .noNewIntervention).count == 1)
    }

    @Test("A district case without an arbetsplan: no current plan a month after it opened, shown 14 days before")
    func districtNoPlanTask() {
        let k = districtCase("2026-03-02")
        var s = CaseFlowSnapshot()
        s.cases = [k]
        #expect(tasks(s, "2026-03-18", .noCurrentPlan).isEmpty)
        let t = tasks(s, "2026-03-19", .noCurrentPlan)
        #expect(t.count == 1)
        #expect(t.first?.dueOn == d("2026-04-02"))
        #expect(t.first?.subjectId == k.id)
        #expect(t.first?.assigneeId == secretary)
        #expect(t.first?.committeeId == district)
        #expect(t.first?.unitId == districtUnit)
        // The Jobbtorg's jobbplan is not the district's arbetsplan.
        s.enrolments = [enrolment("2026-03-05")]
        s.plans = [jobPlan(s.enrolments[0], nextFollowUp: "2026-05-01")]
        #expect(tasks(s, "2026-03-19", .noCurrentPlan).map(\.subjectId) == [k.id])
        // With an arbetsplan, its follow-up instead.
        let plan = workPlan(nextFollowUp: "2026-05-01")
        s.enrolments = []
        s.plans = [plan]
        #expect(tasks(s, "2026-04-20", .noCurrentPlan).isEmpty)
        let follow = tasks(s, "2026-04-24", .followUpDue)
        #expect(follow.map(\.subjectId) == [plan.id])
        #expect(follow.first?.assigneeId == secretary)
        #expect(tasks(s, "2026-04-23", .followUpDue).isEmpty)
        // A closed case has no tasks.
        s.cases = [districtCase("2026-03-02", status: .closed)]
        s.plans = []
        #expect(DueTasks.compute(s, today: d("2026-06-01")).isEmpty)
    }

    @Test("A closed enrolment has no enrolment tasks")
    func closedEnrolmentNoTasks() {
        let e = enrolment("2026-03-02", status: .closed, closedOn: "2026-05-01")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        s.plans = []
        #expect(DueTasks.compute(s, today: d("2026-09-10")).isEmpty)
    }

    @Test("Task keys are stable: the same obligations give the same keys, each once")
    func stableKeys() {
        let e = enrolment("2026-03-02")
        let k = districtCase("2026-02-01")
        var s = CaseFlowSnapshot()
        s.enrolments = [e]
        s.cases = [k]
        s.consents = [consent(from: "2026-02-01", to: "2026-09-30")]
        s.referrals = [referral(sentOn: "2026-08-03")]
        s.unitCommittee = [jobbtorgUnit: amn]
        s.checks = [check(closedOn: "2026-03-15")]
        s.plans = [workPlan(nextFollowUp: "2026-07-01")]
        let today = d("2026-09-20")
        let first = DueTasks.compute(s, today: today)
        let second = DueTasks.compute(s, today: today)
        #expect(first.map(\.key) == second.map(\.key))
        #expect(first == second)
        #expect(Set(first.map(\.key)).count == first.count, "no key twice")
        // Many kinds are due at once here.
        let kinds = Set(first.map(\.kind))
        #expect(
            kinds.isSuperset(of: [
                .jobPlanDue, .attendanceReportDue, .noNewIntervention, .consentExpiring, .sixMonthCheckDue, .referralUnanswered, .followUpDue,
                .noCurrentPlan,
            ]))
        // A key names the obligation, not the day it was computed.
        let jobPlanKey = tasks(s, "2026-03-02", .jobPlanDue).first?.key
        #expect(jobPlanKey != nil)
        #expect(jobPlanKey == first.first { $0.kind == .jobPlanDue }?.key)
        let marchReport = tasks(s, "2026-04-01", .attendanceReportDue).first?.key
        #expect(first.filter { $0.kind == .attendanceReportDue }.map(\.key).contains(marchReport ?? "-"))
    }

    @Test("A jobbplan from an earlier, closed enrolment does not count for a new enrolment")
    func jobPlanOfEarlierEnrolment() {
        // The person was enrolled in 2026 with a jobbplan, closed, and enrolled again in 2027. The store
        // loads every plan of a person with an active enrolment, so the old plan is in the snapshot.
        let old = enrolment("2026-03-02", status: .closed, closedOn: "2026-09-30")
        let oldPlan = jobPlan(old, nextFollowUp: "2026-09-15")
        let renewed = enrolment("2027-01-11")
        var s = CaseFlowSnapshot()
        s.enrolments = [renewed]
        s.plans = [oldPlan]
        let t = tasks(s, "2027-01-11", .jobPlanDue)
        #expect(t.map(\.subjectId) == [renewed.id], "the new enrolment needs its own first jobbplan")
        #expect(t.first?.dueOn == d("2027-01-18"))
        // The old plan's follow-up belongs to a closed enrolment and is nobody's task now.
        let all = DueTasks.compute(s, today: d("2027-01-11"))
        #expect(!all.contains { $0.subjectId == oldPlan.id }, "no tasks for the closed enrolment's plan")
    }

    // MARK: - 6. Plans

    @Test("A plan needs an individual goal, at least one dated sub-goal and a next follow-up within six months")
    func planValidation() {
        let today = d("2026-11-18")
        let sub = PlanRules.SubGoalInput(what: "Ta körkort B", responsible: "Coach Anna", date: "2027-03-01")
        let goal = "Arbeta som undersköterska inom äldreomsorgen"

        let none = PlanRules.validate(goal: goal, subGoals: [], nextFollowUp: "2026-12-15", today: today)
        #expect(none.plan == nil)
        #expect(none.errors.map(\.field) == ["sg1What"])
        #expect(none.errors.first?.message.contains("delmål") == true)
        let blank = PlanRules.validate(goal: goal, subGoals: [.init(what: " ", responsible: "", date: "  ")], nextFollowUp: "2026-12-15", today: today)
        #expect(blank.plan == nil)
        #expect(blank.errors.map(\.field) == ["sg1What"])

        for generic in ["Egen försörjning", "egen försörjning.", "ARBETE ELLER STUDIER", "Bli självförsörjande!"] {
            let r = PlanRules.validate(goal: generic, subGoals: [sub], nextFollowUp: "2026-12-15", today: today)
            #expect(r.plan == nil, "\(generic)")
            #expect(r.errors.map(\.field) == ["goal"], "\(generic)")
            #expect(r.errors.first?.message.contains("allmänt") == true)
        }
        // A goal that names the work is accepted even if it contains a generic phrase.
        #expect(PlanRules.validate(goal: "Egen försörjning som elektriker", subGoals: [sub], nextFollowUp: "2026-12-15", today: today).errors.isEmpty)
        #expect(PlanRules.validate(goal: "Jobb", subGoals: [sub], nextFollowUp: "2026-12-15", today: today).errors.map(\.field) == ["goal"])

        let badDate = PlanRules.validate(
            goal: goal, subGoals: [.init(what: "Praktik", responsible: "Coach", date: "2026-02-30")], nextFollowUp: "2026-12-15", today: today)
        #expect(badDate.plan == nil)
        #expect(badDate.errors.map(\.field) == ["sg1Date"])
        #expect(badDate.errors.first?.message.contains("ÅÅÅÅ-MM-DD") == true)
        let secondRow = PlanRules.validate(
            goal: goal, subGoals: [sub, .init(what: "Praktik", responsible: "Coach", date: "")], nextFollowUp: "2026-12-15", today: today)
        #expect(secondRow.errors.map(\.field) == ["sg2Date"])
        let noWho = PlanRules.validate(goal: goal, subGoals: [.init(what: "Praktik", responsible: "", date: "2027-01-10")], nextFollowUp: "2026-12-15", today: today)
        #expect(noWho.errors.map(\.field) == ["sg1Who"])

        let missing = PlanRules.validate(goal: goal, subGoals: [sub], nextFollowUp: "", today: today)
        #expect(missing.plan == nil)
        #expect(missing.errors.map(\.field) == ["nextFollowUp"])
        let past = PlanRules.validate(goal: goal, subGoals: [sub], nextFollowUp: "2026-11-17", today: today)
        #expect(past.plan == nil)
        #expect(past.errors.map(\.field) == ["nextFollowUp"])
        #expect(past.errors.first?.message.contains("förflutna") == true)
        #expect(PlanRules.validate(goal: goal, subGoals: [sub], nextFollowUp: "2026-11-18", today: today).errors.isEmpty)
        #expect(PlanRules.validate(goal: goal, subGoals: [sub], nextFollowUp: "2027-05-18", today: today).errors.isEmpty)
        #expect(PlanRules.validate(goal: goal, subGoals: [sub], nextFollowUp: "2027-05-19", today: today).errors.map(\.field) == ["nextFollowUp"])

        let ok = PlanRules.validate(
            goal: "  \(goal)\n",
            subGoals: [.init(what: "  Ta körkort B ", responsible: " Coach Anna\n", date: " 2027-03-01 "), .init(what: "", responsible: "", date: "")],
            nextFollowUp: " 2026-12-15 ", today: today)
        #expect(ok.errors.isEmpty)
        #expect(ok.plan?.goal == goal)
        #expect(ok.plan?.subGoals == [Plan.SubGoal(what: "Ta körkort B", responsible: "Coach Anna", date: d("2027-03-01"))])
        #expect(ok.plan?.nextFollowUp == d("2026-12-15"))
    }

    // MARK: - 7. Consents

    @Test("A consent covers the listed kinds both ways between its two parties, while it is in force")
    func consentCovers() {
        let c = consent(from: "2026-01-10", to: "2026-12-31", scopes: [.referral, .plans])
        let day = d("2026-06-01")
        #expect(c.covers(.plans, owner: amn, viewer: district, on: day))
        #expect(c.covers(.plans, owner: district, viewer: amn, on: day))
        #expect(c.covers(.referral, owner: district, viewer: amn, on: day))
        #expect(!c.covers(.attendance, owner: amn, viewer: district, on: day))
        #expect(!c.covers(.fia, owner: district, viewer: amn, on: day))
        #expect(!c.covers(.plans, owner: amn, viewer: "sdf-syd", on: day))
        #expect(!c.covers(.plans, owner: "sdf-syd", viewer: amn, on: day))
        #expect(!c.covers(.plans, owner: district, viewer: "sdf-syd", on: day))
        // The period, both ends included.
        #expect(!c.covers(.plans, owner: amn, viewer: district, on: d("2026-01-09")))
        #expect(c.covers(.plans, owner: amn, viewer: district, on: d("2026-01-10")))
        #expect(c.covers(.plans, owner: amn, viewer: district, on: d("2026-12-31")))
        #expect(!c.covers(.plans, owner: amn, viewer: district, on: d("2027-01-01")))
        #expect(c.state(on: d("2026-01-09")) == .upcoming)
        #expect(c.state(on: day) == .active)
        #expect(c.state(on: d("2027-01-01")) == .expired)
        // Withdrawn: at once, for everything.
        var withdrawn = c
        withdrawn.withdrawnAt = Date()
        #expect(!withdrawn.covers(.plans, owner: amn, viewer: district, on: day))
        #expect(!withdrawn.isActive(on: day))
        #expect(withdrawn.state(on: day) == .withdrawn)
        // Any one of the person's consents suffices; a committee always sees its own.
        #expect(ConsentRules.allows([withdrawn, c], .plans, owner: amn, viewer: district, on: day))
        #expect(!ConsentRules.allows([withdrawn], .plans, owner: amn, viewer: district, on: day))
        #expect(!ConsentRules.allows([], .plans, owner: amn, viewer: district, on: day))
        #expect(ConsentRules.allows([], .plans, owner: amn, viewer: amn, on: day))
        // A consent naming one Jobbtorg lets only that unit see the district's records; the district still sees Jobbtorg's.
        let kistaOnly = Consent(
            id: UUID(), personId: c.personId, committeeId: district, recipientCommitteeId: amn, recipientUnitId: "jobbtorg-kista", scopes: [.plans],
            purpose: "Planering", validFrom: c.validFrom, validTo: c.validTo, method: .written, recordedBy: UUID(), recordedByName: "Sara", recordedAt: Date())
        #expect(kistaOnly.covers(.plans, owner: district, viewer: amn, viewerUnit: "jobbtorg-kista", on: day))
        #expect(!kistaOnly.covers(.plans, owner: district, viewer: amn, viewerUnit: "jobbtorg-vallingby", on: day))
        #expect(kistaOnly.covers(.plans, owner: amn, viewer: district, viewerUnit: "spanga-tensta-ekonomiskt-bistand", on: day))
    }

    @Test("Recording a consent: a period of at most two years that has not ended, some kinds, a purpose")
    func consentValidation() {
        let today = d("2026-11-18")
        func fields(
            scopes: Set<Consent.Scope> = [.referral], purpose: String = "Remiss till Jobbtorg", from: String? = "2026-11-18", to: String? = "2027-11-18",
            method: Consent.Method? = .written, recipientKnown: Bool = true
        ) -> [String] {
            ConsentRules.validate(
                scopes: scopes, purpose: purpose, validFrom: from.map(d), validTo: to.map(d), fromText: from ?? "", toText: to ?? "", method: method,
                recipientKnown: recipientKnown, today: today
            ).map(\.field)
        }
        #expect(fields().isEmpty)
        #expect(fields(from: "2026-12-01", to: "2026-11-20") == ["validTo"])
        #expect(fields(to: "2028-11-18").isEmpty)  // two years
        #expect(fields(to: "2028-12-18") == ["validTo"])
        #expect(fields(from: "2026-01-01", to: "2028-01-04") == ["validTo"])
        let tooLong = ConsentRules.validate(
            scopes: [.referral], purpose: "Remiss till Jobbtorg", validFrom: d("2026-11-18"), validTo: d("2029-11-18"), fromText: "", toText: "",
            method: .oral, recipientKnown: true, today: today)
        #expect(tooLong.first?.message.contains("två år") == true)
        #expect(fields(scopes: []) == ["scopes"])
        #expect(fields(purpose: "Kort") == ["purpose"])
        #expect(fields(purpose: "   Kort\n ") == ["purpose"])
        #expect(fields(purpose: "Syfte").isEmpty)
        #expect(fields(from: "2026-01-01", to: "2026-11-17") == ["validTo"])  // already ended
        #expect(fields(to: nil) == ["validTo"])
        #expect(fields(method: nil) == ["method"])
        #expect(fields(recipientKnown: false) == ["recipient"])
    }

    // MARK: - 8. Target group

    @Test("Jobbtorg's target group: unemployment, or work to be tried; not a full-time AF programme outside the agreements")
    func targetGroup() {
        func eval(_ codes: [String], tried: Bool = false, fullTime: Bool = false, joint: Bool = false) -> TargetGroupRule.Result {
            TargetGroupRule.evaluate(.init(obstacleCodes: codes, workShouldBeTried: tried, fullTimeEmploymentServiceProgramme: fullTime, jointAgreement: joint))
        }
        #expect(eval(["arbetslos_ingen_ersattning"]).inTargetGroup)
        #expect(eval(["sjukskriven_otillracklig", "arbetslos_vantar_ersattning"]).inTargetGroup)
        #expect(eval(["arbetar_deltid_ofrivilligt"]).inTargetGroup)
        let sick = eval(["sjukskriven_otillracklig"])
        #expect(!sick.inTargetGroup)
        #expect(sick.reason.contains("inte arbetslöshet"))
        #expect(eval(["sjukskriven_otillracklig"], tried: true).inTargetGroup)
        let programme = eval(["arbetslos_ingen_ersattning"], fullTime: true)
        #expect(!programme.inTargetGroup)
        #expect(programme.reason.contains("Arbetsförmedlingen"))
        #expect(!eval([], tried: true, fullTime: true).inTargetGroup)
        #expect(eval(["arbetslos_ingen_ersattning"], fullTime: true, joint: true).inTargetGroup)
        let nothing = eval([])
        #expect(!nothing.inTargetGroup)
        #expect(nothing.reason.contains("Inget försörjningshinder"))
        #expect(!eval(["okand_kod"]).inTargetGroup)
    }

    // MARK: - 9. Closure and the six-month check

    @Test("Closing an enrolment: a reason, a reason text for återremittering, a date from enrolment to today")
    func closure() {
        let e = enrolment("2026-03-02")
        let today = d("2026-11-18")
        func fields(_ reason: Enrolment.ClosureReason?, _ detail: String = "", _ on: String? = "2026-11-18", text: String? = nil) -> [String] {
            Enrolment.validateClosure(e, reason: reason, detail: detail, closedOn: on.flatMap { LocalDate($0) }, dateText: text ?? on ?? "", today: today).map(\.field)
        }
        #expect(fields(.work).isEmpty)
        #expect(fields(nil) == ["reason"])
        #expect(fields(.returnedToDistrict) == ["detail"])
        #expect(fields(.returnedToDistrict, "  ok  ") == ["detail"])
        #expect(fields(.returnedToDistrict, "Behöver vård och behandling först").isEmpty)
        #expect(fields(.other, "x") == ["detail"])
        #expect(fields(.other, "Avliden").isEmpty)
        #expect(fields(.work, "", "2026-03-01") == ["closedOn"])
        #expect(fields(.work, "", "2026-03-02").isEmpty)
        #expect(fields(.work, "", "2026-11-19") == ["closedOn"])
        #expect(fields(.work, "", nil, text: "") == ["closedOn"])
        let badDate = Enrolment.validateClosure(e, reason: .work, detail: "", closedOn: nil, dateText: "2026-02-30", today: today)
        #expect(badDate.map(\.field) == ["closedOn"])
        #expect(badDate.first?.message.contains("ÅÅÅÅ-MM-DD") == true)
        #expect(Enrolment.ClosureReason.studies.isWorkOrStudies)
        #expect(!Enrolment.ClosureReason.returnedToDistrict.isWorkOrStudies)
    }

    @Test("The six-month check is due six months after closure; aid after the closure month means the person returned")
    func sixMonthCheck() {
        #expect(SixMonthCheck.due(closedOn: d("2026-03-15")) == d("2026-09-15"))
        #expect(SixMonthCheck.due(closedOn: d("2026-03-31")) == d("2026-09-30"))
        #expect(SixMonthCheck.due(closedOn: d("2026-08-31")) == d("2027-02-28"))
        func suggest(_ months: Set<String>, _ closed: String = "2026-03-15") -> SixMonthCheck.Result {
            SixMonthCheck.suggestedResult(aidMonths: months, closedOn: d(closed), dueOn: SixMonthCheck.due(closedOn: d(closed)))
        }
        #expect(suggest([]) == .notReturned)
        #expect(suggest(["2026-02", "2026-03"]) == .notReturned)  // the closure month and before do not count
        #expect(suggest(["2026-04"]) == .returned)
        #expect(suggest(["2026-07"]) == .returned)
        #expect(suggest(["2026-09"]) == .returned)  // the due month
        #expect(suggest(["2026-10"]) == .notReturned)  // after the due date
        #expect(suggest(["2027-01"], "2026-11-10") == .returned)  // across the year
        #expect(suggest(["2027-06"], "2026-11-10") == .notReturned)
        #expect(suggest(["2027-02"], "2026-08-31") == .returned)
    }

    // MARK: - 10. Aid months

    @Test("Long-term aid: 10 months of a calendar year; very long-term: 27 of the last 36 months")
    func aidMonths() {
        let tenIn2026 = Set((1...10).map { String(format: "2026-%02d", $0) })
        #expect(AidMonths.isLongTerm(months: tenIn2026, year: 2026))
        let nineIn2026 = Set((1...9).map { String(format: "2026-%02d", $0) })
        #expect(!AidMonths.isLongTerm(months: nineIn2026, year: 2026))
        #expect(!AidMonths.isLongTerm(months: nineIn2026.union(["2025-12", "2027-01"]), year: 2026))
        #expect(!AidMonths.isLongTerm(months: tenIn2026, year: 2025))
        #expect(AidMonths.monthsIn(year: 2026, tenIn2026.union(["2025-12"])) == 10)

        let upTo = d("2026-12-15")
        let last36 = (0..<36).map { d("2026-12-01").adding(months: -$0).monthKey }
        #expect(last36.first == "2026-12")
        #expect(last36.last == "2024-01")
        #expect(AidMonths.isVeryLongTerm(months: Set(last36.prefix(27)), upTo: upTo))
        #expect(AidMonths.isVeryLongTerm(months: Set(last36.suffix(27)), upTo: upTo))
        #expect(!AidMonths.isVeryLongTerm(months: Set(last36.prefix(26)), upTo: upTo))
        // Months outside the window do not count.
        #expect(!AidMonths.isVeryLongTerm(months: Set(last36.prefix(26)).union(["2023-12", "2027-01"]), upTo: upTo))
        #expect(AidMonths.monthsInLast36(months: Set(last36), upTo: upTo) == 36)
        #expect(AidMonths.parseMonth(" 2026-02 ") == "2026-02")
        #expect(AidMonths.parseMonth("2026-13") == nil)
    }

    // MARK: - 11. Attendance

    @Test("Attendance is recorded for enrolled people, not ahead of time and not in a final month")
    func attendanceValidation() {
        let today = d("2026-11-18")
        let e = enrolment("2026-03-02")
        func errors(_ enrolment: Enrolment?, _ date: String?, activity: String = "Praktik", status: AttendanceRecord.Status? = .present, final: Set<String> = [])
            -> [FieldError]
        {
            AttendanceRules.validate(
                enrolment: enrolment, date: date.flatMap { LocalDate($0) }, dateText: date ?? "", activity: activity, status: status, finalMonths: final,
                today: today)
        }
        let none = errors(nil, "2026-11-02")
        #expect(none.map(\.field) == ["date"])
        #expect(none.first?.message.contains("inskriven") == true)
        #expect(errors(e, "2026-11-02").isEmpty)
        #expect(errors(e, "2026-11-18").isEmpty)
        let final = errors(e, "2026-10-05", final: ["2026-10"])
        #expect(final.map(\.field) == ["date"])
        #expect(final.first?.message.contains("2026-10") == true)
        #expect(errors(e, "2026-11-05", final: ["2026-10"]).isEmpty)
        #expect(errors(e, "2026-11-19").map(\.field) == ["date"])
        #expect(errors(e, "2026-03-01").map(\.field) == ["date"])
        #expect(errors(e, nil).map(\.field) == ["date"])
        #expect(errors(e, "2026-11-02", activity: "x").map(\.field) == ["activity"])
        #expect(errors(e, "2026-11-02", status: nil).map(\.field) == ["status"])
        // A closed enrolment: days up to the closure may still be recorded, later ones not.
        let closed = enrolment("2026-03-02", status: .closed, closedOn: "2026-10-31")
        #expect(errors(closed, "2026-10-30").isEmpty)
        #expect(errors(closed, "2026-11-02").first?.message.contains("inskriven") == true)
    }
}
