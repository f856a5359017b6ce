import Foundation

/// An answer offered from what is already known: the latest answer to the same concept that the user may see.
public struct Prefill: Sendable, Equatable {
    public let value: AnswerValue
    public let source: ConceptAnswer
}

/// One area's two views in a summary part (FIA: the person's own view and the caseworker's assessment).
public struct SummaryLine: Sendable, Equatable {
    public let partTitle: String
    public let areaTitle: String
    public let personView: String?
    public let caseworkerView: String?
    /// Proposed when either view says the area stands in the way of work.
    public let suggestedSubGoal: String?
}

/// Everything a page or the API needs to show one response to one user.
public struct AssessmentSheet: Sendable {
    public let response: AssessmentResponse
    public let person: PersonSummary
    public let definition: InstrumentDefinition
    public let part: PartDefinition
    /// Answers the user may see, by question id.
    public let answers: [String: StoredAnswer]
    /// Questions whose answer exists but is sensitive and not for this user's role.
    public let withheld: Set<String>
    /// Pre-filled proposals for unanswered questions (only on a draft the user may fill in).
    public let proposals: [String: Prefill]
    public let canEdit: Bool
    /// Every revision of this part for the person, newest first.
    public let revisions: [AssessmentResponse]
    /// The person's responses in the committee (where confirmed answers came from).
    public let related: [AssessmentResponse]
    public let summary: [SummaryLine]
    /// The response is the other committee's, read (only) under the person's consent.
    public let sharedUnderConsent: Bool
    /// The person's own answers given in advance on Mina sidor, by question id (questions meant for the person only;
    /// the own committee's parts only).
    public var advance: [String: AdvanceAnswer] = [:]

    /// Answers and proposals together: what the form shows and what branching is evaluated on.
    public var effectiveValues: [String: AnswerValue] {
        var v = proposals.mapValues(\.value)
        for (k, a) in answers { v[k] = a.value }
        return v
    }

    public func sourceResponse(_ id: UUID) -> AssessmentResponse? { related.first { $0.id == id } }

    public func isShown(_ question: QuestionDefinition) -> Bool {
        Branching.isEnabled(question, answers: effectiveValues)
    }

    /// Required questions that are shown and have no saved answer yet.
    public var missingRequired: [QuestionDefinition] {
        let saved = Branching.visibleAnswers(in: part, answers: answers.mapValues(\.value))
        return part.questions.filter { q in
            q.required && Branching.isEnabled(q, answers: saved) && saved[q.id] == nil && !withheld.contains(q.id)
        }
    }
}

/// The person overview: each concept's latest answer and where it came from.
public struct ConceptOverviewLine: Sendable {
    public let concept: String
    public let question: QuestionDefinition
    public let display: String
    public let source: ConceptAnswer
    public let withheld: Bool
}

/// Starting, filling in, completing and correcting instrument parts. Enforces ownership by unit type,
/// secrecy between committees, sensitive answers by role, branching, locking and optimistic concurrency,
/// and logs every read and change.
public struct AssessmentService: Sendable {
    /// Whether the user may fill in (start, save, complete, revise) a part: a role that fills in assessments,
    /// at a unit of the part's owning kind. Every guard below and every page uses this one predicate.
    public static func mayFill(_ part: PartDefinition, _ actor: Actor) -> Bool {
        AccessPolicy.allows(actor.user.role, .fillAssessment) && part.owner == actor.unitKind
    }

    let catalog: InstrumentCatalog
    let store: any AssessmentStore
    let persons: any PersonStore
    let log: any AccessLog
    let clock: any Clock
    let newId: @Sendable () -> UUID
    /// Where the person's consents are read, so the other committee's parts are shared under them
    /// (`ConsentSharing`); without it only the own committee's parts are seen.
    let consents: (any CaseFlowStore)?
    /// What counts as an acute need; checked on every completed part (nil: not checked).
    public let acuteRules: AcuteNeedRuleSet?
    /// Run for the person after a completion that found an acute need, so the same-day task is there at once.
    let taskJob: TaskJob?
    /// The person's own answers given in advance on Mina sidor (shown beside the questions meant for the person).
    let advance: (any AdvanceAnswerStore)?

