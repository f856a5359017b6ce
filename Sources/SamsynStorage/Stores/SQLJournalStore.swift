import Foundation
import SQLKit
import SamsynDomain

/// The journal over SQLKit, one implementation for SQLite and PostgreSQL. Each write commits its access-log
/// row in the same transaction. Changes touch only unsigned rows (`signed_at IS NULL` in the UPDATE itself),
/// and the table's triggers refuse any change to a signed row.
public struct SQLJournalStore: JournalStore {
    let database: Database
    public init(database: Database) { self.database = database }

    struct Row: Decodable {
        let id: String, person_id: String, committee_id: String, unit_id: String, kind: String, event_date: String, text: String, author_id: String
        let author_name: String, created_at: Int64, updated_at: Int64, signed_at: Int64?, signed_by_name: String?, corrects_id: String?, version: Int
        func value() throws -> JournalNote {
            let s = Strict("journal_notes")
            if (signed_at == nil) != (signed_by_name == nil) { throw s.corrupt("signed_by_name", "signed_at and signed_by_name disagree") }
            return try JournalNote(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), committeeId: committee_id, unitId: unit_id, kind: s.value("kind", kind),
                eventDate: s.date("event_date", event_date), text: text, authorId: s.uuid("author_id", author_id), authorName: author_name,
                createdAt: Date(epochMilliseconds: created_at), updatedAt: Date(epochMilliseconds: updated_at), signedAt: signed_at.map(Date.init(epochMilliseconds:)),
                signedByName: signed_by_name, correctsId: s.uuid("corrects_id", corrects_id), version: version)
        }
    }

    func audit(_ entries: [AccessLogEntry], _ db: any SQLDatabase) async throws {
        try await AccessLogChain.append(entries, on: db, kind: database.kind)
    }

    public func addNote(_ n: JournalNote, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO journal_notes (id, person_id, committee_id, unit_id, kind, event_date, text, author_id, author_name, created_at, updated_at,
                    signed_at, signed_by_name, corrects_id, version)
                VALUES (\(bind: n.id.uuidString), \(bind: n.personId.uuidString), \(bind: n.committeeId), \(bind: n.unitId), \(bind: n.kind.rawValue),
                    \(bind: n.eventDate.description), \(bind: n.text), \(bind: n.authorId.uuidString), \(bind: n.authorName), \(bind: n.createdAt.epochMilliseconds),
                    \(bind: n.updatedAt.epochMilliseconds), \(bind: n.signedAt?.epochMilliseconds), \(bind: n.signedByName), \(bind: n.correctsId?.uuidString), \(bind: n.version))
                """
            ).run()
            try await audit([entry], db)
        }
    }

    public func note(id: UUID) async throws -> JournalNote? {
        try await database.read { db in try await Self.note(id, db) }
    }

    static func note(_ id: UUID, _ db: any SQLDatabase) async throws -> JournalNote? {
        try await db.raw("SELECT * FROM journal_notes WHERE id = \(bind: id.uuidString)").first(decoding: Row.self)?.value()
    }

    public func notes(personId: UUID) async throws -> [JournalNote] {
        try await database.read { db in
            try await db.raw("SELECT * FROM journal_notes WHERE person_id = \(bind: personId.uuidString) ORDER BY event_date DESC, created_at DESC")
                .all(decoding: Row.self).map { try $0.value() }
        }
    }

    public func updateDraft(
        id: UUID, kind: JournalNote.Kind, eventDate: LocalDate, text: String, at: Date, expectedVersion: Int, audit entry: AccessLogEntry
    ) async throws -> JournalNote {
        try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE journal_notes SET kind = \(bind: kind.rawValue), event_date = \(bind: eventDate.description), text = \(bind: text),
                    updated_at = \(bind: at.epochMilliseconds), version = version + 1
                WHERE id = \(bind: id.uuidString) AND signed_at IS NULL AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw try await Self.refusal(id, db) }
            try await audit([entry], db)
            guard let n = try await Self.note(id, db) else { throw DomainError.notFound }
            return n
        }
    }

    public func sign(id: UUID, at: Date, byName: String, expectedVersion: Int, audit entry: AccessLogEntry) async throws -> JournalNote {
        try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE journal_notes SET signed_at = \(bind: at.epochMilliseconds), signed_by_name = \(bind: byName), version = version + 1
                WHERE id = \(bind: id.uuidString) AND signed_at IS NULL AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw try await Self.refusal(id, db) }
            try await audit([entry], db)
            guard let n = try await Self.note(id, db) else { throw DomainError.notFound }
            return n
        }
    }

    /// Why an update changed no row: the note was signed meanwhile (a conflict), or its version moved on.
    static func refusal(_ id: UUID, _ db: any SQLDatabase) async throws -> DomainError {
        guard let n = try await note(id, db) else { return .notFound }
        return n.isSigned ? JournalNote.signedConflict : .stale
    }
}
