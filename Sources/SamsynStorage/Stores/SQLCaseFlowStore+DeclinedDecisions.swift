import Foundation
import SQLKit
import SamsynDomain

/// A declined joint decision back to its proposer: the task job's part of the snapshot, and closing the task.
extension SQLCaseFlowStore {
    /// Declined proposals that are the latest proposal of their assessment while it is still open, and the unit
    /// each proposer works at now.
    static func declinedDecisions(personId: UUID?, _ db: any SQLDatabase) async throws -> (proposals: [NeedDecisionProposal], units: [UUID: String]) {
        let only: SQLQueryString = personId.map { " AND p.person_id = \(bind: $0.uuidString)" } ?? ""
        let proposals = try await db.raw(
            """
            SELECT p.* FROM need_decision_proposals p JOIN need_assessments n ON n.id = p.assessment_id
            WHERE p.status = 'declined' AND n.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM need_decision_proposals q WHERE q.assessment_id = p.assessment_id AND q.proposed_at > p.proposed_at)\(only)
            """
        ).all(decoding: SQLNeedAssessmentStore.ProposalRow.self).map { try $0.value() }
        guard !proposals.isEmpty else { return ([], [:]) }
        struct UserUnit: Decodable { let id: String, unit_id: String }
        let ids = Array(Set(proposals.map { $0.proposerId.uuidString }))
        let rows = try await db.raw("SELECT id, unit_id FROM users WHERE id IN (\(binds: ids))").all(decoding: UserUnit.self)
        let unitOf = Dictionary(rows.map { ($0.id.uppercased(), $0.unit_id) }, uniquingKeysWith: { a, _ in a })
        var units: [UUID: String] = [:]
        for p in proposals { units[p.id] = unitOf[p.proposerId.uuidString.uppercased()] }
        return (proposals, units)
    }

    public func settleTask(key: String, at: Date, audit entry: AccessLogEntry) async throws -> Bool {
        try await database.write { db in
            let changed = try await db.raw(
                "UPDATE case_tasks SET settled_at = \(bind: at.epochMilliseconds) WHERE task_key = \(bind: key) AND settled_at IS NULL RETURNING id"
            ).all().count
            guard changed == 1 else { return false }
            try await audit([entry], db)
            return true
        }
    }
}
