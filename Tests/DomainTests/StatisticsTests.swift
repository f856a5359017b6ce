import Foundation
import SamsynDomain
import Testing

/// A small deterministic generator (SplitMix64) for simulated data with known parameters.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func exponential(rate: Double) -> Double { -log(1 - uniform()) / rate }
    mutating func normal() -> Double { (-2 * log(1 - uniform())).squareRoot() * cos(2 * .pi * uniform()) }
}

@Suite("Statistics: Kaplan–Meier, Cox, logistic regression, matching, weighting, balance, differences")
struct StatisticsTests {
    @Test("Kaplan–Meier by hand: ties, censoring at an event time and between events, Greenwood and log bands")
    func kaplanMeierByHand() throws {
        let data: [(Double, Bool)] = [(1, true), (2, true), (2, true), (2, false), (3, false), (4, true), (5, false)]
        let km = try KaplanMeier(data.map { SurvivalObservation(time: $0.0, event: $0.1) })
        #expect(km.steps.map(\.time) == [1, 2, 4])
        #expect(km.steps.map(\.atRisk) == [7, 6, 2])
        #expect(km.steps.map(\.events) == [1, 2, 1])
        #expect(km.steps[1].censored == 1)
        #expect(km.censoringTimes == [3, 5])
        let s1: Double = 6.0 / 7
        let s2: Double = s1 * (4.0 / 6)
        let s3: Double = s2 * (1.0 / 2)
        let expected = [s1, s2, s3]
        for (s, e) in zip(km.steps, expected) { #expect(close(s.survival, e, relative: 1e-14)) }
        let g1: Double = 1.0 / 42
        let g2: Double = g1 + 2.0 / 24
        let g3: Double = g2 + 1.0 / 2
        let greenwood = [g1, g2, g3]
        for (k, s) in km.steps.enumerated() {
            let sigma = greenwood[k].squareRoot()
            #expect(close(s.standardError, expected[k] * sigma, relative: 1e-12))
            #expect(close(s.lower!, exp(log(expected[k]) - 1.959963984540054 * sigma), relative: 1e-12))
            #expect(close(s.upper!, min(1, exp(log(expected[k]) + 1.959963984540054 * sigma)), relative: 1e-12))
        }
        #expect(km.survival(at: 0.5) == 1)
        #expect(close(km.survival(at: 3.9), 4.0 / 7, relative: 1e-14))
        #expect(km.median == 4)
    }

    @Test("Kaplan–Meier: the curve reaching zero has no band; weights equal replication")
    func kaplanMeierEdges() throws {
        let km = try KaplanMeier([SurvivalObservation(time: 1, event: true), SurvivalObservation(time: 1, event: true)])
        #expect(km.steps.count == 1 && km.steps[0].survival == 0 && km.steps[0].lower == nil && km.steps[0].upper == nil)
        let base: [(Double, Bool)] = [(1, true), (2, false), (3, true), (3, true), (4, false), (6, true)]
        let weighted = try KaplanMeier(base.map { SurvivalObservation(time: $0.0, event: $0.1, weight: 2) })
        let doubled = try KaplanMeier((base + base).map { SurvivalObservation(time: $0.0, event: $0.1) })
        #expect(weighted.steps.count == doubled.steps.count)
        for (a, b) in zip(weighted.steps, doubled.steps) {
            #expect(close(a.survival, b.survival, relative: 1e-14) && close(a.standardError, b.standardError, relative: 1e-12))
        }
        #expect(throws: StatisticsError.emptySample) { try KaplanMeier([]) }
        #expect(throws: StatisticsError.self) { try KaplanMeier([SurvivalObservation(time: .nan, event: true)]) }
    }

    @Test("Cox: Efron equals Breslow without ties; Breslow on doubled data has the same β and SE/√2; weights 2 equal doubling")
    func coxInvariances() throws {
        var g = SeededGenerator(seed: 17)
        var observations: [SurvivalObservation] = []
        var x: [[Double]] = []
        for _ in 0..<300 {
            let a = g.uniform() < 0.5 ? 1.0 : 0.0
            let b = g.normal()
            let t = g.exponential(rate: 0.1 * exp(0.7 * a - 0.4 * b))
            let c = g.exponential(rate: 0.05)
            observations.append(SurvivalObservation(time: min(t, c), event: t <= c))
            x.append([a, b])
        }
        let efron = try CoxModel(observations: observations, covariates: x, names: ["a", "b"])
        let breslow = try CoxModel(observations: observations, covariates: x, names: ["a", "b"], ties: .breslow)
        for j in 0..<2 {
            #expect(close(efron.coefficients[j].estimate.value, breslow.coefficients[j].estimate.value, relative: 1e-9))
        }
        #expect(close(efron.logLikelihood, breslow.logLikelihood, relative: 1e-12))
        let doubled = try CoxModel(observations: observations + observations, covariates: x + x, names: ["a", "b"], ties: .breslow)
        let weighted = try CoxModel(observations: observations.map { var o = $0; o.weight = 2; return o }, covariates: x, names: ["a", "b"], ties: .breslow)
        for j in 0..<2 {
            #expect(close(doubled.coefficients[j].estimate.value, breslow.coefficients[j].estimate.value, relative: 1e-7))
            #expect(close(doubled.coefficients[j].estimate.standardError, breslow.coefficients[j].estimate.standardError / 2.0.squareRoot(), relative: 1e-6))
            #expect(close(weighted.coefficients[j].estimate.value, doubled.coefficients[j].estimate.value, relative: 1e-9))
            #expect(close(weighted.coefficients[j].estimate.standardError, doubled.coefficients[j].estimate.standardError, relative: 1e-9))
        }
        #expect(close(doubled.logLikelihood, 2 * breslow.logLikelihood - 2 * Self.breslowDuplicationTerm(observations), relative: 1e-9))
    }

    /// Doubling every observation under Breslow: each risk sum doubles, so ℓ₂ = 2ℓ − 2 Σ dᵢ log 2 over the deaths.
    static func breslowDuplicationTerm(_ o: [SurvivalObservation]) -> Double {
        Double(o.filter(\.event).count) * log(2)
    }

    @Test("Cox: a simulated hazard ratio of 2 is recovered within its interval")
    func coxRecovers() throws {
        var g = SeededGenerator(seed: 2026)
        var observations: [SurvivalObservation] = []
        var x: [[Double]] = []
        for _ in 0..<4000 {
            let a = g.uniform() < 0.5 ? 1.0 : 0.0
            let t = g.exponential(rate: 0.05 * (a == 1 ? 2 : 1))
            // Monthly data: times rounded up to whole months, so ties are many; censored at 24 months.
            let month = min(ceil(t), 24)
            observations.append(SurvivalObservation(time: month, event: t <= 24))
            x.append([a])
        }
        let cox = try CoxModel(observations: observations, covariates: x, names: ["a"])
        let c = cox.coefficients[0]
        #expect(c.hazardRatioLower < 2 && 2 < c.hazardRatioUpper, "HR \(c.hazardRatio) [\(c.hazardRatioLower), \(c.hazardRatioUpper)]")
        #expect(abs(c.hazardRatio - 2) < 0.15)
        #expect(cox.concordance > 0.5)
        #expect(throws: StatisticsError.singularMatrix) {
            try CoxModel(observations: observations, covariates: x.map { _ in [1.0] }, names: ["constant"])
        }
    }

