import Foundation

/// Who is acting, and under which request id, for the access log.
public struct Actor: Sendable {
    public let user: StaffUser
    public let requestId: String
    /// Where the read happened: `page` or `api`.
    public let channel: String
    /// The kind of the user's unit, which decides the instrument parts they fill in.
    public var unitKind: OrgUnit.Kind? { user.unitKind }
    public init(user: StaffUser, requestId: String, channel: String) {
        self.user = user
        self.requestId = requestId
        self.channel = channel
    }
}

/// The person registry's use cases: register, read, search. Every read and change is logged,
/// secrecy between committees is enforced here, and a read returns nothing unless its log row is durable.
public struct PersonDirectory: Sendable {
    let persons: any PersonStore
    let log: any AccessLog
    let clock: any Clock
    let newId: @Sendable () -> UUID

    public init(persons: any PersonStore, log: any AccessLog, clock: any Clock, newId: @escaping @Sendable () -> UUID = { UUID() }) {
        self.persons = persons
        self.log = log
        self.clock = clock
        self.newId = newId
    }

    public static let searchLimit = 50
    /// The most hits one search may ask for (the API's `limit`).
    public static let maxSearchLimit = 100

    /// Opens the actor's committee's file with the values entered. The answer is the same whether another
    /// committee already holds the number or not: the caller learns nothing of another committee's file.
    public func register(_ input: PersonInput, by actor: Actor) async throws -> PersonView {
        let now = clock.now()
        guard AccessPolicy.allows(actor.user.role, .registerPerson) else {
            try await log.append([entry(actor, nil, .personCreate, .denied, "role")])
            throw DomainError.forbidden
        }
        let valid: PersonInput.Valid
        switch input.validate(today: now) {
        case .success(let v): valid = v
        case .failure(let e): throw e
        }
        let result = try await persons.register(
            valid, newPersonId: newId(), file: (actor.user.committeeId, actor.user.unitId), at: now,
            audit: { person in
                // One action for both cases, so the committee's own log review does not tell whether another
                // committee held the number.
                AccessLogEntry(
                    at: now, requestId: actor.requestId, actor: actor.user, personId: person.id,
                    action: .personCreate, outcome: .allowed, detail: actor.channel,
                    before: nil, after: PersonAuditSnapshot(person: person, committeeId: actor.user.committeeId).json)
            })
        return PersonView(person: result.person, files: [result.file])
    }

    public func read(id: UUID, by actor: Actor) async throws -> PersonView {
        guard AccessPolicy.allows(actor.user.role, .readPerson) else {
            try await log.append([entry(actor, id, .personRead, .denied, "role")])
            throw DomainError.notFound
        }
        guard let found = try await persons.person(id: id, committeeId: actor.user.committeeId) else {
            // Denied exactly like a missing person, so the other committee learns nothing; the log keeps the truth.
            let known = try await persons.exists(id: id)
            try await log.append([entry(actor, known ? id : nil, .personRead, .denied, known ? "not_in_committee" : "no_such_person")])
            throw DomainError.notFound
        }
        try await log.append([entry(actor, id, .personRead, .allowed, actor.channel)])
        return PersonView(person: found.person, files: [found.file])
    }

    /// A search and whether its text was a valid number worth offering to register (nothing was found and
    /// the actor may register). Searches run within the actor's committee.
    public func searchOffering(_ text: String, limit: Int? = nil, by actor: Actor) async throws -> (hits: [PersonSummary], register: PersonalIdentityNumber?) {
        let hits = try await search(text, limit: limit, by: actor)
        guard hits.isEmpty, AccessPolicy.allows(actor.user.role, .registerPerson) else { return (hits, nil) }
        return (hits, try PersonSearchQuery.parse(text, today: clock.now()).registrableNumber)
    }

    /// The persons the actor last opened or registered, within the committee. A logged list read.
    public func recentlySeen(by actor: Actor, limit: Int = 10) async throws -> [PersonSummary] {
        guard AccessPolicy.allows(actor.user.role, .searchPersons) else { return [] }
        let hits = try await persons.recentlySeen(userId: actor.user.id, committeeId: actor.user.committeeId, limit: limit)
        if !hits.isEmpty {
            try await log.append([.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: hits.map(\.id), action: .personListHit, detail: "recent")])
        }
        return hits
    }

    /// At most `limit` hits (nil: `searchLimit`; 1…`maxSearchLimit`, else a field error on `limit`). Only the
    /// hits returned are logged as seen.
    public func search(_ text: String, limit: Int? = nil, by actor: Actor) async throws -> [PersonSummary] {
        guard AccessPolicy.allows(actor.user.role, .searchPersons) else {
            try await log.append([entry(actor, nil, .personSearch, .denied, "role")])
            throw DomainError.forbidden
        }
        let limit = try PageRequest.limit(limit, default: Self.searchLimit, max: Self.maxSearchLimit)
        let query = try PersonSearchQuery.parse(text, today: clock.now())
        let hits = try await persons.search(query, committeeId: actor.user.committeeId, limit: limit)
        // One row naming every person shown, so "who has seen this person" includes hit lists.
        let row = hits.isEmpty
            ? entry(actor, nil, .personSearch, .allowed, "no_hits")
            : .list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: hits.map(\.id), action: .personSearchHit, detail: actor.channel)
        try await log.append([row])
        return hits
    }

    /// The start page's list: people whose file the user's unit opened, newest first.
    public func unitPeople(by actor: Actor, limit: Int = 25) async throws -> [PersonSummary] {
        guard AccessPolicy.allows(actor.user.role, .searchPersons) else { return [] }
        let hits = try await persons.recentFiles(unitId: actor.user.unitId, limit: limit)
        if !hits.isEmpty {
            try await log.append([.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: hits.map(\.id), action: .personListHit, detail: actor.channel)])
        }
        return hits
    }

    private func entry(_ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?)
        -> AccessLogEntry
    {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail)
    }
}

/// The values of a person change as kept in the access log (before/after).
public struct PersonAuditSnapshot: Codable, Sendable {
    public let personId: UUID
    public let identityNumber: String
    public let firstName: String
    public let lastName: String
    public let protectedIdentity: Bool
    public let committeeId: String

    public init(person: Person, committeeId: String) {
        personId = person.id
        identityNumber = person.identityNumber.digits
        firstName = person.firstName
        lastName = person.lastName
        protectedIdentity = person.protectedIdentity
        self.committeeId = committeeId
    }

    public var json: String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return (try? String(decoding: enc.encode(self), as: UTF8.self)) ?? "{}"
    }
}
