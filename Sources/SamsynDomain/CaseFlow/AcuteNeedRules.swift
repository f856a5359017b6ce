import Foundation

/// What counts as an acute need (akut behov): answers that mean the person needs help today — no money for
/// food, losing the home, threats now, a child at risk. Like the instruments and the need rules, this is data
/// (`Resources/AcuteNeeds/`, one JSON file per version; the newest is used): a city changes what is acute by
/// publishing a new version, validated against the instruments at start.
public struct AcuteNeedRuleSet: Codable, Sendable, Equatable {
    public var id: String
    public var version: Int
    public var title: String
    public var description: String?
    public var rules: [AcuteNeedRule]

    public init(id: String, version: Int, title: String, description: String? = nil, rules: [AcuteNeedRule]) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.rules = rules
    }

    public func rule(_ id: String) -> AcuteNeedRule? { rules.first { $0.id == id } }
}

public struct AcuteNeedRule: Codable, Sendable, Equatable {
    public var id: String
    /// What the need is, in plain Swedish, shown on the task ("Saknar pengar till mat i dag").
    public var title: String
    public var when: AcuteCondition

    public init(id: String, title: String, when: AcuteCondition) {
        self.id = id
        self.title = title
        self.when = when
    }
}

/// A condition on one answer — a question of an instrument by its id, or any question asking a concept —
/// or any/all of other conditions. Operators and values are those of the need rules.
public indirect enum AcuteCondition: Sendable, Equatable, Codable {
    case question(instrument: String, question: String, NeedOperator, NeedValue?)
    case concept(String, NeedOperator, NeedValue?)
    case any([AcuteCondition])
    case all([AcuteCondition])

    typealias Key = NeedCondition.Key

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if c.contains(Key("any")) {
            self = .any(try c.decode([AcuteCondition].self, forKey: Key("any")))
        } else if c.contains(Key("all")) {
            self = .all(try c.decode([AcuteCondition].self, forKey: Key("all")))
        } else if c.contains(Key("question")) {
            self = .question(
                instrument: try c.decode(String.self, forKey: Key("instrument")), question: try c.decode(String.self, forKey: Key("question")),
                try c.decode(NeedOperator.self, forKey: Key("operator")), try c.decodeIfPresent(NeedValue.self, forKey: Key("value")))
        } else if c.contains(Key("concept")) {
            self = .concept(
                try c.decode(String.self, forKey: Key("concept")), try c.decode(NeedOperator.self, forKey: Key("operator")),
                try c.decodeIfPresent(NeedValue.self, forKey: Key("value")))
        } else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: c.codingPath,
                    debugDescription: "a condition names a question (with its instrument), a concept, or any/all of other conditions (found: \(c.allKeys.map(\.stringValue).sorted().joined(separator: ", ")))"
                ))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .question(let instrument, let question, let op, let value):
            try c.encode(instrument, forKey: Key("instrument"))
            try c.encode(question, forKey: Key("question"))
            try c.encode(op, forKey: Key("operator"))
            try c.encodeIfPresent(value, forKey: Key("value"))
        case .concept(let concept, let op, let value):
            try c.encode(concept, forKey: Key("concept"))
            try c.encode(op, forKey: Key("operator"))
            try c.encodeIfPresent(value, forKey: Key("value"))
        case .any(let list): try c.encode(list, forKey: Key("any"))
        case .all(let list): try c.encode(list, forKey: Key("all"))
        }
    }
}

/// A rule file that cannot be used: the file, where in it and what is wrong.
public struct AcuteNeedRuleError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let location: String
    public let problem: String

    public init(file: String, location: String, problem: String) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    public var description: String {
        location.isEmpty ? "acute-need rules \(file): \(problem)" : "acute-need rules \(file), \(location): \(problem)"
    }
}

/// The answers of one completed instrument part, as the acute rules read them.
public struct AcuteAnswers: Sendable, Equatable {
    public let instrumentId: String
    /// Question id → answer (only the answers shown by branching).
    public let values: [String: AnswerValue]
    /// Question id → the concept it asks, for the questions answered.
    public let concepts: [String: String]

    public init(instrumentId: String, values: [String: AnswerValue], concepts: [String: String]) {
        self.instrumentId = instrumentId
        self.values = values
        self.concepts = concepts
    }
}

public enum AcuteNeedRules {
    /// The rule ids that hold for the answers, in the file's order. A declined answer ("vill inte svara")
    /// never signals a need; nor does a missing one.
    public static func evaluate(_ set: AcuteNeedRuleSet, _ answers: AcuteAnswers) -> [String] {
        set.rules.filter { holds($0.when, answers) }.map(\.id)
    }

    static func holds(_ c: AcuteCondition, _ a: AcuteAnswers) -> Bool {
        switch c {
        case .any(let list): return list.contains { holds($0, a) }
        case .all(let list): return !list.isEmpty && list.allSatisfy { holds($0, a) }
        case .question(let instrument, let question, let op, let value):
            guard instrument == a.instrumentId, let answer = a.values[question], answer != .declined else { return false }
            return NeedEvaluator.test(answer, op, value)
        case .concept(let concept, let op, let value):
            return a.concepts.contains { qid, c in
                guard c == concept, let answer = a.values[qid], answer != .declined else { return false }
                return NeedEvaluator.test(answer, op, value)
            }
        }
    }

