import Foundation

/// Something that arrived for a unit: a handover from another unit or an answer back. Each item says what
/// to do next and leaves the inbox when someone acts on it:
/// - `newCase` (financial aid): an aktualisering registered by intake, not yet taken over; it leaves when a
///   worker of a financial-aid unit takes the case (the case moves to her unit). A booked nybesök names the
///   unit, so the case shows in that unit's inbox only; an unbooked one in every financial-aid unit of the committee.
/// - `visitToBook` (intake): a case of the intake unit with no nybesök booked; it leaves when it is booked.
/// - `referral` (Jobbtorg): a referral waiting for an answer; it leaves when it is accepted or declined.
/// - `referralAccepted`, `referralDeclined`, `enrolmentClosed`, `returnedToDistrict` (the referring
///   financial-aid unit): answers back to the district; each leaves when someone of the unit marks it as
///   read ("Kvittera"). Answers older than `answerWindowDays` are no longer shown.
/// - `acuteNeed` (the unit an acute need's task is at, financial aid): an answer that signalled an acute need; first in
///   the inbox, marked "Akut", until someone acts on it (the need is marked handled and its task settles).
public struct InboxItem: Hashable, Sendable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case newCase = "new_case"
        case visitToBook = "visit_to_book"
        case referral
        case referralAccepted = "referral_accepted"
        case referralDeclined = "referral_declined"
        case enrolmentClosed = "enrolment_closed"
        case returnedToDistrict = "returned_to_district"
        case acuteNeed = "acute_need"

        public var swedishName: String {
            switch self {
            case .newCase: "Ny aktualisering"
            case .visitToBook: "Nybesök ej bokat"
            case .referral: "Remiss att besvara"
            case .referralAccepted: "Remissen antogs"
            case .referralDeclined: "Remissen avböjdes"
            case .enrolmentClosed: "Avslutad hos Jobbtorg"
            case .returnedToDistrict: "Återremitterad från Jobbtorg"
            case .acuteNeed: "Akut behov"
            }
        }

        /// What the unit does with it.
        public var action: Action {
            switch self {
            case .newCase: .takeOver
            case .visitToBook: .bookVisit
            case .referral: .answerReferral
            case .referralAccepted, .referralDeclined, .enrolmentClosed, .returnedToDistrict: .acknowledge
            case .acuteNeed: .handleAcuteNeed
            }
        }
    }

    public enum Action: String, Sendable, CaseIterable {
        case takeOver, bookVisit, answerReferral, acknowledge
        case handleAcuteNeed
        public var swedishName: String {
            switch self {
            case .takeOver: "Öppna ärendet och ta över det"
            case .bookVisit: "Boka nybesök"
            case .answerReferral: "Besvara remissen"
            case .acknowledge: "Läs och kvittera"
            case .handleAcuteNeed: "Se behovet och hantera det"
            }
        }
    }

    public let key: String
    public let kind: Kind
    public let personId: UUID
    public let arrivedOn: LocalDate
    /// The record it is about (case, referral, enrolment).
    public let subjectId: UUID
    /// The booked nybesök, for a new case.
    public let newVisit: NewVisit?
    public let referral: Referral?
    public let enrolment: Enrolment?
    /// A referral past its answer date, or a new case whose nybesök is not booked a working day after it arrived.
    public let late: Bool

    public var id: String { key }
    public var action: Action { kind.action }

    public init(
        key: String, kind: Kind, personId: UUID, arrivedOn: LocalDate, subjectId: UUID, newVisit: NewVisit? = nil, referral: Referral? = nil, enrolment: Enrolment? = nil,
        late: Bool = false
    ) {
        self.key = key
        self.kind = kind
        self.personId = personId
        self.arrivedOn = arrivedOn
        self.subjectId = subjectId
        self.newVisit = newVisit
        self.referral = referral
        self.enrolment = enrolment
        self.late = late
    }

    public static func answerKey(_ r: Referral) -> String { "referral_answer:\(r.id.uuidString.lowercased())" }
    public static func closureKey(_ e: Enrolment) -> String { "enrolment_closed:\(e.id.uuidString.lowercased())" }
}

