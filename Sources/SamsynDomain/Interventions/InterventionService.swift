import Foundation

/// Queueing, offering and answering places, under the access rules: a caseworker queues a person their
/// committee holds a file for; the entry is that committee's record; every step is logged.
public struct InterventionService: Sendable {
    let store: any InterventionStore
    let persons: any PersonStore
    let log: any AccessLog
    let clock: any Clock
    let newId: @Sendable () -> UUID

    public init(store: any InterventionStore, persons: any PersonStore, log: any AccessLog, clock: any Clock, newId: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.persons = persons
        self.log = log
        self.clock = clock
        self.newId = newId
    }

    /// A queue entry the user's committee owns, with the person's name, for the queue page.
    public struct QueueLine: Sendable {
        public let entry: QueueEntry
        /// 1-based position among everyone waiting for the intervention (all committees).
        public let position: Int?
        public let person: PersonSummary
    }

    public func enqueue(personId: UUID, interventionId: String, districtId: String?, priorityReason: String?, by actor: Actor) async throws -> QueueEntry {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        guard let found = try await persons.person(id: personId), AccessPolicy.canSee(files: found.files, committeeId: actor.user.committeeId) else {
            try await log.append([entry(actor, personId, "intervention.enqueue", .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        guard try await store.intervention(id: interventionId) != nil else {
            throw DomainError.invalid([FieldError(field: "intervention", message: "Välj en insats i katalogen.")])
        }
        let reason = priorityReason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmptyValue
        let errors = QueueEntry.validatePriorityReason(reason)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        // A district's own people count against its allotment; Jobbtorg names the district the person belongs to.
        let district = districtId ?? actor.user.committeeId
        let e = QueueEntry(
            id: newId(), interventionId: interventionId, personId: personId, committeeId: actor.user.committeeId, unitId: actor.user.unitId,
            districtId: district, queuedAt: clock.now(), priorityReason: reason)
        try await store.enqueue(e, audit: entry(actor, personId, "intervention.enqueue", .allowed, interventionId))
        return e
    }

    /// The user's committee's entries in the intervention's queue, in queue order, each read logged.
    public func queue(interventionId: String, by actor: Actor) async throws -> [QueueLine] {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        let all = try await store.queue(interventionId: interventionId)
        var position = 0
        var positions: [UUID: Int] = [:]
        for e in all where e.status == .waiting {
            position += 1
            positions[e.id] = position
        }
        let own = all.filter { $0.committeeId == actor.user.committeeId }
        var lines: [QueueLine] = []
        for e in own {
            guard let p = try await persons.person(id: e.personId)?.person else { continue }
            lines.append(
                QueueLine(
                    entry: e, position: positions[e.id],
                    person: PersonSummary(id: p.id, identityNumber: p.identityNumber, firstName: p.firstName, lastName: p.lastName, protectedIdentity: p.protectedIdentity)))
        }
        if !lines.isEmpty {
            try await log.append(lines.map { entry(actor, $0.person.id, "intervention.queue_hit", .allowed, interventionId) })
        }
        return lines
    }

    public func offer(entryId: UUID, by actor: Actor) async throws -> QueueEntry {
        let e = try await ownEntry(entryId, actor, "intervention.offer")
        return try await store.offer(entryId: e.id, at: clock.now(), audit: entry(actor, e.personId, "intervention.offer", .allowed, e.interventionId))
    }

    public func answer(entryId: UUID, accept: Bool, by actor: Actor) async throws -> QueueEntry {
        let e = try await ownEntry(entryId, actor, accept ? "intervention.accept" : "intervention.decline")
        return try await store.decide(
            entryId: e.id, accept: accept, at: clock.now(),
            audit: entry(actor, e.personId, accept ? "intervention.accept" : "intervention.decline", .allowed, e.interventionId))
    }

    private func ownEntry(_ id: UUID, _ actor: Actor, _ action: String) async throws -> QueueEntry {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        guard let e = try await store.entry(id: id), e.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return e
    }

    private func entry(_ actor: Actor, _ personId: UUID?, _ action: String, _ outcome: AccessLogEntry.Outcome, _ detail: String?) -> AccessLogEntry {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail)
    }
}

extension String {
    var nonEmptyValue: String? { isEmpty ? nil : self }
}
