import Foundation

/// The case from intake to closure, under the access rules: every record belongs to the committee that made
/// it; the other committee sees it only under an active consent whose scope covers it; every read and change
/// is in the access log; each change re-runs the task job for the person so task lists are current at once.
public struct CaseFlowService: Sendable {
    let store: any CaseFlowStore
    let persons: any PersonStore
    let organisation: any OrganisationStore
    let log: any AccessLog
    let clock: any Clock
    let newId: @Sendable () -> UUID
    public let classification: SupportObstacleClassification

    public init(
        store: any CaseFlowStore, persons: any PersonStore, organisation: any OrganisationStore, log: any AccessLog,
        clock: any Clock, classification: SupportObstacleClassification = .default, newId: @escaping @Sendable () -> UUID = { UUID() }
    ) {
        self.store = store
        self.persons = persons
        self.organisation = organisation
        self.log = log
        self.clock = clock
        self.classification = classification
        self.newId = newId
    }

    public var today: LocalDate { LocalDate(clock.now()) }

    /// The units that hold the district's side of a case, and the Jobbtorg units that hold the other.
    public static let districtUnits: Set<OrgUnit.Kind> = [.intake, .financialAid]
    public static let jobbtorgUnits: Set<OrgUnit.Kind> = [.jobbtorg, .jobbtorgResurs, .jobbstart]
    static let caseworkers: Set<Role> = [.intakeOfficer, .socialSecretary, .coach]

    public static func isDistrict(_ a: Actor) -> Bool { isDistrict(a.user) }
    public static func isJobbtorg(_ a: Actor) -> Bool { isJobbtorg(a.user) }
    public static func isDistrict(_ u: StaffUser) -> Bool { u.unitKind.map { districtUnits.contains($0) } ?? false }
    public static func isJobbtorg(_ u: StaffUser) -> Bool { u.unitKind.map { jobbtorgUnits.contains($0) } ?? false }
    /// Who has a task list: the caseworkers and managers of district and Jobbtorg units.
    public static func hasTaskList(_ u: StaffUser) -> Bool {
        (isDistrict(u) || isJobbtorg(u)) && (caseworkers.contains(u.role) || u.role == .unitManager)
    }

