import Foundation
import Logging
import SQLKit
import SamsynDomain
import SamsynStorage
import Testing

/// Real databases for tests: a fresh SQLite file every time, and a fresh PostgreSQL database
/// whenever `SAMSYN_TEST_DATABASE_URL` points at a local server. Never a mock.
public enum TestDatabase: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// The kinds to run a test on: both, always. Without `SAMSYN_TEST_DATABASE_URL` the PostgreSQL test
    /// case is skipped in `with`: it records a warning that says so (the console prints it for each case,
    /// and the run ends "with N warnings") and cancels the case (`Test.cancel`, which an IDE or the event
    /// stream shows as skipped; the console alone would count it as passed). A run without PostgreSQL thus
    /// says what it did not test instead of silently running half the cases.
    public static var kinds: [TestDatabase] { allCases }

    /// Why the PostgreSQL cases are skipped, when they are.
    public static let postgresSkipReason = "PostgreSQL not configured: set SAMSYN_TEST_DATABASE_URL (scripts/test does)"

    static var adminURL: String? {
        guard let url = ProcessInfo.processInfo.environment["SAMSYN_TEST_DATABASE_URL"], !url.isEmpty else { return nil }
        // Only ever a local server: these tests create and drop databases.
        let host = URLComponents(string: url)?.host ?? ""
        precondition(["127.0.0.1", "localhost", "::1"].contains(host), "SAMSYN_TEST_DATABASE_URL must point at a local PostgreSQL")
        return url
    }

    public static let logger: Logger = {
        var l = Logger(label: "samsyn.test")
        l.logLevel = .warning
        return l
    }()

    /// Runs `body` with a fresh, migrated database of this kind, and removes it afterwards.
    public func with<T: Sendable>(migrated: Bool = true, _ body: (Database, DatabaseURL) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("samsyn-test-\(UUID().uuidString).sqlite").path
            let url = DatabaseURL.sqlite(path: path)
            let db = try await Database.open(url, logger: Self.logger)
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            do {
                if migrated { try await MigrationRunner(database: db).migrate(logger: Self.logger) }
                let r = try await body(db, url)
                await db.close()
                return r
            } catch {
                await db.close()
                throw error
            }
        case .postgres:
            guard let admin = Self.adminURL, var comps = URLComponents(string: admin) else {
                Issue.record(Comment(rawValue: "skipped: " + Self.postgresSkipReason), severity: .warning)
                try Test.cancel(Comment(rawValue: Self.postgresSkipReason))
            }
            let name = "samsyn_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
            let adminDB = try await Database.open(.postgres(url: admin), logger: Self.logger, readers: 1)
            try await adminDB.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            comps.path = "/\(name)"
            let url = DatabaseURL.postgres(url: comps.string!)
            do {
                let db = try await Database.open(url, logger: Self.logger)
                do {
                    if migrated { try await MigrationRunner(database: db).migrate(logger: Self.logger) }
                    let r = try await body(db, url)
                    await db.close()
                    try? await adminDB.read { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
                    await adminDB.close()
                    return r
                } catch {
                    await db.close()
                    throw error
                }
            } catch {
                try? await adminDB.read { db in try await db.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
                await adminDB.close()
                throw error
            }
        }
    }
}

/// Fixtures: the reference organisation and a few users, without bcrypt (stores take a ready hash).
public enum Fixtures {
    public static let t0 = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18, a Wednesday

    public static func organisation(_ db: Database) async throws {
        try await DemoData(database: db).loadOrganisation(at: t0)
    }

    @discardableResult
    public static func user(
        _ db: Database, _ username: String, role: Role, unit: String, passwordHash: String = "x", active: Bool = true
    ) async throws -> StaffUser {
        guard let u = try await SQLOrganisationStore(database: db).unit(id: unit) else { fatalError("no unit \(unit)") }
        let user = StaffUser(id: UUID(), username: username, displayName: username.capitalized, role: role, unitId: u.id, committeeId: u.committeeId, active: active, unitKind: u.kind)
        try await SQLUserStore(database: db).create(
            user, passwordHash: passwordHash, audit: AccessLogEntry(at: t0, requestId: "test", actor: nil, action: .userCreate, outcome: .allowed))
        return user
    }

    /// A valid synthetic personnummer for a date and serial, with its check digit.
    public static func personnummer(_ year: Int, _ month: Int, _ day: Int, serial: Int, samordning: Bool = false) -> String {
        let nine = String(format: "%02d%02d%02d%03d", year % 100, month, samordning ? day + 60 : day, serial)
        return String(format: "%04d", year) + nine.dropFirst(2).prefix(4) + "-" + nine.suffix(3) + String(PersonalIdentityNumber.luhnCheckDigit(nine))
    }

    public static func personInput(_ number: String, _ first: String = "Test", _ last: String = "Person") -> PersonInput {
        PersonInput(identityNumber: number, firstName: first, lastName: last, phone: "070-123 45 67", street: "Testgatan 1", postalCode: "16371", city: "Stockholm")
    }
}
