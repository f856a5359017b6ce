import Crypto
import Foundation
import SQLKit

/// One schema change. Numbered, listed in `MigrationRegistry`, recorded in `schema_migrations` with its
/// checksum, run in a transaction, and never edited once it has landed: a change is a new migration.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    /// The statements exactly as they run on a dialect: what is applied and what the checksum covers.
    let sql: @Sendable (DatabaseURL.Kind) -> [String]
    /// Rows SQL cannot compute alike on both dialects (search tokens folded the way Samsyn folds them),
    /// written in Swift after the statements, in the same transaction. Its name is part of the checksum.
    let data: DataStep?

    struct DataStep: Sendable {
        let name: String
        let run: @Sendable (any SQLDatabase, DatabaseURL.Kind) async throws -> Void
    }

    init(_ version: Int, _ name: String, sql: @escaping @Sendable (DatabaseURL.Kind) -> [String], data: DataStep? = nil) {
        self.version = version
        self.name = name
        self.sql = sql
        self.data = data
    }

    /// Runs the statements in order, choosing the dialect's text where they differ.
    public static func statements(_ version: Int, _ name: String, _ sql: @escaping @Sendable (DatabaseURL.Kind) -> [String]) -> Migration {
        Migration(version, name, sql: sql)
    }

    /// The statements, then a data step in Swift (in the same transaction).
    static func statements(
        _ version: Int, _ name: String, _ sql: @escaping @Sendable (DatabaseURL.Kind) -> [String], then stepName: String,
        _ step: @escaping @Sendable (any SQLDatabase, DatabaseURL.Kind) async throws -> Void
    ) -> Migration {
        Migration(version, name, sql: sql, data: DataStep(name: stepName, run: step))
    }

    /// The statements as they run on `kind`.
    public func statements(for kind: DatabaseURL.Kind) -> [String] { sql(kind) }

    func apply(_ db: any SQLDatabase, _ kind: DatabaseURL.Kind) async throws {
        for statement in sql(kind) {
            try await db.raw(SQLQueryString(statement)).run()
        }
        try await data?.run(db, kind)
    }

    /// `0003_CreatePersons`, as the file is named.
    public var label: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }

    /// SHA-256 (hex) over the statements as they run on `kind`, each followed by a NUL byte. Exact text:
    /// any edit of a landed migration, even whitespace, changes it (Swift normalises a multi-line
    /// literal's line endings, so a checkout's line endings do not). Recorded when the migration is
    /// applied and compared at every start.
    public func checksum(for kind: DatabaseURL.Kind) -> String {
        var hasher = SHA256()
        for statement in sql(kind) {
            hasher.update(data: Data(statement.utf8))
            hasher.update(data: Data([0]))
        }
        if let data {
            hasher.update(data: Data(("data:" + data.name).utf8))
            hasher.update(data: Data([0]))
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
