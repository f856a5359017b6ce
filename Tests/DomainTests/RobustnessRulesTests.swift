import Foundation
import Testing

@testable import SamsynDomain

/// Input that once stopped the process: counts and pages out of range, dates at the end of the accepted
/// range, times with extra colons. Each is now a field error or a correct answer.
@Suite("Robustness rules: paging, dates and times")
struct RobustnessRulesTests {
    @Test("A page request takes 1…100 000 and the list's sizes; the offset never overflows")
    func paging() throws {
        let p = try PageRequest(page: nil, size: nil, defaultSize: 50, maxSize: 200)
        #expect(p.page == 1 && p.size == 50 && p.offset == 0)
        let last = try PageRequest(page: PageRequest.maxPage, size: 200, defaultSize: 50, maxSize: 200)
        #expect(last.offset == (PageRequest.maxPage - 1) * 200)
        for (page, size, fields) in [
            (0, 50, ["page"]), (-1, 50, ["page"]), (Int.max, 50, ["page"]), (Int.min, 50, ["page"]), (1, 0, ["pageSize"]), (1, 201, ["pageSize"]),
            (-5, -5, ["page", "pageSize"]),
        ] {
            #expect(throws: DomainError.self) { try PageRequest(page: page, size: size, defaultSize: 50, maxSize: 200) }
            do {
                _ = try PageRequest(page: page, size: size, defaultSize: 50, maxSize: 200)
            } catch {
                #expect(error.kind == .invalid)
                #expect(error.fields.map(\.field) == fields, "page \(page), size \(size)")
            }
        }
    }

    @Test("A page number from a query string: empty is page 1, junk and huge numbers are refused")
    func pageText() throws {
        #expect(try PageRequest(pageText: nil, size: 50).page == 1)
        #expect(try PageRequest(pageText: "", size: 50).page == 1)
        #expect(try PageRequest(pageText: " 7 ", size: 50).offset == 300)
        for bad in ["0", "-1", "abc", "1.5", "99999999999999999999", "9223372036854775807", "٣"] {
            #expect(throws: DomainError.self, "\(bad)") { try PageRequest(pageText: bad, size: 50) }
        }
    }

    @Test("A limit is 1…max; nil is the default")
    func limit() throws {
        #expect(try PageRequest.limit(nil, default: 20, max: 100) == 20)
        #expect(try PageRequest.limit(100, default: 20, max: 100) == 100)
        for bad in [-1, 0, 101, Int.min, Int.max] {
            #expect(throws: DomainError.self) { try PageRequest.limit(bad, default: 20, max: 100) }
        }
    }

    @Test("A date Samsyn computed reads back from storage, past 2100 too; input keeps its range; a date that does not exist never reads")
    func storedDates() throws {
        let computed = WorkingDayCalendar.adding(workingDays: 1, to: try #require(LocalDate("2100-12-31")))
        #expect(LocalDate(stored: computed.description) == computed)
        #expect(LocalDate(stored: "2102-12-31")?.description == "2102-12-31")
        #expect(LocalDate(stored: "1899-12-01")?.description == "1899-12-01")
        #expect(LocalDate("2102-12-31") == nil)
        for bad in ["2101-02-29", "2100-02-29", "0000-01-01", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-01x", "2026/01/01", "", "２０２６-01-01"] {
            #expect(LocalDate(stored: bad) == nil, "\(bad)")
        }
        #expect(LocalDate(stored: "2104-02-29")?.day == 29)
        // Input is still read with surrounding spaces, and strictly otherwise.
        #expect(LocalDate(" 2026-12-01 ")?.description == "2026-12-01")
        #expect(LocalDate("2026-12-1") == nil)
        #expect(LocalDate("+026-12-01") == nil)
    }

    @Test("Dates at the end of the accepted range: the calendar and month arithmetic answer (2101 is computed, not refused)")
    func calendarEdges() throws {
        let last = try #require(LocalDate("2100-12-31"))
        #expect(WorkingDayCalendar.adding(workingDays: 1, to: last).description == "2101-01-03")
        #expect(WorkingDayCalendar.describe(last).nextWorkingDay.description == "2101-01-03")
        #expect(last.adding(months: 24).description == "2102-12-31")
        #expect(last.firstOfNextMonth.description == "2101-01-01")
        #expect(WorkingDayCalendar.holidayName(LocalDate(computedYear: 2101, month: 1, day: 1)) == "Nyårsdagen")
        #expect(AttendanceRules.reportDue(month: "2100-12").description == "2101-01-10")
        #expect(LocalDate("2101-01-01") == nil)
        let first = try #require(LocalDate("1900-01-01"))
        #expect(first.adding(months: -1).description == "1899-12-01")
        #expect(WorkingDayCalendar.describe(first).isWorkingDay == false)
        // A consent from the last accepted year is checked, not a crash.
        let errors = ConsentRules.validate(
            scopes: [.referral], purpose: "Samordning av insatser", validFrom: LocalDate("2100-06-01"), validTo: last, fromText: "2100-06-01",
            toText: "2100-12-31", method: .written, recipientKnown: true, today: try #require(LocalDate("2026-11-22")))
        #expect(errors.isEmpty)
    }

    @Test("Midsommar and alla helgons dag are still the right Saturdays")
    func saturdays() {
        for (year, midsummer, allSaints) in [(2026, "2026-06-20", "2026-10-31"), (2025, "2025-06-21", "2025-11-01"), (2030, "2030-06-22", "2030-11-02")] {
            let names = WorkingDayCalendar.holidays(year)
            #expect(names.first { $0.value == "Midsommardagen" }?.key.description == midsummer)
            #expect(names.first { $0.value == "Alla helgons dag" }?.key.description == allSaints)
        }
    }

    @Test("A time is strict HH:MM: extra colons, signs and other digits are refused")
    func times() {
        #expect(MeetingRules.parseTime("09:30")! == (9, 30))
        #expect(MeetingRules.parseTime("23:59")! == (23, 59))
        for bad in [":09:30", "09:30:", "09::30", "+1:30", "-1:30", "24:00", "12:60", "9:30", "٠٩:٣٠", "", ":", "ab:cd", "09:3", "0 9:30"] {
            #expect(MeetingRules.parseTime(bad) == nil, "\(bad)")
            #expect(!MeetingRules.isTime(bad))
        }
    }
}
