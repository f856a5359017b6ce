import Foundation

/// Behovsbedömningskategorier and the rules that suggest one, in one version, as loaded from a definition
/// file. Like instruments, rule sets are data: a city renames, re-rules or adds categories by publishing a
/// new version, tries it on the stored answers, and then takes it into use. Rules read answers by concept
/// (from any instrument) and the district's försörjningshinder, never a protected trait.
public struct NeedRuleSet: Codable, Sendable, Equatable {
    public var id: String
    public var version: Int
    public var title: String
    public var description: String?
    public var categories: [NeedCategory]
    /// In priority order: the first rule that holds gives the suggestion.
    public var rules: [NeedRule]

    public init(id: String, version: Int, title: String, description: String? = nil, categories: [NeedCategory], rules: [NeedRule]) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.categories = categories
        self.rules = rules
    }

    public func category(_ code: String) -> NeedCategory? { categories.first { $0.code == code } }
}

/// Which side leads the work with the person.
public enum LeadUnit: String, Codable, Sendable, CaseIterable {
    case jobbtorg
    case district
    /// Jobbtorg and the district together.
    case joint

    public var swedishName: String {
        switch self {
        case .jobbtorg: "Jobbtorg leder"
        case .district: "Stadsdelen (ekonomiskt bistånd) leder"
        case .joint: "Jobbtorg och stadsdelen tillsammans"
        }
    }
}

public struct NeedCategory: Codable, Sendable, Equatable {
    /// A short stable key, e.g. `K1`.
    public var code: String
    public var title: String
    public var description: String
    public var lead: LeadUnit
    /// Whether parallel interventions (from both units at once) are expected.
    public var parallel: Bool
    /// The default time to the review, in months.
    public var reviewMonths: Int

    public init(code: String, title: String, description: String, lead: LeadUnit, parallel: Bool, reviewMonths: Int) {
        self.code = code
        self.title = title
        self.description = description
        self.lead = lead
        self.parallel = parallel
        self.reviewMonths = reviewMonths
    }

    public var label: String { "\(code) \(title)" }
}

public struct NeedRule: Codable, Sendable, Equatable {
    public var id: String
    public var category: String
    /// Why the rule suggests the category, in plain Swedish, shown with the suggestion.
    public var explanation: String
    /// When the rule holds; absent for the last, catch-all rule.
    public var when: NeedCondition?

    public init(id: String, category: String, explanation: String, when: NeedCondition?) {
        self.id = id
        self.category = category
        self.explanation = explanation
        self.when = when
    }
}

/// A condition on one concept's answer, on the försörjningshinder, or a combination.
public indirect enum NeedCondition: Sendable, Equatable, Codable {
    case concept(String, NeedOperator, NeedValue?)
    /// The person's current försörjningshinder is one of these codes.
    case obstacle([String])
    case any([NeedCondition])
    case all([NeedCondition])

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let keys = c.allKeys.map(\.stringValue)
        // A condition keyed by a protected trait (`"gender": …`) is refused with the reason, not as an unknown key.
        if let k = keys.first(where: { ProtectedTraits.trait(in: $0) != nil }), let trait = ProtectedTraits.trait(in: k) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath + [Key(k)], debugDescription: "\(ProtectedTraits.refusal(trait))"))
        }
        if c.contains(Key("any")) {
            self = .any(try c.decode([NeedCondition].self, forKey: Key("any")))
        } else if c.contains(Key("all")) {
            self = .all(try c.decode([NeedCondition].self, forKey: Key("all")))
        } else if c.contains(Key("obstacle")) {
            self = .obstacle(try c.decode([String].self, forKey: Key("obstacle")))
        } else if c.contains(Key("concept")) {
            let concept = try c.decode(String.self, forKey: Key("concept"))
            let op = try c.decode(NeedOperator.self, forKey: Key("operator"))
            self = .concept(concept, op, try c.decodeIfPresent(NeedValue.self, forKey: Key("value")))
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath, debugDescription: "a condition names a concept, an obstacle list, or any/all of other conditions (found: \(keys.sorted().joined(separator: ", ")))"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .concept(let concept, let op, let value):
            try c.encode(concept, forKey: Key("concept"))
            try c.encode(op, forKey: Key("operator"))
            try c.encodeIfPresent(value, forKey: Key("value"))
        case .obstacle(let codes): try c.encode(codes, forKey: Key("obstacle"))
        case .any(let list): try c.encode(list, forKey: Key("any"))
        case .all(let list): try c.encode(list, forKey: Key("all"))
        }
    }

    /// Every concept the condition reads.
    public var concepts: [String] {
        switch self {
        case .concept(let c, _, _): [c]
        case .obstacle: []
        case .any(let l), .all(let l): l.flatMap(\.concepts)
        }
    }
}