    public init(
        catalog: InstrumentCatalog, store: any AssessmentStore, persons: any PersonStore, log: any AccessLog, clock: any Clock,
        newId: @escaping @Sendable () -> UUID = { UUID() }, consents: (any CaseFlowStore)? = nil, acuteRules: AcuteNeedRuleSet? = nil,
        taskJob: TaskJob? = nil, advance: (any AdvanceAnswerStore)? = nil
    ) {
        self.advance = advance
        self.catalog = catalog
        self.store = store
        self.persons = persons
        self.log = log
        self.clock = clock
        self.newId = newId
        self.consents = consents
        self.acuteRules = acuteRules
        self.taskJob = taskJob
    }

    public var instruments: InstrumentCatalog { catalog }

    public static let revisionReasonLength = 3...500

    // MARK: Start

    /// Starts the part on the person's file, or returns the current response if there is one.
    public func start(personId: UUID, instrumentId: String, partId: String, by actor: Actor) async throws -> (response: AssessmentResponse, created: Bool) {
        guard AccessPolicy.allows(actor.user.role, .fillAssessment) else {
            try await log.append([entry(actor, personId, .assessmentStart, .denied, "role")])
            throw DomainError.forbidden
        }
        try await requireFile(personId, actor, action: .assessmentStart)
        guard let definition = catalog.latest(instrumentId), let part = definition.part(partId) else {
            throw DomainError(.notFound, "Det finns ingen sådan del i bedömningen.")
        }
        guard part.owner == actor.unitKind else {
            try await log.append([entry(actor, personId, .assessmentStart, .denied, "not_owner")])
            throw Self.notOwner(part)
        }
        let now = clock.now()
        let response = AssessmentResponse(
            id: newId(), personId: personId, committeeId: actor.user.committeeId, unitId: actor.user.unitId, instrumentId: definition.id,
            instrumentVersion: definition.version, partId: part.id, status: .draft, revision: 1, replacesId: nil, revisionReason: nil,
            startedBy: actor.user.id, startedAt: now, updatedAt: now, completedAt: nil, completedBy: nil, activeMilliseconds: 0,
            lastActivityAt: now, version: 1)
        return try await store.start(
            response, audit: entry(actor, personId, .assessmentStart, .allowed, "\(definition.key)/\(part.id)"))
    }

    // MARK: Read

