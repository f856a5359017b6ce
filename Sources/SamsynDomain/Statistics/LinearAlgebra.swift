import Foundation

/// Small dense linear algebra for the statistics: symmetric positive-definite solves and inverses
/// by Cholesky decomposition. Matrices are row-major `[[Double]]`; the models here have few covariates.
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
