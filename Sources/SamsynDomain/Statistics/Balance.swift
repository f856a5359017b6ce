import Foundation

/// Weighted descriptive statistics used by the balance table and the differences.
public enum WeightedStatistics {
    public static func mean(_ x: [Double], _ w: [Double]) -> Double {
        var s = 0.0
        var sw = 0.0
        for i in 0..<x.count where w[i] > 0 {
            s += w[i] * x[i]
            sw += w[i]
        }
        return sw > 0 ? s / sw : .nan
    }

    /// Weighted variance with the reliability-weights correction Σw / ((Σw)² − Σw²), which is the usual n − 1 sample
    /// variance when all weights are 1.
    public static func variance(_ x: [Double], _ w: [Double]) -> Double {
        let m = mean(x, w)
        var sw = 0.0
        var sw2 = 0.0
        var ss = 0.0
        for i in 0..<x.count where w[i] > 0 {
            sw += w[i]
            sw2 += w[i] * w[i]
            ss += w[i] * (x[i] - m) * (x[i] - m)
        }
        let denominator = sw * sw - sw2
        return denominator > 0 ? ss * sw / denominator : .nan
    }

    /// Kish's effective sample size (Σw)² / Σw².
    public static func effectiveSize(_ w: [Double]) -> Double {
        let sw = w.reduce(0, +)
        let sw2 = w.reduce(0) { $0 + $1 * $1 }
        return sw2 > 0 ? sw * sw / sw2 : 0
    }
}

/// A covariate's balance between treated and comparison units before and after adjustment.
///
/// The standardised mean difference is (x̄ₜ − x̄꜀) / s with s = √((s²ₜ + s²꜀)/2), the pooled standard deviation of the
/// **unadjusted** groups, used both before and after so that the change reflects the means only (cobalt's
/// `s.d.denom = "pooled"`; Austin 2009, Stat Med 28:3083). For a 0/1 covariate the same formula is used on the shares.
/// An absolute difference above 0.1 after adjustment is flagged (Austin's conventional threshold).
public struct BalanceRow: Sendable, Equatable {
    public var name: String
    public var binary: Bool
    public var treatedMeanBefore: Double
    public var controlMeanBefore: Double
    public var treatedMeanAfter: Double
    public var controlMeanAfter: Double
    public var standardisedDifferenceBefore: Double
    public var standardisedDifferenceAfter: Double
    public static let threshold = 0.1
    public var flagged: Bool { !(abs(standardisedDifferenceAfter) <= Self.threshold) }
}

public struct BalanceTable: Sendable, Equatable {
    /// The standard deviation the differences are divided by, always from the unadjusted groups.
    public enum Denominator: Sendable, Equatable {
        /// √((s²ₜ + s²꜀)/2), Samsyn's default.
        case pooled
        /// sₜ, the treated group's (MatchIt's `summary()` default for the ATT).
        case treated
    }

    public var rows: [BalanceRow]
    public var treatedCountBefore: Int
    public var controlCountBefore: Int
    /// Units with a positive weight after adjustment.
    public var treatedCountAfter: Int
    public var controlCountAfter: Int
    /// Σ comparison weights after adjustment and its effective size.
    public var controlEffectiveSizeAfter: Double

    public var anyFlagged: Bool { rows.contains(where: \.flagged) }

    /// - Parameters:
    ///   - covariates: one row per unit, columns as `names`.
    ///   - weights: the adjustment's weights (matching or IPW), 0 for units left out.
    ///   - denominator: see `Denominator`; for a 0/1 covariate the variance is p(1 − p).
    public init(covariates: [[Double]], names: [String], treated: [Bool], weights: [Double], denominator: Denominator = .pooled) throws {
        let n = covariates.count
        guard treated.count == n, weights.count == n, covariates.allSatisfy({ $0.count == names.count }) else { throw StatisticsError.mismatchedLengths }
        let ones = Array(repeating: 1.0, count: n)
        func mask(_ t: Bool, _ w: [Double]) -> [Double] { (0..<n).map { treated[$0] == t ? w[$0] : 0 } }
        let tBefore = mask(true, ones)
        let cBefore = mask(false, ones)
        let tAfter = mask(true, weights)
        let cAfter = mask(false, weights)
        rows = names.indices.map { j in
            let x = covariates.map { $0[j] }
            let binary = x.allSatisfy { $0 == 0 || $0 == 1 }
            let mtb = WeightedStatistics.mean(x, tBefore)
            let mcb = WeightedStatistics.mean(x, cBefore)
            let mta = WeightedStatistics.mean(x, tAfter)
            let mca = WeightedStatistics.mean(x, cAfter)
            let vt = binary ? mtb * (1 - mtb) : WeightedStatistics.variance(x, tBefore)
            let vc = binary ? mcb * (1 - mcb) : WeightedStatistics.variance(x, cBefore)
            let s = denominator == .pooled ? ((vt + vc) / 2).squareRoot() : vt.squareRoot()
            func smd(_ a: Double, _ b: Double) -> Double { s > 0 ? (a - b) / s : (a == b ? 0 : .infinity) }
            return BalanceRow(
                name: names[j], binary: binary, treatedMeanBefore: mtb, controlMeanBefore: mcb, treatedMeanAfter: mta, controlMeanAfter: mca,
                standardisedDifferenceBefore: smd(mtb, mcb), standardisedDifferenceAfter: smd(mta, mca))
        }
        treatedCountBefore = treated.filter { $0 }.count
        controlCountBefore = n - treatedCountBefore
        treatedCountAfter = (0..<n).filter { treated[$0] && weights[$0] > 0 }.count
        controlCountAfter = (0..<n).filter { !treated[$0] && weights[$0] > 0 }.count
        controlEffectiveSizeAfter = WeightedStatistics.effectiveSize(cAfter)
    }
}

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
