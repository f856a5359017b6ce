import Foundation

/// One variable a research extract may contain, as the data dictionary Samsyn ships describes it.
/// Only coarsened values are offered: dates as months, the birth year instead of the birth date, and never a
/// name, a personnummer, an address, a phone number or free text (there is no such variable to choose).
public struct ResearchVariable: Sendable, Equatable, Identifiable {
    public let id: String
    /// The Swedish label shown on the form and in the codebook.
    public let label: String
    public let description: String
    /// How the value is coarsened before it leaves Samsyn (Swedish, in the codebook).
    public let coarsening: String
    /// The values the column can hold (Swedish, in the codebook).
    public let values: String
    /// A quasi-identifier: k-anonymity is checked on the combination of the chosen ones.
    public let quasiIdentifier: Bool

    public init(id: String, label: String, description: String, coarsening: String, values: String, quasiIdentifier: Bool) {
        self.id = id
        self.label = label
        self.description = description
        self.coarsening = coarsening
        self.values = values
        self.quasiIdentifier = quasiIdentifier
    }
}

/// Which persons a project's extract covers.
public enum ResearchPopulation: String, Sendable, CaseIterable, Codable {
    /// Everyone with at least one month of försörjningsstöd in the period.
    case aid
    /// Everyone enrolled at a Jobbtorg at some time in the period.
    case jobbtorg

    public var swedishName: String {
        switch self {
        case .aid: "Personer med försörjningsstöd under perioden (utom personer med skyddade personuppgifter)"
        case .jobbtorg: "Personer inskrivna på Jobbtorg under perioden (utom personer med skyddade personuppgifter)"
        }
    }
}

/// The data dictionary: every variable an extract may contain, in the order the columns come.
public enum ResearchDictionary {
    /// The pseudonym column, always first; not chosen.
    public static let pseudonym = ResearchVariable(
        id: "pseudonym", label: "Pseudonym",
        description: "Projektets pseudonym för personen: en nyckelstyrd kontrollsumma (HMAC-SHA-256) som Samsyn räknar med projektets egen nyckel. Samma person får samma pseudonym i varje uttag för projektet och en annan i alla andra projekt. Nyckeln lämnas aldrig ut.",
        coarsening: "Ingen koppling till personnummer eller namn kan göras utan nyckeln.", values: "16 bokstäver a–p",
        quasiIdentifier: false)

    public static let variables: [ResearchVariable] = [
        ResearchVariable(
            id: "birth_year", label: "Födelseår", description: "Året personen föddes, ur personnumret.",
            coarsening: "Födelseår i stället för födelsedatum. Där k-anonymiteten kräver det: femårsintervall (t.ex. 1980-1984).",
            values: "ÅÅÅÅ eller ÅÅÅÅ-ÅÅÅÅ", quasiIdentifier: true),
        ResearchVariable(
            id: "gender", label: "Juridiskt kön", description: "Juridiskt kön ur personnumret.", coarsening: "Lämnas som K eller M.",
            values: "K = kvinna, M = man", quasiIdentifier: true),
        ResearchVariable(
            id: "age_band", label: "Åldersgrupp", description: "Ålder vid periodens sista dag, i grupp.",
            coarsening: "Åldersgrupp i stället för ålder. Där k-anonymiteten kräver det: bredare grupp (0-29, 30-49, 50+).",
            values: "0-17, 18-24, 25-29, 30-39, 40-49, 50-64, 65+ (breddade: 0-29, 30-49, 50+)", quasiIdentifier: true),
        ResearchVariable(
            id: "district", label: "Stadsdelsnämnd",
            description: "Stadsdelsnämnden som hade personens försörjningsstöd den sista månaden i perioden, annars den som remitterade till Jobbtorg.",
            coarsening: "Där k-anonymiteten kräver det: hela staden (stockholm).", values: "Nämndens kod, t.ex. spanga-tensta; stockholm = generaliserad",
            quasiIdentifier: true),
        ResearchVariable(
            id: "aid_months", label: "Månader med försörjningsstöd", description: "Antal kalendermånader med försörjningsstöd under perioden.",
            coarsening: "Antal månader.", values: "0 och uppåt", quasiIdentifier: false),
        ResearchVariable(
            id: "first_aid_month", label: "Första månad med försörjningsstöd", description: "Den första månaden med försörjningsstöd under perioden.",
            coarsening: "Månad i stället för datum.", values: "ÅÅÅÅ-MM, tomt = ingen", quasiIdentifier: false),
        ResearchVariable(
            id: "last_aid_month", label: "Sista månad med försörjningsstöd", description: "Den sista månaden med försörjningsstöd under perioden.",
            coarsening: "Månad i stället för datum.", values: "ÅÅÅÅ-MM, tomt = ingen", quasiIdentifier: false),
        ResearchVariable(
            id: "jobbtorg_enrolled", label: "Inskriven på Jobbtorg", description: "Om personen var inskriven på ett Jobbtorg någon gång under perioden.",
            coarsening: "Ja eller nej.", values: "1 = ja, 0 = nej", quasiIdentifier: false),
        ResearchVariable(
            id: "jobbtorg_enrolment_month", label: "Månad för inskrivning på Jobbtorg",
            description: "Månaden då den första inskrivningen på Jobbtorg som pågick under perioden började.", coarsening: "Månad i stället för datum.",
            values: "ÅÅÅÅ-MM, tomt = ingen", quasiIdentifier: false),
    ]

    public static func variable(_ id: String) -> ResearchVariable? { variables.first { $0.id == id } }

    /// What never leaves Samsyn in an extract, whatever a form sends: direct identifiers and free text.
    public static let forbidden: Set<String> = [
        "name", "first_name", "last_name", "personnummer", "identity_number", "samordningsnummer", "birth_date", "address", "street", "postal_code",
        "city", "phone", "email", "note", "free_text", "journal",
    ]

    /// The chosen ids in dictionary order, or the Swedish reason a choice is refused.
    public enum Choice: Sendable, Equatable {
        case chosen([ResearchVariable])
        case refused(FieldError)
    }

    public static func choose(_ ids: [String]) -> Choice {
        var unknown: [String] = []
        for id in ids where variable(id) == nil { unknown.append(id) }
        if let bad = unknown.first {
            let shown = String(bad.prefix(40))
            let message =
                forbidden.contains(bad.lowercased())
                ? "”\(shown)” lämnas aldrig ut i ett forskningsuttag: namn, personnummer, adresser, telefonnummer och fritext ingår inte."
                : "”\(shown)” finns inte i datakatalogen. Välj variabler i listan."
            return .refused(FieldError(field: "variables", message: message))
        }
        let chosen = variables.filter { ids.contains($0.id) }
        if chosen.isEmpty { return .refused(FieldError(field: "variables", message: "Välj minst en variabel ur datakatalogen.")) }
        return .chosen(chosen)
    }
}
