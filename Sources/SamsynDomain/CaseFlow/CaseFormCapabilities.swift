import Foundation

/// What the referral page offers: answering (a Jobbtorg coach or manager, while the referral waits for an
/// answer), and where the page leads back to (the Jobbtorg's inbox, or the district's case).
public struct ReferralCapabilities: Sendable, Equatable {
    public let canAnswer: Bool
    /// The user reads referrals from the Jobbtorg's inbox; otherwise from the person's case.
    public let readsInbox: Bool

    public init(canAnswer: Bool, readsInbox: Bool) {
        self.canAnswer = canAnswer
        self.readsInbox = readsInbox
    }

    public init(actor: Actor, referral: Referral) {
        self.init(canAnswer: referral.status == .sent && CaseAction.answerReferral.allows(actor), readsInbox: CaseFlowService.isJobbtorg(actor))
    }
}

/// What a plan's page offers: a new version, written by the committee that owns the plan and the roles that
/// write its kind (`CaseAction.writePlan`).
public struct PlanCapabilities: Sendable, Equatable {
    public let canRevise: Bool

    public init(canRevise: Bool) { self.canRevise = canRevise }

    public init(actor: Actor, plan: Plan) {
        self.init(canRevise: plan.committeeId == actor.user.committeeId && CaseAction.writePlan(plan.kind).allows(actor))
    }
}

/// What the task page shows: a caseworker's own list, or (for a manager, who has none) the unit's tasks per
/// responsible worker. The same predicate decides what `CaseFlowService.tasks` reads.
public struct TaskListCapabilities: Sendable, Equatable {
    public let ownList: Bool
    public var perWorker: Bool { !ownList }
    /// Choosing several tasks and handing them to another worker of the unit at once.
    public let canReassign: Bool

    public init(ownList: Bool, canReassign: Bool = false) {
        self.ownList = ownList
        self.canReassign = canReassign
    }
    public init(actor: Actor) {
        self.init(ownList: CaseFlowService.hasOwnTaskList(actor.user), canReassign: TaskReassignment.mayReassign(actor.user))
    }
}

extension AttendanceCapabilities {
    /// Capabilities given as they are (a page's example model).
    public init(canRecord: Bool, canFinalise: Bool, canCorrect: Bool) {
        self.canRecord = canRecord
        self.canFinalise = canFinalise
        self.canCorrect = canCorrect
    }
}
