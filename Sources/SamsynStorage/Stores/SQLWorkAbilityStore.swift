import Foundation
import SQLKit
import SamsynDomain

/// A work-ability testing's placements, instrument results and conclusion.
public struct SQLWorkAbilityStore: WorkAbilityStore {
    let database: Database
    public init(database: Database) { self.database = database }

    public func addPlacement(_ p: WorkPlacement, audit: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO work_placements (id, episode_id, workplace, tasks, support, start_date, end_date, hours_per_week, observations)
                VALUES (\(bind: p.id.uuidString), \(bind: p.episodeId.uuidString), \(bind: p.workplace), \(bind: p.tasks), \(bind: p.support.rawValue),
                    \(bind: p.start.description), \(bind: p.end?.description), \(bind: p.hoursPerWeek), \(bind: p.observations))
                """
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }

    public func placements(episodeId: UUID) async throws -> [WorkPlacement] {
        struct Row: Decodable {
            let id: String, episode_id: String, workplace: String, tasks: String, support: String, start_date: String, end_date: String?
            let hours_per_week: Int?, observations: String
        }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT id, episode_id, workplace, tasks, support, start_date, end_date, hours_per_week, observations FROM work_placements
                WHERE episode_id = \(bind: episodeId.uuidString) ORDER BY start_date, id
                """
            ).all(decoding: Row.self).map {
                let s = Strict("work_placements")
                return try WorkPlacement(
                    id: s.uuid("id", $0.id), episodeId: s.uuid("episode_id", $0.episode_id), workplace: $0.workplace, tasks: $0.tasks,
                    support: s.value("support", $0.support), start: s.date("start_date", $0.start_date),
                    end: s.date("end_date", $0.end_date), hoursPerWeek: $0.hours_per_week, observations: $0.observations)
            }
        }
    }

    public func addAssessment(_ a: WorkAbilityAssessment, audit: AccessLogEntry) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let ratings = String(decoding: try encoder.encode(a.ratings), as: UTF8.self)
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO work_ability_assessments (id, episode_id, instrument, other_name, assessed_on, assessor, ratings, summary)
                VALUES (\(bind: a.id.uuidString), \(bind: a.episodeId.uuidString), \(bind: a.instrument), \(bind: a.otherName),
                    \(bind: a.assessedOn.description), \(bind: a.assessor), \(bind: ratings), \(bind: a.summary))
                """
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }

    public func assessments(episodeId: UUID) async throws -> [WorkAbilityAssessment] {
        struct Row: Decodable {
            let id: String, episode_id: String, instrument: String, other_name: String?, assessed_on: String, assessor: String, ratings: String
            let summary: String
        }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT id, episode_id, instrument, other_name, assessed_on, assessor, ratings, summary FROM work_ability_assessments
                WHERE episode_id = \(bind: episodeId.uuidString) ORDER BY assessed_on, id
                """
            ).all(decoding: Row.self).map {
                let s = Strict("work_ability_assessments")
                return try WorkAbilityAssessment(
                    id: s.uuid("id", $0.id), episodeId: s.uuid("episode_id", $0.episode_id), instrument: $0.instrument, otherName: $0.other_name,
                    assessedOn: s.date("assessed_on", $0.assessed_on), assessor: $0.assessor,
                    ratings: s.json("ratings", $0.ratings), summary: $0.summary)
            }
        }
    }

    public func saveConclusion(episodeId: UUID, _ c: WorkAbilityConclusion, expectedVersion: Int, audit: AccessLogEntry) async throws -> WorkAbilityConclusion {
        struct V: Decodable { let version: Int }
        return try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            let current = try await db.raw("SELECT version FROM work_ability_conclusions WHERE episode_id = \(bind: episodeId.uuidString)\(forUpdate)")
                .first(decoding: V.self)?.version ?? 0
            let saved = try WorkAbilityRules.save(c, current: current, expectedVersion: expectedVersion)
            if current == 0 {
                try await db.raw(
                    """
                    INSERT INTO work_ability_conclusions (episode_id, abilities, adaptations, recommendation, written_by, written_at, version)
                    VALUES (\(bind: episodeId.uuidString), \(bind: c.abilities), \(bind: c.adaptations), \(bind: c.recommendation),
                        \(bind: c.writtenBy), \(bind: c.writtenAt.epochMilliseconds), 1)
                    """
                ).run()
            } else {
                try await db.raw(
                    """
                    UPDATE work_ability_conclusions SET abilities = \(bind: c.abilities), adaptations = \(bind: c.adaptations),
                        recommendation = \(bind: c.recommendation), written_by = \(bind: c.writtenBy), written_at = \(bind: c.writtenAt.epochMilliseconds),
                        version = \(bind: saved.version)
                    WHERE episode_id = \(bind: episodeId.uuidString) AND version = \(bind: current)
                    """
                ).run()
            }
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            return saved
        }
    }

    public func conclusion(episodeId: UUID) async throws -> WorkAbilityConclusion? {
        struct Row: Decodable { let abilities: String, adaptations: String, recommendation: String, written_by: String, written_at: Int64, version: Int }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT abilities, adaptations, recommendation, written_by, written_at, version FROM work_ability_conclusions
                WHERE episode_id = \(bind: episodeId.uuidString)
                """
            ).first(decoding: Row.self).map {
                WorkAbilityConclusion(
                    abilities: $0.abilities, adaptations: $0.adaptations, recommendation: $0.recommendation, writtenBy: $0.written_by,
                    writtenAt: Date(epochMilliseconds: $0.written_at), version: $0.version)
            }
        }
    }
}
