import Foundation
import SQLKit
import SamsynDomain

/// The case flow over SQLKit, one implementation for SQLite and PostgreSQL. Each write commits its
/// access-log row in the same transaction; versioned updates check the version in the UPDATE itself.
public struct SQLCaseFlowStore: CaseFlowStore {
    let database: Database
    public init(database: Database) { self.database = database }

    var forUpdate: SQLQueryString { database.kind == .postgres ? " FOR UPDATE" : "" }

    func audit(_ entries: [AccessLogEntry], _ db: any SQLDatabase) async throws {
        try await AccessLogChain.append(entries, on: db, kind: database.kind)
    }

    // MARK: Cases

    struct CaseRow: Decodable {
        let id: String, person_id: String, committee_id: String, unit_id: String, responsible_user_id: String?, opened_on: String, source: String
        let channel: String, status: String, closed_on: String?, created_at: Int64, version: Int
        func value() throws -> DistrictCase {
            let s = Strict("district_cases")
            return try DistrictCase(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), committeeId: committee_id, unitId: unit_id,
                responsibleUserId: s.uuid("responsible_user_id", responsible_user_id), openedOn: s.date("opened_on", opened_on), source: s.value("source", source),
                channel: s.value("channel", channel), status: s.value("status", status), closedOn: s.date("closed_on", closed_on),
                createdAt: Date(epochMilliseconds: created_at), version: version)
        }
    }

    public func openCase(_ c: DistrictCase, audit entry: AccessLogEntry) async throws {
        do {
            try await database.write { db in
                try await db.raw(
                    """
                    INSERT INTO district_cases (id, person_id, committee_id, unit_id, responsible_user_id, opened_on, source, channel, status, closed_on, created_at, version)
                    VALUES (\(bind: c.id.uuidString), \(bind: c.personId.uuidString), \(bind: c.committeeId), \(bind: c.unitId), \(bind: c.responsibleUserId?.uuidString),
                        \(bind: c.openedOn.description), \(bind: c.source.rawValue), \(bind: c.channel.rawValue), 'active', NULL, \(bind: c.createdAt.epochMilliseconds), 1)
                    """
                ).run()
                try await audit([entry], db)
            }
        } catch where error.isUniqueViolation {
            throw DistrictCase.alreadyOpen
        }
    }

    public func cases(personId: UUID) async throws -> [DistrictCase] {
        try await database.read { db in
            try await db.raw("SELECT * FROM district_cases WHERE person_id = \(bind: personId.uuidString) ORDER BY opened_on DESC").all(decoding: CaseRow.self).map { try $0.value() }
        }
    }

    public func addObstacle(_ o: SupportObstacle, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO support_obstacles (id, case_id, person_id, committee_id, adult, code, judged_on, recorded_by)
                SELECT \(bind: o.id.uuidString), id, person_id, committee_id, \(bind: o.adult.rawValue), \(bind: o.code), \(bind: o.judgedOn.description), \(bind: o.recordedBy)
                FROM district_cases WHERE id = \(bind: o.caseId.uuidString)
                """
            ).run()
            try await audit([entry], db)
        }
    }

    public func obstacles(personId: UUID, committeeId: String) async throws -> [SupportObstacle] {
        struct Row: Decodable { let id: String, case_id: String, person_id: String, adult: String, code: String, judged_on: String, recorded_by: String }
        return try await database.read { db in
            try await db.raw(
                "SELECT id, case_id, person_id, adult, code, judged_on, recorded_by FROM support_obstacles WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) ORDER BY judged_on DESC"
            ).all(decoding: Row.self).map {
                let s = Strict("support_obstacles")
                return try SupportObstacle(
                    id: s.uuid("id", $0.id), caseId: s.uuid("case_id", $0.case_id), personId: s.uuid("person_id", $0.person_id), adult: s.value("adult", $0.adult),
                    code: $0.code, judgedOn: s.date("judged_on", $0.judged_on), recordedBy: $0.recorded_by)
            }
        }
    }

    public func addAidMonths(personId: UUID, committeeId: String, months: [String], audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            for m in Set(months).sorted() {
                try await db.raw(
                    "INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: personId.uuidString), \(bind: committeeId), \(bind: m)) ON CONFLICT DO NOTHING"
                ).run()
            }
            try await audit([entry], db)
        }
    }

    public func aidMonths(personId: UUID, committeeId: String) async throws -> Set<String> {
        struct Row: Decodable { let month: String }
        return try await database.read { db in
            Set(try await db.raw("SELECT month FROM aid_months WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId)").all(decoding: Row.self).map(\.month))
        }
    }

    // MARK: Consents

    struct ConsentRow: Decodable {
        let id: String, person_id: String, committee_id: String, recipient_committee_id: String, recipient_unit_id: String?, scopes: String, purpose: String
        let valid_from: String, valid_to: String, method: String, recorded_by: String, recorded_by_name: String, recorded_at: Int64, withdrawn_at: Int64?
        let withdrawn_by_name: String?, version: Int
        func value() throws -> Consent {
            let s = Strict("consents")
            return try Consent(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), committeeId: committee_id, recipientCommitteeId: recipient_committee_id,
                recipientUnitId: recipient_unit_id, scopes: s.values("scopes", scopes), purpose: purpose, validFrom: s.date("valid_from", valid_from),
                validTo: s.date("valid_to", valid_to), method: s.value("method", method), recordedBy: s.uuid("recorded_by", recorded_by), recordedByName: recorded_by_name,
                recordedAt: Date(epochMilliseconds: recorded_at), withdrawnAt: withdrawn_at.map(Date.init(epochMilliseconds:)), withdrawnByName: withdrawn_by_name,
                version: version)
        }
    }

    public func addConsent(_ c: Consent, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO consents (id, person_id, committee_id, recipient_committee_id, recipient_unit_id, scopes, purpose, valid_from, valid_to, method,
                    recorded_by, recorded_by_name, recorded_at, withdrawn_at, withdrawn_by_name, version)
                VALUES (\(bind: c.id.uuidString), \(bind: c.personId.uuidString), \(bind: c.committeeId), \(bind: c.recipientCommitteeId), \(bind: c.recipientUnitId),
                    \(bind: c.scopes.sorted().map(\.rawValue).joined(separator: ",")), \(bind: c.purpose), \(bind: c.validFrom.description), \(bind: c.validTo.description),
                    \(bind: c.method.rawValue), \(bind: c.recordedBy.uuidString), \(bind: c.recordedByName), \(bind: c.recordedAt.epochMilliseconds), NULL, NULL, 1)
                """
            ).run()
            try await audit([entry], db)
        }
    }

    public func consents(personId: UUID) async throws -> [Consent] {
        try await database.read { db in
            try await db.raw("SELECT * FROM consents WHERE person_id = \(bind: personId.uuidString)").all(decoding: ConsentRow.self).map { try $0.value() }
        }
    }

    public func consent(id: UUID) async throws -> Consent? {
        try await database.read { db in try await db.raw("SELECT * FROM consents WHERE id = \(bind: id.uuidString)").first(decoding: ConsentRow.self)?.value() }
    }

    public func withdrawConsent(id: UUID, at: Date, byName: String, expectedVersion: Int, audit entry: AccessLogEntry) async throws -> Consent {
        try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE consents SET withdrawn_at = \(bind: at.epochMilliseconds), withdrawn_by_name = \(bind: byName), version = version + 1
                WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) AND withdrawn_at IS NULL RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw DomainError.stale }
            try await audit([entry], db)
            guard let c = try await db.raw("SELECT * FROM consents WHERE id = \(bind: id.uuidString)").first(decoding: ConsentRow.self)?.value() else { throw DomainError.notFound }
            return c
        }
    }

    // MARK: Sessions and referrals

    public func addSession(_ s: InformationSession) async throws {
        try await database.write { db in
            try await db.raw(
                "INSERT INTO information_sessions (id, unit_id, starts_at, location, places) VALUES (\(bind: s.id.uuidString), \(bind: s.unitId), \(bind: s.startsAt.epochMilliseconds), \(bind: s.location), \(bind: s.places))"
            ).run()
        }
    }

    public func sessions(unitIds: [String], from: Date) async throws -> [(session: InformationSession, booked: Int)] {
        struct Row: Decodable { let id: String, unit_id: String, starts_at: Int64, location: String, places: Int, booked: Int }
        guard !unitIds.isEmpty else { return [] }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT s.id, s.unit_id, s.starts_at, s.location, s.places,
                    (SELECT COUNT(*) FROM referrals r WHERE r.session_id = s.id AND r.status IN ('sent', 'accepted')) AS booked
                FROM information_sessions s WHERE s.unit_id IN (\(binds: unitIds)) AND s.starts_at >= \(bind: from.epochMilliseconds)
                ORDER BY s.starts_at LIMIT 200
                """
            ).all(decoding: Row.self).map {
                (
                    try InformationSession(
                        id: Strict("information_sessions").uuid("id", $0.id), unitId: $0.unit_id, startsAt: Date(epochMilliseconds: $0.starts_at),
                        location: $0.location, places: $0.places), $0.booked
                )
            }
        }
    }

    struct ReferralRow: Decodable {
        let id: String, person_id: String, case_id: String?, from_committee_id: String, from_unit_id: String, referred_by: String, referred_by_name: String
        let to_unit_id: String, consent_id: String, route: String, session_id: String?, meeting_at: Int64?, reason: String, in_target_group: Bool
        let target_group_reason: String, exception_reason: String?, sent_on: String, created_at: Int64, status: String, answered_at: Int64?
        let answered_by_name: String?, decline_reason: String?, enrolment_id: String?, version: Int
        func value() throws -> Referral {
            let s = Strict("referrals")
            return try Referral(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), caseId: s.uuid("case_id", case_id), fromCommitteeId: from_committee_id,
                fromUnitId: from_unit_id, referredBy: s.uuid("referred_by", referred_by), referredByName: referred_by_name, toUnitId: to_unit_id,
                consentId: s.uuid("consent_id", consent_id), route: s.value("route", route), sessionId: s.uuid("session_id", session_id),
                meetingAt: meeting_at.map(Date.init(epochMilliseconds:)), reason: reason, inTargetGroup: in_target_group, targetGroupReason: target_group_reason,
                exceptionReason: exception_reason, sentOn: s.date("sent_on", sent_on), createdAt: Date(epochMilliseconds: created_at), status: s.value("status", status),
                answeredAt: answered_at.map(Date.init(epochMilliseconds:)), answeredByName: answered_by_name, declineReason: decline_reason,
                enrolmentId: s.uuid("enrolment_id", enrolment_id), version: version)
        }
    }

    public func addReferral(_ r: Referral, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            if let s = r.sessionId {
                struct P: Decodable { let places: Int }
                struct C: Decodable { let n: Int }
                // Lock the session (PostgreSQL) so two referrals never take its last place; SQLite's write transaction already serialises.
                let places = try await db.raw("SELECT places FROM information_sessions WHERE id = \(bind: s.uuidString)\(forUpdate)").first(decoding: P.self)?.places
                let booked = try await db.raw("SELECT COUNT(*) AS n FROM referrals WHERE session_id = \(bind: s.uuidString) AND status IN ('sent', 'accepted')").first(decoding: C.self)?.n ?? 0
                try InformationSession.checkBooking(places: places, booked: booked)
            }
            try await db.raw(
                """
                INSERT INTO referrals (id, person_id, case_id, from_committee_id, from_unit_id, referred_by, referred_by_name, to_unit_id, consent_id, route,
                    session_id, meeting_at, reason, in_target_group, target_group_reason, exception_reason, sent_on, created_at, status, version)
                VALUES (\(bind: r.id.uuidString), \(bind: r.personId.uuidString), \(bind: r.caseId?.uuidString), \(bind: r.fromCommitteeId), \(bind: r.fromUnitId),
                    \(bind: r.referredBy.uuidString), \(bind: r.referredByName), \(bind: r.toUnitId), \(bind: r.consentId.uuidString), \(bind: r.route.rawValue),
                    \(bind: r.sessionId?.uuidString), \(bind: r.meetingAt?.epochMilliseconds), \(bind: r.reason), \(bind: r.inTargetGroup), \(bind: r.targetGroupReason),
                    \(bind: r.exceptionReason), \(bind: r.sentOn.description), \(bind: r.createdAt.epochMilliseconds), 'sent', 1)
                """
            ).run()
            try await audit([entry], db)
        }
    }

    public func referral(id: UUID) async throws -> Referral? {
        try await database.read { db in try await db.raw("SELECT * FROM referrals WHERE id = \(bind: id.uuidString)").first(decoding: ReferralRow.self)?.value() }
    }

    public func referrals(personId: UUID) async throws -> [Referral] {
        try await database.read { db in
            try await db.raw("SELECT * FROM referrals WHERE person_id = \(bind: personId.uuidString) ORDER BY created_at DESC").all(decoding: ReferralRow.self).map { try $0.value() }
        }
    }

    public func referrals(toUnitIds: [String], status: Referral.Status?, limit: Int) async throws -> [Referral] {
        guard !toUnitIds.isEmpty else { return [] }
        let filter: SQLQueryString = status.map { " AND status = \(bind: $0.rawValue)" } ?? ""
        return try await database.read { db in
            try await db.raw(
                """
                SELECT * FROM referrals WHERE to_unit_id IN (\(binds: toUnitIds))\(filter)
                ORDER BY CASE WHEN status = 'sent' THEN 0 ELSE 1 END, sent_on DESC LIMIT \(literal: limit)
                """
            ).all(decoding: ReferralRow.self).map { try $0.value() }
        }
    }

    public func acceptReferral(
        id: UUID, expectedVersion: Int, enrolment e: Enrolment, person: Person, file: PersonFile, at: Date, byName: String, audit entry: AccessLogEntry
    ) async throws -> Referral {
        do {
            return try await database.write { db in
                let rows = try await db.raw(
                    """
                    UPDATE referrals SET status = 'accepted', answered_at = \(bind: at.epochMilliseconds), answered_by_name = \(bind: byName),
                        enrolment_id = \(bind: e.id.uuidString), version = version + 1
                    WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) AND status = 'sent' RETURNING id
                    """
                ).all()
                guard !rows.isEmpty else { throw DomainError.stale }
                let hasFile = try await db.raw(
                    "SELECT person_id FROM person_files WHERE person_id = \(bind: file.personId.uuidString) AND committee_id = \(bind: file.committeeId)"
                ).first() != nil
                if !hasFile { try await SQLPersonStore.insertFiles([(person, file.committeeId, file.openedByUnitId, file.openedAt)], db) }
                try await db.raw(
                    """
                    INSERT INTO enrolments (id, person_id, referral_id, district_committee_id, committee_id, unit_id, responsible_user_id, enrolled_on, status, version)
                    VALUES (\(bind: e.id.uuidString), \(bind: e.personId.uuidString), \(bind: e.referralId?.uuidString), \(bind: e.districtCommitteeId),
                        \(bind: e.committeeId), \(bind: e.unitId), \(bind: e.responsibleUserId?.uuidString), \(bind: e.enrolledOn.description), 'active', 1)
                    """
                ).run()
                try await audit([entry], db)
                guard let r = try await db.raw("SELECT * FROM referrals WHERE id = \(bind: id.uuidString)").first(decoding: ReferralRow.self)?.value() else { throw DomainError.notFound }
                return r
            }
        } catch where error.isUniqueViolation {
            throw Enrolment.alreadyEnrolled
        }
    }

    public func declineReferral(id: UUID, expectedVersion: Int, reason: String, at: Date, byName: String, audit entry: AccessLogEntry) async throws -> Referral {
        try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE referrals SET status = 'declined', answered_at = \(bind: at.epochMilliseconds), answered_by_name = \(bind: byName),
                    decline_reason = \(bind: reason), version = version + 1
                WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) AND status = 'sent' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw DomainError.stale }
            try await audit([entry], db)
            guard let r = try await db.raw("SELECT * FROM referrals WHERE id = \(bind: id.uuidString)").first(decoding: ReferralRow.self)?.value() else { throw DomainError.notFound }
            return r
        }
    }
}
