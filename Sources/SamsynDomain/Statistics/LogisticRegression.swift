import Foundation

/// Logistic regression fitted by iteratively reweighted least squares (Fisher scoring = Newton for the logit link),
/// as R's `glm(family = binomial)`: start from β = 0, stop when |Δdeviance| / (|deviance| + 0.1) < 1e-8, at most 25 iterations.
/// An intercept is added as the first coefficient, named "(Intercept)".
public struct LogisticRegression: Sendable {
    public var names: [String]
    public var coefficients: [Estimate]
    public var deviance: Double
    public var iterations: Int
    /// True when some fitted probabilities are within 1e-8 of 0 or 1: some units are (almost) perfectly predicted, as with
    /// separation (R warns "fitted probabilities numerically 0 or 1 occurred" at the stricter 10 machine epsilons).
    public var extremeProbabilities: Bool

    public init(outcome: [Bool], covariates: [[Double]], names: [String], weights: [Double]? = nil) throws {
        let n = outcome.count
        guard n > 0 else { throw StatisticsError.emptySample }
        guard covariates.count == n, covariates.allSatisfy({ $0.count == names.count }) else { throw StatisticsError.mismatchedLengths }
        let w = weights ?? Array(repeating: 1, count: n)
        guard w.count == n else { throw StatisticsError.mismatchedLengths }
        let design = covariates.map { [1.0] + $0 }
        let p = names.count + 1
        let y = outcome.map { $0 ? 1.0 : 0.0 }
        var beta = Array(repeating: 0.0, count: p)
        var deviance = Self.deviance(design: design, y: y, w: w, beta: beta)
        var iterations = 0
        var converged = false
        var information = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        while iterations < 25 {
            iterations += 1
            var score = Array(repeating: 0.0, count: p)
            information = Array(repeating: Array(repeating: 0.0, count: p), count: p)
            for i in 0..<n {
                let mu = Self.probability(design[i], beta)
                let v = w[i] * mu * (1 - mu)
                for a in 0..<p {
                    score[a] += w[i] * (y[i] - mu) * design[i][a]
                    for b in 0...a { information[a][b] += v * design[i][a] * design[i][b] }
                }
            }
            for a in 0..<p { for b in 0..<a { information[b][a] = information[a][b] } }
            // A singular information matrix while fitting means the probabilities have run to 0 or 1 (separation).
            guard let step = try? LinearAlgebra.solve(information, score) else { break }
            var candidate = zip(beta, step).map { $0 + $1 }
            var next = Self.deviance(design: design, y: y, w: w, beta: candidate)
            var halvings = 0
            while !(next.isFinite && next <= deviance + 1e-10 * abs(deviance)) && halvings < 30 {
                candidate = zip(beta, candidate).map { ($0 + $1) / 2 }
                next = Self.deviance(design: design, y: y, w: w, beta: candidate)
                halvings += 1
            }
            let change = abs(next - deviance)
            beta = candidate
            deviance = next
            if change / (abs(deviance) + 0.1) < 1e-8 {
                converged = true
                break
            }
        }
        // The information at the final β for the standard errors.
        information = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        var extreme = false
        for i in 0..<n {
            let mu = Self.probability(design[i], beta)
            if mu < 1e-8 || mu > 1 - 1e-8 { extreme = true }
            let v = w[i] * mu * (1 - mu)
            for a in 0..<p { for b in 0...a { information[a][b] += v * design[i][a] * design[i][b] } }
        }
        for a in 0..<p { for b in 0..<a { information[b][a] = information[a][b] } }
        guard converged || extreme else { throw StatisticsError.notConverged(iterations: iterations) }
        let covariance = (try? LinearAlgebra.inverse(information)) ?? Array(repeating: Array(repeating: .infinity, count: p), count: p)
        self.names = ["(Intercept)"] + names
        coefficients = (0..<p).map { Estimate(value: beta[$0], standardError: covariance[$0][$0].squareRoot()) }
        self.deviance = deviance
        self.iterations = iterations
        extremeProbabilities = extreme
    }

    /// The linear predictor (log-odds) for one row of covariates (without the intercept column).
    public func logit(_ row: [Double]) -> Double {
        zip([1.0] + row, coefficients).reduce(0) { $0 + $1.0 * $1.1.value }
    }

    public func probability(_ row: [Double]) -> Double { 1 / (1 + exp(-logit(row))) }

    public func coefficient(_ name: String) -> Estimate? { names.firstIndex(of: name).map { coefficients[$0] } }

    static func probability(_ row: [Double], _ beta: [Double]) -> Double {
        let eta = zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 }
        return 1 / (1 + exp(-eta))
    }

    static func deviance(design: [[Double]], y: [Double], w: [Double], beta: [Double]) -> Double {
        var d = 0.0
        for i in 0..<design.count {
            let eta = zip(design[i], beta).reduce(0) { $0 + $1.0 * $1.1 }
            // log(1 + e^η) computed stably; the binomial log-likelihood is y η − log(1 + e^η).
            let log1pExp = eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))
            d -= 2 * w[i] * (y[i] * eta - log1pExp)
        }
        return d
    }
}
