import Foundation
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain

/// The journal over the API, under the same rules as the pages (`JournalService`): a signed note is never
/// changed (409), a stale version gets 412, and the other committee reads signed notes only under consent.
extension APIHandler {
    var journal: JournalService { services.journal }

    func listJournalNotes(_ input: Operations.ListJournalNotes.Input) async throws -> Operations.ListJournalNotes.Output {
        let j = try await journal.journal(personId: try uuid(input.path.personId), by: try APIScope.actor())
        return .ok(.init(body: .json(.init(items: j.entries.map { Self.note($0.note, correctedBy: $0.correctedBy) }))))
    }

    func createJournalNote(_ input: Operations.CreateJournalNote.Input) async throws -> Operations.CreateJournalNote.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let n = try await journal.write(
            personId: try uuid(input.path.personId), JournalInput(kind: b.kind.rawValue, eventDate: b.eventDate, text: b.text), by: try APIScope.actor())
        return .created(.init(body: .json(Self.note(n, correctedBy: []))))
    }

    func updateJournalNote(_ input: Operations.UpdateJournalNote.Input) async throws -> Operations.UpdateJournalNote.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let n = try await journal.edit(
            id: try uuid(input.path.noteId), JournalInput(kind: b.kind.rawValue, eventDate: b.eventDate, text: b.text), expectedVersion: b.version,
            by: try APIScope.actor())
        return .ok(.init(body: .json(Self.note(n, correctedBy: []))))
    }

    func signJournalNote(_ input: Operations.SignJournalNote.Input) async throws -> Operations.SignJournalNote.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let n = try await journal.sign(id: try uuid(input.path.noteId), expectedVersion: b.version, by: try APIScope.actor())
        return .ok(.init(body: .json(Self.note(n, correctedBy: []))))
    }

    func correctJournalNote(_ input: Operations.CorrectJournalNote.Input) async throws -> Operations.CorrectJournalNote.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let n = try await journal.correct(
            id: try uuid(input.path.noteId), JournalInput(kind: b.kind.rawValue, eventDate: b.eventDate, text: b.text), by: try APIScope.actor())
        return .created(.init(body: .json(Self.note(n, correctedBy: []))))
    }

    static func note(_ n: JournalNote, correctedBy: [JournalNote]) -> Components.Schemas.JournalNote {
        .init(
            id: s(n.id), personId: s(n.personId), committeeId: n.committeeId, kind: e(n.kind), eventDate: n.eventDate.description, text: n.text,
            status: n.isSigned ? .signed : .draft, authorName: n.authorName, createdAt: n.createdAt, signedAt: n.signedAt, signedBy: n.signedByName,
            corrects: s(n.correctsId), correctedBy: correctedBy.map { s($0.id) }, version: n.version)
    }

    static func e(_ v: JournalNote.Kind) -> Components.Schemas.JournalNote.KindPayload {
        switch v {
        case .phone: .phone
        case .visit: .visit
        case .meeting: .meeting
        case .letter: .letter
        case .decision: .decision
        case .other: .other
        }
    }
}
