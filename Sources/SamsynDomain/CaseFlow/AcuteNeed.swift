import Foundation

/// An acute need (akut behov) found in a completed instrument part: the rules of `AcuteNeedRules` that held.
/// It belongs to the committee that holds the file and makes a same-day task "Akut" at the district's
/// financial-aid unit, first on its lists, until a caseworker of that committee marks it handled with a
/// short note of what was done.
public struct AcuteNeed: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let personId: UUID
    public let committeeId: String
    /// The completed part the answers came from.
    public let responseId: UUID
    public let ruleVersion: Int
    /// The rules that held, in the rule file's order.
    public var ruleIds: [String]
    public let detectedAt: Date
    public let detectedBy: UUID
    public var handledAt: Date?
    public var handledBy: UUID?
    public var handledByName: String?
    /// What was done, in the caseworker's words. Never written to a log.
    public var handledNote: String?
    public var version: Int

    public init(
        id: UUID, personId: UUID, committeeId: String, responseId: UUID, ruleVersion: Int, ruleIds: [String], detectedAt: Date, detectedBy: UUID,
        handledAt: Date? = nil, handledBy: UUID? = nil, handledByName: String? = nil, handledNote: String? = nil, version: Int = 1
    ) {
        self.id = id
        self.personId = personId
        self.committeeId = committeeId
        self.responseId = responseId
        self.ruleVersion = ruleVersion
        self.ruleIds = ruleIds
        self.detectedAt = detectedAt
        self.detectedBy = detectedBy
        self.handledAt = handledAt
        self.handledBy = handledBy
        self.handledByName = handledByName
        self.handledNote = handledNote
        self.version = version
    }

    public var isHandled: Bool { handledAt != nil }

    /// The note of what was done: 3–500 characters.
    public static let noteLength = 3...500

    /// Who acts on an acute need: the district's caseworkers and managers, of the committee that holds the file.
    public static let handlingRoles: Set<Role> = [.intakeOfficer, .socialSecretary, .unitManager]

    public static func mayHandle(_ need: AcuteNeed, _ user: StaffUser) -> Bool {
        user.active && user.committeeId == need.committeeId && handlingRoles.contains(user.role) && CaseFlowService.isDistrict(user)
    }

    /// The unit (and worker) whose list the task is on: the person's case when it is at a financial-aid unit
    /// of the committee (with its responsible worker); otherwise — no case yet, or still at intake — the
    /// committee's financial-aid unit, unassigned, for the unit to pick up today.
    public static func owner(
        _ need: AcuteNeed, cases: [DistrictCase], unitCommittee: [String: String], unitKind: [String: OrgUnit.Kind]
    ) -> (unitId: String, assigneeId: UUID?) {
        if let k = cases.first(where: { $0.committeeId == need.committeeId && $0.status == .active }), unitKind[k.unitId] == .financialAid {
            return (k.unitId, k.responsibleUserId)
        }
        let units = unitKind.filter { $0.value == .financialAid && unitCommittee[$0.key] == need.committeeId }.keys.sorted()
        return (units.first ?? "\(need.committeeId)-ekonomiskt-bistand", nil)
    }

    /// Checks the note of what was done and returns it trimmed.
    public static func checkedNote(_ raw: String?) throws(DomainError) -> String {
        let note = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard noteLength.contains(note.count) else {
            throw DomainError.invalid([FieldError(field: "note", message: "Skriv kort vad som har gjorts (3–500 tecken).")])
        }
        return note
    }

    public static let alreadyHandled = DomainError(.conflict, "Det akuta behovet är redan markerat som hanterat. Ingenting ändrades.")
}
