import Foundation
import SamsynDomain
import SamsynStorage

/// Gathers the state the domain's `NextStep.choose` decides from, for a page that has already made its
/// logged read of the person, and turns the chosen steps into links.
struct NextStepReader {
    let services: AppServices

    func steps(personId: UUID, actor: Actor) async -> [NextStepLink] {
        (try? await load(personId: personId, actor: actor)) ?? []
    }

    private func load(personId: UUID, actor: Actor) async throws -> [NextStepLink] {
        let store = services.caseStore
        let own = actor.user.committeeId
        let activeCase = try await store.cases(personId: personId).first { $0.committeeId == own && $0.status == .active }
        var atIntake = false
        if let c = activeCase { atIntake = try await services.organisation.unit(id: c.unitId)?.kind == .intake }
        let visit = activeCase == nil ? nil : try await store.newVisits(personId: personId).first { $0.caseId == activeCase?.id }
        let obstacles = CaseFlowService.isDistrict(actor) ? try await store.obstacles(personId: personId, committeeId: own) : []
        let parts = try await services.assessmentStore.responses(personId: personId, committeeId: own).filter { $0.status == .completed }.map(\.partId)
        let waiting = try await store.referrals(personId: personId).first { $0.status == .sent && $0.toUnitId == actor.user.unitId }
        let enrolment = try await store.enrolments(personId: personId).first { $0.status == .active && $0.committeeId == own }
        let jobPlan = try await store.plans(personId: personId).contains { $0.kind == .jobPlan && $0.committeeId == own && $0.enrolmentId == enrolment?.id }
        let state = NextStep.State(
            activeCase: activeCase, caseAtIntake: atIntake, newVisit: visit, obstaclesRecorded: !obstacles.isEmpty, part1Completed: parts.contains("del-1"),
            part2Completed: parts.contains("del-2"), referralWaiting: waiting != nil, activeEnrolment: enrolment != nil, jobPlanExists: jobPlan)
        return NextStep.choose(for: actor.user, state).map { step in
            let href: String
            switch step {
            // The forms behind buttons on the case page: the link opens the one it names (samsyn.js).
            case .registerCase: href = Routes.personCase.link(personId) + "#case-disclosure"
            case .takeOverCase: href = Routes.personCase.link(personId) + "#case"
            case .fillPart1, .fillPart2: href = Routes.personAssessments.link(personId)
            case .bookNewVisit: href = Routes.personNewVisit.link(personId)
            case .printNewVisitLetter: href = visit.map { Routes.newVisitLetter.link($0.id) } ?? Routes.personNewVisit.link(personId)
            case .recordObstacles: href = Routes.personCase.link(personId) + "#obstacles-disclosure"
            case .answerReferral: href = waiting.map { Routes.referral.link($0.id) } ?? Routes.inbox.link
            case .writeJobPlan: href = Routes.personPlanNew.link(personId) + "?kind=job_plan"
            }
            return NextStepLink(text: step.swedishName, href: href)
        }
    }
}
