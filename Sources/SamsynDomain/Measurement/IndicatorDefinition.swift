import Foundation

/// The indicators the city steers by, as data (`Resources/Indicators/`, one JSON file per version of the set; the
/// newest is used), like the instruments and the need rules. Each names what it counts from the facts Samsyn
/// records — a population (`IndicatorPopulation`) and the conditions (`fields`) counted in it — and the
/// breakdowns it allows. A file naming a field or breakdown the engine does not know is refused at start.
public struct IndicatorSet: Codable, Sendable, Equatable {
    public var id: String
    public var version: Int
    public var title: String
    public var indicators: [IndicatorDefinition]

    public init(id: String, version: Int, title: String, indicators: [IndicatorDefinition]) {
        self.id = id
        self.version = version
        self.title = title
        self.indicators = indicators
    }

    public func indicator(_ id: String) -> IndicatorDefinition? { indicators.first { $0.id == id } }
}

public struct IndicatorDefinition: Codable, Sendable, Equatable, Identifiable {
    /// How the value is formed: a count of the population's `count` field, or the share `numerator` / `denominator`.
    public enum Measure: Codable, Sendable, Equatable {
        case count(String)
        case share(numerator: String, denominator: String)
        /// The median of a value (days, minutes) over the members that have it.
        case median(String)

        enum Key: String, CodingKey { case kind, count, numerator, denominator, value }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            let kind = try c.decode(String.self, forKey: .kind)
            switch kind {
            case "count": self = .count(try c.decode(String.self, forKey: .count))
            case "share": self = .share(numerator: try c.decode(String.self, forKey: .numerator), denominator: try c.decode(String.self, forKey: .denominator))
            case "median": self = .median(try c.decode(String.self, forKey: .value))
            default:
                throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "measure kind \"\(kind)\" is not count, share or median")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            switch self {
            case .count(let f):
                try c.encode("count", forKey: .kind)
                try c.encode(f, forKey: .count)
            case .share(let n, let d):
                try c.encode("share", forKey: .kind)
                try c.encode(n, forKey: .numerator)
                try c.encode(d, forKey: .denominator)
            case .median(let f):
                try c.encode("median", forKey: .kind)
                try c.encode(f, forKey: .value)
            }
        }

        public var fields: [String] {
            switch self {
            case .count(let f): [f]
            case .share(let n, let d): [n, d]
            case .median(let f): [f]
            }
        }
    }

    public var id: String
    /// The Swedish name shown on the page ("Avslutade till arbete eller studier").
    public var name: String
    /// What is counted, in plain Swedish, shown behind the figure's link.
    public var definition: String
    public var population: String
    public var measure: Measure
    public var breakdowns: [String]
    /// Year (`"2026"`) → target set by the administration: a percentage for a share, a number for a count.
    public var targets: [String: Double]?
    /// A higher value is better (shown with the target).
    public var higherIsBetter: Bool?

    public init(
        id: String, name: String, definition: String, population: String, measure: Measure, breakdowns: [String], targets: [String: Double]? = nil,
        higherIsBetter: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.definition = definition
        self.population = population
        self.measure = measure
        self.breakdowns = breakdowns
        self.targets = targets
        self.higherIsBetter = higherIsBetter
    }

    public var isShare: Bool { if case .share = measure { true } else { false } }
    public var isMedian: Bool { if case .median = measure { true } else { false } }
    public var allowedBreakdowns: [Breakdown] { breakdowns.compactMap(Breakdown.init(rawValue:)) }
    public func target(year: Int) -> Double? { targets?[String(year)] }
    public var knownPopulation: IndicatorPopulation? { IndicatorPopulation(rawValue: population) }
}

/// What the engine can count: each population has its facts, the date that places a fact in a period, the
/// fields (conditions) an indicator may count, and the breakdowns that make sense for it.
public enum IndicatorPopulation: String, Sendable, CaseIterable {
    /// Jobbtorg enrolments, placed by the enrolment day.
    case jobbtorgEnrolments = "jobbtorg.enrolments"
    /// Closed Jobbtorg enrolments, placed by the closure day.
    case jobbtorgClosures = "jobbtorg.closures"
    /// Adults (18+ at the period's end) with at least one month of försörjningsstöd in the period.
    case aidRecipients = "district.aid_recipients"
    /// The district cases open on the period's last day.
    case activeCases = "district.active_cases"
    /// The Jobbtorg enrolments active on the period's last day.
    case activeEnrolments = "jobbtorg.active_enrolments"
    /// The months of attendance Jobbtorg owed the district a report of (each month an enrolment was active whose
    /// report is due by now), placed by the month.
    case attendanceMonths = "jobbtorg.attendance_months"
    /// The three-party meetings Jobbtorg's enrolments owed, placed by the due date.
    case threePartyDue = "jobbtorg.three_party_due"
    /// Referrals from the districts to Jobbtorg, placed by the day sent.
    case referrals = "district.referrals"
    /// Episodes of interventions, placed by the start day.
    case episodesStarted = "interventions.episodes_started"
    /// Ended episodes of interventions, placed by the end day.
    case episodesEnded = "interventions.episodes_ended"

