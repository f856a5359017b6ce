import Foundation
import SQLKit
import SamsynDomain

/// The city's catalogue of providers and interventions, with each intervention's places per district.
public struct SQLInterventionCatalogueStore: InterventionCatalogueStore {
    let database: Database
    public init(database: Database) { self.database = database }

    struct InterventionRow: Decodable {
        let id: String, provider_id: String, name: String, type: String, target_group: String, description: String
        let typical_weeks: Int?, capacity: Int?, one_at_a_time: Bool
    }
    struct AllotmentRow: Decodable { let intervention_id: String, district_id: String, places: Int }
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
                Provider(id: $0.id, name: $0.name, kind: try Strict("providers").value("kind", $0.kind), committeeId: $0.committee_id)
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
        return try rows.map { r in
            try Intervention(
                id: r.id, providerId: r.provider_id, name: r.name, type: Strict("interventions").value("type", r.type), targetGroup: r.target_group,
                description: r.description, typicalWeeks: r.typical_weeks, capacity: r.capacity,
                allotments: Dictionary(uniqueKeysWithValues: (allotments[r.id] ?? []).map { ($0.district_id, $0.places) }), oneAtATime: r.one_at_a_time)
        }
    }
}
