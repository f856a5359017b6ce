import Foundation
import SQLKit
import SamsynDomain

/// The joint need assessment over SQLKit, for SQLite and PostgreSQL. Every change commits its access-log row
/// in the same transaction; view and decision updates check the version in the UPDATE itself.
public struct SQLNeedAssessmentStore: NeedAssessmentStore {
    let database: Database
    public init(database: Database) { self.database = database }

    func audit(_ entries: [AccessLogEntry], _ db: any SQLDatabase) async throws {
        try await AccessLogChain.append(entries, on: db, kind: database.kind)
    }

    // MARK: Rule versions

    public func ruleVersions() async throws -> [Int: String] {
        struct Row: Decodable { let version: Int, json: String }
        return try await database.read { db in
            Dictionary(uniqueKeysWithValues: try await db.raw("SELECT version, json FROM need_rule_versions").all(decoding: Row.self).map { ($0.version, $0.json) })
        }
    }

    public func saveRuleVersion(_ version: Int, json: String, at: Date) async throws {
        try await database.write { db in
            let conflict: SQLQueryString = " ON CONFLICT (version) DO NOTHING"
            try await db.raw("INSERT INTO need_rule_versions (version, json, loaded_at) VALUES (\(bind: version), \(bind: json), \(bind: at.epochMilliseconds))\(conflict)").run()
        }
    }

    public func activeRuleVersion() async throws -> Int? {
        struct Row: Decodable { let value: String }
        return try await database.read { db in
            try await db.raw("SELECT value FROM settings WHERE key = \(bind: NeedRuleCatalog.activeSettingKey)").first(decoding: Row.self).flatMap { Int($0.value) }
        }
    }

