import Foundation

/// The Cox proportional-hazards model fitted by Newton–Raphson on the partial likelihood.
///
/// - Ties: Efron's approximation by default (R's `coxph` default), Breslow's optionally.
/// - Covariates are centred on their (weighted) means while fitting, as `coxph` does; the coefficients are not affected.
/// - Start β = 0; Newton steps with step-halving when the log-likelihood falls; stops when the relative change in the
///   log-likelihood is below 1e-9 (`coxph.control(eps = 1e-9)`), at most 30 iterations.
/// - Standard errors from the inverse of the observed information (model-based; with weights these are the naive ones,
///   as `coxph(weights = )` without `robust = TRUE`).
/// - Concordance: Harrell's C on the linear predictor, computed as R's `concordance()` does for a Cox fit: pairs where the
///   shorter time is an event; pairs tied in time are not comparable unless one is censored at the event's time (the censored
///   one then counts as longer); ties in the risk score count one half.
public struct CoxModel: Sendable {
    public enum Ties: String, Sendable { case efron, breslow }

    public struct Coefficient: Sendable, Equatable {
        public var name: String
        public var estimate: Estimate
        /// exp(β) with the 95 % interval exp(β ± 1.96 SE).
        public var hazardRatio: Double { exp(estimate.value) }
        public var hazardRatioLower: Double { exp(estimate.lower) }
        public var hazardRatioUpper: Double { exp(estimate.upper) }
    }

    public var coefficients: [Coefficient]
    /// The model-based covariance, the inverse of the information.
    public var covariance: [[Double]]
    /// The robust (sandwich) covariance of Lin & Wei (1989), I⁻¹ (Σ wᵢ² rᵢ rᵢᵀ) I⁻¹ with rᵢ the score residuals, as R's
    /// `coxph(robust = TRUE)` (without clusters). With estimated weights (IPW) or a comparison person used more than
    /// once, this is the one to use.
    public var robustCovariance: [[Double]]
    /// The coefficients with robust standard errors.
    public var robustCoefficients: [Coefficient] {
        coefficients.indices.map { j in
            Coefficient(name: coefficients[j].name, estimate: Estimate(value: coefficients[j].estimate.value, standardError: robustCovariance[j][j].squareRoot()))
        }
    }
    /// The partial log-likelihood at the estimate and at β = 0.
    public var logLikelihood: Double
    public var nullLogLikelihood: Double
    /// Likelihood-ratio statistic 2(ℓ(β̂) − ℓ(0)), on `coefficients.count` degrees of freedom.
    public var likelihoodRatio: Double { 2 * (logLikelihood - nullLogLikelihood) }
    public var concordance: Double
    public var iterations: Int
    public var count: Int
    public var eventCount: Int
    public var ties: Ties

    /// - Parameters:
    ///   - observations: times, events, weights.
    ///   - covariates: one row per observation, the same number of columns in every row.
    ///   - names: a name per column.
    public init(observations: [SurvivalObservation], covariates: [[Double]], names: [String], ties: Ties = .efron) throws {
        let n = observations.count
        guard n > 0 else { throw StatisticsError.emptySample }
        guard covariates.count == n, let p = covariates.first?.count, p > 0, names.count == p, covariates.allSatisfy({ $0.count == p }) else {
            throw StatisticsError.mismatchedLengths
        }
        // Sort by time (decreasing), events before censorings at the same time is irrelevant for the sums below.
        let order = (0..<n).sorted { observations[$0].time < observations[$1].time }
        let time = order.map { observations[$0].time }
        let event = order.map { observations[$0].event }
        let w = order.map { observations[$0].weight }
        let totalW = w.reduce(0, +)
        var means = Array(repeating: 0.0, count: p)
        for (k, i) in order.enumerated() {
            for j in 0..<p { means[j] += w[k] * covariates[i][j] }
        }
        means = means.map { $0 / totalW }
        let x = order.map { i in (0..<p).map { covariates[i][$0] - means[$0] } }
        let fit = CoxFit(time: time, event: event, weight: w, x: x, p: p, ties: ties)

        var beta = Array(repeating: 0.0, count: p)
        var current = fit.evaluate(beta)
        let null = current.logLikelihood
        var iterations = 0
        var converged = false
        while iterations < 30 {
            iterations += 1
            let step = try LinearAlgebra.solve(current.information, current.gradient)
            var candidate = zip(beta, step).map { $0 + $1 }
            var next = fit.evaluate(candidate)
            var halvings = 0
            while !(next.logLikelihood >= current.logLikelihood - 1e-12 * abs(current.logLikelihood)) && halvings < 30 {
                candidate = zip(beta, candidate).map { ($0 + $1) / 2 }
                next = fit.evaluate(candidate)
                halvings += 1
            }
            let change = abs(next.logLikelihood - current.logLikelihood)
            beta = candidate
            current = next
            if change <= 1e-9 * abs(current.logLikelihood) {
                converged = true
                break
            }
        }
        guard converged else { throw StatisticsError.notConverged(iterations: iterations) }
        let covariance = try LinearAlgebra.inverse(current.information)
        coefficients = (0..<p).map { j in
            Coefficient(name: names[j], estimate: Estimate(value: beta[j], standardError: covariance[j][j].squareRoot()))
        }
        self.covariance = covariance
        let residuals = fit.scoreResiduals(beta)
        var meat = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        for i in 0..<n {
            for a in 0..<p { for b in 0..<p { meat[a][b] += w[i] * w[i] * residuals[i][a] * residuals[i][b] } }
        }
        robustCovariance = LinearAlgebra.multiply(LinearAlgebra.multiply(covariance, meat), covariance)
        logLikelihood = current.logLikelihood
        nullLogLikelihood = null
        self.iterations = iterations
        count = n
        eventCount = event.filter { $0 }.count
        self.ties = ties
        let risk = x.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
        concordance = Concordance.harrell(time: time, event: event, risk: risk, weight: w)
    }

