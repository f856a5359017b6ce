import Foundation
import Hummingbird
import SamsynDomain

/// A path without parameters.
struct Path0: Sendable {
    let link: String
    init(_ path: String) { link = path }
    var pattern: String { link }
}

/// A path template: literal text and `{name}` parameters.
struct PathTemplate: Sendable {
    enum Part: Sendable {
        case literal(String)
        case parameter(String)
    }
    let parts: [Part]

    init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    var names: [String] { parts.compactMap { if case .parameter(let n) = $0 { n } else { nil } } }

    /// The router's form: `/persons/:id`.
    var pattern: String {
        parts.map { switch $0 { case .literal(let s): s; case .parameter(let n): ":\(n)" } }.joined()
    }

    func link(_ values: [String]) -> String {
        var i = 0
        return parts.map {
            switch $0 {
            case .literal(let s): return s
            case .parameter:
                defer { i += 1 }
                return i < values.count ? values[i] : ""
            }
        }.joined()
    }

    static func uuid(_ context: AppRequestContext, _ name: String) throws -> UUID {
        guard let raw = context.parameters.get(name), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        return id
    }
}

/// A path with one parameter: `"/persons/{id}/case"`. The same value registers the route, writes its
/// links and reads the id back from a request (a malformed id is a 404, as for a missing record).
struct Path1: Sendable {
    let template: PathTemplate
    init(_ template: String) { self.template = PathTemplate(template) }

    var pattern: String { template.pattern }
    func link(_ id: UUID) -> String { template.link([id.uuidString.lowercased()]) }
    func link(_ id: String) -> String { template.link([id]) }

    func id(_ context: AppRequestContext) throws -> UUID { try PathTemplate.uuid(context, template.names[0]) }
    /// A text parameter (a committee id, say).
    func string(_ context: AppRequestContext) throws -> String {
        guard let raw = context.parameters.get(template.names[0]), !raw.isEmpty else { throw DomainError.notFound }
        return raw
    }
}

/// A path with a text id and a uuid: `"/interventions/{iid}/queue/{eid}/withdraw"`.
struct Path2: Sendable {
    let template: PathTemplate
    init(_ template: String) { self.template = PathTemplate(template) }

    var pattern: String { template.pattern }
    func link(_ a: String, _ b: UUID) -> String { template.link([a, b.uuidString.lowercased()]) }

    func parameters(_ context: AppRequestContext) throws -> (String, UUID) {
        guard let a = context.parameters.get(template.names[0]), !a.isEmpty else { throw DomainError.notFound }
        return (a, try PathTemplate.uuid(context, template.names[1]))
    }
}

/// What a caseworker does with a place in a queue.
enum QueueAction: String, CaseIterable, Sendable {
    case accept, decline
}

/// `"/interventions/{iid}/queue/{eid}/{action}"`: an unknown action is a 404.
struct QueueActionPath: Sendable {
    let base: Path2
    var pattern: String { base.pattern + "/:action" }
    func link(_ a: String, _ b: UUID, _ action: QueueAction) -> String { base.link(a, b) + "/" + action.rawValue }
    func parameters(_ context: AppRequestContext) throws -> (String, UUID, QueueAction) {
        let (a, b) = try base.parameters(context)
        guard let raw = context.parameters.get("action"), let action = QueueAction(rawValue: raw) else { throw DomainError.notFound }
        return (a, b, action)
    }
}

/// Every page route. Handlers register with these and views build their links from them.
enum Routes {
    static let home = Path0("/")
    static let accessibility = Path0("/accessibility")
    static let login = Path0("/login")
    static let logout = Path0("/logout")

    static let personSearch = Path0("/persons/search")
    static let personNew = Path0("/persons/new")
    static let persons = Path0("/persons")
    static let person = Path1("/persons/{id}")

    static let personAssessments = Path1("/persons/{id}/assessments")
    static let assessment = Path1("/assessments/{rid}")
    static let assessmentReview = Path1("/assessments/{rid}/review")
    static let assessmentComplete = Path1("/assessments/{rid}/complete")
    static let assessmentRevise = Path1("/assessments/{rid}/revise")
    static let assessmentHeartbeat = Path1("/assessments/{rid}/heartbeat")
    static let assessmentTimes = Path0("/unit/assessment-times")

