import Foundation

/// What was known about a person **before** the start (for participants) or at the same point (for candidates).
public struct EffectCovariates: Sendable, Equatable {
    public var ageBand: String
    public var legalGender: String
    public var district: String
    public var aidMonthsLast12: Int
    public var aidMonthsLast36: Int
    public var monthsSinceEnrolment: Double
    /// The need-assessment category, nil when none is recorded.
    public var needCategory: String?
    public var educationLevel: String?
    /// Swedish language level, nil when not recorded.
    public var swedish: String?
    /// FIA ratings by dimension where an assessment exists (absent = not assessed).
    public var fiaRatings: [String: Double]

    public init(
        ageBand: String, legalGender: String, district: String, aidMonthsLast12: Int, aidMonthsLast36: Int, monthsSinceEnrolment: Double,
        needCategory: String? = nil, educationLevel: String? = nil, swedish: String? = nil, fiaRatings: [String: Double] = [:]
    ) {
        self.ageBand = ageBand
        self.legalGender = legalGender
        self.district = district
        self.aidMonthsLast12 = aidMonthsLast12
        self.aidMonthsLast36 = aidMonthsLast36
        self.monthsSinceEnrolment = monthsSinceEnrolment
        self.needCategory = needCategory
        self.educationLevel = educationLevel
        self.swedish = swedish
        self.fiaRatings = fiaRatings
    }
}

/// A time from the start (in months) to an outcome, or to censoring (the end of the data or moving away).
public struct EffectTime: Sendable, Equatable {
    public var months: Double
    public var reached: Bool
    public init(months: Double, reached: Bool) {
        self.months = months
        self.reached = reached
    }
}

/// One participant or one eligible candidate.
public struct EffectUnit: Sendable, Equatable {
    /// An opaque key (not shown); a candidate may be eligible at several points and then appears once per point.
    public var key: String
    public var covariates: EffectCovariates
    /// Time to leaving försörjningsstöd (the first month without aid).
    public var leavingAid: EffectTime
    /// Time to work or studies.
    public var workOrStudies: EffectTime
    /// Without aid 6 and 12 months after the start; nil when not followed that long.
    public var selfSupporting6: Bool?
    public var selfSupporting12: Bool?

    public init(
        key: String, covariates: EffectCovariates, leavingAid: EffectTime, workOrStudies: EffectTime, selfSupporting6: Bool?, selfSupporting12: Bool?
    ) {
        self.key = key
        self.covariates = covariates
        self.leavingAid = leavingAid
        self.workOrStudies = workOrStudies
        self.selfSupporting6 = selfSupporting6
        self.selfSupporting12 = selfSupporting12
    }
}

/// The method the comparison group is built with; shown on the report.
public enum EffectMethod: Sendable, Equatable {
    /// 1:1 nearest neighbour on the logit of the propensity score within `caliper` SD (default 0.2, Austin 2011).
    case matching(caliper: Double?, replacement: Bool)
    /// Inverse probability weights for the effect on the participants (ATT).
    case weighting

    public static let standard = EffectMethod.matching(caliper: 0.2, replacement: false)

    var propensityMethod: PropensityMethod {
        switch self {
        case .matching(let caliper, let replacement): .nearestNeighbour(replacement: replacement, caliper: caliper)
        case .weighting: .inverseProbabilityWeighting
        }
    }

    /// The method in Swedish, as the report names it.
    public var swedishDescription: String {
        switch self {
        case .matching(let caliper, let replacement):
            "Matchning 1:1 på närmaste granne efter benägenhetspoäng (logistisk regression)"
                + (caliper.map { ", högst \(Self.decimal($0)) standardavvikelser isär på logitskalan" } ?? ", utan största tillåtna avstånd")
                + (replacement ? ", med återläggning (en jämförelseperson kan användas flera gånger)" : ", utan återläggning")
        case .weighting:
            "Viktning med inversen av benägenhetspoängen (logistisk regression), vikter för effekten bland deltagarna (ATT)"
        }
    }

    static func decimal(_ x: Double) -> String {
        String(format: "%.2f", x).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: #",?0+$"#, with: "", options: .regularExpression)
    }
}

public struct EffectReportRequest: Sendable {
    public var title: String
    /// The start period in words, e.g. "januari–juni 2026".
    public var period: String
    public var participants: [EffectUnit]
    public var candidates: [EffectUnit]
    public var method: EffectMethod
    /// Nothing is estimated below this many per arm (after matching; effective size after weighting).
    public var minimumGroupSize: Int
    /// The disclosure threshold k of the measurement pages: no count 1…k−1 is published, curves stop where fewer than k are at risk.
    public var disclosureThreshold: Int
    /// The curves' horizon in whole months.
    public var horizonMonths: Int

