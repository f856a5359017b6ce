import Foundation
import SQLKit
import SamsynDomain

/// The closure in one transaction, the closure rows, and group sessions with their roll-call.
extension SQLCaseFlowStore {
    // MARK: Closure

    static func leftovers(enrolment e: Enrolment, closedOn: LocalDate, _ db: any SQLDatabase, lock: SQLQueryString) async throws -> ClosureLeftovers {
        let episodes = try await db.raw(
            """
            SELECT \(SQLEpisodeStore.episodeColumns) FROM intervention_episodes
            WHERE person_id = \(bind: e.personId.uuidString) AND committee_id = \(bind: e.committeeId) AND actual_end IS NULL ORDER BY start_date, created_at\(lock)
            """
        ).all(decoding: SQLEpisodeStore.EpisodeRow.self).map { try $0.episode() }
        let used = Set(episodes.compactMap(\.queueEntryId))
        let entries = try await db.raw(
            """
            SELECT \(SQLQueueStore.entryColumns) FROM intervention_queue
            WHERE person_id = \(bind: e.personId.uuidString) AND committee_id = \(bind: e.committeeId) AND status IN ('waiting', 'offered', 'accepted')
            ORDER BY queued_at\(lock)
            """
        ).all(decoding: SQLQueueStore.EntryRow.self).map { try $0.entry() }
        // A place a participation has used (running or ended) is freed by ending the participation, not here.
        var places: [QueueEntry] = []
        for q in entries where !used.contains(q.id) {
            let inUse = try await db.raw("SELECT id FROM intervention_episodes WHERE queue_entry_id = \(bind: q.id.uuidString)").first() != nil
            if !inUse { places.append(q) }
        }
        struct MRow: Decodable { let month: String }
        let final = Set(try await db.raw("SELECT month FROM attendance_months WHERE enrolment_id = \(bind: e.id.uuidString)").all(decoding: MRow.self).map(\.month))
        return ClosureLeftovers(episodes: episodes, places: places, openMonths: ClosureLeftovers.openMonths(enrolledOn: e.enrolledOn, closedOn: closedOn, finalMonths: final))
    }

    public func closureLeftovers(enrolment: Enrolment, closedOn: LocalDate) async throws -> ClosureLeftovers {
        try await database.read { db in try await Self.leftovers(enrolment: enrolment, closedOn: closedOn, db, lock: "") }
    }

