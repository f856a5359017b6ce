import Foundation

/// A Swedish personnummer or samordningsnummer (18 and 18 a §§ folkbokföringslagen),
/// always held in the 12-digit form `YYYYMMDDNNNC` that Skatteverket stores.
///
/// Parsing accepts the forms people actually type: 10 or 12 digits, with or without `-`,
/// and `+` for people who have turned 100. The century of a 10-digit number is decided
/// against a reference date (today), so parsing takes the date explicitly.
public struct PersonalIdentityNumber: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// Personnummer: the day of birth as it is.
        case personnummer
        /// Samordningsnummer: the day of birth plus 60.
        case samordningsnummer
    }

    /// The twelve digits, `YYYYMMDDNNNC`.
    public let digits: String
    public let kind: Kind
    /// Date of birth (for a samordningsnummer, the day minus 60).
    public let birthDate: DateComponents

    /// `YYYYMMDD-NNNN`, the form shown to staff.
    public var formatted: String {
        "\(digits.prefix(8))-\(digits.suffix(4))"
    }

    public var description: String { formatted }

    /// Parses and validates. `today` decides the century of 10-digit numbers.
    public static func parse(_ input: String, today: Date, calendar: Calendar = .swedish) throws(IdentityNumberError)
        -> PersonalIdentityNumber
    {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .empty }
        var body = trimmed
        var separator: Character? = nil
        if let last = body.dropLast(4).last, last == "-" || last == "+", body.count == 11 || body.count == 13 {
            separator = last
            let idx = body.index(body.endIndex, offsetBy: -5)
            body.remove(at: idx)
        }
        guard body.allSatisfy({ $0.isASCII && $0.isNumber }), body.count == 10 || body.count == 12 else {
            throw .format
        }
        let todayParts = calendar.dateComponents([.year, .month, .day], from: today)
        guard let thisYear = todayParts.year else { throw .format }

        let tenDigits: String
        var year: Int
        let yearDigits: Int
        if body.count == 12 {
            tenDigits = String(body.dropFirst(2))
            year = Int(body.prefix(4))!
            guard (1800...2099).contains(year) else { throw .century }
            yearDigits = year % 100
        } else {
            tenDigits = body
            yearDigits = Int(body.prefix(2))!
            // The latest year ending in these two digits that is not after this year…
            year = thisYear - ((thisYear - yearDigits) % 100 + 100) % 100
            // …and a century further back for people who have turned 100 (`+`).
            if separator == "+" { year -= 100 }
        }
        _ = yearDigits
        let month = Int(tenDigits.dropFirst(2).prefix(2))!
        var day = Int(tenDigits.dropFirst(4).prefix(2))!
        let serial = Int(tenDigits.dropFirst(6).prefix(3))!

        let kind: Kind
        if day > 60 {
            kind = .samordningsnummer
            day -= 60
        } else {
            kind = .personnummer
        }
        guard (1...12).contains(month), day >= 1,
            let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
            calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { throw .date }
        guard serial != 0 else { throw .format }
        guard date <= today else { throw .future }
        guard luhnCheckDigit(String(tenDigits.prefix(9))) == Int(String(tenDigits.last!))! else { throw .checkDigit }

        let full = String(format: "%04d", year) + String(tenDigits.dropFirst(2))
        return PersonalIdentityNumber(
            digits: full, kind: kind,
            birthDate: DateComponents(year: year, month: month, day: day))
    }

    /// Rebuilds a stored 12-digit value (trusted, already validated when it was stored).
    public init?(storedDigits: String) {
        guard storedDigits.count == 12, storedDigits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let year = Int(storedDigits.prefix(4))!
        let month = Int(storedDigits.dropFirst(4).prefix(2))!
        var day = Int(storedDigits.dropFirst(6).prefix(2))!
        let kind: Kind = day > 60 ? .samordningsnummer : .personnummer
        if day > 60 { day -= 60 }
        self.init(digits: storedDigits, kind: kind, birthDate: DateComponents(year: year, month: month, day: day))
    }

    private init(digits: String, kind: Kind, birthDate: DateComponents) {
        self.digits = digits
        self.kind = kind
        self.birthDate = birthDate
    }

    /// The mod-10 (Luhn) check digit over the nine digits YYMMDDNNN, weights 2,1,2,…
    public static func luhnCheckDigit(_ nine: String) -> Int {
        var sum = 0
        for (i, ch) in nine.enumerated() {
            var v = Int(String(ch))! * (i % 2 == 0 ? 2 : 1)
            if v > 9 { v -= 9 }
            sum += v
        }
        return (10 - sum % 10) % 10
    }
}

/// Why a personnummer or samordningsnummer was refused; `message` is the Swedish text shown at the field.
public enum IdentityNumberError: Error, Equatable, Sendable {
    case empty, format, century, date, future, checkDigit

    public var message: String {
        switch self {
        case .empty: "Ange personnummer eller samordningsnummer."
        case .format: "Skriv numret med 10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN."
        case .century: "Århundradet i numret stämmer inte. Numret ska börja med 18, 19 eller 20 när det har 12 siffror."
        case .date: "Datumet i numret finns inte. Kontrollera år, månad och dag."
        case .future: "Datumet i numret ligger i framtiden. Kontrollera numret."
        case .checkDigit: "Kontrollsiffran stämmer inte. Kontrollera att numret är rätt skrivet."
        }
    }
}

extension Calendar {
    /// Gregorian calendar in Stockholm's time zone: the dates staff and the person live by.
    public static var swedish: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Stockholm") ?? .current
        c.locale = Locale(identifier: "sv_SE")
        return c
    }
}
