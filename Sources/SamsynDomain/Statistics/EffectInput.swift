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
