import Foundation

/// A difference between two groups with its 95 % confidence interval.
public struct GroupDifference: Sendable, Equatable {
    public var treatedMean: Double
    public var controlMean: Double
    public var treatedCount: Int
    public var controlCount: Int
    /// treated − control, with its standard error and interval.
    public var difference: Estimate

    /// Difference in (weighted) means, standard error √(s²ₜ/nₜ + s²꜀/n꜀) with weighted variances and Kish's effective
    /// sizes (Welch's unpooled standard error when unweighted). The interval is the normal ±1.96 SE.
    /// With matching weights this treats the matched groups as independent samples (conservative for pairs; see `paired`).
    public static func means(outcome: [Double], treated: [Bool], weights: [Double]? = nil) throws -> GroupDifference {
        try make(outcome: outcome, treated: treated, weights: weights, proportion: false)
    }

    /// Difference in (weighted) proportions of a 0/1 outcome, Wald standard error √(pₜ(1−pₜ)/nₜ + p꜀(1−p꜀)/n꜀)
    /// with Kish's effective sizes under weights.
    public static func proportions(outcome: [Bool], treated: [Bool], weights: [Double]? = nil) throws -> GroupDifference {
        try make(outcome: outcome.map { $0 ? 1 : 0 }, treated: treated, weights: weights, proportion: true)
    }

    /// The mean of the within-pair differences of matched pairs, standard error sd/√n (the paired analysis of 1:1 matching).
    public static func paired(treatedOutcome: [Double], controlOutcome: [Double]) throws -> GroupDifference {
        let n = treatedOutcome.count
        guard n == controlOutcome.count else { throw StatisticsError.mismatchedLengths }
        guard n > 1 else { throw StatisticsError.emptySample }
        let d = zip(treatedOutcome, controlOutcome).map { $0 - $1 }
        let ones = Array(repeating: 1.0, count: n)
        let se = (WeightedStatistics.variance(d, ones) / Double(n)).squareRoot()
        return GroupDifference(
            treatedMean: treatedOutcome.reduce(0, +) / Double(n), controlMean: controlOutcome.reduce(0, +) / Double(n), treatedCount: n,
            controlCount: n, difference: Estimate(value: WeightedStatistics.mean(d, ones), standardError: se))
    }

    static func make(outcome: [Double], treated: [Bool], weights: [Double]?, proportion: Bool) throws -> GroupDifference {
        let n = outcome.count
        guard treated.count == n, weights.map({ $0.count == n }) ?? true else { throw StatisticsError.mismatchedLengths }
        let w = weights ?? Array(repeating: 1, count: n)
        let wt = (0..<n).map { treated[$0] ? w[$0] : 0 }
        let wc = (0..<n).map { treated[$0] ? 0 : w[$0] }
        let nt = WeightedStatistics.effectiveSize(wt)
        let nc = WeightedStatistics.effectiveSize(wc)
        guard nt > 1, nc > 1 else { throw StatisticsError.emptySample }
        let mt = WeightedStatistics.mean(outcome, wt)
        let mc = WeightedStatistics.mean(outcome, wc)
        let vt = proportion ? mt * (1 - mt) : WeightedStatistics.variance(outcome, wt)
        let vc = proportion ? mc * (1 - mc) : WeightedStatistics.variance(outcome, wc)
        let se = (vt / nt + vc / nc).squareRoot()
        return GroupDifference(
            treatedMean: mt, controlMean: mc, treatedCount: wt.filter { $0 > 0 }.count, controlCount: wc.filter { $0 > 0 }.count,
            difference: Estimate(value: mt - mc, standardError: se))
    }
}
