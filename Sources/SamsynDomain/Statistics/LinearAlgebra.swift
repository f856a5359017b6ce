import Foundation

/// Small dense linear algebra for the statistics: symmetric positive-definite solves and inverses
/// by Cholesky decomposition. Matrices are row-major `[[Double]]`; the models here have few covariates.
public enum StatisticsError: Error, Equatable, CustomStringConvertible {
    case emptySample
    case mismatchedLengths
    case singularMatrix
    case notConverged(iterations: Int)
    case invalidValue(String)

    public var description: String {
        switch self {
        case .emptySample: "empty sample"
        case .mismatchedLengths: "the columns have different lengths"
        case .singularMatrix: "the information matrix is singular (a covariate is constant or collinear)"
        case .notConverged(let iterations): "did not converge in \(iterations) iterations"
        case .invalidValue(let what): "invalid value: \(what)"
        }
    }
}

enum LinearAlgebra {
    /// Lower-triangular L with A = L Lᵀ, or nil when A is not (numerically) positive definite.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var l = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        let scale = (0..<n).map { abs(a[$0][$0]) }.max() ?? 0
        for j in 0..<n {
            var d = a[j][j]
            for k in 0..<j { d -= l[j][k] * l[j][k] }
            if !(d > scale * 1e-13) { return nil }
            let ljj = d.squareRoot()
            l[j][j] = ljj
            for i in (j + 1)..<max(n, j + 1) {
                var s = a[i][j]
                for k in 0..<j { s -= l[i][k] * l[j][k] }
                l[i][j] = s / ljj
            }
        }
        return l
    }

    /// Solves A x = b for symmetric positive-definite A.
    static func solve(_ a: [[Double]], _ b: [Double]) throws -> [Double] {
        guard let l = cholesky(a) else { throw StatisticsError.singularMatrix }
        return solve(cholesky: l, b)
    }

    static func solve(cholesky l: [[Double]], _ b: [Double]) -> [Double] {
        let n = b.count
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= l[i][k] * y[k] }
            y[i] = s / l[i][i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for k in (i + 1)..<max(n, i + 1) { s -= l[k][i] * x[k] }
            x[i] = s / l[i][i]
        }
        return x
    }

    static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        let n = a.count, m = b.first?.count ?? 0, k = b.count
        return (0..<n).map { i in (0..<m).map { j in (0..<k).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
    }

    /// The inverse of a symmetric positive-definite matrix.
    static func inverse(_ a: [[Double]]) throws -> [[Double]] {
        guard let l = cholesky(a) else { throw StatisticsError.singularMatrix }
        let n = a.count
        var columns: [[Double]] = []
        for j in 0..<n {
            var e = Array(repeating: 0.0, count: n)
            e[j] = 1
            columns.append(solve(cholesky: l, e))
        }
        // columns[j][i] = inv[i][j]; the inverse is symmetric.
        return (0..<n).map { i in (0..<n).map { j in (columns[j][i] + columns[i][j]) / 2 } }
    }
}

/// The standard normal distribution: quantiles and tail probabilities for confidence intervals and p-values.
public enum Normal {
    /// The 0.975 quantile, as R's `qnorm(0.975)`.
    public static let z975 = 1.959963984540054

    /// Φ(x), the standard normal cumulative distribution function.
    public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Two-sided p-value for a z statistic.
    public static func twoSidedP(_ z: Double) -> Double { erfc(abs(z) / 2.0.squareRoot()) }

    /// The quantile Φ⁻¹(p) (Acklam's rational approximation refined by one Halley step; |error| < 1e-12).
    public static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = cdf(x) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}

/// An estimate with its standard error and a 95 % confidence interval.
public struct Estimate: Sendable, Equatable {
    public var value: Double
    public var standardError: Double
    public var lower: Double
    public var upper: Double

    public init(value: Double, standardError: Double, lower: Double, upper: Double) {
        self.value = value
        self.standardError = standardError
        self.lower = lower
        self.upper = upper
    }

    /// value ± 1.96 SE.
    public init(value: Double, standardError: Double) {
        self.init(value: value, standardError: standardError, lower: value - Normal.z975 * standardError, upper: value + Normal.z975 * standardError)
    }

    public var pValue: Double { standardError > 0 ? Normal.twoSidedP(value / standardError) : .nan }
}