    public func coefficient(_ name: String) -> Coefficient? { coefficients.first { $0.name == name } }
}

/// The partial likelihood, its gradient and information for data sorted by increasing time.
struct CoxFit {
    var time: [Double]
    var event: [Bool]
    var weight: [Double]
    var x: [[Double]]
    var p: Int
    var ties: CoxModel.Ties

    struct Value {
        var logLikelihood: Double
        var gradient: [Double]
        var information: [[Double]]
    }

    func evaluate(_ beta: [Double]) -> Value {
        let n = time.count
        let eta = x.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
        let r = (0..<n).map { weight[$0] * exp(eta[$0]) }
        var loglik = 0.0
        var gradient = Array(repeating: 0.0, count: p)
        var information = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        // Risk-set sums accumulated from the largest time downwards.
        var s0 = 0.0
        var s1 = Array(repeating: 0.0, count: p)
        var s2 = Array(repeating: Array(repeating: 0.0, count: p), count: p)
        var i = n - 1
        while i >= 0 {
            let t = time[i]
            var a0 = 0.0
            var a1 = Array(repeating: 0.0, count: p)
            var a2 = Array(repeating: Array(repeating: 0.0, count: p), count: p)
            var deaths = 0
            var deathWeight = 0.0
            var j = i
            while j >= 0 && time[j] == t {
                let rj = r[j]
                s0 += rj
                for a in 0..<p {
                    s1[a] += rj * x[j][a]
                    for b in 0...a { s2[a][b] += rj * x[j][a] * x[j][b] }
                }
                if event[j] {
                    deaths += 1
                    deathWeight += weight[j]
                    loglik += weight[j] * eta[j]
                    for a in 0..<p { gradient[a] += weight[j] * x[j][a] }
                    a0 += rj
                    for a in 0..<p {
                        a1[a] += rj * x[j][a]
                        for b in 0...a { a2[a][b] += rj * x[j][a] * x[j][b] }
                    }
                }
                j -= 1
            }
            if deaths > 0 {
                let meanWeight = deathWeight / Double(deaths)
                let rounds = ties == .efron ? deaths : 1
                for k in 0..<rounds {
                    let f = ties == .efron ? Double(k) / Double(deaths) : 0
                    let share = ties == .efron ? meanWeight : deathWeight
                    let d0 = s0 - f * a0
                    loglik -= share * log(d0)
                    for a in 0..<p {
                        let ma = (s1[a] - f * a1[a]) / d0
                        gradient[a] -= share * ma
                        for b in 0...a {
                            let mb = (s1[b] - f * a1[b]) / d0
                            information[a][b] += share * ((s2[a][b] - f * a2[a][b]) / d0 - ma * mb)
                        }
                    }
                }
            }
            i = j
        }
        for a in 0..<p {
            for b in 0..<a { information[b][a] = information[a][b] }
        }
        return Value(logLikelihood: loglik, gradient: gradient, information: information)
    }
}

