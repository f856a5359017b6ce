import Foundation

/// A covariate's balance between treated and comparison units before and after adjustment.
///
/// The standardised mean difference is (x̄ₜ − x̄꜀) / s with s = √((s²ₜ + s²꜀)/2), the pooled standard deviation of the
/// **unadjusted** groups, used both before and after so that the change reflects the means only (cobalt's
/// `s.d.denom = "pooled"`; Austin 2009, Stat Med 28:3083), or optionally sₜ alone (`BalanceTable.Denominator.treated`).
/// For a 0/1 covariate the variance is p(1 − p).
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
