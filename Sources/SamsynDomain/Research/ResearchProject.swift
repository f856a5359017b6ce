import Foundation

/// A research project's application for an extract, and what was decided about it.
public struct ResearchProject: Sendable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case applied, approved, refused

        public var swedishName: String {
            switch self {
            case .applied: "Ansökt – väntar på beslut"
            case .approved: "Godkänt"
            case .refused: "Avslaget"
            }
        }
    }

    /// The state as it is on a given day: an approved project ends after its end date.
    public enum Phase: String, Sendable, Equatable {
        case applied, approved, refused, ended

        public var swedishName: String {
            switch self {
            case .applied: "Ansökt – väntar på beslut"
            case .approved: "Godkänt – uttag kan hämtas"
            case .refused: "Avslaget"
            case .ended: "Avslutat – slutdatum har passerats"
            }
        }
    }

    public let id: UUID
    public let researcherId: UUID
    public let researcherName: String
    public let title: String
    /// The ethical approval's diary number (Etikprövningsmyndighetens diarienummer), normalised without "Dnr".
    public let approvalNumber: String
    public let purpose: String
    /// The months of data the extract covers (first days of the months), both included.
    public let dataFrom: LocalDate
    public let dataTo: LocalDate
    /// The last day the researcher may download the extract.
    public let endsOn: LocalDate
    public let population: ResearchPopulation
    /// Chosen variable ids, in dictionary order.
    public let variables: [String]
    /// The k of the k-anonymity check.
    public let k: Int
    public var status: Status
    public let appliedAt: Date
    public var decidedAt: Date?
    public var decidedBy: UUID?
    public var decidedByName: String?
    public var refusalReason: String?

    public init(
        id: UUID, researcherId: UUID, researcherName: String, title: String, approvalNumber: String, purpose: String, dataFrom: LocalDate, dataTo: LocalDate,
        endsOn: LocalDate, population: ResearchPopulation, variables: [String], k: Int, status: Status, appliedAt: Date, decidedAt: Date? = nil,
        decidedBy: UUID? = nil, decidedByName: String? = nil, refusalReason: String? = nil
    ) {
        self.id = id
        self.researcherId = researcherId
        self.researcherName = researcherName
        self.title = title
        self.approvalNumber = approvalNumber
        self.purpose = purpose
        self.dataFrom = dataFrom
        self.dataTo = dataTo
        self.endsOn = endsOn
        self.population = population
        self.variables = variables
        self.k = k
        self.status = status
        self.appliedAt = appliedAt
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.decidedByName = decidedByName
        self.refusalReason = refusalReason
    }

    public func phase(on day: LocalDate) -> Phase {
        switch status {
        case .applied: .applied
        case .refused: .refused
        case .approved: day > endsOn ? .ended : .approved
        }
    }

    /// The chosen variables as the dictionary describes them.
    public var chosenVariables: [ResearchVariable] { ResearchDictionary.variables.filter { variables.contains($0.id) } }

    /// The last day of the data period.
    public var dataLastDay: LocalDate { dataTo.adding(months: 1).adding(days: -1) }

    public var periodText: String { "\(dataFrom.monthKey) – \(dataTo.monthKey)" }
}

/// An application as a form or the API sends it: text as typed.
public struct ResearchApplication: Sendable, Equatable {
    public var title: String
    public var approvalNumber: String
    public var purpose: String
    /// ÅÅÅÅ-MM.
    public var dataFrom: String
    public var dataTo: String
    /// ÅÅÅÅ-MM-DD.
    public var endsOn: String
    public var population: String
    public var variables: [String]

    public init(title: String, approvalNumber: String, purpose: String, dataFrom: String, dataTo: String, endsOn: String, population: String, variables: [String]) {
        self.title = title
        self.approvalNumber = approvalNumber
        self.purpose = purpose
        self.dataFrom = dataFrom
        self.dataTo = dataTo
        self.endsOn = endsOn
        self.population = population
        self.variables = variables
    }
}

/// Who may do what with research projects, and what a valid application is.
public enum ResearchRules {
    public static let defaultK = 5

    /// Researchers apply, and see and download only their own projects.
    public static func mayApply(_ u: StaffUser) -> Bool { u.role == .researcher }
    /// The system administrator decides.
    public static func mayDecide(_ u: StaffUser) -> Bool { u.role == .systemAdministrator }
    /// The menu entry: researchers and the deciders.
    public static func hasResearch(_ u: StaffUser) -> Bool { mayApply(u) || mayDecide(u) }

    public static func maySee(_ u: StaffUser, _ p: ResearchProject) -> Bool {
        (mayApply(u) && p.researcherId == u.id) || mayDecide(u)
    }

    /// Nobody decides their own application; only an application waiting for a decision is decided.
    public static func mayDecide(_ u: StaffUser, _ p: ResearchProject) -> Bool {
        mayDecide(u) && p.researcherId != u.id && p.status == .applied
    }

    /// Only the project's own researcher, only once approved, and only up to the end date.
    public static func mayDownload(_ u: StaffUser, _ p: ResearchProject, on day: LocalDate) -> Bool {
        mayApply(u) && p.researcherId == u.id && p.phase(on: day) == .approved
    }

