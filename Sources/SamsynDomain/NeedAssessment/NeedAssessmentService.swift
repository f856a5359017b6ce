import Foundation

/// A shown answer or hinder behind a suggestion: the question, the answer, where and when it was given.
public struct NeedEvidence: Sendable, Equatable {
    public let label: String
    public let answer: String
    public let source: String
    public let date: LocalDate
    public let draft: Bool
    /// Held by the other committee and seen under consent.
    public let otherCommittee: Bool
}

/// An answer the suggestion needs and does not have.
public struct NeedMissing: Sendable, Equatable {
    public let concept: String
    public let question: String
    /// The parts that ask it.
    public let askedIn: [String]
    /// The person chose "vill inte svara".
    public let declined: Bool
}

/// The rules' suggestion for one person as a user may see it. It is advice, never a decision.
public struct NeedSuggestion: Sendable, Equatable {
    public let ruleVersion: Int
    public let outcome: NeedOutcome
    public let category: NeedCategory?
    public let rule: NeedRule?
    public let reasons: [NeedEvidence]
    public let missing: [NeedMissing]
    public let checked: [NeedEvidence]
}

public struct NeedAssessmentOverview: Sendable {
    public let person: PersonSummary
    public let side: NeedAssessment.Side
    public let rules: NeedRuleSet
    public let suggestion: NeedSuggestion
    public let current: NeedAssessment?
    /// Every assessment held for the person, newest first (the current one included).
    public let history: [NeedAssessment]
    /// A Jobbtorg enrolment is active: the assessment is joint and needs a decider from each unit.
    public let enrolled: Bool
    public let canAct: Bool
    /// Users of the other unit who may decide together with this one.
    public let coDeciders: [StaffUser]
    public let today: LocalDate
}

/// The joint need assessment: the rules' suggestion with its reasons, both units' views, a decision by named
/// people, and the history; the what-if run of a rule version and the fairness report. Under the case flow's
/// secrecy: the assessment belongs to the district committee; Jobbtorg sees it only under a consent whose
/// scope covers the need assessment, and the other committee's answers feed the suggestion only under a
/// consent that covers the part they were given in. Every read and change is logged.
public struct NeedAssessmentService: Sendable {
    let store: any NeedAssessmentStore
    let flow: any CaseFlowStore
    let answers: any AssessmentStore
    let persons: any PersonStore
    let users: any UserStore
    let log: any AccessLog
    let clock: any Clock
    public let catalog: NeedRuleCatalog
    public let instruments: InstrumentCatalog
    public let classification: SupportObstacleClassification
    let newId: @Sendable () -> UUID

    public init(
        store: any NeedAssessmentStore, flow: any CaseFlowStore, answers: any AssessmentStore, persons: any PersonStore, users: any UserStore, log: any AccessLog,
        clock: any Clock, catalog: NeedRuleCatalog, instruments: InstrumentCatalog, classification: SupportObstacleClassification = .default,
        newId: @escaping @Sendable () -> UUID = { UUID() }
    ) {
        self.store = store
        self.flow = flow
        self.answers = answers
        self.persons = persons
        self.users = users
        self.log = log
        self.clock = clock
        self.catalog = catalog
        self.instruments = instruments
        self.classification = classification
        self.newId = newId
    }

    public var today: LocalDate { LocalDate(clock.now()) }

    /// The rule set in use now (an administrator may have taken another version into use in any process).
    public func activeRules() async throws -> NeedRuleSet {
        guard let set = try await activeRulesIfAny() else { throw DomainError(.unavailable, "Inga regler för behovsbedömning är inlästa.") }
        return set
    }

    /// The rule set in use, or nil when none is loaded.
    public func activeRulesIfAny() async throws -> NeedRuleSet? {
        try await store.activeRuleVersion().flatMap(catalog.version) ?? catalog.active
    }

