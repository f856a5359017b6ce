import Foundation

/// What the case page offers a user, from the same predicates the service guards use (`CaseAction`) and the
/// state of the person's records. The page draws what this allows; the service checks again on every change.
public struct CaseCapabilities: Sendable {
    public let side: CaseAction.Side?
    let user: StaffUser
    let ov: CaseFlowService.Overview

    public init(actor: Actor, overview: CaseFlowService.Overview) {
        user = actor.user
        ov = overview
        side = CaseFlowService.isDistrict(actor) ? .district : CaseFlowService.isJobbtorg(actor) ? .jobbtorg : nil
    }

    func may(_ a: CaseAction) -> Bool { a.allows(user) }

    /// The district's active case, and the Jobbtorg's active enrolment, at the user's committee.
    public var activeCase: DistrictCase? { ov.cases.first { $0.status == .active } }
    public var activeEnrolment: Enrolment? { ov.enrolments.first { $0.status == .active && $0.committeeId == user.committeeId } }

    public var canOpenCase: Bool { may(.openCase) && activeCase == nil }
    public var canRecordObstacles: Bool { may(.recordObstacles) && activeCase != nil }
    public var canRecordAidMonths: Bool { may(.recordAidMonths) }
    public var canRecordConsent: Bool { may(.recordConsent) }
    public func canWithdraw(_ c: Consent) -> Bool { may(.withdrawConsent) && c.committeeId == user.committeeId && c.withdrawnAt == nil }
    /// A referral goes when none is waiting for an answer and the person is not enrolled.
    public var canRefer: Bool {
        may(.refer) && !ov.referrals.contains { $0.status == .sent } && !ov.enrolments.contains { $0.status == .active }
    }
    public func canAnswer(_ r: Referral) -> Bool { side == .jobbtorg && r.status == .sent }
    public func canWritePlan(_ kind: Plan.Kind) -> Bool {
        guard may(CaseAction.writePlan(kind)) else { return false }
        return kind == .jobPlan ? activeEnrolment != nil : activeCase != nil
    }
    public var canRecordCheck: Bool { may(.recordCheck) }
    public var canBookMeeting: Bool { may(.bookMeeting) && activeEnrolment != nil }
    public var canCloseEnrolment: Bool { may(.closeEnrolment) && activeEnrolment != nil }
    /// The Jobbtorg opens its own meetings to record them; the other committee opens one read only (the case
    /// overview holds the other committee's meetings only while `ConsentSharing` shares them).
    public func canOpenMeeting(_ m: Meeting) -> Bool { m.committeeId == user.committeeId ? side == .jobbtorg : true }

    /// A caseworker takes a case over (intake → financial aid, or a coach an enrolment); a manager assigns.
    public func canTakeOver(responsible: UUID?) -> Bool {
        guard responsible != user.id else { return false }
        switch side {
        case .district: return [.intakeOfficer, .socialSecretary].contains(user.role)
        case .jobbtorg: return user.role == .coach
        case nil: return false
        }
    }
    public var canAssign: Bool { side != nil && user.role == .unitManager }
}

/// What the attendance page offers: recording (a coach, while enrolled at the user's committee), and
/// making a month final or correcting a record (coaches and managers) until the month is final.
public struct AttendanceCapabilities: Sendable {
    public let canRecord: Bool
    public let canFinalise: Bool
    public let canCorrect: Bool

    public init(actor: Actor, enrolment: Enrolment) {
        let own = enrolment.committeeId == actor.user.committeeId
        canRecord = own && enrolment.status == .active && CaseAction.recordAttendance.allows(actor)
        canFinalise = own && CaseAction.finaliseAttendance.allows(actor)
        canCorrect = own && CaseAction.correctAttendance.allows(actor)
    }
}