public enum NeedOperator: String, Codable, Sendable {
    case equals
    case notEquals = "not_equals"
    /// A single choice that is one of the listed option values.
    case oneOf = "one_of"
    /// A multiple choice that includes the option value.
    case includes
    case lessThan = "less_than"
    case atMost = "at_most"
    case greaterThan = "greater_than"
    case atLeast = "at_least"
    case answered

    public var swedishText: String {
        switch self {
        case .equals: "är"
        case .notEquals: "är inte"
        case .oneOf: "är något av"
        case .includes: "innehåller"
        case .lessThan: "är mindre än"
        case .atMost: "är högst"
        case .greaterThan: "är större än"
        case .atLeast: "är minst"
        case .answered: "är besvarad"
        }
    }
}

/// A literal in a rule condition.
public enum NeedValue: Codable, Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case number(Double)
    case strings([String])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([String].self) {
            self = .strings(a)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a value is a string, a boolean, a number or a list of strings")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .number(let d): try c.encode(d)
        case .strings(let a): try c.encode(a)
        }
    }
}

/// The grounds of discrimination (diskrimineringslagen 1 kap. 5 §) and their usual proxies, which no rule may
/// read. A concept whose words name one is refused when the rule set is loaded.
public enum ProtectedTraits {
    public struct Trait: Sendable, Equatable {
        public let key: String
        public let swedishName: String
    }

    static let words: [String: Trait] = {
        let table: [(String, [String])] = [
            ("kön", ["gender", "sex", "kon", "gender_identity", "transgender"]),
            ("ålder", ["age", "alder", "birth", "born", "birth_date", "birthdate", "birth_year", "year_of_birth"]),
            ("födelseland eller etnisk tillhörighet", ["country_of_birth", "birth_country", "birthplace", "nationality", "citizenship", "ethnicity", "ethnic", "origin", "foreign_born", "immigrant", "migration", "mother_tongue", "native_language", "race"]),
            ("religion eller annan trosuppfattning", ["religion", "religious", "belief", "faith"]),
            ("funktionsnedsättning", ["disability", "disabled", "funktionsnedsattning"]),
            ("sexuell läggning", ["sexual_orientation", "orientation", "sexuality"]),
        ]
        var out: [String: Trait] = [:]
        for (name, keys) in table { for k in keys { out[k] = Trait(key: k, swedishName: name) } }
        return out
    }()

    /// The protected trait a concept (or condition key) names, if any: any dot- or underscore-separated word
    /// of it, or any dot-separated segment, in the list.
    public static func trait(in concept: String) -> Trait? {
        let lower = concept.lowercased()
        for segment in lower.split(separator: ".").map(String.init) {
            if let t = words[segment] { return t }
            for word in segment.split(separator: "_").map(String.init) { if let t = words[word] { return t } }
        }
        return nil
    }

    public static func refusal(_ t: Trait) -> String {
        "\"\(t.key)\" is a protected trait (\(t.swedishName)); a need-assessment rule may not use gender, age, country of birth, ethnicity, religion, disability, sexual orientation or a proxy for them"
    }
}
