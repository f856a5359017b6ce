import Foundation

/// The nybesök booking and the unit inboxes: what arrived for the user's unit and what to do next with it.
extension CaseFlowService {
    /// Books the nybesök of the person's active case at the committee, or moves the booked one
    /// (`expectedVersion` is the booking's version). Refused with a message per field; nothing is saved then.
    public func bookNewVisit(
        personId: UUID, date: String, time: String, location: String, workerId: String, expectedVersion: Int?, staff: [StaffUser], inbox: any InboxStore,
        by actor: Actor
    ) async throws -> NewVisit {
        try require(.bookNewVisit, actor)
        try await visiblePerson(personId, actor, .newVisitBook)
        guard let c = try await store.cases(personId: personId).first(where: { $0.committeeId == actor.user.committeeId && $0.status == .active }) else {
            throw DomainError(.conflict, "Personen har inget öppet ärende hos er. Registrera aktualiseringen först.")
        }
        let now = clock.now()
        let b = try NewVisitRules.validate(
            date: date, time: time, location: location, workerId: workerId, staff: staff, committeeId: actor.user.committeeId, now: now)
        let v = NewVisit(
            id: newId(), caseId: c.id, personId: personId, committeeId: c.committeeId, unitId: b.worker.unitId, workerId: b.worker.id,
            workerName: b.worker.displayName, date: b.date, time: b.time, location: b.location, bookedByName: actor.user.displayName, bookedAt: now)
        let saved = try await inbox.bookNewVisit(
            v, expectedVersion: expectedVersion, audit: entry(actor, personId, .newVisitBook, .allowed, "\(b.date) \(b.time) \(b.worker.username)"))
        await refreshTasks(personId)
        return saved
    }

    /// The booked nybesök of the person's active case at the actor's committee, as part of a read the caller logs.
    public func newVisitWithinRead(personId: UUID, inbox: any InboxStore, by actor: Actor) async throws -> NewVisit? {
        guard let c = try await store.cases(personId: personId).first(where: { $0.committeeId == actor.user.committeeId && $0.status == .active }) else { return nil }
        return try await inbox.newVisits(personId: personId).first { $0.caseId == c.id }
    }

    /// The staff who may hold a nybesök for the actor's committee, by name.
    public static func newVisitWorkers(_ users: [StaffUser], committeeId: String) -> [StaffUser] {
        users.filter { NewVisitRules.mayHold($0, committeeId: committeeId) }.sorted { $0.displayName < $1.displayName }
    }

    public struct Inbox: Sendable {
        public let items: [InboxItem]
        public let names: [UUID: PersonSummary]
        public let today: LocalDate
    }

    /// The items of the actor's unit (no log row); only people whose name the unit may see (its committee's
    /// file, or for a referral the referring district's file under the referral's consent).
    func inboxItems(_ inbox: any InboxStore, _ actor: Actor) async throws -> Inbox {
        guard UnitInbox.hasInbox(actor.user), AccessPolicy.allows(actor.user.role, .readPerson) else { throw DomainError.forbidden }
        let own = actor.user.committeeId
        var snap = try await inbox.inboxSnapshot(committeeId: own, unitId: actor.user.unitId, since: today.adding(days: -UnitInbox.answerWindowDays))
        var visible: [Referral] = []
        for r in snap.referralsToUnit where try await referralVisible(r, actor) { visible.append(r) }
        snap.referralsToUnit = visible
        snap.acuteTasks = try await store.openTasks(unitId: actor.user.unitId, kind: .acuteNeed, offset: 0, limit: 200)
        let items = UnitInbox.items(unitId: actor.user.unitId, snap, today: today)
        var names: [UUID: PersonSummary] = [:]
        let referred = items.compactMap { $0.kind == .referral ? $0.referral : nil }
        for from in Set(referred.map(\.fromCommitteeId)) {
            names.merge(try await store.names(personIds: referred.filter { $0.fromCommitteeId == from }.map(\.personId), committeeId: from)) { a, _ in a }
        }
        names.merge(try await store.names(personIds: Array(Set(items.map(\.personId))), committeeId: own)) { _, mine in mine }
        return Inbox(items: items.filter { names[$0.personId] != nil }, names: names, today: today)
    }

    /// The unit's inbox: one access-log row naming every person shown.
    public func inbox(store inbox: any InboxStore, by actor: Actor) async throws -> Inbox {
        let result = try await inboxItems(inbox, actor)
        let shown = Array(Set(result.items.map(\.personId)))
        if !shown.isEmpty {
            try await log.append([.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: shown, action: .inboxListHit)])
        }
        return result
    }

    /// Marks an answer back to the district as read for the unit: it leaves the unit's inbox.
    public func acknowledgeInboxItem(key: String, store inbox: any InboxStore, by actor: Actor) async throws {
        let current = try await inboxItems(inbox, actor)
        guard let item = current.items.first(where: { $0.key == key && $0.action == .acknowledge }) else {
            try await log.append([entry(actor, nil, .inboxAcknowledge, .denied, "not_in_inbox")])
            throw DomainError.notFound
        }
        try await inbox.acknowledge(
            unitId: actor.user.unitId, key: key, personId: item.personId, by: actor.user, at: clock.now(),
            audit: entry(actor, item.personId, .inboxAcknowledge, .allowed, item.kind.rawValue))
    }
}

/// Letters to the person: what the letter is about, checked against the actor's committee, with the person.
/// Each letter shown is a logged read (`letter.print`, detail the letter's kind).
extension CaseFlowService {
    public enum LetterKind: String, Sendable, CaseIterable { case newVisit = "new_visit", meeting, offer }

    /// The person a letter is written to, as the actor's committee's file holds them (address left out by the
    /// page when the person has protected identity).
    public func letterPerson(_ personId: UUID, kind: LetterKind, by actor: Actor) async throws -> Person {
        let person = try await visiblePerson(personId, actor, .letterPrint)
        try await log.append([entry(actor, personId, .letterPrint, .allowed, kind.rawValue)])
        return person
    }

    /// The nybesök letter: the booking of the actor's committee, and the person.
    public func newVisitLetter(id: UUID, inbox: any InboxStore, by actor: Actor) async throws -> (visit: NewVisit, person: Person) {
        guard Self.isDistrict(actor), let v = try await inbox.newVisit(id: id), v.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .letterPrint, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return (v, try await letterPerson(v.personId, kind: .newVisit, by: actor))
    }

    /// A meeting's kallelse: a meeting of the actor's committee, and the person.
    public func meetingLetter(id: UUID, by actor: Actor) async throws -> (meeting: Meeting, person: Person) {
        guard let m = try await store.meeting(id: id), m.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .letterPrint, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return (m, try await letterPerson(m.personId, kind: .meeting, by: actor))
    }
}
