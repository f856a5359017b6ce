import Foundation
import SQLKit
import SamsynDomain

extension DemoData {
    /// A few acute needs for the demo district, so the financial-aid unit's task list shows "Akut" first: the
    /// latest completed part 1 answers that the rules find acute, at most `limit` persons, found today. Returns
    /// how many were added (none when the district already has acute needs).
    public func addAcuteNeeds(rules: AcuteNeedRuleSet, catalog: InstrumentCatalog, limit: Int = 3, at now: Date) async throws -> Int {
        guard let instrument = catalog.latest("initial-bedomning"), let part1 = instrument.parts.first(where: { $0.owner == .intake }) else { return 0 }
        let users = try await SQLUserStore(database: database).all()
        guard let intake = users.first(where: { $0.username == "mottagning" }) else { return 0 }
        struct N: Decodable { let n: Int }
        struct R: Decodable { let id: String, person_id: String }
        let committee = intake.committeeId
        let existing = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM acute_needs WHERE committee_id = \(bind: committee)").first(decoding: N.self)?.n ?? 0
        }
        guard existing == 0 else { return 0 }
        let responses = try await database.read { db in
            try await db.raw(
                """
                SELECT r.id, r.person_id FROM assessment_responses r
                WHERE r.committee_id = \(bind: committee) AND r.instrument_id = \(bind: instrument.id) AND r.part_id = \(bind: part1.id) AND r.status = 'completed'
                ORDER BY r.completed_at DESC, r.id LIMIT 400
                """
            ).all(decoding: R.self)
        }
        let store = SQLAssessmentStore(database: database)
        var added = 0
        for r in responses where added < limit {
            let s = Strict("assessment_responses")
            let responseId: UUID = try s.uuid("id", r.id), personId: UUID = try s.uuid("person_id", r.person_id)
            let ids = AssessmentService.acuteRuleIds(rules, instrumentId: instrument.id, part: part1, answers: try await store.answers(responseId: responseId))
            guard !ids.isEmpty else { continue }
            try await database.write { db in
                try await SQLCaseFlowStore.recordAcuteNeed(
                    id: UUID(), personId: personId, committeeId: committee, responseId: responseId, ruleVersion: rules.version, ruleIds: ids, at: now, by: intake.id, db,
                    kind: database.kind)
                try await AccessLogChain.append(
                    [
                        AccessLogEntry(
                            at: now, requestId: "demo", actor: intake, personId: personId, action: .acuteNeedDetect, outcome: .allowed,
                            detail: "rules:" + ids.joined(separator: ","))
                    ], on: db, kind: database.kind)
            }
            added += 1
        }
        if added > 0 { _ = try await TaskJob(store: SQLCaseFlowStore(database: database), clock: FixedClock(now)).run() }
        return added
    }
}