    public func close(_ plan: ClosurePlan) async throws -> Enrolment {
        let e = plan.enrolment
        return try await database.write { db in
            if database.kind == .postgres {
                _ = try await db.raw("SELECT id FROM persons WHERE id = \(bind: e.personId.uuidString) FOR UPDATE").all()
            }
            let rows = try await db.raw(
                """
                UPDATE enrolments SET status = 'closed', closure_reason = \(bind: e.closureReason?.rawValue), closure_detail = \(bind: e.closureDetail),
                    closed_on = \(bind: e.closedOn?.description), closed_by_name = \(bind: e.closedByName), version = version + 1
                WHERE id = \(bind: e.id.uuidString) AND version = \(bind: plan.expectedVersion) AND status = 'active' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else {
                let current = try await db.raw("SELECT * FROM enrolments WHERE id = \(bind: e.id.uuidString)").first(decoding: EnrolmentRow.self)?.value()
                throw Enrolment.whyNotClosed(current: current)
            }
            let c = plan.check
            try await db.raw(
                """
                INSERT INTO six_month_checks (id, enrolment_id, person_id, district_committee_id, closure_reason, closed_on, due_on, version)
                VALUES (\(bind: c.id.uuidString), \(bind: c.enrolmentId.uuidString), \(bind: c.personId.uuidString), \(bind: c.districtCommitteeId),
                    \(bind: c.closureReason.rawValue), \(bind: c.closedOn.description), \(bind: c.dueOn.description), 1)
                """
            ).run()
            var audits: [AccessLogEntry] = []
            // The leftovers as they are now, in this transaction: what the user chose must still be there.
            let now = try await Self.leftovers(enrolment: e, closedOn: e.closedOn ?? c.closedOn, db, lock: "")
            for end in plan.endEpisodes {
                guard let current = now.episodes.first(where: { $0.id == end.episodeId }) else {
                    throw DomainError(.conflict, "Ett av deltagandena är redan avslutat. Läs in sidan igen; inget sparades.")
                }
                let ended = try EpisodeRules.end(current, actualEnd: end.actualEnd, outcome: end.outcome, reason: end.reason, expectedVersion: end.expectedVersion)
                let updated = try await db.raw(
                    """
                    UPDATE intervention_episodes SET actual_end = \(bind: end.actualEnd.description), outcome = \(bind: end.outcome.rawValue),
                        interruption_reason = \(bind: end.reason), version = version + 1
                    WHERE id = \(bind: end.episodeId.uuidString) AND version = \(bind: end.expectedVersion) AND actual_end IS NULL RETURNING id
                    """
                ).all()
                guard !updated.isEmpty else { throw DomainError.stale }
                if let entryId = ended.queueEntryId {
                    try await db.raw(
                        "UPDATE intervention_queue SET status = 'ended', decided_at = \(bind: end.audit.at.epochMilliseconds) WHERE id = \(bind: entryId.uuidString) AND status = 'accepted'"
                    ).run()
                }
                audits.append(end.audit)
            }
            for r in plan.releases {
                guard let entry = now.places.first(where: { $0.id == r.entryId }) else {
                    throw DomainError(.conflict, "En av platserna är inte längre personens. Läs in sidan igen; inget sparades.")
                }
                _ = try QueueRules.withdraw(entry, placeInUse: false, reason: r.reason, at: r.audit.at)
                try await db.raw(
                    """
                    UPDATE intervention_queue SET status = 'withdrawn', decided_at = \(bind: r.audit.at.epochMilliseconds), closed_reason = \(bind: r.reason)
                    WHERE id = \(bind: r.entryId.uuidString)
                    """
                ).run()
                try await SQLQueueStore.settleOpenOffer(r.entryId, .withdrawn, at: r.audit.at, db)
                audits.append(r.audit)
            }
            for f in plan.finalise {
                guard now.openMonths.contains(f.month) else { throw AttendanceRules.monthAlreadyFinal(f.month) }
                try await db.raw(
                    """
                    INSERT INTO attendance_months (enrolment_id, month, finalised_at, finalised_by_name)
                    VALUES (\(bind: e.id.uuidString), \(bind: f.month), \(bind: f.audit.at.epochMilliseconds), \(bind: plan.closure.recordedByName))
                    """
                ).run()
                audits.append(f.audit)
            }
            let x = plan.closure
            try await db.raw(
                """
                INSERT INTO enrolment_closures (enrolment_id, person_id, referral_id, district_committee_id, district_unit_id, committee_id, unit_id, reason,
                    closed_on, employer, sector, extent_percent, work_start, work_end, subsidy, study_kind, study_allowance, study_start, ended_episodes,
                    released_places, finalised_months, recorded_at, recorded_by_name)
                VALUES (\(bind: x.enrolmentId.uuidString), \(bind: x.personId.uuidString), \(bind: x.referralId?.uuidString), \(bind: x.districtCommitteeId),
                    \(bind: x.districtUnitId), \(bind: x.committeeId), \(bind: x.unitId), \(bind: x.reason.rawValue), \(bind: x.closedOn.description),
                    \(bind: x.work?.employer), \(bind: x.work?.sector?.rawValue), \(bind: x.work?.extentPercent), \(bind: x.work?.startOn.description),
                    \(bind: x.work?.endOn?.description), \(bind: x.work?.subsidy.rawValue), \(bind: x.studies?.kind.rawValue), \(bind: x.studies?.studyAllowance),
                    \(bind: x.studies?.startOn?.description), \(bind: x.endedEpisodes), \(bind: x.releasedPlaces), \(bind: x.finalisedMonths.joined(separator: ",")),
                    \(bind: x.recordedAt.epochMilliseconds), \(bind: x.recordedByName))
                """
            ).run()
            audits.append(plan.audit)
            try await audit(audits, db)
            return e
        }
    }

    struct ClosureRow: Decodable {
        let enrolment_id: String, person_id: String, referral_id: String?, district_committee_id: String, district_unit_id: String?, committee_id: String
        let unit_id: String, reason: String, closed_on: String, employer: String?, sector: String?, extent_percent: Int?, work_start: String?
        let work_end: String?, subsidy: String?, study_kind: String?, study_allowance: Bool?, study_start: String?, ended_episodes: Int, released_places: Int
        let finalised_months: String, recorded_at: Int64, recorded_by_name: String

        func value() throws -> EnrolmentClosure {
            let s = Strict("enrolment_closures")
            var work: ClosureOutcome.Work?
            if let start = work_start {
                guard let extent = extent_percent, let subsidy = subsidy else { throw StorageError.corruptRow(table: "enrolment_closures", column: "extent_percent", value: "missing") }
                work = try ClosureOutcome.Work(
                    employer: employer, sector: s.value("sector", sector), extentPercent: extent, startOn: s.date("work_start", start),
                    endOn: s.date("work_end", work_end), subsidy: s.value("subsidy", subsidy))
            }
            var studies: ClosureOutcome.Studies?
            if let kind = study_kind {
                guard let allowance = study_allowance else { throw StorageError.corruptRow(table: "enrolment_closures", column: "study_allowance", value: "missing") }
                studies = try ClosureOutcome.Studies(kind: s.value("study_kind", kind), studyAllowance: allowance, startOn: s.date("study_start", study_start))
            }
            return try EnrolmentClosure(
                enrolmentId: s.uuid("enrolment_id", enrolment_id), personId: s.uuid("person_id", person_id), referralId: s.uuid("referral_id", referral_id),
                districtCommitteeId: district_committee_id, districtUnitId: district_unit_id, committeeId: committee_id, unitId: unit_id,
                reason: s.value("reason", reason), closedOn: s.date("closed_on", closed_on), work: work, studies: studies, endedEpisodes: ended_episodes,
                releasedPlaces: released_places, finalisedMonths: finalised_months.split(separator: ",").map(String.init),
                recordedAt: Date(epochMilliseconds: recorded_at), recordedByName: recorded_by_name)
        }
    }

    public func closure(enrolmentId: UUID) async throws -> EnrolmentClosure? {
        try await database.read { db in
            try await db.raw("SELECT * FROM enrolment_closures WHERE enrolment_id = \(bind: enrolmentId.uuidString)").first(decoding: ClosureRow.self)?.value()
        }
    }

    public func closures(districtUnitIds: [String], districtCommitteeId: String, since: Date, limit: Int) async throws -> [EnrolmentClosure] {
        let units: SQLQueryString = districtUnitIds.isEmpty ? "FALSE" : "district_unit_id IN (\(binds: districtUnitIds))"
        return try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM enrolment_closures
                WHERE district_committee_id = \(bind: districtCommitteeId) AND (\(units) OR district_unit_id IS NULL) AND recorded_at >= \(bind: since.epochMilliseconds)
                ORDER BY recorded_at DESC, enrolment_id LIMIT \(bind: limit)
                """
            ).all(decoding: ClosureRow.self).map { try $0.value() }
        }
    }

