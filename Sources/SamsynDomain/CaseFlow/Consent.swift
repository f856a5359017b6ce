import Foundation

/// Samtycke: the person's consent, recorded by the district with the person, to share named kinds of
/// information between the district committee and a recipient (a committee, optionally one unit) for a
/// purpose and a period. Withdrawal takes effect at once. Between the two parties it covers the listed
/// kinds in both directions (the exchange the referral and follow-up need).
public struct Consent: Hashable, Sendable, Identifiable {
    public enum Scope: String, Sendable, CaseIterable, Codable, Comparable {
        /// Referral: the person's identity, the case and the reason for referral.
        case referral
        case assessmentPart1 = "assessment_part1"
        case assessmentPart2 = "assessment_part2"
        case assessmentPart3 = "assessment_part3"
        /// Fördjupad bedömning (FIA areas).
        case fia
        case plans
        case meetings
        case attendance
        /// The joint need assessment: both units' views, the decision and the suggestion's answers.
        case needAssessment = "need_assessment"
        /// The journal's signed notes (journalanteckningar).
        case journal

        public var swedishName: String {
            switch self {
            case .referral: "Remissen: identitet, ärende och skäl för remiss"
            case .assessmentPart1: "Initial bedömning del 1 (mottagning)"
            case .assessmentPart2: "Initial bedömning del 2 (Jobbtorg)"
            case .assessmentPart3: "Initial bedömning del 3 (nybesök)"
            case .fia: "Fördjupad bedömning (FIA-områden)"
            case .plans: "Planer: arbetsplan och jobbplan"
            case .meetings: "Möten och trepartssamtal"
            case .attendance: "Närvaro (månadssammanställning)"
            case .needAssessment: "Gemensam behovsbedömning"
            case .journal: "Journalanteckningar (signerade)"
            }
        }
        public static func < (a: Scope, b: Scope) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }
    public enum Method: String, Sendable, CaseIterable, Codable {
        case written, oral, digital
        public var swedishName: String {
            switch self {
            case .written: "Skriftligt"
            case .oral: "Muntligt (antecknat)"
            case .digital: "Digitalt med e-legitimation"
            }
        }
    }

    public let id: UUID
    public let personId: UUID
    /// The district committee that recorded it and holds it in its file.
    public let committeeId: String
    public let recipientCommitteeId: String
    public let recipientUnitId: String?
    public let scopes: Set<Scope>
    public let purpose: String
    public let validFrom: LocalDate
    public let validTo: LocalDate
    public let method: Method
    public let recordedBy: UUID
    public let recordedByName: String
    public let recordedAt: Date
    public var withdrawnAt: Date?
    public var withdrawnByName: String?
    public var version: Int

    public init(
        id: UUID, personId: UUID, committeeId: String, recipientCommitteeId: String, recipientUnitId: String?, scopes: Set<Scope>, purpose: String,
        validFrom: LocalDate, validTo: LocalDate, method: Method, recordedBy: UUID, recordedByName: String, recordedAt: Date,
        withdrawnAt: Date? = nil, withdrawnByName: String? = nil, version: Int = 1
    ) {
        self.id = id
        self.personId = personId
        self.committeeId = committeeId
        self.recipientCommitteeId = recipientCommitteeId
        self.recipientUnitId = recipientUnitId
        self.scopes = scopes
        self.purpose = purpose
        self.validFrom = validFrom
        self.validTo = validTo
        self.method = method
        self.recordedBy = recordedBy
        self.recordedByName = recordedByName
        self.recordedAt = recordedAt
        self.withdrawnAt = withdrawnAt
        self.withdrawnByName = withdrawnByName
        self.version = version
    }

    public func isActive(on day: LocalDate) -> Bool {
        withdrawnAt == nil && validFrom <= day && day <= validTo
    }

    /// Whether the consent lets `viewer` (of `viewerUnit`, when known) see information of `scope` that `owner`
    /// holds, on `day`. A consent naming one unit of the recipient committee lets only that unit see the district's.
    public func covers(_ scope: Scope, owner: String, viewer: String, viewerUnit: String? = nil, on day: LocalDate) -> Bool {
        guard isActive(on: day), scopes.contains(scope) else { return false }
        if owner == committeeId && viewer == recipientCommitteeId {
            if let only = recipientUnitId, let viewerUnit, viewerUnit != only { return false }
            return true
        }
        return owner == recipientCommitteeId && viewer == committeeId
    }

    public enum State: String, Sendable, CaseIterable {
        case active, upcoming, expired, withdrawn

        public var swedishName: String {
            switch self {
            case .active: "Gäller"
            case .upcoming: "Har inte börjat gälla"
            case .expired: "Har gått ut"
            case .withdrawn: "Återkallat"
            }
        }
    }
    public func state(on day: LocalDate) -> State {
        if withdrawnAt != nil { return .withdrawn }
        if day < validFrom { return .upcoming }
        if day > validTo { return .expired }
        return .active
    }
}

public enum ConsentRules {
    /// A task appears this many days before a consent ends.
    public static let expiryWarningDays = 14

    /// Whether any of the person's consents covers it.
    public static func allows(_ consents: [Consent], _ scope: Scope, owner: String, viewer: String, viewerUnit: String? = nil, on day: LocalDate) -> Bool {
        if owner == viewer { return true }
        return consents.contains { $0.covers(scope, owner: owner, viewer: viewer, viewerUnit: viewerUnit, on: day) }
    }
    public typealias Scope = Consent.Scope

    public static func validate(
        scopes: Set<Scope>, purpose: String, validFrom: LocalDate?, validTo: LocalDate?, fromText: String, toText: String, method: Consent.Method?,
        recipientKnown: Bool, today: LocalDate
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if !recipientKnown { errors.append(FieldError(field: "recipient", message: "Välj vem uppgifterna får lämnas till.")) }
        if scopes.isEmpty { errors.append(FieldError(field: "scopes", message: "Välj minst en sorts uppgift som samtycket gäller.")) }
        let p = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(5...500).contains(p.count) { errors.append(FieldError(field: "purpose", message: "Skriv syftet med samtycket (5–500 tecken).")) }
        if validFrom == nil {
            errors.append(FieldError(field: "validFrom", message: fromText.isEmpty ? "Ange från vilket datum samtycket gäller." : "Ange giltigt från som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        if validTo == nil {
            errors.append(FieldError(field: "validTo", message: toText.isEmpty ? "Ange till vilket datum samtycket gäller." : "Ange giltigt till som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        if let f = validFrom, let t = validTo {
            if t < f { errors.append(FieldError(field: "validTo", message: "Slutdatumet kan inte vara före startdatumet.")) }
            else if t > f.adding(months: 24) { errors.append(FieldError(field: "validTo", message: "Ett samtycke kan gälla i högst två år. Förnya det därefter med personen.")) }
            if t < today { errors.append(FieldError(field: "validTo", message: "Samtycket skulle redan ha gått ut. Ange ett slutdatum från och med i dag.")) }
        }
        if method == nil { errors.append(FieldError(field: "method", message: "Välj hur samtycket lämnades.")) }
        return errors
    }
}
