import Foundation

/// A count in a statistics table: shown as a number, or "<5" when 1–4 people are behind it, so that no
/// cell is small enough to point out a person. Zero is shown; it identifies nobody.
public enum StatCell: Sendable, Equatable, CustomStringConvertible {
    case count(Int)
    case suppressed
    /// Hidden although it is 5 or more, because a suppressed cell could otherwise be worked out from it by
    /// subtraction (secondary suppression). Shown as "–".
    case withheld

    public static let threshold = 5

    public init(_ n: Int) { self = (n > 0 && n < Self.threshold) ? .suppressed : .count(n) }

    public var description: String {
        switch self {
        case .count(let n): String(n)
        case .suppressed: "<\(Self.threshold)"
        case .withheld: "–"
        }
    }
    public var value: Int? { if case .count(let n) = self { n } else { nil } }
}

/// A row of cells that add up to a shown total: when exactly one cell is suppressed, it could be worked out
/// by subtraction, so the next smallest non-zero cell is suppressed as well (secondary suppression).
public enum Suppression {
    public static func row(_ counts: [Int], totalShown: Bool) -> [StatCell] {
        var cells = counts.map(StatCell.init)
        guard totalShown else { return cells }
        let suppressed = cells.indices.filter { cells[$0] == .suppressed }
        if suppressed.count == 1 {
            let candidates = counts.indices.filter { cells[$0] != .suppressed && counts[$0] > 0 }
            if let smallest = candidates.min(by: { counts[$0] < counts[$1] }) { cells[smallest] = .withheld }
        }
        return cells
    }

    /// Whether a total over groups would give a group's suppressed cell away: exactly one group cell hidden.
    public static func totalRevealsCell(_ groupCells: [StatCell]) -> Bool {
        groupCells.filter { $0.value == nil }.count == 1
    }
}

// MARK: What-if

/// Running a rule version over the stored answers and comparing it with the version in use: how many people
/// would change category, from what to what. Counts only; no person is named.
public struct NeedWhatIf: Sendable, Equatable {
    public struct Transition: Sendable, Equatable {
        public let from: String
        public let to: String
        public let people: StatCell
    }
    public struct Distribution: Sendable, Equatable {
        public let code: String
        public let current: StatCell
        public let candidate: StatCell
    }
    public let currentVersion: Int
    public let candidateVersion: Int
    public let people: Int
    public let changed: StatCell
    public let transitions: [Transition]
    public let distribution: [Distribution]

    public static func run(current: NeedRuleSet, candidate: NeedRuleSet, inputs: [NeedInputs]) -> NeedWhatIf {
        var pairs: [String: [String: Int]] = [:]
        var before: [String: Int] = [:]
        var after: [String: Int] = [:]
        var changed = 0
        for i in inputs {
            let a = NeedEvaluator.evaluate(current, i).code
            let b = NeedEvaluator.evaluate(candidate, i).code
            before[a, default: 0] += 1
            after[b, default: 0] += 1
            if a != b {
                changed += 1
                pairs[a, default: [:]][b, default: 0] += 1
            }
        }
        let codes = orderedCodes(current, candidate)
        var transitions: [Transition] = []
        for from in codes { for to in codes where from != to { if let n = pairs[from]?[to], n > 0 { transitions.append(Transition(from: from, to: to, people: StatCell(n))) } } }
        let dist = codes.map { Distribution(code: $0, current: StatCell(before[$0] ?? 0), candidate: StatCell(after[$0] ?? 0)) }
        return NeedWhatIf(
            currentVersion: current.version, candidateVersion: candidate.version, people: inputs.count, changed: StatCell(changed), transitions: transitions,
            distribution: dist)
    }

    /// Category codes of both sets in order, then "oklart".
    static func orderedCodes(_ a: NeedRuleSet, _ b: NeedRuleSet) -> [String] {
        var codes: [String] = []
        for c in a.categories.map(\.code) + b.categories.map(\.code) where !codes.contains(c) { codes.append(c) }
        return codes + [NeedOutcome.unclearCode]
    }
}

// MARK: Fairness

/// Legal gender as the personnummer carries it (the second-to-last digit: odd for men, even for women).
public enum RegisteredGender: String, Sendable, CaseIterable {
    case woman, man
    public var swedishName: String { self == .woman ? "Kvinnor" : "Män" }
    public init(_ id: PersonalIdentityNumber) {
        let digit = Int(String(id.digits.dropLast().last ?? "0")) ?? 0
        self = digit % 2 == 1 ? .man : .woman
    }
}

