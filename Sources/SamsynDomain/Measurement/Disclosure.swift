import Foundation

/// Röjandekontroll: protecting small counts in published figures so that no person can be singled out.
///
/// A page (and every export of it) publishes counts that add up: each breakdown's cells sum to its total, a
/// cross table's rows and columns to their margins, and several breakdowns of the same figure share one total.
/// Those sums are the `lines` below. Protection is in two steps:
/// - **Primary:** a count from 1 to k−1 is not shown; it is published as "<k" (`DisclosureStatus.small`).
///   A zero is shown as 0: it singles nobody out.
/// - **Secondary:** a further count is withheld (`withheld`) wherever a hidden count could otherwise be worked out
///   by subtraction — from one line, or from any combination of lines (the published figures are solved as a linear
///   system, and every hidden count must stay undetermined). A share built on a hidden count is withheld too.
///
/// What this does not do: it does not hide that a hidden count lies within the bounds its line allows (a line of
/// total 6 with two hidden parts says each is at most 6); "<k" already says the count is below k.
public enum Disclosure {
    /// The default threshold k: counts 1…4 are published as "<5".
    public static let defaultThreshold = 5

    /// How a published count is shown.
    public enum Status: Sendable, Equatable {
        case shown(Int)
        /// 1…k−1: published as "<k".
        case small
        /// Withheld so that a small count cannot be worked out.
        case withheld

        public var value: Int? {
            if case .shown(let v) = self { v } else { nil }
        }
        public var isHidden: Bool { value == nil }

        /// The text a page or an export shows.
        public func text(threshold: Int) -> String {
            switch self {
            case .shown(let v): String(v)
            case .small: "<\(threshold)"
            case .withheld: "–"
            }
        }
    }

    /// One published additive relation: `total` is the sum of `parts` (indexes into the counts).
    public struct Line: Sendable, Hashable {
        public let total: Int
        public let parts: [Int]
        public init(total: Int, parts: [Int]) {
            self.total = total
            self.parts = parts
        }
    }

    public enum Fault: Error, Equatable {
        case threshold(Int)
        case negativeCount(index: Int)
        case badIndex(Int)
        /// A line whose parts do not add up to its total: the figures are wrong before any protection.
        case notAdditive(line: Int)
        /// A hidden count stays determined with every count around it hidden: the figures must not be published.
        case unprotectable(index: Int)
    }

    /// Protects `counts` under `lines`. Returns one status per count.
    public static func protect(counts: [Int], lines: [Line], threshold k: Int = defaultThreshold) throws(Fault) -> [Status] {
        guard (2...100).contains(k) else { throw .threshold(k) }
        for (i, c) in counts.enumerated() where c < 0 { throw .negativeCount(index: i) }
        for (n, l) in lines.enumerated() {
            for i in [l.total] + l.parts where !counts.indices.contains(i) { throw .badIndex(i) }
            guard l.parts.reduce(0, { $0 + counts[$1] }) == counts[l.total] else { throw .notAdditive(line: n) }
        }
        var status: [Status] = counts.map { (1..<k).contains($0) ? .small : .shown($0) }
        // Each round hides at least one more count, so this ends; a count that is already hidden is never shown again.
        while let exposed = determined(status: status, lines: lines).first {
            // A line with one hidden count gives it away by subtraction: hide a second count in that line. Otherwise
            // the count is found by combining lines: hide a second count in a line through it.
            let single = lines.first { l in ([l.total] + l.parts).filter { status[$0].isHidden }.count == 1 }
            let through = single.map { [$0] } ?? lines.filter { $0.total == exposed || $0.parts.contains(exposed) }
            if let complement = complement(in: through, status: status, lines: lines) {
                status[complement] = .withheld
                continue
            }
            // No shown count above zero is left in those lines: hide their zeros too.
            var changed = false
            for l in through {
                for i in [l.total] + l.parts where !status[i].isHidden {
                    status[i] = .withheld
                    changed = true
                }
            }
            guard changed else { throw .unprotectable(index: exposed) }
        }
        return status
    }

    /// A share (numerator / denominator) is shown only when both its counts are.
    public static func share(numerator: Status, denominator: Status) -> Double? {
        guard let n = numerator.value, let d = denominator.value, d > 0 else { return nil }
        return Double(n) / Double(d)
    }

