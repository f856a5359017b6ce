import Foundation
import SQLKit
import SamsynDomain

/// A few signed journal notes on two demo persons enrolled at Jobbtorg under a consent that covers the journal:
/// the district's contact notes (one corrected), and the coach's first visit, so each side sees its own notes
/// and the other's under consent. Does nothing if the journal already has notes.
extension DemoData {
    @discardableResult
    public func addJournal(at now: Date) async throws -> Int {
        struct N: Decodable { let n: Int }
        struct P: Decodable { let person_id: String }
        let existing = try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM journal_notes").first(decoding: N.self)?.n ?? 0 }
        guard existing == 0 else { return 0 }
        let users = SQLUserStore(database: database)
        guard let secretary = try await users.credentials(username: "socialsekreterare")?.user, let coach = try await users.credentials(username: "coach")?.user
        else { return 0 }
        let persons = try await database.read { db in
            try await db.raw(
                """
                SELECT DISTINCT e.person_id FROM enrolments e JOIN consents c ON c.person_id = e.person_id
                WHERE e.status = 'active' AND e.unit_id = \(bind: coach.unitId) AND c.withdrawn_at IS NULL AND c.scopes LIKE '%journal%'
                ORDER BY e.person_id LIMIT 2
                """
            ).all(decoding: P.self)
        }.compactMap { UUID(uuidString: $0.person_id) }
        let store = SQLJournalStore(database: database)
        let today = LocalDate(now)
        var added = 0
        func add(_ person: UUID, _ by: StaffUser, _ kind: JournalNote.Kind, daysAgo: Int, _ text: String, corrects: UUID? = nil) async throws -> UUID {
            let at = now.addingTimeInterval(Double(-daysAgo) * 86_400)
            let n = JournalNote(
                id: UUID(), personId: person, committeeId: by.committeeId, unitId: by.unitId, kind: kind, eventDate: today.adding(days: -daysAgo), text: text,
                authorId: by.id, authorName: by.displayName, createdAt: at, signedAt: at.addingTimeInterval(600), signedByName: by.displayName, correctsId: corrects)
            try await store.addNote(
                n, audit: AccessLogEntry(at: now, requestId: "demo", actor: by, personId: person, action: corrects == nil ? .journalCreate : .journalCorrect, outcome: .allowed, detail: "demo"))
            added += 1
            return n.id
        }
        for (i, person) in persons.enumerated() {
            _ = try await add(
                person, secretary, .phone, daysAgo: 20 + i,
                "Personen ringde om ansökan om försörjningsstöd för nästa månad. Vi gick igenom vilka underlag som behövs: hyresavi och kontoutdrag.")
            let visit = try await add(
                person, secretary, .visit, daysAgo: 14 + i,
                "Nybesök. Personen har sökt arbete inom lager i ett år utan att få svar. Hon vill ha stöd att skriva CV. Nästa besök bokades till om två veckor.")
            _ = try await add(
                person, secretary, .visit, daysAgo: 13 + i, "Rättelse: personen vill ha stöd att skriva CV och att öva inför intervjuer, inte bara med CV:t.",
                corrects: visit)
            _ = try await add(
                person, coach, .meeting, daysAgo: 5 + i,
                "Första besöket på Jobbtorg Kista. Vi gick igenom jobbplanen och bokade in CV-verkstaden på tisdagar.")
        }
        return added
    }
}
