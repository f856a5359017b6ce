/// Swedish working days: Monday–Friday, except the public holidays of Lag (1989:253) — Easter-based ones
/// included — and midsommarafton, julafton and nyårsafton, which are treated as holidays at work.
/// Deadlines such as "the first jobbplan within five working days of enrolment" are counted with it.
public enum WorkingDayCalendar {
    /// Easter Sunday (påskdagen) of a year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(computedYear: year, month: month, day: day)
    }

    /// The days of a year that are not working days although they may fall on a weekday, with their Swedish names.
    /// Weekends are not listed (a holiday on a Saturday or Sunday is still listed when it has a name).
    public static func holidays(_ year: Int) -> [LocalDate: String] {
        var out: [LocalDate: String] = [:]
        func fixed(_ m: Int, _ d: Int, _ name: String) { out[LocalDate(computedYear: year, month: m, day: d)] = name }
        fixed(1, 1, "Nyårsdagen")
        fixed(1, 6, "Trettondedag jul")
        fixed(5, 1, "Första maj")
        fixed(6, 6, "Sveriges nationaldag")
        fixed(12, 24, "Julafton")
        fixed(12, 25, "Juldagen")
        fixed(12, 26, "Annandag jul")
        fixed(12, 31, "Nyårsafton")
        let easter = easterSunday(year)
        out[easter.adding(days: -2)] = "Långfredagen"
        out[easter.adding(days: -1)] = "Påskafton"
        out[easter] = "Påskdagen"
        out[easter.adding(days: 1)] = "Annandag påsk"
        out[easter.adding(days: 39)] = "Kristi himmelsfärdsdag"
        out[easter.adding(days: 49)] = "Pingstdagen"
        // Midsommardagen is the Saturday between 20 and 26 June; midsommarafton the day before.
        let midsummer = Self.saturday(from: LocalDate(computedYear: year, month: 6, day: 20))
        out[midsummer.adding(days: -1)] = "Midsommarafton"
        out[midsummer] = "Midsommardagen"
        // Alla helgons dag is the Saturday between 31 October and 6 November.
        let allSaints = Self.saturday(from: LocalDate(computedYear: year, month: 10, day: 31))
        out[allSaints] = "Alla helgons dag"
        return out
    }

    /// The first Saturday on or after `date` (within the next seven days).
    static func saturday(from date: LocalDate) -> LocalDate {
        date.adding(days: (6 - date.isoWeekday + 7) % 7)
    }

    private static let cache: [Int: [LocalDate: String]] = {
        var c: [Int: [LocalDate: String]] = [:]
        for y in 1990...2060 { c[y] = holidays(y) }
        return c
    }()

    /// The holiday's name, or nil.
    public static func holidayName(_ date: LocalDate) -> String? {
        (cache[date.year] ?? holidays(date.year))[date]
    }

    public static func isWorkingDay(_ date: LocalDate) -> Bool {
        date.isoWeekday <= 5 && holidayName(date) == nil
    }

    /// The date `n` working days after `date` (the start day itself is day 0 and never counts).
    /// With `n == 0`, the date itself.
    public static func adding(workingDays n: Int, to date: LocalDate) -> LocalDate {
        var d = date
        var left = Swift.max(n, 0)
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    public static func workingDays(from: LocalDate, to: LocalDate) -> Int {
        guard to > from else { return 0 }
        var n = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isWorkingDay(d) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }

    /// The `n`th working day of a month (1-based).
    public static func workingDay(_ n: Int, ofMonth month: Int, year: Int) -> LocalDate {
        var d = LocalDate(computedYear: year, month: month, day: 1).adding(days: -1)
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// What the calendar says of a date, for the API and pages.
    public struct Day: Sendable, Equatable {
        public let date: LocalDate
        public let isWorkingDay: Bool
        public let holiday: String?
        public let weekdayName: String
        public let nextWorkingDay: LocalDate
    }

    public static func describe(_ date: LocalDate) -> Day {
        let names = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
        return Day(
            date: date, isWorkingDay: isWorkingDay(date), holiday: holidayName(date), weekdayName: names[date.isoWeekday - 1],
            nextWorkingDay: adding(workingDays: 1, to: date))
    }
}

extension LocalDate {
    /// The same date `n` months later; if that month is shorter, its last day (Lag 1930:173).
    public func adding(months n: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + n
        let y = total / 12, m = total % 12 + 1
        return LocalDate(computedYear: y, month: m, day: Swift.min(day, LocalDate.daysIn(month: m, year: y)))
    }

    /// `YYYY-MM` of the date's month.
    public var monthKey: String { String(description.prefix(7)) }

    /// The first day of the month after this date's.
    public var firstOfNextMonth: LocalDate {
        firstOfMonth.adding(months: 1)
    }
}
