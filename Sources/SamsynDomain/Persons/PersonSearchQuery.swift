import Foundation

/// What a search box's text means: an exact identity number, a date of birth, or name prefixes.
public enum PersonSearchQuery: Equatable, Sendable {
    /// A complete, valid personnummer or samordningsnummer.
    case identityNumber(PersonalIdentityNumber)
    /// Six or eight digits: the birth-date part (`YYMMDD` or `YYYYMMDD`). For six digits, the century is open.
    case birthDate(String)
    /// Name tokens, lowercased, each matched as a prefix of a first or last name.
    case name([String])

    public static let minimumTokenLength = 2

    public static func parse(_ raw: String, today: Date) throws(DomainError) -> PersonSearchQuery {
        let text = PersonInput.clean(raw)
        if text.isEmpty {
            throw DomainError.invalid([FieldError(field: "q", message: "Skriv ett personnummer eller ett namn.")])
        }
        if text.count > 100 {
            throw DomainError.invalid([FieldError(field: "q", message: "Sökningen får vara högst 100 tecken.")])
        }
        let compact = text.filter { $0 != "-" && $0 != "+" && $0 != " " }
        if compact.allSatisfy({ $0.isASCII && $0.isNumber }) {
            switch compact.count {
            case 10, 12:
                do { return .identityNumber(try PersonalIdentityNumber.parse(text, today: today)) } catch {
                    throw DomainError.invalid([FieldError(field: "q", message: error.message)])
                }
            case 6, 8: return .birthDate(compact)
            default:
                throw DomainError.invalid([
                    FieldError(field: "q", message: "Skriv hela numret (10 eller 12 siffror) eller födelsedatumet (6 eller 8 siffror).")
                ])
            }
        }
        let tokens = normalizedNameTokens(text)
        if tokens.isEmpty || tokens.contains(where: { $0.count < minimumTokenLength }) {
            throw DomainError.invalid([FieldError(field: "q", message: "Skriv minst två bokstäver av varje namn.")])
        }
        return .name(Array(tokens.prefix(4)))
    }

    /// Lowercase tokens of a name, split on spaces and hyphens: "Anna-Karin Öberg" → ["anna", "karin", "öberg"].
    public static func normalizedNameTokens(_ name: String) -> [String] {
        name.lowercased(with: Locale(identifier: "sv_SE"))
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," || $0 == "." })
            .map(String.init)
            .filter { !$0.isEmpty }
    }
}