extension CoxFit {
    /// Score residuals per observation (unweighted; Σ wᵢ rᵢ is the score): rᵢ = δᵢ (xᵢ − x̄ᵢ) − e^{ηᵢ} Σₖ cᵢₖ hₖ (xᵢ − x̄ₖ) over the
    /// event times up to tᵢ, with the Efron fractions k/d for those among the tied deaths (as R's `coxscore`).
    func scoreResiduals(_ beta: [Double]) -> [[Double]] {
        let n = time.count
        let eta = x.map { row in zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 } }
        let r = (0..<n).map { weight[$0] * exp(eta[$0]) }
        // Per distinct time with deaths: (time, Σh, Σh·x̄, for the deaths Σ(1−f)h, Σ(1−f)h·x̄, mean x̄ over the fractions).
        struct Step { var t: Double; var h: Double; var hx: [Double]; var hD: Double; var hxD: [Double]; var xEvent: [Double] }
        var steps: [Step] = []
        var s0 = 0.0
        var s1 = Array(repeating: 0.0, count: p)
        var i = n - 1
        while i >= 0 {
            let t = time[i]
            var a0 = 0.0
            var a1 = Array(repeating: 0.0, count: p)
            var deaths = 0
            var deathWeight = 0.0
            var j = i
            while j >= 0 && time[j] == t {
                s0 += r[j]
                for a in 0..<p { s1[a] += r[j] * x[j][a] }
                if event[j] {
                    deaths += 1
                    deathWeight += weight[j]
                    a0 += r[j]
                    for a in 0..<p { a1[a] += r[j] * x[j][a] }
                }
                j -= 1
            }
            if deaths > 0 {
                var step = Step(t: t, h: 0, hx: Array(repeating: 0, count: p), hD: 0, hxD: Array(repeating: 0, count: p), xEvent: Array(repeating: 0, count: p))
                let rounds = ties == .efron ? deaths : 1
                for k in 0..<rounds {
                    let f = ties == .efron ? Double(k) / Double(deaths) : 0
                    let d0 = s0 - f * a0
                    let h = (ties == .efron ? deathWeight / Double(deaths) : deathWeight) / d0
                    step.h += h
                    step.hD += (1 - f) * h
                    for a in 0..<p {
                        let xbar = (s1[a] - f * a1[a]) / d0
                        step.hx[a] += h * xbar
                        step.hxD[a] += (1 - f) * h * xbar
                        step.xEvent[a] += xbar / Double(rounds)
                    }
                }
                steps.append(step)
            }
            i = j
        }
        steps.reverse()
        // Cumulative sums over the event times strictly before each time.
        var residuals = Array(repeating: Array(repeating: 0.0, count: p), count: n)
        var cumH = 0.0
        var cumHX = Array(repeating: 0.0, count: p)
        var next = 0
        for i in 0..<n {
            while next < steps.count && steps[next].t < time[i] {
                cumH += steps[next].h
                for a in 0..<p { cumHX[a] += steps[next].hx[a] }
                next += 1
            }
            var h = cumH
            var hx = cumHX
            if next < steps.count && steps[next].t == time[i] {
                let s = steps[next]
                h += event[i] ? s.hD : s.h
                for a in 0..<p { hx[a] += event[i] ? s.hxD[a] : s.hx[a] }
                if event[i] { for a in 0..<p { residuals[i][a] += x[i][a] - s.xEvent[a] } }
            }
            let e = exp(eta[i])
            for a in 0..<p { residuals[i][a] -= e * (x[i][a] * h - hx[a]) }
        }
        // Back to the caller's order is not needed: the sandwich sums over all observations.
        return residuals
    }
}

/// Harrell's concordance index.
public enum Concordance {
    /// The share of comparable pairs in which the one with the higher risk score has the shorter time.
    /// A pair is comparable when the shorter time is an event; equal times are comparable only when one of the two is
    /// censored (the censored one counts as longer). Ties in risk count ½. Weighted pairs count wᵢwⱼ.
    public static func harrell(time: [Double], event: [Bool], risk: [Double], weight: [Double]? = nil) -> Double {
        let n = time.count
        let w = weight ?? Array(repeating: 1, count: n)
        // O(n log n): walk the times from the largest down, keeping the weights of the comparable units (longer times,
        // and those censored at the current time) in a Fenwick tree over the ranks of the risk scores.
        let levels = Array(Set(risk)).sorted()
        let rank = risk.map { r in
            var lo = 0
            var hi = levels.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if levels[mid] < r { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var tree = Array(repeating: 0.0, count: levels.count + 1)
        var byRank = Array(repeating: 0.0, count: levels.count)
        var total = 0.0
        func add(_ k: Int, _ v: Double) {
            var i = k + 1
            while i < tree.count { tree[i] += v; i += i & -i }
            byRank[k] += v
            total += v
        }
        func below(_ k: Int) -> Double {  // Σ weights with rank < k
            var i = k
            var s = 0.0
            while i > 0 { s += tree[i]; i -= i & -i }
            return s
        }
        let order = (0..<n).sorted { time[$0] > time[$1] }
        var concordant = 0.0
        var discordant = 0.0
        var tied = 0.0
        var i = 0
        while i < n {
            var j = i
            while j < n && time[order[j]] == time[order[i]] { j += 1 }
            let group = order[i..<j]
            for u in group where !event[u] { add(rank[u], w[u]) }
            for u in group where event[u] {
                let lower = below(rank[u])
                let same = byRank[rank[u]]
                concordant += w[u] * lower
                tied += w[u] * same
                discordant += w[u] * (total - lower - same)
            }
            for u in group where event[u] { add(rank[u], w[u]) }
            i = j
        }
        let all = concordant + discordant + tied
        return all > 0 ? (concordant + tied / 2) / all : .nan
    }
}
