import Foundation
import Logging
import SQLKit

/// Applies pending migrations in order, each in its own transaction together with its row in
/// `schema_migrations`. Safe when two Samsyn processes start at once on one PostgreSQL: the
/// transaction takes an advisory lock and re-checks what has run.
public struct MigrationRunner: Sendable {
    let database: Database
    let migrations: [Migration]

    public init(database: Database, migrations: [Migration] = MigrationRegistry.all) {
        self.database = database
        self.migrations = migrations
    }

    /// Returns the versions applied by this call. Before applying anything, every applied migration's
    /// recorded checksum is compared with the one this binary would run: a landed migration that was
    /// edited stops the start (`DatabaseError.changedMigration`).
    @discardableResult
    public func migrate(logger: Logger) async throws -> [Int] {
        let versions = migrations.map(\.version)
        guard versions == versions.sorted(), Set(versions).count == versions.count else {
            throw DatabaseError.migration("migrations are not in strictly increasing order")
        }
        let kind = database.kind
        try await busyRetry(kind) { try await database.write { db in
            // Two processes starting at once must not both create or upgrade the table.
            if kind == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(7316001)").run() }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL, checksum TEXT)"
            ).run()
            try await Self.upgradeAndVerify(migrations, db, kind, logger: logger)
        } }
        var applied: [Int] = []
        for migration in migrations {
            let ran = try await busyRetry(kind) { try await database.write { db -> Bool in
                if kind == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(7316001)").run()
                }
                let done = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").all()
                if !done.isEmpty { return false }
                do {
                    try await migration.apply(db, kind)
                } catch {
                    throw DatabaseError.migration("\(migration.version) \(migration.name): \(String(reflecting: error).prefix(400))")
                }
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at, checksum)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().epochMilliseconds), \(bind: migration.checksum(for: kind)))
                    """
                ).run()
                return true
            } }
            if ran {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
    }

    /// On SQLite another process migrating the same file holds the write lock between its migrations; the busy
    /// timeout (10 s) can run out while it applies many in a row on a slow machine. A "database is locked" is then
    /// waited out and the transaction tried again (it re-checks what has run), for up to two minutes.
    func busyRetry<T: Sendable>(_ kind: DatabaseURL.Kind, _ body: () async throws -> T) async throws -> T {
        let deadline = Date().addingTimeInterval(120)
        while true {
            do {
                return try await body()
            } catch where kind == .sqlite && Date() < deadline && String(describing: error).contains("database is locked") {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Databases from before checksums get the column, and each applied migration its current checksum
    /// as the baseline (0003 and 0010 were edited after landing, when only demo and test databases
    /// existed, so their current text is the reference). Then every recorded checksum must match.
    static func upgradeAndVerify(_ migrations: [Migration], _ db: any SQLDatabase, _ kind: DatabaseURL.Kind, logger: Logger) async throws {
        struct Count: Decodable { let n: Int }
        let hasColumn: SQLQueryString =
            kind == .sqlite
            ? "SELECT COUNT(*) AS n FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'"
            : """
            SELECT COUNT(*)::int AS n FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'checksum'
            """
        if try await db.raw(hasColumn).first(decoding: Count.self)?.n == 0 {
            try await db.raw("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT").run()
        }
        struct Row: Decodable { let version: Int, checksum: String? }
        let recorded = try await db.raw("SELECT version, checksum FROM schema_migrations ORDER BY version").all(decoding: Row.self)
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for row in recorded {
            // A version this binary does not know (a newer binary ran here) is left alone.
            guard let migration = known[row.version] else { continue }
            let current = migration.checksum(for: kind)
            guard let stored = row.checksum else {
                try await db.raw("UPDATE schema_migrations SET checksum = \(bind: current) WHERE version = \(bind: row.version)").run()
                logger.info("recorded migration checksum", metadata: ["migration": "\(migration.label)"])
                continue
            }
            guard stored == current else { throw DatabaseError.changedMigration(migration.label) }
        }
    }

    /// Each applied migration's recorded checksum (nil: recorded before checksums, not yet started since).
    public func recordedChecksums() async throws -> [Int: String?] {
        struct Row: Decodable { let version: Int, checksum: String? }
        return try await database.read { db in
            Dictionary(uniqueKeysWithValues: try await db.raw("SELECT version, checksum FROM schema_migrations").all(decoding: Row.self).map { ($0.version, $0.checksum) })
        }
    }

    public func appliedVersions() async throws -> [Int] {
        struct Row: Decodable { let version: Int }
        return try await database.read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all(decoding: Row.self).map(\.version)
        }
    }
}

extension Date {
    /// Times are stored as milliseconds since 1970 UTC (BIGINT), the same on both databases.
    public var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    public init(epochMilliseconds ms: Int64) { self.init(timeIntervalSince1970: Double(ms) / 1000) }
}
