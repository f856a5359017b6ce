import Foundation

/// A conversation between the person and a unit (not a single worker): the unit's caseworkers and managers read and
/// answer it together, and nobody falls out of it when a worker is away.
public struct MessageThread: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let personId: UUID
    public let unitId: String
    public let committeeId: String
    public let subject: String
    public let startedByPerson: Bool
    public let createdAt: Date
    public var lastMessageAt: Date
    /// Messages from the unit the person has not read yet.
    public var unreadByPerson: Int
    /// Messages from the person the unit has not read yet.
    public var unreadByUnit: Int

    public init(
        id: UUID, personId: UUID, unitId: String, committeeId: String, subject: String, startedByPerson: Bool, createdAt: Date, lastMessageAt: Date,
        unreadByPerson: Int = 0, unreadByUnit: Int = 0
    ) {
        self.id = id
        self.personId = personId
        self.unitId = unitId
        self.committeeId = committeeId
        self.subject = subject
        self.startedByPerson = startedByPerson
        self.createdAt = createdAt
        self.lastMessageAt = lastMessageAt
        self.unreadByPerson = unreadByPerson
        self.unreadByUnit = unreadByUnit
    }
}

public struct Message: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let threadId: UUID
    public let fromPerson: Bool
    public let authorUserId: UUID?
    public let authorName: String
    public let body: String
    public let sentAt: Date
    /// When the other side first read it (the read receipt).
    public var readAt: Date?

    public init(id: UUID, threadId: UUID, fromPerson: Bool, authorUserId: UUID?, authorName: String, body: String, sentAt: Date, readAt: Date? = nil) {
        self.id = id
        self.threadId = threadId
        self.fromPerson = fromPerson
        self.authorUserId = authorUserId
        self.authorName = authorName
        self.body = body
        self.sentAt = sentAt
        self.readAt = readAt
    }
}

/// A notification waiting in the outbox: it says only that there is a new message, never what it says.
public struct OutboxNotification: Hashable, Sendable {
    public let id: UUID
    public let personId: UUID
    public let threadId: UUID
    public let createdAt: Date
    public init(id: UUID, personId: UUID, threadId: UUID, createdAt: Date) {
        self.id = id
        self.personId = personId
        self.threadId = threadId
        self.createdAt = createdAt
    }
}

public protocol MessageStore: Sendable {
    func threads(personId: UUID) async throws -> [MessageThread]
    func threads(unitId: String, limit: Int) async throws -> [MessageThread]
    func thread(id: UUID) async throws -> MessageThread?
    func messages(threadId: UUID) async throws -> [Message]
    /// Stores the thread with its first message, the notification (if any) and the log row, in one transaction.
    func startThread(_ t: MessageThread, first: Message, notification: OutboxNotification?, audit: AccessLogEntry) async throws
    /// Stores a message in its thread (which moves to the top), the notification (if any) and the log row.
    func addMessage(_ m: Message, notification: OutboxNotification?, audit: AccessLogEntry) async throws
    /// Marks the thread's unread messages from the other side read (`byPerson`: the person read the unit's), with the
    /// log row of the read.
    func markRead(threadId: UUID, byPerson: Bool, at: Date, audit: AccessLogEntry) async throws
    /// When the latest notification for the thread was queued.
    func lastNotification(threadId: UUID) async throws -> Date?
    func pendingNotifications(limit: Int) async throws -> [OutboxNotification]
    func markNotificationSent(id: UUID, at: Date, outcome: String) async throws
    /// The units the person can write to: those that hold their active district case or Jobbtorg enrolment.
    func messageUnits(personId: UUID) async throws -> [String]
    /// Whether any file holds the person with protected identity (skyddade personuppgifter).
    func hasProtectedIdentity(personId: UUID) async throws -> Bool
    func committee(unitId: String) async throws -> String
}

/// Sends the outbox's notifications (e-mail or SMS through the city's gateway). The default only logs that one would
/// have been sent.
public protocol NotificationSender: Sendable {
    /// Sends `MessageRules.notificationText` to the person; returns an outcome code for the outbox row.
    func send(_ n: OutboxNotification) async throws -> String
}

public enum MessageRules {
    /// The only text a notification ever carries.
    public static let notificationText = "Du har ett nytt meddelande i Samsyn. Logga in på Mina sidor för att läsa det."
    /// At most one notification per thread in this time.
    public static let notificationInterval: TimeInterval = 30 * 60
    public static let maxSubject = 120
    public static let maxBody = 4000

