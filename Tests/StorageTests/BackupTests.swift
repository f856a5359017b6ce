import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// Backups that are restored: a backup taken while the access log is being written, restored into an empty database of
/// the same kind, has every table's rows (the log up to the moment of the backup, its chain intact); a restore into a
/// database that is not empty and a backup over an existing file are refused and change nothing.
@Suite("Backup and restore on real databases")
struct BackupTests {
    @Test("Backup under load, restore into an empty database, compare every table", arguments: TestDatabase.kinds)
    func backupAndRestore(kind: TestDatabase) async throws {
        try await kind.with { db, url in
            try await Fixtures.organisation(db)
            let reader = try await Fixtures.user(db, "sara", role: .socialSecretary, unit: "spanga-tensta-ekonomiskt-bistand")
            _ = try await DemoData(database: db).addPersons(40, seed: 7, at: Fixtures.t0)
            let log = SQLAccessLog(database: db)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samsyn-backup-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("samsyn.backup").path

            // The load: reads logged one after another while the backup runs.
            let load = Task {
                var n = 0
                while !Task.isCancelled && n < 2_000 {
                    try await log.append([AccessLogEntry(at: Fixtures.t0, requestId: "load-\(n)", actor: reader, personId: UUID(), action: .personRead, outcome: .allowed)])
                    n += 1
                }
                return n
            }
            try await Task.sleep(for: .milliseconds(50))
            try await Backup.backup(db, url: url, to: file)
            load.cancel()
            let written = try await load.value
            #expect(written > 0)
            #expect(FileManager.default.fileExists(atPath: file))

            // A second backup to the same file is refused and leaves it as it was.
            let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int
            await #expect(throws: Backup.Failure.self) { try await Backup.backup(db, url: url, to: file) }
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int == size)

            let source = try await Backup.tableDigests(db)
            try await kind.with(migrated: false) { _, target in
                try await Backup.restore(from: file, into: target, logger: TestDatabase.logger)
                let restored = try await Database.open(target, logger: TestDatabase.logger, readers: 1)
                let copy = try await Backup.tableDigests(restored)
                #expect(Set(copy.keys) == Set(source.keys))
                // Every table but the log (written during the backup) is the same, row for row.
                for (table, digest) in source where !table.hasPrefix("access_log") {
                    #expect(copy[table]?.rows == digest.rows && copy[table]?.sha256 == digest.sha256, "table \(table)")
                }
                #expect(source["persons"]?.rows == 40)
                // The log: a prefix of the source's, its chain intact, each row the same as in the source.
                let restoredLog = SQLAccessLog(database: restored)
                let verified = try await restoredLog.verify()
                #expect(verified.isIntact)
                let copied = try #require(copy["access_log"]?.rows)
                #expect(copied >= 1 && copied <= (source["access_log"]?.rows ?? 0))
                let last = try #require(try await restoredLog.recent(committeeId: nil, limit: 1).first)
                #expect(try await log.record(sequence: last.sequence)?.hash == last.hash)
                await restored.close()

                // Restoring again into the now non-empty database is refused; nothing in it changes.
                await #expect(throws: Backup.Failure.self) { try await Backup.restore(from: file, into: target, logger: TestDatabase.logger) }
                let again = try await Database.open(target, logger: TestDatabase.logger, readers: 1)
                let after = try await Backup.tableDigests(again)
                #expect(after["persons"]?.sha256 == copy["persons"]?.sha256 && after["access_log"]?.rows == copy["access_log"]?.rows)
                await again.close()
            }
        }
    }
}
