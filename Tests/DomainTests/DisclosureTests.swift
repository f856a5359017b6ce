import Foundation
import Testing

@testable import SamsynDomain

/// An attacker who knows every published count and every line, and solves the system exactly (fractions, not
/// floating point: written apart from `Disclosure`'s own check) to find any hidden count it determines.
private enum Attacker {
    struct Q: Equatable {
        var n: Int
        var d: Int
        init(_ n: Int, _ d: Int = 1) {
            func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
            let g = max(gcd(n, d), 1)
            self.n = (d < 0 ? -n : n) / g
            self.d = abs(d) / g
        }
        static func - (a: Q, b: Q) -> Q { Q(a.n * b.d - b.n * a.d, a.d * b.d) }
        static func * (a: Q, b: Q) -> Q { Q(a.n * b.n, a.d * b.d) }
        static func / (a: Q, b: Q) -> Q { Q(a.n * b.d, a.d * b.n) }
        var isZero: Bool { n == 0 }
    }

    /// The hidden counts the attacker can compute, with the values found.
    static func recover(published: [Int?], lines: [Disclosure.Line]) -> [Int: Int] {
        let hidden = published.indices.filter { published[$0] == nil }
        let col = Dictionary(uniqueKeysWithValues: hidden.enumerated().map { ($1, $0) })
        var rows: [[Q]] = []
        for l in lines {
            // total − Σ parts = 0  →  Σ over hidden of coefficients = −(known part)
            var row = [Q](repeating: Q(0), count: hidden.count + 1)
            var known = 0
            for (i, sign) in [(l.total, 1)] + l.parts.map({ ($0, -1) }) {
                if let c = col[i] { row[c] = row[c] - Q(-sign) } else { known += sign * published[i]! }
            }
            row[hidden.count] = Q(-known)
            rows.append(row)
        }
        var pivot = 0
        for c in 0..<hidden.count where pivot < rows.count {
            guard let r = (pivot..<rows.count).first(where: { !rows[$0][c].isZero }) else { continue }
            rows.swapAt(pivot, r)
            let p = rows[pivot][c]
            rows[pivot] = rows[pivot].map { $0 / p }
            for k in 0..<rows.count where k != pivot && !rows[k][c].isZero {
                let f = rows[k][c]
                rows[k] = zip(rows[k], rows[pivot]).map { $0 - f * $1 }
            }
            pivot += 1
        }
        var found: [Int: Int] = [:]
        for row in rows {
            let nz = (0..<hidden.count).filter { !row[$0].isZero }
            if nz.count == 1 { let v = row[hidden.count] / row[nz[0]]; found[hidden[nz[0]]] = v.n / v.d }
        }
        return found
    }
}

private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Disclosure control: small counts and secondary suppression")
struct DisclosureTests {
    func published(_ s: [Disclosure.Status]) -> [Int?] { s.map(\.value) }

    @Test("A small count is '<5'; the one cell that would give it away by subtraction is withheld; the total stays")
    func oneBreakdown() throws {
        // 0 = total, 1 = kvinnor, 2 = män
        let lines = [Disclosure.Line(total: 0, parts: [1, 2])]
        let s = try Disclosure.protect(counts: [13, 3, 10], lines: lines)
        #expect(s == [.shown(13), .small, .withheld])
        #expect(s.map { $0.text(threshold: 5) } == ["13", "<5", "–"])
        #expect(Attacker.recover(published: published(s), lines: lines).isEmpty)
        // Without the secondary suppression the attacker finds the 3.
        #expect(Attacker.recover(published: [13, nil, 10], lines: lines) == [1: 3])
    }

    @Test("Zeros are shown (they single nobody out) and are never used to hide; a total made of one small count is itself small")
    func zerosAndSmallTotals() throws {
        let lines = [Disclosure.Line(total: 0, parts: [1, 2])]
        #expect(try Disclosure.protect(counts: [7, 0, 7], lines: lines) == [.shown(7), .shown(0), .shown(7)])
        let s = try Disclosure.protect(counts: [3, 0, 3], lines: lines)
        #expect(s == [.small, .shown(0), .small])
        #expect(Attacker.recover(published: published(s), lines: lines).isEmpty)
        #expect(try Disclosure.protect(counts: [0, 0, 0], lines: lines) == [.shown(0), .shown(0), .shown(0)])
    }