    @Test("Harrell's C by hand: concordant, discordant, tied risks, censoring and tied times")
    func concordance() {
        #expect(Concordance.harrell(time: [1, 2, 3], event: [true, true, true], risk: [3, 2, 1]) == 1)
        #expect(Concordance.harrell(time: [1, 2, 3], event: [true, true, true], risk: [1, 2, 3]) == 0)
        #expect(Concordance.harrell(time: [1, 2, 3], event: [true, true, true], risk: [1, 1, 1]) == 0.5)
        // The censored person (time 2) is only compared with the earlier event.
        #expect(Concordance.harrell(time: [1, 2, 3], event: [true, false, true], risk: [1, 3, 2]) == 0)
        #expect(Concordance.harrell(time: [2, 2], event: [true, false], risk: [2, 1]) == 1)
        #expect(Concordance.harrell(time: [2, 2], event: [true, true], risk: [2, 1]).isNaN)
        // Against the pair-by-pair definition on generated data with tied times, tied risks and weights.
        var g = SeededGenerator(seed: 99)
        let n = 400
        let time = (0..<n).map { _ in Double(Int(g.uniform() * 20)) }
        let event = (0..<n).map { _ in g.uniform() < 0.6 }
        let risk = (0..<n).map { _ in Double(Int(g.uniform() * 15)) }
        let weight = (0..<n).map { _ in 0.5 + g.uniform() }
        var c = 0.0, d = 0.0, t = 0.0
        for i in 0..<n where event[i] {
            for j in 0..<n where j != i && (time[j] > time[i] || (time[j] == time[i] && !event[j])) {
                let pw = weight[i] * weight[j]
                if risk[i] > risk[j] { c += pw } else if risk[i] < risk[j] { d += pw } else { t += pw }
            }
        }
        #expect(close(Concordance.harrell(time: time, event: event, risk: risk, weight: weight), (c + t / 2) / (c + d + t), relative: 1e-12))
    }

