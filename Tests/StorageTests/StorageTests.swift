import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@Suite("Storage on real databases")
struct StorageTests {
    let t0 = Fixtures.t0

    @Test("Migrations run on an empty database, are recorded, and a second run changes nothing", arguments: TestDatabase.kinds)
    func migrations(kind: TestDatabase) async throws {
        try await kind.with(migrated: false) { db, _ in
            let runner = MigrationRunner(database: db)
            let first = try await runner.migrate(logger: TestDatabase.logger)
            #expect(first == MigrationRegistry.all.map(\.version))
            let second = try await runner.migrate(logger: TestDatabase.logger)
            #expect(second.isEmpty)
            #expect(try await runner.appliedVersions() == MigrationRegistry.all.map(\.version))
        }
    }

    @Test("Two runners migrating the same database at once apply each migration exactly once", arguments: TestDatabase.kinds)
    func concurrentMigrations(kind: TestDatabase) async throws {
        try await kind.with(migrated: false) { db, url in
            let other = try await Database.open(url, logger: TestDatabase.logger)
            do {
                async let a = MigrationRunner(database: db).migrate(logger: TestDatabase.logger)
                async let b = MigrationRunner(database: other).migrate(logger: TestDatabase.logger)
                let (ra, rb) = try await (a, b)
                #expect((ra + rb).sorted() == MigrationRegistry.all.map(\.version))
            } catch {
                // Closed before the error is reported: an unclosed SQLite connection stops the whole test process.
                await other.close()
                throw error
            }
            await other.close()
        }
    }