    static let interventions = Path0("/interventions")
    static let interventionFigures = Path0("/interventions/figures")
    static let queue = Path1("/interventions/{iid}/queue")
    static let queueWithdraw = Path2("/interventions/{iid}/queue/{eid}/withdraw")
    static let queueOffer = Path2("/interventions/{iid}/queue/{eid}/offer")
    static let queueAction = QueueActionPath(base: Path2("/interventions/{iid}/queue/{eid}"))
    static let personQueue = Path1("/persons/{id}/queue")
    static let personInterventions = Path1("/persons/{id}/interventions")
    static let personEpisodes = Path1("/persons/{id}/episodes")
    static let personEpisodeNew = Path1("/persons/{id}/episodes/new")
    static let episode = Path1("/episodes/{eid}")
    static let episodeEnd = Path1("/episodes/{eid}/end")
    static let episodePlacements = Path1("/episodes/{eid}/placements")
    static let episodeAssessments = Path1("/episodes/{eid}/assessments")
    static let episodeAssessmentNew = Path1("/episodes/{eid}/assessments/new")
    static let episodeConclusion = Path1("/episodes/{eid}/conclusion")
    static let episodeReport = Path1("/episodes/{eid}/report")

    static let personCase = Path1("/persons/{id}/case")
    static let personTimeline = Path1("/persons/{id}/timeline")
    static let personResponsible = Path1("/persons/{id}/responsible")
    static let personObstacles = Path1("/persons/{id}/obstacles")
    static let personAidMonths = Path1("/persons/{id}/aid-months")
    static let personConsents = Path1("/persons/{id}/consents")
    static let personConsentNew = Path1("/persons/{id}/consents/new")
    static let consentWithdraw = Path1("/consents/{cid}/withdraw")
    static let personReferrals = Path1("/persons/{id}/referrals")
    static let personReferralNew = Path1("/persons/{id}/referrals/new")
    static let referrals = Path0("/referrals")
    static let referral = Path1("/referrals/{rid}")
    static let referralAnswer = Path1("/referrals/{rid}/answer")
    static let personPlans = Path1("/persons/{id}/plans")
    static let personPlanNew = Path1("/persons/{id}/plans/new")
    static let plan = Path1("/plans/{pid}")
    static let planPrint = Path1("/plans/{pid}/print")
    static let enrolmentMeetings = Path1("/enrolments/{eid}/meetings")
    static let meeting = Path1("/meetings/{mid}")
    static let enrolmentAttendance = Path1("/enrolments/{eid}/attendance")
    static let enrolmentAttendanceFinal = Path1("/enrolments/{eid}/attendance/final")
    static let attendanceCorrect = Path1("/attendance/{aid}/correct")
    static let enrolmentClose = Path1("/enrolments/{eid}/close")
    static let check = Path1("/checks/{cid}")
    static let tasks = Path0("/tasks")
    static let informationSessions = Path0("/information-sessions")

    static let personJournal = Path1("/persons/{id}/journal")
    static let personJournalPrint = Path1("/persons/{id}/journal/print")
    static let journalNote = Path1("/journal-notes/{nid}")
    static let journalNoteSign = Path1("/journal-notes/{nid}/sign")
    static let journalNoteCorrect = Path1("/journal-notes/{nid}/correct")

    static let personNeedAssessment = Path1("/persons/{id}/need-assessment")
    static let needAssessmentView = Path1("/need-assessments/{aid}/view")
    static let needAssessmentDecision = Path1("/need-assessments/{aid}/decision")
    static let needDecisionConfirm = Path1("/need-decisions/{pid}/confirm")
    static let needDecisionDecline = Path1("/need-decisions/{pid}/decline")
    static let needDecisionWithdraw = Path1("/need-decisions/{pid}/withdraw")
    static let needRules = Path0("/need-assessment")
    static let needWhatIf = Path0("/need-assessment/what-if")
    static let needActivate = Path0("/need-assessment/activate")
    static let needFairness = Path0("/need-assessment/fairness")

