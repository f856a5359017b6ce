/// Which parts of Samsyn a user's menu offers, decided by the same predicates the services guard with.
public struct MenuCapabilities: Equatable, Sendable {
    public let tasks: Bool
    /// The Jobbtorg's referral inbox and its group-information sessions.
    public let referrals: Bool
    public let search: Bool
    public let register: Bool
    public let catalogue: Bool
    public let figures: Bool
    public let needRules: Bool
    public let unitTimes: Bool
    public let accessLog: Bool
    public let administration: Bool
    /// The unit's inbox of what arrived for it (caseworkers and managers of district and Jobbtorg units).
    public let inbox: Bool
    /// Uppföljning: the city's indicators (analysts, unit managers).
    public let followUp: Bool
    /// Mina sidor: the person's own page (a citizen account linked to a person).
    public let ownPage: Bool
    /// The unit's messages from persons (caseworkers and managers of district and Jobbtorg units).
    public let messages: Bool
    /// Forskningsuttag: researchers' projects and the administrator's decisions (issue 17).
    public var research: Bool = false

    public static let none = MenuCapabilities(
        tasks: false, referrals: false, search: false, register: false, catalogue: false, figures: false, needRules: false, unitTimes: false,
        accessLog: false, administration: false)

    public init(
        tasks: Bool, referrals: Bool, search: Bool, register: Bool, catalogue: Bool, figures: Bool, needRules: Bool, unitTimes: Bool,
        accessLog: Bool, administration: Bool, inbox: Bool = false, followUp: Bool = false, ownPage: Bool = false, messages: Bool = false
    ) {
        self.tasks = tasks
        self.referrals = referrals
        self.search = search
        self.register = register
        self.catalogue = catalogue
        self.figures = figures
        self.needRules = needRules
        self.unitTimes = unitTimes
        self.accessLog = accessLog
        self.administration = administration
        self.inbox = inbox
        self.followUp = followUp
        self.ownPage = ownPage
        self.messages = messages
    }

    public init(_ u: StaffUser) {
        let r = u.role
        self.init(
            tasks: CaseFlowService.hasTaskList(u),
            referrals: CaseFlowService.isJobbtorg(u) && [.coach, .unitManager].contains(r),
            search: AccessPolicy.allows(r, .searchPersons),
            register: AccessPolicy.allows(r, .registerPerson),
            catalogue: AccessPolicy.allows(r, .viewCatalogue),
            figures: AccessPolicy.allows(r, .viewInterventionFigures),
            needRules: AccessPolicy.allows(r, .viewNeedStatistics) || AccessPolicy.allows(r, .manageNeedRules),
            unitTimes: AccessPolicy.allows(r, .viewUnitStatistics),
            accessLog: AccessPolicy.allows(r, .reviewAccessLog),
            administration: AccessPolicy.allows(r, .administerOrganisation), inbox: UnitInbox.hasInbox(u), followUp: MeasurementService.mayView(u),
            ownPage: u.role == .citizen && u.personId != nil, messages: MessageService.hasMessages(u))
        research = ResearchRules.hasResearch(u)
    }
}

/// What the person page offers a user: the case flow, the assessments, queueing and the journal.
public struct PersonCapabilities: Equatable, Sendable {
    public let caseFlow: Bool
    public let assessments: Bool
    public let queue: Bool
    public let journal: Bool
    /// Writing to the person on Mina sidor (the unit must hold the person's active case or enrolment; checked there).
    public let message: Bool

    public init(caseFlow: Bool, assessments: Bool, queue: Bool, journal: Bool = false, message: Bool = false) {
        self.caseFlow = caseFlow
        self.assessments = assessments
        self.queue = queue
        self.journal = journal
        self.message = message
    }

    public init(_ a: Actor) {
        self.init(
            caseFlow: CaseFlowService.isDistrict(a) || CaseFlowService.isJobbtorg(a), assessments: AccessPolicy.allows(a.user.role, .readAssessment),
            queue: AccessPolicy.allows(a.user.role, .manageQueue), journal: JournalRules.mayRead(a.user), message: MessageService.hasMessages(a.user))
    }
}

/// What the intervention pages offer a user: managing queues and episodes (placing, offering, starting,
/// attendance), or only reading the catalogue.
public struct ParticipationCapabilities: Equatable, Sendable {
    public let manage: Bool

    public init(manage: Bool) { self.manage = manage }

    public init(_ a: Actor) { self.init(manage: AccessPolicy.allows(a.user.role, .manageQueue)) }
}