    public var fields: [String] {
        switch self {
        case .jobbtorgEnrolments: ["all", "followed_5_working_days", "jobplan_within_5_working_days"]
        case .jobbtorgClosures:
            [
                "all", "work_or_studies", "work_or_studies_within_3_months", "followed_6_months", "not_returned_6_months", "followed_12_months",
                "not_returned_12_months", "returned_to_district",
            ]
        case .aidRecipients: ["all", "long_term", "very_long_term"]
        case .referrals: ["all", "due", "answered_within_5_working_days"]
        case .threePartyDue, .attendanceMonths: ["all", "on_time"]
        case .activeCases, .activeEnrolments: ["all", "plan_with_dated_subgoal"]
        case .episodesStarted: ["all"]
        case .episodesEnded: ["all", "work_or_studies"]
        }
    }

    /// The values a median may be taken of.
    public var valueFields: [String] {
        switch self {
        case .jobbtorgEnrolments: ["working_days_to_first_jobplan"]
        case .episodesStarted: ["waiting_days"]
        default: []
        }
    }

    public var breakdowns: [Breakdown] {
        switch self {
        case .jobbtorgEnrolments: [.gender, .ageBand, .district, .jobbtorgUnit]
        case .jobbtorgClosures: [.gender, .ageBand, .district, .jobbtorgUnit, .closureReason]
        case .aidRecipients: [.gender, .ageBand, .district]
        case .referrals, .threePartyDue, .activeEnrolments, .attendanceMonths: [.gender, .ageBand, .district, .jobbtorgUnit]
        case .activeCases: [.gender, .ageBand, .district]
        case .episodesStarted, .episodesEnded: [.gender, .ageBand, .intervention]
        }
    }

    /// Counts of events (enrolments, closures) add up over time: a quarter is the sum of its months. A count of
    /// persons with aid in a period does not (one person has many months).
    public var additiveOverTime: Bool { ![.aidRecipients, .activeCases, .activeEnrolments].contains(self) }

    /// The committee whose records these are: Jobbtorg's enrolments and the interventions (most are the
    /// labour-market committee's); the aid and the referrals are the districts'.
    public var isJobbtorg: Bool { ![.aidRecipients, .referrals, .activeCases].contains(self) }
}

/// A breakdown of a figure. Gender is the legal gender of the personnummer; the age band is the age at the
/// period's last day; the district is the district committee the person came from (or receives aid from).
public enum Breakdown: String, Sendable, CaseIterable, Codable {
    case gender
    case ageBand = "age_band"
    case district
    case jobbtorgUnit = "jobbtorg_unit"
    case closureReason = "closure_reason"
    case intervention

    public var swedishName: String {
        switch self {
        case .gender: "Kön"
        case .ageBand: "Åldersgrupp"
        case .district: "Stadsdelsnämnd"
        case .jobbtorgUnit: "Jobbtorg"
        case .closureReason: "Avslutsorsak"
        case .intervention: "Insats"
        }
    }
}

/// A definition file that cannot be used: the file, where in it and what is wrong.
public struct IndicatorDefinitionError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let location: String
    public let problem: String

    public init(file: String, location: String, problem: String) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    public var description: String {
        location.isEmpty ? "indicators \(file): \(problem)" : "indicators \(file), \(location): \(problem)"
    }
}

public enum IndicatorCatalog {
    static func isIndicatorId(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return s.count <= 80 && parts.count >= 2
            && parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" } }
    }