    static let accessLog = Path0("/access-log")
    static let accessLogEntry = Path1("/access-log/{seq}")
    static let adminOrganisation = Path0("/admin/organisation")
    static let adminCommittee = Path1("/admin/committees/{id}")
    static let adminUnits = Path0("/admin/units")

    static let enrolmentClosure = Path1("/enrolments/{eid}/closure")
    static let enrolmentAttendanceWeek = Path1("/enrolments/{eid}/attendance/week")
    static let groupSessions = Path0("/group-sessions")
    static let groupSession = Path1("/group-sessions/{sid}")
    static let inbox = Path0("/inbox")
    static let inboxAcknowledge = Path0("/inbox/acknowledge")
    static let personNewVisit = Path1("/persons/{id}/new-visit")
    static let newVisitLetter = Path1("/new-visits/{vid}/letter")
    static let meetingLetter = Path1("/meetings/{mid}/letter")
    static let offerLetter = Path2("/offer-letters/{iid}/{eid}")
    // Acute needs and the task list's bulk reassignment.
    static let acuteNeed = Path1("/acute-needs/{aid}")
    static let acuteNeedHandle = Path1("/acute-needs/{aid}/handle")
    static let tasksReassign = Path0("/tasks/reassign")
    // A declined joint decision back to its proposer: closing the task without proposing again.
    static let needDecisionCloseDeclined = Path1("/need-decisions/{pid}/close-declined")
    // Measurement: the follow-up page and its exports (issue 16).
    static let followUp = Path0("/follow-up")
    static let followUpCSV = Path0("/follow-up/export.csv")
    static let followUpXLSX = Path0("/follow-up/export.xlsx")
    // The person's own page, Mina sidor (issue 18).
    static let ownPage = Path0("/own")
    static let ownSubGoal = Path0("/own/sub-goals")
    static let ownConsentWithdraw = Path1("/own/consents/{cid}/withdraw")
    static let ownAccessLog = Path0("/own/access-log")
    static let ownAnswers = Path0("/own/answers")
    static let ownMessages = Path0("/own/messages")
    static let ownMessage = Path1("/own/messages/{tid}")
    static let unitMessages = Path0("/messages")
    static let unitMessage = Path1("/messages/{tid}")
    static let personMessageNew = Path1("/persons/{id}/messages/new")
    // Sign-in through OpenID Connect (issue 18): start and callback per provider, the staff identity links.
    static let oidcStart = Path1("/login/oidc/{provider}")
    static let oidcCallback = Path1("/login/oidc/{provider}/callback")
    static let adminIdentityLinks = Path0("/admin/identity-links")
    static let adminIdentityLink = Path1("/admin/identity-links/{id}")
    static let adminIdentityUnlink = Path1("/admin/identity-links/{id}/unlink")

    // Forskningsuttag (issue 17): projects, the application form, decisions and the extract's files.
    static let research = Path0("/research")
    static let researchNew = Path0("/research/new")
    static let researchProject = Path1("/research/{rid}")
    static let researchDecide = Path1("/research/{rid}/decide")
    static let researchData = Path1("/research/{rid}/data.csv")
    static let researchCodebook = Path1("/research/{rid}/codebook.csv")
    static let researchManifest = Path1("/research/{rid}/manifest.json")

    static func researchFile(_ f: ResearchFile) -> Path1 {
        switch f {
        case .data: researchData
        case .codebook: researchCodebook
        case .manifest: researchManifest
        }
    }
    // The effect report of an intervention against a matched comparison group, and its exports (issue 17).
    static let effect = Path0("/effect")
    static let effectCSV = Path0("/effect/export.csv")
    static let effectXLSX = Path0("/effect/export.xlsx")
}

/// Anything in the route table: it knows the router's form of its path.
protocol RoutePattern: Sendable {
    var pattern: String { get }
}

extension Path0: RoutePattern {}
extension Path1: RoutePattern {}
extension Path2: RoutePattern {}
extension QueueActionPath: RoutePattern {}

extension RouterGroup where Context == AppRequestContext {
    @discardableResult
    func get(_ path: some RoutePattern, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        get(RouterPath(path.pattern), use: handler)
    }
    @discardableResult
    func post(_ path: some RoutePattern, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) -> Self {
        post(RouterPath(path.pattern), use: handler)
    }
}
