import Foundation
import SQLKit
import SamsynDomain

/// Acute needs, the filtered task lists and the bulk reassignment.
extension SQLCaseFlowStore {
    struct AcuteNeedRow: Decodable {
        let id: String, person_id: String, committee_id: String, response_id: String, rule_version: Int, rule_ids: String, detected_at: Int64
        let detected_by: String, handled_at: Int64?, handled_by: String?, handled_by_name: String?, handled_note: String?, version: Int
        func value() throws -> AcuteNeed {
            let s = Strict("acute_needs")
            let ids = rule_ids.split(separator: ",").map(String.init)
            guard !ids.isEmpty, ids.allSatisfy({ !$0.isEmpty }) else { throw s.corrupt("rule_ids", rule_ids) }
            return try AcuteNeed(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), committeeId: committee_id, responseId: s.uuid("response_id", response_id),
                ruleVersion: rule_version, ruleIds: ids, detectedAt: Date(epochMilliseconds: detected_at), detectedBy: s.uuid("detected_by", detected_by),
                handledAt: handled_at.map(Date.init(epochMilliseconds:)), handledBy: s.uuid("handled_by", handled_by), handledByName: handled_by_name,
                handledNote: handled_note, version: version)
        }
    }

    /// Stores a completed part's acute need, in the completion's transaction: a new open need, or the rules
    /// joined to the person's open one at the committee (which stays open, from its first detection).
    static func recordAcuteNeed(
        id: UUID, personId: UUID, committeeId: String, responseId: UUID, ruleVersion: Int, ruleIds: [String], at: Date, by: UUID, _ db: any SQLDatabase,
        kind: DatabaseURL.Kind
    ) async throws {
        let forUpdate: SQLQueryString = kind == .postgres ? " FOR UPDATE" : ""
        if let open = try await db.raw(
            "SELECT * FROM acute_needs WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) AND handled_at IS NULL\(forUpdate)"
        ).first(decoding: AcuteNeedRow.self)?.value() {
            let joined = open.ruleIds + ruleIds.filter { !open.ruleIds.contains($0) }
            guard joined != open.ruleIds else { return }
            try await db.raw(
                "UPDATE acute_needs SET rule_ids = \(bind: joined.joined(separator: ",")), version = version + 1 WHERE id = \(bind: open.id.uuidString)"
            ).run()
            return
        }
        try await db.raw(
            """
            INSERT INTO acute_needs (id, person_id, committee_id, response_id, rule_version, rule_ids, detected_at, detected_by, version)
            VALUES (\(bind: id.uuidString), \(bind: personId.uuidString), \(bind: committeeId), \(bind: responseId.uuidString), \(bind: ruleVersion),
                \(bind: ruleIds.joined(separator: ",")), \(bind: at.epochMilliseconds), \(bind: by.uuidString), 1)
            """
        ).run()
    }

    public func acuteNeed(id: UUID) async throws -> AcuteNeed? {
        try await database.read { db in
            try await db.raw("SELECT * FROM acute_needs WHERE id = \(bind: id.uuidString)").first(decoding: AcuteNeedRow.self)?.value()
        }
    }

    public func handleAcuteNeed(id: UUID, by user: StaffUser, note: String, at: Date, audit entry: AccessLogEntry) async throws -> AcuteNeed {
        try await database.write { db in
            // The update checks that the need is still open: of two caseworkers acting at once, one marks it.
            let changed = try await db.raw(
                """
                UPDATE acute_needs SET handled_at = \(bind: at.epochMilliseconds), handled_by = \(bind: user.id.uuidString), handled_by_name = \(bind: user.displayName),
                    handled_note = \(bind: note), version = version + 1
                WHERE id = \(bind: id.uuidString) AND handled_at IS NULL RETURNING id
                """
            ).all().count
            guard changed == 1 else { throw AcuteNeed.alreadyHandled }
            try await audit([entry], db)
            guard let need = try await db.raw("SELECT * FROM acute_needs WHERE id = \(bind: id.uuidString)").first(decoding: AcuteNeedRow.self)?.value() else {
                throw DomainError.notFound
            }
            return need
        }
    }

    /// Open acute needs for the task job's snapshot.
    static func openAcuteNeeds(personId: UUID?, _ db: any SQLDatabase) async throws -> [AcuteNeed] {
        let only: SQLQueryString = personId.map { " AND person_id = \(bind: $0.uuidString)" } ?? ""
        return try await db.raw("SELECT * FROM acute_needs WHERE handled_at IS NULL\(only)").all(decoding: AcuteNeedRow.self).map { try $0.value() }
    }

    // MARK: Task lists

    public func openTasks(_ q: TaskQuery) async throws -> [CaseTask] {
        var filters: [SQLQueryString] = []
        switch q.assignee {
        case .any: break
        case .unassigned: filters.append(" AND t.assignee_id IS NULL")
        case .user(let id): filters.append(" AND t.assignee_id = \(bind: id.uuidString)")
        case .notUser(let id): filters.append(" AND (t.assignee_id IS NULL OR t.assignee_id <> \(bind: id.uuidString))")
        }
        if let k = q.kind { filters.append(" AND t.kind = \(bind: k.rawValue)") }
        if let from = q.dueFrom { filters.append(" AND t.due_on >= \(bind: from.description)") }
        if let to = q.dueTo { filters.append(" AND t.due_on <= \(bind: to.description)") }
        // A worker's own list is everything assigned to them (any unit); every other list is the unit's.
        let scope: SQLQueryString
        switch (q.assignee, q.unitId) {
        case (.user(let id), nil): scope = "t.assignee_id = \(bind: id.uuidString)"
        case (_, let unit?): scope = "t.unit_id = \(bind: unit)"
        case (_, nil): scope = "1 = 0"
        }
        // Acute tasks first, always; the default order then reads the index (migration 0019) in order.
        let acute: SQLQueryString = "(CASE WHEN t.kind = 'acute_need' THEN 0 ELSE 1 END)"
        let order: SQLQueryString
        let join: SQLQueryString
        switch q.sort {
        case .due: (order, join) = ("\(acute), t.due_on, t.task_key", "")
        case .dueDesc: (order, join) = ("\(acute), t.due_on DESC, t.task_key", "")
        case .kind: (order, join) = ("\(acute), t.kind, t.due_on, t.task_key", "")
        case .person:
            join = " LEFT JOIN person_files f ON f.person_id = t.person_id AND f.committee_id = t.committee_id"
            order = "\(acute), f.last_name, f.first_name, t.person_id, t.due_on, t.task_key"
        }
        let rest = filters.joined(separator: "")
        return try await database.read { db in
            try await db.raw(
                """
                SELECT t.id, t.task_key, t.kind, t.person_id, t.committee_id, t.unit_id, t.assignee_id, t.due_on, t.subject_id, t.created_at, t.settled_at
                FROM case_tasks t\(join) WHERE \(scope) AND t.settled_at IS NULL\(rest)
                ORDER BY \(order) LIMIT \(literal: q.limit) OFFSET \(literal: q.offset)
                """
            ).all(decoding: TaskRow.self).map { try $0.value() }
        }
    }

    public func reassignTasks(
        ids: [UUID], to assignee: UUID, at: Date, check: @Sendable ([CaseTask]) throws -> Void, audit entries: @Sendable ([CaseTask]) -> [AccessLogEntry]
    ) async throws -> Int {
        try await database.write { db in
            var found: [CaseTask] = []
            for chunk in stride(from: 0, to: ids.count, by: 200).map({ Array(ids[$0..<min($0 + 200, ids.count)]) }) {
                found += try await db.raw(
                    """
                    SELECT id, task_key, kind, person_id, committee_id, unit_id, assignee_id, due_on, subject_id, created_at, settled_at
                    FROM case_tasks WHERE id IN (\(binds: chunk.map(\.uuidString)))\(forUpdate)
                    """
                ).all(decoding: TaskRow.self).map { try $0.value() }
            }
            try check(found)
            let moving = found.filter { $0.assigneeId != assignee }
            for t in moving {
                // The worker the records give is kept, so the task job leaves the manager's choice alone until the case moves.
                try await db.raw(
                    """
                    UPDATE case_tasks SET derived_assignee_id = CASE WHEN reassigned_at IS NULL THEN assignee_id ELSE derived_assignee_id END,
                        reassigned_at = \(bind: at.epochMilliseconds), assignee_id = \(bind: assignee.uuidString)
                    WHERE id = \(bind: t.id.uuidString) AND settled_at IS NULL
                    """
                ).run()
            }
            if !moving.isEmpty { try await audit(entries(moving), db) }
            return moving.count
        }
    }
}
