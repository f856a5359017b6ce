import Crypto
import Foundation
import SQLKit
import SamsynDomain

/// Appending to the hash-chained access log inside an open transaction. Each row's hash covers its
/// content and the previous row's hash, so any changed, removed or inserted row breaks the chain.
enum AccessLogChain {
    static let genesis = String(repeating: "0", count: 64)

    private struct Head: Decodable { let seq: Int64; let hash: String }

    static func append(_ entries: [AccessLogEntry], on db: any SQLDatabase, kind: DatabaseURL.Kind) async throws {
        guard !entries.isEmpty else { return }
        // Locks the head row (PostgreSQL: FOR UPDATE; SQLite: the writer holds the database lock).
        let lock = kind == .postgres ? " FOR UPDATE" : ""
        guard let head = try await db.raw("SELECT seq, hash FROM access_log_head WHERE id = 1\(unsafeRaw: lock)").first(decoding: Head.self)
        else { throw DatabaseError.migration("access_log_head is missing") }
        var seq = head.seq
        var prev = head.hash
        // Multi-row insert in chunks keeps a big hit list to a few statements.
        var listed: [SQLQueryString] = []
        for chunk in stride(from: 0, to: entries.count, by: 50).map({ Array(entries[$0..<min($0 + 50, entries.count)]) }) {
            var values: [SQLQueryString] = []
            for e in chunk {
                seq += 1
                let hash = Self.hash(seq: seq, entry: e, previous: prev)
                values.append(
                    "(\(bind: seq), \(bind: e.at.epochMilliseconds), \(bind: e.requestId), \(bind: e.userId?.uuidString), \(bind: e.username), \(bind: e.role), \(bind: e.unitId), \(bind: e.committeeId), \(bind: e.personId?.uuidString), \(bind: Self.personList(e)), \(bind: e.action), \(bind: e.outcome.rawValue), \(bind: e.detail), \(bind: e.before), \(bind: e.after), \(bind: prev), \(bind: hash))"
                )
                for p in e.personIds { listed.append("(\(bind: p.uuidString), \(bind: seq))") }
                prev = hash
            }
            let q: SQLQueryString =
                "INSERT INTO access_log (seq, at, request_id, user_id, username, role, unit_id, committee_id, person_id, person_ids, action, outcome, detail, before_value, after_value, prev_hash, hash) VALUES \(values.joined(separator: ", "))"
            try await db.raw(q).run()
        }
        for start in stride(from: 0, to: listed.count, by: 200) {
            let chunk = listed[start..<min(start + 200, listed.count)]
            try await db.raw("INSERT INTO access_log_persons (person_id, seq) VALUES \(chunk.joined(separator: ", "))").run()
        }
        try await db.raw("UPDATE access_log_head SET seq = \(bind: seq), hash = \(bind: prev) WHERE id = 1").run()
    }

    /// The persons of a list read, as stored and hashed; nil for a row about one person or none.
    static func personList(_ e: AccessLogEntry) -> String? {
        e.personIds.isEmpty ? nil : e.personIds.map(\.uuidString).joined(separator: ",")
    }

    /// SHA-256 over the previous hash and every field, separated by the unit-separator character. A list
    /// read's persons are one more field at the end; rows without a list hash exactly as they always have.
    static func hash(seq: Int64, entry e: AccessLogEntry, previous: String) -> String {
        var fields: [String] = [
            previous, String(seq), String(e.at.epochMilliseconds), e.requestId, e.userId?.uuidString ?? "", e.username ?? "", e.role ?? "",
            e.unitId ?? "", e.committeeId ?? "", e.personId?.uuidString ?? "", e.action, e.outcome.rawValue, e.detail ?? "", e.before ?? "",
            e.after ?? "",
        ]
        if let list = personList(e) { fields.append(list) }
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return Hex.encode(digest)
    }
}

