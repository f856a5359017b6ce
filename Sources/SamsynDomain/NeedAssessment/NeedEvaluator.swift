import Foundation

/// What the rules read for one person: the latest answer per concept, and the current försörjningshinder codes.
public struct NeedInputs: Sendable, Equatable {
    public var values: [String: AnswerValue]
    public var obstacles: Set<String>
    public init(values: [String: AnswerValue] = [:], obstacles: Set<String> = []) {
        self.values = values
        self.obstacles = obstacles
    }
}

/// One thing a rule looked at: a concept's answer or a försörjningshinder code.
public enum NeedLeaf: Hashable, Sendable {
    case concept(String)
    case obstacle(String)
}

/// The result of running a rule set over one person's inputs. A suggestion is advice for the people who
/// decide; `unclear` ("oklart") means a rule that comes first could not be judged because answers are missing.
public struct NeedOutcome: Sendable, Equatable {
    /// The suggested category code, or nil for "oklart".
    public let category: String?
    /// The rule that gave the category, or the rule that could not be judged.
    public let ruleId: String?
    /// The answers and hinder that made the rule hold.
    public let reasons: [NeedLeaf]
    /// Concepts without an answer (or answered "vill inte svara") that the undecided rule needs.
    public let missing: [String]
    /// Everything else that was looked at on the way (rules that did not hold), for the full picture.
    public let checked: [NeedLeaf]

    public var isUnclear: Bool { category == nil }
    /// The key stored with a decision and counted in the reports.
    public var code: String { category ?? NeedOutcome.unclearCode }
    public static let unclearCode = "oklart"
}

public enum NeedEvaluator {
    enum Tri { case yes, no, unknown }

    struct Step {
        var value: Tri
        var support: [NeedLeaf] = []
        var unknown: [String] = []
        var checked: [NeedLeaf] = []
    }

    /// Walks the rules in order: the first that holds gives the category; a rule that cannot be judged
    /// for missing answers stops the walk with "oklart", since a later rule's answer could be wrong.
    public static func evaluate(_ set: NeedRuleSet, _ inputs: NeedInputs) -> NeedOutcome {
        var checked: [NeedLeaf] = []
        for rule in set.rules {
            guard let when = rule.when else {
                return NeedOutcome(category: rule.category, ruleId: rule.id, reasons: [], missing: [], checked: unique(checked))
            }
            let step = eval(when, inputs)
            switch step.value {
            case .yes:
                return NeedOutcome(category: rule.category, ruleId: rule.id, reasons: unique(step.support), missing: [], checked: unique(checked.filter { !step.support.contains($0) }))
            case .unknown:
                return NeedOutcome(category: nil, ruleId: rule.id, reasons: [], missing: uniqueStrings(step.unknown), checked: unique(checked + step.checked))
            case .no:
                checked += step.checked
            }
        }
        return NeedOutcome(category: nil, ruleId: nil, reasons: [], missing: [], checked: unique(checked))
    }

    static func eval(_ c: NeedCondition, _ inputs: NeedInputs) -> Step {
        switch c {
        case .obstacle(let codes):
            let hit = codes.filter { inputs.obstacles.contains($0) }
            if let first = hit.first { return Step(value: .yes, support: [.obstacle(first)], checked: [.obstacle(first)]) }
            return Step(value: .no)
        case .concept(let concept, let op, let value):
            guard let answer = inputs.values[concept], answer != .declined else { return Step(value: .unknown, unknown: [concept]) }
            let holds = test(answer, op, value)
            return Step(value: holds ? .yes : .no, support: holds ? [.concept(concept)] : [], checked: [.concept(concept)])
        case .any(let list):
            let steps = list.map { eval($0, inputs) }
            let yes = steps.filter { $0.value == .yes }
            let checked = steps.flatMap(\.checked)
            if !yes.isEmpty { return Step(value: .yes, support: yes.flatMap(\.support), checked: checked) }
            if steps.contains(where: { $0.value == .unknown }) { return Step(value: .unknown, unknown: steps.flatMap(\.unknown), checked: checked) }
            return Step(value: .no, checked: checked)
        case .all(let list):
            let steps = list.map { eval($0, inputs) }
            let checked = steps.flatMap(\.checked)
            if steps.contains(where: { $0.value == .no }) { return Step(value: .no, checked: checked) }
            if steps.contains(where: { $0.value == .unknown }) { return Step(value: .unknown, unknown: steps.flatMap(\.unknown), checked: checked) }
            return Step(value: .yes, support: steps.flatMap(\.support), checked: checked)
        }
    }

    static func number(_ a: AnswerValue) -> Double? {
        switch a {
        case .number(let d): d
        case .scale(let i): Double(i)
        default: nil
        }
    }

    static func test(_ a: AnswerValue, _ op: NeedOperator, _ v: NeedValue?) -> Bool {
        switch (op, v) {
        case (.answered, _): return true
        case (.equals, .string(let s)?): if case .choice(let c) = a { return c == s } else { return false }
        case (.notEquals, .string(let s)?): if case .choice(let c) = a { return c != s } else { return false }
        case (.equals, .bool(let b)?): if case .bool(let x) = a { return x == b } else { return false }
        case (.notEquals, .bool(let b)?): if case .bool(let x) = a { return x != b } else { return false }
        case (.oneOf, .strings(let list)?): if case .choice(let c) = a { return list.contains(c) } else { return false }
        case (.includes, .string(let s)?): if case .choices(let list) = a { return list.contains(s) } else { return false }
        case (_, .number(let n)?):
            guard let x = number(a) else { return false }
            switch op {
            case .equals: return x == n
            case .notEquals: return x != n
            case .lessThan: return x < n
            case .atMost: return x <= n
            case .greaterThan: return x > n
            case .atLeast: return x >= n
            default: return false
            }
        default: return false
        }
    }

    static func unique(_ l: [NeedLeaf]) -> [NeedLeaf] {
        var seen = Set<NeedLeaf>()
        return l.filter { seen.insert($0).inserted }
    }
    static func uniqueStrings(_ l: [String]) -> [String] {
        var seen = Set<String>()
        return l.filter { seen.insert($0).inserted }
    }
}

/// Describes a condition in plain Swedish, for the page that shows a rule set.
public enum NeedRuleText {
    public static func describe(_ c: NeedCondition, instruments: InstrumentCatalog, obstacles: SupportObstacleClassification) -> String {
        switch c {
        case .any(let l): return "minst ett av: (" + l.map { describe($0, instruments: instruments, obstacles: obstacles) }.joined(separator: "; ") + ")"
        case .all(let l): return "alla av: (" + l.map { describe($0, instruments: instruments, obstacles: obstacles) }.joined(separator: "; ") + ")"
        case .obstacle(let codes): return "försörjningshindret är " + codes.map { obstacles.entry($0)?.label ?? $0 }.joined(separator: " eller ")
        case .concept(let concept, let op, let value):
            let q = instruments.conceptQuestions[concept]
            let subject = "”\(q?.text ?? concept)”"
            guard let value else { return "\(subject) \(op.swedishText)" }
            let shown: String
            switch value {
            case .string(let s): shown = q?.option(s)?.label ?? s
            case .bool(let b): shown = b ? "Ja" : "Nej"
            case .number(let d): shown = AnswerValue.numberText(d)  // Int(d) would trap on 1e300 in a tried rule set
            case .strings(let l): shown = l.map { q?.option($0)?.label ?? $0 }.joined(separator: ", ")
            }
            return "\(subject) \(op.swedishText) \(shown)"
        }
    }
}
