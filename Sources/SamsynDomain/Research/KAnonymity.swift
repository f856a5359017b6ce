import Foundation

/// What the k-anonymity check did to an extract: which quasi-identifiers it checked, how many rows each
/// generalisation step changed, and how many rows were withheld because even the coarsest values left fewer than k alike.
public struct SuppressionReport: Sendable, Equatable, Codable {
    public struct Step: Sendable, Equatable, Codable {
        public let variable: String
        /// Swedish: what the step did, e.g. "Stadsdelsnämnd ersatt med hela staden".
        public let action: String
        public let rows: Int
    }
    public let k: Int
    public let quasiIdentifiers: [String]
    public let rowsInPopulation: Int
    public let steps: [Step]
    public let rowsWithheld: Int
    public let rowsDelivered: Int

    /// The report in Swedish, one line per step.
    public var swedishLines: [String] {
        var lines = ["k = \(k) på \(quasiIdentifiers.isEmpty ? "inga kvasiidentifierare (varje rad lika)" : quasiIdentifiers.joined(separator: ", ")).",
                     "\(rowsInPopulation) personer i populationen, \(rowsDelivered) rader lämnas ut."]
        for s in steps { lines.append("\(s.action): \(s.rows) rader.") }
        lines.append("Undanhållna rader (färre än \(k) lika även efter generalisering): \(rowsWithheld).")
        return lines
    }
}

/// k-anonymity by local recoding: the rows whose combination of quasi-identifiers is shared by fewer than k rows
/// are generalised one step at a time (district to the city, birth year to a five-year interval, age band to a
/// wider band), and rows still alone after the last step are withheld.
public enum KAnonymity {
    public struct Generalisation: Sendable {
        public let column: Int
        public let variable: String
        public let action: String
        public let apply: @Sendable (String) -> String
    }

    /// The generalisation steps for the chosen columns, in the order they are tried.
    public static func steps(for variables: [String]) -> [Generalisation] {
        var out: [Generalisation] = []
        if let c = variables.firstIndex(of: "district") {
            out.append(Generalisation(column: c, variable: "district", action: "Stadsdelsnämnd ersatt med hela staden", apply: { _ in cityCode }))
        }
        if let c = variables.firstIndex(of: "birth_year") {
            out.append(Generalisation(column: c, variable: "birth_year", action: "Födelseår ersatt med femårsintervall", apply: fiveYears))
        }
        if let c = variables.firstIndex(of: "age_band") {
            out.append(Generalisation(column: c, variable: "age_band", action: "Åldersgrupp breddad", apply: wideAgeBand))
        }
        return out
    }

    public static let cityCode = "stockholm"

    @Sendable static func fiveYears(_ v: String) -> String {
        guard v.count == 4, let y = Int(v) else { return v }
        let start = y - ((y % 5) + 5) % 5
        return "\(start)-\(start + 4)"
    }

    @Sendable static func wideAgeBand(_ v: String) -> String {
        switch v {
        case "0-17", "18-24", "25-29": "0-29"
        case "30-39", "40-49": "30-49"
        case "50-64", "65+": "50+"
        default: v
        }
    }

    /// Makes `rows` k-anonymous on the columns `quasi` (indices into each row) and returns the report.
    /// Withheld rows are removed; the order of the others is kept.
    public static func apply(
        _ rows: inout [[String]], quasi: [Int], variables: [String], steps: [Generalisation], k: Int
    ) -> SuppressionReport {
        let n = rows.count
        func small() -> [Int] {
            var counts: [[String]: Int] = [:]
            for r in rows { counts[quasi.map { r[$0] }, default: 0] += 1 }
            return rows.indices.filter { i in counts[quasi.map { rows[i][$0] }]! < k }
        }
        var pending = small()
        var done: [SuppressionReport.Step] = []
        for step in steps where !pending.isEmpty {
            var changed = 0
            for i in pending {
                let v = rows[i][step.column]
                let g = step.apply(v)
                if g != v {
                    rows[i][step.column] = g
                    changed += 1
                }
            }
            done.append(SuppressionReport.Step(variable: step.variable, action: step.action, rows: changed))
            pending = small()
        }
        if !pending.isEmpty {
            let withheld = Set(pending)
            rows = rows.indices.filter { !withheld.contains($0) }.map { rows[$0] }
        }
        return SuppressionReport(
            k: k, quasiIdentifiers: quasi.map { variables[$0] }, rowsInPopulation: n, steps: done, rowsWithheld: pending.count, rowsDelivered: rows.count)
    }

    /// The size of the smallest group of rows alike on `quasi` (the k the rows actually reach); 0 for no rows.
    public static func smallestClass(_ rows: [[String]], quasi: [Int]) -> Int {
        var counts: [[String]: Int] = [:]
        for r in rows { counts[quasi.map { r[$0] }, default: 0] += 1 }
        return counts.values.min() ?? 0
    }
}
