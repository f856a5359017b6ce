import Foundation

/// Import of months with försörjningsstöd from the district's payment system: one line per person and month,
/// `personnummer;YYYY-MM` (comma also accepted; a header line is skipped). Each line is checked before anything
/// is stored; a file with a bad line is refused whole, with the line numbers, so nothing is half-imported.
public enum AidMonthImport {
    public struct Line: Sendable, Equatable {
        public let identityDigits: String
        public let month: String
    }

    public static func parse(_ text: String, today: Date) -> (lines: [Line], errors: [String]) {
        var lines: [Line] = []
        var errors: [String] = []
        let current = LocalDate(today).monthKey
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let row = raw.trimmingCharacters(in: .whitespaces)
            if row.isEmpty { continue }
            let cols = row.split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }
            if i == 0, cols.first?.lowercased().hasPrefix("person") == true { continue }
            guard cols.count == 2 else { errors.append("rad \(i + 1): två fält väntas, personnummer och månad"); continue }
            guard let number = try? PersonalIdentityNumber.parse(cols[0], today: today) else {
                errors.append("rad \(i + 1): ogiltigt personnummer eller samordningsnummer")
                continue
            }
            guard let month = AidMonths.parseMonth(cols[1]), month <= current else {
                errors.append("rad \(i + 1): månaden ska skrivas ÅÅÅÅ-MM och får inte ligga i framtiden")
                continue
            }
            lines.append(Line(identityDigits: number.digits, month: month))
        }
        return (lines, errors)
    }
}
