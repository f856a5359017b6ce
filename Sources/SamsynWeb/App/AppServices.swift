import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Everything the handlers use, built once by `buildApplication`. No globals.
public struct AppServices: Sendable {
    public let config: AppConfig
    public let database: Database
    public let organisation: SQLOrganisationStore
    public let users: SQLUserStore
    public let sessions: SQLSessionStore
    public let persons: SQLPersonStore
    public let accessLog: SQLAccessLog
    public let settings: SQLSettingsStore
    public let auth: Authenticator
    public let directory: PersonDirectory
    public let assessmentStore: SQLAssessmentStore
    public let assessments: AssessmentService
    public let interventions: SQLInterventionStore
    public let queues: InterventionService
    public let caseStore: SQLCaseFlowStore
    public let caseFlow: CaseFlowService
    public let taskJob: TaskJob
    public let needStore: SQLNeedAssessmentStore
    public let needs: NeedAssessmentService
    public let journalStore: SQLJournalStore
    public let journal: JournalService
    /// What counts as an acute need (nil when the app runs with other instruments than the shipped ones).
    public let acuteRules: AcuteNeedRuleSet?
    public let clock: any Clock
    /// The indicators and the follow-up (issue 16).
    public let measurement: MeasurementService
    public let hasher: any PasswordHasher
    let orgNames: OrgNames
    /// The person's own page (Mina sidor, issue 18).
    public let ownPage: OwnPageService
    public let messages: MessageService
    /// Sends the outbox's notifications; by default it only logs that one would have been sent.
    public let notificationSender: any NotificationSender
    /// Sign-in through OpenID Connect (issue 18): the relying party, identity links, the person's session.
    public let oidc: OIDCRelyingParty
    public let oidcStore: SQLOIDCStore
    public let identityLinks: StaffIdentityLinks
    /// Starts the person's session after e-legitimation: `auth` (`Authenticator.startCitizenSession`); nil: the
    /// citizen callback refuses with a message that it is not available.
    public var citizenSessions: (any CitizenSessionStarter)?
    /// Forskningsuttag (issue 17): research projects, decisions and pseudonymised extracts.
    public let research: ResearchService
    /// The effect report of an intervention (issue 17).
    public let effect: EffectService