    @Test("Logistic regression: a 2×2 table gives the log odds ratio and Woolf's standard error exactly")
    func logisticByHand() throws {
        // x = 0: 3 of 10 treated; x = 1: 6 of 10.
        let x = Array(repeating: [0.0], count: 10) + Array(repeating: [1.0], count: 10)
        let y = (0..<10).map { $0 < 3 } + (0..<10).map { $0 < 6 }
        let model = try LogisticRegression(outcome: y, covariates: x, names: ["x"])
        #expect(close(model.coefficients[0].value, log(3.0 / 7), relative: 1e-9))
        #expect(close(model.coefficients[1].value, log(6.0 / 4) - log(3.0 / 7), relative: 1e-9))
        #expect(close(model.coefficients[1].standardError, (1.0 / 3 + 1.0 / 7 + 1.0 / 6 + 1.0 / 4).squareRoot(), relative: 1e-8))
        #expect(close(model.probability([1]), 0.6, relative: 1e-9))
        #expect(!model.extremeProbabilities)
        // Complete separation: no finite estimate, said so.
        let separated = try LogisticRegression(outcome: [false, false, true, true], covariates: [[0], [1], [2], [3]], names: ["x"])
        #expect(separated.extremeProbabilities)
    }

    @Test("Nearest-neighbour matching: greedy from the largest score, with and without replacement and caliper")
    func matchingByHand() throws {
        let logits = [1.0, 0.9, 0.95, 0.0]
        let treated = [true, true, false, false]
        let without = try PropensityAdjustment(logits: logits, treated: treated, method: .nearestNeighbour(replacement: false, caliper: nil))
        #expect(without.pairs.map { [$0.treated, $0.control] } == [[0, 2], [1, 3]])
        #expect(without.weights == [1, 1, 1, 1])
        let with = try PropensityAdjustment(logits: logits, treated: treated, method: .nearestNeighbour(replacement: true, caliper: nil))
        #expect(with.pairs.map { [$0.treated, $0.control] } == [[0, 2], [1, 2]])
        #expect(with.weights == [1, 1, 2, 0])
        #expect(with.distinctControlsCount == 1)
        // SD of the logits is about 0.46; a caliper of 0.2 SD (about 0.09) refuses the second pair (distance 0.9).
        let caliper = try PropensityAdjustment(logits: logits, treated: treated, method: .nearestNeighbour(replacement: false, caliper: 0.2))
        let sd = PropensitySD.of(logits)
        #expect(close(caliper.caliperDistance!, 0.2 * sd, relative: 1e-12))
        #expect(caliper.pairs.map { [$0.treated, $0.control] } == [[0, 2]])
        #expect(caliper.unmatchedTreated == [1])
        #expect(caliper.weights == [1, 0, 1, 0])
        // Equal distances: the earlier control is taken.
        let tie = try PropensityAdjustment(logits: [0.5, 0.25, 0.75], treated: [true, false, false], method: .nearestNeighbour(replacement: false, caliper: nil))
        #expect(tie.pairs.first?.control == 1)
    }

    @Test("ATT weights: e/(1 − e) for the comparison group, scaled to the number treated")
    func weightingByHand() throws {
        let p = [0.5, 0.2, 0.5, 0.8]
        let logits = p.map { log($0 / (1 - $0)) }
        let w = try PropensityAdjustment(logits: logits, treated: [true, true, false, false], method: .inverseProbabilityWeighting)
        // Raw: 1, 4 → scaled to sum 2: 0.4, 1.6.
        #expect(w.weights[0] == 1 && w.weights[1] == 1)
        #expect(close(w.weights[2], 0.4, relative: 1e-12) && close(w.weights[3], 1.6, relative: 1e-12))
    }

