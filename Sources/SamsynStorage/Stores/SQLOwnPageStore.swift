import Foundation
import SQLKit
import SamsynDomain

/// The person's own page: their marks on sub-goals, the access log about them, the committees that hold their file.
public struct SQLOwnPageStore: OwnPageStore {
    let database: Database
    public init(database: Database) { self.database = database }

    struct MarkRow: Decodable {
        let plan_id: String, sub_goal: String, status: String, marked_at: Int64
        func mark() throws -> SubGoalMark {
            let s = Strict("plan_sub_goal_marks")
            return try SubGoalMark(planId: s.uuid("plan_id", plan_id), subGoal: sub_goal, status: s.value("status", status), markedAt: Date(epochMilliseconds: marked_at))
        }
    }

    public func subGoalMarks(personId: UUID) async throws -> [SubGoalMark] {
        try await database.read { db in
            try await db.raw("SELECT plan_id, sub_goal, status, marked_at FROM plan_sub_goal_marks WHERE person_id = \(bind: personId.uuidString)")
                .all(decoding: MarkRow.self).map { try $0.mark() }
        }
    }

    public func setSubGoalMark(_ mark: SubGoalMark, personId: UUID, audit: AccessLogEntry) async throws {
        try await database.write { db in
            let before = try await db.raw(
                "SELECT plan_id, sub_goal, status, marked_at FROM plan_sub_goal_marks WHERE plan_id = \(bind: mark.planId.uuidString) AND sub_goal = \(bind: mark.subGoal)"
            ).first(decoding: MarkRow.self)
            try await db.raw("DELETE FROM plan_sub_goal_marks WHERE plan_id = \(bind: mark.planId.uuidString) AND sub_goal = \(bind: mark.subGoal)").run()
            if mark.status != .notStarted {
                try await db.raw(
                    """
                    INSERT INTO plan_sub_goal_marks (plan_id, sub_goal, person_id, status, marked_at)
                    VALUES (\(bind: mark.planId.uuidString), \(bind: mark.subGoal), \(bind: personId.uuidString), \(bind: mark.status.rawValue), \(bind: mark.markedAt.epochMilliseconds))
                    """
                ).run()
            }
            var entry = audit
            entry.before = before?.status ?? SubGoalMark.Status.notStarted.rawValue
            try await AccessLogChain.append([entry], on: db, kind: database.kind)
        }
    }

    public func accessHistory(personId: UUID, limit: Int) async throws -> [AccessLogRecord] {
        try await SQLAccessLog(database: database).forPerson(personId, limit: limit)
    }

    public func fileCommittees(personId: UUID) async throws -> [String] {
        struct C: Decodable { let committee_id: String }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT f.committee_id FROM person_files f JOIN committees c ON c.id = f.committee_id
                WHERE f.person_id = \(bind: personId.uuidString)
                ORDER BY CASE c.kind WHEN 'district' THEN 0 ELSE 1 END, f.opened_at
                """
            ).all(decoding: C.self).map(\.committee_id)
        }
    }
}

extension SQLUserStore: CitizenAccountStore {
    public func citizen(identityNumber digits: String) async throws -> (personId: UUID, displayName: String, unitId: String)? {
        struct R: Decodable { let id: String, first_name: String, last_name: String, opened_by_unit_id: String }
        let row = try await database.read { db in
            try await db.raw(
                """
                SELECT p.id, f.first_name, f.last_name, f.opened_by_unit_id
                FROM persons p JOIN person_files f ON f.person_id = p.id
                WHERE p.id IN (SELECT person_id FROM person_identity_numbers WHERE identity_number = \(bind: digits))
                   OR p.identity_number = \(bind: digits)
                ORDER BY f.opened_at DESC LIMIT 1
                """
            ).first(decoding: R.self)
        }
        guard let row else { return nil }
        return (try Strict("persons").uuid("id", row.id), "\(row.first_name) \(row.last_name)", row.opened_by_unit_id)
    }

    public func citizenAccount(personId: UUID) async throws -> StaffUser? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.columns) FROM users u JOIN units n ON n.id = u.unit_id WHERE u.person_id = \(bind: personId.uuidString)")
                .first(decoding: Row.self)?.user()
        }
    }

    public func createCitizenAccount(_ user: StaffUser, audit: AccessLogEntry) async throws -> StaffUser {
        do {
            try await create(user, passwordHash: Authenticator.noPassword, audit: audit)
        } catch let e as DomainError where e.kind == .conflict {
            // Another login created it at the same moment (the person id is unique).
        } catch where error.isUniqueViolation {
        }
        guard let personId = user.personId, let stored = try await citizenAccount(personId: personId) else { throw DomainError.notFound }
        return stored
    }

    /// Links an existing account (the demo's `aspirant`) to a person, with the person's name; for the demo only.
    public func linkCitizen(username: String, personId: UUID, displayName: String, audit: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                "UPDATE users SET person_id = \(bind: personId.uuidString), display_name = \(bind: displayName), updated_at = \(bind: audit.at.epochMilliseconds) WHERE username = \(bind: username) AND role = 'citizen'"
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }
}
