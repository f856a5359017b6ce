import Foundation

/// What a search box's text means: an exact identity number, a date of birth, a phone number, a street
/// address, or names. Text is folded the way the search index is written: case and diacritics do not
/// matter ("nystrom" finds "Nyström", "ASA" finds "Åsa").
public enum PersonSearchQuery: Equatable, Sendable {
    /// A complete, valid personnummer or samordningsnummer. `orPhone`: the same ten digits written without
    /// separators and beginning with 0 may be a phone number too (070…), so they are looked up as both.
    case identityNumber(PersonalIdentityNumber, orPhone: String?)
    /// Six or eight digits: the birth-date part (`YYMMDD` or `YYYYMMDD`). For six digits, the century is open.
    case birthDate(String)
    /// A phone number's digits (a leading +46 or 0046 as 0), matched as a prefix. Never finds a person with
    /// protected identity.
    case phone(String)
    /// Street tokens ("storgatan", "12"), each matched as a prefix of a token of the street. Never finds a
    /// person with protected identity.
    case street([String])
    /// Name tokens, folded, each matched as a prefix of a first or last name; at least one has two letters,
    /// the others may be initials ("andersson j").
    case name([String])

    public static let minimumTokenLength = 2

    /// The number a search named when it was a complete, valid personnummer or samordningsnummer: with no
    /// hit, the search page offers to register it.
    public var registrableNumber: PersonalIdentityNumber? {
        if case .identityNumber(let n, _) = self { return n }
        return nil
    }

    public static func parse(_ raw: String, today: Date) throws(DomainError) -> PersonSearchQuery {
        let text = PersonInput.clean(raw)
        if text.isEmpty {
            throw DomainError.invalid([FieldError(field: "q", message: "Skriv ett personnummer, ett namn, ett telefonnummer eller en adress.")])
        }
        // Counted as the API describes it (JSON Schema counts code points, not what a reader sees as letters),
        // before cleaning, so a long input made short by removed control characters is still too long.
        if raw.unicodeScalars.count > 100 || text.unicodeScalars.count > 100 {
            throw DomainError.invalid([FieldError(field: "q", message: "Sökningen får vara högst 100 tecken.")])
        }
        let separators: Set<Character> = ["-", "+", " ", "(", ")"]
        let compact = text.filter { !separators.contains($0) }
        if !compact.isEmpty, compact.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // Separators where a phone number has them (070-123 45 67, 08-123 456, +46 70…), not where an
            // identity number has its dash (after six or eight digits).
            let firstSeparatorAt = text.firstIndex(where: { separators.contains($0) }).map { text.distance(from: text.startIndex, to: $0) }
            let phoneShaped = text.hasPrefix("+") || (compact.hasPrefix("0") && firstSeparatorAt != nil && firstSeparatorAt != 6 && firstSeparatorAt != 8)
            if phoneShaped {
                guard let digits = phoneDigits(text), (5...15).contains(digits.count) else {
                    throw DomainError.invalid([FieldError(field: "q", message: "Skriv hela telefonnumret, till exempel 070-123 45 67.")])
                }
                return .phone(digits)
            }
            switch compact.count {
            case 10, 12:
                do {
                    let n = try PersonalIdentityNumber.parse(text, today: today)
                    return .identityNumber(n, orPhone: compact.count == 10 && compact.hasPrefix("0") && firstSeparatorAt == nil ? compact : nil)
                } catch {
                    if compact.hasPrefix("0"), compact.count == 10 { return .phone(compact) }
                    throw DomainError.invalid([FieldError(field: "q", message: error.message)])
                }
            case 6, 8: return .birthDate(compact)
            default:
                if compact.hasPrefix("0"), (7...15).contains(compact.count) { return .phone(compact) }
                throw DomainError.invalid([
                    FieldError(field: "q", message: "Skriv hela numret (10 eller 12 siffror), födelsedatumet (6 eller 8 siffror) eller ett telefonnummer som börjar med 0.")
                ])
            }
        }
        let tokens = searchTokens(text)
        if tokens.contains(where: { $0.contains(where: \.isNumber) }) || tokens.contains(where: isStreetWord) {
            guard tokens.contains(where: { $0.count >= minimumTokenLength && !$0.allSatisfy(\.isNumber) }) else {
                throw DomainError.invalid([FieldError(field: "q", message: "Skriv gatunamnet, till exempel Storgatan 12.")])
            }
            return .street(Array(tokens.prefix(4)))
        }
        if tokens.isEmpty || !tokens.contains(where: { $0.count >= minimumTokenLength }) {
            throw DomainError.invalid([FieldError(field: "q", message: "Skriv minst två bokstäver av ett namn, till exempel Andersson J.")])
        }
        return .name(Array(tokens.prefix(4)))
    }

    /// Endings that make a word a street name rather than a surname (after folding).
    static let streetEndings = ["gatan", "gata", "vagen", "grand", "granden", "stigen", "backe", "backen", "torget", "alle", "allen", "gangen", "ringen", "slingan", "leden", "platsen"]

    static func isStreetWord(_ token: String) -> Bool {
        token.count > 4 && streetEndings.contains(where: { token.hasSuffix($0) })
    }

    /// Folds case and diacritics: "Nyström" → "nystrom", "Åsa" → "asa", "Müller" → "muller".
    public static func fold(_ s: String) -> String {
        s.lowercased(with: Locale(identifier: "sv_SE")).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Folded tokens of a name or a street, split on spaces, hyphens, commas and dots:
    /// "Anna-Karin Öberg" → ["anna", "karin", "oberg"]. The search index is written with these.
    public static func searchTokens(_ text: String) -> [String] {
        fold(text)
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," || $0 == "." || $0 == "/" })
            .map(String.init)
            .filter { !$0.isEmpty }
    }

    /// The lowercase name as it sorts (not folded, so Å, Ä and Ö sort after Z as in Swedish lists).
    public static func sortKey(_ name: String) -> String {
        name.lowercased(with: Locale(identifier: "sv_SE"))
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," || $0 == "." })
            .joined(separator: " ")
    }

    /// A phone number's digits for the index: a leading +46 or 0046 becomes 0 ("+46 70-123 45 67" → "0701234567").
    /// Nil when there are no digits. The same rule fills `person_files.phone_digits` in migration 0013.
    public static func phoneDigits(_ phone: String) -> String? {
        let digits = phone.filter { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        if phone.trimmingCharacters(in: .whitespaces).hasPrefix("+46") { return "0" + digits.dropFirst(2) }
        if digits.hasPrefix("0046") { return "0" + digits.dropFirst(4) }
        return digits
    }
}