    /// Opens a response for reading (and, for the owning unit on a draft, for filling in with pre-fill).
    public func open(responseId: UUID, by actor: Actor) async throws -> AssessmentSheet {
        let (response, definition, part, personConsents) = try await loadReadable(responseId, actor)
        let shared = response.committeeId != actor.user.committeeId
        // Nothing is changed across committees: a part shared under consent is read only.
        let canEdit = !shared && response.status == .draft && Self.mayFill(part, actor)
        // The read's log row, and for the one filling it in the start (or continuation) of active time, in one write.
        try await log.append(
            [entry(actor, response.personId, .assessmentRead, .allowed, shared ? "\(actor.channel) consent" : actor.channel)],
            activity: canEdit ? [DraftActivity(responseId: responseId, activity: Activity(at: clock.now()))] : [])
        let mayReadSensitive = AccessPolicy.allows(actor.user.role, .readSensitiveAnswers)
        async let storedAnswers = store.answers(responseId: responseId)
        async let ownAll = store.responses(personId: response.personId, committeeId: response.committeeId)
        async let conceptRows = canEdit ? store.answersWithConcept(personId: response.personId, committeeId: response.committeeId) : []
        // The other committee's parts that consent shares: their answers are proposed too, with their source.
        async let sharedRows = sharedConcepts(personId: response.personId, actor, consents: shared ? [] : personConsents)
        let visibleOwn = try await ownAll.filter { ConsentSharing.sees($0, viewer: actor.user, consents: personConsents, on: today) }
        let (sharedResponses, sharedAnswers) = try await sharedRows
        let all = visibleOwn + sharedResponses
        let concepts = ConceptAnswer.join(try await conceptRows, visibleOwn) + (canEdit ? sharedAnswers : [])
        var answers: [String: StoredAnswer] = [:]
        var withheld = Set<String>()
        for a in try await storedAnswers {
            if a.sensitive && !mayReadSensitive { withheld.insert(a.questionId) } else { answers[a.questionId] = a }
        }
        var proposals: [String: Prefill] = [:]
        if canEdit {
            let latest = Self.latestByConcept(concepts.filter { $0.response.id != response.id })
            for q in part.questions where answers[q.id] == nil {
                guard let c = q.concept, let source = latest[c] else { continue }
                if source.answer.sensitive && !mayReadSensitive { continue }
                guard q.problem(with: source.answer.value) == nil else { continue }
                proposals[q.id] = Prefill(value: source.answer.value, source: source)
            }
        }
        guard let p = try await persons.person(id: response.personId, firstOf: [actor.user.committeeId, response.committeeId]) else { throw DomainError.notFound }
        let person = PersonSummary(id: p.id, identityNumber: p.identityNumber, firstName: p.firstName, lastName: p.lastName, protectedIdentity: p.protectedIdentity)
        let responses = all
        let revisions = visibleOwn.filter { $0.instrumentId == response.instrumentId && $0.partId == response.partId && (!shared || $0.status != .superseded) }
        var summary: [SummaryLine] = []
        if let parts = part.summaryOf {
            summary = try await summaryLines(definition: definition, parts: parts, responses: visibleOwn, mayReadSensitive: mayReadSensitive)
        }
        var sheet = AssessmentSheet(
            response: response, person: person, definition: definition, part: part, answers: answers, withheld: withheld, proposals: proposals, canEdit: canEdit,
            revisions: revisions, related: responses, summary: summary, sharedUnderConsent: shared)
        if let advance, !shared {
            let mine = Set(part.questions.filter { $0.perspective == .person && (!$0.sensitive || mayReadSensitive) }.map(\.id))
            for a in try await advance.advanceAnswers(personId: response.personId) where a.instrumentId == response.instrumentId && mine.contains(a.questionId) {
                sheet.advance[a.questionId] = a
            }
        }
        return sheet
    }

    /// The summary part's lines: for each area of the summarised parts, both views from the current response.
    func summaryLines(definition: InstrumentDefinition, parts: [String], responses: [AssessmentResponse], mayReadSensitive: Bool) async throws
        -> [SummaryLine]
    {
        var lines: [SummaryLine] = []
        for partId in parts {
            guard let part = definition.part(partId) else { continue }
            // The newest response to the part that is not superseded (responses come newest first).
            let current = responses.first { $0.instrumentId == definition.id && $0.partId == partId && $0.status != .superseded }
            var values: [String: (AnswerValue, Bool)] = [:]
            var sourceDefinition = definition
            if let current {
                for a in try await store.answers(responseId: current.id) { values[a.questionId] = (a.value, a.sensitive) }
                sourceDefinition = catalog.definition(current.instrumentId, version: current.instrumentVersion) ?? definition
            }
            let sourcePart = sourceDefinition.part(partId) ?? part
            for area in sourcePart.areas {
                func view(_ p: Perspective) -> (text: String?, obstacle: Bool) {
                    guard let q = area.questions.first(where: { $0.perspective == p }), let (v, sensitive) = values[q.id] else { return (nil, false) }
                    if sensitive && !mayReadSensitive { return ("Dolt för din roll", false) }
                    let obstacle: Bool
                    if case .choice(let c) = v { obstacle = Self.obstacleValues.contains(c) } else { obstacle = false }
                    return (v.display(for: q), obstacle)
                }
                let person = view(.person)
                let worker = view(.caseworker)
                lines.append(
                    SummaryLine(
                        partTitle: sourcePart.title, areaTitle: area.title, personView: person.text, caseworkerView: worker.text,
                        suggestedSubGoal: (person.obstacle || worker.obstacle) ? area.suggestedSubGoal : nil))
            }
        }
        return lines
    }

