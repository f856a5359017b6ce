import Foundation

/// The effect report of an intervention: the comparison group, the balance, the outcomes and the caveats.
public struct EffectReport: Sendable {
    public enum Outcome: String, Sendable, CaseIterable {
        case leavingAid, workOrStudies
        public var swedish: String {
            switch self {
            case .leavingAid: "Lämnat försörjningsstöd"
            case .workOrStudies: "Börjat arbeta eller studera"
            }
        }
    }

    /// A point of a curve at a whole month: the share who have reached the outcome (1 − Ŝ) with its 95 % band.
    public struct CurvePoint: Sendable, Equatable {
        public var month: Int
        public var share: Double
        public var lower: Double
        public var upper: Double
        /// Persons (units with a weight) still followed and without the outcome at the start of the month.
        public var atRisk: Int
    }

    public struct Curve: Sendable, Equatable {
        public var points: [CurvePoint]
        /// Units in the arm and how many reached the outcome.
        public var count: Int
        public var events: Int
    }

    public struct OutcomeResult: Sendable, Equatable {
        public var outcome: Outcome
        public var participants: Curve
        public var comparison: Curve
        /// The hazard ratio participants vs comparison (Cox, Efron ties, the adjustment's weights), on the log scale, with the
        /// robust (sandwich) standard error: the weights are estimated, and a comparison person may count more than once.
        public var logHazardRatio: Estimate?
        public var hazardRatio: Double? { logHazardRatio.map { exp($0.value) } }
        public var hazardRatioInterval: (lower: Double, upper: Double)? { logHazardRatio.map { (exp($0.lower), exp($0.upper)) } }
    }

    /// The share without aid at a month after the start, among those followed that long.
    public struct ShareResult: Sendable, Equatable {
        public var month: Int
        /// nil when a count behind it would be below the disclosure threshold.
        public var difference: GroupDifference?
        public var participantsFollowed: Int
        public var comparisonFollowed: Int
        public var withheldReason: String?
    }

    public enum Status: Sendable, Equatable {
        case estimated
        /// Too few in an arm: nothing estimated.
        case tooFew(participants: Int, comparison: Int, minimum: Int)
        case failed(String)
    }

    public var title: String
    public var period: String
    public var method: EffectMethod
    public var status: Status
    public var participantCount: Int
    public var candidateCount: Int
    public var matchedParticipantCount: Int
    /// Distinct comparison persons used (matching) or with a positive weight (weighting).
    public var comparisonCount: Int
    /// Kish's effective size of the comparison group after adjustment.
    public var comparisonEffectiveSize: Double
    public var unmatchedParticipantCount: Int
    public var balance: BalanceTable?
    /// Any standardised difference above 0.1 after adjustment: the estimate is marked uncertain.
    public var uncertain: Bool
    public var outcomes: [OutcomeResult]
    public var shares: [ShareResult]
    public var minimumGroupSize: Int
    public var disclosureThreshold: Int
    public var propensityCovariates: [String]
    public var propensitySeparation: Bool
    /// The plain-Swedish explanation, a paragraph per element.
    public var explanation: [String]

    public init(_ request: EffectReportRequest) {
        title = request.title
        period = request.period
        method = request.method
        participantCount = request.participants.count
        candidateCount = request.candidates.count
        minimumGroupSize = request.minimumGroupSize
        disclosureThreshold = request.disclosureThreshold
        matchedParticipantCount = 0
        comparisonCount = 0
        comparisonEffectiveSize = 0
        unmatchedParticipantCount = 0
        balance = nil
        uncertain = true
        outcomes = []
        shares = []
        propensityCovariates = []
        propensitySeparation = false
        explanation = []
        status = .failed("not estimated")
        let minimum = request.minimumGroupSize
        guard request.participants.count >= minimum, request.candidates.count >= minimum else {
            status = .tooFew(participants: request.participants.count, comparison: request.candidates.count, minimum: minimum)
            explanation = EffectText.explanation(self)
            return
        }
        do {
            try estimate(request)
        } catch {
            status = .failed(String(describing: error))
        }
        explanation = EffectText.explanation(self)
    }

