import Foundation
import SQLKit
import SamsynDomain

public struct SQLInterventionStore: InterventionStore {
    let database: Database
    public init(database: Database) { self.database = database }

    struct InterventionRow: Decodable {
        let id: String, provider_id: String, name: String, type: String, target_group: String, description: String
        let typical_weeks: Int?, capacity: Int?, one_at_a_time: Bool
    }
    struct AllotmentRow: Decodable { let intervention_id: String, district_id: String, places: Int }
    struct EntryRow: Decodable {
        let id: String, intervention_id: String, person_id: String, committee_id: String, unit_id: String, district_id: String
        let queued_at: Int64, priority_reason: String?, status: String, offered_at: Int64?, decided_at: Int64?

        var entry: QueueEntry {
            QueueEntry(
                id: UUID(uuidString: id)!, interventionId: intervention_id, personId: UUID(uuidString: person_id)!, committeeId: committee_id,
                unitId: unit_id, districtId: district_id, queuedAt: Date(epochMilliseconds: queued_at), priorityReason: priority_reason,
                status: QueueEntry.Status(rawValue: status) ?? .withdrawn, offeredAt: offered_at.map(Date.init(epochMilliseconds:)),
                decidedAt: decided_at.map(Date.init(epochMilliseconds:)))
        }
    }

    public func saveProvider(_ p: Provider) async throws {
        try await database.write { db in
            let exists = try await db.raw("SELECT id FROM providers WHERE id = \(bind: p.id)").first() != nil
            if exists {
                try await db.raw("UPDATE providers SET name = \(bind: p.name), kind = \(bind: p.kind.rawValue), committee_id = \(bind: p.committeeId) WHERE id = \(bind: p.id)").run()
            } else {
                try await db.raw("INSERT INTO providers (id, name, kind, committee_id) VALUES (\(bind: p.id), \(bind: p.name), \(bind: p.kind.rawValue), \(bind: p.committeeId))").run()
            }
        }
    }

    public func saveIntervention(_ i: Intervention) async throws {
        let errors = i.validate()
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        try await database.write { db in
            let exists = try await db.raw("SELECT id FROM interventions WHERE id = \(bind: i.id)").first() != nil
            if exists {
                try await db.raw(
                    """
                    UPDATE interventions SET provider_id = \(bind: i.providerId), name = \(bind: i.name), type = \(bind: i.type.rawValue),
                        target_group = \(bind: i.targetGroup), description = \(bind: i.description), typical_weeks = \(bind: i.typicalWeeks),
                        capacity = \(bind: i.capacity), one_at_a_time = \(bind: i.oneAtATime)
                    WHERE id = \(bind: i.id)
                    """
                ).run()
            } else {
                try await db.raw(
                    """
                    INSERT INTO interventions (id, provider_id, name, type, target_group, description, typical_weeks, capacity, one_at_a_time)
                    VALUES (\(bind: i.id), \(bind: i.providerId), \(bind: i.name), \(bind: i.type.rawValue), \(bind: i.targetGroup),
                            \(bind: i.description), \(bind: i.typicalWeeks), \(bind: i.capacity), \(bind: i.oneAtATime))
                    """
                ).run()
            }
            try await db.raw("DELETE FROM intervention_allotments WHERE intervention_id = \(bind: i.id)").run()
            for (district, places) in i.allotments.sorted(by: { $0.key < $1.key }) {
                try await db.raw(
                    "INSERT INTO intervention_allotments (intervention_id, district_id, places) VALUES (\(bind: i.id), \(bind: district), \(bind: places))"
                ).run()
            }
        }
    }

    public func providers() async throws -> [Provider] {
        struct Row: Decodable { let id: String, name: String, kind: String, committee_id: String }
        return try await database.read { db in
            try await db.raw("SELECT id, name, kind, committee_id FROM providers ORDER BY name").all(decoding: Row.self).map {
                Provider(id: $0.id, name: $0.name, kind: Provider.Kind(rawValue: $0.kind) ?? .frameworkProvider, committeeId: $0.committee_id)
            }
        }
    }

    public func interventions() async throws -> [Intervention] {
        try await database.read { db in try await Self.interventions(where: nil, db) }
    }

    public func intervention(id: String) async throws -> Intervention? {
        try await database.read { db in try await Self.interventions(where: id, db).first }
    }

    static func interventions(where id: String?, _ db: any SQLDatabase) async throws -> [Intervention] {
        let filter: SQLQueryString = id.map { "WHERE id = \(bind: $0)" } ?? ""
        let rows = try await db.raw(
            "SELECT id, provider_id, name, type, target_group, description, typical_weeks, capacity, one_at_a_time FROM interventions \(filter) ORDER BY name"
        ).all(decoding: InterventionRow.self)
        let allotFilter: SQLQueryString = id.map { "WHERE intervention_id = \(bind: $0)" } ?? ""
        let allotments = Dictionary(
            grouping: try await db.raw("SELECT intervention_id, district_id, places FROM intervention_allotments \(allotFilter)").all(decoding: AllotmentRow.self),
            by: \.intervention_id)
        return rows.map { r in
            Intervention(
                id: r.id, providerId: r.provider_id, name: r.name, type: InterventionType(rawValue: r.type) ?? .matching, targetGroup: r.target_group,
                description: r.description, typicalWeeks: r.typical_weeks, capacity: r.capacity,
                allotments: Dictionary(uniqueKeysWithValues: (allotments[r.id] ?? []).map { ($0.district_id, $0.places) }), oneAtATime: r.one_at_a_time)
        }
    }

