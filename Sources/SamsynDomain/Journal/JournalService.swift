import Foundation

/// The journal's use cases: read a person's journal, write a draft, change it, sign it, correct a signed note.
/// Secrecy and consent are decided here (`JournalRules`); every read and change writes an access-log row, and
/// the note's text never goes into the log (its rows carry the note's id, kind and date only).
public struct JournalService: Sendable {
    let store: any JournalStore
    let persons: any PersonStore
    let consents: any CaseFlowStore
    let log: any AccessLog
    let clock: any Clock
    let newId: @Sendable () -> UUID

    public init(
        store: any JournalStore, persons: any PersonStore, consents: any CaseFlowStore, log: any AccessLog, clock: any Clock,
        newId: @escaping @Sendable () -> UUID = { UUID() }
    ) {
        self.store = store
        self.persons = persons
        self.consents = consents
        self.log = log
        self.clock = clock
        self.newId = newId
    }

    public var today: LocalDate { LocalDate(clock.now()) }

    /// What the journal page shows the reader.
    public struct Journal: Sendable {
        public let person: Person
        public let entries: [JournalEntry]
        /// Whether some of the notes are the other committee's, read under consent.
        public let sharedUnderConsent: Bool
        public let capabilities: JournalCapabilities
    }

    /// The person's journal as the actor may see it, newest first; one logged read (`journal.read`, detail the
    /// channel, or `print` for the printable page).
    public func journal(personId: UUID, print: Bool = false, by actor: Actor) async throws -> Journal {
        let person = try await visiblePerson(personId, actor, .journalRead)
        guard JournalRules.mayRead(actor.user) else {
            try await log.append([entry(actor, personId, .journalRead, .denied, "role")])
            throw DomainError.forbidden
        }
        async let all = store.notes(personId: personId)
        async let allConsents = consents.consents(personId: personId)
        let (notes, cs) = try await (all, allConsents)
        let day = today
        let visible = notes.filter { JournalRules.visible($0, to: actor.user, consents: cs, on: day) }
        let shared = visible.contains { $0.committeeId != actor.user.committeeId }
        try await log.append([entry(actor, personId, .journalRead, .allowed, print ? "print" : (shared ? "\(actor.channel) consent" : actor.channel))])
        return Journal(person: person, entries: JournalEntry.entries(visible), sharedUnderConsent: shared, capabilities: JournalCapabilities(actor.user))
    }

    /// One note the actor may see (the draft's edit page, the correction form), with a logged read.
    public func note(id: UUID, by actor: Actor) async throws -> (note: JournalNote, person: Person) {
        let (n, person) = try await visibleNote(id, actor, .journalRead)
        try await log.append([entry(actor, n.personId, .journalRead, .allowed, actor.channel, after: Self.audit(n))])
        return (n, person)
    }

    /// Writes a new draft in the actor's committee's file; with `corrects`, a correction of a signed note.
    public func write(personId: UUID, _ input: JournalInput, corrects: UUID? = nil, by actor: Actor) async throws -> JournalNote {
        let action: AuditAction = corrects == nil ? .journalCreate : .journalCorrect
        try await requireWriter(actor, personId, action)
        try await visiblePerson(personId, actor, action)
        if let corrects {
            guard let original = try await store.note(id: corrects), original.personId == personId else {
                try await log.append([entry(actor, personId, action, .denied, "no_such_note")])
                throw DomainError.notFound
            }
            do { try JournalRules.checkCorrectable(original, by: actor.user) } catch {
                try await log.append([entry(actor, personId, action, .denied, original.isSigned ? "not_in_committee" : "not_signed")])
                throw error
            }
        }
        let v: (kind: JournalNote.Kind, eventDate: LocalDate, text: String)
        switch JournalRules.validate(input, today: today) {
        case .success(let ok): v = ok
        case .failure(let e): throw e
        }
        let now = clock.now()
        let n = JournalNote(
            id: newId(), personId: personId, committeeId: actor.user.committeeId, unitId: actor.user.unitId, kind: v.kind, eventDate: v.eventDate, text: v.text,
            authorId: actor.user.id, authorName: actor.user.displayName, createdAt: now, correctsId: corrects)
        try await store.addNote(n, audit: entry(actor, personId, action, .allowed, actor.channel, after: Self.audit(n)))
        return n
    }

    /// Writes a correction of a signed note of the actor's committee: a new draft that points to it.
    public func correct(id: UUID, _ input: JournalInput, by actor: Actor) async throws -> JournalNote {
        try await requireWriter(actor, nil, .journalCorrect)
        let (original, _) = try await visibleNote(id, actor, .journalCorrect)
        return try await write(personId: original.personId, input, corrects: id, by: actor)
    }

