import Foundation
import SQLKit
import SamsynDomain

/// The nybesök bookings and the units' inboxes.
extension SQLCaseFlowStore: InboxStore {
    struct NewVisitRow: Decodable {
        let id: String, case_id: String, person_id: String, committee_id: String, unit_id: String, worker_id: String, worker_name: String
        let visit_date: String, visit_time: String, location: String, booked_by_name: String, booked_at: Int64, version: Int
        func value() throws -> NewVisit {
            let s = Strict("new_visits")
            return try NewVisit(
                id: s.uuid("id", id), caseId: s.uuid("case_id", case_id), personId: s.uuid("person_id", person_id), committeeId: committee_id, unitId: unit_id,
                workerId: s.uuid("worker_id", worker_id), workerName: worker_name, date: s.date("visit_date", visit_date), time: visit_time, location: location,
                bookedByName: booked_by_name, bookedAt: Date(epochMilliseconds: booked_at), version: version)
        }
    }

    public func bookNewVisit(_ v: NewVisit, expectedVersion: Int?, audit entry: AccessLogEntry) async throws -> NewVisit {
        try await database.write { db in
            let rows: [any SQLRow]
            if let expectedVersion {
                rows = try await db.raw(
                    """
                    UPDATE new_visits SET unit_id = \(bind: v.unitId), worker_id = \(bind: v.workerId.uuidString), worker_name = \(bind: v.workerName),
                        visit_date = \(bind: v.date.description), visit_time = \(bind: v.time), location = \(bind: v.location), booked_by_name = \(bind: v.bookedByName),
                        booked_at = \(bind: v.bookedAt.epochMilliseconds), version = version + 1
                    WHERE case_id = \(bind: v.caseId.uuidString) AND version = \(bind: expectedVersion) RETURNING id
                    """
                ).all()
            } else {
                rows = try await db.raw(
                    """
                    INSERT INTO new_visits (id, case_id, person_id, committee_id, unit_id, worker_id, worker_name, visit_date, visit_time, location, booked_by_name, booked_at, version)
                    VALUES (\(bind: v.id.uuidString), \(bind: v.caseId.uuidString), \(bind: v.personId.uuidString), \(bind: v.committeeId), \(bind: v.unitId),
                        \(bind: v.workerId.uuidString), \(bind: v.workerName), \(bind: v.date.description), \(bind: v.time), \(bind: v.location), \(bind: v.bookedByName),
                        \(bind: v.bookedAt.epochMilliseconds), 1)
                    ON CONFLICT (case_id) DO NOTHING RETURNING id
                    """
                ).all()
            }
            guard !rows.isEmpty else { throw DomainError.stale }
            try await audit([entry], db)
            guard let saved = try await db.raw("SELECT * FROM new_visits WHERE case_id = \(bind: v.caseId.uuidString)").first(decoding: NewVisitRow.self)?.value()
            else { throw DomainError.notFound }
            return saved
        }
    }

    public func newVisit(id: UUID) async throws -> NewVisit? {
        try await database.read { db in
            try await db.raw("SELECT * FROM new_visits WHERE id = \(bind: id.uuidString)").first(decoding: NewVisitRow.self)?.value()
        }
    }

    public func newVisits(personId: UUID) async throws -> [NewVisit] {
        try await database.read { db in
            try await db.raw("SELECT * FROM new_visits WHERE person_id = \(bind: personId.uuidString) ORDER BY booked_at DESC").all(decoding: NewVisitRow.self)
                .map { try $0.value() }
        }
    }

    public func inboxSnapshot(committeeId: String, unitId: String, since: LocalDate) async throws -> InboxSnapshot {
        try await database.read { db in
            var s = InboxSnapshot()
            struct UnitRow: Decodable { let id: String, kind: String }
            for u in try await db.raw("SELECT id, kind FROM units").all(decoding: UnitRow.self) {
                let kind: OrgUnit.Kind = try Strict("units").value("kind", u.kind)
                s.unitKinds[u.id] = kind
            }
            s.cases = try await db.raw("SELECT * FROM district_cases WHERE committee_id = \(bind: committeeId) AND status = 'active'")
                .all(decoding: CaseRow.self).map { try $0.value() }
            for v in try await db.raw(
                "SELECT v.* FROM new_visits v JOIN district_cases c ON c.id = v.case_id WHERE v.committee_id = \(bind: committeeId) AND c.status = 'active'"
            ).all(decoding: NewVisitRow.self) {
                let visit = try v.value()
                s.newVisits[visit.caseId] = visit
            }
            s.referralsToUnit = try await db.raw("SELECT * FROM referrals WHERE to_unit_id = \(bind: unitId) AND status = 'sent' ORDER BY sent_on LIMIT 500")
                .all(decoding: ReferralRow.self).map { try $0.value() }
            var comps = DateComponents(year: since.year, month: since.month, day: since.day)
            comps.timeZone = Calendar.swedish.timeZone
            let sinceMs = (Calendar.swedish.date(from: comps) ?? Date(timeIntervalSince1970: 0)).epochMilliseconds
            s.answeredReferrals = try await db.raw(
                "SELECT * FROM referrals WHERE from_committee_id = \(bind: committeeId) AND from_unit_id = \(bind: unitId) AND status <> 'sent' AND answered_at >= \(bind: sinceMs)"
            ).all(decoding: ReferralRow.self).map { try $0.value() }
            s.closedEnrolments = try await db.raw(
                "SELECT * FROM enrolments WHERE district_committee_id = \(bind: committeeId) AND status = 'closed' AND closed_on >= \(bind: since.description)"
            ).all(decoding: EnrolmentRow.self).map { try $0.value() }
            struct FromRow: Decodable { let id: String, from_unit_id: String }
            for r in try await db.raw(
                """
                SELECT r.id, r.from_unit_id FROM referrals r JOIN enrolments e ON e.referral_id = r.id
                WHERE e.district_committee_id = \(bind: committeeId) AND e.status = 'closed' AND e.closed_on >= \(bind: since.description)
                """
            ).all(decoding: FromRow.self) {
                s.referringUnit[try Strict("referrals").uuid("id", r.id)] = r.from_unit_id
            }
            struct KeyRow: Decodable { let item_key: String }
            s.acknowledged = Set(
                try await db.raw("SELECT item_key FROM inbox_acknowledgements WHERE unit_id = \(bind: unitId)").all(decoding: KeyRow.self).map(\.item_key))
            return s
        }
    }

    public func acknowledge(unitId: String, key: String, personId: UUID, by user: StaffUser, at: Date, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            let rows = try await db.raw(
                """
                INSERT INTO inbox_acknowledgements (unit_id, item_key, person_id, acknowledged_by, acknowledged_by_name, acknowledged_at)
                VALUES (\(bind: unitId), \(bind: key), \(bind: personId.uuidString), \(bind: user.id.uuidString), \(bind: user.displayName), \(bind: at.epochMilliseconds))
                ON CONFLICT (unit_id, item_key) DO NOTHING RETURNING item_key
                """
            ).all()
            if !rows.isEmpty { try await audit([entry], db) }
        }
    }
}
