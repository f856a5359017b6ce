import Foundation

/// The journal's notes. Every write commits its access-log row in the same transaction. A signed note has no
/// update path: `updateDraft` and `sign` change only an unsigned row with the expected version (a signed one
/// throws `JournalNote.signedConflict`, an old version `DomainError.stale`), and the database itself refuses
/// any UPDATE or DELETE of a signed row.
public protocol JournalStore: Sendable {
    func addNote(_ n: JournalNote, audit: AccessLogEntry) async throws
    func note(id: UUID) async throws -> JournalNote?
    /// Every note of the person, at every committee (the service decides what a reader sees).
    func notes(personId: UUID) async throws -> [JournalNote]
    func updateDraft(id: UUID, kind: JournalNote.Kind, eventDate: LocalDate, text: String, at: Date, expectedVersion: Int, audit: AccessLogEntry) async throws -> JournalNote
    func sign(id: UUID, at: Date, byName: String, expectedVersion: Int, audit: AccessLogEntry) async throws -> JournalNote
}