public enum AgeBand: String, Sendable, CaseIterable {
    case under25 = "18-24", from25 = "25-34", from35 = "35-44", from45 = "45-54", from55 = "55+"
    public var swedishName: String {
        switch self {
        case .under25: "18–24 år"
        case .from25: "25–34 år"
        case .from35: "35–44 år"
        case .from45: "45–54 år"
        case .from55: "55 år eller äldre"
        }
    }
    public static func age(_ id: PersonalIdentityNumber, on day: LocalDate) -> Int {
        let y = id.birthDate.year ?? day.year, m = id.birthDate.month ?? 1, d = id.birthDate.day ?? 1
        return day.year - y - ((day.month, day.day) < (m, d) ? 1 : 0)
    }
    public init(age: Int) {
        switch age {
        case ..<25: self = .under25
        case 25..<35: self = .from25
        case 35..<45: self = .from35
        case 45..<55: self = .from45
        default: self = .from55
        }
    }
}

/// One decided assessment, as the fairness report counts it.
public struct FairnessRecord: Sendable, Equatable {
    public let identity: PersonalIdentityNumber
    public let decidedOn: LocalDate
    public let suggested: String
    public let decided: String
    public init(identity: PersonalIdentityNumber, decidedOn: LocalDate, suggested: String, decided: String) {
        self.identity = identity
        self.decidedOn = decidedOn
        self.suggested = suggested
        self.decided = decided
    }
    public var deviates: Bool { suggested != NeedOutcome.unclearCode && suggested != decided }
}

/// How suggestions and decisions are distributed by gender and by age band over the decisions of a period,
/// and how often the decision deviated from the suggestion. Cells under five are shown as "<5".
public struct FairnessReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let group: String
        public let people: StatCell
        public let suggested: [StatCell]
        public let decided: [StatCell]
        public let deviations: StatCell
        /// Deviations as a share of the decisions with a concrete suggestion, in whole per cent (nil when suppressed).
        public let deviationPercent: Int?
    }
    public let from: LocalDate
    public let to: LocalDate
    public let people: StatCell
    /// The columns: the categories, then "oklart" for suggestions.
    public let categoryCodes: [String]
    public let byGender: [Row]
    public let byAge: [Row]
    public let total: Row

    public static func make(_ records: [FairnessRecord], categories: [String], from: LocalDate, to: LocalDate) -> FairnessReport {
        let inPeriod = records.filter { from <= $0.decidedOn && $0.decidedOn <= to }
        let suggestionCodes = categories + [NeedOutcome.unclearCode]
        func row(_ name: String, _ rs: [FairnessRecord]) -> Row {
            let sug = suggestionCodes.map { c in rs.filter { $0.suggested == c }.count }
            let dec = categories.map { c in rs.filter { $0.decided == c }.count }
            let peopleCell = StatCell(rs.count)
            let shown = peopleCell != .suppressed
            let deviations = rs.filter(\.deviates).count
            let concrete = rs.filter { $0.suggested != NeedOutcome.unclearCode }.count
            let devCell = StatCell(deviations)
            let percent = devCell == .suppressed || concrete < StatCell.threshold ? nil : Int((Double(deviations) * 100 / Double(max(concrete, 1))).rounded())
            return Row(
                group: name, people: peopleCell, suggested: Suppression.row(sug, totalShown: shown), decided: Suppression.row(dec, totalShown: shown),
                deviations: devCell, deviationPercent: percent)
        }
        let byGender = RegisteredGender.allCases.map { g in row(g.swedishName, inPeriod.filter { RegisteredGender($0.identity) == g }) }
        let byAge = AgeBand.allCases.map { b in row(b.swedishName, inPeriod.filter { AgeBand(age: AgeBand.age($0.identity, on: $0.decidedOn)) == b }) }
        // A total over groups where exactly one group's cell is hidden would give that cell away by subtraction:
        // the total is withheld then (in either grouping).
        let all = row("Alla", inPeriod)
        func hide(_ cell: StatCell, _ pick: (Row) -> StatCell) -> StatCell {
            let reveals = Suppression.totalRevealsCell(byGender.map(pick)) || Suppression.totalRevealsCell(byAge.map(pick))
            return reveals && cell != .suppressed ? .withheld : cell
        }
        let total = Row(
            group: all.group, people: hide(all.people, \.people),
            suggested: all.suggested.indices.map { i in hide(all.suggested[i]) { $0.suggested[i] } },
            decided: all.decided.indices.map { i in hide(all.decided[i]) { $0.decided[i] } },
            deviations: hide(all.deviations, \.deviations),
            deviationPercent: Suppression.totalRevealsCell(byGender.map(\.deviations)) || Suppression.totalRevealsCell(byAge.map(\.deviations)) ? nil : all.deviationPercent)
        return FairnessReport(from: from, to: to, people: total.people, categoryCodes: categories, byGender: byGender, byAge: byAge, total: total)
    }
}