    // MARK: Group sessions

    struct GroupSessionRow: Decodable {
        let id: String, intervention_id: String, committee_id: String, unit_id: String, date: String, start_time: String, end_time: String
        let group_name: String, created_by_name: String, created_at: Int64
        func value() throws -> GroupSession {
            let s = Strict("group_sessions")
            return try GroupSession(
                id: s.uuid("id", id), interventionId: intervention_id, committeeId: committee_id, unitId: unit_id, date: s.date("date", date), startTime: start_time,
                endTime: end_time, groupName: group_name, createdByName: created_by_name, createdAt: Date(epochMilliseconds: created_at))
        }
    }

    public func addGroupSession(_ s: GroupSession, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO group_sessions (id, intervention_id, committee_id, unit_id, date, start_time, end_time, group_name, created_by_name, created_at)
                VALUES (\(bind: s.id.uuidString), \(bind: s.interventionId), \(bind: s.committeeId), \(bind: s.unitId), \(bind: s.date.description),
                    \(bind: s.startTime), \(bind: s.endTime), \(bind: s.groupName), \(bind: s.createdByName), \(bind: s.createdAt.epochMilliseconds))
                """
            ).run()
            try await audit([entry], db)
        }
    }

    public func groupSession(id: UUID) async throws -> GroupSession? {
        try await database.read { db in try await db.raw("SELECT * FROM group_sessions WHERE id = \(bind: id.uuidString)").first(decoding: GroupSessionRow.self)?.value() }
    }

    public func groupSessions(unitId: String, from: LocalDate, to: LocalDate) async throws -> [GroupSession] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM group_sessions WHERE unit_id = \(bind: unitId) AND date >= \(bind: from.description) AND date <= \(bind: to.description)
                ORDER BY date, start_time, id
                """
            ).all(decoding: GroupSessionRow.self).map { try $0.value() }
        }
    }

    public func rollCall(_ s: GroupSession) async throws -> [RollCallLine] {
        let episodes = try await database.read { db in
            try await db.raw(
                """
                SELECT \(SQLEpisodeStore.episodeColumns) FROM intervention_episodes
                WHERE intervention_id = \(bind: s.interventionId) AND committee_id = \(bind: s.committeeId) AND start_date <= \(bind: s.date.description)
                    AND (actual_end IS NULL OR actual_end >= \(bind: s.date.description))
                ORDER BY start_date, id
                """
            ).all(decoding: SQLEpisodeStore.EpisodeRow.self).map { try $0.episode() }
        }
        let persons = Array(Set(episodes.map(\.personId)))
        let names = try await self.names(personIds: persons, committeeId: s.committeeId)
        struct MRow: Decodable { let enrolment_id: String, month: String }
        return try await database.read { db in
            let enrolments =
                persons.isEmpty
                ? []
                : try await db.raw(
                    """
                    SELECT * FROM enrolments WHERE person_id IN (\(binds: persons.map(\.uuidString))) AND committee_id = \(bind: s.committeeId)
                        AND enrolled_on <= \(bind: s.date.description) AND (closed_on IS NULL OR closed_on >= \(bind: s.date.description))
                    """
                ).all(decoding: EnrolmentRow.self).map { try $0.value() }
            let records = try await db.raw("SELECT * FROM attendance WHERE session_id = \(bind: s.id.uuidString)").all(decoding: AttendanceRow.self).map { try $0.value() }
            let final =
                enrolments.isEmpty
                ? []
                : Set(
                    try await db.raw(
                        "SELECT enrolment_id, month FROM attendance_months WHERE enrolment_id IN (\(binds: enrolments.map(\.id.uuidString))) AND month = \(bind: s.date.monthKey)"
                    ).all(decoding: MRow.self).map(\.enrolment_id))
            let lines = episodes.map { ep in
                let en = enrolments.first { $0.personId == ep.personId }
                return RollCallLine(
                    episode: ep, person: names[ep.personId], enrolment: en, record: records.first { $0.episodeId == ep.id },
                    monthFinal: en.map { final.contains($0.id.uuidString) } ?? false)
            }
            return lines.sorted { a, b in
                let x = a.person.map { ($0.lastName, $0.firstName) } ?? ("", ""), y = b.person.map { ($0.lastName, $0.firstName) } ?? ("", "")
                return x != y ? x < y : a.episode.id.uuidString < b.episode.id.uuidString
            }
        }
    }

    public func episodes(ids: [UUID]) async throws -> [UUID: Episode] {
        guard !ids.isEmpty else { return [:] }
        let list = try await database.read { db in
            try await db.raw("SELECT \(SQLEpisodeStore.episodeColumns) FROM intervention_episodes WHERE id IN (\(binds: ids.map(\.uuidString)))")
                .all(decoding: SQLEpisodeStore.EpisodeRow.self).map { try $0.episode() }
        }
        return Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
    }

    public func episodes(personId: UUID, committeeId: String) async throws -> [Episode] {
        try await SQLEpisodeStore(database: database).episodes(personId: personId, committeeId: committeeId)
    }

    public func interventionNames() async throws -> [String: String] {
        struct Row: Decodable { let id: String, name: String }
        let rows = try await database.read { db in try await db.raw("SELECT id, name FROM interventions").all(decoding: Row.self) }
        return Dictionary(rows.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    public func saveRollCall(_ records: [AttendanceRecord], audit entries: [AccessLogEntry]) async throws {
        do {
            try await database.write { db in
                for r in records {
                    let isFinal =
                        try await db.raw("SELECT month FROM attendance_months WHERE enrolment_id = \(bind: r.enrolmentId.uuidString) AND month = \(bind: r.date.monthKey)")
                        .first() != nil
                    try AttendanceRules.checkRecordable(month: r.date.monthKey, isFinal: isFinal)
                    try await db.raw(
                        """
                        INSERT INTO attendance (id, enrolment_id, person_id, date, activity, status, note, recorded_by_name, version, episode_id, session_id)
                        VALUES (\(bind: r.id.uuidString), \(bind: r.enrolmentId.uuidString), \(bind: r.personId.uuidString), \(bind: r.date.description),
                            \(bind: r.activity), \(bind: r.status.rawValue), \(bind: r.note), \(bind: r.recordedByName), 1, \(bind: r.episodeId?.uuidString),
                            \(bind: r.sessionId?.uuidString))
                        """
                    ).run()
                }
                try await audit(entries, db)
            }
        } catch where error.isUniqueViolation {
            throw DomainError(.conflict, "Någon av deltagarna registrerades nyss på passet av någon annan. Läs in sidan igen; inget sparades.")
        }
    }

    public func attendance(personId: UUID, committeeId: String, from: LocalDate, to: LocalDate) async throws -> [AttendanceRecord] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT a.* FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id
                WHERE a.person_id = \(bind: personId.uuidString) AND e.committee_id = \(bind: committeeId)
                    AND a.date >= \(bind: from.description) AND a.date <= \(bind: to.description)
                ORDER BY a.date, a.activity
                """
            ).all(decoding: AttendanceRow.self).map { try $0.value() }
        }
    }
}
