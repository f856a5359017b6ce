import Foundation
import SQLKit
import SamsynDomain

/// Enrolments, plans, meetings, attendance and six-month checks.
extension SQLCaseFlowStore {
    struct EnrolmentRow: Decodable {
        let id: String, person_id: String, referral_id: String?, district_committee_id: String, committee_id: String, unit_id: String
        let responsible_user_id: String?, enrolled_on: String, status: String, closure_reason: String?, closure_detail: String?, closed_on: String?
        let closed_by_name: String?, version: Int
        func value() throws -> Enrolment {
            let s = Strict("enrolments")
            return try Enrolment(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), referralId: s.uuid("referral_id", referral_id),
                districtCommitteeId: district_committee_id, committeeId: committee_id, unitId: unit_id,
                responsibleUserId: s.uuid("responsible_user_id", responsible_user_id), enrolledOn: s.date("enrolled_on", enrolled_on),
                status: s.value("status", status), closureReason: s.value("closure_reason", closure_reason), closureDetail: closure_detail,
                closedOn: s.date("closed_on", closed_on), closedByName: closed_by_name, version: version)
        }
    }

    public func enrolment(id: UUID) async throws -> Enrolment? {
        try await database.read { db in try await db.raw("SELECT * FROM enrolments WHERE id = \(bind: id.uuidString)").first(decoding: EnrolmentRow.self)?.value() }
    }

    public func enrolments(personId: UUID) async throws -> [Enrolment] {
        try await database.read { db in
            try await db.raw("SELECT * FROM enrolments WHERE person_id = \(bind: personId.uuidString) ORDER BY enrolled_on DESC").all(decoding: EnrolmentRow.self).map { try $0.value() }
        }
    }

    public func closeEnrolment(_ e: Enrolment, expectedVersion: Int, check c: SixMonthCheck, audit entry: AccessLogEntry) async throws -> Enrolment {
        try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE enrolments SET status = 'closed', closure_reason = \(bind: e.closureReason?.rawValue), closure_detail = \(bind: e.closureDetail),
                    closed_on = \(bind: e.closedOn?.description), closed_by_name = \(bind: e.closedByName), version = version + 1
                WHERE id = \(bind: e.id.uuidString) AND version = \(bind: expectedVersion) AND status = 'active' RETURNING id
                """
            ).all()
            guard !rows.isEmpty else {
                let current = try await db.raw("SELECT * FROM enrolments WHERE id = \(bind: e.id.uuidString)").first(decoding: EnrolmentRow.self)?.value()
                throw Enrolment.whyNotClosed(current: current)
            }
            try await db.raw(
                """
                INSERT INTO six_month_checks (id, enrolment_id, person_id, district_committee_id, closure_reason, closed_on, due_on, version)
                VALUES (\(bind: c.id.uuidString), \(bind: c.enrolmentId.uuidString), \(bind: c.personId.uuidString), \(bind: c.districtCommitteeId),
                    \(bind: c.closureReason.rawValue), \(bind: c.closedOn.description), \(bind: c.dueOn.description), 1)
                """
            ).run()
            try await audit([entry], db)
            return e
        }
    }

    // MARK: Plans

    struct PlanRow: Decodable {
        let id: String, person_id: String, kind: String, committee_id: String, unit_id: String, enrolment_id: String?, version: Int, goal: String
        let sub_goals: String, next_follow_up: String, saved_at: Int64, saved_by_name: String
        func value() throws -> Plan {
            let s = Strict("plans")
            return try Plan(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), kind: s.value("kind", kind), committeeId: committee_id, unitId: unit_id,
                enrolmentId: s.uuid("enrolment_id", enrolment_id), goal: goal, subGoals: s.json("sub_goals", sub_goals),
                nextFollowUp: s.date("next_follow_up", next_follow_up), version: version, savedAt: Date(epochMilliseconds: saved_at), savedByName: saved_by_name)
        }
    }

    static func subGoalsJSON(_ goals: [Plan.SubGoal]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(goals)) ?? Data("[]".utf8), as: UTF8.self)
    }

    public func savePlan(_ p: Plan, expectedVersion: Int?, audit entry: AccessLogEntry) async throws -> Plan {
        let goals = Self.subGoalsJSON(p.subGoals)
        return try await database.write { db in
            if let expectedVersion {
                let rows = try await db.raw(
                    """
                    UPDATE plans SET version = \(bind: p.version), goal = \(bind: p.goal), sub_goals = \(bind: goals), next_follow_up = \(bind: p.nextFollowUp.description),
                        saved_at = \(bind: p.savedAt.epochMilliseconds), saved_by_name = \(bind: p.savedByName)
                    WHERE id = \(bind: p.id.uuidString) AND version = \(bind: expectedVersion) RETURNING id
                    """
                ).all()
                guard !rows.isEmpty else { throw DomainError.stale }
            } else {
                try await db.raw(
                    """
                    INSERT INTO plans (id, person_id, kind, committee_id, unit_id, enrolment_id, version, goal, sub_goals, next_follow_up, saved_at, saved_by_name)
                    VALUES (\(bind: p.id.uuidString), \(bind: p.personId.uuidString), \(bind: p.kind.rawValue), \(bind: p.committeeId), \(bind: p.unitId),
                        \(bind: p.enrolmentId?.uuidString), \(bind: p.version), \(bind: p.goal), \(bind: goals), \(bind: p.nextFollowUp.description),
                        \(bind: p.savedAt.epochMilliseconds), \(bind: p.savedByName))
                    """
                ).run()
            }
            try await db.raw(
                """
                INSERT INTO plan_versions (plan_id, version, goal, sub_goals, next_follow_up, saved_at, saved_by_name)
                VALUES (\(bind: p.id.uuidString), \(bind: p.version), \(bind: p.goal), \(bind: goals), \(bind: p.nextFollowUp.description),
                    \(bind: p.savedAt.epochMilliseconds), \(bind: p.savedByName))
                """
            ).run()
            try await audit([entry], db)
            return p
        }
    }

    public func plan(id: UUID) async throws -> Plan? {
        try await database.read { db in try await db.raw("SELECT * FROM plans WHERE id = \(bind: id.uuidString)").first(decoding: PlanRow.self)?.value() }
    }

    public func planVersions(id: UUID) async throws -> [Plan] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT p.id, p.person_id, p.kind, p.committee_id, p.unit_id, p.enrolment_id, v.version, v.goal, v.sub_goals, v.next_follow_up, v.saved_at, v.saved_by_name
                FROM plan_versions v JOIN plans p ON p.id = v.plan_id WHERE v.plan_id = \(bind: id.uuidString) ORDER BY v.version DESC
                """
            ).all(decoding: PlanRow.self).map { try $0.value() }
        }
    }

    public func plans(personId: UUID) async throws -> [Plan] {
        try await database.read { db in
            try await db.raw("SELECT * FROM plans WHERE person_id = \(bind: personId.uuidString) ORDER BY saved_at DESC").all(decoding: PlanRow.self).map { try $0.value() }
        }
    }

    // MARK: Meetings

    struct MeetingRow: Decodable {
        let id: String, person_id: String, enrolment_id: String, committee_id: String, kind: String, date: String, time: String, participants: String?
        let agreed: String?, held: Bool, booked_by_name: String, recorded_by_name: String?, version: Int, published_at: Int64?
        func value() throws -> Meeting {
            let s = Strict("meetings")
            return try Meeting(
                id: s.uuid("id", id), personId: s.uuid("person_id", person_id), enrolmentId: s.uuid("enrolment_id", enrolment_id), committeeId: committee_id,
                kind: s.value("kind", kind), date: s.date("date", date), time: time, participants: participants, agreed: agreed, held: held, bookedByName: booked_by_name,
                recordedByName: recorded_by_name, version: version, publishedAt: published_at.map { Date(epochMilliseconds: $0) })
        }
    }

    public func addMeeting(_ m: Meeting, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO meetings (id, person_id, enrolment_id, committee_id, kind, date, time, participants, agreed, held, booked_by_name, recorded_by_name, version)
                VALUES (\(bind: m.id.uuidString), \(bind: m.personId.uuidString), \(bind: m.enrolmentId.uuidString), \(bind: m.committeeId), \(bind: m.kind.rawValue),
                    \(bind: m.date.description), \(bind: m.time), NULL, NULL, \(bind: false), \(bind: m.bookedByName), NULL, 1)
                """
            ).run()
            try await audit([entry], db)
        }
    }

    public func meeting(id: UUID) async throws -> Meeting? {
        try await database.read { db in try await db.raw("SELECT * FROM meetings WHERE id = \(bind: id.uuidString)").first(decoding: MeetingRow.self)?.value() }
    }

    public func meetings(personId: UUID) async throws -> [Meeting] {
        try await database.read { db in
            try await db.raw("SELECT * FROM meetings WHERE person_id = \(bind: personId.uuidString) ORDER BY date DESC").all(decoding: MeetingRow.self).map { try $0.value() }
        }
    }

    public func recordMeeting(
        id: UUID, participants: String, agreed: String, byName: String, expectedVersion: Int, publishedAt: Date??, audit entry: AccessLogEntry
    ) async throws -> Meeting {
        try await database.write { db in
            // `publishedAt`: nil keeps what it was, .some(nil) takes it back, .some(date) publishes.
            let publish: SQLQueryString = switch publishedAt {
            case .none: "published_at"
            case .some(.none): "NULL"
            case .some(.some(let d)): "COALESCE(published_at, \(bind: d.epochMilliseconds))"
            }
            let rows = try await db.raw(
                """
                UPDATE meetings SET participants = \(bind: participants), agreed = \(bind: agreed), held = \(bind: true), recorded_by_name = \(bind: byName),
                    published_at = \(publish), version = version + 1
                WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw DomainError.stale }
            try await audit([entry], db)
            guard let m = try await db.raw("SELECT * FROM meetings WHERE id = \(bind: id.uuidString)").first(decoding: MeetingRow.self)?.value() else { throw DomainError.notFound }
            return m
        }
    }

    // MARK: Attendance

    struct AttendanceRow: Decodable {
        let id: String, enrolment_id: String, person_id: String, date: String, activity: String, status: String, note: String?, recorded_by_name: String
        let version: Int
        let episode_id: String?, session_id: String?
        func value() throws -> AttendanceRecord {
            let s = Strict("attendance")
            return try AttendanceRecord(
                id: s.uuid("id", id), enrolmentId: s.uuid("enrolment_id", enrolment_id), personId: s.uuid("person_id", person_id), date: s.date("date", date),
                activity: activity, status: s.value("status", status), note: note, recordedByName: recorded_by_name, version: version,
                episodeId: s.uuid("episode_id", episode_id), sessionId: s.uuid("session_id", session_id))
        }
    }

    public func addAttendance(_ r: AttendanceRecord, audit entry: AccessLogEntry) async throws {
        try await database.write { db in
            // The month may have become final since the rule was checked.
            let isFinal =
                try await db.raw("SELECT month FROM attendance_months WHERE enrolment_id = \(bind: r.enrolmentId.uuidString) AND month = \(bind: r.date.monthKey)").first() != nil
            try AttendanceRules.checkRecordable(month: r.date.monthKey, isFinal: isFinal)
            try await db.raw(
                """
                INSERT INTO attendance (id, enrolment_id, person_id, date, activity, status, note, recorded_by_name, version)
                VALUES (\(bind: r.id.uuidString), \(bind: r.enrolmentId.uuidString), \(bind: r.personId.uuidString), \(bind: r.date.description), \(bind: r.activity),
                    \(bind: r.status.rawValue), \(bind: r.note), \(bind: r.recordedByName), 1)
                """
            ).run()
            try await audit([entry], db)
        }
    }

    public func attendanceRecord(id: UUID) async throws -> AttendanceRecord? {
        try await database.read { db in try await db.raw("SELECT * FROM attendance WHERE id = \(bind: id.uuidString)").first(decoding: AttendanceRow.self)?.value() }
    }

    public func attendance(enrolmentId: UUID) async throws -> (records: [AttendanceRecord], corrections: [AttendanceCorrection], finalMonths: Set<String>) {
        struct CRow: Decodable { let record_id: String, from_status: String, to_status: String, reason: String, corrected_at: Int64, corrected_by_name: String }
        struct MRow: Decodable { let month: String }
        return try await database.read { db in
            let e = enrolmentId.uuidString
            let records = try await db.raw("SELECT * FROM attendance WHERE enrolment_id = \(bind: e) ORDER BY date DESC, activity").all(decoding: AttendanceRow.self).map { try $0.value() }
            let corrections = try await db.raw(
                """
                SELECT c.record_id, c.from_status, c.to_status, c.reason, c.corrected_at, c.corrected_by_name
                FROM attendance_corrections c JOIN attendance a ON a.id = c.record_id WHERE a.enrolment_id = \(bind: e) ORDER BY c.corrected_at DESC
                """
            ).all(decoding: CRow.self).map {
                let s = Strict("attendance_corrections")
                return try AttendanceCorrection(
                    recordId: s.uuid("record_id", $0.record_id), from: s.value("from_status", $0.from_status), to: s.value("to_status", $0.to_status),
                    reason: $0.reason, correctedAt: Date(epochMilliseconds: $0.corrected_at), correctedByName: $0.corrected_by_name)
            }
            let months = Set(try await db.raw("SELECT month FROM attendance_months WHERE enrolment_id = \(bind: e)").all(decoding: MRow.self).map(\.month))
            return (records, corrections, months)
        }
    }

    public func correctAttendance(
        id: UUID, status: AttendanceRecord.Status, reason: String, expectedVersion: Int, at: Date, byName: String, audit entry: AccessLogEntry
    ) async throws -> AttendanceRecord {
        try await database.write { db in
            guard var r = try await db.raw("SELECT * FROM attendance WHERE id = \(bind: id.uuidString)\(forUpdate)").first(decoding: AttendanceRow.self)?.value() else {
                throw DomainError.notFound
            }
            guard r.version == expectedVersion else { throw DomainError.stale }
            let isFinal =
                try await db.raw("SELECT month FROM attendance_months WHERE enrolment_id = \(bind: r.enrolmentId.uuidString) AND month = \(bind: r.date.monthKey)").first() != nil
            try AttendanceRules.checkCorrectable(month: r.date.monthKey, isFinal: isFinal)
            let rows = try await db.raw(
                "UPDATE attendance SET status = \(bind: status.rawValue), version = version + 1 WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) RETURNING id"
            ).all()
            guard !rows.isEmpty else { throw DomainError.stale }
            try await db.raw(
                """
                INSERT INTO attendance_corrections (id, record_id, from_status, to_status, reason, corrected_at, corrected_by_name)
                VALUES (\(bind: UUID().uuidString), \(bind: id.uuidString), \(bind: r.status.rawValue), \(bind: status.rawValue), \(bind: reason),
                    \(bind: at.epochMilliseconds), \(bind: byName))
                """
            ).run()
            try await audit([entry], db)
            r.status = status
            r.version += 1
            return r
        }
    }

    public func finaliseAttendanceMonth(enrolmentId: UUID, month: String, at: Date, byName: String, audit entry: AccessLogEntry) async throws {
        do {
            try await database.write { db in
                try await db.raw(
                    """
                    INSERT INTO attendance_months (enrolment_id, month, finalised_at, finalised_by_name)
                    VALUES (\(bind: enrolmentId.uuidString), \(bind: month), \(bind: at.epochMilliseconds), \(bind: byName))
                    """
                ).run()
                try await audit([entry], db)
            }
        } catch where error.isUniqueViolation {
            throw AttendanceRules.monthAlreadyFinal(month)
        }
    }

    // MARK: Six-month checks

    struct CheckRow: Decodable {
        let id: String, enrolment_id: String, person_id: String, district_committee_id: String, closure_reason: String, closed_on: String, due_on: String
        let result: String?, recorded_on: String?, recorded_by_name: String?, version: Int
        func value() throws -> SixMonthCheck {
            let s = Strict("six_month_checks")
            return try SixMonthCheck(
                id: s.uuid("id", id), enrolmentId: s.uuid("enrolment_id", enrolment_id), personId: s.uuid("person_id", person_id),
                districtCommitteeId: district_committee_id, closureReason: s.value("closure_reason", closure_reason), closedOn: s.date("closed_on", closed_on),
                dueOn: s.date("due_on", due_on), result: s.value("result", result), recordedOn: s.date("recorded_on", recorded_on),
                recordedByName: recorded_by_name, version: version)
        }
    }

    public func checks(personId: UUID) async throws -> [SixMonthCheck] {
        try await database.read { db in
            try await db.raw("SELECT * FROM six_month_checks WHERE person_id = \(bind: personId.uuidString) ORDER BY due_on DESC").all(decoding: CheckRow.self).map { try $0.value() }
        }
    }

    public func check(id: UUID) async throws -> SixMonthCheck? {
        try await database.read { db in try await db.raw("SELECT * FROM six_month_checks WHERE id = \(bind: id.uuidString)").first(decoding: CheckRow.self)?.value() }
    }

    public func recordCheck(id: UUID, result: SixMonthCheck.Result, on: LocalDate, byName: String, expectedVersion: Int, audit entry: AccessLogEntry) async throws -> SixMonthCheck {
        try await database.write { db in
            let rows = try await db.raw(
                """
                UPDATE six_month_checks SET result = \(bind: result.rawValue), recorded_on = \(bind: on.description), recorded_by_name = \(bind: byName), version = version + 1
                WHERE id = \(bind: id.uuidString) AND version = \(bind: expectedVersion) AND result IS NULL RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw DomainError.stale }
            try await audit([entry], db)
            guard let c = try await db.raw("SELECT * FROM six_month_checks WHERE id = \(bind: id.uuidString)").first(decoding: CheckRow.self)?.value() else { throw DomainError.notFound }
            return c
        }
    }
}
