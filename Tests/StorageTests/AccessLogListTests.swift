import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@Suite("Access log: one row per list read")
struct AccessLogListTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("A search writes one row naming every hit; each person's history finds it; the chain verifies; the index is append-only",
        arguments: TestDatabase.kinds)
    func searchRow(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let user = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let log = SQLAccessLog(database: db)
            let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: log, clock: ManualClock(Self.t0))
            let actor = Actor(user: user, requestId: "r", channel: "test")
            var ids: [UUID] = []
            for (i, first) in ["Anna", "Annika", "Anneli"].enumerated() {
                ids.append(try await directory.register(Fixtures.personInput(Fixtures.personnummer(1980 + i, 3, 3, serial: 10 + i), first, "Berg"), by: actor).person.id)
            }
            let before = try await log.count()
            let hits = try await directory.search("berg", by: actor)
            #expect(hits.count == 3)
            #expect(try await log.count() == before + 1, "one row for the whole hit list")
            let row = try #require(try await log.recent(committeeId: "spanga-tensta", limit: 1).first)
            #expect(row.entry.auditAction == .personSearchHit)
            #expect(Set(row.entry.persons) == Set(ids))
            for id in ids {
                #expect(try await log.forPerson(id).contains { $0.sequence == row.sequence }, "who has seen this person includes the list read")
            }
            #expect(try await log.verify().isIntact)
            // The index rows cannot be changed or removed, like the log's own rows.
            await #expect(throws: (any Error).self) {
                try await db.write { try await $0.raw("DELETE FROM access_log_persons WHERE seq = \(bind: row.sequence)").run() }
            }
            #expect(try await log.forPerson(ids[0]).contains { $0.sequence == row.sequence })
        }
    }

    @Test("The person list is part of the chain: a list edited behind the triggers' back is reported by verify", arguments: TestDatabase.kinds)
    func tamper(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let log = SQLAccessLog(database: db)
            let a = UUID(), b = UUID()
            try await log.append([.list(at: Self.t0, requestId: "r", actor: nil, persons: [a, b], action: .personSearchHit)])
            try await log.append([AccessLogEntry(at: Self.t0, requestId: "r2", actor: nil, personId: a, action: .personRead, outcome: .allowed)])
            #expect(try await log.verify().isIntact)
            let one = AccessLogEntry.list(at: Self.t0, requestId: "r", actor: nil, persons: [a], action: .personSearchHit)
            #expect(one.personId == a && one.personIds.isEmpty, "a one-person list is an ordinary row")
            try await db.write { sql in
                if db.kind == .sqlite {
                    try await sql.raw("DROP TRIGGER access_log_no_update").run()
                } else {
                    try await sql.raw("DROP TRIGGER access_log_no_change ON access_log").run()
                }
                try await sql.raw("UPDATE access_log SET person_ids = \(bind: a.uuidString) WHERE seq = 1").run()
            }
            #expect(try await log.verify().brokenAt == [1])
        }
    }
}