    /// Changes the actor's own draft. A signed note is refused with a conflict (and the attempt is logged), nothing saved.
    public func edit(id: UUID, _ input: JournalInput, expectedVersion: Int, by actor: Actor) async throws -> JournalNote {
        try await requireWriter(actor, nil, .journalEdit)
        let (n, _) = try await visibleNote(id, actor, .journalEdit)
        try await checkEditable(n, actor, .journalEdit)
        let v: (kind: JournalNote.Kind, eventDate: LocalDate, text: String)
        switch JournalRules.validate(input, today: today) {
        case .success(let ok): v = ok
        case .failure(let e): throw e
        }
        guard n.version == expectedVersion else { throw DomainError.stale }
        var after = n
        after.kind = v.kind
        after.eventDate = v.eventDate
        return try await store.updateDraft(
            id: id, kind: v.kind, eventDate: v.eventDate, text: v.text, at: clock.now(), expectedVersion: expectedVersion,
            audit: entry(actor, n.personId, .journalEdit, .allowed, actor.channel, before: Self.audit(n), after: Self.audit(after)))
    }

    /// Signs the actor's own draft: from now on it never changes.
    public func sign(id: UUID, expectedVersion: Int, by actor: Actor) async throws -> JournalNote {
        try await requireWriter(actor, nil, .journalSign)
        let (n, _) = try await visibleNote(id, actor, .journalSign)
        try await checkEditable(n, actor, .journalSign)
        guard n.version == expectedVersion else { throw DomainError.stale }
        var after = n
        after.signedAt = clock.now()
        return try await store.sign(
            id: id, at: clock.now(), byName: actor.user.displayName, expectedVersion: expectedVersion,
            audit: entry(actor, n.personId, .journalSign, .allowed, actor.channel, after: Self.audit(after)))
    }

    // MARK: Guards

    @discardableResult
    func visiblePerson(_ personId: UUID, _ actor: Actor, _ action: AuditAction) async throws -> Person {
        guard AccessPolicy.allows(actor.user.role, .readPerson),
            let found = try await persons.person(id: personId, committeeId: actor.user.committeeId)
        else {
            // Denied exactly like a missing person, so the other committee learns nothing; the log keeps the truth.
            try await log.append([entry(actor, personId, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return found.person
    }

    /// The note, when the actor may see it (consents included); otherwise a logged denial answered as not found.
    func visibleNote(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> (JournalNote, Person) {
        guard JournalRules.mayRead(actor.user) else {
            try await log.append([entry(actor, nil, action, .denied, "role")])
            throw DomainError.forbidden
        }
        guard let n = try await store.note(id: id) else {
            try await log.append([entry(actor, nil, action, .denied, "no_such_note")])
            throw DomainError.notFound
        }
        let person = try await visiblePerson(n.personId, actor, action)
        let cs = n.committeeId == actor.user.committeeId ? [] : try await consents.consents(personId: n.personId)
        guard JournalRules.visible(n, to: actor.user, consents: cs, on: today) else {
            try await log.append([entry(actor, n.personId, action, .denied, "not_visible")])
            throw DomainError.notFound
        }
        return (n, person)
    }

    func requireWriter(_ actor: Actor, _ personId: UUID?, _ action: AuditAction) async throws {
        guard JournalRules.mayWrite(actor.user) else {
            try await log.append([entry(actor, personId, action, .denied, "role")])
            throw DomainError.forbidden
        }
    }

    func checkEditable(_ n: JournalNote, _ actor: Actor, _ action: AuditAction) async throws {
        do {
            try JournalRules.checkEditable(n, by: actor.user)
        } catch let e as DomainError {
            try await log.append([entry(actor, n.personId, action, .denied, n.isSigned ? "signed" : "not_author", before: Self.audit(n))])
            throw e
        }
    }

    func entry(
        _ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?, before: String? = nil, after: String? = nil
    ) -> AccessLogEntry {
        AccessLogEntry(
            at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail, before: before,
            after: after)
    }

    /// What the access log keeps of a note: never its text.
    static func audit(_ n: JournalNote) -> String {
        var fields = ["\"noteId\":\"\(n.id.uuidString.lowercased())\"", "\"kind\":\"\(n.kind.rawValue)\"", "\"eventDate\":\"\(n.eventDate)\"", "\"signed\":\(n.isSigned)"]
        if let c = n.correctsId { fields.append("\"corrects\":\"\(c.uuidString.lowercased())\"") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// What the journal offers a user, from the same predicates the service guards with.
public struct JournalCapabilities: Equatable, Sendable {
    /// Write new notes and corrections in the own committee's file.
    public let canWrite: Bool
    let userId: UUID?
    let committeeId: String

    public init(_ u: StaffUser) {
        canWrite = JournalRules.mayWrite(u)
        userId = u.id
        committeeId = u.committeeId
    }

    public init(canWrite: Bool, userId: UUID?, committeeId: String) {
        self.canWrite = canWrite
        self.userId = userId
        self.committeeId = committeeId
    }

    /// The author changes and signs a draft.
    public func canEdit(_ n: JournalNote) -> Bool { canWrite && !n.isSigned && n.committeeId == committeeId && n.authorId == userId }
    /// Any writer of the owning committee corrects a signed note.
    public func canCorrect(_ n: JournalNote) -> Bool { canWrite && n.isSigned && n.committeeId == committeeId }
}
