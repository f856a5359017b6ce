import Foundation

/// An assessment instrument in one version, as loaded from its definition file. Instruments are data:
/// a city can load its own (or the licensed official) wording as a new version without a code change.
/// Responses keep the version they were answered in, so a new version never changes an earlier answer.
public struct InstrumentDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var version: Int
    public var title: String
    public var description: String?
    public var parts: [PartDefinition]

    public init(id: String, version: Int, title: String, description: String? = nil, parts: [PartDefinition]) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.parts = parts
    }

    public var key: InstrumentKey { InstrumentKey(id: id, version: version) }

    public func part(_ id: String) -> PartDefinition? { parts.first { $0.id == id } }

    /// Every question in the order they are asked.
    public var allQuestions: [QuestionDefinition] { parts.flatMap { $0.areas.flatMap(\.questions) } }
}

public struct InstrumentKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let id: String
    public let version: Int
    public init(id: String, version: Int) {
        self.id = id
        self.version = version
    }
    public static func < (a: Self, b: Self) -> Bool { (a.id, a.version) < (b.id, b.version) }
    public var description: String { "\(id) v\(version)" }
}

/// A part of an instrument, filled in by one type of unit (the initial assessment's three parts are
/// owned by district intake, Jobbtorg and district financial aid).
public struct PartDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var owner: OrgUnit.Kind
    public var description: String?
    /// For a summary part: the parts whose area ratings it collects.
    public var summaryOf: [String]?
    public var areas: [AreaDefinition]

    public init(id: String, title: String, owner: OrgUnit.Kind, description: String? = nil, summaryOf: [String]? = nil, areas: [AreaDefinition]) {
        self.id = id
        self.title = title
        self.owner = owner
        self.description = description
        self.summaryOf = summaryOf
        self.areas = areas
    }

    public var questions: [QuestionDefinition] { areas.flatMap(\.questions) }

    public func question(_ id: String) -> QuestionDefinition? {
        for area in areas { if let q = area.questions.first(where: { $0.id == id }) { return q } }
        return nil
    }

    /// The index of the area holding the question.
    public func areaIndex(of questionId: String) -> Int? {
        areas.firstIndex { $0.questions.contains { $0.id == questionId } }
    }
}

public struct AreaDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// Open questions in the spirit of motivational interviewing, shown on demand.
    public var guide: [String]?
    /// A sub-goal the summary proposes when this area is judged to stand in the way of work.
    public var suggestedSubGoal: String?
    public var questions: [QuestionDefinition]

    public init(id: String, title: String, guide: [String]? = nil, suggestedSubGoal: String? = nil, questions: [QuestionDefinition]) {
        self.id = id
        self.title = title
        self.guide = guide
        self.suggestedSubGoal = suggestedSubGoal
        self.questions = questions
    }
}

public enum QuestionType: String, Codable, Sendable, CaseIterable {
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    case yesNo = "yes_no"
    case number
    case date
    case scale
    case text

    public var isChoice: Bool { self == .singleChoice || self == .multipleChoice }
}

public struct AnswerOption: Codable, Sendable, Equatable {
    public var value: String
    public var label: String
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}

/// Whose view an answer gives (FIA keeps the person's own view and the caseworker's assessment apart).
public enum Perspective: String, Codable, Sendable {
    case person
    case caseworker
}

public struct QuestionDefinition: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var type: QuestionType
    public var required: Bool
    public var help: String?
    public var guide: [String]?
    /// Violence, substance use, mental health and the like: "vill inte svara" is always offered, and the
    /// answer is shown only to the roles entitled to it.
    public var sensitive: Bool
    /// Questions that ask the same thing (in another part or instrument) share a concept; the latest
    /// answer the user may see is offered as a pre-filled answer.
    public var concept: String?
    public var perspective: Perspective?
    public var options: [AnswerOption]?
    public var min: Double?
    public var max: Double?
    public var minLabel: String?
    public var maxLabel: String?
    public var enableWhen: [Condition]?
    public var enableBehavior: EnableBehavior?

    public init(
        id: String, text: String, type: QuestionType, required: Bool = false, help: String? = nil, guide: [String]? = nil,
        sensitive: Bool = false, concept: String? = nil, perspective: Perspective? = nil, options: [AnswerOption]? = nil,
        min: Double? = nil, max: Double? = nil, minLabel: String? = nil, maxLabel: String? = nil,
        enableWhen: [Condition]? = nil, enableBehavior: EnableBehavior? = nil
    ) {
        self.id = id
        self.text = text
        self.type = type
        self.required = required
        self.help = help
        self.guide = guide
        self.sensitive = sensitive
        self.concept = concept
        self.perspective = perspective
        self.options = options
        self.min = min
        self.max = max
        self.minLabel = minLabel
        self.maxLabel = maxLabel
        self.enableWhen = enableWhen
        self.enableBehavior = enableBehavior
    }

    enum CodingKeys: String, CodingKey {
        case id, text, type, required, help, guide, sensitive, concept, perspective, options, min, max, minLabel, maxLabel, enableWhen, enableBehavior
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        text = try c.decode(String.self, forKey: .text)
        type = try c.decode(QuestionType.self, forKey: .type)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        help = try c.decodeIfPresent(String.self, forKey: .help)
        guide = try c.decodeIfPresent([String].self, forKey: .guide)
        sensitive = try c.decodeIfPresent(Bool.self, forKey: .sensitive) ?? false
        concept = try c.decodeIfPresent(String.self, forKey: .concept)
        perspective = try c.decodeIfPresent(Perspective.self, forKey: .perspective)
        options = try c.decodeIfPresent([AnswerOption].self, forKey: .options)
        min = try c.decodeIfPresent(Double.self, forKey: .min)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        minLabel = try c.decodeIfPresent(String.self, forKey: .minLabel)
        maxLabel = try c.decodeIfPresent(String.self, forKey: .maxLabel)
        enableWhen = try c.decodeIfPresent([Condition].self, forKey: .enableWhen)
        enableBehavior = try c.decodeIfPresent(EnableBehavior.self, forKey: .enableBehavior)
    }

    public func option(_ value: String) -> AnswerOption? { options?.first { $0.value == value } }
}

public enum EnableBehavior: String, Codable, Sendable {
    case all
    case any
}

/// Branching: a question is shown only when its conditions on earlier answers hold.
public struct Condition: Codable, Sendable, Equatable {
    public enum Operator: String, Codable, Sendable {
        case equals
        case notEquals = "not_equals"
        case answered
        case includes
        case greaterThan = "greater_than"
        case lessThan = "less_than"
    }

    public var question: String
    public var `operator`: Operator
    public var value: ConditionValue?

    public init(question: String, operator: Operator, value: ConditionValue? = nil) {
        self.question = question
        self.operator = `operator`
        self.value = value
    }
}

/// A literal in a condition: an option value, a yes/no or a number.
public enum ConditionValue: Codable, Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case number(Double)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a condition value must be a string, a boolean or a number")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .number(let d): try c.encode(d)
        }
    }
}
