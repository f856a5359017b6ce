import Foundation

/// Queueing, offering and answering places, under the access rules: a caseworker queues a person their
/// committee holds a file for; the entry is that committee's record; every step is logged.
public struct InterventionService: Sendable {
    let store: any InterventionStore
    let persons: any PersonStore
    let log: any AccessLog
    let clock: any Clock
    let newId: @Sendable () -> UUID
    /// Where the districts a queue entry may name are looked up (nil: not checked, as in store tests).
    let organisation: (any OrganisationStore)?
    /// Where a lapsed offer's task is kept (nil: no tasks, as in store tests).
    let flow: (any CaseFlowStore)?

    public init(
        store: any InterventionStore, persons: any PersonStore, log: any AccessLog, clock: any Clock, organisation: (any OrganisationStore)? = nil,
        flow: (any CaseFlowStore)? = nil, newId: @escaping @Sendable () -> UUID = { UUID() }
    ) {
        self.flow = flow
        self.organisation = organisation
        self.store = store
        self.persons = persons
        self.log = log
        self.clock = clock
        self.newId = newId
    }

    public func enqueue(personId: UUID, interventionId: String, districtId: String?, priorityReason: String?, by actor: Actor) async throws -> QueueEntry {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        guard try await persons.person(id: personId, committeeId: actor.user.committeeId) != nil else {
            try await log.append([entry(actor, personId, .interventionEnqueue, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        guard try await store.intervention(id: interventionId) != nil else {
            throw DomainError.invalid([FieldError(field: "intervention", message: "Välj en insats i katalogen.")])
        }
        let reason = priorityReason?.trimmingCharacters(in: .whitespacesAndNewlines).nonEmptyValue
        var errors = QueueEntry.validatePriorityReason(reason)
        // An unknown district would fail in the database; it is the caller's mistake, said at the field.
        if let districtId, let organisation, try await !organisation.committees().contains(where: { $0.id == districtId && $0.kind == .district }) {
            errors.append(FieldError(field: "districtId", message: "Välj ett stadsdelsområde som finns."))
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        // A district's own people count against its allotment; Jobbtorg names the district the person belongs to.
        let district = districtId ?? actor.user.committeeId
        let e = QueueEntry(
            id: newId(), interventionId: interventionId, personId: personId, committeeId: actor.user.committeeId, unitId: actor.user.unitId,
            districtId: district, queuedAt: clock.now(), priorityReason: reason)
        try await store.enqueue(e, audit: entry(actor, personId, .interventionEnqueue, .allowed, interventionId))
        return e
    }

    /// One page of the user's committee's entries in the intervention's queue, in queue order; each person
    /// shown is a logged read.
    public func queue(interventionId: String, page: Int, pageSize: Int = queuePageSize, by actor: Actor) async throws -> QueuePageResult {
        try await queue(interventionId: interventionId, PageRequest(page: page, size: pageSize, defaultSize: Self.queuePageSize, maxSize: Self.maxQueuePageSize), by: actor)
    }

    public static let queuePageSize = 50
    public static let maxQueuePageSize = 200

    public func queue(interventionId: String, _ paging: PageRequest, by actor: Actor) async throws -> QueuePageResult {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        _ = try await lapseDueOffers()
        let result = try await store.queuePage(
            interventionId: interventionId, committeeId: actor.user.committeeId, offset: paging.offset, limit: paging.size)
        if !result.lines.isEmpty {
            try await log.append([
                .list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: result.lines.map(\.person.id), action: .interventionQueueHit, detail: interventionId)
            ])
        }
        return result
    }

    /// Offers a place with an answer deadline (default seven days). A place offered to anyone but the first
    /// in line of the committee's waiting people who could have it needs a reason (`invalid` otherwise,
    /// nothing saved); the store decides that on what it reads in the offer's transaction.
    public func offer(entryId: UUID, _ input: QueueOfferRules.Input = .init(), by actor: Actor) async throws -> (entry: QueueEntry, offer: QueueOffer) {
        let e = try await ownEntry(entryId, actor, .interventionOffer)
        _ = try await lapseDueOffers()
        let now = clock.now()
        let request = QueueOfferRequest(
            entryId: e.id, offerId: newId(), input: input, byId: actor.user.id, byName: actor.user.displayName, at: now, today: LocalDate(now))
        let offer = try await store.offer(request) { o in
            entry(
                actor, e.personId, .interventionOffer, .allowed,
                o.outOfOrder ? "\(e.interventionId) utanför ordning: \(o.passedOver) före, skäl \(o.reason?.rawValue ?? "")" : e.interventionId)
        }
        // A lapsed offer's task is done once the committee offers a place in the intervention again.
        if let flow {
            let job = TaskJob(store: flow, clock: clock)
            for p in try await store.personsWithLapsedOffers(interventionId: e.interventionId, committeeId: e.committeeId) { _ = try? await job.run(personId: p) }
        }
        var offered = e
        offered.status = .offered
        offered.offeredAt = now
        return (offered, offer)
    }

    /// What the offer form shows: the entry, and how many of the committee's waiting people who could have
    /// the place come before it (then a reason is required), the longest wait among them.
    public struct OfferContext: Sendable {
        public let entry: QueueEntry
        public let intervention: Intervention
        public let ahead: Int
        public let longestWaitAheadDays: Int?
        public let defaultAnswerBy: LocalDate
    }

    public func offerContext(entryId: UUID, interventionId: String, by actor: Actor) async throws -> OfferContext {
        let e = try await ownEntry(entryId, actor, .interventionEntries)
        guard e.interventionId == interventionId, let intervention = try await store.intervention(id: interventionId) else { throw DomainError.notFound }
        async let allQ = store.queue(interventionId: interventionId)
        async let occupancyQ = store.occupancy(interventionId: interventionId)
        let (all, occupancy) = try await (allQ, occupancyQ)
        let ahead = QueueOfferRules.ahead(of: e, waiting: all) { PlaceRules.hasPlace(intervention, occupancy: occupancy, district: $0) }
        let now = clock.now()
        return OfferContext(
            entry: e, intervention: intervention, ahead: ahead.count,
            longestWaitAheadDays: ahead.map { Int(now.timeIntervalSince($0.queuedAt) / 86_400) }.max(),
            defaultAnswerBy: LocalDate(now).adding(days: QueueOfferRules.defaultAnswerDays))
    }

    /// The committee's offers of the intervention, newest first, with their reasons (the queue's history).
    public func offerHistory(interventionId: String, limit: Int = 50, by actor: Actor) async throws -> [QueueOffer] {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        return try await store.offers(interventionId: interventionId, committeeId: actor.user.committeeId, limit: limit)
    }

    /// The open offers (with their deadlines) of the given entries.
    public func openOffers(entryIds: [UUID]) async throws -> [UUID: QueueOffer] { try await store.openOffers(entryIds: entryIds) }

    /// Lets offers whose answer deadline has passed lapse (evaluated when a queue, a task list or an answer is
    /// read or made, with the injected clock): the person waits again and the one who offered gets a task.
    @discardableResult
    public func lapseDueOffers() async throws -> [QueueOffer] {
        let now = clock.now()
        let lapsed = try await store.lapseDueOffers(today: LocalDate(now), at: now) { o in
            AccessLogEntry(at: now, requestId: "offer-lapse", actor: nil, personId: o.personId, action: .interventionOfferLapse, outcome: .allowed, detail: o.interventionId)
        }
        if let flow, !lapsed.isEmpty {
            let job = TaskJob(store: flow, clock: clock)
            for p in Set(lapsed.map(\.personId)) { _ = try? await job.run(personId: p) }
        }
        return lapsed
    }

    /// Offers made in the period and how many went to someone other than the first in line, with reasons:
    /// counts only, for unit managers and analysts.
    public func offerFigures(from: String, to: String, by actor: Actor) async throws -> QueueOfferFigures {
        guard AccessPolicy.allows(actor.user.role, .viewInterventionFigures) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        let f = LocalDate(from.trimmingCharacters(in: .whitespaces)), t = LocalDate(to.trimmingCharacters(in: .whitespaces))
        if f == nil { errors.append(FieldError(field: "from", message: "Ange periodens första dag som ÅÅÅÅ-MM-DD.")) }
        if t == nil { errors.append(FieldError(field: "to", message: "Ange periodens sista dag som ÅÅÅÅ-MM-DD.")) }
        if let f, let t, t < f { errors.append(FieldError(field: "to", message: "Periodens sista dag kan inte vara före den första.")) }
        guard errors.isEmpty, let f, let t else { throw DomainError.invalid(errors) }
        _ = try await lapseDueOffers()
        // A day around the period, then cut by the local date of each offer.
        let offers = try await store.offers(madeFrom: f.adding(days: -1).startDate, to: t.adding(days: 2).startDate)
        return QueueOfferFigures.make(offers, from: f, to: t)
    }

    public func answer(entryId: UUID, accept: Bool, by actor: Actor) async throws -> QueueEntry {
        let e = try await ownEntry(entryId, actor, accept ? .interventionAccept : .interventionDecline)
        // An answer after the deadline comes too late: the offer has lapsed and the place gone back.
        if try await lapseDueOffers().contains(where: { $0.entryId == e.id }) {
            throw DomainError(.conflict, "Svarstiden för erbjudandet har gått ut och erbjudandet har förfallit. Personen står kvar i kön; erbjud en plats på nytt om det finns en.")
        }
        return try await store.decide(
            entryId: e.id, accept: accept, at: clock.now(),
            audit: entry(actor, e.personId, accept ? .interventionAccept : .interventionDecline, .allowed, e.interventionId))
    }

    /// Takes the person out of the queue, or gives back a place they were offered or had accepted.
    public func withdraw(entryId: UUID, reason: String, by actor: Actor) async throws -> QueueEntry {
        let e = try await ownEntry(entryId, actor, .interventionWithdraw)
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...500).contains(r.count) else {
            throw DomainError.invalid([FieldError(field: "reason", message: "Skriv varför personen tas bort ur kön (3–500 tecken).")])
        }
        return try await store.withdraw(entryId: e.id, reason: r, at: clock.now(), audit: entry(actor, e.personId, .interventionWithdraw, .allowed, e.interventionId))
    }

    /// The person's queue entries made by the user's committee (the person must be visible to it).
    public func entries(personId: UUID, by actor: Actor) async throws -> [QueueEntry] {
        guard AccessPolicy.allows(actor.user.role, .readPerson) else { throw DomainError.forbidden }
        try await visiblePerson(personId, actor, .interventionEntries)
        let list = try await store.entries(personId: personId, committeeId: actor.user.committeeId)
        try await log.append([entry(actor, personId, .interventionEntries, .allowed, nil)])
        return list
    }

    public struct CatalogueLine: Sendable {
        public let intervention: Intervention
        /// Offered and accepted places.
        public let placesTaken: Int
        /// Waiting, all committees.
        public let waiting: Int
    }

    /// The whole city's catalogue for every unit, with places taken and queue lengths as counts only.
    public func catalogue(by actor: Actor) async throws -> (providers: [Provider], lines: [CatalogueLine]) {
        guard AccessPolicy.allows(actor.user.role, .viewCatalogue) else { throw DomainError.forbidden }
        async let providers = store.providers()
        async let interventions = store.interventions()
        async let counts = store.queueCounts()
        let (ps, all, queue) = try await (providers, interventions, counts)
        return (ps, all.map { i in
            let c = queue[i.id] ?? [:]
            return CatalogueLine(intervention: i, placesTaken: c.filter { $0.key.holdsPlace }.values.reduce(0, +), waiting: c[.waiting] ?? 0)
        })
    }

    /// Occupancy, queue length and waiting times per intervention and district: counts only, no person.
    public func figures(by actor: Actor) async throws -> (interventions: [Intervention], rows: [QueueFigures.Row]) {
        guard AccessPolicy.allows(actor.user.role, .viewInterventionFigures) else { throw DomainError.forbidden }
        let now = clock.now()
        async let all = store.interventions()
        async let rows = store.queueFigures(offeredSince: now.addingTimeInterval(-365 * 86_400))
        let interventions = try await all
        return (interventions, QueueFigures.compute(interventions: interventions, rows: try await rows, now: now))
    }

    func visiblePerson(_ personId: UUID, _ actor: Actor, _ action: AuditAction) async throws {
        guard try await persons.person(id: personId, committeeId: actor.user.committeeId) != nil else {
            try await log.append([entry(actor, personId, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
    }

    /// A queue entry of the user's committee, for the withdrawal form (the same check the changes make).
    public func ownEntry(id: UUID, interventionId: String, by actor: Actor) async throws -> QueueEntry {
        let e = try await ownEntry(id, actor, .interventionEntries)
        guard e.interventionId == interventionId else { throw DomainError.notFound }
        return e
    }

    private func ownEntry(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> QueueEntry {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        guard let e = try await store.entry(id: id), e.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return e
    }

    func entry(_ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?) -> AccessLogEntry {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail)
    }
}

extension String {
    var nonEmptyValue: String? { isEmpty ? nil : self }
}