    private mutating func estimate(_ request: EffectReportRequest) throws {
        let units = request.participants + request.candidates
        let treated = request.participants.map { _ in true } + request.candidates.map { _ in false }
        let design = EffectDesign(units.map(\.covariates))
        let model = try LogisticRegression(outcome: treated, covariates: design.modelRows, names: design.modelNames)
        propensityCovariates = design.modelNames
        propensitySeparation = model.extremeProbabilities
        let logits = design.modelRows.map(model.logit)
        let adjustment = try PropensityAdjustment(logits: logits, treated: treated, method: request.method.propensityMethod)
        let w = adjustment.weights
        let table = try BalanceTable(covariates: design.balanceRows, names: design.balanceNames, treated: treated, weights: w)
        balance = table
        uncertain = table.anyFlagged
        matchedParticipantCount = table.treatedCountAfter
        comparisonCount = table.controlCountAfter
        comparisonEffectiveSize = table.controlEffectiveSizeAfter
        unmatchedParticipantCount = adjustment.unmatchedTreated.count
        let minimum = request.minimumGroupSize
        guard Double(matchedParticipantCount) >= Double(minimum), comparisonEffectiveSize >= Double(minimum) - 1e-9, comparisonCount >= minimum else {
            status = .tooFew(participants: matchedParticipantCount, comparison: min(comparisonCount, Int(comparisonEffectiveSize.rounded(.down))), minimum: minimum)
            return
        }
        let used = units.indices.filter { w[$0] > 0 }
        let k = request.disclosureThreshold
        for outcome in Outcome.allCases {
            func time(_ u: EffectUnit) -> EffectTime { outcome == .leavingAid ? u.leavingAid : u.workOrStudies }
            func curve(_ arm: Bool) throws -> Curve {
                let members = used.filter { treated[$0] == arm }
                let observations = members.map { SurvivalObservation(time: time(units[$0]).months, event: time(units[$0]).reached, weight: w[$0]) }
                let km = try KaplanMeier(observations)
                var points: [CurvePoint] = []
                for month in 0...request.horizonMonths {
                    // At risk at the start of the month: followed at least that long and without the outcome before it.
                    let atRisk = members.filter { let t = time(units[$0]); return t.months >= Double(month) }.count
                    guard atRisk >= k else { break }
                    let step = km.step(at: Double(month))
                    let s = step?.survival ?? 1
                    points.append(
                        CurvePoint(month: month, share: 1 - s, lower: 1 - (step?.upper ?? s), upper: 1 - (step?.lower ?? s), atRisk: atRisk))
                }
                let events = members.filter { time(units[$0]).reached }.count
                return Curve(points: points, count: members.count, events: events)
            }
            let cox = try? CoxModel(
                observations: used.map { SurvivalObservation(time: time(units[$0]).months, event: time(units[$0]).reached, weight: w[$0]) },
                covariates: used.map { [treated[$0] ? 1 : 0] }, names: ["deltagare"])
            let participants = try curve(true)
            let comparison = try curve(false)
            let enoughEvents = participants.events >= k && comparison.events >= k
            outcomes.append(
                OutcomeResult(
                    outcome: outcome, participants: participants, comparison: comparison,
                    logHazardRatio: enoughEvents ? cox?.robustCoefficients.first?.estimate : nil))
        }
        for month in [6, 12] {
            func status(_ u: EffectUnit) -> Bool? { month == 6 ? u.selfSupporting6 : u.selfSupporting12 }
            let followed = used.filter { status(units[$0]) != nil }
            let tCount = followed.filter { treated[$0] }.count
            let cCount = followed.count - tCount
            let small = [true, false].contains { arm in
                let members = followed.filter { treated[$0] == arm }
                let yes = members.filter { status(units[$0]) == true }.count
                return (1..<k).contains(yes) || (1..<k).contains(members.count - yes)
            }
            var result = ShareResult(month: month, difference: nil, participantsFollowed: tCount, comparisonFollowed: cCount, withheldReason: nil)
            if tCount < minimum || cCount < minimum {
                result.withheldReason = "För få följda i \(month) månader (minst \(minimum) per grupp)."
            } else if small {
                result.withheldReason = "Visas inte: ett antal under \(k) skulle gå att räkna ut."
            } else {
                result.difference = try GroupDifference.proportions(
                    outcome: followed.map { status(units[$0]) == true }, treated: followed.map { treated[$0] }, weights: followed.map { w[$0] })
            }
            shares.append(result)
        }
        status = .estimated
    }

    public func outcome(_ o: Outcome) -> OutcomeResult? { outcomes.first { $0.outcome == o } }
    public func share(month: Int) -> ShareResult? { shares.first { $0.month == month } }
}
