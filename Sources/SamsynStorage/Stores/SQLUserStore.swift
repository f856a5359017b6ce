import Foundation
import SQLKit
import SamsynDomain

public struct SQLUserStore: UserStore {
    let database: Database
    public init(database: Database) { self.database = database }

    static let columns: SQLQueryString =
        "u.id, u.username, u.display_name, u.role, u.unit_id, n.committee_id, n.kind AS unit_kind, u.active, u.password_hash, u.person_id"

    struct Row: Decodable {
        let id: String, username: String, display_name: String, role: String, unit_id: String, committee_id: String, unit_kind: String, active: Bool
        let password_hash: String
        let person_id: String?
        func user() throws -> StaffUser {
            let s = Strict("users")
            let kind: OrgUnit.Kind = try Strict("units").value("kind", unit_kind)
            return try StaffUser(
                id: s.uuid("id", id), username: username, displayName: display_name, role: s.value("role", role),
                unitId: unit_id, committeeId: committee_id, active: active, unitKind: kind, personId: s.uuid("person_id", person_id))
        }
    }

    public func create(_ user: StaffUser, passwordHash: String, audit: AccessLogEntry) async throws {
        let now = audit.at.epochMilliseconds
        do {
            try await database.write { db in
                try await db.raw(
                    """
                    INSERT INTO users (id, username, display_name, role, unit_id, password_hash, active, created_at, updated_at, person_id)
                    VALUES (\(bind: user.id.uuidString), \(bind: user.username), \(bind: user.displayName), \(bind: user.role.rawValue),
                            \(bind: user.unitId), \(bind: passwordHash), \(bind: user.active), \(bind: now), \(bind: now), \(bind: user.personId?.uuidString))
                    """
                ).run()
                var entry = audit
                entry.after = Snapshot.json(["id": user.id.uuidString, "username": user.username, "role": user.role.rawValue, "unitId": user.unitId])
                try await AccessLogChain.append([entry], on: db, kind: database.kind)
            }
        } catch where error.isUniqueViolation {
            throw StaffUser.usernameTaken
        }
    }

    public func user(id: UUID) async throws -> StaffUser? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.columns) FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = \(bind: id.uuidString)")
                .first(decoding: Row.self)?.user()
        }
    }

    public func credentials(username: String) async throws -> (user: StaffUser, passwordHash: String)? {
        let row = try await database.read { db in
            try await db.raw("SELECT \(Self.columns) FROM users u JOIN units n ON n.id = u.unit_id WHERE u.username = \(bind: username)")
                .first(decoding: Row.self)
        }
        return try row.map { (try $0.user(), $0.password_hash) }
    }

    public func all() async throws -> [StaffUser] {
        try await database.read { db in
            try await db.raw("SELECT \(Self.columns) FROM users u JOIN units n ON n.id = u.unit_id ORDER BY u.username").all(decoding: Row.self).map { try $0.user() }
        }
    }

    public func setActive(userId: UUID, active: Bool, audit: AccessLogEntry) async throws {
        try await database.write { db in
            guard let before = try await db.raw("SELECT \(Self.columns) FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = \(bind: userId.uuidString)")
                .first(decoding: Row.self)
            else { throw DomainError.notFound }
            try await db.raw("UPDATE users SET active = \(bind: active), updated_at = \(bind: audit.at.epochMilliseconds) WHERE id = \(bind: userId.uuidString)").run()
            if !active {
                // Disabling ends every session and token at once (ASVS 7.4.2).
                try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: userId.uuidString)").run()
                try await db.raw("DELETE FROM api_tokens WHERE user_id = \(bind: userId.uuidString)").run()
                // Nobody falls between chairs: the worker's active cases and open tasks go to a manager of the unit
                // (or, without one, to the unit's own list until a manager hands them on).
                struct M: Decodable { let id: String }
                let successor = try await db.raw(
                    """
                    SELECT id FROM users WHERE unit_id = \(bind: before.unit_id) AND role = 'unit_manager' AND active = \(bind: true) AND id <> \(bind: userId.uuidString)
                    ORDER BY username LIMIT 1
                    """
                ).first(decoding: M.self)?.id
                let u = userId.uuidString
                try await db.raw("UPDATE district_cases SET responsible_user_id = \(bind: successor) WHERE responsible_user_id = \(bind: u) AND status = 'active'").run()
                try await db.raw("UPDATE enrolments SET responsible_user_id = \(bind: successor) WHERE responsible_user_id = \(bind: u) AND status = 'active'").run()
                try await db.raw("UPDATE case_tasks SET assignee_id = \(bind: successor) WHERE assignee_id = \(bind: u) AND settled_at IS NULL").run()
            }
            var entry = audit
            entry.before = Snapshot.json(["active": String(before.active)])
            entry.after = Snapshot.json(["active": String(active)])
            try await AccessLogChain.append([entry], on: db, kind: database.kind)
        }
    }

    public func setPassword(userId: UUID, passwordHash: String, audit: AccessLogEntry) async throws {
        try await database.write { db in
            let rows = try await db.raw("SELECT id FROM users WHERE id = \(bind: userId.uuidString)").all()
            guard !rows.isEmpty else { throw DomainError.notFound }
            try await db.raw(
                "UPDATE users SET password_hash = \(bind: passwordHash), updated_at = \(bind: audit.at.epochMilliseconds) WHERE id = \(bind: userId.uuidString)"
            ).run()
            try await db.raw("DELETE FROM sessions WHERE user_id = \(bind: userId.uuidString)").run()
            try await db.raw("DELETE FROM api_tokens WHERE user_id = \(bind: userId.uuidString)").run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }
}
