import Crypto
import Foundation
import Logging
import SQLKit

/// Backups that are restored (issue 19): an online backup of the running database, and a restore into an empty one.
/// SQLite: `VACUUM INTO` a new file (a consistent snapshot while Samsyn serves; the file is a database of its own).
/// PostgreSQL: `pg_dump` in its custom format, restored by `pg_restore`. After a restore, `samsyn audit verify`
/// checks the access log's chain; `tableDigests` gives each table's row count and checksum to compare.
public enum Backup {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ d: String) { description = d }
    }

    /// Writes a backup of `database` to `path`, which must not exist yet and whose folder must be writable.
    public static func backup(_ database: Database, url: DatabaseURL, to path: String) async throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path) else { throw Failure("backup: \(path) exists already; choose a new file name (nothing was written)") }
        let folder = (path as NSString).deletingLastPathComponent
        guard fm.isWritableFile(atPath: folder.isEmpty ? "." : folder) else { throw Failure("backup: cannot write to the folder of \(path) (nothing was written)") }
        switch url {
        case .sqlite:
            try await database.read { db in try await db.raw("VACUUM INTO \(bind: path)").run() }
        case .postgres(let u):
            try run(tool: "pg_dump", ["--format=custom", "--no-owner", "--file=\(path)", "--dbname=\(u)"])
        }
    }

    /// Restores the backup at `path` into the empty database at `url` (a SQLite file that does not exist yet or has no
    /// tables; a PostgreSQL database without tables). Refuses a non-empty target and changes nothing in it.
    public static func restore(from path: String, into url: DatabaseURL, logger: Logger) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure("restore: \(path) does not exist") }
        let target = try await Database.open(url, logger: logger, readers: 1)
        let tables = try await tableNames(target)
        await target.close()
        guard tables.isEmpty else { throw Failure("restore: the target database is not empty (\(tables.count) tables); restore only into an empty database (nothing was changed)") }
        switch url {
        case .sqlite(let p):
            // The target was just opened (and so created): replace it and any journal with the backup's file.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + suffix) }
            try FileManager.default.copyItem(atPath: path, toPath: p)
        case .postgres(let u):
            try run(tool: "pg_restore", ["--no-owner", "--exit-on-error", "--dbname=\(u)", path])
        }
    }

    /// Every table of the database, sorted.
    public static func tableNames(_ database: Database) async throws -> [String] {
        struct T: Decodable { let name: String }
        return try await database.read { db in
            switch database.kind {
            case .sqlite:
                try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all(decoding: T.self).map(\.name)
            case .postgres:
                try await db.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")
                    .all(decoding: T.self).map(\.name)
            }
        }
    }

    /// Each table's row count and a SHA-256 over its rows in a fixed order (every column, as text), to compare a
    /// restored database with its source.
    public static func tableDigests(_ database: Database) async throws -> [String: (rows: Int, sha256: String)] {
        var out: [String: (rows: Int, sha256: String)] = [:]
        for table in try await tableNames(database) {
            let rows = try await database.read { db in
                try await db.raw("SELECT * FROM \(ident: table)").all()
            }
            var lines: [String] = []
            for row in rows {
                let cols = row.allColumns.sorted()
                var fields: [String] = []
                for c in cols {
                    if try row.decodeNil(column: c) { fields.append("∅"); continue }
                    if let s = try? row.decode(column: c, as: String.self) { fields.append("s:" + s) }
                    else if let i = try? row.decode(column: c, as: Int64.self) { fields.append("i:\(i)") }
                    else if let d = try? row.decode(column: c, as: Double.self) { fields.append("d:\(d)") }
                    else if let b = try? row.decode(column: c, as: Bool.self) { fields.append("b:\(b)") }
                    else { fields.append("?") }
                }
                lines.append(fields.joined(separator: "\u{1F}"))
            }
            lines.sort()
            var h = SHA256()
            for l in lines { h.update(data: Data((l + "\n").utf8)) }
            out[table] = (rows.count, h.finalize().map { String(format: "%02x", $0) }.joined())
        }
        return out
    }

    static func run(tool: String, _ arguments: [String]) throws {
        guard let exe = locate(tool) else { throw Failure("\(tool) was not found on PATH or under /usr/lib/postgresql/*/bin; install PostgreSQL's client tools") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = arguments
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").prefix(3).joined(separator: "; ")
            throw Failure("\(tool) failed (exit \(p.terminationStatus)): \(message)")
        }
    }

    static func locate(_ tool: String) -> String? {
        let fm = FileManager.default
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(tool)" }
        let pg = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        return (path + pg).first { fm.isExecutableFile(atPath: $0) }
    }
}