    public init(
        config: AppConfig, database: Database, clock: any Clock, hasher: any PasswordHasher, accessLog: (any AccessLog)? = nil,
        oidcTransport: (any OIDCTransport)? = nil
    ) async throws {
        self.config = config
        self.database = database
        self.clock = clock
        self.hasher = hasher
        organisation = SQLOrganisationStore(database: database)
        users = SQLUserStore(database: database)
        sessions = SQLSessionStore(database: database)
        persons = SQLPersonStore(database: database)
        let sqlLog = SQLAccessLog(database: database)
        self.accessLog = sqlLog
        settings = SQLSettingsStore(database: database)
        let log = accessLog ?? sqlLog
        auth = Authenticator(users: users, sessions: sessions, log: log, hasher: hasher, tokens: RandomTokens(), clock: clock, citizens: users)
        directory = PersonDirectory(persons: persons, log: log, clock: clock)
        assessmentStore = SQLAssessmentStore(database: database)
        var files = try config.instrumentFiles.map { $0.map { (name: $0.name, data: $0.data) } } ?? InstrumentCatalog.bundledFiles()
        if let dir = config.instrumentDirectory {
            files += try InstrumentCatalog.files(in: URL(fileURLWithPath: dir)).map { (name: "\(dir)/\($0.name)", data: $0.data) }
        }
        let catalog = try await InstrumentCatalog.load(files: files, store: assessmentStore, at: clock.now())
        interventions = SQLInterventionStore(database: database)
        caseStore = SQLCaseFlowStore(database: database)
        queues = InterventionService(store: interventions, persons: persons, log: log, clock: clock, organisation: organisation, flow: caseStore)
        caseFlow = CaseFlowService(store: caseStore, persons: persons, organisation: organisation, log: log, clock: clock)
        taskJob = TaskJob(store: caseStore, clock: clock)
        // What counts as an acute need reads the shipped instruments' questions; an app given other instruments (tests) checks none.
        let acuteFiles = config.instrumentFiles == nil ? try AcuteNeedRules.bundledFiles() : []
        let acuteRules = acuteFiles.isEmpty ? nil : try AcuteNeedRules.load(files: acuteFiles, instruments: catalog)
        self.acuteRules = acuteRules
        assessments = AssessmentService(
            catalog: catalog, store: assessmentStore, persons: persons, log: log, clock: clock, consents: caseStore, acuteRules: acuteRules,
            taskJob: taskJob, advance: SQLOwnPageStore(database: database))
        needStore = SQLNeedAssessmentStore(database: database)
        // The shipped rules read the shipped instruments' concepts; an app given other instruments (tests) loads none.
        var ruleFiles = config.instrumentFiles == nil ? try NeedRuleCatalog.bundledFiles() : []
        if let dir = config.needRulesDirectory {
            ruleFiles += try InstrumentCatalog.files(in: URL(fileURLWithPath: dir)).map { (name: "\(dir)/\($0.name)", data: $0.data) }
        }
        let rules = try await NeedRuleCatalog.load(files: ruleFiles, instruments: catalog, obstacles: caseFlow.classification, store: needStore, at: clock.now())
        needs = NeedAssessmentService(
            store: needStore, flow: caseStore, answers: assessmentStore, persons: persons, users: users, log: log, clock: clock, catalog: rules, instruments: catalog,
            classification: caseFlow.classification)
        journalStore = SQLJournalStore(database: database)
        journal = JournalService(store: journalStore, persons: persons, consents: caseStore, log: log, clock: clock)
        orgNames = OrgNames(store: organisation)
        var indicatorFiles = try IndicatorCatalog.bundledFiles()
        if let dir = config.indicatorDirectory {
            indicatorFiles += try InstrumentCatalog.files(in: URL(fileURLWithPath: dir)).map { (name: "\(dir)/\($0.name)", data: $0.data) }
        }
        measurement = MeasurementService(
            indicators: try IndicatorCatalog.load(files: indicatorFiles), store: SQLMeasurementStore(database: database), organisation: organisation, clock: clock,
            threshold: config.disclosureThreshold)
        ownPage = OwnPageService(
            caseFlow: caseStore, own: SQLOwnPageStore(database: database), persons: persons, log: log, clock: clock, catalog: catalog,
            advance: SQLOwnPageStore(database: database))
        messages = MessageService(store: SQLMessageStore(database: database), persons: persons, log: log, clock: clock)
        notificationSender = LoggingNotificationSender(logger: Logger(label: "samsyn.notifications"))
        oidc = OIDCRelyingParty(providers: config.login.providers, transport: oidcTransport ?? HTTPClientTransport())
        oidcStore = SQLOIDCStore(database: database)
        identityLinks = StaffIdentityLinks(store: oidcStore, users: users, clock: clock)
        citizenSessions = auth
        research = ResearchService(store: SQLResearchStore(database: database), log: log, clock: clock)
        effect = EffectService(
            store: SQLEffectStore(database: database), catalogue: interventions, organisation: organisation, log: log, clock: clock,
            threshold: config.disclosureThreshold)
    }
}

/// Names of committees and units for display, refreshed from the database at most every 10 seconds
/// (edits made here refresh it at once).
final class OrgNames: @unchecked Sendable {
    private let store: SQLOrganisationStore
    private let lock = NSLock()
    private var units: [String: OrgUnit] = [:]
    private var committees: [String: Committee] = [:]
    private var loadedAt = Date.distantPast

    init(store: SQLOrganisationStore) { self.store = store }

    func refresh() async throws {
        let c = try await store.committees()
        let u = try await store.units()
        lock.withLock {
            committees = Dictionary(uniqueKeysWithValues: c.map { ($0.id, $0) })
            units = Dictionary(uniqueKeysWithValues: u.map { ($0.id, $0) })
            loadedAt = Date()
        }
    }

    func refreshIfStale() async {
        let stale = lock.withLock { Date().timeIntervalSince(loadedAt) > 10 }
        if stale { try? await refresh() }
    }

    func unit(_ id: String) -> OrgUnit? { lock.withLock { units[id] } }
    func committee(_ id: String) -> Committee? { lock.withLock { committees[id] } }
    func unitName(_ id: String) -> String? { unit(id)?.name }
    func committeeName(_ id: String) -> String { committee(id)?.name ?? id }
}
