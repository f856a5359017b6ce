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

    /// Suppression for tables of the same people grouped in several ways (e.g. by gender and by age band) with
    /// a total row. Cells of 1–4 are suppressed; then, until nothing changes, more cells are withheld so that
    /// no hidden cell can be worked out by subtraction:
    /// - in a row, where a set of columns (`sums`) adds up to column 0: one hidden cell of the set with
    ///   column 0 shown, or column 0 hidden with the whole set shown;
    /// - in a column, against the total: one hidden group cell with the total shown, or the total hidden
    ///   while one grouping's cells are all shown (their sum is the total).
    /// The smallest non-zero shown cell is withheld each time.
    public static func protect(groupings: [[[Int]]], total: [Int], sums: [[Int]]) -> (groupings: [[[StatCell]]], total: [StatCell]) {
        // Rows: every grouping's rows, then the total row last.
        let rows: [[Int]] = groupings.flatMap { $0 } + [total]
        var hidden: [[Bool]] = rows.map { $0.map { $0 > 0 && $0 < StatCell.threshold } }
        let primary = hidden
        let t = rows.count - 1
        var ranges: [Range<Int>] = []
        var at = 0
        for g in groupings { ranges.append(at..<(at + g.count)); at += g.count }
        @discardableResult
        func hideSmallest(_ candidates: [(Int, Int)]) -> Bool {
            let open = candidates.filter { !hidden[$0.0][$0.1] && rows[$0.0][$0.1] > 0 }
            guard let pick = open.min(by: { rows[$0.0][$0.1] < rows[$1.0][$1.1] }) else { return false }
            hidden[pick.0][pick.1] = true
            return true
        }
        var changed = true
        while changed {
            changed = false
            // Columns first: hiding a total often makes a row's own check unnecessary.
            for col in total.indices {
                let hiddenPer = ranges.map { range in range.filter { hidden[$0][col] }.count }
                if !hidden[t][col] && hiddenPer.contains(1) {
                    hidden[t][col] = true
                    changed = true
                }
                if hidden[t][col] {
                    for (k, range) in ranges.enumerated() where hiddenPer[k] == 0 && rows[t][col] > 0 {
                        if hideSmallest(range.map { ($0, col) }) { changed = true }
                    }
                }
            }
            for r in rows.indices {
                for set in sums {
                    let hiddenInSet = set.filter { hidden[r][$0] }.count
                    if !hidden[r][0] && hiddenInSet == 1 {
                        if !hideSmallest(set.map { (r, $0) }) { hidden[r][0] = true }
                        changed = true
                    } else if hidden[r][0] && hiddenInSet == 0 && rows[r][0] > 0 {
                        if hideSmallest(set.map { (r, $0) }) { changed = true }
                    }
                }
            }
        }
        let cells: [[StatCell]] = rows.indices.map { r in
            rows[r].indices.map { c in hidden[r][c] ? (primary[r][c] ? .suppressed : .withheld) : .count(rows[r][c]) }
        }
        return (ranges.map { range in range.map { cells[$0] } }, cells[t])
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
        // Each list adds up to a shown figure (the people, the changed), so a lone "<5" in it is protected by
        // withholding another cell.
        var moves: [(String, String, Int)] = []
        for from in codes { for to in codes where from != to { if let n = pairs[from]?[to], n > 0 { moves.append((from, to, n)) } } }
        let moveCells = Suppression.row(moves.map(\.2), totalShown: StatCell(changed).value != nil)
        let transitions = moves.indices.map { Transition(from: moves[$0].0, to: moves[$0].1, people: moveCells[$0]) }
        let currentCells = Suppression.row(codes.map { before[$0] ?? 0 }, totalShown: true)
        let candidateCells = Suppression.row(codes.map { after[$0] ?? 0 }, totalShown: true)
        let dist = codes.indices.map { Distribution(code: codes[$0], current: currentCells[$0], candidate: candidateCells[$0]) }
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
        // One row of counts: decisions, suggestions per code, decisions per category, deviations.
        func counts(_ rs: [FairnessRecord]) -> [Int] {
            [rs.count] + suggestionCodes.map { c in rs.filter { $0.suggested == c }.count } + categories.map { c in rs.filter { $0.decided == c }.count }
                + [rs.filter(\.deviates).count]
        }
        let genderGroups = RegisteredGender.allCases.map { g in (g.swedishName, inPeriod.filter { RegisteredGender($0.identity) == g }) }
        let ageGroups = AgeBand.allCases.map { b in (b.swedishName, inPeriod.filter { AgeBand(age: AgeBand.age($0.identity, on: $0.decidedOn)) == b }) }
        let s = suggestionCodes.count, c = categories.count
        let cells = Suppression.protect(
            groupings: [genderGroups.map { counts($0.1) }, ageGroups.map { counts($0.1) }], total: counts(inPeriod),
            sums: [Array(1...s), Array((s + 1)...(s + c))])
        func row(_ name: String, _ rs: [FairnessRecord], _ x: [StatCell]) -> Row {
            let concrete = rs.filter { $0.suggested != NeedOutcome.unclearCode }.count
            let deviations = rs.filter(\.deviates).count
            let devCell = x[s + c + 1]
            // A share of a hidden count would give the count away.
            let percent = devCell.value == nil || concrete < StatCell.threshold ? nil : Int((Double(deviations) * 100 / Double(concrete)).rounded())
            return Row(group: name, people: x[0], suggested: Array(x[1...s]), decided: Array(x[(s + 1)...(s + c)]), deviations: devCell, deviationPercent: percent)
        }
        let byGender = genderGroups.enumerated().map { i, g in row(g.0, g.1, cells.groupings[0][i]) }
        let byAge = ageGroups.enumerated().map { i, g in row(g.0, g.1, cells.groupings[1][i]) }
        let total = row("Alla", inPeriod, cells.total)
        return FairnessReport(from: from, to: to, people: total.people, categoryCodes: categories, byGender: byGender, byAge: byAge, total: total)
    }
}
