import Foundation
import SQLKit
import SamsynDomain

public struct SQLAssessmentStore: AssessmentStore {
    let database: Database
    public init(database: Database) { self.database = database }

    static let responseColumns: SQLQueryString = """
        r.id, r.person_id, r.committee_id, r.unit_id, r.instrument_id, r.instrument_version, r.part_id, r.status, r.revision, r.replaces_id,
        r.revision_reason, r.started_by, r.started_at, r.updated_at, r.completed_at, r.completed_by, r.active_ms, r.last_activity_at, r.version
        """

    struct ResponseRow: Decodable {
        let id: String, person_id: String, committee_id: String, unit_id: String, instrument_id: String, instrument_version: Int, part_id: String
        let status: String, revision: Int, replaces_id: String?, revision_reason: String?, started_by: String, started_at: Int64, updated_at: Int64
        let completed_at: Int64?, completed_by: String?, active_ms: Int64, last_activity_at: Int64, version: Int

        func response() throws -> AssessmentResponse {
            let s = Strict("assessment_responses")
            return try AssessmentResponse(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), committeeId: committee_id, unitId: unit_id,
                instrumentId: instrument_id, instrumentVersion: instrument_version, partId: part_id,
                status: s.value("status", status), revision: revision, replacesId: s.uuid("replaces_id", replaces_id),
                revisionReason: revision_reason, startedBy: s.uuid("started_by", started_by), startedAt: Date(epochMilliseconds: started_at),
                updatedAt: Date(epochMilliseconds: updated_at), completedAt: completed_at.map(Date.init(epochMilliseconds:)),
                completedBy: s.uuid("completed_by", completed_by), activeMilliseconds: active_ms,
                lastActivityAt: Date(epochMilliseconds: last_activity_at), version: version)
        }
    }

    struct AnswerRow: Decodable {
        let response_id: String, question_id: String, concept: String?, value: String, sensitive: Bool, answered_at: Int64, answered_by: String
        let source_response_id: String?

        func answer() throws -> StoredAnswer {
            let s = Strict("assessment_answers")
            guard let v = AnswerValue(storageJSON: value) else { throw s.corrupt("value", "malformed answer") }
            return try StoredAnswer(
                responseId: s.uuid("response_id", response_id), questionId: question_id, concept: concept, value: v, sensitive: sensitive,
                answeredAt: Date(epochMilliseconds: answered_at), answeredBy: s.uuid("answered_by", answered_by),
                sourceResponseId: s.uuid("source_response_id", source_response_id))
        }
    }

    // MARK: Start

    public func start(_ response: AssessmentResponse, audit: AccessLogEntry) async throws -> (response: AssessmentResponse, created: Bool) {
        do {
            return try await database.write { db in
                if let current = try await Self.current(of: response, db) { return (current, false) }
                try await Self.insert(response, db)
                try await AccessLogChain.append([audit], on: db, kind: database.kind)
                return (response, true)
            }
        } catch where error.isUniqueViolation {
            // Someone started the same part at the same moment: theirs is the draft.
            let existing = try await database.read { db in try await Self.current(of: response, db) }
            guard let existing else { throw error }
            return (existing, false)
        }
    }

    /// The person's current response to the part in the committee: the newest that is not superseded.
    static func current(of r: AssessmentResponse, _ db: any SQLDatabase) async throws -> AssessmentResponse? {
        try await db.raw(
            """
            SELECT \(responseColumns) FROM assessment_responses r
            WHERE r.person_id = \(bind: r.personId.uuidString) AND r.committee_id = \(bind: r.committeeId)
              AND r.instrument_id = \(bind: r.instrumentId) AND r.part_id = \(bind: r.partId) AND r.status <> 'superseded'
            ORDER BY r.revision DESC LIMIT 1
            """
        ).first(decoding: ResponseRow.self)?.response()
    }

    static func insert(_ r: AssessmentResponse, _ db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO assessment_responses (id, person_id, committee_id, unit_id, instrument_id, instrument_version, part_id, status, revision,
                replaces_id, revision_reason, started_by, started_at, updated_at, completed_at, completed_by, active_ms, last_activity_at, version)
            VALUES (\(bind: r.id.uuidString), \(bind: r.personId.uuidString), \(bind: r.committeeId), \(bind: r.unitId), \(bind: r.instrumentId),
                \(bind: r.instrumentVersion), \(bind: r.partId), \(bind: r.status.rawValue), \(bind: r.revision), \(bind: r.replacesId?.uuidString),
                \(bind: r.revisionReason), \(bind: r.startedBy.uuidString), \(bind: r.startedAt.epochMilliseconds), \(bind: r.updatedAt.epochMilliseconds),
                \(bind: r.completedAt?.epochMilliseconds), \(bind: r.completedBy?.uuidString), \(bind: r.activeMilliseconds),
                \(bind: r.lastActivityAt.epochMilliseconds), \(bind: r.version))
            """
        ).run()
    }

    // MARK: Read

    public func response(id: UUID) async throws -> AssessmentResponse? {
        try await database.read { db in try await Self.response(id: id, db) }
    }

    static func response(id: UUID, _ db: any SQLDatabase) async throws -> AssessmentResponse? {
        try await db.raw("SELECT \(responseColumns) FROM assessment_responses r WHERE r.id = \(bind: id.uuidString)").first(decoding: ResponseRow.self)?.response()
    }

    public func answers(responseId: UUID) async throws -> [StoredAnswer] {
        try await database.read { db in try await Self.answers(responseId: responseId, db) }
    }

    static func answers(responseId: UUID, _ db: any SQLDatabase) async throws -> [StoredAnswer] {
        try await db.raw(
            """
            SELECT response_id, question_id, concept, value, sensitive, answered_at, answered_by, source_response_id
            FROM assessment_answers WHERE response_id = \(bind: responseId.uuidString)
            """
        ).all(decoding: AnswerRow.self).map { try $0.answer() }
    }

    public func responses(personId: UUID, committeeId: String) async throws -> [AssessmentResponse] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.responseColumns) FROM assessment_responses r
                WHERE r.person_id = \(bind: personId.uuidString) AND r.committee_id = \(bind: committeeId)
                ORDER BY r.started_at DESC, r.revision DESC
                """
            ).all(decoding: ResponseRow.self).map { try $0.response() }
        }
    }

    public func conceptAnswers(personId: UUID, committeeId: String) async throws -> [ConceptAnswer] {
        async let answers = answersWithConcept(personId: personId, committeeId: committeeId)
        async let responses = responses(personId: personId, committeeId: committeeId)
        return ConceptAnswer.join(try await answers, try await responses)
    }

    public func answersWithConcept(personId: UUID, committeeId: String) async throws -> [StoredAnswer] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT response_id, question_id, concept, value, sensitive, answered_at, answered_by, source_response_id
                FROM assessment_answers
                WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) AND concept IS NOT NULL
                """
            ).all(decoding: AnswerRow.self).map { try $0.answer() }
        }
    }

    // MARK: Change

    /// Locks the draft row for the transaction and checks it may be changed.
    private static func lockDraft(_ id: UUID, expectedVersion: Int?, _ db: any SQLDatabase, kind: DatabaseURL.Kind) async throws -> AssessmentResponse {
        let forUpdate: SQLQueryString = kind == .postgres ? " FOR UPDATE" : ""
        guard let r = try await db.raw("SELECT \(responseColumns) FROM assessment_responses r WHERE r.id = \(bind: id.uuidString)\(forUpdate)")
            .first(decoding: ResponseRow.self)?.response()
        else { throw DomainError.notFound }
        try AssessmentResponse.checkChangeable(r, expectedVersion: expectedVersion)
        return r
    }

    private static func activitySQL(_ r: AssessmentResponse, _ activity: Activity) -> (activeMs: Int64, last: Int64) {
        let last = max(r.lastActivityAt, activity.at)
        return (r.activeMilliseconds + activity.counted(since: r.lastActivityAt), last.epochMilliseconds)
    }

    public func saveAnswers(
        responseId: UUID, expectedVersion: Int?, upserts: [StoredAnswer], deletes: [String], activity: Activity, audit: AccessLogEntry
    ) async throws -> AssessmentResponse {
        try await database.write { db in
            var r = try await Self.lockDraft(responseId, expectedVersion: expectedVersion, db, kind: database.kind)
            if !deletes.isEmpty {
                let ids = deletes.map { SQLQueryString("\(bind: $0)") }
                try await db.raw("DELETE FROM assessment_answers WHERE response_id = \(bind: responseId.uuidString) AND question_id IN (\(ids.joined(separator: ", ")))").run()
            }
            if !upserts.isEmpty {
                let ids = upserts.map { SQLQueryString("\(bind: $0.questionId)") }
                try await db.raw("DELETE FROM assessment_answers WHERE response_id = \(bind: responseId.uuidString) AND question_id IN (\(ids.joined(separator: ", ")))").run()
                try await Self.insertAnswers(upserts, personId: r.personId, committeeId: r.committeeId, db)
            }
            let (activeMs, last) = Self.activitySQL(r, activity)
            try await db.raw(
                """
                UPDATE assessment_responses SET version = version + 1, updated_at = \(bind: activity.at.epochMilliseconds),
                    active_ms = \(bind: activeMs), last_activity_at = \(bind: last)
                WHERE id = \(bind: responseId.uuidString)
                """
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            r.version += 1
            r.updatedAt = activity.at
            r.activeMilliseconds = activeMs
            r.lastActivityAt = Date(epochMilliseconds: last)
            return r
        }
    }

    static func insertAnswers(_ answers: [StoredAnswer], personId: UUID, committeeId: String, _ db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: answers.count, by: 50).map({ Array(answers[$0..<min($0 + 50, answers.count)]) }) {
            let rows = chunk.map { a -> SQLQueryString in
                """
                (\(bind: a.responseId.uuidString), \(bind: a.questionId), \(bind: personId.uuidString), \(bind: committeeId), \(bind: a.concept),
                 \(bind: a.value.storageJSON), \(bind: a.sensitive), \(bind: a.answeredAt.epochMilliseconds), \(bind: a.answeredBy.uuidString),
                 \(bind: a.sourceResponseId?.uuidString))
                """
            }
            try await db.raw(
                """
                INSERT INTO assessment_answers (response_id, question_id, person_id, committee_id, concept, value, sensitive, answered_at, answered_by,
                    source_response_id)
                VALUES \(rows.joined(separator: ", "))
                """
            ).run()
        }
    }

    public func complete(responseId: UUID, expectedVersion: Int?, by: UUID, activity: Activity, audit: AccessLogEntry) async throws -> AssessmentResponse {
        try await complete(responseId: responseId, expectedVersion: expectedVersion, by: by, activity: activity, audit: audit, acute: nil)
    }

    public func complete(responseId: UUID, expectedVersion: Int?, by: UUID, activity: Activity, audit: AccessLogEntry, acute: AcuteCheck?) async throws
        -> AssessmentResponse
    {
        try await database.write { db in
            var r = try await Self.lockDraft(responseId, expectedVersion: expectedVersion, db, kind: database.kind)
            if let acute {
                let rules = acute.evaluate(try await Self.answers(responseId: responseId, db))
                if !rules.isEmpty {
                    try await SQLCaseFlowStore.recordAcuteNeed(
                        id: acute.newId, personId: r.personId, committeeId: r.committeeId, responseId: responseId, ruleVersion: acute.ruleVersion, ruleIds: rules,
                        at: activity.at, by: by, db, kind: database.kind)
                    try await AccessLogChain.append([acute.audit(rules)], on: db, kind: database.kind)
                }
            }
            let (activeMs, last) = Self.activitySQL(r, activity)
            let now = activity.at.epochMilliseconds
            try await db.raw(
                """
                UPDATE assessment_responses SET status = 'completed', completed_at = \(bind: now), completed_by = \(bind: by.uuidString),
                    version = version + 1, updated_at = \(bind: now), active_ms = \(bind: activeMs), last_activity_at = \(bind: last)
                WHERE id = \(bind: responseId.uuidString)
                """
            ).run()
            if let replaced = r.replacesId {
                try await db.raw(
                    "UPDATE assessment_responses SET status = 'superseded', version = version + 1 WHERE id = \(bind: replaced.uuidString) AND status = 'completed'"
                ).run()
            }
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            r.status = .completed
            r.completedAt = activity.at
            r.completedBy = by
            r.version += 1
            r.updatedAt = activity.at
            r.activeMilliseconds = activeMs
            r.lastActivityAt = Date(epochMilliseconds: last)
            return r
        }
    }

    public func revise(_ revision: AssessmentResponse, of original: UUID, audit: AccessLogEntry) async throws -> AssessmentResponse {
        do {
            return try await database.write { db in
                let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
                guard let o = try await db.raw("SELECT \(Self.responseColumns) FROM assessment_responses r WHERE r.id = \(bind: original.uuidString)\(forUpdate)")
                    .first(decoding: ResponseRow.self)?.response()
                else { throw DomainError.notFound }
                try AssessmentResponse.checkRevisable(o)
                try await Self.insert(revision, db)
                let carried = try await Self.answers(responseId: original, db).map {
                    StoredAnswer(
                        responseId: revision.id, questionId: $0.questionId, concept: $0.concept, value: $0.value, sensitive: $0.sensitive,
                        answeredAt: $0.answeredAt, answeredBy: $0.answeredBy, sourceResponseId: $0.sourceResponseId)
                }
                try await Self.insertAnswers(carried, personId: o.personId, committeeId: o.committeeId, db)
                try await AccessLogChain.append([audit], on: db, kind: database.kind)
                return revision
            }
        } catch where error.isUniqueViolation {
            throw AssessmentResponse.revisionAlreadyStarted
        }
    }

    /// Adds the gap since the last activity (if it is at most the idle gap) in one statement, no read needed.
    static func recordActivity(_ a: DraftActivity, _ db: any SQLDatabase) async throws {
        let at = a.activity.at.epochMilliseconds
        let idle = Int64(Activity.idleGap * 1000)
        try await db.raw(
            """
            UPDATE assessment_responses SET
                active_ms = active_ms + CASE WHEN \(bind: at) > last_activity_at AND \(bind: at) - last_activity_at <= \(bind: idle)
                                             THEN \(bind: at) - last_activity_at ELSE 0 END,
                last_activity_at = CASE WHEN \(bind: at) > last_activity_at THEN \(bind: at) ELSE last_activity_at END
            WHERE id = \(bind: a.responseId.uuidString) AND status = 'draft'
            """
        ).run()
    }

    public func recordActivity(responseId: UUID, activity: Activity) async throws {
        try await database.write { db in
            guard let r = try await Self.response(id: responseId, db), r.status == .draft else { return }
            let (activeMs, last) = Self.activitySQL(r, activity)
            try await db.raw(
                "UPDATE assessment_responses SET active_ms = \(bind: activeMs), last_activity_at = \(bind: last) WHERE id = \(bind: responseId.uuidString)"
            ).run()
        }
    }

    public func completionTimes(unitId: String) async throws -> [CompletionTime] {
        struct Row: Decodable { let instrument_id: String, instrument_version: Int, part_id: String, active_ms: Int64 }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT instrument_id, instrument_version, part_id, active_ms FROM assessment_responses
                WHERE unit_id = \(bind: unitId) AND status IN ('completed', 'superseded') AND revision = 1
                """
            ).all(decoding: Row.self).map {
                CompletionTime(instrumentId: $0.instrument_id, instrumentVersion: $0.instrument_version, partId: $0.part_id, activeMilliseconds: $0.active_ms)
            }
        }
    }

    // MARK: Instrument versions

    public func instrumentVersions() async throws -> [(id: String, version: Int, json: String)] {
        struct Row: Decodable { let instrument_id: String, version: Int, definition: String }
        return try await database.read { db in
            try await db.raw("SELECT instrument_id, version, definition FROM instrument_versions ORDER BY instrument_id, version").all(decoding: Row.self)
                .map { ($0.instrument_id, $0.version, $0.definition) }
        }
    }

    public func saveInstrumentVersion(id: String, version: Int, json: String, at: Date) async throws {
        try await database.write { db in
            let exists = try await db.raw("SELECT version FROM instrument_versions WHERE instrument_id = \(bind: id) AND version = \(bind: version)").first()
            guard exists == nil else { return }
            try await db.raw(
                "INSERT INTO instrument_versions (instrument_id, version, definition, loaded_at) VALUES (\(bind: id), \(bind: version), \(bind: json), \(bind: at.epochMilliseconds))"
            ).run()
        }
    }
}
