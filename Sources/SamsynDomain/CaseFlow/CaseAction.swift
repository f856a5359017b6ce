/// What a user can do in the case flow, and who may: the side of the flow (district or Jobbtorg unit) and the
/// roles. The service guards and the pages' capabilities (`CaseCapabilities`) both read this one table.
public enum CaseAction: CaseIterable, Sendable {
    case openCase, recordObstacles, recordAidMonths, recordConsent, withdrawConsent, refer, writeWorkPlan, recordCheck
    case writeJobPlan, answerReferral, bookMeeting, recordMeeting, recordAttendance, correctAttendance, finaliseAttendance, closeEnrolment
    case scheduleSessions, readReferralInbox
    case scheduleGroupSessions
    case bookNewVisit

    public enum Side: Sendable { case district, jobbtorg }

    public var side: Side {
        switch self {
        case .openCase, .recordObstacles, .recordAidMonths, .recordConsent, .withdrawConsent, .refer, .writeWorkPlan, .recordCheck: .district
        case .bookNewVisit: .district
        default: .jobbtorg
        }
    }

    public var roles: Set<Role> {
        switch self {
        case .openCase, .recordConsent, .withdrawConsent: [.intakeOfficer, .socialSecretary]
        case .recordObstacles, .recordAidMonths, .refer, .writeWorkPlan, .recordCheck: [.socialSecretary]
        case .writeJobPlan, .recordAttendance: [.coach]
        case .answerReferral, .bookMeeting, .recordMeeting, .correctAttendance, .finaliseAttendance, .closeEnrolment, .scheduleSessions, .readReferralInbox:
            [.coach, .unitManager]
        case .scheduleGroupSessions: [.coach, .unitManager]
        case .bookNewVisit: [.intakeOfficer, .socialSecretary]
        }
    }

    public func allows(_ actor: Actor) -> Bool { allows(actor.user) }

    public func allows(_ user: StaffUser) -> Bool {
        let onSide = side == .district ? CaseFlowService.isDistrict(user) : CaseFlowService.isJobbtorg(user)
        return onSide && roles.contains(user.role)
    }

    /// The plan kind's writing action: a jobbplan is the Jobbtorg's, an arbetsplan the district's.
    public static func writePlan(_ kind: Plan.Kind) -> CaseAction { kind == .jobPlan ? .writeJobPlan : .writeWorkPlan }
}

extension CaseFlowService {
    func require(_ action: CaseAction, _ actor: Actor) throws {
        guard action.allows(actor) else { throw DomainError.forbidden }
    }
}