    /// The person, when the actor's committee holds a file; otherwise a logged denial answered as not found.
    @discardableResult
    func visiblePerson(_ personId: UUID, _ actor: Actor, _ action: AuditAction) async throws -> Person {
        guard AccessPolicy.allows(actor.user.role, .readPerson),
            let found = try await persons.person(id: personId, committeeId: actor.user.committeeId)
        else {
            try await log.append([entry(actor, personId, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return found.person
    }

    func entry(_ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?, before: String? = nil, after: String? = nil) -> AccessLogEntry {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail, before: before, after: after)
    }

    /// Re-runs the task job for the person after a change. A failure here never undoes the change: the
    /// periodic job catches up.
    func refreshTasks(_ personId: UUID) async {
        _ = try? await TaskJob(store: store, clock: clock).run(personId: personId)
    }

    static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

    // MARK: Case, försörjningshinder, aid months

    public struct OpenCase: Sendable {
        public var source: String, channel: String, openedOn: String
        public init(source: String, channel: String, openedOn: String) {
            self.source = source
            self.channel = channel
            self.openedOn = openedOn
        }
    }

    /// Aktualisering: opens the district's case for the person, with the user as responsible worker.
    public func openCase(personId: UUID, _ input: OpenCase, by actor: Actor) async throws -> DistrictCase {
        try require(.openCase, actor)
        try await visiblePerson(personId, actor, .caseOpen)
        var errors: [FieldError] = []
        let source = DistrictCase.Source(rawValue: input.source)
        if source == nil { errors.append(FieldError(field: "source", message: "Välj hur ärendet aktualiserades.")) }
        let channel = DistrictCase.Channel(rawValue: input.channel)
        if channel == nil { errors.append(FieldError(field: "channel", message: "Välj kontaktväg.")) }
        let dateText = Self.trimmed(input.openedOn)
        let opened = dateText.isEmpty ? today : LocalDate(dateText)
        if let opened {
            if opened > today { errors.append(FieldError(field: "openedOn", message: "Aktualiseringsdatumet kan inte ligga i framtiden.")) }
        } else {
            errors.append(FieldError(field: "openedOn", message: "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        guard errors.isEmpty, let source, let channel, let opened else { throw DomainError.invalid(errors) }
        let c = DistrictCase(
            id: newId(), personId: personId, committeeId: actor.user.committeeId, unitId: actor.user.unitId, responsibleUserId: actor.user.id, openedOn: opened,
            source: source, channel: channel, createdAt: clock.now())
        try await store.openCase(c, audit: entry(actor, personId, .caseOpen, .allowed, "\(source.rawValue) \(channel.rawValue)"))
        await refreshTasks(personId)
        return c
    }

    public func addObstacle(personId: UUID, adult: String, code: String, judgedOn: String, by actor: Actor) async throws -> SupportObstacle {
        try require(.recordObstacles, actor)
        try await visiblePerson(personId, actor, .caseObstacle)
        guard let c = try await store.cases(personId: personId).first(where: { $0.committeeId == actor.user.committeeId && $0.status == .active }) else {
            throw DomainError(.conflict, "Personen har inget öppet ärende hos er. Registrera aktualiseringen först.")
        }
        var errors: [FieldError] = []
        let a = SupportObstacle.Adult(rawValue: adult)
        if a == nil { errors.append(FieldError(field: "adult", message: "Välj vilken vuxen försörjningshindret gäller.")) }
        if classification.entry(code) == nil { errors.append(FieldError(field: "code", message: "Välj ett försörjningshinder ur klassificeringen.")) }
        let t = Self.trimmed(judgedOn)
        let date = t.isEmpty ? today : LocalDate(t)
        if let date { if date > today { errors.append(FieldError(field: "judgedOn", message: "Bedömningsdatumet kan inte ligga i framtiden.")) } }
        else { errors.append(FieldError(field: "judgedOn", message: "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns).")) }
        guard errors.isEmpty, let a, let date else { throw DomainError.invalid(errors) }
        let o = SupportObstacle(id: newId(), caseId: c.id, personId: personId, adult: a, code: code, judgedOn: date, recordedBy: actor.user.displayName)
        try await store.addObstacle(o, audit: entry(actor, personId, .caseObstacle, .allowed, code))
        return o
    }

    /// Adds months with försörjningsstöd (`YYYY-MM`, separated by spaces or commas).
    public func addAidMonths(personId: UUID, months text: String, by actor: Actor) async throws -> Set<String> {
        try require(.recordAidMonths, actor)
        try await visiblePerson(personId, actor, .caseAidMonths)
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
        var months: [String] = []
        var bad: [String] = []
        let current = today.monthKey
        for p in parts {
            if let m = AidMonths.parseMonth(p), m <= current { months.append(m) } else { bad.append(p) }
        }
        if parts.isEmpty || !bad.isEmpty {
            let msg = parts.isEmpty ? "Ange minst en månad som ÅÅÅÅ-MM." : "Månaderna ska skrivas som ÅÅÅÅ-MM och inte ligga i framtiden: \(bad.prefix(3).joined(separator: ", ")) går inte."
            throw DomainError.invalid([FieldError(field: "months", message: msg)])
        }
        try await store.addAidMonths(personId: personId, committeeId: actor.user.committeeId, months: months, audit: entry(actor, personId, .caseAidMonths, .allowed, "\(months.count)"))
        return try await store.aidMonths(personId: personId, committeeId: actor.user.committeeId)
    }

    // MARK: Consent

    public struct RecordConsent: Sendable {
        public var recipient: String, scopes: [String], purpose: String, validFrom: String, validTo: String, method: String
        public init(recipient: String, scopes: [String], purpose: String, validFrom: String, validTo: String, method: String) {
            self.recipient = recipient
            self.scopes = scopes
            self.purpose = purpose
            self.validFrom = validFrom
            self.validTo = validTo
            self.method = method
        }
    }

    /// Where a consent may send information: the labour-market committee as a whole or one of its units.
    public func consentRecipients() async throws -> [(value: String, label: String)] {
        let committees = try await organisation.committees().filter { $0.kind == .labourMarket }
        let units = try await organisation.units()
        var out: [(String, String)] = []
        for c in committees {
            out.append((c.id, "\(c.name) (alla Jobbtorg)"))
            for u in units where u.committeeId == c.id && Self.jobbtorgUnits.contains(u.kind) { out.append((c.id + "/" + u.id, "\(c.name): \(u.name)")) }
        }
        return out
    }

    public func recordConsent(personId: UUID, _ input: RecordConsent, by actor: Actor) async throws -> Consent {
        try require(.recordConsent, actor)
        try await visiblePerson(personId, actor, .consentRecord)
        let parts = input.recipient.split(separator: "/", maxSplits: 1).map(String.init)
        let committee = try await parts.first.asyncFlatMap { id in try await organisation.committees().first { $0.id == id && $0.kind == .labourMarket } }
        var unitId: String?
        var recipientKnown = committee != nil
        if parts.count == 2 {
            let u = try await organisation.unit(id: parts[1])
            if u?.committeeId != committee?.id { recipientKnown = false } else { unitId = u?.id }
        }
        let scopes = Set(input.scopes.compactMap(Consent.Scope.init(rawValue:)))
        let unknownScope = input.scopes.contains { Consent.Scope(rawValue: $0) == nil }
        let fromText = Self.trimmed(input.validFrom), toText = Self.trimmed(input.validTo)
        let from = fromText.isEmpty ? nil : LocalDate(fromText)
        let to = toText.isEmpty ? nil : LocalDate(toText)
        let method = Consent.Method(rawValue: input.method)
        var errors = ConsentRules.validate(
            scopes: scopes, purpose: input.purpose, validFrom: from, validTo: to, fromText: fromText, toText: toText, method: method, recipientKnown: recipientKnown,
            today: today)
        if unknownScope { errors.append(FieldError(field: "scopes", message: "En vald uppgiftstyp finns inte.")) }
        guard errors.isEmpty, let committee, let from, let to, let method else { throw DomainError.invalid(errors) }
        let c = Consent(
            id: newId(), personId: personId, committeeId: actor.user.committeeId, recipientCommitteeId: committee.id, recipientUnitId: unitId, scopes: scopes,
            purpose: Self.trimmed(input.purpose), validFrom: from, validTo: to, method: method, recordedBy: actor.user.id, recordedByName: actor.user.displayName,
            recordedAt: clock.now())
        try await store.addConsent(
            c,
            audit: entry(
                actor, personId, .consentRecord, .allowed, committee.id,
                after: "{\"scopes\":\"\(scopes.sorted().map(\.rawValue).joined(separator: ","))\",\"validFrom\":\"\(from)\",\"validTo\":\"\(to)\"}"))
        await refreshTasks(personId)
        return c
    }

    /// The consents shown on the person page, as part of a person read the caller has already logged
    /// (`PersonDirectory.read`): no second log row.
    public func consentsWithinRead(personId: UUID, by actor: Actor) async throws -> [Consent] {
        let own = actor.user.committeeId
        return try await store.consents(personId: personId).filter { $0.committeeId == own || $0.recipientCommitteeId == own }.sorted { $0.recordedAt > $1.recordedAt }
    }

    /// Withdrawal takes effect at once: every read under the consent is refused from now on.
    public func withdrawConsent(id: UUID, expectedVersion: Int, by actor: Actor) async throws -> Consent {
        try require(.withdrawConsent, actor)
        guard let c = try await store.consent(id: id), c.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .consentWithdraw, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        guard c.withdrawnAt == nil else { throw DomainError(.conflict, "Samtycket är redan återkallat.") }
        let w = try await store.withdrawConsent(
            id: id, at: clock.now(), byName: actor.user.displayName, expectedVersion: expectedVersion, audit: entry(actor, c.personId, .consentWithdraw, .allowed, c.recipientCommitteeId))
        await refreshTasks(c.personId)
        return w
    }
}

extension Optional {
    func asyncFlatMap<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}