    @Test("A failing migration leaves nothing behind", arguments: TestDatabase.kinds)
    func failedMigrationRollsBack(kind: TestDatabase) async throws {
        try await kind.with(migrated: false) { db, _ in
            let broken = Migration.statements(900, "Broken") { _ in ["CREATE TABLE half_done (id TEXT)", "THIS IS NOT SQL"] }
            await #expect(throws: DatabaseError.self) {
                try await MigrationRunner(database: db, migrations: [broken]).migrate(logger: TestDatabase.logger)
            }
            struct N: Decodable { let n: Int }
            let tableQuery: SQLQueryString =
                db.kind == .sqlite
                ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'"
                : "SELECT COUNT(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'"
            let n = try await db.read { try await $0.raw(tableQuery).first(decoding: N.self)?.n }
            #expect(n == 0)
            #expect(try await MigrationRunner(database: db).appliedVersions().isEmpty)
        }
    }

    @Test("Registering a person writes the person, the file and one access-log row in one transaction", arguments: TestDatabase.kinds)
    func registerPerson(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let user = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let log = SQLAccessLog(database: db)
            let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: log, clock: ManualClock(t0))
            let actor = Actor(user: user, requestId: "r1", channel: "test")
            let before = try await log.count()
            let view = try await directory.register(Fixtures.personInput("19850714-1235", "Anna", "Öberg"), by: actor)
            #expect(view.person.identityNumber.digits == "198507141235")
            #expect(view.files.map(\.committeeId) == ["spanga-tensta"])
            #expect(try await log.count() == before + 1)
            let row = try #require(try await log.forPerson(view.person.id).first)
            #expect(row.entry.action == "person.create")
            #expect(row.entry.username == "maja")
            #expect(row.entry.after?.contains("198507141235") == true)

            // The same number again at the same committee: a conflict, and nothing written.
            let count = try await log.count()
            await #expect(throws: DomainError.self) {
                try await directory.register(Fixtures.personInput("8507141235", "Anna", "Öberg"), by: actor)
            }
            #expect(try await log.count() == count)
            #expect(try await SQLPersonStore(database: db).count() == 1)
        }
    }

    @Test("Secrecy: another committee neither finds nor reads the person, and the denial is logged", arguments: TestDatabase.kinds)
    func secrecyBetweenCommittees(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let district = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let coach = try await Fixtures.user(db, "carl", role: .coach, unit: "jobbtorg-kista")
            let log = SQLAccessLog(database: db)
            let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: log, clock: ManualClock(t0))
            let view = try await directory.register(Fixtures.personInput("19850714-1235", "Anna", "Öberg"), by: Actor(user: district, requestId: "r1", channel: "test"))
            let coachActor = Actor(user: coach, requestId: "r2", channel: "test")

            #expect(try await directory.search("Öberg", by: coachActor).isEmpty)
            #expect(try await directory.search("19850714-1235", by: coachActor).isEmpty)
            await #expect(throws: DomainError.notFound) { try await directory.read(id: view.person.id, by: coachActor) }
            let denied = try #require(try await log.forPerson(view.person.id).first)
            #expect(denied.entry.outcome == .denied)
            #expect(denied.entry.detail == "not_in_committee")
            #expect(denied.entry.username == "carl")

            // Registering the same person at Jobbtorg opens a second file; each committee sees only its own.
            let jobbtorgView = try await directory.register(Fixtures.personInput("198507141235", "Anna", "Öberg"), by: coachActor)
            #expect(jobbtorgView.person.id == view.person.id)
            #expect(jobbtorgView.files.map(\.committeeId) == ["arbetsmarknadsnamnden"])
            #expect(try await directory.read(id: view.person.id, by: coachActor).files.map(\.committeeId) == ["arbetsmarknadsnamnden"])
        }
    }

    @Test("Search by name prefixes, full number, old number and birth date, within the committee", arguments: TestDatabase.kinds)
    func search(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let user = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let log = SQLAccessLog(database: db)
            let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: log, clock: ManualClock(t0))
            let actor = Actor(user: user, requestId: "r", channel: "test")
            let anna = Fixtures.personnummer(1985, 7, 14, serial: 123)
            let sam = Fixtures.personnummer(1990, 1, 5, serial: 456, samordning: true)
            _ = try await directory.register(Fixtures.personInput(anna, "Anna-Karin", "Öberg"), by: actor)
            _ = try await directory.register(Fixtures.personInput(sam, "Ali", "Hassan"), by: actor)
            _ = try await directory.register(Fixtures.personInput(Fixtures.personnummer(1970, 3, 3, serial: 11), "Annika", "Berg"), by: actor)

            #expect(try await directory.search("öberg", by: actor).map(\.lastName) == ["Öberg"])
            #expect(try await directory.search("ann", by: actor).map(\.firstName) == ["Annika", "Anna-Karin"])
            #expect(try await directory.search("karin öb", by: actor).map(\.lastName) == ["Öberg"])
            #expect(try await directory.search(anna, by: actor).count == 1)
            #expect(try await directory.search(String(anna.dropFirst(2)), by: actor).count == 1)
            #expect(try await directory.search("19850714", by: actor).count == 1)
            #expect(try await directory.search("850714", by: actor).count == 1)
            #expect(try await directory.search("19900105", by: actor).map(\.lastName) == ["Hassan"], "a samordningsnummer is found by the birth date")
            #expect(try await directory.search("Lindqvist", by: actor).isEmpty)

            // Each hit is logged as a read of that person.
            let hits = try await log.recent(committeeId: "spanga-tensta", limit: 5)
            #expect(hits.first?.entry.action == "person.search_hit" || hits.first?.entry.action == "person.search")
        }
    }

    @Test("Two registrations of the same number at the same moment: exactly one succeeds", arguments: TestDatabase.kinds)
    func concurrentRegistration(kind: TestDatabase) async throws {
        try await kind.with { db, url in
            try await Fixtures.organisation(db)
            let user = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let other = try await Database.open(url, logger: TestDatabase.logger)
            let d1 = PersonDirectory(persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: ManualClock(t0))
            let d2 = PersonDirectory(persons: SQLPersonStore(database: other), log: SQLAccessLog(database: other), clock: ManualClock(t0))
            let actor = Actor(user: user, requestId: "r", channel: "test")
            let input = Fixtures.personInput(Fixtures.personnummer(1985, 7, 14, serial: 321))
            async let a: Bool = { (try? await d1.register(input, by: actor)) != nil }()
            async let b: Bool = { (try? await d2.register(input, by: actor)) != nil }()
            let results = await [a, b]
            #expect(results.filter { $0 }.count == 1)
            #expect(try await SQLPersonStore(database: db).count() == 1)
            #expect(try await SQLAccessLog(database: db).verify().isIntact)
            await other.close()
        }
    }

    @Test("The access log is append-only, hash-chained, and verify finds a tampered row", arguments: TestDatabase.kinds)
    func accessLogChain(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let log = SQLAccessLog(database: db)
            let entries = (0..<25).map { i in
                AccessLogEntry(at: t0 + Double(i), requestId: "r\(i)", actor: nil, personId: UUID(), action: .personRead, outcome: .allowed, detail: "test")
            }
            // Concurrent appends are group-committed and still form one unbroken chain.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for e in entries { group.addTask { try await log.append([e]) } }
                try await group.waitForAll()
            }
            let ok = try await log.verify()
            #expect(ok.isIntact)
            #expect(ok.rowsChecked == 25)

            // The database refuses changes and deletions.
            await #expect(throws: (any Error).self) {
                try await db.write { try await $0.raw("UPDATE access_log SET action = 'x' WHERE seq = 3").run() }
            }
            await #expect(throws: (any Error).self) {
                try await db.write { try await $0.raw("DELETE FROM access_log WHERE seq = 3").run() }
            }

            // Someone with the database owner's rights removes the guard and edits a row: verify reports it.
            try await db.write { sql in
                if db.kind == .sqlite {
                    try await sql.raw("DROP TRIGGER access_log_no_update").run()
                } else {
                    try await sql.raw("DROP TRIGGER access_log_no_change ON access_log").run()
                }
                try await sql.raw("UPDATE access_log SET outcome = 'denied' WHERE seq = 7").run()
            }
            let broken = try await log.verify()
            #expect(!broken.isIntact)
            #expect(broken.brokenAt == [7])
        }
    }

    @Test("Disabling a user ends their sessions and tokens in the same transaction, and is logged with before and after", arguments: TestDatabase.kinds)
    func disableEndsSessions(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let user = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
            let sessions = SQLSessionStore(database: db)
            try await sessions.create(SessionRecord(tokenHash: "h1", userId: user.id, csrfToken: "c", createdAt: t0, lastSeenAt: t0))
            try await sessions.createToken(APITokenRecord(tokenHash: "t1", userId: user.id, createdAt: t0, expiresAt: t0 + 3600))
            try await SQLUserStore(database: db).setActive(
                userId: user.id, active: false, audit: AccessLogEntry(at: t0, requestId: "r", actor: nil, action: .userDisable, outcome: .allowed))
            #expect(try await sessions.session(tokenHash: "h1") == nil)
            #expect(try await sessions.token(tokenHash: "t1") == nil)
            #expect(try await SQLUserStore(database: db).user(id: user.id)?.active == false)
            let row = try #require(try await SQLAccessLog(database: db).recent(committeeId: nil, limit: 1).first)
            #expect(row.entry.action == "user.disable")
            #expect(row.entry.before == #"{"active":"true"}"#)
            #expect(row.entry.after == #"{"active":"false"}"#)
        }
    }

    @Test("Organisation edits keep before and after in the access log", arguments: TestDatabase.kinds)
    func organisationEdit(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            try await Fixtures.organisation(db)
            let store = SQLOrganisationStore(database: db)
            #expect(try await store.committees().count == 15)
            var c = try #require(try await store.committees().first { $0.id == "bromma" })
            c.name = "Bromma stadsdelsnämnd (ny)"
            try await store.save(c, audit: AccessLogEntry(at: t0, requestId: "r", actor: nil, action: .organisationCommitteeSave, outcome: .allowed))
            #expect(try await store.committees().first { $0.id == "bromma" }?.name == "Bromma stadsdelsnämnd (ny)")
            let row = try #require(try await SQLAccessLog(database: db).recent(committeeId: nil, limit: 1).first)
            #expect(row.entry.before?.contains("\"Bromma stadsdelsnämnd\"") == true)
            #expect(row.entry.after?.contains("(ny)") == true)
        }
    }

    @Test("Demo data: synthetic persons with valid numbers, spread over districts and Jobbtorg", arguments: TestDatabase.kinds)
    func demoData(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let demo = DemoData(database: db)
            #expect(try await demo.loadOrganisation(at: t0))
            #expect(!(try await demo.loadOrganisation(at: t0)))
            let users = try await demo.loadUsers(passwordHash: "x", at: t0)
            #expect(Set(try await SQLUserStore(database: db).all().map(\.role)) == Set(Role.allCases))
            #expect(users.count == ReferenceOrganisation.demoUsers.count)
            let added = try await demo.addPersons(600, seed: 1, at: t0)
            #expect(added == 600)
            #expect(try await SQLPersonStore(database: db).count() == 600)
            #expect(try await SQLAccessLog(database: db).verify().isIntact)
        }
    }
}
