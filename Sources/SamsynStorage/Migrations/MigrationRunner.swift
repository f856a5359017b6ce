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

    /// Returns the versions applied by this call.
    @discardableResult
    public func migrate(logger: Logger) async throws -> [Int] {
        let versions = migrations.map(\.version)
        guard versions == versions.sorted(), Set(versions).count == versions.count else {
            throw DatabaseError.migration("migrations are not in strictly increasing order")
        }
        let kind = database.kind
        try await database.write { db in
            // Two processes starting at once must not both create the table.
            if kind == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(7316001)").run() }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
        }
        var applied: [Int] = []
        for migration in migrations {
            let ran = try await database.write { db -> Bool in
                if database.kind == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(7316001)").run()
                }
                let done = try await db.raw("SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)").all()
                if !done.isEmpty { return false }
                do {
                    try await migration.apply(db, database.kind)
                } catch {
                    throw DatabaseError.migration("\(migration.version) \(migration.name): \(String(reflecting: error).prefix(400))")
                }
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().epochMilliseconds))"
                ).run()
                return true
            }
            if ran {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            }
        }
        return applied
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
