import Foundation
import Logging
import SQLKit
import SamsynDomain

/// Messages between the person and a unit, and the notification outbox.
public struct SQLMessageStore: MessageStore {
    let database: Database
    public init(database: Database) { self.database = database }

    static let threadColumns: SQLQueryString = """
        t.id, t.person_id, t.unit_id, t.committee_id, t.subject, t.started_by_person, t.created_at, t.last_message_at,
        (SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id AND m.from_person = \(bind: false) AND m.read_at IS NULL) AS unread_by_person,
        (SELECT COUNT(*) FROM messages m WHERE m.thread_id = t.id AND m.from_person = \(bind: true) AND m.read_at IS NULL) AS unread_by_unit
        """

    struct ThreadRow: Decodable {
        let id: String, person_id: String, unit_id: String, committee_id: String, subject: String, started_by_person: Bool, created_at: Int64, last_message_at: Int64
        let unread_by_person: Int, unread_by_unit: Int
        func thread() throws -> MessageThread {
            let s = Strict("message_threads")
            return try MessageThread(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), unitId: unit_id, committeeId: committee_id, subject: subject,
                startedByPerson: started_by_person, createdAt: Date(epochMilliseconds: created_at), lastMessageAt: Date(epochMilliseconds: last_message_at),
                unreadByPerson: unread_by_person, unreadByUnit: unread_by_unit)
        }
    }

    struct MessageRow: Decodable {
        let id: String, thread_id: String, from_person: Bool, author_user_id: String?, author_name: String, body: String, sent_at: Int64, read_at: Int64?
        func message() throws -> Message {
            let s = Strict("messages")
            return try Message(
                id: s.uuid("id", id), threadId: s.uuid("thread_id", thread_id), fromPerson: from_person, authorUserId: s.uuid("author_user_id", author_user_id),
                authorName: author_name, body: body, sentAt: Date(epochMilliseconds: sent_at), readAt: read_at.map { Date(epochMilliseconds: $0) })
        }
    }

    public func threads(personId: UUID) async throws -> [MessageThread] {
        try await database.read { db in
            try await db.raw("SELECT \(Self.threadColumns) FROM message_threads t WHERE t.person_id = \(bind: personId.uuidString) ORDER BY t.last_message_at DESC")
                .all(decoding: ThreadRow.self).map { try $0.thread() }
        }
    }

    public func threads(unitId: String, limit: Int) async throws -> [MessageThread] {
        try await database.read { db in
            try await db.raw(
                "SELECT \(Self.threadColumns) FROM message_threads t WHERE t.unit_id = \(bind: unitId) ORDER BY t.last_message_at DESC LIMIT \(literal: limit)"
            ).all(decoding: ThreadRow.self).map { try $0.thread() }
        }
    }

    public func thread(id: UUID) async throws -> MessageThread? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.threadColumns) FROM message_threads t WHERE t.id = \(bind: id.uuidString)").first(decoding: ThreadRow.self)?.thread()
        }
    }

    public func messages(threadId: UUID) async throws -> [Message] {
        try await database.read { db in
            try await db.raw(
                "SELECT id, thread_id, from_person, author_user_id, author_name, body, sent_at, read_at FROM messages WHERE thread_id = \(bind: threadId.uuidString) ORDER BY sent_at, id"
            ).all(decoding: MessageRow.self).map { try $0.message() }
        }
    }

    static func insert(_ m: Message, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO messages (id, thread_id, from_person, author_user_id, author_name, body, sent_at, read_at)
            VALUES (\(bind: m.id.uuidString), \(bind: m.threadId.uuidString), \(bind: m.fromPerson), \(bind: m.authorUserId?.uuidString), \(bind: m.authorName),
                    \(bind: m.body), \(bind: m.sentAt.epochMilliseconds), NULL)
            """
        ).run()
    }

    static func queue(_ n: OutboxNotification?, on db: any SQLDatabase) async throws {
        guard let n else { return }
        try await db.raw(
            """
            INSERT INTO notification_outbox (id, person_id, thread_id, created_at, sent_at, outcome)
            VALUES (\(bind: n.id.uuidString), \(bind: n.personId.uuidString), \(bind: n.threadId.uuidString), \(bind: n.createdAt.epochMilliseconds), NULL, NULL)
            """
        ).run()
    }

    public func startThread(_ t: MessageThread, first: Message, notification: OutboxNotification?, audit: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO message_threads (id, person_id, unit_id, committee_id, subject, started_by_person, created_at, last_message_at)
                VALUES (\(bind: t.id.uuidString), \(bind: t.personId.uuidString), \(bind: t.unitId), \(bind: t.committeeId), \(bind: t.subject), \(bind: t.startedByPerson),
                        \(bind: t.createdAt.epochMilliseconds), \(bind: t.lastMessageAt.epochMilliseconds))
                """
            ).run()
            try await Self.insert(first, on: db)
            try await Self.queue(notification, on: db)
            var entry = audit
            entry.after = Snapshot.json(["thread": t.id.uuidString, "message": first.id.uuidString, "unitId": t.unitId])
            try await AccessLogChain.append([entry], on: db, kind: database.kind)
        }
    }

    public func addMessage(_ m: Message, notification: OutboxNotification?, audit: AccessLogEntry) async throws {
        try await database.write { db in
            try await Self.insert(m, on: db)
            try await db.raw("UPDATE message_threads SET last_message_at = \(bind: m.sentAt.epochMilliseconds) WHERE id = \(bind: m.threadId.uuidString)").run()
            try await Self.queue(notification, on: db)
            var entry = audit
            entry.after = Snapshot.json(["thread": m.threadId.uuidString, "message": m.id.uuidString, "notified": String(notification != nil)])
            try await AccessLogChain.append([entry], on: db, kind: database.kind)
        }
    }

    public func markRead(threadId: UUID, byPerson: Bool, at: Date, audit: AccessLogEntry) async throws {
        try await database.write { db in
            // The person reads the unit's messages (from_person false), the unit the person's.
            try await db.raw(
                """
                UPDATE messages SET read_at = \(bind: at.epochMilliseconds)
                WHERE thread_id = \(bind: threadId.uuidString) AND from_person = \(bind: !byPerson) AND read_at IS NULL
                """
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }

    public func lastNotification(threadId: UUID) async throws -> Date? {
        struct R: Decodable { let at: Int64? }
        return try await database.read { db in
            try await db.raw("SELECT MAX(created_at) AS at FROM notification_outbox WHERE thread_id = \(bind: threadId.uuidString)").first(decoding: R.self)?.at
        }.map { Date(epochMilliseconds: $0) }
    }

    public func pendingNotifications(limit: Int) async throws -> [OutboxNotification] {
        struct R: Decodable { let id: String, person_id: String, thread_id: String, created_at: Int64 }
        return try await database.read { db in
            try await db.raw(
                "SELECT id, person_id, thread_id, created_at FROM notification_outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT \(literal: limit)"
            ).all(decoding: R.self)
        }.map { r in
            let s = Strict("notification_outbox")
            return try OutboxNotification(id: s.uuid("id", r.id), personId: s.uuid("person_id", r.person_id), threadId: s.uuid("thread_id", r.thread_id), createdAt: Date(epochMilliseconds: r.created_at))
        }
    }

    public func markNotificationSent(id: UUID, at: Date, outcome: String) async throws {
        try await database.write { db in
            try await db.raw("UPDATE notification_outbox SET sent_at = \(bind: at.epochMilliseconds), outcome = \(bind: outcome) WHERE id = \(bind: id.uuidString)").run()
        }
    }

    public func messageUnits(personId: UUID) async throws -> [String] {
        struct R: Decodable { let unit_id: String }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT unit_id FROM district_cases WHERE person_id = \(bind: personId.uuidString) AND status = 'active'
                UNION SELECT unit_id FROM enrolments WHERE person_id = \(bind: personId.uuidString) AND status = 'active'
                """
            ).all(decoding: R.self).map(\.unit_id).sorted()
        }
    }

    public func hasProtectedIdentity(personId: UUID) async throws -> Bool {
        struct R: Decodable { let n: Int }
        return try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM person_files WHERE person_id = \(bind: personId.uuidString) AND protected_identity = \(bind: true)")
                .first(decoding: R.self)?.n ?? 0
        } > 0
    }

    public func committee(unitId: String) async throws -> String {
        struct R: Decodable { let committee_id: String }
        guard let r = try await database.read({ db in try await db.raw("SELECT committee_id FROM units WHERE id = \(bind: unitId)").first(decoding: R.self) }) else {
            throw DomainError.notFound
        }
        return r.committee_id
    }
}

/// The default sender: it logs that a notification would have been sent (the id only, never a person or a text).
public struct LoggingNotificationSender: NotificationSender {
    let logger: Logger
    public init(logger: Logger) { self.logger = logger }
    public func send(_ n: OutboxNotification) async throws -> String {
        logger.info("a notification would have been sent (no sender configured)", metadata: ["notification": .string(n.id.uuidString)])
        return "logged_only"
    }
}
