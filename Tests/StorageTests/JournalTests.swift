import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// The journal through its service on both real databases: drafts, signing, corrections, secrecy and consent,
/// the access log (never the note's text), and a signed row that the database itself refuses to change.
@Suite("Journal on real databases")
struct JournalTests {
    struct World {
        let journal: JournalService
        let store: SQLJournalStore
        let flow: CaseFlowService
        let directory: PersonDirectory
        let log: SQLAccessLog
        let clock: ManualClock
        let sara: Actor, maja: Actor, carl: Actor, elin: Actor, otherDistrict: Actor
        let db: Database

        func person(_ i: Int) async throws -> UUID {
            try await directory.register(Fixtures.personInput(Fixtures.personnummer(1979, 3, 1 + i, serial: 410 + i), "Journal", "Person\(i)"), by: sara).person.id
        }
        func count(_ sql: String) async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await db.read { db in try await db.raw(SQLQueryString(sql)).first(decoding: N.self)?.n ?? -1 }
        }
        func logRows(_ action: AuditAction) async throws -> [AccessLogRecord] {
            try await log.recent(committeeId: nil, limit: 1000).filter { $0.entry.action == action.rawValue }
        }
    }

    func world(_ db: Database) async throws -> World {
        try await Fixtures.organisation(db)
        func actor(_ name: String, _ role: Role, _ unit: String) async throws -> Actor {
            Actor(user: try await Fixtures.user(db, name, role: role, unit: unit), requestId: "t", channel: "test")
        }
        let clock = ManualClock(Fixtures.t0)
        let log = SQLAccessLog(database: db)
        let persons = SQLPersonStore(database: db)
        let caseStore = SQLCaseFlowStore(database: db)
        let store = SQLJournalStore(database: db)
        return World(
            journal: JournalService(store: store, persons: persons, consents: caseStore, log: log, clock: clock), store: store,
            flow: CaseFlowService(store: caseStore, persons: persons, organisation: SQLOrganisationStore(database: db), log: log, clock: clock),
            directory: PersonDirectory(persons: persons, log: log, clock: clock), log: log, clock: clock,
            sara: try await actor("sara", .socialSecretary, "spanga-tensta-ekonomiskt-bistand"), maja: try await actor("maja", .intakeOfficer, "spanga-tensta-mottagning"),
            carl: try await actor("carl", .coach, "jobbtorg-kista"), elin: try await actor("elin", .unitManager, "spanga-tensta-ekonomiskt-bistand"),
            otherDistrict: try await actor("olle", .socialSecretary, "bromma-ekonomiskt-bistand"), db: db)
    }

    func kind(_ error: any Error) -> DomainError.Kind? { (error as? DomainError)?.kind }
    func fields(_ error: any Error) -> [String] { (error as? DomainError)?.fields.map(\.field) ?? [] }
    static let secret = "Hemlig text om hyresskulden 4711"

    @Test("Draft, change, sign; a signed note refuses every change (409) and nothing is saved; corrections point to it", arguments: TestDatabase.kinds)
    func lifecycle(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let pid = try await w.person(1)
            let draft = try await w.journal.write(personId: pid, JournalInput(kind: "phone", eventDate: "2026-11-18", text: Self.secret), by: w.sara)
            #expect(!draft.isSigned && draft.version == 1 && draft.committeeId == "spanga-tensta")
            let edited = try await w.journal.edit(id: draft.id, JournalInput(kind: "visit", eventDate: "2026-11-17", text: "Besök. " + Self.secret), expectedVersion: 1, by: w.sara)
            #expect(edited.kind == .visit && edited.version == 2 && edited.eventDate == LocalDate("2026-11-17"))
            // A stale version changes nothing.
            await #expect(throws: DomainError.stale) { _ = try await w.journal.edit(id: draft.id, JournalInput(kind: "other", eventDate: "2026-11-17", text: "x"), expectedVersion: 1, by: w.sara) }
            // A colleague may not change or sign someone else's draft, and does not see it.
            await #expect(throws: DomainError.notFound) { _ = try await w.journal.sign(id: draft.id, expectedVersion: 2, by: w.maja) }
            #expect(try await w.journal.journal(personId: pid, by: w.maja).entries.isEmpty)

            let signed = try await w.journal.sign(id: draft.id, expectedVersion: 2, by: w.sara)
            #expect(signed.isSigned && signed.signedByName == "Sara" && signed.version == 3)
            await #expect(throws: JournalNote.signedConflict) {
                _ = try await w.journal.edit(id: draft.id, JournalInput(kind: "other", eventDate: "2026-11-17", text: "Ändrad"), expectedVersion: 3, by: w.sara)
            }
            await #expect(throws: JournalNote.signedConflict) { _ = try await w.journal.sign(id: draft.id, expectedVersion: 3, by: w.sara) }
            // The store itself has no update path for a signed row, whatever version is named.
            await #expect(throws: JournalNote.signedConflict) {
                _ = try await w.store.updateDraft(
                    id: draft.id, kind: .other, eventDate: LocalDate("2026-11-17")!, text: "Ändrad", at: Date(), expectedVersion: 3,
                    audit: AccessLogEntry(at: Date(), requestId: "t", actor: w.sara.user, action: .journalEdit, outcome: .allowed))
            }
            let stored = try #require(try await w.store.note(id: draft.id))
            #expect(stored.text == "Besök. " + Self.secret && stored.kind == .visit && stored.version == 3)
            #expect(try await w.logRows(.journalEdit).filter { $0.entry.outcome == .denied && $0.entry.detail == "signed" }.count == 1)

            // A correction by a colleague; a draft cannot be corrected; the original shows the signed correction.
            let fix = try await w.journal.correct(id: draft.id, JournalInput(kind: "visit", eventDate: "2026-11-17", text: "Rätt datum är 2026-11-16."), by: w.maja)
            #expect(fix.correctsId == draft.id && !fix.isSigned)
            await #expect(throws: DomainError.self) { _ = try await w.journal.correct(id: fix.id, JournalInput(kind: "visit", eventDate: "2026-11-17", text: "x"), by: w.maja) }
            #expect(try await w.journal.journal(personId: pid, by: w.sara).entries.first { $0.note.id == draft.id }?.isCorrected == false)
            _ = try await w.journal.sign(id: fix.id, expectedVersion: 1, by: w.maja)
            let entries = try await w.journal.journal(personId: pid, by: w.sara).entries
            #expect(entries.first { $0.note.id == draft.id }?.correctedBy.map(\.id) == [fix.id])
            #expect(entries.first { $0.note.id == fix.id }?.corrects?.id == draft.id)

            // Bad input: empty text, a future date; nothing saved.
            let before = try await w.count("SELECT COUNT(*) AS n FROM journal_notes")
            do {
                _ = try await w.journal.write(personId: pid, JournalInput(kind: "phone", eventDate: "2026-11-19", text: "  "), by: w.sara)
                Issue.record("an empty note in the future was saved")
            } catch { #expect(fields(error) == ["eventDate", "text"]) }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM journal_notes") == before)

            // The access log names the note, never its text.
            let rows = try await w.log.recent(committeeId: nil, limit: 1000).filter { $0.entry.action.hasPrefix("journal.") }
            #expect(rows.count >= 8)
            #expect(rows.allSatisfy { !($0.entry.after ?? "").contains("Hemlig") && !($0.entry.before ?? "").contains("Hemlig") && !($0.entry.detail ?? "").contains("Hemlig") })
            func allowed(_ a: AuditAction) async throws -> Int { try await w.logRows(a).filter { $0.entry.outcome == .allowed }.count }
            let counts = [try await allowed(.journalSign), try await allowed(.journalCorrect), try await allowed(.journalCreate), try await allowed(.journalEdit)]
            #expect(counts == [2, 1, 1, 1])
        }
    }

    @Test("The database refuses an UPDATE or DELETE of a signed row; a draft row may still change", arguments: TestDatabase.kinds)
    func storageRefusesSignedChanges(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let pid = try await w.person(2)
            let n = try await w.journal.write(personId: pid, JournalInput(kind: "letter", eventDate: "2026-11-18", text: "Brev om beslut"), by: w.sara)
            let id = n.id.uuidString
            try await db.write { db in try await db.raw("UPDATE journal_notes SET text = 'Utkast ändrat direkt' WHERE id = \(bind: id)").run() }
            _ = try await w.journal.sign(id: n.id, expectedVersion: 1, by: w.sara)
            await #expect(throws: (any Error).self) {
                try await db.write { db in try await db.raw("UPDATE journal_notes SET text = 'Ändrad i efterhand' WHERE id = \(bind: id)").run() }
            }
            await #expect(throws: (any Error).self) {
                try await db.write { db in try await db.raw("UPDATE journal_notes SET signed_at = NULL, signed_by_name = NULL WHERE id = \(bind: id)").run() }
            }
            await #expect(throws: (any Error).self) { try await db.write { db in try await db.raw("DELETE FROM journal_notes WHERE id = \(bind: id)").run() } }
            let stored = try #require(try await w.store.note(id: n.id))
            #expect(stored.text == "Utkast ändrat direkt" && stored.isSigned)
        }
    }

    @Test("Secrecy: the other committee reads signed notes only under a valid journal consent; no file, no note; managers and analysts read none", arguments: TestDatabase.kinds)
    func secrecyAndConsent(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let pid = try await w.person(3)
            let note = try await w.journal.write(personId: pid, JournalInput(kind: "visit", eventDate: "2026-11-18", text: "Nybesök"), by: w.sara)
            _ = try await w.journal.sign(id: note.id, expectedVersion: 1, by: w.sara)
            _ = try await w.journal.write(personId: pid, JournalInput(kind: "phone", eventDate: "2026-11-18", text: "Utkast"), by: w.sara)

            // Another district, with no file: not found, nothing written, a denied row.
            await #expect(throws: DomainError.notFound) { _ = try await w.journal.journal(personId: pid, by: w.otherDistrict) }
            await #expect(throws: DomainError.notFound) {
                _ = try await w.journal.write(personId: pid, JournalInput(kind: "phone", eventDate: "2026-11-18", text: "Inte min akt"), by: w.otherDistrict)
            }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM journal_notes WHERE committee_id <> 'spanga-tensta'") == 0)
            #expect(try await w.logRows(.journalCreate).contains { $0.entry.outcome == .denied && $0.entry.detail == "not_in_committee" })

            // Jobbtorg opens its own file: its coach sees none of the district's notes without consent.
            _ = try await w.directory.register(Fixtures.personInput(Fixtures.personnummer(1979, 3, 4, serial: 413), "Journal", "Person3"), by: w.carl)
            #expect(try await w.journal.journal(personId: pid, by: w.carl).entries.isEmpty)
            await #expect(throws: DomainError.notFound) { _ = try await w.journal.note(id: note.id, by: w.carl) }
            // A consent that does not cover the journal shares nothing; one that does shares the signed note, read-only.
            _ = try await w.flow.recordConsent(
                personId: pid, .init(recipient: "arbetsmarknadsnamnden", scopes: ["referral", "plans"], purpose: "Planering mot arbete", validFrom: "2026-11-18", validTo: "2027-06-30", method: "written"),
                by: w.sara)
            #expect(try await w.journal.journal(personId: pid, by: w.carl).entries.isEmpty)
            let consent = try await w.flow.recordConsent(
                personId: pid, .init(recipient: "arbetsmarknadsnamnden", scopes: ["journal"], purpose: "Planering mot arbete", validFrom: "2026-11-18", validTo: "2027-06-30", method: "written"),
                by: w.sara)
            let shared = try await w.journal.journal(personId: pid, by: w.carl)
            #expect(shared.entries.map(\.note.id) == [note.id] && shared.sharedUnderConsent)
            #expect(!shared.capabilities.canCorrect(note) && !shared.capabilities.canEdit(note))
            await #expect(throws: DomainError.notFound) { _ = try await w.journal.correct(id: note.id, JournalInput(kind: "visit", eventDate: "2026-11-18", text: "Rättar"), by: w.carl) }
            // The coach's own note is the Jobbtorg's; the district reads it under the same consent.
            let coachNote = try await w.journal.write(personId: pid, JournalInput(kind: "meeting", eventDate: "2026-11-18", text: "Första besöket"), by: w.carl)
            #expect(coachNote.committeeId == "arbetsmarknadsnamnden")
            _ = try await w.journal.sign(id: coachNote.id, expectedVersion: 1, by: w.carl)
            #expect(try await w.journal.journal(personId: pid, by: w.sara).entries.contains { $0.note.id == coachNote.id })
            // Withdrawal stops it at once.
            _ = try await w.flow.withdrawConsent(id: consent.id, expectedVersion: 1, by: w.sara)
            #expect(try await w.journal.journal(personId: pid, by: w.carl).entries.map(\.note.id) == [coachNote.id])
            #expect(try await w.journal.journal(personId: pid, by: w.sara).entries.contains { $0.note.id == coachNote.id } == false)

            // Managers read no journal.
            await #expect(throws: DomainError.forbidden) { _ = try await w.journal.journal(personId: pid, by: w.elin) }
            await #expect(throws: DomainError.forbidden) {
                _ = try await w.journal.write(personId: pid, JournalInput(kind: "phone", eventDate: "2026-11-18", text: "Chefens anteckning"), by: w.elin)
            }
            #expect(try await w.logRows(.journalRead).contains { $0.entry.outcome == .denied && $0.entry.detail == "role" })
            #expect(try await w.logRows(.journalRead).contains { $0.entry.outcome == .allowed && $0.entry.detail == "test consent" })
        }
    }
}
