import Foundation

/// The natural next step on a person's case for the user's role, shown at the end of the person and case
/// pages: after registering, the aktualisering and part 1; after part 1, booking the nybesök; for the
/// financial-aid unit, taking the case over and the nybesök (part 3, försörjningshinder); after a
/// referral is accepted, part 2 and the first jobbplan.
public enum NextStep: String, Sendable, CaseIterable, Equatable {
    case registerCase
    case fillPart1
    case bookNewVisit
    case printNewVisitLetter
    case takeOverCase
    case recordObstacles
    case answerReferral
    case fillPart2
    case writeJobPlan

    public var swedishName: String {
        switch self {
        case .registerCase: "Registrera aktualiseringen"
        case .fillPart1: "Fyll i del 1 av den inledande bedömningen"
        case .bookNewVisit: "Boka nybesök"
        case .printNewVisitLetter: "Skriv ut kallelsen till nybesöket"
        case .takeOverCase: "Ta över ärendet"
        case .recordObstacles: "Gör nybesöket: del 3 och försörjningshinder"
        case .answerReferral: "Besvara remissen"
        case .fillPart2: "Fyll i del 2 av den inledande bedömningen"
        case .writeJobPlan: "Upprätta den första jobbplanen"
        }
    }

    /// What the steps are chosen from: the person's case as the user's committee sees it.
    public struct State: Sendable, Equatable {
        public var activeCase: DistrictCase?
        /// Whether the active case is still at an intake unit (not taken over by financial aid).
        public var caseAtIntake: Bool
        public var newVisit: NewVisit?
        public var obstaclesRecorded: Bool
        public var part1Completed: Bool
        public var part2Completed: Bool
        /// A referral to the user's unit that waits for an answer.
        public var referralWaiting: Bool
        public var activeEnrolment: Bool
        public var jobPlanExists: Bool
        public init(
            activeCase: DistrictCase? = nil, caseAtIntake: Bool = false, newVisit: NewVisit? = nil, obstaclesRecorded: Bool = false, part1Completed: Bool = false,
            part2Completed: Bool = false, referralWaiting: Bool = false, activeEnrolment: Bool = false, jobPlanExists: Bool = false
        ) {
            self.activeCase = activeCase
            self.caseAtIntake = caseAtIntake
            self.newVisit = newVisit
            self.obstaclesRecorded = obstaclesRecorded
            self.part1Completed = part1Completed
            self.part2Completed = part2Completed
            self.referralWaiting = referralWaiting
            self.activeEnrolment = activeEnrolment
            self.jobPlanExists = jobPlanExists
        }
    }

    /// The steps for the user, most urgent first; empty when nothing in this flow waits for them.
    public static func choose(for user: StaffUser, _ s: State) -> [NextStep] {
        var out: [NextStep] = []
        if CaseFlowService.isDistrict(user) {
            guard let c = s.activeCase else {
                if CaseAction.openCase.allows(user) { out.append(.registerCase) }
                if user.role == .intakeOfficer && !s.part1Completed { out.append(.fillPart1) }
                return out
            }
            switch user.role {
            case .intakeOfficer:
                if !s.part1Completed { out.append(.fillPart1) }
                if s.newVisit == nil && !s.obstaclesRecorded { out.append(.bookNewVisit) } else if s.newVisit != nil && !s.obstaclesRecorded { out.append(.printNewVisitLetter) }
            case .socialSecretary, .unitManager:
                if s.caseAtIntake && user.role == .socialSecretary && c.responsibleUserId != user.id { out.append(.takeOverCase) }
                if s.newVisit == nil && !s.obstaclesRecorded && CaseAction.bookNewVisit.allows(user) { out.append(.bookNewVisit) }
                if !s.obstaclesRecorded && CaseAction.recordObstacles.allows(user) { out.append(.recordObstacles) }
            default:
                break
            }
        } else if CaseFlowService.isJobbtorg(user) && (user.role == .coach || user.role == .unitManager) {
            if s.referralWaiting { out.append(.answerReferral) }
            if s.activeEnrolment {
                if !s.part2Completed && user.role == .coach { out.append(.fillPart2) }
                if !s.jobPlanExists && CaseAction.writeJobPlan.allows(user) { out.append(.writeJobPlan) }
            }
        }
        return out
    }
}
