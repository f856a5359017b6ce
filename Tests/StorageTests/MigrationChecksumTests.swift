import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@Suite("Migration checksums on real databases")
struct MigrationChecksumTests {
    @Test("Every applied migration is recorded with the checksum of the statements it ran on this database", arguments: TestDatabase.kinds)
    func recorded(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let recorded = try await MigrationRunner(database: db).recordedChecksums()
            for m in MigrationRegistry.all {
                #expect(recorded[m.version] == .some(m.checksum(for: db.kind)), "\(m.label)")
                #expect(m.checksum(for: db.kind).count == 64)
            }
        }
    }

    @Test("A landed migration that was edited stops the start, naming it, and applies nothing", arguments: TestDatabase.kinds)
    func editedMigrationRefused(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            var edited = MigrationRegistry.all
            let index = try #require(edited.firstIndex { $0.version == 3 })
            let original = edited[index]
            edited[index] = Migration.statements(3, "CreatePersons") { kind in original.statements(for: kind).map { $0.replacingOccurrences(of: "city TEXT", with: "town TEXT") } }
            let pending = Migration.statements(900, "Pending") { _ in ["CREATE TABLE pending_never (id TEXT)"] }
            let error = await #expect(throws: DatabaseError.self) {
                try await MigrationRunner(database: db, migrations: edited + [pending]).migrate(logger: TestDatabase.logger)
            }
            #expect(
                error?.description == "migration 0003_CreatePersons was changed after it was applied; publish the change as a new migration")
            #expect(try await MigrationRunner(database: db).appliedVersions() == MigrationRegistry.all.map(\.version))
            // The unchanged list still starts.
            #expect(try await MigrationRunner(database: db).migrate(logger: TestDatabase.logger).isEmpty)
        }
    }

    @Test("A database from before checksums gets the current ones recorded at its first start, and is checked from then on", arguments: TestDatabase.kinds)
    func baselineForOldDatabases(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            // As an older Samsyn left it: the table without the checksum column.
            try await db.write { sql in
                try await sql.raw("CREATE TABLE schema_migrations_old AS SELECT version, name, applied_at FROM schema_migrations").run()
                try await sql.raw("DROP TABLE schema_migrations").run()
                try await sql.raw("ALTER TABLE schema_migrations_old RENAME TO schema_migrations").run()
            }
            let runner = MigrationRunner(database: db)
            #expect(try await runner.migrate(logger: TestDatabase.logger).isEmpty)
            let recorded = try await runner.recordedChecksums()
            #expect(recorded.count == MigrationRegistry.all.count)
            for m in MigrationRegistry.all { #expect(recorded[m.version] == .some(m.checksum(for: db.kind)), "\(m.label)") }

            var edited = MigrationRegistry.all
            let last = edited.removeLast()
            edited.append(Migration.statements(last.version, last.name) { kind in last.statements(for: kind) + ["SELECT 1"] })
            await #expect(throws: DatabaseError.changedMigration(last.label)) {
                try await MigrationRunner(database: db, migrations: edited).migrate(logger: TestDatabase.logger)
            }
        }
    }

    @Test("The checksum covers the dialect's text: a migration that differs by dialect has two")
    func perDialect() {
        let m3 = MigrationRegistry.all[2]
        #expect(m3.label == "0003_CreatePersons")
        #expect(m3.checksum(for: .sqlite) != m3.checksum(for: .postgres))
        #expect(m3.checksum(for: .sqlite) == m3.checksum(for: .sqlite))
    }
}