    /// Ratings that mean an area stands in the way of work (the person's view or the caseworker's).
    static let obstacleValues: Set<String> = ["ganska_mycket", "mycket", "betydande_hinder", "avgorande_hinder"]

    /// The person's assessments in the user's committee: the parts started, with status, newest first.
    public func responses(personId: UUID, by actor: Actor) async throws -> [AssessmentResponse] {
        guard AccessPolicy.allows(actor.user.role, .readAssessment) else { throw DomainError.forbidden }
        try await requireFile(personId, actor, action: .assessmentList)
        try await log.append([entry(actor, personId, .assessmentList, .allowed, actor.channel)])
        return try await store.responses(personId: personId, committeeId: actor.user.committeeId)
    }

    /// Every concept's latest answer for the person that the user may see, with its source.
    public func overview(personId: UUID, by actor: Actor) async throws -> [ConceptOverviewLine] {
        guard AccessPolicy.allows(actor.user.role, .readAssessment) else { throw DomainError.forbidden }
        try await requireFile(personId, actor, action: .assessmentOverview)
        let own = try await store.conceptAnswers(personId: personId, committeeId: actor.user.committeeId)
        let shared = try await sharedConcepts(personId: personId, actor, consents: try await personConsents(personId)).concepts
        let concepts = own + shared
        try await log.append([entry(actor, personId, .assessmentOverview, .allowed, shared.isEmpty ? actor.channel : "\(actor.channel) consent")])
        let mayReadSensitive = AccessPolicy.allows(actor.user.role, .readSensitiveAnswers)
        return Self.latestByConcept(concepts).values.compactMap { c -> ConceptOverviewLine? in
            guard let def = catalog.definition(c.response.instrumentId, version: c.response.instrumentVersion),
                let q = def.part(c.response.partId)?.question(c.answer.questionId)
            else { return nil }
            let withheld = c.answer.sensitive && !mayReadSensitive
            return ConceptOverviewLine(concept: c.concept, question: q, display: withheld ? "" : c.answer.value.display(for: q), source: c, withheld: withheld)
        }.sorted { $0.concept < $1.concept }
    }

    // MARK: Shared under consent

    public var today: LocalDate { LocalDate(clock.now()) }

    func personConsents(_ personId: UUID) async throws -> [Consent] {
        try await consents?.consents(personId: personId) ?? []
    }

    /// The other committees' responses (not superseded) that the actor sees under the person's consents, and
    /// their answers with a concept. Which ones is `ConsentSharing`'s rule; the enrolment plays no part.
    func sharedConcepts(personId: UUID, _ actor: Actor, consents cs: [Consent]) async throws -> (responses: [AssessmentResponse], concepts: [ConceptAnswer]) {
        var responses: [AssessmentResponse] = []
        var concepts: [ConceptAnswer] = []
        for owner in ConsentSharing.counterparts(cs, viewerCommittee: actor.user.committeeId) {
            let visible = try await store.responses(personId: personId, committeeId: owner).filter {
                $0.status != .superseded && ConsentSharing.sees($0, viewer: actor.user, consents: cs, on: today)
            }
            guard !visible.isEmpty else { continue }
            responses += visible
            concepts += ConceptAnswer.join(try await store.answersWithConcept(personId: personId, committeeId: owner), visible)
        }
        return (responses, concepts)
    }

    /// The other committee's parts the actor sees for the person under consent, newest first, read only. One
    /// logged read (`assessment.list`, detail "consent") when any is shown.
    public func sharedResponses(personId: UUID, by actor: Actor) async throws -> [AssessmentResponse] {
        guard AccessPolicy.allows(actor.user.role, .readAssessment) else { throw DomainError.forbidden }
        try await requireFile(personId, actor, action: .assessmentList)
        let shown = try await sharedConcepts(personId: personId, actor, consents: try await personConsents(personId)).responses
            .sorted { ($0.completedAt ?? $0.updatedAt) > ($1.completedAt ?? $1.updatedAt) }
        if !shown.isEmpty { try await log.append([entry(actor, personId, .assessmentList, .allowed, "\(actor.channel) consent")]) }
        return shown
    }