    @Test("Balance: standardised differences by hand, before and after, flagged above 0.1")
    func balanceByHand() throws {
        // x: treated 1, 2, 3 (mean 2, var 1); controls 2, 4, 6 (mean 4, var 4). Pooled SD √2.5.
        // Binary b: treated 1, 1, 0 (2/3), controls 0, 0, 1 (1/3).
        let rows: [[Double]] = [[1, 1], [2, 1], [3, 0], [2, 0], [4, 0], [6, 1]]
        let treated = [true, true, true, false, false, false]
        let table = try BalanceTable(covariates: rows, names: ["x", "b"], treated: treated, weights: [1, 1, 1, 1, 0, 0])
        let x = table.rows[0]
        #expect(!x.binary && close(x.standardisedDifferenceBefore, (2 - 4) / 2.5.squareRoot(), relative: 1e-12))
        #expect(close(x.standardisedDifferenceAfter, 0, relative: 1e-12) && !x.flagged)
        let b = table.rows[1]
        let s = ((2.0 / 9 + 2.0 / 9) / 2).squareRoot()
        #expect(b.binary && close(b.standardisedDifferenceBefore, (1.0 / 3) / s, relative: 1e-12))
        #expect(close(b.standardisedDifferenceAfter, (2.0 / 3) / s, relative: 1e-12) && b.flagged)
        #expect(table.anyFlagged)
        #expect(table.treatedCountAfter == 3 && table.controlCountAfter == 1)
        let treatedDenominator = try BalanceTable(covariates: rows, names: ["x", "b"], treated: treated, weights: [1, 1, 1, 1, 0, 0], denominator: .treated)
        #expect(close(treatedDenominator.rows[0].standardisedDifferenceBefore, -2, relative: 1e-12))
    }

    @Test("Differences: Welch means, Wald proportions, paired, weighted with Kish's effective size")
    func differencesByHand() throws {
        let y: [Double] = [1, 2, 3, 2, 4, 6]
        let t = [true, true, true, false, false, false]
        let d = try GroupDifference.means(outcome: y, treated: t)
        #expect(d.difference.value == -2)
        #expect(close(d.difference.standardError, (1.0 / 3 + 4.0 / 3).squareRoot(), relative: 1e-12))
        #expect(close(d.difference.lower, -2 - 1.959963984540054 * d.difference.standardError, relative: 1e-12))
        let p = try GroupDifference.proportions(outcome: [true, true, false, false, false, true, false, false], treated: [true, true, true, true, false, false, false, false])
        #expect(p.difference.value == 0.25)
        #expect(close(p.difference.standardError, (0.25 / 4 + 0.1875 / 4).squareRoot(), relative: 1e-12))
        let paired = try GroupDifference.paired(treatedOutcome: [3, 5, 7], controlOutcome: [1, 4, 4])
        #expect(paired.difference.value == 2)
        #expect(close(paired.difference.standardError, (1.0 / 3).squareRoot(), relative: 1e-12))
        // Weights: the control 2 counted twice as the two controls 2, 2.
        let weighted = try GroupDifference.means(outcome: [1, 3, 2, 4], treated: [true, true, false, false], weights: [1, 1, 2, 1])
        #expect(close(weighted.controlMean, 8.0 / 3, relative: 1e-12))
        #expect(close(WeightedStatistics.effectiveSize([2, 1]), 9.0 / 5, relative: 1e-12))
    }

    @Test("The normal quantile and tail")
    func normal() {
        #expect(abs(Normal.quantile(0.975) - Normal.z975) < 1e-12)
        #expect(abs(Normal.quantile(0.5)) < 1e-14)
        #expect(abs(Normal.quantile(0.001) + 3.090232306167813) < 1e-10)
        #expect(abs(Normal.twoSidedP(1.959963984540054) - 0.05) < 1e-12)
    }
}

enum PropensitySD {
    static func of(_ x: [Double]) -> Double {
        let m = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }
}
