import Foundation
import SQLKit
import SamsynDomain

/// Episodes (deltagande): a person's participation in an intervention, started on an accepted place or
/// directly, and ended with an outcome that frees the place.
public struct SQLEpisodeStore: EpisodeStore {
    let database: Database
    public init(database: Database) { self.database = database }

    struct EpisodeRow: Decodable {
        let id: String, intervention_id: String, person_id: String, committee_id: String, unit_id: String, queue_entry_id: String?
        let start_date: String, planned_end: String?, actual_end: String?, outcome: String?, interruption_reason: String?, sub_goal: String?
        let created_at: Int64, version: Int

        func episode() throws -> Episode {
            let s = Strict("intervention_episodes")
            return try Episode(
                id: s.uuid("id", id), interventionId: intervention_id, personId: s.uuid("person_id", person_id), committeeId: committee_id,
                unitId: unit_id, queueEntryId: s.uuid("queue_entry_id", queue_entry_id), start: s.date("start_date", start_date),
                plannedEnd: s.date("planned_end", planned_end), actualEnd: s.date("actual_end", actual_end),
                outcome: s.value("outcome", outcome), interruptionReason: interruption_reason, subGoal: sub_goal,
                createdAt: Date(epochMilliseconds: created_at), version: version)
        }
    }

    static let episodeColumns: SQLQueryString = """
        id, intervention_id, person_id, committee_id, unit_id, queue_entry_id, start_date, planned_end, actual_end, outcome,
        interruption_reason, sub_goal, created_at, version
        """

    public func startEpisode(_ e: Episode, audit: AccessLogEntry) async throws {
        try await database.write { db in
            // Serialise a person's episode writes: on PostgreSQL the person row is locked; SQLite's write
            // transaction already serialises.
            if database.kind == .postgres {
                _ = try await db.raw("SELECT id FROM persons WHERE id = \(bind: e.personId.uuidString) FOR UPDATE").all()
            }
            guard let intervention = try await SQLInterventionCatalogueStore.interventions(where: e.interventionId, db).first else { throw DomainError.notFound }
            var entry: QueueEntry?
            var placeInUse = false
            if let entryId = e.queueEntryId {
                entry = try await db.raw("SELECT \(SQLQueueStore.entryColumns) FROM intervention_queue WHERE id = \(bind: entryId.uuidString)")
                    .first(decoding: SQLQueueStore.EntryRow.self)?.entry()
                placeInUse = try await db.raw("SELECT id FROM intervention_episodes WHERE queue_entry_id = \(bind: entryId.uuidString)").first() != nil
            }
            let others =
                intervention.oneAtATime
                ? try await db.raw(
                    """
                    SELECT \(Self.episodeColumns) FROM intervention_episodes
                    WHERE person_id = \(bind: e.personId.uuidString) AND intervention_id = \(bind: e.interventionId)
                    """
                ).all(decoding: EpisodeRow.self).map { try $0.episode() } : []
            try EpisodeRules.checkStart(e, .init(intervention: intervention, entry: entry, placeInUse: placeInUse, others: others))
            try await db.raw(
                """
                INSERT INTO intervention_episodes (id, intervention_id, person_id, committee_id, unit_id, queue_entry_id, start_date, planned_end,
                    actual_end, outcome, interruption_reason, sub_goal, created_at, version)
                VALUES (\(bind: e.id.uuidString), \(bind: e.interventionId), \(bind: e.personId.uuidString), \(bind: e.committeeId), \(bind: e.unitId),
                    \(bind: e.queueEntryId?.uuidString), \(bind: e.start.description), \(bind: e.plannedEnd?.description), NULL, NULL, NULL,
                    \(bind: e.subGoal), \(bind: e.createdAt.epochMilliseconds), \(bind: e.version))
                """
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }

    public func endEpisode(
        id: UUID, actualEnd: LocalDate, outcome: Episode.Outcome, reason: String?, expectedVersion: Int, audit: AccessLogEntry
    ) async throws -> Episode {
        try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            guard let current = try await db.raw("SELECT \(Self.episodeColumns) FROM intervention_episodes WHERE id = \(bind: id.uuidString)\(forUpdate)")
                .first(decoding: EpisodeRow.self)?.episode()
            else { throw DomainError.notFound }
            let e = try EpisodeRules.end(current, actualEnd: actualEnd, outcome: outcome, reason: reason, expectedVersion: expectedVersion)
            // An ended episode may still not overlap a later one of a one-at-a-time intervention: the end only shortens it.
            try await db.raw(
                """
                UPDATE intervention_episodes SET actual_end = \(bind: actualEnd.description), outcome = \(bind: outcome.rawValue),
                    interruption_reason = \(bind: reason), version = version + 1
                WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion)
                """
            ).run()
            if let entryId = e.queueEntryId {
                try await db.raw(
                    "UPDATE intervention_queue SET status = 'ended', decided_at = \(bind: audit.at.epochMilliseconds) WHERE id = \(bind: entryId.uuidString) AND status = 'accepted'"
                ).run()
            }
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            return e
        }
    }

    public func episode(id: UUID) async throws -> Episode? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.episodeColumns) FROM intervention_episodes WHERE id = \(bind: id.uuidString)").first(decoding: EpisodeRow.self)?.episode()
        }
    }

    public func episodes(personId: UUID, committeeId: String) async throws -> [Episode] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.episodeColumns) FROM intervention_episodes
                WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) ORDER BY start_date, created_at
                """
            ).all(decoding: EpisodeRow.self).map { try $0.episode() }
        }
    }
}
