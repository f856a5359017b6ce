import Foundation
import SQLKit
import SamsynDomain

/// The facts the indicators count, read in two queries per family. Only legal gender and date of birth leave
/// the store (from the personnummer); no name, no number.
public struct SQLMeasurementStore: MeasurementStore {
    let database: Database

    public init(database: Database) { self.database = database }

    struct EnrolmentRow: Decodable {
        let id: String, person_id: String, identity_number: String, district_committee_id: String, unit_id: String, enrolled_on: String
        let closed_on: String?, closure_reason: String?, c_reason: String?, work_start: String?, work_end: String?, subsidy: String?
        let study_allowance: Bool?, check_result: String?, first_plan_at: Int64?
    }

    struct AidRow: Decodable { let person_id: String, month: String }
    struct MeetingRow: Decodable { let enrolment_id: String, date: String }
    struct AttendanceRow: Decodable { let enrolment_id: String, month: String, finalised_at: Int64 }
    struct PlanVersionRow: Decodable {
        let owner: String, saved_at: Int64, goal: String, sub_goals: String
        func fact() throws -> PlanVersionFact {
            let goals: [Plan.SubGoal] = try Strict("plan_versions").json("sub_goals", sub_goals)
            return PlanVersionFact(
                savedOn: LocalDate(Date(epochMilliseconds: saved_at)),
                goalAndDatedSubGoal: !goal.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !goals.isEmpty)
        }
    }
    struct CaseRow: Decodable { let person_id: String, identity_number: String, committee_id: String, opened_on: String, closed_on: String? }

    public func caseFacts(from: LocalDate, to: LocalDate) async throws -> [DistrictCaseFact] {
        let f = from.description, t = to.description
        let upTo = to.adding(days: 1)
        return try await database.read { db in
            let cases = try await db.raw(
                """
                SELECT c.person_id, p.identity_number, c.committee_id, c.opened_on, c.closed_on FROM district_cases c
                JOIN persons p ON p.id = c.person_id
                WHERE c.opened_on <= \(bind: t) AND (c.closed_on IS NULL OR c.closed_on >= \(bind: f))
                """
            ).all(decoding: CaseRow.self)
            // An arbetsplan is the person's with the district (not tied to one case): its versions saved by the end.
            let versions = try await db.raw(
                """
                SELECT pl.person_id || '/' || pl.committee_id AS owner, pv.saved_at, pv.goal, pv.sub_goals FROM plans pl
                JOIN plan_versions pv ON pv.plan_id = pl.id
                WHERE pl.kind = 'work_plan' AND pv.saved_at < \(bind: Self.millis(upTo))
                    AND EXISTS (SELECT 1 FROM district_cases c WHERE c.person_id = pl.person_id AND c.committee_id = pl.committee_id
                        AND c.opened_on <= \(bind: t) AND (c.closed_on IS NULL OR c.closed_on >= \(bind: f)))
                """
            ).all(decoding: PlanVersionRow.self)
            var plans: [String: [PlanVersionFact]] = [:]
            for v in versions { plans[v.owner, default: []].append(try v.fact()) }
            return try cases.map { c in
                let s = Strict("district_cases")
                guard let person = MeasuredPerson(identityDigits: c.identity_number) else { throw Strict("persons").corrupt("identity_number", "not a stored personnummer") }
                return DistrictCaseFact(
                    person: person, committeeId: c.committee_id, openedOn: try s.date("opened_on", c.opened_on), closedOn: try s.date("closed_on", c.closed_on),
                    workPlanVersions: plans["\(c.person_id)/\(c.committee_id)"] ?? [])
            }
        }
    }

    /// Midnight in Stockholm at the start of `d`, in epoch milliseconds.
    static func millis(_ d: LocalDate) -> Int64 {
        var comps = DateComponents(year: d.year, month: d.month, day: d.day)
        comps.timeZone = Calendar.swedish.timeZone
        return Calendar.swedish.date(from: comps)!.epochMilliseconds
    }
    struct AidPersonRow: Decodable { let person_id: String, identity_number: String, committee_id: String, month: String }

