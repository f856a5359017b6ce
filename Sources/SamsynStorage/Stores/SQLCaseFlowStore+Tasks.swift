import Foundation
import SQLKit
import SamsynDomain

/// The task job's snapshot and the task lists.
extension SQLCaseFlowStore {
    /// The advisory lock that serialises task runs across Samsyn processes on one PostgreSQL database.
    static let taskLockKey: Int64 = 0x5A_4D_53_59_4E_54  // "SAMSYNT"

    public func syncTasks(personId: UUID?, now: Date, compute: @Sendable (CaseFlowSnapshot) -> [TaskSpec]) async throws -> (created: Int, settled: Int) {
        let today = LocalDate(now)
        return try await database.write { db in
            if database.kind == .postgres {
                _ = try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Int(Self.taskLockKey)))").all()
            }
            let snapshot = try await Self.snapshot(personId: personId, today: today, db)
            let specs = compute(snapshot)
            struct Open: Decodable { let task_key: String, assignee_id: String?, unit_id: String, created_at: Int64, reassigned_at: Int64?, derived_assignee_id: String? }
            let personFilter: SQLQueryString = personId.map { " AND person_id = \(bind: $0.uuidString)" } ?? ""
            let open = try await db.raw(
                "SELECT task_key, assignee_id, unit_id, created_at, reassigned_at, derived_assignee_id FROM case_tasks WHERE settled_at IS NULL\(personFilter)"
            ).all(decoding: Open.self)
            let openRows = Dictionary(open.map { ($0.task_key, $0) }, uniquingKeysWith: { a, _ in a })
            let openKeys = openRows.mapValues(\.assignee_id)
            let desired = Dictionary(specs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            var created = 0
            let fresh = desired.values.filter { openKeys[$0.key] == nil }.sorted { $0.key < $1.key }
            for chunk in stride(from: 0, to: fresh.count, by: 200).map({ Array(fresh[$0..<min($0 + 200, fresh.count)]) }) {
                let rows = chunk.map { s -> SQLQueryString in
                    """
                    (\(bind: UUID().uuidString), \(bind: s.key), \(bind: s.kind.rawValue), \(bind: s.personId.uuidString), \(bind: s.committeeId), \(bind: s.unitId),
                     \(bind: s.assigneeId?.uuidString), \(bind: s.dueOn.description), \(bind: s.subjectId.uuidString), \(bind: now.epochMilliseconds))
                    """
                }
                // A key that exists (open or settled) is never inserted again: each obligation gives one task.
                created += try await db.raw(
                    """
                    INSERT INTO case_tasks (id, task_key, kind, person_id, committee_id, unit_id, assignee_id, due_on, subject_id, created_at)
                    VALUES \(rows.joined(separator: ", ")) ON CONFLICT (task_key) DO NOTHING RETURNING id
                    """
                ).all().count
            }
            // A task made by a process whose clock is ahead (clock skew, or a training instance run with
            // SAMSYN_CLOCK_OFFSET_DAYS) is not settled by one that has not reached its creation time yet.
            let gone = openRows.values.filter { desired[$0.task_key] == nil && $0.created_at <= now.epochMilliseconds }.map(\.task_key).sorted()
            for chunk in stride(from: 0, to: gone.count, by: 200).map({ Array(gone[$0..<min($0 + 200, gone.count)]) }) {
                try await db.raw("UPDATE case_tasks SET settled_at = \(bind: now.epochMilliseconds) WHERE task_key IN (\(binds: chunk)) AND settled_at IS NULL").run()
            }
            // A case handed to someone else (another worker, another unit) takes its open tasks along.
            // A task a manager handed to someone keeps that worker while the records still give the worker they
            // gave then (and the unit); when the case changes hands, the task follows the case again.
            for (key, row) in openRows {
                guard let spec = desired[key] else { continue }
                if row.reassigned_at != nil, spec.unitId == row.unit_id, spec.assigneeId?.uuidString == row.derived_assignee_id { continue }
                if spec.assigneeId?.uuidString != row.assignee_id || spec.unitId != row.unit_id || row.reassigned_at != nil {
                    try await db.raw(
                        """
                        UPDATE case_tasks SET assignee_id = \(bind: spec.assigneeId?.uuidString), unit_id = \(bind: spec.unitId), reassigned_at = NULL, derived_assignee_id = NULL
                        WHERE task_key = \(bind: key) AND settled_at IS NULL
                        """
                    ).run()
                }
            }
            return (created, gone.count)
        }
    }

    static func snapshot(personId: UUID?, today: LocalDate, _ db: any SQLDatabase) async throws -> CaseFlowSnapshot {
        var s = CaseFlowSnapshot()
        let p = personId?.uuidString
        func only(_ column: String) -> SQLQueryString { p.map { " AND \(unsafeRaw: column) = \(bind: $0)" } ?? "" }
        s.cases = try await db.raw("SELECT * FROM district_cases WHERE status = 'active'\(only("person_id"))").all(decoding: CaseRow.self).map { try $0.value() }
        s.consents = try await db.raw("SELECT * FROM consents WHERE withdrawn_at IS NULL AND valid_to >= \(bind: today.description)\(only("person_id"))")
            .all(decoding: ConsentRow.self).map { try $0.value() }
        s.referrals = try await db.raw("SELECT * FROM referrals WHERE status = 'sent'\(only("person_id"))").all(decoding: ReferralRow.self).map { try $0.value() }
        s.enrolments = try await db.raw("SELECT * FROM enrolments WHERE status = 'active'\(only("person_id"))").all(decoding: EnrolmentRow.self).map { try $0.value() }
        s.plans = try await db.raw(
            """
            SELECT p.* FROM plans p WHERE (EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.person_id AND e.status = 'active')
                OR EXISTS (SELECT 1 FROM district_cases c WHERE c.person_id = p.person_id AND c.status = 'active'))\(only("p.person_id"))
            """
        ).all(decoding: PlanRow.self).map { try $0.value() }
        s.meetings = try await db.raw(
            "SELECT m.* FROM meetings m JOIN enrolments e ON e.id = m.enrolment_id WHERE e.status = 'active'\(only("e.person_id"))"
        ).all(decoding: MeetingRow.self).map { try $0.value() }
        struct MonthRow: Decodable { let enrolment_id: String, month: String }
        for r in try await db.raw(
            "SELECT am.enrolment_id, am.month FROM attendance_months am JOIN enrolments e ON e.id = am.enrolment_id WHERE e.status = 'active'\(only("e.person_id"))"
        ).all(decoding: MonthRow.self) {
            s.finalMonths[try Strict("attendance_months").uuid("enrolment_id", r.enrolment_id), default: []].insert(r.month)
        }
        struct StartRow: Decodable { let person_id: String, last_start: String }
        for r in try await db.raw(
            """
            SELECT ep.person_id, MAX(ep.start_date) AS last_start FROM intervention_episodes ep
            JOIN enrolments e ON e.person_id = ep.person_id AND e.committee_id = ep.committee_id AND e.status = 'active'
            WHERE 1 = 1\(only("e.person_id")) GROUP BY ep.person_id
            """
        ).all(decoding: StartRow.self) {
            let e = Strict("intervention_episodes")
            let start: LocalDate = try e.date("start_date", r.last_start)
            s.lastEpisodeStart[try e.uuid("person_id", r.person_id)] = start
        }
        s.checks = try await db.raw("SELECT * FROM six_month_checks WHERE result IS NULL\(only("person_id"))").all(decoding: CheckRow.self).map { try $0.value() }
        struct CaseIdRow: Decodable { let case_id: String }
        for r in try await db.raw(
            """
            SELECT v.case_id FROM new_visits v JOIN district_cases c ON c.id = v.case_id WHERE c.status = 'active'\(only("c.person_id"))
            UNION SELECT o.case_id FROM support_obstacles o JOIN district_cases c ON c.id = o.case_id WHERE c.status = 'active'\(only("c.person_id"))
            """
        ).all(decoding: CaseIdRow.self) {
            s.newVisitBookedOrHeld.insert(try Strict("new_visits").uuid("case_id", r.case_id))
        }
        struct UnitRow: Decodable { let id: String, committee_id: String, kind: String }
        let units = try await db.raw("SELECT id, committee_id, kind FROM units").all(decoding: UnitRow.self)
        s.unitCommittee = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.committee_id) })
        s.unitKind = Dictionary(uniqueKeysWithValues: try units.map { ($0.id, try Strict("units").value("kind", $0.kind, as: OrgUnit.Kind.self)) })
        s.acuteNeeds = try await Self.openAcuteNeeds(personId: personId, db)
        // Need assessments in disagreement, and each person's latest decided one (its review date).
        s.needAssessments = try await db.raw(
            """
            SELECT n.* FROM need_assessments n
            WHERE EXISTS (SELECT 1 FROM district_cases c WHERE c.person_id = n.person_id AND c.committee_id = n.committee_id AND c.status = 'active')
              AND ((n.status = 'open' AND n.district_category IS NOT NULL AND n.jobbtorg_category IS NOT NULL)
                OR (n.status = 'decided' AND NOT EXISTS (
                    SELECT 1 FROM need_assessments m WHERE m.person_id = n.person_id AND m.committee_id = n.committee_id AND m.started_at > n.started_at)))\(only("n.person_id"))
            """
        ).all(decoding: SQLNeedAssessmentStore.Row.self).map { try $0.value() }
        s.pendingDecisions = try await db.raw("SELECT * FROM need_decision_proposals WHERE status = 'pending'\(only("person_id"))")
            .all(decoding: SQLNeedAssessmentStore.ProposalRow.self).map { try $0.value() }
        // A lapsed offer is the offerer's task while the person waits and no place of the intervention has been offered since.
        s.lapsedOffers = try await db.raw(
            """
            SELECT o.id, o.entry_id, o.intervention_id, o.person_id, o.committee_id, o.unit_id, o.district_id, o.offered_at, o.offered_by, o.offered_by_name,
                o.answer_by, o.passed_over, o.reason, o.reason_text, o.status, o.settled_at
            FROM queue_offers o JOIN intervention_queue q ON q.id = o.entry_id
            WHERE o.status = 'lapsed' AND q.status = 'waiting'
              AND NOT EXISTS (SELECT 1 FROM queue_offers n WHERE n.intervention_id = o.intervention_id AND n.committee_id = o.committee_id AND n.offered_at > o.settled_at)\(only("o.person_id"))
            """
        ).all(decoding: SQLQueueStore.OfferRow.self).map { try $0.value() }
        (s.declinedDecisions, s.proposerUnit) = try await Self.declinedDecisions(personId: personId, db)
        return s
    }

    struct TaskRow: Decodable {
        let id: String, task_key: String, kind: String, person_id: String, committee_id: String, unit_id: String, assignee_id: String?, due_on: String
        let subject_id: String, created_at: Int64, settled_at: Int64?
        func value() throws -> CaseTask {
            let s = Strict("case_tasks")
            return try CaseTask(
                id: s.uuid("id", id), key: task_key, kind: s.value("kind", kind), personId: s.uuid("person_id", person_id), committeeId: committee_id,
                unitId: unit_id, assigneeId: s.uuid("assignee_id", assignee_id), dueOn: s.date("due_on", due_on), subjectId: s.uuid("subject_id", subject_id),
                createdAt: Date(epochMilliseconds: created_at), settledAt: settled_at.map(Date.init(epochMilliseconds:)))
        }
    }

    public func openTasks(assigneeId: UUID, limit: Int) async throws -> [CaseTask] {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM case_tasks WHERE assignee_id = \(bind: assigneeId.uuidString) AND settled_at IS NULL ORDER BY due_on, task_key LIMIT \(literal: limit)"
            ).all(decoding: TaskRow.self).map { try $0.value() }
        }
    }

    public func openTasks(unitId: String, kind: CaseTask.Kind?, offset: Int, limit: Int) async throws -> [CaseTask] {
        let k: SQLQueryString = kind.map { " AND kind = \(bind: $0.rawValue)" } ?? ""
        return try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM case_tasks WHERE unit_id = \(bind: unitId) AND settled_at IS NULL\(k)
                ORDER BY due_on, task_key LIMIT \(literal: limit) OFFSET \(literal: offset)
                """
            ).all(decoding: TaskRow.self).map { try $0.value() }
        }
    }

    public func openTaskCounts(unitId: String, today: LocalDate) async throws -> [(kind: CaseTask.Kind, assigneeId: UUID?, open: Int, overdue: Int)] {
        struct Row: Decodable { let kind: String, assignee_id: String?, n: Int, overdue: Int }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT kind, assignee_id, COUNT(*) AS n, SUM(CASE WHEN due_on < \(bind: today.description) THEN 1 ELSE 0 END) AS overdue
                FROM case_tasks WHERE unit_id = \(bind: unitId) AND settled_at IS NULL GROUP BY kind, assignee_id
                """
            ).all(decoding: Row.self).map { r in
                let s = Strict("case_tasks")
                return (kind: try s.value("kind", r.kind, as: CaseTask.Kind.self), assigneeId: try s.uuid("assignee_id", r.assignee_id), open: r.n, overdue: r.overdue)
            }
        }
    }

    public func openTasks(personId: UUID, committeeId: String) async throws -> [CaseTask] {
        try await database.read { db in
            try await db.raw(
                "SELECT * FROM case_tasks WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) AND settled_at IS NULL ORDER BY due_on"
            ).all(decoding: TaskRow.self).map { try $0.value() }
        }
    }

    public func names(personIds: [UUID], committeeId: String) async throws -> [UUID: PersonSummary] {
        guard !personIds.isEmpty else { return [:] }
        struct Row: Decodable { let id: String, identity_number: String, first_name: String, last_name: String, protected_identity: Bool }
        return try await database.read { db in
            var out: [UUID: PersonSummary] = [:]
            for chunk in stride(from: 0, to: personIds.count, by: 500).map({ Array(personIds[$0..<min($0 + 500, personIds.count)]) }) {
                for r in try await db.raw(
                    """
                    SELECT p.id, p.identity_number, f.first_name, f.last_name, f.protected_identity
                    FROM person_files f JOIN persons p ON p.id = f.person_id
                    WHERE f.committee_id = \(bind: committeeId) AND f.person_id IN (\(binds: chunk.map(\.uuidString)))
                    """
                ).all(decoding: Row.self) {
                    let s = Strict("person_files")
                    let n = try s.identityNumber("identity_number", r.identity_number)
                    let id = try s.uuid("id", r.id)
                    out[id] = PersonSummary(id: id, identityNumber: n, firstName: r.first_name, lastName: r.last_name, protectedIdentity: r.protected_identity)
                }
            }
            return out
        }
    }
}