    /// Every question id (per instrument) and concept the rules read: a completed part whose questions
    /// touch none of them is not evaluated.
    public static func reads(_ set: AcuteNeedRuleSet) -> (questions: Set<String>, concepts: Set<String>) {
        var q = Set<String>(), k = Set<String>()
        func walk(_ c: AcuteCondition) {
            switch c {
            case .any(let l), .all(let l): l.forEach(walk)
            case .question(let i, let id, _, _): q.insert("\(i)/\(id)")
            case .concept(let c, _, _): k.insert(c)
            }
        }
        set.rules.forEach { walk($0.when) }
        return (q, k)
    }

    // MARK: Decoding and validation

    public static func decode(file: String, data: Data, instruments: InstrumentCatalog) throws(AcuteNeedRuleError) -> AcuteNeedRuleSet {
        let set: AcuteNeedRuleSet
        do {
            set = try JSONDecoder().decode(AcuteNeedRuleSet.self, from: data)
        } catch let error as DecodingError {
            let e = NeedRuleCatalog.describe(error, file: file)
            throw AcuteNeedRuleError(file: file, location: e.location, problem: e.problem)
        } catch {
            throw AcuteNeedRuleError(file: file, location: "", problem: "cannot be read: \(error)")
        }
        try validate(set, file: file, instruments: instruments)
        return set
    }

    public static func validate(_ s: AcuteNeedRuleSet, file: String, instruments: InstrumentCatalog) throws(AcuteNeedRuleError) {
        func fail(_ at: String, _ problem: String) -> AcuteNeedRuleError { AcuteNeedRuleError(file: file, location: at, problem: problem) }
        guard InstrumentCatalog.isIdentifier(s.id) else { throw fail("", "id \"\(s.id)\" must be lower-case letters, digits and hyphens") }
        guard s.version >= 1 else { throw fail("", "version must be 1 or more") }
        guard !InstrumentCatalog.blank(s.title) else { throw fail("", "the title is empty") }
        guard !s.rules.isEmpty else { throw fail("", "a rule file needs at least one rule") }
        var ids = Set<String>()
        for (i, r) in s.rules.enumerated() {
            guard InstrumentCatalog.isIdentifier(r.id) else { throw fail("rule #\(i + 1)", "rule id must be lower-case letters, digits and hyphens") }
            let at = "rule \"\(r.id)\""
            guard ids.insert(r.id).inserted else { throw fail(at, "two rules have this id") }
            guard !InstrumentCatalog.blank(r.title), r.title.count <= 120 else { throw fail(at, "a rule needs a title of at most 120 characters") }
            try validate(r.when, at: at, instruments: instruments, fail: fail)
        }
    }

    static func validate(_ c: AcuteCondition, at: String, instruments: InstrumentCatalog, fail: (String, String) -> AcuteNeedRuleError) throws(AcuteNeedRuleError) {
        switch c {
        case .any(let list), .all(let list):
            guard !list.isEmpty else { throw fail(at, "any/all needs at least one condition") }
            for x in list { try validate(x, at: at, instruments: instruments, fail: fail) }
        case .question(let instrument, let question, let op, let value):
            guard let definition = instruments.latest(instrument) else { throw fail(at, "instrument \"\(instrument)\" is not loaded") }
            guard let q = definition.allQuestions.first(where: { $0.id == question }) else {
                throw fail(at, "question \"\(question)\" is not a question of \(instrument) version \(definition.version)")
            }
            if let problem = fit(op, value, q) { throw fail(at, "question \"\(question)\" (\(q.type.rawValue)): \(problem)") }
        case .concept(let concept, let op, let value):
            guard let q = instruments.conceptQuestions[concept] else { throw fail(at, "concept \"\(concept)\" is not asked by any loaded instrument") }
            if let problem = fit(op, value, q) { throw fail(at, "concept \"\(concept)\" (\(q.type.rawValue)): \(problem)") }
        }
    }

    /// As for the need rules, except that "answered" is not a need: a rule must say which answer is acute.
    static func fit(_ op: NeedOperator, _ value: NeedValue?, _ q: QuestionDefinition) -> String? {
        if op == .answered { return "\"answered\" says nothing about a need; name the answer that is acute" }
        if q.type == .text || q.type == .date { return "a \(q.type.rawValue) question cannot signal an acute need" }
        return NeedRuleCatalog.fit(op, value, q)
    }

    /// The rule files that ship with Samsyn.
    public static func bundledFiles() throws -> [(name: String, data: Data)] {
        guard let dir = Bundle.module.url(forResource: "AcuteNeeds", withExtension: nil) else { return [] }
        return try InstrumentCatalog.files(in: dir)
    }

    /// Decodes and validates every file; the newest version is the one in use. Two files of one version, or
    /// no file at all, stop the start.
    public static func load(files: [(name: String, data: Data)], instruments: InstrumentCatalog) throws(AcuteNeedRuleError) -> AcuteNeedRuleSet {
        var seen: [Int: String] = [:]
        var newest: AcuteNeedRuleSet?
        for f in files {
            let s = try decode(file: f.name, data: f.data, instruments: instruments)
            if let other = seen[s.version] { throw AcuteNeedRuleError(file: f.name, location: "", problem: "version \(s.version) is also defined in \(other)") }
            seen[s.version] = f.name
            if newest.map({ $0.version < s.version }) ?? true { newest = s }
        }
        guard let newest else { throw AcuteNeedRuleError(file: "(none)", location: "", problem: "no acute-need rule file was found") }
        return newest
    }
}