    public func jobbtorgFacts(from: LocalDate, to: LocalDate) async throws -> [JobbtorgFact] {
        let f = from.description, t = to.description
        return try await database.read { db in
            let rows = try await db.raw(
                """
                SELECT e.id, e.person_id, p.identity_number, e.district_committee_id, e.unit_id, e.enrolled_on, e.closed_on, e.closure_reason,
                    c.reason AS c_reason, c.work_start, c.work_end, c.subsidy, c.study_allowance, s.result AS check_result,
                    (SELECT MIN(pv.saved_at) FROM plans pl JOIN plan_versions pv ON pv.plan_id = pl.id WHERE pl.enrolment_id = e.id AND pl.kind = 'job_plan') AS first_plan_at
                FROM enrolments e
                JOIN persons p ON p.id = e.person_id
                LEFT JOIN enrolment_closures c ON c.enrolment_id = e.id
                LEFT JOIN six_month_checks s ON s.enrolment_id = e.id
                WHERE e.enrolled_on <= \(bind: t) AND (e.closed_on IS NULL OR e.closed_on >= \(bind: f))
                """
            ).all(decoding: EnrolmentRow.self)
            // The three-party meetings held, for the meetings-on-time indicator.
            let meetings = try await db.raw(
                """
                SELECT m.enrolment_id, m.date FROM meetings m
                JOIN enrolments e ON e.id = m.enrolment_id
                WHERE m.kind = 'three_party' AND m.held = \(bind: true) AND e.enrolled_on <= \(bind: t) AND (e.closed_on IS NULL OR e.closed_on >= \(bind: f))
                """
            ).all(decoding: MeetingRow.self)
            var held: [String: [LocalDate]] = [:]
            for m in meetings { held[m.enrolment_id, default: []].append(try Strict("meetings").date("date", m.date)) }
            // The jobbplans' versions, for the current-plan indicator.
            let versions = try await db.raw(
                """
                SELECT pl.enrolment_id AS owner, pv.saved_at, pv.goal, pv.sub_goals FROM plans pl
                JOIN plan_versions pv ON pv.plan_id = pl.id
                JOIN enrolments e ON e.id = pl.enrolment_id
                WHERE pl.kind = 'job_plan' AND e.enrolled_on <= \(bind: t) AND (e.closed_on IS NULL OR e.closed_on >= \(bind: f))
                """
            ).all(decoding: PlanVersionRow.self)
            var plans: [String: [PlanVersionFact]] = [:]
            for v in versions { plans[v.owner, default: []].append(try v.fact()) }
            // The months of attendance reported to the district, for the reported-in-time indicator.
            let reports = try await db.raw(
                """
                SELECT a.enrolment_id, a.month, a.finalised_at FROM attendance_months a
                JOIN enrolments e ON e.id = a.enrolment_id
                WHERE e.enrolled_on <= \(bind: t) AND (e.closed_on IS NULL OR e.closed_on >= \(bind: f))
                """
            ).all(decoding: AttendanceRow.self)
            var reported: [String: [String: LocalDate]] = [:]
            for r in reports { reported[r.enrolment_id, default: [:]][r.month] = LocalDate(Date(epochMilliseconds: r.finalised_at)) }
            // The months of aid after each closure in the range (any district), for the return indicators.
            let aid = try await db.raw(
                """
                SELECT DISTINCT a.person_id, a.month FROM aid_months a
                JOIN enrolments e ON e.person_id = a.person_id
                WHERE e.closed_on >= \(bind: f) AND e.closed_on <= \(bind: t) AND a.month >= substr(e.closed_on, 1, 7)
                """
            ).all(decoding: AidRow.self)
            var months: [String: Set<String>] = [:]
            for a in aid { months[a.person_id, default: []].insert(a.month) }
            return try rows.map { r in
                let s = Strict("enrolments")
                guard let person = MeasuredPerson(identityDigits: r.identity_number) else { throw s.corrupt("identity_number", "not a stored personnummer") }
                let reason: Enrolment.ClosureReason? = try s.value("closure_reason", r.closure_reason)
                let closedOn = try s.date("closed_on", r.closed_on)
                var workOrStudies = false
                if let reason {
                    if r.c_reason != nil {
                        let sc = Strict("enrolment_closures")
                        if let start = r.work_start {
                            let subsidy: ClosureOutcome.Subsidy = try sc.value("subsidy", r.subsidy ?? "")
                            let work = ClosureOutcome.Work(
                                employer: nil, sector: nil, extentPercent: 100, startOn: try sc.date("work_start", start), endOn: try sc.date("work_end", r.work_end),
                                subsidy: subsidy)
                            workOrStudies = subsidy != .municipal && work.lastsAtLeastOneMonth
                        } else if let allowance = r.study_allowance {
                            workOrStudies = allowance
                        }
                    } else {
                        workOrStudies = JobbtorgFact.legacyWorkOrStudies(reason)
                    }
                }
                let check: SixMonthCheck.Result? = try Strict("six_month_checks").value("result", r.check_result)
                return JobbtorgFact(
                    enrolmentId: try s.uuid("id", r.id), person: person, districtCommitteeId: r.district_committee_id, unitId: r.unit_id,
                    enrolledOn: try s.date("enrolled_on", r.enrolled_on), closedOn: closedOn, reason: reason, workOrStudies: workOrStudies,
                    checkReturned: check == .returned, aidMonths: months[r.person_id] ?? [],
                    firstJobPlanOn: r.first_plan_at.map { LocalDate(Date(epochMilliseconds: $0)) }, threePartyMeetings: held[r.id] ?? [], jobPlanVersions: plans[r.id] ?? [],
                    attendanceReported: reported[r.id] ?? [:])
            }
        }
    }