extension SQLCaseFlowStore: CaseAssignmentStore {
    public func setResponsible(personId: UUID, committeeId: String, userId: UUID, unitId: String, audit entry: AccessLogEntry) async throws -> Bool {
        try await database.write { db in
            let p = personId.uuidString, u = userId.uuidString
            // The district's case moves with its worker (from intake to financial aid at the new visit).
            let a = try await db.raw(
                "UPDATE district_cases SET responsible_user_id = \(bind: u), unit_id = \(bind: unitId), version = version + 1 WHERE person_id = \(bind: p) AND committee_id = \(bind: committeeId) AND status = 'active' RETURNING id"
            ).all().count
            let b = try await db.raw(
                "UPDATE enrolments SET responsible_user_id = \(bind: u), version = version + 1 WHERE person_id = \(bind: p) AND committee_id = \(bind: committeeId) AND status = 'active' RETURNING id"
            ).all().count
            guard a + b > 0 else { return false }
            try await audit([entry], db)
            return true
        }
    }
}

extension SQLCaseFlowStore {
    /// Imports aid months for persons the committee holds a file for, in one transaction with one access-log
    /// row per person. Returns how many months were new and the lines whose person has no file at the committee.
    public func importAidMonths(_ lines: [AidMonthImport.Line], committeeId: String, at: Date) async throws -> (added: Int, unknown: Int) {
        struct R: Decodable { let id: String, identity_number: String }
        return try await database.write { db in
            var ids: [String: String] = [:]
            let numbers = Array(Set(lines.map(\.identityDigits)))
            for chunk in stride(from: 0, to: numbers.count, by: 500).map({ Array(numbers[$0..<min($0 + 500, numbers.count)]) }) {
                for r in try await db.raw(
                    """
                    SELECT p.id, p.identity_number FROM persons p JOIN person_files f ON f.person_id = p.id AND f.committee_id = \(bind: committeeId)
                    WHERE p.identity_number IN (\(binds: chunk))
                    """
                ).all(decoding: R.self) { ids[r.identity_number] = r.id }
            }
            var added = 0, unknown = 0
            var touched: Set<String> = []
            for line in lines {
                guard let id = ids[line.identityDigits] else { unknown += 1; continue }
                added += try await db.raw(
                    "INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: id), \(bind: committeeId), \(bind: line.month)) ON CONFLICT DO NOTHING RETURNING month"
                ).all().count
                touched.insert(id)
            }
            try await audit(
                touched.sorted().map {
                    try AccessLogEntry(at: at, requestId: "import", actor: nil, personId: Strict("persons").uuid("id", $0) as UUID, action: .caseAidMonths, outcome: .allowed, detail: "import")
                }, db)
            return (added, unknown)
        }
    }
}