    /// A response the actor may read: the own committee's, or the other's under a consent covering its part
    /// (`ConsentSharing`), when the actor's committee holds a file for the person. A denied read is logged with
    /// its reason and answered as not found.
    private func loadReadable(_ id: UUID, _ actor: Actor) async throws -> (AssessmentResponse, InstrumentDefinition, PartDefinition, [Consent]) {
        let action = AuditAction.assessmentRead
        guard AccessPolicy.allows(actor.user.role, .readAssessment) else {
            try await log.append([entry(actor, nil, action, .denied, "role")])
            throw DomainError.notFound
        }
        guard let response = try await store.response(id: id) else {
            try await log.append([entry(actor, nil, action, .denied, "no_such_response")])
            throw DomainError.notFound
        }
        let cs = try await personConsents(response.personId)
        if response.committeeId != actor.user.committeeId {
            guard try await persons.person(id: response.personId, committeeId: actor.user.committeeId) != nil else {
                try await log.append([entry(actor, response.personId, action, .denied, "not_in_committee")])
                throw DomainError.notFound
            }
            guard response.status != .superseded, let kind = SharedRecordKind.of(instrumentId: response.instrumentId, partId: response.partId) else {
                try await log.append([entry(actor, response.personId, action, .denied, "not_in_committee")])
                throw DomainError.notFound
            }
            if let refusal = ConsentSharing.refusal(
                kind, owner: response.committeeId, ownerUnit: response.unitId, viewerCommittee: actor.user.committeeId, viewerUnit: actor.user.unitId,
                consents: cs, on: today)
            {
                try await log.append([entry(actor, response.personId, action, .denied, refusal.rawValue)])
                throw DomainError.notFound
            }
        }
        guard let definition = catalog.definition(response.instrumentId, version: response.instrumentVersion),
            let part = definition.part(response.partId)
        else { throw DomainError(.unavailable, "Bedömningens definition saknas.") }
        return (response, definition, part, cs)
    }

    // MARK: Save

    /// Saves answers to a draft. `answers` maps question id to a value, or nil to clear it. All are
    /// checked before anything is written: an unknown question, a value of the wrong type or an answer
    /// to a question hidden by branching fails the whole save with a message per question.
    /// Answers of questions that the new answers hide are removed.
    public func save(responseId: UUID, expectedVersion: Int?, answers input: [String: AnswerValue?], by actor: Actor) async throws -> AssessmentResponse {
        let (response, _, part) = try await load(responseId, actor, action: .assessmentWrite, logAllowed: false)
        try requireEditable(response, part, actor)
        let existing = try await store.answers(responseId: responseId)
        var merged = Dictionary(uniqueKeysWithValues: existing.map { ($0.questionId, $0.value) })
        var errors = Self.problems(input, in: part)
        for (qid, value) in input where part.question(qid) != nil { merged[qid] = value }
        let visible = Branching.visibleAnswers(in: part, answers: merged)
        for (qid, value) in input where value != nil && part.question(qid) != nil && visible[qid] == nil {
            errors.append(FieldError(field: qid, message: "Frågan visas inte utifrån de tidigare svaren och kan inte besvaras."))
        }
        if !errors.isEmpty {
            try await log.append([entry(actor, response.personId, .assessmentWrite, .denied, "invalid")])
            throw DomainError(.invalid, "Svaren sparades inte.", fields: Self.ordered(errors, in: part))
        }
        let now = clock.now()
        // Pre-filled answers the user kept keep their source.
        let ownConcepts = try await store.conceptAnswers(personId: response.personId, committeeId: response.committeeId)
        let shared = try await sharedConcepts(personId: response.personId, actor, consents: try await personConsents(response.personId)).concepts
        let latest = Self.latestByConcept((ownConcepts + shared).filter { $0.response.id != response.id })
        let before = Dictionary(uniqueKeysWithValues: existing.map { ($0.questionId, $0) })
        var upserts: [StoredAnswer] = []
        for (qid, value) in visible {
            guard let q = part.question(qid) else { continue }
            if let old = before[qid], old.value == value { continue }
            let source = q.concept.flatMap { latest[$0] }.flatMap { $0.answer.value == value ? $0.response.id : nil }
            upserts.append(
                StoredAnswer(
                    responseId: responseId, questionId: qid, concept: q.concept, value: value, sensitive: q.sensitive, answeredAt: now,
                    answeredBy: actor.user.id, sourceResponseId: source))
        }
        let deletes = before.keys.filter { visible[$0] == nil }.sorted()
        let changed = (upserts.map(\.questionId) + deletes).sorted()
        return try await store.saveAnswers(
            responseId: responseId, expectedVersion: expectedVersion, upserts: upserts, deletes: deletes, activity: Activity(at: now),
            audit: entry(actor, response.personId, .assessmentWrite, .allowed, actor.channel, after: Self.json(["questions": changed])))
    }

