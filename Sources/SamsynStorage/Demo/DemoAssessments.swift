import Foundation
import SQLKit
import SamsynDomain

extension DemoData {
    /// Synthetic assessments for the demo district (the demo users' committee): part 1 of the initial
    /// assessment completed by intake for every person there without one, and part 3 started as a draft by
    /// financial aid for two in three of them, so opening part 3 shows what intake already asked, pre-filled.
    /// Answers are random but valid, and follow the branching. Returns the number of responses written.
    public func addAssessments(catalog: InstrumentCatalog, seed: UInt64, at now: Date) async throws -> Int {
        guard let instrument = catalog.latest("initial-bedomning"),
            let part1 = instrument.parts.first(where: { $0.owner == .intake }),
            let part3 = instrument.parts.first(where: { $0.owner == .financialAid })
        else { return 0 }
        let users = try await SQLUserStore(database: database).all()
        guard let intake = users.first(where: { $0.username == "mottagning" }), let social = users.first(where: { $0.username == "socialsekreterare" })
        else { return 0 }
        struct Row: Decodable { let person_id: String }
        let persons = try await database.read { db in
            try await db.raw(
                """
                SELECT f.person_id FROM person_files f
                WHERE f.committee_id = \(bind: intake.committeeId)
                  AND NOT EXISTS (SELECT 1 FROM assessment_responses r WHERE r.person_id = f.person_id AND r.committee_id = f.committee_id)
                ORDER BY f.person_id
                """
            ).all(decoding: Row.self).compactMap { UUID(uuidString: $0.person_id) }
        }
        var rng = SplitMix(state: seed)
        var written = 0
        for chunk in stride(from: 0, to: persons.count, by: 500).map({ Array(persons[$0..<min($0 + 500, persons.count)]) }) {
            var responses: [AssessmentResponse] = []
            var answers: [(UUID, [StoredAnswer])] = []
            for personId in chunk {
                let started = now.addingTimeInterval(-Double(Int.random(in: 3...400, using: &rng)) * 86_400)
                let active = Int64(Int.random(in: 240...1500, using: &rng)) * 1000
                let r1 = AssessmentResponse(
                    id: UUID(), personId: personId, committeeId: intake.committeeId, unitId: intake.unitId, instrumentId: instrument.id,
                    instrumentVersion: instrument.version, partId: part1.id, status: .completed, revision: 1, replacesId: nil, revisionReason: nil,
                    startedBy: intake.id, startedAt: started, updatedAt: started + Double(active / 1000), completedAt: started + Double(active / 1000),
                    completedBy: intake.id, activeMilliseconds: active, lastActivityAt: started + Double(active / 1000), version: 2)
                responses.append(r1)
                answers.append((personId, Self.randomAnswers(part1, response: r1.id, by: intake.id, at: r1.completedAt!, rng: &rng)))
                if Int.random(in: 0..<3, using: &rng) > 0 {
                    let at = started + 2 * 86_400
                    let r3 = AssessmentResponse(
                        id: UUID(), personId: personId, committeeId: social.committeeId, unitId: social.unitId, instrumentId: instrument.id,
                        instrumentVersion: instrument.version, partId: part3.id, status: .draft, revision: 1, replacesId: nil, revisionReason: nil,
                        startedBy: social.id, startedAt: at, updatedAt: at, completedAt: nil, completedBy: nil, activeMilliseconds: 0,
                        lastActivityAt: at, version: 1)
                    responses.append(r3)
                }
            }
            let batch = responses
            let batchAnswers = answers
            try await database.write { db in
                for r in batch { try await SQLAssessmentStore.insert(r, db) }
                for (personId, list) in batchAnswers where !list.isEmpty {
                    try await SQLAssessmentStore.insertAnswers(list, personId: personId, committeeId: intake.committeeId, db)
                }
                try await AccessLogChain.append(
                    [AccessLogEntry(at: now, requestId: "system", actor: nil, action: .demoAssessments, outcome: .allowed, detail: "added=\(batch.count)")],
                    on: db, kind: database.kind)
            }
            written += batch.count
        }
        return written
    }

    /// Valid answers in question order, following the branching: every shown required question, and most optional ones.
    static func randomAnswers(_ part: PartDefinition, response: UUID, by user: UUID, at: Date, rng: inout SplitMix) -> [StoredAnswer] {
        var values: [String: AnswerValue] = [:]
        var out: [StoredAnswer] = []
        for q in part.questions {
            guard Branching.isEnabled(q, answers: values) else { continue }
            guard q.required || Int.random(in: 0..<10, using: &rng) < 7 else { continue }
            let value: AnswerValue
            if q.sensitive && Int.random(in: 0..<10, using: &rng) == 0 {
                value = .declined
            } else {
                switch q.type {
                case .text: value = .text(["Vill komma ut i arbete så snart som möjligt.", "Behöver stöd med ekonomin just nu.", "Har sökt många jobb utan svar."].randomElement(using: &rng)!)
                case .number: value = .number(Double(Int.random(in: Int(q.min ?? 0)...min(Int(q.max ?? 5), Int(q.min ?? 0) + 3), using: &rng)))
                case .date: value = .date("2026-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))")
                case .singleChoice: value = .choice((q.options ?? []).randomElement(using: &rng)!.value)
                case .multipleChoice: value = .choices([(q.options ?? []).randomElement(using: &rng)!.value])
                case .yesNo: value = .bool(Bool.random(using: &rng))
                case .scale: value = .scale(Int.random(in: Int(q.min ?? 1)...Int(q.max ?? 5), using: &rng))
                }
            }
            guard q.problem(with: value) == nil else { continue }
            values[q.id] = value
            out.append(
                StoredAnswer(
                    responseId: response, questionId: q.id, concept: q.concept, value: value, sensitive: q.sensitive, answeredAt: at, answeredBy: user,
                    sourceResponseId: nil))
        }
        return out
    }
}
