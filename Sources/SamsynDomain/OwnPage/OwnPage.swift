import Foundation

/// What the person marked on one sub-goal of their plan (Mina sidor). The caseworker sees it beside the sub-goal.
public struct SubGoalMark: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case notStarted = "not_started"
        case started
        case done
        public var swedishName: String {
            switch self {
            case .notStarted: "Inte påbörjat"
            case .started: "Påbörjat"
            case .done: "Klart"
            }
        }

        /// What the person can change a mark to from this one, with the button's words: forward, or back when they
        /// marked too early.
        public var choices: [(status: Status, label: String)] {
            switch self {
            case .notStarted: [(.started, "Jag har börjat"), (.done, "Klart")]
            case .started: [(.done, "Klart"), (.notStarted, "Inte påbörjat ändå")]
            case .done: [(.started, "Inte klart ändå")]
            }
        }
    }
    public let planId: UUID
    /// The sub-goal, by its text in the plan.
    public let subGoal: String
    public let status: Status
    public let markedAt: Date
    public init(planId: UUID, subGoal: String, status: Status, markedAt: Date) {
        self.planId = planId
        self.subGoal = subGoal
        self.status = status
        self.markedAt = markedAt
    }
}

/// The person's own records that are not the committees' (their marks on sub-goals), and who has read their file.
public protocol OwnPageStore: Sendable {
    func subGoalMarks(personId: UUID) async throws -> [SubGoalMark]
    /// Saves the mark (`notStarted` removes it) with its access-log row, in one transaction.
    func setSubGoalMark(_ mark: SubGoalMark, personId: UUID, audit: AccessLogEntry) async throws
    /// The access log's rows about the person, newest first.
    func accessHistory(personId: UUID, limit: Int) async throws -> [AccessLogRecord]
    /// The committees that hold a file on the person, the district's first.
    func fileCommittees(personId: UUID) async throws -> [String]
}

/// Citizen accounts: the person of the registry behind a verified personnummer, and the account linked to them.
public protocol CitizenAccountStore: Sendable {
    /// The person with this number (current or earlier) when some committee holds a file on them: their id, the
    /// name the registry holds and the unit that last opened a file.
    func citizen(identityNumber digits: String) async throws -> (personId: UUID, displayName: String, unitId: String)?
    func citizenAccount(personId: UUID) async throws -> StaffUser?
    /// Creates the account (with no password: it logs in with e-legitimation only); when the person already has
    /// one (a race with another login), returns that one.
    func createCitizenAccount(_ user: StaffUser, audit: AccessLogEntry) async throws -> StaffUser
}

/// Everything the person's own page shows, read for the person of the citizen account and nobody else.
public struct OwnPage: Sendable {
    public struct PlanView: Sendable {
        public let plan: Plan
        public let subGoals: [(goal: Plan.SubGoal, mark: SubGoalMark?)]
        /// Earlier versions, newest first.
        public let earlier: [Plan]
    }
    public struct AttendanceView: Sendable {
        public let enrolment: Enrolment
        public let months: [AttendanceMonthSummary]
        public let corrections: [(record: AttendanceRecord, correction: AttendanceCorrection)]
    }
    public let person: Person
    public let plans: [PlanView]
    public let upcomingMeetings: [Meeting]
    public let pastMeetings: [Meeting]
    public let attendance: [AttendanceView]
    public let consents: [Consent]
    public let today: LocalDate
}

/// One line of "Vem har läst mina uppgifter": the date, the unit and the role, never the employee's name.
public struct OwnAccessLine: Sendable, Equatable {
    public let at: Date
    public let unitId: String?
    public let role: Role?
    public let what: String
    public let denied: Bool
}

public enum OwnPageRules {
    public static let noFileMessage =
        "Vi hittar inga uppgifter om dig i Samsyn. Det betyder att varken ekonomiskt bistånd i din stadsdel eller Jobbtorg har en akt om dig här. Har du frågor, kontakta mottagningen i din stadsdel."
    public static let notCitizen = DomainError(.forbidden, "Mina sidor är till för den som uppgifterna handlar om.")

    /// The person behind a citizen account; anyone else is refused.
    public static func personId(_ actor: Actor) throws -> UUID {
        guard actor.user.role == .citizen, let id = actor.user.personId else { throw notCitizen }
        return id
    }

    /// Splits meetings into coming (today included, soonest first) and past (newest first).
    public static func split(_ meetings: [Meeting], today: LocalDate) -> (upcoming: [Meeting], past: [Meeting]) {
        let upcoming = meetings.filter { !$0.held && $0.date >= today }.sorted { ($0.date, $0.time) < ($1.date, $1.time) }
        let past = meetings.filter { $0.held || $0.date < today }.sorted { ($0.date, $0.time) > ($1.date, $1.time) }
        return (upcoming, past)
    }

    /// The marks that still belong to the plan's current sub-goals (a rewritten sub-goal starts afresh).
    public static func attach(_ plan: Plan, marks: [SubGoalMark]) -> [(goal: Plan.SubGoal, mark: SubGoalMark?)] {
        let mine = Dictionary(marks.filter { $0.planId == plan.id }.map { ($0.subGoal, $0) }, uniquingKeysWith: { a, b in a.markedAt >= b.markedAt ? a : b })
        return plan.subGoals.map { ($0, mine[$0.what]) }
    }

    /// The person's plain-Swedish line for an access-log row about them.
    public static func line(_ r: AccessLogRecord) -> OwnAccessLine {
        let e = r.entry
        let action = e.auditAction
        let what: String
        if action == .citizenAccountCreate {
            what = "Ditt konto för Mina sidor skapades"
        } else if action == .messageSend && e.outcome == .allowed {
            what = "Skrev ett meddelande till dig"
        } else if action == .messageRead && e.outcome == .allowed {
            what = "Läste dina meddelanden"
        } else if e.outcome == .denied {
            what = "Försökte läsa dina uppgifter men fick inte"
        } else if e.persons.count > 1 || action == .personSearchHit || action == .personListHit || action == .taskListHit
            || action == .inboxListHit || action == .referralInboxHit || action == .interventionQueueHit || action == .messageListHit
        {
            what = "Såg ditt namn i en lista"
        } else if let action, action.isChange {
            what = action.timelineText ?? "Ändrade dina uppgifter"
        } else {
            what = "Läste dina uppgifter"
        }
        return OwnAccessLine(at: e.at, unitId: e.unitId, role: e.role.flatMap(Role.init(rawValue:)), what: what, denied: e.outcome == .denied)
    }

    /// The rows the person is shown: staff's and the system's, not the person's own reads on this page.
    public static func shown(_ records: [AccessLogRecord]) -> [AccessLogRecord] {
        records.filter { $0.entry.role != Role.citizen.rawValue }
    }
}
