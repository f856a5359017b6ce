import Foundation

/// A period a figure covers: a month, a quarter, a year or a free range of days (both ends included).
public enum MeasurementPeriod: Sendable, Hashable, CustomStringConvertible {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case year(Int)
    case range(from: LocalDate, to: LocalDate)

    public var start: LocalDate {
        switch self {
        case .month(let y, let m): LocalDate(year: y, month: m, day: 1)!
        case .quarter(let y, let q): LocalDate(year: y, month: (q - 1) * 3 + 1, day: 1)!
        case .year(let y): LocalDate(year: y, month: 1, day: 1)!
        case .range(let from, _): from
        }
    }

    public var end: LocalDate {
        switch self {
        case .month: start.adding(months: 1).adding(days: -1)
        case .quarter: start.adding(months: 3).adding(days: -1)
        case .year: start.adding(months: 12).adding(days: -1)
        case .range(_, let to): to
        }
    }

    public func contains(_ d: LocalDate) -> Bool { d >= start && d <= end }

    /// The period before, of the same length: the previous month, quarter or year; for a range, the same number of
    /// days just before it.
    public var previous: MeasurementPeriod {
        switch self {
        case .month(let y, let m): m == 1 ? .month(year: y - 1, month: 12) : .month(year: y, month: m - 1)
        case .quarter(let y, let q): q == 1 ? .quarter(year: y - 1, quarter: 4) : .quarter(year: y, quarter: q - 1)
        case .year(let y): .year(y - 1)
        case .range(let from, let to):
            .range(from: from.adding(days: -(from.days(until: to) + 1)), to: from.adding(days: -1))
        }
    }

    /// The whole months the period is made of, when it is made of whole months (a range from a first to a last day).
    public var wholeMonths: [LocalDate]? {
        guard start.day == 1, end.adding(days: 1).day == 1 else { return nil }
        var out: [LocalDate] = []
        var m = start
        while m <= end {
            out.append(m)
            m = m.adding(months: 1)
        }
        return out
    }

    /// The form value: `2026-11`, `2026-K3`, `2026`, or `2026-01-01–2026-03-31`.
    public var description: String {
        switch self {
        case .month(let y, let m): String(format: "%04d-%02d", y, m)
        case .quarter(let y, let q): "\(y)-K\(q)"
        case .year(let y): String(y)
        case .range(let from, let to): "\(from)–\(to)"
        }
    }

    /// Swedish, for headings: "november 2026", "kvartal 3 2026", "år 2026", "2026-01-01–2026-03-31".
    public var swedishName: String {
        switch self {
        case .month(let y, let m): "\(Self.monthNames[m - 1]) \(y)"
        case .quarter(let y, let q): "kvartal \(q) \(y)"
        case .year(let y): "år \(y)"
        case .range(let from, let to): "\(from)–\(to)"
        }
    }

    static let monthNames = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]

    /// The short month label of a chart ("nov 2026").
    public static func shortMonth(_ d: LocalDate) -> String { "\(monthNames[d.month - 1].prefix(3)) \(d.year)" }

    /// Parses a period as a form or the API sends it. `2026-13`, a quarter 5, a range that ends before it starts
    /// are refused with a Swedish message. A range is `from` and `to` (YYYY-MM-DD) when `text` is empty or "range".
    public static func parse(_ text: String, from: String = "", to: String = "") -> Result<MeasurementPeriod, PeriodError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        func bad(_ m: String) -> Result<MeasurementPeriod, PeriodError> { .failure(PeriodError(field: "period", message: m)) }
        if t.isEmpty || t == "range" {
            let f = from.trimmingCharacters(in: .whitespaces), e = to.trimmingCharacters(in: .whitespaces)
            guard !f.isEmpty || !e.isEmpty else { return bad("Välj en period: ÅÅÅÅ-MM, ÅÅÅÅ-K1–K4, ÅÅÅÅ eller ett intervall med start- och slutdatum.") }
            guard let a = LocalDate(f) else { return .failure(PeriodError(field: "from", message: "Ange startdatum som ÅÅÅÅ-MM-DD (ett datum som finns).")) }
            guard let b = LocalDate(e) else { return .failure(PeriodError(field: "to", message: "Ange slutdatum som ÅÅÅÅ-MM-DD (ett datum som finns).")) }
            guard b >= a else { return .failure(PeriodError(field: "to", message: "Intervallet slutar (\(b)) innan det börjar (\(a)).")) }
            guard a.days(until: b) <= 3660 else { return .failure(PeriodError(field: "to", message: "Ett intervall kan vara högst tio år.")) }
            return .success(.range(from: a, to: b))
        }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func year(_ s: String) -> Int? { s.count == 4 && s.allSatisfy(\.isASCII) ? Int(s).flatMap { (2000...2100).contains($0) ? $0 : nil } : nil }
        if parts.count == 1 {
            guard let y = year(parts[0]) else { return bad("”\(t)” är inte en period. Skriv ÅÅÅÅ-MM (månad), ÅÅÅÅ-K1 till ÅÅÅÅ-K4 (kvartal) eller ÅÅÅÅ (år).") }
            return .success(.year(y))
        }
        if parts.count == 2, let y = year(parts[0]) {
            let p = parts[1].uppercased()
            if (p.hasPrefix("K") || p.hasPrefix("Q")) && p.count == 2 {
                guard let q = Int(p.dropFirst()), (1...4).contains(q) else { return bad("Kvartalet ”\(t)” finns inte: ett år har kvartal K1–K4.") }
                return .success(.quarter(year: y, quarter: q))
            }
            if p.count == 2, let m = Int(p) {
                guard (1...12).contains(m) else { return bad("Månaden ”\(t)” finns inte: månaderna är 01–12.") }
                return .success(.month(year: y, month: m))
            }
        }
        return bad("”\(t)” är inte en period. Skriv ÅÅÅÅ-MM (månad), ÅÅÅÅ-K1 till ÅÅÅÅ-K4 (kvartal) eller ÅÅÅÅ (år).")
    }
}

/// Why a period was refused: the form field and the Swedish message.
public struct PeriodError: Error, Equatable, Sendable {
    public let field: String
    public let message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
    public var fieldError: FieldError { FieldError(field: field, message: message) }
}
