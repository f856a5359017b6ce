import Foundation

/// What the rule-version page offers, from the predicates `NeedAssessmentService` guards with: trying a version
/// (what-if), reading the fairness report, and taking a version into use.
public struct NeedRulesCapabilities: Sendable, Equatable {
    public let canTry: Bool
    public let canReadFairness: Bool
    public let canActivate: Bool

    public init(canTry: Bool, canReadFairness: Bool, canActivate: Bool) {
        self.canTry = canTry
        self.canReadFairness = canReadFairness
        self.canActivate = canActivate
    }

    public init(actor: Actor) {
        let role = actor.user.role
        self.init(
            canTry: NeedAssessmentService.mayTryRules(role), canReadFairness: AccessPolicy.allows(role, .viewNeedStatistics),
            canActivate: AccessPolicy.allows(role, .manageNeedRules))
    }
}

extension NeedAssessmentService {
    /// The what-if run of a rule version: for those who read the statistics or manage the rules (the guard of `whatIf`).
    public static func mayTryRules(_ role: Role) -> Bool {
        AccessPolicy.allows(role, .viewNeedStatistics) || AccessPolicy.allows(role, .manageNeedRules)
    }
}