    public func setActiveRuleVersion(_ version: Int, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw("DELETE FROM settings WHERE key = \(bind: NeedRuleCatalog.activeSettingKey)").run()
            try await db.raw("INSERT INTO settings (key, value) VALUES (\(bind: NeedRuleCatalog.activeSettingKey), \(bind: String(version)))").run()
            try await audit([entry], db)
        }
    }

    // MARK: Assessments

    struct Row: Decodable {
        let id: String, person_id: String, committee_id: String, district_unit_id: String, jobbtorg_committee_id: String?, jobbtorg_unit_id: String?
        let status: String, started_at: Int64, started_by_name: String
        let district_category: String?, district_parallel: Bool?, district_comment: String?, district_by: String?, district_by_name: String?, district_at: Int64?
        let jobbtorg_category: String?, jobbtorg_parallel: Bool?, jobbtorg_comment: String?, jobbtorg_by: String?, jobbtorg_by_name: String?, jobbtorg_at: Int64?
        let decided_category: String?, lead_unit: String?, parallel: Bool?, review_on: String?, suggested: String?, rule_version: Int?
        let deviation_reason: String?, decided_on: String?, decided_at: Int64?, decided_by: String?, decided_by_name: String?
        let co_decided_by: String?, co_decided_by_name: String?, version: Int

        static let strict = Strict("need_assessments")

        /// One side's view: absent while its category is NULL; once there, every part of it must be.
        static func view(
            _ side: String, _ c: String?, _ p: Bool?, _ comment: String?, _ by: String?, _ name: String?, _ at: Int64?
        ) throws -> NeedAssessment.View? {
            guard let c else { return nil }
            let s = strict
            return try NeedAssessment.View(
                category: c, parallel: s.required("\(side)_parallel", p), comment: s.required("\(side)_comment", comment),
                byId: s.uuid("\(side)_by", s.required("\(side)_by", by)), byName: s.required("\(side)_by_name", name),
                at: Date(epochMilliseconds: s.required("\(side)_at", at)))
        }

        func value() throws -> NeedAssessment {
            let s = Self.strict
            var decision: NeedAssessment.Decision?
            // A decision is there when its category is; then every column it writes must be too.
            if let c = decided_category {
                decision = try NeedAssessment.Decision(
                    category: c, lead: s.value("lead_unit", s.required("lead_unit", lead_unit)), parallel: s.required("parallel", parallel),
                    reviewOn: s.date("review_on", s.required("review_on", review_on)), suggested: s.required("suggested", suggested),
                    ruleVersion: s.required("rule_version", rule_version), deviationReason: deviation_reason,
                    decidedOn: s.date("decided_on", s.required("decided_on", decided_on)), decidedAt: Date(epochMilliseconds: s.required("decided_at", decided_at)),
                    deciderId: s.uuid("decided_by", s.required("decided_by", decided_by)), deciderName: s.required("decided_by_name", decided_by_name),
                    coDeciderId: s.uuid("co_decided_by", co_decided_by), coDeciderName: co_decided_by_name)
            }
            return try NeedAssessment(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), committeeId: committee_id, districtUnitId: district_unit_id,
                jobbtorgCommitteeId: jobbtorg_committee_id, jobbtorgUnitId: jobbtorg_unit_id, status: s.value("status", status),
                startedAt: Date(epochMilliseconds: started_at), startedByName: started_by_name,
                districtView: Self.view("district", district_category, district_parallel, district_comment, district_by, district_by_name, district_at),
                jobbtorgView: Self.view("jobbtorg", jobbtorg_category, jobbtorg_parallel, jobbtorg_comment, jobbtorg_by, jobbtorg_by_name, jobbtorg_at),
                decision: decision, version: version)
        }
    }

    public func needAssessments(personId: UUID, committeeId: String) async throws -> [NeedAssessment] {
        try await database.read { db in
            let list = try await db.raw(
                "SELECT * FROM need_assessments WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) ORDER BY started_at DESC"
            ).all(decoding: Row.self).map { try $0.value() }
            let proposals = Dictionary(
                grouping: try await db.raw(
                    "SELECT * FROM need_decision_proposals WHERE person_id = \(bind: personId.uuidString) ORDER BY proposed_at DESC, id"
                ).all(decoding: ProposalRow.self).map { try $0.value() }, by: \.assessmentId)
            return list.map { a in
                var a = a
                a.proposals = proposals[a.id] ?? []
                return a
            }
        }
    }

    struct ProposalRow: Decodable {
        let id: String, assessment_id: String, person_id: String, category: String, lead_unit: String, parallel: Bool, review_on: String
        let suggested: String, rule_version: Int, deviation_reason: String?, proposed_at: Int64, proposed_by: String, proposed_by_name: String
        let co_decider: String, co_decider_name: String, co_decider_committee_id: String, co_decider_unit_id: String, status: String
        let answered_at: Int64?, answered_by: String?, answered_by_name: String?, decline_reason: String?

        func value() throws -> NeedDecisionProposal {
            let s = Strict("need_decision_proposals")
            return try NeedDecisionProposal(
                id: s.uuid("id", id), assessmentId: s.uuid("assessment_id", assessment_id), personId: s.uuid("person_id", person_id), category: category,
                lead: s.value("lead_unit", lead_unit), parallel: parallel, reviewOn: s.date("review_on", review_on), suggested: suggested, ruleVersion: rule_version,
                deviationReason: deviation_reason, proposedAt: Date(epochMilliseconds: proposed_at), proposerId: s.uuid("proposed_by", proposed_by),
                proposerName: proposed_by_name, coDeciderId: s.uuid("co_decider", co_decider), coDeciderName: co_decider_name,
                coDeciderCommitteeId: co_decider_committee_id, coDeciderUnitId: co_decider_unit_id, status: s.value("status", status),
                answeredAt: answered_at.map(Date.init(epochMilliseconds:)), answeredById: s.uuid("answered_by", answered_by), answeredByName: answered_by_name,
                declineReason: decline_reason)
        }
    }

    static func proposals(_ assessmentId: UUID, _ db: any SQLDatabase) async throws -> [NeedDecisionProposal] {
        try await db.raw("SELECT * FROM need_decision_proposals WHERE assessment_id = \(bind: assessmentId.uuidString) ORDER BY proposed_at DESC, id")
            .all(decoding: ProposalRow.self).map { try $0.value() }
    }

    public func needDecisionProposal(id: UUID) async throws -> NeedDecisionProposal? {
        try await database.read { db in
            try await db.raw("SELECT * FROM need_decision_proposals WHERE id = \(bind: id.uuidString)").first(decoding: ProposalRow.self)?.value()
        }
    }

    public func proposeNeedDecision(_ p: NeedDecisionProposal, expectedVersion: Int, audit entry: AccessLogEntry) async throws -> NeedAssessment {
        do {
            return try await database.write { db in
                // The version moves on, so a form read before the proposal cannot propose or decide on top of it.
                let rows = try await db.raw(
                    "UPDATE need_assessments SET version = version + 1 WHERE id = \(bind: p.assessmentId.uuidString) AND version = \(bind: expectedVersion) AND status = 'open' RETURNING id"
                ).all()
                guard !rows.isEmpty else { throw try await Self.whyNot(p.assessmentId, db) }
                if let waiting = try await Self.proposals(p.assessmentId, db).first(where: { $0.status == .pending }) {
                    throw NeedAssessmentRules.pendingExists(waiting)
                }
                try await db.raw(
                    """
                    INSERT INTO need_decision_proposals (id, assessment_id, person_id, category, lead_unit, parallel, review_on, suggested, rule_version,
                        deviation_reason, proposed_at, proposed_by, proposed_by_name, co_decider, co_decider_name, co_decider_committee_id, co_decider_unit_id, status)
                    VALUES (\(bind: p.id.uuidString), \(bind: p.assessmentId.uuidString), \(bind: p.personId.uuidString), \(bind: p.category), \(bind: p.lead.rawValue),
                        \(bind: p.parallel), \(bind: p.reviewOn.description), \(bind: p.suggested), \(bind: p.ruleVersion), \(bind: p.deviationReason),
                        \(bind: p.proposedAt.epochMilliseconds), \(bind: p.proposerId.uuidString), \(bind: p.proposerName), \(bind: p.coDeciderId.uuidString),
                        \(bind: p.coDeciderName), \(bind: p.coDeciderCommitteeId), \(bind: p.coDeciderUnitId), 'pending')
                    """
                ).run()
                try await audit([entry], db)
                guard let a = try await Self.fetch(p.assessmentId, db) else { throw DomainError.notFound }
                return a
            }
        } catch where error.isUniqueViolation {
            // Another proposal was stored at the same moment.
            throw DomainError(.conflict, "Ett förslag till beslut väntar redan på bekräftelse. Läs in sidan igen.")
        }
    }

    public func answerNeedDecision(
        proposalId: UUID, _ answer: NeedDecisionAnswer, userId: UUID, userName: String, at: Date, audit entry: AccessLogEntry
    ) async throws -> NeedAssessment {
        try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            guard let current = try await db.raw("SELECT * FROM need_decision_proposals WHERE id = \(bind: proposalId.uuidString)\(forUpdate)")
                .first(decoding: ProposalRow.self)?.value()
            else { throw DomainError.notFound }
            let (answered, decision) = try NeedAssessmentRules.answer(current, answer, userId: userId, userName: userName, at: at)
            let rows = try await db.raw(
                """
                UPDATE need_decision_proposals SET status = \(bind: answered.status.rawValue), answered_at = \(bind: at.epochMilliseconds),
                    answered_by = \(bind: userId.uuidString), answered_by_name = \(bind: userName), decline_reason = \(bind: answered.declineReason)
                WHERE id = \(bind: proposalId.uuidString) AND status = 'pending' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw DomainError(.conflict, "Förslaget har redan besvarats. Läs in sidan igen.") }
            if let d = decision {
                let decided = try await db.raw(
                    """
                    UPDATE need_assessments SET status = 'decided', decided_category = \(bind: d.category), lead_unit = \(bind: d.lead.rawValue), parallel = \(bind: d.parallel),
                        review_on = \(bind: d.reviewOn.description), suggested = \(bind: d.suggested), rule_version = \(bind: d.ruleVersion),
                        deviation_reason = \(bind: d.deviationReason), decided_on = \(bind: d.decidedOn.description), decided_at = \(bind: d.decidedAt.epochMilliseconds),
                        decided_by = \(bind: d.deciderId.uuidString), decided_by_name = \(bind: d.deciderName), co_decided_by = \(bind: d.coDeciderId?.uuidString),
                        co_decided_by_name = \(bind: d.coDeciderName), version = version + 1
                    WHERE id = \(bind: current.assessmentId.uuidString) AND status = 'open' RETURNING id
                    """
                ).all()
                guard !decided.isEmpty else { throw NeedAssessmentRules.alreadyDecided }
            } else {
                try await db.raw("UPDATE need_assessments SET version = version + 1 WHERE id = \(bind: current.assessmentId.uuidString)").run()
            }
            try await audit([entry], db)
            guard let a = try await Self.fetch(current.assessmentId, db) else { throw DomainError.notFound }
            return a
        }
    }

    public func needAssessment(id: UUID) async throws -> NeedAssessment? {
        try await database.read { db in try await Self.fetch(id, db) }
    }

    static func fetch(_ id: UUID, _ db: any SQLDatabase) async throws -> NeedAssessment? {
        guard var a = try await db.raw("SELECT * FROM need_assessments WHERE id = \(bind: id.uuidString)").first(decoding: Row.self)?.value() else { return nil }
        a.proposals = try await proposals(id, db)
        return a
    }

    public func startNeedAssessment(_ a: NeedAssessment, audit entry: AccessLogEntry) async throws -> (assessment: NeedAssessment, created: Bool) {
        func existing() async throws -> NeedAssessment? {
            try await database.read { db in
                try await db.raw(
                    "SELECT * FROM need_assessments WHERE person_id = \(bind: a.personId.uuidString) AND committee_id = \(bind: a.committeeId) AND status = 'open'"
                ).first(decoding: Row.self)?.value()
            }
        }
        if let open = try await existing() { return (open, false) }
        do {
            try await database.write { db in
                try await db.raw(
                    """
                    INSERT INTO need_assessments (id, person_id, committee_id, district_unit_id, jobbtorg_committee_id, jobbtorg_unit_id, status, started_at, started_by_name, version)
                    VALUES (\(bind: a.id.uuidString), \(bind: a.personId.uuidString), \(bind: a.committeeId), \(bind: a.districtUnitId), \(bind: a.jobbtorgCommitteeId),
                        \(bind: a.jobbtorgUnitId), 'open', \(bind: a.startedAt.epochMilliseconds), \(bind: a.startedByName), 1)
                    """
                ).run()
                try await audit([entry], db)
            }
            return (a, true)
        } catch where error.isUniqueViolation {
            // Someone else started one at the same moment: theirs is the open one.
            if let open = try await existing() { return (open, false) }
            throw error
        }
    }

    public func saveNeedView(id: UUID, side: NeedAssessment.Side, view: NeedAssessment.View, expectedVersion: Int, audit entry: AccessLogEntry) async throws -> NeedAssessment {
        let p = side == .district ? "district" : "jobbtorg"
        return try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE need_assessments SET \(unsafeRaw: p)_category = \(bind: view.category), \(unsafeRaw: p)_parallel = \(bind: view.parallel),
                    \(unsafeRaw: p)_comment = \(bind: view.comment), \(unsafeRaw: p)_by = \(bind: view.byId.uuidString), \(unsafeRaw: p)_by_name = \(bind: view.byName),
                    \(unsafeRaw: p)_at = \(bind: view.at.epochMilliseconds), version = version + 1
                WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) AND status = 'open' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw try await Self.whyNot(id, db) }
            try await audit([entry], db)
            guard let a = try await Self.fetch(id, db) else { throw DomainError.notFound }
            return a
        }
    }

    /// Why a versioned update matched no row: decided already (conflict), or someone changed it first (stale).
    static func whyNot(_ id: UUID, _ db: any SQLDatabase) async throws -> DomainError {
        NeedAssessmentRules.whyNotUpdated(current: try await fetch(id, db))
    }

    public func decideNeedAssessment(id: UUID, decision d: NeedAssessment.Decision, expectedVersion: Int, audit entry: AccessLogEntry) async throws -> NeedAssessment {
        try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE need_assessments SET status = 'decided', decided_category = \(bind: d.category), lead_unit = \(bind: d.lead.rawValue), parallel = \(bind: d.parallel),
                    review_on = \(bind: d.reviewOn.description), suggested = \(bind: d.suggested), rule_version = \(bind: d.ruleVersion),
                    deviation_reason = \(bind: d.deviationReason), decided_on = \(bind: d.decidedOn.description), decided_at = \(bind: d.decidedAt.epochMilliseconds),
                    decided_by = \(bind: d.deciderId.uuidString), decided_by_name = \(bind: d.deciderName), co_decided_by = \(bind: d.coDeciderId?.uuidString),
                    co_decided_by_name = \(bind: d.coDeciderName), version = version + 1
                WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) AND status = 'open' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw try await Self.whyNot(id, db) }
            try await audit([entry], db)
            guard let a = try await Self.fetch(id, db) else { throw DomainError.notFound }
            return a
        }
    }

    // MARK: Statistics

    public func needInputs() async throws -> [NeedInputs] {
        struct AnswerRow: Decodable { let person_id: String, concept: String, value: String, answered_at: Int64 }
        struct ObstacleRow: Decodable { let person_id: String, code: String, judged_on: String }
        return try await database.read { db in
            var latest: [String: [String: (AnswerValue, Int64)]] = [:]
            for r in try await db.raw(
                """
                SELECT a.person_id, a.concept, a.value, a.answered_at FROM assessment_answers a
                JOIN assessment_responses r ON r.id = a.response_id
                WHERE a.concept IS NOT NULL AND r.status <> 'superseded'
                """
            ).all(decoding: AnswerRow.self) {
                guard let v = AnswerValue(storageJSON: r.value) else { throw Strict("assessment_answers").corrupt("value", "malformed answer") }
                if let have = latest[r.person_id]?[r.concept], have.1 >= r.answered_at { continue }
                latest[r.person_id, default: [:]][r.concept] = (v, r.answered_at)
            }
            var obstacles: [String: (day: String, codes: Set<String>)] = [:]
            for r in try await db.raw("SELECT person_id, code, judged_on FROM support_obstacles WHERE adult = 'applicant'").all(decoding: ObstacleRow.self) {
                let have = obstacles[r.person_id]
                if have == nil || have!.day < r.judged_on {
                    obstacles[r.person_id] = (r.judged_on, [r.code])
                } else if have!.day == r.judged_on {
                    obstacles[r.person_id]!.codes.insert(r.code)
                }
            }
            let people = Set(latest.keys).union(obstacles.keys)
            return people.sorted().map { p in
                NeedInputs(values: (latest[p] ?? [:]).mapValues(\.0), obstacles: obstacles[p]?.codes ?? [])
            }
        }
    }

    public func fairnessRecords(committeeId: String?) async throws -> [FairnessRecord] {
        struct FRow: Decodable { let identity_number: String, decided_on: String?, suggested: String?, decided_category: String }
        let scope: SQLQueryString = committeeId.map { " AND (n.committee_id = \(bind: $0) OR n.jobbtorg_committee_id = \(bind: $0))" } ?? ""
        return try await database.read { db in
            try await db.raw(
                """
                SELECT p.identity_number, n.decided_on, n.suggested, n.decided_category FROM need_assessments n JOIN persons p ON p.id = n.person_id
                WHERE n.status = 'decided'\(scope)
                """
            ).all(decoding: FRow.self).map { r in
                let n = Strict("need_assessments")
                return try FairnessRecord(
                    identity: Strict("persons").identityNumber("identity_number", r.identity_number), decidedOn: n.date("decided_on", n.required("decided_on", r.decided_on)),
                    suggested: n.required("suggested", r.suggested), decided: r.decided_category)
            }
        }
    }
}