    public init(
        title: String, period: String, participants: [EffectUnit], candidates: [EffectUnit], method: EffectMethod = .standard, minimumGroupSize: Int = 30,
        disclosureThreshold: Int = Disclosure.defaultThreshold, horizonMonths: Int = 24
    ) {
        self.title = title
        self.period = period
        self.participants = participants
        self.candidates = candidates
        self.method = method
        self.minimumGroupSize = minimumGroupSize
        self.disclosureThreshold = disclosureThreshold
        self.horizonMonths = horizonMonths
    }
}

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

/// The covariates as numbers: dummies per level for categories, the FIA ratings with an indicator where missing.
struct EffectDesign {
    var balanceNames: [String] = []
    var balanceRows: [[Double]]
    var modelNames: [String] = []
    var modelRows: [[Double]]

    init(_ all: [EffectCovariates]) {
        balanceRows = all.map { _ in [] }
        modelRows = all.map { _ in [] }
        func categorical(_ label: String, _ value: (EffectCovariates) -> String?) {
            let values = all.map { value($0) ?? "uppgift saknas" }
            let levels = Array(Set(values)).sorted()
            guard levels.count > 1 else { return }
            // The most common level is the reference in the model; the balance table shows every level.
            let counts = Dictionary(grouping: values, by: { $0 }).mapValues(\.count)
            let reference = levels.max { (counts[$0]!, $1) < (counts[$1]!, $0) }!
            for level in levels {
                let column = values.map { $0 == level ? 1.0 : 0.0 }
                add(balance: "\(label): \(level)", column, model: level != reference)
            }
        }
        func numeric(_ label: String, _ value: (EffectCovariates) -> Double) {
            add(balance: label, all.map(value), model: true)
        }
        categorical("Åldersgrupp", \.ageBand)
        categorical("Juridiskt kön", \.legalGender)
        categorical("Stadsdel", \.district)
        numeric("Månader med bistånd senaste 12") { Double($0.aidMonthsLast12) }
        numeric("Månader med bistånd senaste 36") { Double($0.aidMonthsLast36) }
        numeric("Månader sedan inskrivning", \.monthsSinceEnrolment)
        categorical("Behovsbedömning", \.needCategory)
        categorical("Utbildning", \.educationLevel)
        categorical("Svenska", \.swedish)
        let dimensions = Set(all.flatMap(\.fiaRatings.keys)).sorted()
        for dimension in dimensions {
            let present = all.compactMap { $0.fiaRatings[dimension] }
            let mean = present.reduce(0, +) / Double(max(present.count, 1))
            // Missing ratings take the mean of those present; the indicator carries that they were missing.
            numeric("FIA \(dimension)") { $0.fiaRatings[dimension] ?? mean }
            if present.count < all.count {
                numeric("FIA \(dimension) saknas") { $0.fiaRatings[dimension] == nil ? 1 : 0 }
            }
        }
        dropDependentModelColumns()
    }

    private mutating func add(balance name: String, _ column: [Double], model: Bool) {
        let constant = column.allSatisfy { $0 == column.first }
        guard !constant else { return }
        balanceNames.append(name)
        for i in column.indices { balanceRows[i].append(column[i]) }
        if model {
            modelNames.append(name)
            for i in column.indices { modelRows[i].append(column[i]) }
        }
    }

    /// Drops model columns that are linear combinations of the intercept and earlier columns (as R's glm marks them NA).
    private mutating func dropDependentModelColumns() {
        let n = modelRows.count
        var kept: [Int] = []
        // Gram–Schmidt on centred, scaled columns (centring takes the intercept out).
        var basis: [[Double]] = []
        for j in modelNames.indices {
            var v = modelRows.map { $0[j] }
            let m = v.reduce(0, +) / Double(n)
            v = v.map { $0 - m }
            let norm0 = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm0 > 0 else { continue }
            v = v.map { $0 / norm0 }
            for b in basis {
                let dot = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<n { v[i] -= dot * b[i] }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 1e-8 else { continue }
            basis.append(v.map { $0 / norm })
            kept.append(j)
        }
        modelNames = kept.map { modelNames[$0] }
        modelRows = modelRows.map { row in kept.map { row[$0] } }
    }
}