    public func aidFacts(from: LocalDate, to: LocalDate) async throws -> [AidFact] {
        // 36 months back from the end for "mycket långvarigt"; the year from January for "långvarigt".
        let earliest = min(from.firstOfMonth, to.firstOfMonth.adding(months: -35)).monthKey
        let f = from.monthKey, t = to.monthKey
        return try await database.read { db in
            let rows = try await db.raw(
                """
                SELECT a.person_id, p.identity_number, a.committee_id, a.month FROM aid_months a
                JOIN persons p ON p.id = a.person_id
                WHERE a.month >= \(bind: earliest) AND a.month <= \(bind: t)
                    AND a.person_id IN (SELECT person_id FROM aid_months WHERE month >= \(bind: f) AND month <= \(bind: t))
                ORDER BY a.person_id, a.month, a.committee_id
                """
            ).all(decoding: AidPersonRow.self)
            var out: [AidFact] = []
            var current: (id: String, person: MeasuredPerson, months: [String: String])?
            for r in rows {
                if current?.id != r.person_id {
                    if let c = current { out.append(AidFact(person: c.person, months: c.months)) }
                    guard let p = MeasuredPerson(identityDigits: r.identity_number) else { throw Strict("persons").corrupt("identity_number", "not a stored personnummer") }
                    current = (r.person_id, p, [:])
                }
                // Two districts in one month (a move): the later committee id in the order is kept, consistently.
                current?.months[r.month] = r.committee_id
            }
            if let c = current { out.append(AidFact(person: c.person, months: c.months)) }
            return out
        }
    }

    struct ReferralRow: Decodable { let identity_number: String, from_committee_id: String, to_unit_id: String, sent_on: String, answered_at: Int64? }

    public func referralFacts(from: LocalDate, to: LocalDate) async throws -> [ReferralFact] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT p.identity_number, r.from_committee_id, r.to_unit_id, r.sent_on, r.answered_at FROM referrals r
                JOIN persons p ON p.id = r.person_id
                WHERE r.sent_on >= \(bind: from.description) AND r.sent_on <= \(bind: to.description)
                """
            ).all(decoding: ReferralRow.self).map { r in
                let s = Strict("referrals")
                guard let person = MeasuredPerson(identityDigits: r.identity_number) else { throw Strict("persons").corrupt("identity_number", "not a stored personnummer") }
                return ReferralFact(
                    person: person, districtCommitteeId: r.from_committee_id, toUnitId: r.to_unit_id, sentOn: try s.date("sent_on", r.sent_on),
                    answeredOn: r.answered_at.map { LocalDate(Date(epochMilliseconds: $0)) })
            }
        }
    }

    struct EpisodeRow: Decodable {
        let identity_number: String, intervention_id: String, committee_id: String, unit_id: String, start_date: String, actual_end: String?, outcome: String?
        let queued_at: Int64?
    }

    public func episodeFacts(from: LocalDate, to: LocalDate) async throws -> [EpisodeFact] {
        let f = from.description, t = to.description
        return try await database.read { db in
            try await db.raw(
                """
                SELECT p.identity_number, x.intervention_id, x.committee_id, x.unit_id, x.start_date, x.actual_end, x.outcome, q.queued_at
                FROM intervention_episodes x
                JOIN persons p ON p.id = x.person_id
                LEFT JOIN intervention_queue q ON q.id = x.queue_entry_id
                WHERE (x.start_date >= \(bind: f) AND x.start_date <= \(bind: t)) OR (x.actual_end >= \(bind: f) AND x.actual_end <= \(bind: t))
                """
            ).all(decoding: EpisodeRow.self).map { r in
                let s = Strict("intervention_episodes")
                guard let person = MeasuredPerson(identityDigits: r.identity_number) else { throw Strict("persons").corrupt("identity_number", "not a stored personnummer") }
                let start = try s.date("start_date", r.start_date)
                let outcome: Episode.Outcome? = try s.value("outcome", r.outcome)
                return EpisodeFact(
                    person: person, interventionId: r.intervention_id, committeeId: r.committee_id, unitId: r.unit_id, startOn: start, endOn: try s.date("actual_end", r.actual_end),
                    outcome: outcome, waitingDays: r.queued_at.map { max(0, LocalDate(Date(epochMilliseconds: $0)).days(until: start)) })
            }
        }
    }

    struct NameRow: Decodable { let id: String, name: String }

    public func interventionNames() async throws -> [(id: String, name: String)] {
        try await database.read { db in
            try await db.raw("SELECT id, name FROM interventions ORDER BY name, id").all(decoding: NameRow.self).map { ($0.id, $0.name) }
        }
    }
}