    /// Saves answers as they arrive in JSON: each is read as its question's type first; a value of the
    /// wrong type is reported for its question like any other invalid answer, and nothing is saved.
    public func save(responseId: UUID, expectedVersion: Int?, raw: [String: RawAnswer], by actor: Actor) async throws -> AssessmentResponse {
        guard let response = try await store.response(id: responseId), response.committeeId == actor.user.committeeId,
            let part = catalog.definition(response.instrumentId, version: response.instrumentVersion)?.part(response.partId)
        else {
            // The full check (and its log row) happens in `save`.
            return try await save(responseId: responseId, expectedVersion: expectedVersion, answers: [:], by: actor)
        }
        var answers: [String: AnswerValue?] = [:]
        var errors: [FieldError] = []
        for (qid, value) in raw {
            guard let q = part.question(qid) else {
                answers[qid] = .some(.declined)  // reported as an unknown question by `save`
                errors.append(FieldError(field: qid, message: "Frågan finns inte i den här delen."))
                continue
            }
            do { answers[qid] = .some(try q.read(value)) } catch { errors.append(FieldError(field: qid, message: error.message)) }
        }
        if !errors.isEmpty {
            if Self.mayFill(part, actor), response.status == .draft {
                try await log.append([entry(actor, response.personId, .assessmentWrite, .denied, "invalid")])
                throw DomainError(.invalid, "Svaren sparades inte.", fields: Self.ordered(errors, in: part))
            }
        }
        return try await save(responseId: responseId, expectedVersion: expectedVersion, answers: answers, by: actor)
    }

    /// Completes a draft: every shown required question must have an answer. The part is then locked.
    public func complete(responseId: UUID, expectedVersion: Int?, by actor: Actor) async throws -> AssessmentResponse {
        let (response, _, part) = try await load(responseId, actor, action: .assessmentComplete, logAllowed: false)
        try requireEditable(response, part, actor)
        let answers = try await store.answers(responseId: responseId)
        let saved = Branching.visibleAnswers(in: part, answers: Dictionary(uniqueKeysWithValues: answers.map { ($0.questionId, $0.value) }))
        let missing = part.questions.filter { $0.required && Branching.isEnabled($0, answers: saved) && saved[$0.id] == nil }
        guard missing.isEmpty else {
            throw DomainError(
                .invalid, "Delen kan inte slutföras: \(missing.count == 1 ? "en obligatorisk fråga saknar" : "\(missing.count) obligatoriska frågor saknar") svar.",
                fields: missing.map { FieldError(field: $0.id, message: "Frågan är obligatorisk: \($0.text)") })
        }
        let acute = acuteRules.map { rules in
            let instrumentId = response.instrumentId
            let personId = response.personId
            let audit = entry(actor, personId, .acuteNeedDetect, .allowed, nil)
            return AcuteCheck(
                ruleVersion: rules.version,
                evaluate: { stored in Self.acuteRuleIds(rules, instrumentId: instrumentId, part: part, answers: stored) }, newId: newId(),
                audit: { ids in
                    AccessLogEntry(
                        at: audit.at, requestId: audit.requestId, actor: actor.user, personId: personId, action: .acuteNeedDetect, outcome: .allowed,
                        detail: "rules:" + ids.joined(separator: ","))
                })
        }
        let done = try await store.complete(
            responseId: responseId, expectedVersion: expectedVersion, by: actor.user.id, activity: Activity(at: clock.now()),
            audit: entry(actor, response.personId, .assessmentComplete, .allowed, actor.channel), acute: acute)
        if let acuteRules, let taskJob, !Self.acuteRuleIds(acuteRules, instrumentId: response.instrumentId, part: part, answers: answers).isEmpty {
            // A failure here never undoes the completion: the periodic job makes the task.
            _ = try? await taskJob.run(personId: response.personId)
        }
        return done
    }