    /// The hidden counts that the published counts and lines determine exactly (by any linear combination).
    public static func determined(status: [Status], lines: [Line]) -> [Int] {
        let hidden = status.indices.filter { status[$0].isHidden }
        guard !hidden.isEmpty else { return [] }
        let column = Dictionary(uniqueKeysWithValues: hidden.enumerated().map { ($1, $0) })
        // Each line as a row over the hidden counts: total − Σ parts = 0, known counts moved to the right-hand side
        // (the right-hand side does not matter for whether a count is determined).
        var rows: [[Double]] = []
        for l in lines {
            var row = [Double](repeating: 0, count: hidden.count)
            var any = false
            if let c = column[l.total] { row[c] += 1; any = true }
            for p in l.parts { if let c = column[p] { row[c] -= 1; any = true } }
            if any { rows.append(row) }
        }
        let reduced = reducedRowEchelon(rows)
        var out: [Int] = []
        for row in reduced {
            let nonZero = row.indices.filter { abs(row[$0]) > 1e-9 }
            if nonZero.count == 1 { out.append(hidden[nonZero[0]]) }
        }
        return out.sorted()
    }

    /// The count to withhold in one of `candidates`' lines: a shown count above zero, preferring a part to a total,
    /// then one that also closes another line left with a single hidden count (so one count protects two lines,
    /// as the corners of a rectangle in a cross table do), then the smallest.
    static func complement(in candidates: [Line], status: [Status], lines: [Line]) -> Int? {
        func hiddenCount(_ l: Line) -> Int { ([l.total] + l.parts).filter { status[$0].isHidden }.count }
        var best: (key: (Int, Int, Int, Int), index: Int)?
        for l in candidates {
            for i in [l.total] + l.parts {
                guard case .shown(let v) = status[i], v > 0 else { continue }
                let isTotal = lines.contains { $0.total == i }
                let closes = lines.filter { ($0.total == i || $0.parts.contains(i)) && hiddenCount($0) == 1 }.count
                let key = (isTotal ? 1 : 0, -closes, v, i)
                if best == nil || key < best!.key { best = (key, i) }
            }
        }
        return best?.index
    }

    /// Gauss–Jordan elimination with partial pivoting. The matrices are small (a page's figures).
    static func reducedRowEchelon(_ input: [[Double]]) -> [[Double]] {
        var m = input
        guard let width = m.first?.count else { return [] }
        var pivotRow = 0
        for col in 0..<width where pivotRow < m.count {
            guard let best = (pivotRow..<m.count).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[best][col]) > 1e-9 else { continue }
            m.swapAt(pivotRow, best)
            let p = m[pivotRow][col]
            for j in 0..<width { m[pivotRow][j] /= p }
            for r in 0..<m.count where r != pivotRow {
                let f = m[r][col]
                if abs(f) > 1e-12 { for j in 0..<width { m[r][j] -= f * m[pivotRow][j] } }
            }
            pivotRow += 1
        }
        return Array(m[0..<pivotRow])
    }
}

/// A cross table of counts with its margins, laid out as the counts and lines `Disclosure.protect` takes:
/// cells row by row, then the row totals, then the column totals, then the grand total.
public struct CrossTable: Sendable, Equatable {
    public let cells: [[Int]]

    public init(cells: [[Int]]) {
        self.cells = cells
    }

    public var rowCount: Int { cells.count }
    public var columnCount: Int { cells.first?.count ?? 0 }
    public func cellIndex(_ r: Int, _ c: Int) -> Int { r * columnCount + c }
    public func rowTotalIndex(_ r: Int) -> Int { rowCount * columnCount + r }
    public func columnTotalIndex(_ c: Int) -> Int { rowCount * columnCount + rowCount + c }
    public var grandTotalIndex: Int { rowCount * columnCount + rowCount + columnCount }

    public var counts: [Int] {
        let rowTotals = cells.map { $0.reduce(0, +) }
        let columnTotals = (0..<columnCount).map { c in cells.reduce(0) { $0 + $1[c] } }
        return cells.flatMap { $0 } + rowTotals + columnTotals + [rowTotals.reduce(0, +)]
    }

    public var lines: [Disclosure.Line] {
        var out: [Disclosure.Line] = []
        for r in 0..<rowCount { out.append(.init(total: rowTotalIndex(r), parts: (0..<columnCount).map { cellIndex(r, $0) })) }
        for c in 0..<columnCount { out.append(.init(total: columnTotalIndex(c), parts: (0..<rowCount).map { cellIndex($0, c) })) }
        out.append(.init(total: grandTotalIndex, parts: (0..<rowCount).map(rowTotalIndex)))
        out.append(.init(total: grandTotalIndex, parts: (0..<columnCount).map(columnTotalIndex)))
        return out
    }
}
