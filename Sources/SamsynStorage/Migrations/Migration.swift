import SQLKit

/// One schema change. Numbered, listed in `MigrationRegistry`, recorded in `schema_migrations`,
/// run in a transaction, and never edited once it has landed: a change is a new migration.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase, DatabaseURL.Kind) async throws -> Void

    init(_ version: Int, _ name: String, apply: @escaping @Sendable (any SQLDatabase, DatabaseURL.Kind) async throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }

    /// Runs the statements in order, choosing the dialect's text where they differ.
    public static func statements(_ version: Int, _ name: String, _ sql: @escaping @Sendable (DatabaseURL.Kind) -> [String]) -> Migration {
        Migration(version, name) { db, kind in
            for statement in sql(kind) {
                try await db.raw(SQLQueryString(statement)).run()
            }
        }
    }
}