    /// The acute-need rules that hold for a part's stored answers (those shown by branching).
    public static func acuteRuleIds(_ rules: AcuteNeedRuleSet, instrumentId: String, part: PartDefinition, answers: [StoredAnswer]) -> [String] {
        let visible = Branching.visibleAnswers(in: part, answers: Dictionary(answers.map { ($0.questionId, $0.value) }, uniquingKeysWith: { a, _ in a }))
        var concepts: [String: String] = [:]
        for q in part.questions { if let c = q.concept, visible[q.id] != nil { concepts[q.id] = c } }
        return AcuteNeedRules.evaluate(rules, AcuteAnswers(instrumentId: instrumentId, values: visible, concepts: concepts))
    }

    /// Starts a correction of a completed part: a new draft revision with the answers carried over.
    public func revise(responseId: UUID, reason: String, by actor: Actor) async throws -> AssessmentResponse {
        let (response, _, part) = try await load(responseId, actor, action: .assessmentRevise, logAllowed: false)
        guard Self.mayFill(part, actor) else { throw Self.notOwner(part) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.revisionReasonLength.contains(reason.count) else {
            throw DomainError.invalid([FieldError(field: "reason", message: "Skriv varför delen rättas (3–500 tecken).")])
        }
        guard response.status == .completed else {
            throw DomainError(.conflict, response.status == .draft ? "Delen är inte slutförd än; ändra svaren direkt." : "Det finns en senare version av delen; rätta den i stället.")
        }
        let now = clock.now()
        let revision = AssessmentResponse(
            id: newId(), personId: response.personId, committeeId: response.committeeId, unitId: actor.user.unitId, instrumentId: response.instrumentId,
            instrumentVersion: response.instrumentVersion, partId: response.partId, status: .draft, revision: response.revision + 1,
            replacesId: response.id, revisionReason: reason, startedBy: actor.user.id, startedAt: now, updatedAt: now, completedAt: nil,
            completedBy: nil, activeMilliseconds: 0, lastActivityAt: now, version: 1)
        return try await store.revise(
            revision, of: response.id,
            audit: entry(actor, response.personId, .assessmentRevise, .allowed, actor.channel, after: Self.json(["reason": reason])))
    }

    /// A sign of life from an open page, so active time is counted while the person is being interviewed.
    public func heartbeat(responseId: UUID, by actor: Actor) async throws {
        guard let response = try await store.response(id: responseId), response.committeeId == actor.user.committeeId,
            response.status == .draft, let part = catalog.definition(response.instrumentId, version: response.instrumentVersion)?.part(response.partId),
            part.owner == actor.unitKind
        else { return }
        try await store.recordActivity(responseId: responseId, activity: Activity(at: clock.now()))
    }

    // MARK: Figures

    public struct PartTime: Sendable, Equatable {
        public let instrumentTitle: String
        public let instrumentVersion: Int
        public let partTitle: String
        public let completed: Int
        public let medianMilliseconds: Double
    }

    /// The median active time per part and instrument version for the user's unit.
    public func unitTimes(by actor: Actor) async throws -> [PartTime] {
        guard AccessPolicy.allows(actor.user.role, .viewUnitStatistics) else { throw DomainError.forbidden }
        let times = try await store.completionTimes(unitId: actor.user.unitId)
        let groups = Dictionary(grouping: times) { "\($0.instrumentId)\u{1}\($0.instrumentVersion)\u{1}\($0.partId)" }
        return groups.values.compactMap { g -> PartTime? in
            guard let f = g.first, let def = catalog.definition(f.instrumentId, version: f.instrumentVersion), let part = def.part(f.partId),
                let median = Statistics.median(g.map(\.activeMilliseconds))
            else { return nil }
            return PartTime(instrumentTitle: def.title, instrumentVersion: def.version, partTitle: part.title, completed: g.count, medianMilliseconds: median)
        }.sorted { ($0.instrumentTitle, $0.instrumentVersion, $0.partTitle) < ($1.instrumentTitle, $1.instrumentVersion, $1.partTitle) }
    }

    // MARK: Helpers

    static func notOwner(_ part: PartDefinition) -> DomainError {
        DomainError(.conflict, "Delen fylls i av \(part.owner.swedishName.lowercased()); din enhet kan inte ändra den.")
    }

    private func requireEditable(_ response: AssessmentResponse, _ part: PartDefinition, _ actor: Actor) throws {
        guard Self.mayFill(part, actor) else { throw Self.notOwner(part) }
        guard response.status == .draft else {
            throw DomainError(.conflict, "Delen är slutförd och låst. Välj ”Rätta” för att göra en ny version med en motivering.")
        }
    }

    /// The person must have a file in the user's committee; otherwise it is as if nothing is there.
    private func requireFile(_ personId: UUID, _ actor: Actor, action: AuditAction) async throws {
        guard try await persons.person(id: personId, committeeId: actor.user.committeeId) != nil else {
            try await log.append([entry(actor, personId, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
    }

    /// Loads a response the user may read, logging the access (a denied one as if the response did not exist).
    private func load(_ id: UUID, _ actor: Actor, action: AuditAction, logAllowed: Bool = true) async throws
        -> (AssessmentResponse, InstrumentDefinition, PartDefinition)
    {
        guard AccessPolicy.allows(actor.user.role, .readAssessment) else {
            try await log.append([entry(actor, nil, action, .denied, "role")])
            throw DomainError.notFound
        }
        guard let response = try await store.response(id: id) else {
            try await log.append([entry(actor, nil, action, .denied, "no_such_response")])
            throw DomainError.notFound
        }
        guard response.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, response.personId, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        guard let definition = catalog.definition(response.instrumentId, version: response.instrumentVersion),
            let part = definition.part(response.partId)
        else { throw DomainError(.unavailable, "Bedömningens definition saknas.") }
        if logAllowed { try await log.append([entry(actor, response.personId, action, .allowed, actor.channel)]) }
        return (response, definition, part)
    }

    static func latestByConcept(_ answers: [ConceptAnswer]) -> [String: ConceptAnswer] {
        var latest: [String: ConceptAnswer] = [:]
        for a in answers {
            if let current = latest[a.concept], current.answer.answeredAt >= a.answer.answeredAt { continue }
            latest[a.concept] = a
        }
        return latest
    }

    /// What is wrong with answers on their own (an unknown question, a value the question does not take),
    /// before the stored answers and branching are looked at. A form reports these together with the
    /// answers it could not read, so every error of a save is said at once.
    public static func problems(_ input: [String: AnswerValue?], in part: PartDefinition) -> [FieldError] {
        var errors: [FieldError] = []
        for (qid, value) in input.sorted(by: { $0.key < $1.key }) {
            guard let q = part.question(qid) else {
                errors.append(FieldError(field: qid, message: "Frågan finns inte i den här delen."))
                continue
            }
            if let value, let problem = q.problem(with: value) { errors.append(FieldError(field: qid, message: problem)) }
        }
        return errors
    }

    public static func ordered(_ errors: [FieldError], in part: PartDefinition) -> [FieldError] {
        let order = Dictionary(uniqueKeysWithValues: part.questions.enumerated().map { ($1.id, $0) })
        return errors.sorted { (order[$0.field] ?? Int.max, $0.field) < (order[$1.field] ?? Int.max, $1.field) }
    }

    static func json(_ value: [String: any Sendable]) -> String {
        (try? String(decoding: JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)) ?? "{}"
    }

    private func entry(_ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?, after: String? = nil)
        -> AccessLogEntry
    {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail, after: after)
    }
}
