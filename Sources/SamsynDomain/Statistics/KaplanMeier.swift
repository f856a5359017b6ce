import Foundation

/// One observation for survival analysis: the time followed and whether the event happened then
/// (`event == false`: censored at `time`, i.e. still without the event when follow-up ended).
public struct SurvivalObservation: Sendable, Equatable {
    public var time: Double
    public var event: Bool
    /// A case weight (1 unweighted; matching or inverse-probability weights otherwise).
    public var weight: Double

    public init(time: Double, event: Bool, weight: Double = 1) {
        self.time = time
        self.event = event
        self.weight = weight
    }
}

/// The Kaplan–Meier product-limit estimate of the survival function S(t) = P(T > t).
///
/// - Ties: all events at one time count together (d events among n at risk, factor 1 − d/n); an observation
///   censored at the same time as events is still at risk at that time (the usual convention, as R's `survfit`).
/// - Variance: Greenwood's formula, Var Ŝ(t) = Ŝ(t)² Σ_{tᵢ ≤ t} dᵢ / (nᵢ(nᵢ − dᵢ)). With weights, n and d are sums of weights,
///   as `survfit` does with integer case weights; for non-integer weights (IPW) `survfit` uses the infinitesimal jackknife
///   instead, which this does not compute (the bands are then approximate).
/// - Confidence bands: pointwise 95 %, on the **log** scale as R's `survfit` default (`conf.type = "log"`):
///   exp(log Ŝ ± z·σ) with σ = √(Σ d/(n(n−d))), the upper limit capped at 1. After Ŝ reaches 0 the limits are undefined (nil).
public struct KaplanMeier: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public var time: Double
        /// Number (sum of weights) at risk just before `time`.
        public var atRisk: Double
        public var events: Double
        public var censored: Double
        public var survival: Double
        /// Standard error of Ŝ (Greenwood), as `summary(survfit)`'s `std.err`.
        public var standardError: Double
        public var lower: Double?
        public var upper: Double?
    }

    /// One step per distinct time with at least one event, in increasing time.
    public var steps: [Step]
    /// Censorings at times without an event are not steps; they are counted here per time (for marks on a curve).
    public var censoringTimes: [Double]
    public var count: Int
    public var totalWeight: Double
    public var eventCount: Int

    public init(_ observations: [SurvivalObservation]) throws {
        guard !observations.isEmpty else { throw StatisticsError.emptySample }
        for o in observations where !(o.time.isFinite && o.weight.isFinite && o.weight >= 0) {
            throw StatisticsError.invalidValue("time \(o.time), weight \(o.weight)")
        }
        let sorted = observations.sorted { $0.time < $1.time }
        var atRisk = sorted.reduce(0.0) { $0 + $1.weight }
        totalWeight = atRisk
        count = observations.count
        eventCount = observations.filter(\.event).count
        var s = 1.0
        var greenwood = 0.0
        var steps: [Step] = []
        var censoringTimes: [Double] = []
        var i = 0
        while i < sorted.count {
            let t = sorted[i].time
            var d = 0.0
            var c = 0.0
            var hasEvent = false
            while i < sorted.count && sorted[i].time == t {
                if sorted[i].event {
                    d += sorted[i].weight
                    hasEvent = true
                } else {
                    c += sorted[i].weight
                }
                i += 1
            }
            if hasEvent && d > 0 {
                s *= 1 - d / atRisk
                if atRisk > d {
                    greenwood += d / (atRisk * (atRisk - d))
                } else {
                    greenwood = .infinity
                }
                let sigma = greenwood.squareRoot()
                let lower: Double?
                let upper: Double?
                if s > 0 && sigma.isFinite {
                    lower = exp(log(s) - Normal.z975 * sigma)
                    upper = min(1, exp(log(s) + Normal.z975 * sigma))
                } else {
                    lower = nil
                    upper = nil
                }
                steps.append(Step(time: t, atRisk: atRisk, events: d, censored: c, survival: s, standardError: s > 0 ? s * sigma : 0, lower: lower, upper: upper))
            } else if c > 0 {
                censoringTimes.append(t)
            }
            atRisk -= d + c
        }
        self.steps = steps
        self.censoringTimes = censoringTimes
    }

    /// Ŝ(t): the estimate at time t (1 before the first event).
    public func survival(at t: Double) -> Double {
        step(at: t)?.survival ?? 1
    }

    /// The last step at or before t, nil before the first event.
    public func step(at t: Double) -> Step? {
        var found: Step?
        for step in steps {
            if step.time <= t { found = step } else { break }
        }
        return found
    }

    /// The median survival time: the first time Ŝ(t) ≤ 0.5 (nil when the curve stays above).
    public var median: Double? { steps.first { $0.survival <= 0.5 }?.time }
}