    @Test("Breakdowns on the same page share their total: hiding in one is not undone by another")
    func breakdownsShareTheTotal() throws {
        // 0 = total; gender 1, 2; age bands 3, 4, 5; districts 6, 7
        let counts = [40, 3, 37, 12, 2, 26, 30, 10]
        let lines = [
            Disclosure.Line(total: 0, parts: [1, 2]), Disclosure.Line(total: 0, parts: [3, 4, 5]), Disclosure.Line(total: 0, parts: [6, 7]),
        ]
        let s = try Disclosure.protect(counts: counts, lines: lines)
        #expect(s[1] == .small && s[4] == .small)
        #expect(s[2] == .withheld)
        #expect(s[3] == .withheld, "the smallest other age band is withheld")
        #expect(s[6] == .shown(30) && s[7] == .shown(10))
        #expect(Attacker.recover(published: published(s), lines: lines).isEmpty)
    }

    @Test("In a cross table with its margins one small cell takes a rectangle of four hidden cells")
    func crossTable() throws {
        let t = CrossTable(cells: [[2, 10, 12], [8, 9, 15], [11, 14, 20]])
        let s = try Disclosure.protect(counts: t.counts, lines: t.lines)
        #expect(s[t.cellIndex(0, 0)] == .small)
        let hiddenCells = (0..<3).flatMap { r in (0..<3).map { c in t.cellIndex(r, c) } }.filter { s[$0].isHidden }
        #expect(hiddenCells.count == 4)
        #expect(s[t.grandTotalIndex] == .shown(101))
        #expect(Attacker.recover(published: published(s), lines: t.lines).isEmpty)
    }

    @Test("Random tables and breakdowns: no small count is shown, shown counts are true, the attacker recovers nothing")
    func randomFigures() throws {
        var rng = SplitMix64(state: 20261202)
        for round in 0..<300 {
            let counts: [Int]
            let lines: [Disclosure.Line]
            if round % 2 == 0 {
                let rows = Int.random(in: 1...5, using: &rng), cols = Int.random(in: 1...5, using: &rng)
                let t = CrossTable(cells: (0..<rows).map { _ in (0..<cols).map { _ in [0, 1, 2, 3, 4, 6, 9, 15, 40].randomElement(using: &rng)! } })
                (counts, lines) = (t.counts, t.lines)
            } else {
                // One total, two to four breakdowns of it (gender, age, district, unit).
                let total = Int.random(in: 0...60, using: &rng)
                var c = [total]
                var ls: [Disclosure.Line] = []
                for _ in 0..<Int.random(in: 2...4, using: &rng) {
                    let n = Int.random(in: 2...6, using: &rng)
                    var parts = [Int](repeating: 0, count: n)
                    for _ in 0..<total { parts[Int.random(in: 0..<n, using: &rng)] += 1 }
                    ls.append(Disclosure.Line(total: 0, parts: Array(c.count..<(c.count + n))))
                    c += parts
                }
                (counts, lines) = (c, ls)
            }
            let s = try Disclosure.protect(counts: counts, lines: lines, threshold: 5)
            for (i, st) in s.enumerated() {
                if (1...4).contains(counts[i]) { #expect(st == .small, "round \(round): a small count is shown") }
                if let v = st.value { #expect(v == counts[i]) }
            }
            let recovered = Attacker.recover(published: published(s), lines: lines)
            #expect(recovered.isEmpty, "round \(round): recovered \(recovered) from \(counts) / \(s)")
        }
    }

    @Test("A share is withheld when its numerator or denominator is hidden")
    func shares() {
        #expect(Disclosure.share(numerator: .shown(7), denominator: .shown(10)) == 0.7)
        #expect(Disclosure.share(numerator: .small, denominator: .shown(10)) == nil)
        #expect(Disclosure.share(numerator: .shown(7), denominator: .withheld) == nil)
        #expect(Disclosure.share(numerator: .shown(0), denominator: .shown(0)) == nil)
    }

    @Test("Bad figures are refused: parts that do not add up, a negative count, an index outside, a threshold below 2")
    func faults() {
        #expect(throws: Disclosure.Fault.notAdditive(line: 0)) { try Disclosure.protect(counts: [10, 3, 6], lines: [.init(total: 0, parts: [1, 2])]) }
        #expect(throws: Disclosure.Fault.negativeCount(index: 1)) { try Disclosure.protect(counts: [10, -1, 11], lines: []) }
        #expect(throws: Disclosure.Fault.badIndex(3)) { try Disclosure.protect(counts: [1, 1], lines: [.init(total: 0, parts: [1, 3])]) }
        #expect(throws: Disclosure.Fault.threshold(1)) { try Disclosure.protect(counts: [1], lines: [], threshold: 1) }
    }
}
