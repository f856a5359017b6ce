import Foundation

/// How the comparison group is formed from the propensity score.
public enum PropensityMethod: Sendable, Equatable {
    /// Greedy 1:1 nearest-neighbour matching on the logit of the propensity score. Treated units are taken in
    /// decreasing order of the score (as MatchIt's default `m.order = "largest"`); distance ties (equal within 1e-10,
    /// the rounding of the fit) go to the control earliest in the input.
    /// `caliper`: the largest allowed distance in standard deviations of the logit over the whole sample
    /// (treated and candidates); a treated unit without a control inside it stays unmatched and is left out.
    case nearestNeighbour(replacement: Bool, caliper: Double?)
    /// Inverse probability weighting for the effect on the treated (ATT): treated weight 1, comparison weight e/(1 − e),
    /// the comparison weights scaled to sum to the number treated.
    case inverseProbabilityWeighting
}

/// The result of matching or weighting: a weight per unit (0 = not used) and, for matching, the pairs.
public struct PropensityAdjustment: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public var treated: Int
        public var control: Int
        /// |logit difference|.
        public var distance: Double
    }

    public var method: PropensityMethod
    /// A weight per unit in input order. Matching: 1 for a matched treated unit, the number of times used for a control
    /// (with replacement), 0 otherwise. Weighting: as described on `inverseProbabilityWeighting`.
    public var weights: [Double]
    public var pairs: [Pair]
    /// Treated units left unmatched because no control was inside the caliper (or none was left).
    public var unmatchedTreated: [Int]
    /// The caliper as a distance on the logit scale, when one was used.
    public var caliperDistance: Double?

    public var matchedTreatedCount: Int { pairs.count }
    public var distinctControlsCount: Int { Set(pairs.map(\.control)).count }

    /// - Parameters:
    ///   - logits: the estimated log-odds of treatment per unit.
    ///   - treated: treatment indicator per unit.
    public init(logits: [Double], treated: [Bool], method: PropensityMethod) throws {
        let n = logits.count
        guard n == treated.count else { throw StatisticsError.mismatchedLengths }
        guard n > 0 else { throw StatisticsError.emptySample }
        self.method = method
        switch method {
        case .inverseProbabilityWeighting:
            var w = Array(repeating: 0.0, count: n)
            var treatedCount = 0.0
            var controlSum = 0.0
            for i in 0..<n {
                if treated[i] {
                    w[i] = 1
                    treatedCount += 1
                } else {
                    w[i] = exp(logits[i])  // e / (1 − e)
                    controlSum += w[i]
                }
            }
            if controlSum > 0 {
                for i in 0..<n where !treated[i] { w[i] *= treatedCount / controlSum }
            }
            weights = w
            pairs = []
            unmatchedTreated = []
            caliperDistance = nil
        case .nearestNeighbour(let replacement, let caliper):
            let caliperDistance = caliper.map { $0 * Self.standardDeviation(logits) }
            self.caliperDistance = caliperDistance
            let treatedOrder = (0..<n).filter { treated[$0] }.sorted { logits[$0] > logits[$1] }
            // Controls sorted by logit, for a binary search of the nearest.
            var controls = (0..<n).filter { !treated[$0] }.sorted { (logits[$0], $0) < (logits[$1], $1) }
            var w = Array(repeating: 0.0, count: n)
            var pairs: [Pair] = []
            var unmatched: [Int] = []
            for t in treatedOrder {
                guard !controls.isEmpty else {
                    unmatched.append(t)
                    continue
                }
                let target = logits[t]
                // First index with logit >= target.
                var lo = 0
                var hi = controls.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if logits[controls[mid]] < target { lo = mid + 1 } else { hi = mid }
                }
                var best: Int?
                var bestDistance = Double.infinity
                // The nearest is adjacent to the insertion point; among equal distances prefer the lower unit index.
                var candidates: [Int] = []
                if lo < controls.count { candidates.append(lo) }
                if lo > 0 { candidates.append(lo - 1) }
                for position in candidates {
                    let d = abs(logits[controls[position]] - target)
                    if d < bestDistance { bestDistance = d }
                }
                // Every control within rounding of the best distance is a tie (two controls symmetric about the
                // treated unit give equal distances in exact arithmetic, not always in floating point).
                let tolerance = 1e-10 * max(1, abs(target))
                var tiedPositions: [Int] = []
                var k = lo
                while k < controls.count && abs(logits[controls[k]] - target) <= bestDistance + tolerance { tiedPositions.append(k); k += 1 }
                k = lo - 1
                while k >= 0 && abs(logits[controls[k]] - target) <= bestDistance + tolerance { tiedPositions.append(k); k -= 1 }
                best = tiedPositions.min { controls[$0] < controls[$1] }
                guard let position = best, caliperDistance.map({ bestDistance <= $0 }) ?? true else {
                    unmatched.append(t)
                    continue
                }
                let c = controls[position]
                pairs.append(Pair(treated: t, control: c, distance: bestDistance))
                w[t] = 1
                w[c] += 1
                if !replacement { controls.remove(at: position) }
            }
            weights = w
            self.pairs = pairs
            unmatchedTreated = unmatched.sorted()
        }
    }

    static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let m = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }
}