    public static func validate(subject: String?, body: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let subject {
            let s = subject.trimmingCharacters(in: .whitespacesAndNewlines)
            if !(3...maxSubject).contains(s.count) { errors.append(FieldError(field: "subject", message: "Skriv vad meddelandet gäller (3–\(maxSubject) tecken).")) }
        }
        let b = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if b.isEmpty { errors.append(FieldError(field: "body", message: "Skriv ditt meddelande.")) }
        else if b.count > maxBody { errors.append(FieldError(field: "body", message: "Meddelandet får vara högst \(maxBody) tecken.")) }
        return errors
    }

    /// Whether a new message from the unit queues a notification: never to a person with protected identity, and at
    /// most one per thread per `notificationInterval`.
    public static func shouldNotify(lastQueued: Date?, now: Date, protectedIdentity: Bool) -> Bool {
        guard !protectedIdentity else { return false }
        guard let lastQueued else { return true }
        return now.timeIntervalSince(lastQueued) >= notificationInterval
    }

    /// Who answers a unit's messages: its caseworkers and managers.
    public static func mayAnswer(_ u: StaffUser, unitId: String) -> Bool {
        u.unitId == unitId && CaseFlowService.hasTaskList(u)
    }
}

/// Messages on Mina sidor and in the unit's message list. The person sees their own threads only; a unit sees the
/// threads with it only. Every read and send is in the access log (never the text).
public struct MessageService: Sendable {
    let store: any MessageStore
    let persons: any PersonStore
    let log: any AccessLog
    let clock: any Clock
    let newId: @Sendable () -> UUID

    public init(store: any MessageStore, persons: any PersonStore, log: any AccessLog, clock: any Clock, newId: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.persons = persons
        self.log = log
        self.clock = clock
        self.newId = newId
    }

    func entry(_ actor: Actor, _ personId: UUID?, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, _ detail: String?) -> AccessLogEntry {
        AccessLogEntry(at: clock.now(), requestId: actor.requestId, actor: actor.user, personId: personId, action: action, outcome: outcome, detail: detail)
    }

    // MARK: The person

    /// The person's threads, newest first, and the units they can write to.
    public func personThreads(by actor: Actor) async throws -> (threads: [MessageThread], units: [String]) {
        let pid = try OwnPageRules.personId(actor)
        async let t = store.threads(personId: pid)
        async let u = store.messageUnits(personId: pid)
        return try await (t, u)
    }

