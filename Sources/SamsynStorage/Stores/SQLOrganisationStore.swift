import Foundation
import SQLKit
import SamsynDomain

public struct SQLOrganisationStore: OrganisationStore {
    let database: Database
    public init(database: Database) { self.database = database }

    private struct CommitteeRow: Decodable {
        let id: String, name: String, kind: String
        func committee() throws -> Committee { Committee(id: id, name: name, kind: try Strict("committees").value("kind", kind)) }
    }
    private struct UnitRow: Decodable {
        let id: String, committee_id: String, name: String, kind: String
        func unit() throws -> OrgUnit { OrgUnit(id: id, committeeId: committee_id, name: name, kind: try Strict("units").value("kind", kind)) }
    }

    public func committees() async throws -> [Committee] {
        try await database.read { db in
            try await db.raw("SELECT id, name, kind FROM committees ORDER BY kind, name").all(decoding: CommitteeRow.self).map { try $0.committee() }
        }
    }

    public func units() async throws -> [OrgUnit] {
        try await database.read { db in
            try await db.raw("SELECT id, committee_id, name, kind FROM units ORDER BY committee_id, name").all(decoding: UnitRow.self).map { try $0.unit() }
        }
    }

    public func unit(id: String) async throws -> OrgUnit? {
        try await database.read { db in
            try await db.raw("SELECT id, committee_id, name, kind FROM units WHERE id = \(bind: id)").first(decoding: UnitRow.self)?.unit()
        }
    }

    public func save(_ committee: Committee, audit: AccessLogEntry) async throws {
        let now = audit.at.epochMilliseconds
        try await database.write { db in
            let before = try await db.raw("SELECT id, name, kind FROM committees WHERE id = \(bind: committee.id)").first(decoding: CommitteeRow.self)
            if before == nil {
                try await db.raw(
                    "INSERT INTO committees (id, name, kind, created_at, updated_at) VALUES (\(bind: committee.id), \(bind: committee.name), \(bind: committee.kind.rawValue), \(bind: now), \(bind: now))"
                ).run()
            } else {
                try await db.raw(
                    "UPDATE committees SET name = \(bind: committee.name), kind = \(bind: committee.kind.rawValue), updated_at = \(bind: now) WHERE id = \(bind: committee.id)"
                ).run()
            }
            var entry = audit
            entry.before = before.map { Snapshot.json(["id": $0.id, "name": $0.name, "kind": $0.kind]) }
            entry.after = Snapshot.json(["id": committee.id, "name": committee.name, "kind": committee.kind.rawValue])
            try await AccessLogChain.append([entry], on: db, kind: database.kind)
        }
    }

    public func save(_ unit: OrgUnit, audit: AccessLogEntry) async throws {
        let now = audit.at.epochMilliseconds
        try await database.write { db in
            let before = try await db.raw("SELECT id, committee_id, name, kind FROM units WHERE id = \(bind: unit.id)").first(decoding: UnitRow.self)
            if before == nil {
                try await db.raw(
                    "INSERT INTO units (id, committee_id, name, kind, created_at, updated_at) VALUES (\(bind: unit.id), \(bind: unit.committeeId), \(bind: unit.name), \(bind: unit.kind.rawValue), \(bind: now), \(bind: now))"
                ).run()
            } else {
                try await db.raw(
                    "UPDATE units SET committee_id = \(bind: unit.committeeId), name = \(bind: unit.name), kind = \(bind: unit.kind.rawValue), updated_at = \(bind: now) WHERE id = \(bind: unit.id)"
                ).run()
            }
            var entry = audit
            entry.before = before.map { Snapshot.json(["id": $0.id, "committeeId": $0.committee_id, "name": $0.name, "kind": $0.kind]) }
            entry.after = Snapshot.json(["id": unit.id, "committeeId": unit.committeeId, "name": unit.name, "kind": unit.kind.rawValue])
            try await AccessLogChain.append([entry], on: db, kind: database.kind)
        }
    }
}

/// Before/after values for the access log, as sorted-key JSON.
enum Snapshot {
    static func json(_ values: [String: String]) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return (try? String(decoding: enc.encode(values), as: UTF8.self)) ?? "{}"
    }
}