    /// Etikprövningsmyndigheten's diary numbers (`2026-01234-01`, `2019-01234`) and the former regional
    /// boards' (`2017/1234-31/5`), with or without "Dnr"; nil if it has none of those shapes.
    public static func normaliseApprovalNumber(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.lowercased().hasPrefix("dnr") { s = String(s.dropFirst(3)).trimmingCharacters(in: CharacterSet(charactersIn: " .:")) }
        let chars = Array(s)
        func digits(_ from: Int, _ n: Int) -> Bool { from + n <= chars.count && chars[from..<(from + n)].allSatisfy(\.isASCIIDigit) }
        // EPM: YYYY-NNNNN or YYYY-NNNNN-NN.
        if digits(0, 4), chars.count >= 10, chars[4] == "-", digits(5, 5) {
            if chars.count == 10 { return s }
            if chars.count == 13, chars[10] == "-", digits(11, 2) { return s }
        }
        // Regional boards: YYYY/N(NNN)-NN or YYYY/N(NNN)-NN/N.
        if digits(0, 4), chars.count >= 9, chars[4] == "/" {
            var i = 5
            while i < chars.count, chars[i].isASCIIDigit, i < 9 { i += 1 }
            guard i > 5, i < chars.count, chars[i] == "-", digits(i + 1, 2) else { return nil }
            let rest = chars.count - (i + 3)
            if rest == 0 { return s }
            if rest == 2, chars[i + 3] == "/", chars[i + 4].isASCIIDigit { return s }
        }
        return nil
    }

    static func month(_ raw: String) -> LocalDate? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard s.count == 7, let d = LocalDate(s + "-01") else { return nil }
        return d
    }

    /// A valid application as a project waiting for a decision, or every reason it is refused (Swedish).
    public static func validate(
        _ a: ResearchApplication, id: UUID, researcher: StaffUser, today: LocalDate, at: Date
    ) -> Result<ResearchProject, DomainError> {
        var errors: [FieldError] = []
        let title = a.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { errors.append(FieldError(field: "title", message: "Skriv projektets titel.")) }
        else if title.count > 200 { errors.append(FieldError(field: "title", message: "Titeln får vara högst 200 tecken.")) }
        let number = normaliseApprovalNumber(a.approvalNumber)
        if a.approvalNumber.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(FieldError(field: "approvalNumber", message: "Skriv etikprövningsmyndighetens diarienummer för godkännandet. Inget lämnas ut utan etikgodkännande."))
        } else if number == nil {
            errors.append(
                FieldError(
                    field: "approvalNumber",
                    message: "Diarienumret har inte Etikprövningsmyndighetens form, t.ex. 2026-01234-01 (eller en regional nämnds, t.ex. 2017/1234-31/5)."))
        }
        let purpose = a.purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        if purpose.isEmpty { errors.append(FieldError(field: "purpose", message: "Beskriv projektets syfte.")) }
        else if purpose.count > 2000 { errors.append(FieldError(field: "purpose", message: "Syftet får vara högst 2000 tecken.")) }
        let from = month(a.dataFrom), to = month(a.dataTo)
        if from == nil { errors.append(FieldError(field: "dataFrom", message: "Skriv periodens första månad som ÅÅÅÅ-MM, t.ex. 2025-01.")) }
        if to == nil { errors.append(FieldError(field: "dataTo", message: "Skriv periodens sista månad som ÅÅÅÅ-MM, t.ex. 2025-12.")) }
        if let from, let to {
            if to < from { errors.append(FieldError(field: "dataTo", message: "Periodens sista månad ligger före den första.")) }
            else if to > today.firstOfMonth { errors.append(FieldError(field: "dataTo", message: "Perioden kan inte sluta i en kommande månad.")) }
            else if from.adding(months: 120) <= to { errors.append(FieldError(field: "dataTo", message: "Perioden får vara högst tio år.")) }
        }
        let ends = LocalDate(a.endsOn.trimmingCharacters(in: .whitespaces))
        if ends == nil { errors.append(FieldError(field: "endsOn", message: "Skriv projektets slutdatum som ÅÅÅÅ-MM-DD.")) }
        else if let ends, ends < today { errors.append(FieldError(field: "endsOn", message: "Slutdatumet har redan passerats.")) }
        else if let ends, ends > today.adding(days: 366 * 10) { errors.append(FieldError(field: "endsOn", message: "Slutdatumet får ligga högst tio år framåt.")) }
        let population = ResearchPopulation(rawValue: a.population)
        if population == nil { errors.append(FieldError(field: "population", message: "Välj vilka personer uttaget gäller.")) }
        var chosen: [ResearchVariable] = []
        switch ResearchDictionary.choose(a.variables) {
        case .chosen(let v): chosen = v
        case .refused(let e): errors.append(e)
        }
        guard errors.isEmpty, let number, let from, let to, let ends, let population else { return .failure(.invalid(errors)) }
        return .success(
            ResearchProject(
                id: id, researcherId: researcher.id, researcherName: researcher.displayName, title: title, approvalNumber: number, purpose: purpose,
                dataFrom: from, dataTo: to, endsOn: ends, population: population, variables: chosen.map(\.id), k: defaultK, status: .applied, appliedAt: at))
    }

    /// The reason a refusal must give (Swedish), or nil when it is acceptable.
    public static func refusalProblem(_ reason: String) -> FieldError? {
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if r.isEmpty { return FieldError(field: "reason", message: "Skriv skälet till avslaget. Forskaren får se det.") }
        if r.count > 2000 { return FieldError(field: "reason", message: "Skälet får vara högst 2000 tecken.") }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
