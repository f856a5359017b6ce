import SQLKit

/// Small key–value settings kept with the data (e.g. whether demo data was loaded).
public struct SQLSettingsStore: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    public func value(_ key: String) async throws -> String? {
        struct Row: Decodable { let value: String }
        return try await database.read { db in try await db.raw("SELECT value FROM settings WHERE key = \(bind: key)").first(decoding: Row.self)?.value }
    }

    public func set(_ key: String, _ value: String) async throws {
        try await database.write { db in
            try await db.raw("DELETE FROM settings WHERE key = \(bind: key)").run()
            try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: key), \(bind: value))").run()
        }
    }
}
