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
        let queued_at: Int64, priority_reason: String?, status: String, offered_at: Int64?, decided_at: Int64?, closed_reason: String?

        func entry() throws -> QueueEntry {
            let s = Strict("intervention_queue")
            return try QueueEntry(
                id: s.uuid("id", id), interventionId: intervention_id, personId: s.uuid("person_id", person_id), committeeId: committee_id,
                unitId: unit_id, districtId: district_id, queuedAt: Date(epochMilliseconds: queued_at), priorityReason: priority_reason,
                status: s.value("status", status), offeredAt: offered_at.map(Date.init(epochMilliseconds:)),
                decidedAt: decided_at.map(Date.init(epochMilliseconds:)), closedReason: closed_reason)
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
        "id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason, status, offered_at, decided_at, closed_reason"

    public func entry(id: UUID) async throws -> QueueEntry? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: id.uuidString)").first(decoding: EntryRow.self)?.entry()
        }
    }

    public func queue(interventionId: String) async throws -> [QueueEntry] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.entryColumns) FROM intervention_queue
                WHERE intervention_id = \(bind: interventionId) AND status IN ('waiting', 'offered', 'accepted')
                """
            ).all(decoding: EntryRow.self).map { try $0.entry() }.sorted(by: QueueEntry.queueOrder)
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
                .first(decoding: EntryRow.self)?.entry()
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
                .first(decoding: EntryRow.self)?.entry()
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

    public func withdraw(entryId: UUID, reason: String, at: Date, audit: AccessLogEntry) async throws -> QueueEntry {
        try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            guard var entry = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: entryId.uuidString)\(forUpdate)")
                .first(decoding: EntryRow.self)?.entry()
            else { throw DomainError.notFound }
            guard entry.status.isOpen else { throw DomainError(.conflict, "Personen står inte längre i kön.") }
            if entry.status == .accepted,
                try await db.raw("SELECT id FROM intervention_episodes WHERE queue_entry_id = \(bind: entryId.uuidString)").first() != nil
            {
                throw DomainError(.conflict, "Personen deltar redan på platsen. Avsluta deltagandet i stället; då blir platsen ledig.")
            }
            try await db.raw(
                """
                UPDATE intervention_queue SET status = 'withdrawn', decided_at = \(bind: at.epochMilliseconds), closed_reason = \(bind: reason)
                WHERE id = \(bind: entryId.uuidString)
                """
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            entry.status = .withdrawn
            entry.decidedAt = at
            entry.closedReason = reason
            return entry
        }
    }

    struct ListingRow: Decodable {
        let id: String, intervention_id: String, person_id: String, committee_id: String, unit_id: String, district_id: String
        let queued_at: Int64, priority_reason: String?, status: String, offered_at: Int64?, decided_at: Int64?, closed_reason: String?
        let identity_number: String, first_name: String, last_name: String, protected_identity: Bool
    }

    /// Queue order, matching the `intervention_queue_rank` and `intervention_queue_committee` indexes.
    static let queueOrder: SQLQueryString = "CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END, queued_at, id"

    public func queuePage(interventionId: String, committeeId: String, offset: Int, limit: Int) async throws -> QueuePageResult {
        struct Count: Decodable { let n: Int }
        return try await database.read { db in
            // The committee's page, read in queue order from its index: prioritised entries first, then by
            // time in the queue. Persons are joined only for the page's rows.
            let rows = try await db.raw(
                """
                SELECT q.id, q.intervention_id, q.person_id, q.committee_id, q.unit_id, q.district_id, q.queued_at, q.priority_reason, q.status,
                    q.offered_at, q.decided_at, q.closed_reason, p.identity_number, p.first_name, p.last_name, p.protected_identity
                FROM (
                    SELECT * FROM intervention_queue
                    WHERE intervention_id = \(bind: interventionId) AND committee_id = \(bind: committeeId) AND status IN ('waiting', 'offered', 'accepted')
                    ORDER BY \(Self.queueOrder) LIMIT \(literal: limit) OFFSET \(literal: offset)
                ) q JOIN persons p ON p.id = q.person_id
                ORDER BY CASE WHEN q.priority_reason IS NULL THEN 1 ELSE 0 END, q.queued_at, q.id
                """
            ).all(decoding: ListingRow.self)
            // Positions count everyone waiting (all committees): one scan of the queue-order index up to the
            // page's last waiting row.
            var positions: [String: Int] = [:]
            if let last = rows.last(where: { $0.status == QueueEntry.Status.waiting.rawValue }) {
                struct Pos: Decodable { let id: String; let pos: Int }
                let ids = rows.filter { $0.status == QueueEntry.Status.waiting.rawValue }.map(\.id)
                let ranked = try await db.raw(
                    """
                    SELECT id, pos FROM (
                        SELECT id, ROW_NUMBER() OVER (ORDER BY \(Self.queueOrder)) AS pos FROM intervention_queue
                        WHERE intervention_id = \(bind: interventionId) AND status = 'waiting'
                            AND (CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END, queued_at, id)
                                <= (\(bind: last.priority_reason == nil ? 1 : 0), \(bind: last.queued_at), \(bind: last.id))
                    ) ranked WHERE id IN (\(binds: ids))
                    """
                ).all(decoding: Pos.self)
                for r in ranked { positions[r.id] = r.pos }
            }
            let total = try await db.raw(
                """
                SELECT COUNT(*) AS n FROM intervention_queue
                WHERE intervention_id = \(bind: interventionId) AND committee_id = \(bind: committeeId) AND status IN ('waiting', 'offered', 'accepted')
                """
            ).first(decoding: Count.self)?.n ?? 0
            let waitingAll = try await db.raw(
                "SELECT COUNT(*) AS n FROM intervention_queue WHERE intervention_id = \(bind: interventionId) AND status = 'waiting'"
            ).first(decoding: Count.self)?.n ?? 0
            let lines = try rows.map { r in
                try QueueListing(
                    entry: EntryRow(
                        id: r.id, intervention_id: r.intervention_id, person_id: r.person_id, committee_id: r.committee_id, unit_id: r.unit_id,
                        district_id: r.district_id, queued_at: r.queued_at, priority_reason: r.priority_reason, status: r.status,
                        offered_at: r.offered_at, decided_at: r.decided_at, closed_reason: r.closed_reason
                    ).entry(), position: positions[r.id],
                    person: PersonSummary(
                        id: Strict("intervention_queue").uuid("person_id", r.person_id),
                        identityNumber: Strict("persons").identityNumber("identity_number", r.identity_number),
                        firstName: r.first_name, lastName: r.last_name, protectedIdentity: r.protected_identity))
            }
            return QueuePageResult(lines: lines, total: total, waitingAll: waitingAll)
        }
    }

    public func entries(personId: UUID, committeeId: String) async throws -> [QueueEntry] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.entryColumns) FROM intervention_queue
                WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) ORDER BY queued_at
                """
            ).all(decoding: EntryRow.self).map { try $0.entry() }
        }
    }

    // MARK: Episodes

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
            guard let intervention = try await Self.interventions(where: e.interventionId, db).first else { throw DomainError.notFound }
            if let entryId = e.queueEntryId {
                guard let entry = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: entryId.uuidString)")
                    .first(decoding: EntryRow.self)?.entry(), entry.personId == e.personId, entry.interventionId == e.interventionId
                else { throw DomainError.invalid([FieldError(field: "intervention", message: "Platsen hör inte till personen och insatsen.")]) }
                guard entry.status == .accepted else {
                    throw DomainError(.conflict, "Deltagandet kan börja först när personen har tackat ja till en plats.")
                }
                if try await db.raw("SELECT id FROM intervention_episodes WHERE queue_entry_id = \(bind: entryId.uuidString)").first() != nil {
                    throw DomainError(.conflict, "Platsen används redan av ett deltagande.")
                }
            } else if intervention.capacity != nil {
                throw DomainError(
                    .conflict, "Insatsen har ett begränsat antal platser. Ställ personen i kö och erbjud en plats; deltagandet startas från platsen.")
            }
            if intervention.oneAtATime {
                let others = try await db.raw(
                    """
                    SELECT \(Self.episodeColumns) FROM intervention_episodes
                    WHERE person_id = \(bind: e.personId.uuidString) AND intervention_id = \(bind: e.interventionId)
                    """
                ).all(decoding: EpisodeRow.self).map { try $0.episode() }
                if let clash = EpisodeRules.overlapping(e.span, interventionId: e.interventionId, among: others) {
                    let until = clash.actualEnd.map { "till \($0)" } ?? "och pågår"
                    throw DomainError.invalid([
                        FieldError(
                            field: "start",
                            message: "Personen deltar redan i insatsen under den tiden (från \(clash.start) \(until)). Insatsen tas en gång i taget.")
                    ])
                }
            }
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
            guard var e = try await db.raw("SELECT \(Self.episodeColumns) FROM intervention_episodes WHERE id = \(bind: id.uuidString)\(forUpdate)")
                .first(decoding: EpisodeRow.self)?.episode()
            else { throw DomainError.notFound }
            guard !e.isEnded else { throw DomainError(.conflict, "Deltagandet är redan avslutat (\(e.actualEnd!)).") }
            guard e.version == expectedVersion else {
                throw DomainError(.conflict, "Någon annan har ändrat deltagandet under tiden. Ladda om sidan och försök igen.")
            }
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
            e.actualEnd = actualEnd
            e.outcome = outcome
            e.interruptionReason = reason
            e.version += 1
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

    // MARK: Work-ability testing

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
            guard current == expectedVersion else {
                throw DomainError(.conflict, "Någon annan har ändrat slutsatsen under tiden. Ladda om sidan; din text finns kvar i formuläret.")
            }
            var saved = c
            saved.version = current + 1
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

    public func queueFigures(offeredSince: Date) async throws -> [QueueFigureRow] {
        struct Row: Decodable { let intervention_id: String, district_id: String, status: String, queued_at: Int64, offered_at: Int64? }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT intervention_id, district_id, status, queued_at, offered_at FROM intervention_queue
                WHERE status IN ('waiting', 'offered', 'accepted') OR offered_at >= \(bind: offeredSince.epochMilliseconds)
                """
            ).all(decoding: Row.self).map { r in
                try QueueFigureRow(
                    interventionId: r.intervention_id, districtId: r.district_id, status: Strict("intervention_queue").value("status", r.status),
                    queuedAt: Date(epochMilliseconds: r.queued_at), offeredAt: r.offered_at.map(Date.init(epochMilliseconds:)))
            }
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
        for r in rows { out[r.intervention_id, default: [:]][try Strict("intervention_queue").value("status", r.status, as: QueueEntry.Status.self)] = r.n }
        return out
    }
}