/// What an inbox is computed from: the unit's committee's records (read by `InboxStore.snapshot`).
public struct InboxSnapshot: Sendable {
    /// Unit id → kind, for every unit.
    public var unitKinds: [String: OrgUnit.Kind] = [:]
    /// The committee's active cases.
    public var cases: [DistrictCase] = []
    /// Booked nybesök by case id.
    public var newVisits: [UUID: NewVisit] = [:]
    /// Referrals to the unit waiting for an answer, that the unit may see (under their consent).
    public var referralsToUnit: [Referral] = []
    /// The committee's referrals answered within the window.
    public var answeredReferrals: [Referral] = []
    /// Enrolments of people the committee referred, closed within the window.
    public var closedEnrolments: [Enrolment] = []
    /// Referral id → the referring unit, for the closed enrolments.
    public var referringUnit: [UUID: String] = [:]
    /// The keys the unit has acknowledged.
    public var acknowledged: Set<String> = []
    /// The unit's open acute-need tasks (read from the task list, not by `InboxStore.snapshot`).
    public var acuteTasks: [CaseTask] = []
    public init() {}
}

public enum UnitInbox {
    /// How long an answer back to the district stays in its inbox unacknowledged.
    public static let answerWindowDays = 90

    /// Who has an inbox: the caseworkers and managers of district and Jobbtorg units (those with a task list).
    public static func hasInbox(_ u: StaffUser) -> Bool { CaseFlowService.hasTaskList(u) }

    /// The unit's items: open acute needs first, then oldest first.
    public static func items(unitId: String, _ s: InboxSnapshot, today: LocalDate) -> [InboxItem] {
        var out: [InboxItem] = []
        switch s.unitKinds[unitId] {
        case .financialAid?:
            for c in s.cases where c.status == .active && s.unitKinds[c.unitId] == .intake {
                let visit = s.newVisits[c.id]
                guard visit == nil || visit?.unitId == unitId else { continue }
                out.append(
                    InboxItem(
                        key: "new_case:\(c.id.uuidString.lowercased())", kind: .newCase, personId: c.personId, arrivedOn: c.openedOn, subjectId: c.id, newVisit: visit,
                        late: visit == nil && WorkingDayCalendar.adding(workingDays: 1, to: c.openedOn) < today))
            }
            for r in s.answeredReferrals where r.fromUnitId == unitId && r.status != .sent && !s.acknowledged.contains(InboxItem.answerKey(r)) {
                let on = r.answeredAt.map(LocalDate.init) ?? r.sentOn
                guard on.adding(days: answerWindowDays) >= today else { continue }
                out.append(
                    InboxItem(
                        key: InboxItem.answerKey(r), kind: r.status == .accepted ? .referralAccepted : .referralDeclined, personId: r.personId, arrivedOn: on,
                        subjectId: r.id, referral: r))
            }
            for e in s.closedEnrolments where e.status == .closed && !s.acknowledged.contains(InboxItem.closureKey(e)) {
                guard let rid = e.referralId, s.referringUnit[rid] == unitId, let on = e.closedOn, on.adding(days: answerWindowDays) >= today else { continue }
                out.append(
                    InboxItem(
                        key: InboxItem.closureKey(e), kind: e.closureReason == .returnedToDistrict ? .returnedToDistrict : .enrolmentClosed, personId: e.personId,
                        arrivedOn: on, subjectId: e.id, enrolment: e))
            }
        case .intake?:
            for c in s.cases where c.status == .active && c.unitId == unitId && s.newVisits[c.id] == nil {
                out.append(
                    InboxItem(
                        key: "visit_to_book:\(c.id.uuidString.lowercased())", kind: .visitToBook, personId: c.personId, arrivedOn: c.openedOn, subjectId: c.id,
                        late: WorkingDayCalendar.adding(workingDays: 1, to: c.openedOn) < today))
            }
        case let kind? where CaseFlowService.jobbtorgUnits.contains(kind):
            for r in s.referralsToUnit where r.status == .sent && r.toUnitId == unitId {
                out.append(
                    InboxItem(
                        key: "referral:\(r.id.uuidString.lowercased())", kind: .referral, personId: r.personId, arrivedOn: r.sentOn, subjectId: r.id, referral: r,
                        late: r.answerDue < today))
            }
        default:
            break
        }
        for t in s.acuteTasks where t.kind == .acuteNeed && t.unitId == unitId && t.settledAt == nil {
            out.append(
                InboxItem(
                    key: "acute_need:\(t.subjectId.uuidString.lowercased())", kind: .acuteNeed, personId: t.personId, arrivedOn: t.dueOn, subjectId: t.subjectId,
                    late: t.dueOn < today))
        }
        return out.sorted { a, b in
            let (x, y) = (a.kind == .acuteNeed, b.kind == .acuteNeed)
            if x != y { return x }
            return (a.arrivedOn, a.key) < (b.arrivedOn, b.key)
        }
    }
}
