import Foundation

/// What the store reads of one person in a project's population: no name, no number, no address, no free text.
public struct ResearchFact: Sendable, Equatable {
    public let personId: UUID
    public let gender: LegalGender
    public let birthDate: LocalDate
    /// The district committee (nil when none is known).
    public let district: String?
    public let aidMonths: Int
    /// ÅÅÅÅ-MM.
    public let firstAidMonth: String?
    public let lastAidMonth: String?
    public let jobbtorgEnrolledOn: LocalDate?

    public init(
        personId: UUID, gender: LegalGender, birthDate: LocalDate, district: String?, aidMonths: Int, firstAidMonth: String?, lastAidMonth: String?,
        jobbtorgEnrolledOn: LocalDate?
    ) {
        self.personId = personId
        self.gender = gender
        self.birthDate = birthDate
        self.district = district
        self.aidMonths = aidMonths
        self.firstAidMonth = firstAidMonth
        self.lastAidMonth = lastAidMonth
        self.jobbtorgEnrolledOn = jobbtorgEnrolledOn
    }
}

/// The files of a delivery.
public enum ResearchFile: String, Sendable, CaseIterable, Codable {
    case data = "data.csv"
    case codebook = "codebook.csv"
    case manifest = "manifest.json"

    public var swedishName: String {
        switch self {
        case .data: "Data (CSV)"
        case .codebook: "Kodbok (CSV)"
        case .manifest: "Manifest (JSON)"
        }
    }

    public var contentType: String {
        switch self {
        case .data, .codebook: "text/csv; charset=utf-8"
        case .manifest: "application/json; charset=utf-8"
        }
    }
}

/// A project's extract: the data, its codebook and the manifest that names both with their checksums.
/// The data and the codebook are the same bytes every time the same project is extracted from the same records;
/// only the manifest's generation time changes.
public struct ResearchExtract: Sendable, Equatable {
    public let data: [UInt8]
    public let codebook: [UInt8]
    public let manifest: [UInt8]
    public let report: SuppressionReport
    public let dataSHA256: String
    public let codebookSHA256: String

    public func bytes(_ f: ResearchFile) -> [UInt8] {
        switch f {
        case .data: data
        case .codebook: codebook
        case .manifest: manifest
        }
    }

    public func fileName(_ f: ResearchFile, project: ResearchProject) -> String {
        "forskningsuttag-\(project.id.uuidString.lowercased().prefix(8))-\(f.rawValue)"
    }

    /// The manifest as written (sorted keys), for readers and tests.
    public struct Manifest: Sendable, Equatable, Codable {
        public struct File: Sendable, Equatable, Codable {
            public let name: String
            public let sha256: String
            public let bytes: Int
        }
        public let project: String
        public let title: String
        public let approvalNumber: String
        public let population: String
        public let periodFrom: String
        public let periodTo: String
        public let variables: [String]
        public let rows: Int
        public let suppression: SuppressionReport
        public let files: [File]
        public let encoding: String
        public let generatedAt: String
    }

    /// Builds the extract of `facts` for `project`, pseudonymised with the project's key.
    public static func build(project: ResearchProject, facts: [ResearchFact], pseudonymiser: ResearchPseudonymiser, generatedAt: Date) -> ResearchExtract {
        let chosen = project.chosenVariables
        let columns = [ResearchDictionary.pseudonym.id] + chosen.map(\.id)
        let lastDay = project.dataLastDay
        var rows: [[String]] = []
        rows.reserveCapacity(facts.count)
        for f in facts {
            var r = [pseudonymiser.pseudonym(f.personId)]
            r.reserveCapacity(columns.count)
            for v in chosen { r.append(value(v.id, f, lastDay: lastDay)) }
            rows.append(r)
        }
        // Deterministic order: by pseudonym (and the whole row, should two pseudonyms ever collide).
        rows.sort { $0[0] != $1[0] ? $0[0] < $1[0] : $0.lexicographicallyPrecedes($1) }
        let quasi = columns.indices.filter { i in chosen.first { $0.id == columns[i] }?.quasiIdentifier == true }
        let report = KAnonymity.apply(&rows, quasi: quasi, variables: columns, steps: KAnonymity.steps(for: columns), k: project.k)

        var data = ""
        data.reserveCapacity(rows.count * (columns.count * 8 + 20))
        data += columns.map(csvField).joined(separator: ",") + "\r\n"
        for r in rows { data += r.map(csvField).joined(separator: ",") + "\r\n" }
        var codebook = ["variable", "label", "description", "coarsening", "values", "quasi_identifier"].joined(separator: ",") + "\r\n"
        for v in [ResearchDictionary.pseudonym] + chosen {
            codebook += [v.id, v.label, v.description, v.coarsening, v.values, v.quasiIdentifier ? "ja" : "nej"].map(csvField).joined(separator: ",") + "\r\n"
        }
        let dataBytes = Array(data.utf8), codebookBytes = Array(codebook.utf8)
        let dataSum = FileChecksum.sha256(dataBytes), codebookSum = FileChecksum.sha256(codebookBytes)
        let manifest = Manifest(
            project: project.id.uuidString.lowercased(), title: project.title, approvalNumber: project.approvalNumber, population: project.population.rawValue,
            periodFrom: project.dataFrom.monthKey, periodTo: project.dataTo.monthKey, variables: columns, rows: rows.count, suppression: report,
            files: [
                Manifest.File(name: ResearchFile.data.rawValue, sha256: dataSum, bytes: dataBytes.count),
                Manifest.File(name: ResearchFile.codebook.rawValue, sha256: codebookSum, bytes: codebookBytes.count),
            ], encoding: "UTF-8, kommaseparerad (RFC 4180), radslut CRLF",
            generatedAt: ISO8601DateFormatter().string(from: generatedAt))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let manifestBytes = Array((try? encoder.encode(manifest)) ?? Data())
        return ResearchExtract(data: dataBytes, codebook: codebookBytes, manifest: manifestBytes, report: report, dataSHA256: dataSum, codebookSHA256: codebookSum)
    }

    static func value(_ id: String, _ f: ResearchFact, lastDay: LocalDate) -> String {
        switch id {
        case "birth_year": String(f.birthDate.year)
        case "gender": f.gender.rawValue
        case "age_band": IndicatorAgeBand(age: MeasuredPerson(gender: f.gender, birthDate: f.birthDate).age(on: lastDay)).rawValue
        case "district": f.district ?? ""
        case "aid_months": String(f.aidMonths)
        case "first_aid_month": f.firstAidMonth ?? ""
        case "last_aid_month": f.lastAidMonth ?? ""
        case "jobbtorg_enrolled": f.jobbtorgEnrolledOn == nil ? "0" : "1"
        case "jobbtorg_enrolment_month": f.jobbtorgEnrolledOn?.monthKey ?? ""
        default: ""
        }
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
