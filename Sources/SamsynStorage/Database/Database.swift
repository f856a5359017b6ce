import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO

/// Samsyn's database: SQLite (embedded default) or PostgreSQL, behind one interface so every store
/// is written once over `SQLDatabase`. `read` gives a connection; `write` gives a transaction.
public final class Database: Sendable {
    public let kind: DatabaseURL.Kind
    let logger: Logger
    private let backend: Backend

    private enum Backend: Sendable {
        case sqlite(writer: ConnectionPool<SQLiteConnection>, readers: ConnectionPool<SQLiteConnection>, all: [SQLiteConnection], threads: NIOThreadPool)
        case postgres(client: PostgresClient, runner: Task<Void, Never>)
    }

    private init(kind: DatabaseURL.Kind, backend: Backend, logger: Logger) {
        self.kind = kind
        self.backend = backend
        self.logger = logger
    }

    public static func open(_ url: DatabaseURL, logger: Logger, readers: Int = 4) async throws -> Database {
        switch url {
        case .sqlite(let path):
            let threads = NIOThreadPool(numberOfThreads: readers + 1)
            threads.start()
            var all: [SQLiteConnection] = []
            do {
                for _ in 0..<(readers + 1) {
                    let c = try await SQLiteConnection.open(
                        storage: .file(path: path), threadPool: threads, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
                    all.append(c)
                    // WAL for concurrent readers; FULL so an acknowledged commit survives a power cut;
                    // foreign keys on; wait for another process's write lock rather than fail. A 16 MiB page
                    // cache per connection; sorts and temporary B-trees stay in memory. No memory map: every
                    // request writes an access-log row, and a reader whose snapshot saw a new commit unmaps and
                    // remaps the whole file (SQLite's pagerBeginReadTransaction), which the profile showed as
                    // a third of a search's CPU in munmap and page faults.
                    for pragma in [
                        "PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                        "PRAGMA mmap_size = 0", "PRAGMA cache_size = -16384", "PRAGMA temp_store = MEMORY",
                    ] {
                        _ = try await c.query(pragma)
                    }
                }
            } catch {
                for c in all { try? await c.close() }
                try? await threads.shutdownGracefully()
                throw DatabaseError.cannotOpen("could not open the SQLite database at \(path): \(error)")
            }
            return Database(
                kind: .sqlite,
                backend: .sqlite(
                    writer: ConnectionPool([all[0]]), readers: ConnectionPool(Array(all.dropFirst())), all: all, threads: threads),
                logger: logger)
        case .postgres(let raw):
            let config: PostgresClient.Configuration
            do {
                let sqlConfig = try SQLPostgresConfiguration(url: raw)
                config = try Self.clientConfiguration(from: sqlConfig, url: raw)
            } catch {
                throw DatabaseError.cannotOpen("DATABASE_URL: could not read the postgres URL")
            }
            let client = PostgresClient(configuration: config, backgroundLogger: logger)
            let runner = Task { await client.run() }
            let db = Database(kind: .postgres, backend: .postgres(client: client, runner: runner), logger: logger)
            do {
                try await db.read { sql in _ = try await sql.raw("SELECT 1").all() }
            } catch {
                runner.cancel()
                throw DatabaseError.cannotOpen("could not connect to PostgreSQL at \(DatabaseURL.postgres(url: raw)): \(String(reflecting: error).prefix(300))")
            }
            return db
        }
    }

    private static func clientConfiguration(from sql: SQLPostgresConfiguration, url: String) throws -> PostgresClient.Configuration {
        guard let comps = URLComponents(string: url), let host = comps.host, let user = comps.user else {
            throw DatabaseError.cannotOpen("bad postgres URL")
        }
        let database = comps.path.split(separator: "/").first.map(String.init)
        let query = comps.queryItems ?? []
        let tls: PostgresClient.Configuration.TLS
        switch query.first(where: { $0.name == "sslmode" || $0.name == "tlsmode" })?.value {
        case "require", "verify-full": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        var c = PostgresClient.Configuration(
            host: host, port: comps.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: comps.password?.removingPercentEncoding, database: database, tls: tls)
        c.options.maximumConnections = 16
        return c
    }

    /// Runs `body` on a connection with no transaction (reads).
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(_, let readers, _, _):
            let c = await readers.acquire()
            do {
                let r = try await body(c.sql(queryLogLevel: nil))
                readers.release(c)
                return r
            } catch {
                readers.release(c)
                throw error
            }
        case .postgres(let client, _):
            return try await client.withConnection { conn in try await body(conn.sql(queryLogLevel: nil)) }
        }
    }

    /// Runs `body` in one transaction: all of it is committed, or none of it.
    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let writer, _, _, _):
            let c = await writer.acquire()
            do {
                let r = try await Self.transaction(c.sql(queryLogLevel: nil), begin: "BEGIN IMMEDIATE", body)
                writer.release(c)
                return r
            } catch {
                writer.release(c)
                throw error
            }
        case .postgres(let client, _):
            return try await client.withConnection { conn in
                try await Self.transaction(conn.sql(queryLogLevel: nil), begin: "BEGIN", body)
            }
        }
    }

    private static func transaction<T: Sendable>(_ sql: any SQLDatabase, begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T)
        async throws -> T
    {
        try await sql.raw(SQLQueryString(begin)).run()
        do {
            let r = try await body(sql)
            try await sql.raw("COMMIT").run()
            return r
        } catch {
            try? await sql.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Refreshes the planner's statistics (after bulk loads, and at start for SQLite, whose planner
    /// otherwise has no idea that a name-token range is far more selective than a committee).
    public func analyze() async throws {
        try await write { db in try await db.raw("ANALYZE").run() }
    }

    /// A trivial query: is the database answering?
    public func ping() async throws {
        try await read { db in _ = try await db.raw("SELECT 1").all() }
    }

    public func close() async {
        switch backend {
        case .sqlite(_, _, let all, let threads):
            for c in all { try? await c.close() }
            try? await threads.shutdownGracefully()
        case .postgres(_, let runner):
            runner.cancel()
        }
    }
}

public enum DatabaseError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotOpen(String)
    case migration(String)
    /// A landed migration's statements differ from those recorded when it was applied (its label, e.g. `0003_CreatePersons`).
    case changedMigration(String)

    public var description: String {
        switch self {
        case .cannotOpen(let m): m
        case .migration(let m): "migration failed: \(m)"
        case .changedMigration(let label): "migration \(label) was changed after it was applied; publish the change as a new migration"
        }
    }
}

extension Error {
    /// Whether the database refused the write because a unique constraint was broken (both dialects).
    var isUniqueViolation: Bool {
        if let pg = self as? PSQLError { return pg.serverInfo?[.sqlState] == "23505" }
        return String(describing: self).contains("UNIQUE constraint failed")
    }
}
