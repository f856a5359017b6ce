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