    public static func decode(file: String, data: Data) throws(IndicatorDefinitionError) -> IndicatorSet {
        let set: IndicatorSet
        do {
            set = try JSONDecoder().decode(IndicatorSet.self, from: data)
        } catch let error as DecodingError {
            let e = NeedRuleCatalog.describe(error, file: file)
            throw IndicatorDefinitionError(file: file, location: e.location, problem: e.problem)
        } catch {
            throw IndicatorDefinitionError(file: file, location: "", problem: "cannot be read: \(error)")
        }
        try validate(set, file: file)
        return set
    }

    public static func validate(_ s: IndicatorSet, file: String) throws(IndicatorDefinitionError) {
        func fail(_ at: String, _ problem: String) -> IndicatorDefinitionError { IndicatorDefinitionError(file: file, location: at, problem: problem) }
        guard InstrumentCatalog.isIdentifier(s.id) else { throw fail("", "id \"\(s.id)\" must be lower-case letters, digits and hyphens") }
        guard s.version >= 1 else { throw fail("", "version must be 1 or more") }
        guard !InstrumentCatalog.blank(s.title) else { throw fail("", "the title is empty") }
        guard !s.indicators.isEmpty else { throw fail("", "an indicator file needs at least one indicator") }
        var ids = Set<String>()
        for (i, d) in s.indicators.enumerated() {
            guard isIndicatorId(d.id) else { throw fail("indicator #\(i + 1)", "id \"\(d.id)\" must be dot-separated lower-case words (e.g. jobbtorg.closed)") }
            let at = "indicator \"\(d.id)\""
            guard ids.insert(d.id).inserted else { throw fail(at, "two indicators have this id") }
            guard !InstrumentCatalog.blank(d.name), d.name.count <= 120 else { throw fail(at, "a name of at most 120 characters is needed") }
            guard !InstrumentCatalog.blank(d.definition) else { throw fail(at, "the definition is empty") }
            guard let p = d.knownPopulation else {
                throw fail(at, "unknown population \"\(d.population)\" (known: \(IndicatorPopulation.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if case .median(let f) = d.measure {
                guard p.valueFields.contains(f) else {
                    throw fail(at, "unknown value \"\(f)\" for a median of \(p.rawValue) (known: \(p.valueFields.isEmpty ? "none" : p.valueFields.joined(separator: ", ")))")
                }
            } else {
                for f in d.measure.fields where !p.fields.contains(f) {
                    throw fail(at, "unknown field \"\(f)\" for \(p.rawValue) (known: \(p.fields.joined(separator: ", ")))")
                }
            }
            if case .share(let n, let den) = d.measure, n == den { throw fail(at, "a share's numerator and denominator are the same field") }
            var seen = Set<String>()
            for b in d.breakdowns {
                guard let known = Breakdown(rawValue: b) else {
                    throw fail(at, "unknown breakdown \"\(b)\" (known: \(Breakdown.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard p.breakdowns.contains(known) else { throw fail(at, "breakdown \"\(b)\" does not apply to \(p.rawValue)") }
                guard seen.insert(b).inserted else { throw fail(at, "breakdown \"\(b)\" is named twice") }
            }
            for (year, value) in d.targets ?? [:] {
                guard year.count == 4, let y = Int(year), (2000...2100).contains(y) else { throw fail(at, "target year \"\(year)\" is not a year (YYYY)") }
                guard value.isFinite, value >= 0, !d.isShare || value <= 100 else { throw fail(at, "target for \(year) must be 0–100 (percent) for a share, 0 or more for a count") }
            }
        }
    }

    /// The indicator files that ship with Samsyn.
    public static func bundledFiles() throws -> [(name: String, data: Data)] {
        guard let dir = Bundle.module.url(forResource: "Indicators", withExtension: nil) else { return [] }
        return try InstrumentCatalog.files(in: dir)
    }

    /// Decodes and validates every file; the newest version is the one in use. Two files of one version, or no
    /// file at all, stop the start.
    public static func load(files: [(name: String, data: Data)]) throws(IndicatorDefinitionError) -> IndicatorSet {
        var seen: [Int: String] = [:]
        var newest: IndicatorSet?
        for f in files {
            let s = try decode(file: f.name, data: f.data)
            if let other = seen[s.version] { throw IndicatorDefinitionError(file: f.name, location: "", problem: "version \(s.version) is also defined in \(other)") }
            seen[s.version] = f.name
            if newest.map({ $0.version < s.version }) ?? true { newest = s }
        }
        guard let newest else { throw IndicatorDefinitionError(file: "(none)", location: "", problem: "no indicator file was found") }
        return newest
    }
}
