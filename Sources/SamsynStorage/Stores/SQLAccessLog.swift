import Foundation
import Logging
import SQLKit
import SamsynDomain

/// The access log on the database. Reads are logged through `append`, which commits rows from many
/// concurrent requests in one transaction (group commit) and returns to each caller only once its rows
/// are durable, so logging every read costs one disk flush per batch rather than per request.
public final class SQLAccessLog: AccessLog, Sendable {
    let database: Database
    private let batcher: Batcher

    public init(database: Database) {
        self.database = database
        self.batcher = Batcher(database: database)
    }

    public func append(_ entries: [AccessLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await batcher.submit(entries, [])
    }

    public func append(_ entries: [AccessLogEntry], activity: [DraftActivity]) async throws {
        guard !entries.isEmpty || !activity.isEmpty else { return }
        try await batcher.submit(entries, activity)
    }

    private struct Row: Decodable {
        let seq: Int64
        let at: Int64
        let request_id: String
        let user_id: String?
        let username: String?
        let role: String?
        let unit_id: String?
        let committee_id: String?
        let person_id: String?
        let person_ids: String?
        let action: String
        let outcome: String
        let detail: String?
        let before_value: String?
        let after_value: String?
        let prev_hash: String
        let hash: String

        func record() throws -> AccessLogRecord {
            let s = Strict("access_log")
            var e = try AccessLogEntry(
                at: Date(epochMilliseconds: at), requestId: request_id, actor: nil, personId: s.uuid("person_id", person_id),
                storedAction: action, outcome: s.value("outcome", outcome), detail: detail, before: before_value,
                after: after_value)
            e.personIds = try (person_ids ?? "").split(separator: ",").map { try s.uuid("person_ids", String($0)) }
            e.userId = try s.uuid("user_id", user_id)
            e.username = username
            e.role = role
            e.unitId = unit_id
            e.committeeId = committee_id
            return AccessLogRecord(sequence: seq, entry: e, previousHash: prev_hash, hash: hash)
        }
    }

    public func recent(committeeId: String?, limit: Int) async throws -> [AccessLogRecord] {
        try await database.read { db in
            if let committeeId {
                try await db.raw("SELECT * FROM access_log WHERE committee_id = \(bind: committeeId) ORDER BY seq DESC LIMIT \(literal: limit)")
                    .all(decoding: Row.self).map { try $0.record() }
            } else {
                try await db.raw("SELECT * FROM access_log ORDER BY seq DESC LIMIT \(literal: limit)").all(decoding: Row.self).map { try $0.record() }
            }
        }
    }

    public func record(sequence: Int64) async throws -> AccessLogRecord? {
        try await database.read { db in
            try await db.raw("SELECT * FROM access_log WHERE seq = \(bind: sequence)").first(decoding: Row.self).map { try $0.record() }
        }
    }

    /// All rows of one person, newest first (for log review).
    public func forPerson(_ personId: UUID, limit: Int = 200) async throws -> [AccessLogRecord] {
        try await database.read { db in
            // Rows about the person alone, and list reads that showed the person, by their index.
            try await db.raw(
                """
                SELECT * FROM access_log WHERE person_id = \(bind: personId.uuidString)
                    OR seq IN (SELECT seq FROM access_log_persons WHERE person_id = \(bind: personId.uuidString))
                ORDER BY seq DESC LIMIT \(literal: limit)
                """
            ).all(decoding: Row.self).map { try $0.record() }
        }
    }

    public func count() async throws -> Int {
        struct C: Decodable { let n: Int }
        return try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM access_log").first(decoding: C.self)?.n ?? 0 }
    }

    /// Walks the whole chain in order, in pages, recomputing every hash; reports each broken link.
    public func verify() async throws -> AccessLogVerification {
        var broken: [Int64] = []
        var prev = AccessLogChain.genesis
        var expectedSeq: Int64 = 1
        var checked = 0
        var after: Int64 = 0
        while true {
            let from = after
            let page = try await database.read { db in
                try await db.raw("SELECT * FROM access_log WHERE seq > \(bind: from) ORDER BY seq LIMIT 5000").all(decoding: Row.self)
            }
            if page.isEmpty { break }
            for row in page {
                // A row that cannot be read is a broken link like any other altered row.
                guard let r = try? row.record() else {
                    broken.append(row.seq)
                    prev = row.hash
                    expectedSeq = row.seq + 1
                    checked += 1
                    continue
                }
                let recomputed = AccessLogChain.hash(seq: r.sequence, entry: r.entry, previous: r.previousHash)
                if r.sequence != expectedSeq || r.previousHash != prev || recomputed != r.hash {
                    broken.append(r.sequence)
                }
                prev = r.hash
                expectedSeq = r.sequence + 1
                checked += 1
            }
            after = page.last!.seq
        }
        // The head must point at the last row, or rows were removed from the end.
        struct Head: Decodable { let seq: Int64; let hash: String }
        if let head = try await database.read({ db in try await db.raw("SELECT seq, hash FROM access_log_head WHERE id = 1").first(decoding: Head.self) }),
            head.seq != expectedSeq - 1 || head.hash != prev
        {
            broken.append(head.seq)
        }
        return AccessLogVerification(rowsChecked: checked, brokenAt: broken)
    }

    /// Group commit: callers queue rows; one flush at a time writes everything queued in one transaction.
    private actor Batcher {
        let database: Database
        private var pending: [(entries: [AccessLogEntry], activity: [DraftActivity], done: CheckedContinuation<Void, any Error>)] = []
        private var flushing = false

        init(database: Database) { self.database = database }

        func submit(_ entries: [AccessLogEntry], _ activity: [DraftActivity]) async throws {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                pending.append((entries, activity, c))
                if !flushing {
                    flushing = true
                    Task { await self.flushLoop() }
                }
            }
        }

        private func flushLoop() async {
            while !pending.isEmpty {
                let batch = pending
                pending = []
                let all = batch.flatMap(\.entries)
                let activity = batch.flatMap(\.activity)
                do {
                    try await database.write { db in
                        try await AccessLogChain.append(all, on: db, kind: database.kind)
                        for a in activity { try await SQLAssessmentStore.recordActivity(a, db) }
                    }
                    for b in batch { b.done.resume() }
                } catch {
                    for b in batch { b.done.resume(throwing: error) }
                }
            }
            flushing = false
        }
    }
}

extension SQLAccessLog: CaseTimelineSource {
    /// The changes one committee made to a person's records, newest first: the person file's timeline.
    public func timeline(personId: UUID, committeeId: String, limit: Int) async throws -> [AccessLogRecord] {
        let actions = AuditAction.timelineActions.map(\.rawValue)
        return try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM access_log WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId)
                    AND outcome = 'allowed' AND action IN (\(binds: actions))
                ORDER BY seq DESC LIMIT \(literal: limit)
                """
            ).all(decoding: Row.self).map { try $0.record() }
        }
    }
}
