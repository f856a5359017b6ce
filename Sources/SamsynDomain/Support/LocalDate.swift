import Foundation

/// A calendar date without a time (Swedish local dates: a start date, a deadline, a review date).
/// Written and read strictly as `YYYY-MM-DD`; a date that does not exist (2025-02-30) is refused.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day),
            day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date computed from another (a month later, a holiday of a year): month and day exist by construction,
    /// and the year may leave the range accepted from input (2100-12-31 plus one working day is in 2101).
    /// Arithmetic must never fail on a date that was accepted.
    init(computedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = Swift.min(Swift.max(month, 1), 12)
        self.day = Swift.min(Swift.max(day, 1), LocalDate.daysIn(month: self.month, year: year))
    }

    /// The first day of this date's month.
    public var firstOfMonth: LocalDate { LocalDate(computedYear: year, month: month, day: 1) }

    /// Parses strict `YYYY-MM-DD` (surrounding spaces ignored).
    public init?(_ text: String) {
        guard let (y, m, d) = LocalDate.digits(text.utf8.count == 10 ? text : text.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A date read back from storage: strict `YYYY-MM-DD` with any year from 0001 to 9999, because a date
    /// Samsyn computed (a deadline one working day after 2100-12-31) may lie outside the range accepted
    /// from input, and what was written must read back. A date that does not exist is still refused.
    public init?(stored text: String) {
        guard let (y, m, d) = LocalDate.digits(text), y >= 1, (1...12).contains(m), (1...31).contains(d),
            d <= LocalDate.daysIn(month: m, year: y)
        else { return nil }
        self.year = y
        self.month = m
        self.day = d
    }

    /// The three numbers of exactly `DDDD-DD-DD` (ASCII digits), read byte by byte: dates are read on every
    /// row of a task list, so this must not allocate.
    private static func digits(_ s: String) -> (Int, Int, Int)? {
        var y = 0, m = 0, d = 0, i = 0
        for b in s.utf8 {
            if i == 4 || i == 7 {
                guard b == UInt8(ascii: "-") else { return nil }
            } else {
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), i < 10 else { return nil }
                let n = Int(b &- UInt8(ascii: "0"))
                if i < 4 { y = y * 10 + n } else if i < 7 { m = m * 10 + n } else { d = d * 10 + n }
            }
            i += 1
        }
        return i == 10 ? (y, m, d) : nil
    }

    /// The Swedish local date of an instant.
    public init(_ date: Date) {
        let c = Calendar.swedish.dateComponents([.year, .month, .day], from: date)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    public var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : String(month), d = day < 10 ? "0\(day)" : String(day)
        return "\(y)-\(m)-\(d)"
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic without time zones.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// 1 = Monday … 7 = Sunday (ISO).
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (dayNumber + 3) % 7
        return (w < 0 ? w + 7 : w) + 1
    }

    /// "3 mars 2026".
    public var swedishLong: String {
        let months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
        return "\(day) \(months[month - 1]) \(year)"
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