    func entry(_ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?) -> AccessLogEntry {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail)
    }

    // MARK: Who sees what

    struct Context {
        let person: Person
        let side: NeedAssessment.Side
        /// The district committee whose file holds the assessment, and its unit.
        let districtCommittee: String
        let districtCase: DistrictCase?
        let enrolment: Enrolment?
        let consents: [Consent]
    }

    /// Resolves the actor's side and the person's case. A Jobbtorg user needs an active enrolment at their own
    /// unit and a consent covering the need assessment; anything else is a logged denial answered as not found.
    func context(_ personId: UUID, _ actor: Actor, _ action: AuditAction) async throws -> Context {
        let isDistrict = CaseFlowService.isDistrict(actor), isJobbtorg = CaseFlowService.isJobbtorg(actor)
        guard isDistrict || isJobbtorg, AccessPolicy.allows(actor.user.role, .readAssessment) else {
            try await log.append([entry(actor, personId, action, .denied, "role")])
            throw DomainError.forbidden
        }
        guard let found = try await persons.person(id: personId, committeeId: actor.user.committeeId) else {
            try await log.append([entry(actor, personId, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        async let casesQ = flow.cases(personId: personId)
        async let enrolmentsQ = flow.enrolments(personId: personId)
        async let consentsQ = flow.consents(personId: personId)
        let cases = try await casesQ, enrolments = try await enrolmentsQ, consents = try await consentsQ
        if isDistrict {
            let mine = cases.filter { $0.committeeId == actor.user.committeeId }
            let k = mine.first { $0.status == .active } ?? mine.first
            let enrolment = enrolments.first { $0.status == .active && $0.districtCommitteeId == actor.user.committeeId }
            return Context(
                person: found.person, side: .district, districtCommittee: actor.user.committeeId, districtCase: k,
                enrolment: enrolment, consents: consents)
        }
        // Jobbtorg takes part only while the person is enrolled at the user's own unit.
        guard let e = enrolments.first(where: { $0.status == .active && $0.committeeId == actor.user.committeeId && $0.unitId == actor.user.unitId }) else {
            try await log.append([entry(actor, personId, action, .denied, "not_enrolled_here")])
            throw DomainError.notFound
        }
        // The person is theirs to work with, so saying that the consent does not cover it reveals nothing new.
        guard ConsentSharing.sees(.needAssessment, owner: e.districtCommitteeId, viewer: actor.user, consents: consents, on: today) else {
            try await log.append([entry(actor, personId, action, .denied, "no_consent")])
            throw DomainError(
                .forbidden,
                "Personens samtycke omfattar inte den gemensamma behovsbedömningen. Stadsdelen kan dokumentera ett samtycke som omfattar den tillsammans med personen.")
        }
        let k = cases.first { $0.committeeId == e.districtCommitteeId && $0.status == .active } ?? cases.first { $0.committeeId == e.districtCommitteeId }
        return Context(
            person: found.person, side: .jobbtorg, districtCommittee: e.districtCommitteeId,
            districtCase: k, enrolment: e, consents: consents)
    }

    /// Which consent scope covers the answers of an instrument part.
    public static func scope(instrumentId: String, partId: String) -> Consent.Scope? {
        SharedRecordKind.of(instrumentId: instrumentId, partId: partId)?.scope
    }

    // MARK: The suggestion

    /// The answers and hinder the actor may use for the person, with where each came from.
    func gather(_ ctx: Context, _ actor: Actor) async throws -> (inputs: NeedInputs, answers: [String: ConceptAnswer], obstacles: [SupportObstacle]) {
        // The viewer's own committee, the district's, and every committee a consent of the person names with the
        // viewer's: which of their answers count is `ConsentSharing`'s rule alone, whatever the enrolment's state
        // (a consent still valid after the enrolment closed still shares; a withdrawn one no longer does).
        let viewer = actor.user.committeeId
        var committees = [ctx.districtCommittee]
        for c in [viewer] + ConsentSharing.counterparts(ctx.consents, viewerCommittee: viewer) where !committees.contains(c) { committees.append(c) }
        var latest: [String: ConceptAnswer] = [:]
        for c in committees {
            for a in try await answers.conceptAnswers(personId: ctx.person.id, committeeId: c) {
                guard ConsentSharing.sees(a.response, viewer: actor.user, consents: ctx.consents, on: today) else { continue }
                if let have = latest[a.concept], have.answer.answeredAt >= a.answer.answeredAt { continue }
                latest[a.concept] = a
            }
        }
        var obstacles: [SupportObstacle] = []
        if ConsentSharing.sees(.referral, owner: ctx.districtCommittee, viewer: actor.user, consents: ctx.consents, on: today) {
            obstacles = Self.current(try await flow.obstacles(personId: ctx.person.id, committeeId: ctx.districtCommittee))
        }
        return (NeedInputs(values: latest.mapValues(\.answer.value), obstacles: Set(obstacles.map(\.code))), latest, obstacles)
    }

    /// The applicant's försörjningshinder from the latest judgement.
    public static func current(_ all: [SupportObstacle]) -> [SupportObstacle] {
        let applicant = all.filter { $0.adult == .applicant }
        guard let last = applicant.map(\.judgedOn).max() else { return [] }
        return applicant.filter { $0.judgedOn == last }
    }

    func suggestion(_ ctx: Context, _ actor: Actor, rules: NeedRuleSet) async throws -> NeedSuggestion {
        let (inputs, answers, obstacles) = try await gather(ctx, actor)
        let outcome = NeedEvaluator.evaluate(rules, inputs)
        let mayReadSensitive = AccessPolicy.allows(actor.user.role, .readSensitiveAnswers)
        func evidence(_ leaf: NeedLeaf) -> NeedEvidence? {
            switch leaf {
            case .obstacle(let code):
                guard let o = obstacles.first(where: { $0.code == code }) else { return nil }
                return NeedEvidence(
                    label: "Försörjningshinder", answer: classification.entry(code)?.label ?? code, source: "Ekonomiskt bistånd, bedömt av \(o.recordedBy)",
                    date: o.judgedOn, draft: false, otherCommittee: ctx.districtCommittee != actor.user.committeeId)
            case .concept(let concept):
                guard let a = answers[concept] else { return nil }
                let def = instruments.definition(a.response.instrumentId, version: a.response.instrumentVersion)
                let q = def?.allQuestions.first { $0.id == a.answer.questionId } ?? instruments.conceptQuestions[concept]
                let shown: String
                if a.answer.sensitive && !mayReadSensitive { shown = "Känsligt svar – dolt för din roll" } else { shown = q.map { a.answer.value.display(for: $0) } ?? "" }
                let part = def?.part(a.response.partId)?.title ?? a.response.partId
                return NeedEvidence(
                    label: q?.text ?? concept, answer: shown, source: "\(def?.title ?? a.response.instrumentId): \(part)", date: LocalDate(a.answer.answeredAt),
                    draft: a.response.status == .draft, otherCommittee: a.response.committeeId != actor.user.committeeId)
            }
        }
        let missing = outcome.missing.map { concept in
            NeedMissing(
                concept: concept, question: instruments.conceptQuestions[concept]?.text ?? concept, askedIn: askedIn(concept),
                declined: answers[concept]?.answer.value == .declined)
        }
        return NeedSuggestion(
            ruleVersion: rules.version, outcome: outcome, category: outcome.category.flatMap(rules.category), rule: rules.rules.first { $0.id == outcome.ruleId },
            reasons: outcome.reasons.compactMap(evidence), missing: missing, checked: outcome.checked.compactMap(evidence))
    }

    /// The parts (of the newest instrument versions) that ask a concept.
    func askedIn(_ concept: String) -> [String] {
        instruments.latest.flatMap { d in d.parts.filter { p in p.questions.contains { $0.concept == concept } }.map { "\(d.title): \($0.title)" } }
    }

    // MARK: Read

    public func overview(personId: UUID, by actor: Actor) async throws -> NeedAssessmentOverview {
        let ctx = try await context(personId, actor, .needAssessmentRead)
        let rules = try await activeRules()
        async let historyQ = store.needAssessments(personId: personId, committeeId: ctx.districtCommittee)
        let suggestion = try await suggestion(ctx, actor, rules: rules)
        let history = try await historyQ
        try await log.append([entry(actor, personId, .needAssessmentRead, .allowed, actor.channel)])
        let current = history.first { $0.status == .open }
        let canAct = NeedAssessmentRules.deciders.contains(actor.user.role)
        var coDeciders: [StaffUser] = []
        if canAct, ctx.enrolment != nil, current?.isJoint ?? true {
            coDeciders = try await otherSideDeciders(ctx, actor, jobbtorgUnit: current?.jobbtorgUnitId ?? ctx.enrolment?.unitId)
        }
        let p = ctx.person
        return NeedAssessmentOverview(
            person: PersonSummary(id: p.id, identityNumber: p.identityNumber, firstName: p.firstName, lastName: p.lastName, protectedIdentity: p.protectedIdentity),
            side: ctx.side, rules: rules, suggestion: suggestion, current: current, history: history, enrolled: ctx.enrolment != nil, canAct: canAct,
            coDeciders: coDeciders, today: today)
    }

    /// The active caseworkers and managers of the other unit: the Jobbtorg unit of the enrolment, or the district committee's units.
    func otherSideDeciders(_ ctx: Context, _ actor: Actor, jobbtorgUnit: String?) async throws -> [StaffUser] {
        try await users.all().filter { u in
            guard u.active, NeedAssessmentRules.deciders.contains(u.role) else { return false }
            switch ctx.side {
            case .district: return u.unitId == jobbtorgUnit
            case .jobbtorg: return u.committeeId == ctx.districtCommittee && CaseFlowService.isDistrict(u)
            }
        }.sorted { $0.displayName < $1.displayName }
    }

    // MARK: Change

    func requireDecider(_ actor: Actor, _ personId: UUID, _ action: AuditAction) async throws {
        guard NeedAssessmentRules.deciders.contains(actor.user.role) else {
            try await log.append([entry(actor, personId, action, .denied, "role")])
            throw DomainError(.forbidden, "Din roll får inte göra behovsbedömningar eller fatta beslut om dem. Det gör socialsekreterare, coacher och enhetschefer.")
        }
    }

    /// Starts an assessment, or returns the open one.
    public func start(personId: UUID, by actor: Actor) async throws -> (assessment: NeedAssessment, created: Bool) {
        let ctx = try await context(personId, actor, .needAssessmentStart)
        try await requireDecider(actor, personId, .needAssessmentStart)
        // The assessment is held in the district's case file; without an active case there is nothing to hold it.
        guard let districtCase = ctx.districtCase, districtCase.status == .active else {
            throw DomainError(
                .conflict,
                ctx.side == .district
                    ? "Personen har inget aktivt ärende hos ekonomiskt bistånd. Aktualisera ärendet först."
                    : "Personen har inget aktivt ärende hos stadsdelen, så en gemensam behovsbedömning kan inte startas.")
        }
        let e = ctx.enrolment
        let a = NeedAssessment(
            id: newId(), personId: personId, committeeId: ctx.districtCommittee, districtUnitId: districtCase.unitId, jobbtorgCommitteeId: e?.committeeId,
            jobbtorgUnitId: e?.unitId, status: .open, startedAt: clock.now(), startedByName: actor.user.displayName)
        let result = try await store.startNeedAssessment(a, audit: entry(actor, personId, .needAssessmentStart, .allowed, a.jobbtorgUnitId.map { "joint:\($0)" } ?? "district"))
        return result
    }

    /// Opens an assessment the actor may act on, under the same rules as the overview.
    func load(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> (NeedAssessment, Context) {
        guard let a = try await store.needAssessment(id: id) else { throw DomainError.notFound }
        let ctx = try await context(a.personId, actor, action)
        guard ctx.districtCommittee == a.committeeId else {
            try await log.append([entry(actor, a.personId, action, .denied, "other_committee")])
            throw DomainError.notFound
        }
        if ctx.side == .jobbtorg && a.jobbtorgUnitId != actor.user.unitId {
            throw DomainError(.conflict, "Bedömningen gjordes utan er enhet, innan personen skrevs in hos er. Starta en ny gemensam bedömning när den är beslutad.")
        }
        return (a, ctx)
    }

    /// Records the actor's unit's view.
    public func recordView(id: UUID, category: String, parallel: String, comment: String, expectedVersion: Int, by actor: Actor) async throws -> NeedAssessment {
        let (a, ctx) = try await load(id, actor, .needAssessmentView)
        try await requireDecider(actor, a.personId, .needAssessmentView)
        guard a.status == .open else { throw NeedAssessmentRules.alreadyDecided }
        let rules = try await activeRules()
        let (c, p, text) = try NeedAssessmentRules.checkView(category: category, parallel: parallel, comment: comment, rules: rules).get()
        let view = NeedAssessment.View(category: c.code, parallel: p, comment: text, byId: actor.user.id, byName: actor.user.displayName, at: clock.now())
        let saved = try await store.saveNeedView(
            id: id, side: ctx.side, view: view, expectedVersion: expectedVersion,
            audit: entry(actor, a.personId, .needAssessmentView, .allowed, "\(ctx.side.rawValue):\(c.code):\(p ? "parallel" : "single")"))
        await refreshTasks(a.personId)
        return saved
    }

    /// Records the decision: category, lead, parallel interventions and review date, by the actor and (for a
    /// joint assessment) a named person of the other unit, with the suggestion it was made on.
    public func decide(id: UUID, _ input: NeedAssessmentRules.DecisionInput, expectedVersion: Int, by actor: Actor) async throws -> NeedAssessment {
        let (a, ctx) = try await load(id, actor, .needAssessmentDecide)
        try await requireDecider(actor, a.personId, .needAssessmentDecide)
        guard a.status == .open else { throw NeedAssessmentRules.alreadyDecided }
        guard a.version == expectedVersion else { throw DomainError.stale }
        let rules = try await activeRules()
        let suggestion = try await suggestion(ctx, actor, rules: rules)
        // A joint assessment is decided with the other unit while the person is still enrolled there.
        let needsCoDecider = a.isJoint && ctx.enrolment != nil
        var coDecider: StaffUser?
        if needsCoDecider, let picked = UUID(uuidString: input.coDeciderId.trimmingCharacters(in: .whitespaces)) {
            coDecider = try await otherSideDeciders(ctx, actor, jobbtorgUnit: a.jobbtorgUnitId).first { $0.id == picked }
        }
        let checked = try NeedAssessmentRules.check(
            input, rules: rules, suggested: suggestion.outcome.code, today: today, needsCoDecider: needsCoDecider, coDeciderKnown: coDecider != nil
        ).get()
        if needsCoDecider, let coDecider {
            // A joint decision is the co-decider's too: it waits for them to confirm it, logged in themself.
            if let p = a.pending { throw NeedAssessmentRules.pendingExists(p) }
            let proposal = NeedDecisionProposal(
                id: newId(), assessmentId: a.id, personId: a.personId, category: checked.category.code, lead: checked.lead, parallel: checked.parallel,
                reviewOn: checked.reviewOn, suggested: suggestion.outcome.code, ruleVersion: rules.version, deviationReason: checked.deviationReason,
                proposedAt: clock.now(), proposerId: actor.user.id, proposerName: actor.user.displayName, coDeciderId: coDecider.id,
                coDeciderName: coDecider.displayName, coDeciderCommitteeId: coDecider.committeeId, coDeciderUnitId: coDecider.unitId)
            let saved = try await store.proposeNeedDecision(
                proposal, expectedVersion: expectedVersion,
                audit: entry(
                    actor, a.personId, .needDecisionPropose, .allowed, "\(proposal.category) (förslag \(proposal.suggested), regler v\(rules.version)) till \(coDecider.unitId)"))
            await refreshTasks(a.personId)
            return saved
        }
        let decision = NeedAssessment.Decision(
            category: checked.category.code, lead: checked.lead, parallel: checked.parallel, reviewOn: checked.reviewOn, suggested: suggestion.outcome.code,
            ruleVersion: rules.version, deviationReason: checked.deviationReason, decidedOn: today, decidedAt: clock.now(), deciderId: actor.user.id,
            deciderName: actor.user.displayName, coDeciderId: nil, coDeciderName: nil)
        let saved = try await store.decideNeedAssessment(
            id: id, decision: decision, expectedVersion: expectedVersion,
            audit: entry(actor, a.personId, .needAssessmentDecide, .allowed, "\(decision.category) (förslag \(decision.suggested), regler v\(rules.version))"))
        await refreshTasks(a.personId)
        return saved
    }

    /// The named co-decider confirms or declines a proposed joint decision, or its proposer withdraws it.
    /// Anyone else is refused (`forbidden`, logged); an answer to a proposal that no longer waits is a
    /// `conflict`; nothing is saved in either case.
    public func answerProposal(id: UUID, _ answer: NeedDecisionAnswer, by actor: Actor) async throws -> NeedAssessment {
        guard let p = try await store.needDecisionProposal(id: id) else { throw DomainError.notFound }
        let action = answer.auditAction
        let (a, _) = try await load(p.assessmentId, actor, action)
        try await requireDecider(actor, a.personId, action)
        if let refused = NeedAssessmentRules.mayAnswer(p, answer, userId: actor.user.id) {
            try await log.append([entry(actor, a.personId, action, .denied, "not_named")])
            throw refused
        }
        let saved = try await store.answerNeedDecision(
            proposalId: id, answer, userId: actor.user.id, userName: actor.user.displayName, at: clock.now(),
            audit: entry(actor, a.personId, action, .allowed, "\(p.category) (förslag \(p.suggested), regler v\(p.ruleVersion))"))
        await refreshTasks(a.personId)
        return saved
    }

    /// The proposer closes the task a declined proposal gave them, without proposing again. Anyone else is refused
    /// (`forbidden`, logged); a task already closed (or gone: a newer proposal, a decided assessment) is a `conflict`.
    public func closeDeclined(id: UUID, by actor: Actor) async throws {
        guard let p = try await store.needDecisionProposal(id: id) else { throw DomainError.notFound }
        let action = AuditAction.needDecisionDeclinedClose
        let (a, _) = try await load(p.assessmentId, actor, action)
        guard p.proposerId == actor.user.id else {
            try await log.append([entry(actor, a.personId, action, .denied, "not_proposer")])
            throw DomainError(.forbidden, "Bara \(p.proposerName), som lämnade förslaget, kan stänga uppgiften.")
        }
        guard p.status == .declined,
            try await flow.settleTask(
                key: NeedDecisionProposal.declinedTaskKey(p.id), at: clock.now(), audit: entry(actor, a.personId, action, .allowed, "proposal:\(p.id)"))
        else { throw DomainError(.conflict, "Uppgiften om det avböjda förslaget är redan stängd.") }
    }

    func refreshTasks(_ personId: UUID) async {
        _ = try? await TaskJob(store: flow, clock: clock).run(personId: personId)
    }

    // MARK: Rules, what-if, fairness

    public struct RuleVersionInfo: Sendable {
        public let set: NeedRuleSet
        public let active: Bool
    }

    public func ruleVersions(by actor: Actor) async throws -> [RuleVersionInfo] {
        guard AccessPolicy.allows(actor.user.role, .viewNeedStatistics) || AccessPolicy.allows(actor.user.role, .manageNeedRules)
            || NeedAssessmentRules.deciders.contains(actor.user.role)
        else { throw DomainError.forbidden }
        let active = try await activeRules().version
        return catalog.versions.map { RuleVersionInfo(set: $0, active: $0.version == active) }
    }

    /// Runs a rule version (a loaded one, or a definition given as JSON, validated like a file) over every
    /// person's stored answers and compares it with the version in use. Counts only.
    public func whatIf(version: Int?, definition: String?, by actor: Actor) async throws -> NeedWhatIf {
        guard AccessPolicy.allows(actor.user.role, .viewNeedStatistics) || AccessPolicy.allows(actor.user.role, .manageNeedRules) else {
            try await log.append([entry(actor, nil, .needRulesWhatIf, .denied, "role")])
            throw DomainError.forbidden
        }
        let candidate: NeedRuleSet
        if let text = definition?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            do {
                candidate = try NeedRuleCatalog.decode(file: "definitionen", data: Data(text.utf8), instruments: instruments, obstacles: classification)
            } catch {
                throw DomainError.invalid([FieldError(field: "definition", message: "Regelversionen kan inte användas: \(error.location.isEmpty ? "" : error.location + ": ")\(error.problem)")])
            }
        } else if let version, let set = catalog.version(version) {
            candidate = set
        } else {
            throw DomainError.invalid([FieldError(field: "version", message: "Välj en inläst regelversion eller klistra in en definition.")])
        }
        let current = try await activeRules()
        let inputs = try await store.needInputs()
        try await log.append([entry(actor, nil, .needRulesWhatIf, .allowed, "v\(candidate.version) mot v\(current.version), \(inputs.count) personer")])
        return NeedWhatIf.run(current: current, candidate: candidate, inputs: inputs)
    }

    public func activate(version: Int, by actor: Actor) async throws {
        guard AccessPolicy.allows(actor.user.role, .manageNeedRules) else {
            try await log.append([entry(actor, nil, .needRulesActivate, .denied, "role")])
            throw DomainError.forbidden
        }
        guard catalog.version(version) != nil else { throw DomainError.notFound }
        try await store.setActiveRuleVersion(version, audit: entry(actor, nil, .needRulesActivate, .allowed, "v\(version)"))
    }

    /// The fairness report for decisions in the period: city-wide for analysts, the own committee's for a manager.
    public func fairness(from: String, to: String, by actor: Actor) async throws -> FairnessReport {
        guard AccessPolicy.allows(actor.user.role, .viewNeedStatistics) else {
            try await log.append([entry(actor, nil, .needFairnessRead, .denied, "role")])
            throw DomainError.forbidden
        }
        var errors: [FieldError] = []
        let f = LocalDate(from.trimmingCharacters(in: .whitespaces)), t = LocalDate(to.trimmingCharacters(in: .whitespaces))
        if f == nil { errors.append(FieldError(field: "from", message: "Ange periodens första dag som ÅÅÅÅ-MM-DD.")) }
        if t == nil { errors.append(FieldError(field: "to", message: "Ange periodens sista dag som ÅÅÅÅ-MM-DD.")) }
        if let f, let t, t < f { errors.append(FieldError(field: "to", message: "Periodens sista dag kan inte vara före den första.")) }
        guard errors.isEmpty, let f, let t else { throw DomainError.invalid(errors) }
        let scope: String? = actor.user.role == .analyst ? nil : actor.user.committeeId
        let records = try await store.fairnessRecords(committeeId: scope)
        try await log.append([entry(actor, nil, .needFairnessRead, .allowed, "\(f)–\(t)\(scope.map { " \($0)" } ?? " staden")")])
        let rules = try await activeRules()
        var codes = rules.categories.map(\.code)
        for v in catalog.versions { for c in v.categories.map(\.code) where !codes.contains(c) { codes.append(c) } }
        return FairnessReport.make(records, categories: codes, from: f, to: t)
    }
}