    func ownThread(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> (MessageThread, UUID) {
        let pid = try OwnPageRules.personId(actor)
        guard let t = try await store.thread(id: id), t.personId == pid else {
            try await log.append([entry(actor, pid, action, .denied, "not_own_thread")])
            throw DomainError.notFound
        }
        return (t, pid)
    }

    /// A thread of the person's; the unit's messages in it are marked read (the unit sees the receipt).
    public func personThread(id: UUID, by actor: Actor) async throws -> (thread: MessageThread, messages: [Message]) {
        let (t, pid) = try await ownThread(id, actor, .messageRead)
        try await store.markRead(threadId: t.id, byPerson: true, at: clock.now(), audit: entry(actor, pid, .messageRead, .allowed, "own_page"))
        return (t, try await store.messages(threadId: t.id))
    }

    public func startThread(unitId: String, subject: String, body: String, by actor: Actor) async throws -> MessageThread {
        let pid = try OwnPageRules.personId(actor)
        var errors = MessageRules.validate(subject: subject, body: body)
        let units = try await store.messageUnits(personId: pid)
        guard units.contains(unitId) else {
            errors.insert(FieldError(field: "unit", message: "Välj vem du vill skriva till."), at: 0)
            throw DomainError.invalid(errors)
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let now = clock.now()
        let committee = try await committeeOf(unitId: unitId)
        let t = MessageThread(
            id: newId(), personId: pid, unitId: unitId, committeeId: committee, subject: subject.trimmingCharacters(in: .whitespacesAndNewlines), startedByPerson: true,
            createdAt: now, lastMessageAt: now, unreadByUnit: 1)
        let m = Message(id: newId(), threadId: t.id, fromPerson: true, authorUserId: actor.user.id, authorName: actor.user.displayName, body: body.trimmingCharacters(in: .whitespacesAndNewlines), sentAt: now)
        try await store.startThread(t, first: m, notification: nil, audit: entry(actor, pid, .messageSend, .allowed, "own_page"))
        return t
    }

    public func replyAsPerson(threadId: UUID, body: String, by actor: Actor) async throws {
        let (t, pid) = try await ownThread(threadId, actor, .messageSend)
        let errors = MessageRules.validate(subject: nil, body: body)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let m = Message(
            id: newId(), threadId: t.id, fromPerson: true, authorUserId: actor.user.id, authorName: actor.user.displayName, body: body.trimmingCharacters(in: .whitespacesAndNewlines),
            sentAt: clock.now())
        try await store.addMessage(m, notification: nil, audit: entry(actor, pid, .messageSend, .allowed, "own_page"))
    }

    // MARK: The unit

    public static func hasMessages(_ u: StaffUser) -> Bool { CaseFlowService.hasTaskList(u) }

    /// The unit's threads, newest first, with the persons' names as the unit's committee holds them.
    public func unitThreads(by actor: Actor, limit: Int = 100) async throws -> [(thread: MessageThread, name: String)] {
        guard Self.hasMessages(actor.user) else { throw DomainError.forbidden }
        let threads = try await store.threads(unitId: actor.user.unitId, limit: limit)
        var out: [(thread: MessageThread, name: String)] = []
        for t in threads {
            let name = try await persons.person(id: t.personId, committeeId: actor.user.committeeId)?.person.fullName ?? "Okänd person"
            out.append((t, name))
        }
        // One row names every person shown, each once (a person may have several threads with the unit).
        var seen = Set<UUID>()
        let shown = out.map(\.thread.personId).filter { seen.insert($0).inserted }
        if !shown.isEmpty { try await log.append([AccessLogEntry.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: shown, action: .messageListHit)]) }
        return out
    }

    func unitThread(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> MessageThread {
        guard let t = try await store.thread(id: id), MessageRules.mayAnswer(actor.user, unitId: t.unitId) else {
            try await log.append([entry(actor, nil, action, .denied, "not_unit_thread")])
            throw DomainError.notFound
        }
        return t
    }

    /// A thread of the unit's; the person's messages in it are marked read (the person sees the receipt).
    public func unitThread(id: UUID, by actor: Actor) async throws -> (thread: MessageThread, messages: [Message], person: Person) {
        let t = try await unitThread(id, actor, .messageRead)
        guard let person = try await persons.person(id: t.personId, committeeId: actor.user.committeeId)?.person else { throw DomainError.notFound }
        try await store.markRead(threadId: t.id, byPerson: false, at: clock.now(), audit: entry(actor, t.personId, .messageRead, .allowed, actor.channel))
        return (t, try await store.messages(threadId: t.id), person)
    }

    /// The unit answers; the person is notified (without the text) unless their identity is protected or a
    /// notification for the thread went out in the last 30 minutes.
    public func replyAsUnit(threadId: UUID, body: String, by actor: Actor) async throws {
        let t = try await unitThread(threadId, actor, .messageSend)
        let errors = MessageRules.validate(subject: nil, body: body)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let now = clock.now()
        let notify = MessageRules.shouldNotify(
            lastQueued: try await store.lastNotification(threadId: t.id), now: now, protectedIdentity: try await store.hasProtectedIdentity(personId: t.personId))
        let m = Message(
            id: newId(), threadId: t.id, fromPerson: false, authorUserId: actor.user.id, authorName: actor.user.displayName,
            body: body.trimmingCharacters(in: .whitespacesAndNewlines), sentAt: now)
        try await store.addMessage(
            m, notification: notify ? OutboxNotification(id: newId(), personId: t.personId, threadId: t.id, createdAt: now) : nil,
            audit: entry(actor, t.personId, .messageSend, .allowed, actor.channel))
    }

    /// Sends what waits in the outbox; a failed send is retried at the next run.
    @discardableResult
    public func drainOutbox(sender: any NotificationSender, limit: Int = 100) async throws -> Int {
        var sent = 0
        for n in try await store.pendingNotifications(limit: limit) {
            guard let outcome = try? await sender.send(n) else { continue }
            try await store.markNotificationSent(id: n.id, at: clock.now(), outcome: outcome)
            sent += 1
        }
        return sent
    }

    func committeeOf(unitId: String) async throws -> String {
        // The thread belongs to the unit's committee; the unit is one the person has a case or enrolment at.
        try await store.committee(unitId: unitId)
    }
}