    public func enqueue(_ e: QueueEntry, audit: AccessLogEntry) async throws {
        do {
            try await database.write { db in
                try await db.raw(
                    """
                    INSERT INTO intervention_queue (id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason,
                        status, offered_at, decided_at)
                    VALUES (\(bind: e.id.uuidString), \(bind: e.interventionId), \(bind: e.personId.uuidString), \(bind: e.committeeId), \(bind: e.unitId),
                            \(bind: e.districtId), \(bind: e.queuedAt.epochMilliseconds), \(bind: e.priorityReason), \(bind: e.status.rawValue),
                            \(bind: e.offeredAt?.epochMilliseconds), \(bind: e.decidedAt?.epochMilliseconds))
                    """
                ).run()
                try await AccessLogChain.append([audit], on: db, kind: database.kind)
            }
        } catch where error.isUniqueViolation {
            throw DomainError(.conflict, "Personen står redan i kö till, eller deltar redan i, insatsen.")
        }
    }

    static let entryColumns: SQLQueryString =
        "id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason, status, offered_at, decided_at"

    public func entry(id: UUID) async throws -> QueueEntry? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: id.uuidString)").first(decoding: EntryRow.self)?.entry
        }
    }

    public func queue(interventionId: String) async throws -> [QueueEntry] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.entryColumns) FROM intervention_queue
                WHERE intervention_id = \(bind: interventionId) AND status IN ('waiting', 'offered', 'accepted')
                """
            ).all(decoding: EntryRow.self).map(\.entry).sorted(by: QueueEntry.queueOrder)
        }
    }

    static func occupancy(_ interventionId: String, _ db: any SQLDatabase) async throws -> PlaceRules.Occupancy {
        struct Row: Decodable { let district_id: String, n: Int }
        let rows = try await db.raw(
            """
            SELECT district_id, COUNT(*) AS n FROM intervention_queue
            WHERE intervention_id = \(bind: interventionId) AND status IN ('offered', 'accepted')
            GROUP BY district_id
            """
        ).all(decoding: Row.self)
        return PlaceRules.Occupancy(byDistrict: Dictionary(uniqueKeysWithValues: rows.map { ($0.district_id, $0.n) }))
    }

    public func occupancy(interventionId: String) async throws -> PlaceRules.Occupancy {
        try await database.read { db in try await Self.occupancy(interventionId, db) }
    }

    public func offer(entryId: UUID, at: Date, audit: AccessLogEntry) async throws -> QueueEntry {
        try await database.write { db in
            guard var entry = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: entryId.uuidString)")
                .first(decoding: EntryRow.self)?.entry
            else { throw DomainError.notFound }
            // Serialise offers for the intervention: SQLite's write transaction already does; on PostgreSQL the
            // intervention row is locked, so a concurrent offer counts the places only after this one commits.
            if database.kind == .postgres {
                _ = try await db.raw("SELECT id FROM interventions WHERE id = \(bind: entry.interventionId) FOR UPDATE").all()
            }
            guard entry.status == .waiting else {
                throw DomainError(.conflict, "Personen står inte i kö till insatsen (erbjudande kan bara ges till den som väntar).")
            }
            guard let intervention = try await Self.interventions(where: entry.interventionId, db).first else { throw DomainError.notFound }
            let occupancy = try await Self.occupancy(entry.interventionId, db)
            guard PlaceRules.hasPlace(intervention, occupancy: occupancy, district: entry.districtId) else {
                throw DomainError(.conflict, "Det finns ingen ledig plats i insatsen just nu. Personen står kvar i kön.")
            }
            try await db.raw(
                "UPDATE intervention_queue SET status = 'offered', offered_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: entryId.uuidString) AND status = 'waiting'"
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            entry.status = .offered
            entry.offeredAt = at
            return entry
        }
    }

    public func decide(entryId: UUID, accept: Bool, at: Date, audit: AccessLogEntry) async throws -> QueueEntry {
        try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            guard var entry = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: entryId.uuidString)\(forUpdate)")
                .first(decoding: EntryRow.self)?.entry
            else { throw DomainError.notFound }
            guard entry.status == .offered else { throw DomainError(.conflict, "Det finns inget erbjudande att svara på.") }
            let status: QueueEntry.Status = accept ? .accepted : .declined
            try await db.raw(
                "UPDATE intervention_queue SET status = \(bind: status.rawValue), decided_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: entryId.uuidString)"
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            entry.status = status
            entry.decidedAt = at
            return entry
        }
    }

    /// Open queue entries per intervention and status (aggregated: no personal data).
    public func queueCounts() async throws -> [String: [QueueEntry.Status: Int]] {
        struct Row: Decodable { let intervention_id: String, status: String, n: Int }
        let rows = try await database.read { db in
            try await db.raw(
                """
                SELECT intervention_id, status, COUNT(*) AS n FROM intervention_queue
                WHERE status IN ('waiting', 'offered', 'accepted') GROUP BY intervention_id, status
                """
            ).all(decoding: Row.self)
        }
        var out: [String: [QueueEntry.Status: Int]] = [:]
        for r in rows { if let s = QueueEntry.Status(rawValue: r.status) { out[r.intervention_id, default: [:]][s] = r.n } }
        return out
    }
}
