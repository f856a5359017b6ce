import Foundation
import Testing

@testable import SamsynDomain

/// The capabilities of the case flow's own pages and the rule-version page, from the predicates the guards use.
@Suite("Capabilities of the referral, plan, task and rule pages")
struct CaseFormCapabilitiesTests {
    let district = "sdf-norr"
    let amn = "amn"

    func actor(_ role: Role, _ kind: OrgUnit.Kind?, committee: String) -> Actor {
        Actor(
            user: StaffUser(
                id: UUID(), username: "u", displayName: "U", role: role, unitId: "unit", committeeId: committee, active: true, unitKind: kind),
            requestId: "test", channel: "page")
    }

    func referral(_ status: Referral.Status) -> Referral {
        Referral(
            id: UUID(), personId: UUID(), caseId: nil, fromCommitteeId: district, fromUnitId: "sdf-norr-eb", referredBy: UUID(),
            referredByName: "Handläggare", toUnitId: "jobbtorg-city", consentId: UUID(), route: .groupInformation, sessionId: nil, meetingAt: nil,
            reason: "Arbetslös", inTargetGroup: true, targetGroupReason: "Arbetslöshet", exceptionReason: nil, sentOn: LocalDate("2026-10-01")!,
            createdAt: Date(), status: status)
    }

    func plan(_ kind: Plan.Kind, committee: String) -> Plan {
        Plan(
            id: UUID(), personId: UUID(), kind: kind, committeeId: committee, unitId: "unit", enrolmentId: nil, goal: "Arbete",
            subGoals: [.init(what: "SFI", responsible: "Handläggare", date: LocalDate("2026-12-01")!)], nextFollowUp: LocalDate("2027-01-01")!,
            savedAt: Date(), savedByName: "Handläggare")
    }

    @Test("A Jobbtorg coach or manager answers a waiting referral and reads it from the inbox; the district reads it from the case")
    func referrals() {
        let coach = actor(.coach, .jobbtorg, committee: amn)
        let manager = actor(.unitManager, .jobbtorg, committee: amn)
        let secretary = actor(.socialSecretary, .financialAid, committee: district)
        #expect(ReferralCapabilities(actor: coach, referral: referral(.sent)) == .init(canAnswer: true, readsInbox: true))
        #expect(ReferralCapabilities(actor: manager, referral: referral(.sent)).canAnswer)
        #expect(ReferralCapabilities(actor: coach, referral: referral(.accepted)) == .init(canAnswer: false, readsInbox: true))
        #expect(ReferralCapabilities(actor: secretary, referral: referral(.sent)) == .init(canAnswer: false, readsInbox: false))
        // A district manager is on the wrong side to answer.
        #expect(!ReferralCapabilities(actor: actor(.unitManager, .financialAid, committee: district), referral: referral(.sent)).canAnswer)
    }

    @Test("A plan is revised by its own committee, by the roles that write its kind")
    func plans() {
        #expect(PlanCapabilities(actor: actor(.coach, .jobbtorg, committee: amn), plan: plan(.jobPlan, committee: amn)).canRevise)
        #expect(!PlanCapabilities(actor: actor(.coach, .jobbtorg, committee: "other"), plan: plan(.jobPlan, committee: amn)).canRevise)
        #expect(!PlanCapabilities(actor: actor(.unitManager, .jobbtorg, committee: amn), plan: plan(.jobPlan, committee: amn)).canRevise)
        #expect(PlanCapabilities(actor: actor(.socialSecretary, .financialAid, committee: district), plan: plan(.workPlan, committee: district)).canRevise)
        // A coach reads the district's arbetsplan under consent but does not write it.
        #expect(!PlanCapabilities(actor: actor(.coach, .jobbtorg, committee: district), plan: plan(.workPlan, committee: district)).canRevise)
    }

    @Test("Caseworkers have their own task list; a manager sees the unit's tasks per worker")
    func taskLists() {
        #expect(TaskListCapabilities(actor: actor(.coach, .jobbtorg, committee: amn)).ownList)
        #expect(TaskListCapabilities(actor: actor(.intakeOfficer, .intake, committee: district)).ownList)
        let manager = TaskListCapabilities(actor: actor(.unitManager, .financialAid, committee: district))
        #expect(!manager.ownList && manager.perWorker)
    }

    @Test("Rule versions: analysts and managers try them and read the fairness report; the administrator tries and activates them")
    func needRules() {
        #expect(NeedRulesCapabilities(actor: actor(.analyst, nil, committee: "stad")) == .init(canTry: true, canReadFairness: true, canActivate: false))
        #expect(NeedRulesCapabilities(actor: actor(.unitManager, .financialAid, committee: district)) == .init(canTry: true, canReadFairness: true, canActivate: false))
        #expect(NeedRulesCapabilities(actor: actor(.systemAdministrator, nil, committee: "stad")) == .init(canTry: true, canReadFairness: false, canActivate: true))
        #expect(NeedRulesCapabilities(actor: actor(.socialSecretary, .financialAid, committee: district)) == .init(canTry: false, canReadFairness: false, canActivate: false))
        for role in Role.allCases {
            #expect(NeedAssessmentService.mayTryRules(role) == (AccessPolicy.allows(role, .viewNeedStatistics) || AccessPolicy.allows(role, .manageNeedRules)))
        }
    }
}
