import Foundation

/// Who runs interventions: the city's own units (Jobbtorg, Jobbtorg Resurs, Jobbstart, the districts'
/// work-preparation units) and framework-agreement providers.
public struct Provider: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case jobbtorg
        case jobbtorgResurs = "jobbtorg_resurs"
        case jobbstart
        case workPreparation = "work_preparation"
        case frameworkProvider = "framework_provider"

        public var swedishName: String {
            switch self {
            case .jobbtorg: "Jobbtorg"
            case .jobbtorgResurs: "Jobbtorg Resurs"
            case .jobbstart: "Jobbstart"
            case .workPreparation: "Stadsdelens arbetsförberedande enhet"
            case .frameworkProvider: "Ramavtalsleverantör"
            }
        }
    }

    public let id: String
    public var name: String
    public var kind: Kind
    /// The committee that runs (or procured) it.
    public var committeeId: String

    public init(id: String, name: String, kind: Kind, committeeId: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.committeeId = committeeId
    }
}

public enum InterventionType: String, Sendable, CaseIterable {
    case matching
    case jobSearchCoaching = "job_search_coaching"
    case studyGuidance = "study_guidance"
    case workTraining = "work_training"
    case praktik
    case supportedEmployment = "supported_employment"
    case ips
    case languagePraktik = "language_praktik"
    case extratjanst
    case studies
    case health
    case workAbilityTesting = "work_ability_testing"

    public var swedishName: String {
        switch self {
        case .matching: "Matchning"
        case .jobSearchCoaching: "Jobbsökarcoachning"
        case .studyGuidance: "Studie- och yrkesvägledning"
        case .workTraining: "Arbetsträning"
        case .praktik: "Praktik"
        case .supportedEmployment: "Supported Employment"
        case .ips: "IPS (individanpassat stöd till arbete)"
        case .languagePraktik: "Språkpraktik"
        case .extratjanst: "Extratjänst"
        case .studies: "Studier"
        case .health: "Hälsoinsats"
        case .workAbilityTesting: "Arbetsförmågeprövning"
        }
    }
}

/// An intervention in the city's catalogue, visible to every unit, with its places: a total capacity
/// and optionally allotments reserved for districts (the seeds: 400 Jobbtorg Resurs places, 50 of
/// them for Spånga-Tensta).
public struct Intervention: Hashable, Sendable {
    public let id: String
    public var providerId: String
    public var name: String
    public var type: InterventionType
    public var targetGroup: String
    public var description: String
    public var typicalWeeks: Int?
    /// Total places; nil means no place limit (e.g. open group sessions).
    public var capacity: Int?
    /// Places reserved per district committee; the rest of `capacity` is shared.
    public var allotments: [String: Int]
    /// Whether a person can take part in only one episode at a time.
    public var oneAtATime: Bool

    public init(
        id: String, providerId: String, name: String, type: InterventionType, targetGroup: String, description: String, typicalWeeks: Int?,
        capacity: Int?, allotments: [String: Int] = [:], oneAtATime: Bool = true
    ) {
        self.id = id
        self.providerId = providerId
        self.name = name
        self.type = type
        self.targetGroup = targetGroup
        self.description = description
        self.typicalWeeks = typicalWeeks
        self.capacity = capacity
        self.allotments = allotments
        self.oneAtATime = oneAtATime
    }

    /// Checks the catalogue entry: Swedish messages per field.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError(field: "name", message: "Ange insatsens namn.")) }
        if let c = capacity, c < 0 || c > 100_000 { errors.append(FieldError(field: "capacity", message: "Antalet platser ska vara 0–100 000.")) }
        if allotments.values.contains(where: { $0 < 0 }) {
            errors.append(FieldError(field: "allotments", message: "En stadsdels platser kan inte vara färre än noll."))
        }
        if let c = capacity, allotments.values.reduce(0, +) > c {
            errors.append(FieldError(field: "allotments", message: "Stadsdelarnas platser är fler än insatsens platser."))
        }
        if !allotments.isEmpty && capacity == nil {
            errors.append(FieldError(field: "allotments", message: "Platser per stadsdel kräver ett totalt antal platser."))
        }
        if let w = typicalWeeks, w < 1 || w > 520 { errors.append(FieldError(field: "typicalWeeks", message: "Ange en längd på 1–520 veckor.")) }
        return errors
    }
}

/// How places are counted for an offer: a district uses its own allotment first, then the shared places.
public enum PlaceRules {
    /// Places taken (offered or accepted) per district committee for one intervention.
    public struct Occupancy: Sendable, Equatable {
        public var byDistrict: [String: Int]
        public init(byDistrict: [String: Int]) { self.byDistrict = byDistrict }
        public var total: Int { byDistrict.values.reduce(0, +) }
    }

    /// Whether one more place can be offered to a person queued for `district`.
    public static func hasPlace(_ intervention: Intervention, occupancy: Occupancy, district: String) -> Bool {
        guard let capacity = intervention.capacity else { return true }
        guard occupancy.total < capacity else { return false }
        // Places beyond a district's allotment come from the shared pool: capacity minus every allotment,
        // minus what other districts already took beyond their own allotments.
        let reserved = intervention.allotments.values.reduce(0, +)
        let shared = capacity - reserved
        let own = intervention.allotments[district] ?? 0
        let takenHere = occupancy.byDistrict[district] ?? 0
        if takenHere < own { return true }
        var sharedUsed = 0
        for (d, n) in occupancy.byDistrict { sharedUsed += max(0, n - (intervention.allotments[d] ?? 0)) }
        return sharedUsed < shared
    }
}
