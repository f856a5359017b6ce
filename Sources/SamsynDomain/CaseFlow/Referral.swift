import Foundation

/// A group-information session (gruppinformation) at a Jobbtorg: referred people are enrolled there.
public struct InformationSession: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let unitId: String
    public let startsAt: Date
    public let location: String
    public let places: Int
    public init(id: UUID, unitId: String, startsAt: Date, location: String, places: Int) {
        self.id = id
        self.unitId = unitId
        self.startsAt = startsAt
        self.location = location
        self.places = places
    }
}

/// Jobbtorg's target group (the 2018 review): försörjningsstöd because of unemployment, or for other reasons
/// where the district judges that work should be tried; not people in a full-time programme with
/// Arbetsförmedlingen outside the joint agreements.
public enum TargetGroupRule {
    public struct Input: Sendable, Equatable {
        public var obstacleCodes: [String]
        public var workShouldBeTried: Bool
        public var fullTimeEmploymentServiceProgramme: Bool
        public var jointAgreement: Bool
        public init(obstacleCodes: [String], workShouldBeTried: Bool, fullTimeEmploymentServiceProgramme: Bool, jointAgreement: Bool) {
            self.obstacleCodes = obstacleCodes
            self.workShouldBeTried = workShouldBeTried
            self.fullTimeEmploymentServiceProgramme = fullTimeEmploymentServiceProgramme
            self.jointAgreement = jointAgreement
        }
    }
    public struct Result: Sendable, Equatable {
        public let inTargetGroup: Bool
        public let reason: String
    }

    public static func evaluate(_ input: Input, classification: SupportObstacleClassification = .default) -> Result {
        if input.fullTimeEmploymentServiceProgramme && !input.jointAgreement {
            return Result(
                inTargetGroup: false,
                reason: "Personen deltar på heltid i ett program hos Arbetsförmedlingen utanför de gemensamma överenskommelserna och hör därför inte till Jobbtorgs målgrupp.")
        }
        let unemployment = input.obstacleCodes.contains { classification.entry($0)?.unemployment == true }
        if unemployment {
            return Result(inTargetGroup: true, reason: "Försörjningsstöd på grund av arbetslöshet.")
        }
        if input.workShouldBeTried {
            return Result(inTargetGroup: true, reason: "Försörjningsstöd av andra skäl, och socialsekreteraren bedömer att arbete ska prövas.")
        }
        if input.obstacleCodes.isEmpty {
            return Result(inTargetGroup: false, reason: "Inget försörjningshinder är registrerat. Registrera försörjningshinder, eller bedöm om arbete ska prövas.")
        }
        return Result(
            inTargetGroup: false,
            reason: "Försörjningshindret är inte arbetslöshet, och det är inte bedömt att arbete ska prövas. Personen hör då inte till Jobbtorgs målgrupp.")
    }
}

/// A referral (remiss) from the district to a Jobbtorg, made under a consent that covers it.
public struct Referral: Hashable, Sendable, Identifiable {
    public enum Route: String, Sendable, CaseIterable, Codable {
        /// Enrolment at a group-information session (the default).
        case groupInformation = "group_information"
        /// Enrolment at a three-party meeting, when the district judges it needed.
        case threePartyMeeting = "three_party_meeting"
        public var swedishName: String { self == .groupInformation ? "Gruppinformation" : "Trepartssamtal" }
    }
    public enum Status: String, Sendable, CaseIterable, Codable {
        case sent, accepted, declined
        public var swedishName: String {
            switch self {
            case .sent: "Skickad, väntar på svar"
            case .accepted: "Antagen – inskriven på Jobbtorg"
            case .declined: "Avböjd"
            }
        }
    }

    public let id: UUID
    public let personId: UUID
    public let caseId: UUID?
    public let fromCommitteeId: String
    public let fromUnitId: String
    public let referredBy: UUID
    public let referredByName: String
    public let toUnitId: String
    public let consentId: UUID
    public let route: Route
    public let sessionId: UUID?
    /// The time of the three-party meeting, when that is the route.
    public let meetingAt: Date?
    public let reason: String
    public let inTargetGroup: Bool
    public let targetGroupReason: String
    /// Why the person is referred although the rule puts them outside the target group.
    public let exceptionReason: String?
    public let sentOn: LocalDate
    public let createdAt: Date
    public var status: Status
    public var answeredAt: Date?
    public var answeredByName: String?
    public var declineReason: String?
    public var enrolmentId: UUID?
    public var version: Int

    public init(
        id: UUID, personId: UUID, caseId: UUID?, fromCommitteeId: String, fromUnitId: String, referredBy: UUID, referredByName: String, toUnitId: String,
        consentId: UUID, route: Route, sessionId: UUID?, meetingAt: Date?, reason: String, inTargetGroup: Bool, targetGroupReason: String,
        exceptionReason: String?, sentOn: LocalDate, createdAt: Date, status: Status = .sent, answeredAt: Date? = nil, answeredByName: String? = nil,
        declineReason: String? = nil, enrolmentId: UUID? = nil, version: Int = 1
    ) {
        self.id = id
        self.personId = personId
        self.caseId = caseId
        self.fromCommitteeId = fromCommitteeId
        self.fromUnitId = fromUnitId
        self.referredBy = referredBy
        self.referredByName = referredByName
        self.toUnitId = toUnitId
        self.consentId = consentId
        self.route = route
        self.sessionId = sessionId
        self.meetingAt = meetingAt
        self.reason = reason
        self.inTargetGroup = inTargetGroup
        self.targetGroupReason = targetGroupReason
        self.exceptionReason = exceptionReason
        self.sentOn = sentOn
        self.createdAt = createdAt
        self.status = status
        self.answeredAt = answeredAt
        self.answeredByName = answeredByName
        self.declineReason = declineReason
        self.enrolmentId = enrolmentId
        self.version = version
    }

    /// A referral is to be answered within five working days; after that it is on the Jobbtorg unit's task list.
    public static let answerWorkingDays = 5
    public var answerDue: LocalDate { WorkingDayCalendar.adding(workingDays: Self.answerWorkingDays, to: sentOn) }
}
