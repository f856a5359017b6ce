import Foundation
import SQLKit
import SamsynDomain

/// The facts of an effect report in seven set-based queries (no query per person). Only legal gender and date of
/// birth leave the store (from the personnummer), with the person's opaque id; no name, no number, no free text.
public struct SQLEffectStore: EffectStore {
    let database: Database

    public init(database: Database) { self.database = database }

    struct EpisodeRow: Decodable { let person_id: String, unit_id: String, start_date: String }
    struct PlaceRow: Decodable { let person_id: String, unit_id: String, district_id: String, start_on: String, end_on: String? }
    struct PersonRow: Decodable { let id: String, identity_number: String }
    struct AidRow: Decodable { let person_id: String, month: String }
    struct ClosureRow: Decodable {
        let person_id: String, closed_on: String, closure_reason: String, c_reason: String?, work_start: String?, work_end: String?, subsidy: String?
        let study_allowance: Bool?
    }
    struct EndRow: Decodable { let person_id: String, actual_end: String }
    struct NeedRow: Decodable { let person_id: String, decided_on: String, decided_category: String }
    struct AnswerRow: Decodable { let person_id: String, concept: String, value: String, answered_at: Int64 }

    public static let educationConcept = "education.highest_level"
    public static let swedishConcept = "swedish.self_rating"

    public func effectFacts(_ scope: EffectScope, from: LocalDate, to: LocalDate) async throws -> EffectFacts {
        let f = from.description, t = to.description
        let aidFrom = from.firstOfMonth.adding(months: -36).monthKey
        let inScope: SQLQueryString =
            switch scope {
            case .intervention(let id): "ep.intervention_id = \(bind: id)"
            case .type(let type): "ep.intervention_id IN (SELECT id FROM interventions WHERE type = \(bind: type.rawValue))"
            }
        // The persons of the report: everyone with a place active at some point of the period.
        @Sendable func persons() -> SQLQueryString {
            """
            (SELECT person_id FROM enrolments WHERE enrolled_on <= \(bind: t) AND (closed_on IS NULL OR closed_on >= \(bind: f))
             UNION SELECT person_id FROM district_cases WHERE opened_on <= \(bind: t) AND (closed_on IS NULL OR closed_on >= \(bind: f)))
            """
        }
        return try await database.read { db in
            var facts = EffectFacts()
            let episodes = try await db.raw("SELECT ep.person_id, ep.unit_id, ep.start_date FROM intervention_episodes ep WHERE \(inScope)")
                .all(decoding: EpisodeRow.self)
            facts.episodes = try episodes.map { r in
                EffectFacts.Episode(personId: r.person_id, unitId: r.unit_id, start: try Strict("intervention_episodes").date("start_date", r.start_date))
            }
            let places = try await db.raw(
                """
                SELECT person_id, unit_id, district_committee_id AS district_id, enrolled_on AS start_on, closed_on AS end_on FROM enrolments
                WHERE enrolled_on <= \(bind: t) AND (closed_on IS NULL OR closed_on >= \(bind: f))
                UNION ALL
                SELECT person_id, unit_id, committee_id AS district_id, opened_on AS start_on, closed_on AS end_on FROM district_cases
                WHERE opened_on <= \(bind: t) AND (closed_on IS NULL OR closed_on >= \(bind: f))
                """
            ).all(decoding: PlaceRow.self)
            facts.places = try places.map { r in
                let s = Strict("enrolments")
                return EffectFacts.Place(
                    personId: r.person_id, unitId: r.unit_id, districtId: r.district_id, from: try s.date("start_on", r.start_on), to: try s.date("end_on", r.end_on))
            }
            for r in try await db.raw("SELECT id, identity_number FROM persons WHERE id IN \(persons())").all(decoding: PersonRow.self) {
                guard let p = MeasuredPerson(identityDigits: r.identity_number) else { throw Strict("persons").corrupt("identity_number", "not a stored personnummer") }
                facts.persons[r.id] = p
            }
            for r in try await db.raw("SELECT person_id, month FROM aid_months WHERE month >= \(bind: aidFrom) AND person_id IN \(persons())")
                .all(decoding: AidRow.self)
            {
                facts.aidMonths[r.person_id, default: []].insert(r.month)
            }
            let closures = try await db.raw(
                """
                SELECT e.person_id, e.closed_on, e.closure_reason, c.reason AS c_reason, c.work_start, c.work_end, c.subsidy, c.study_allowance
                FROM enrolments e LEFT JOIN enrolment_closures c ON c.enrolment_id = e.id
                WHERE e.closed_on >= \(bind: f) AND e.person_id IN \(persons())
                """
            ).all(decoding: ClosureRow.self)
            for r in closures {
                let s = Strict("enrolments")
                let reason: Enrolment.ClosureReason = try s.value("closure_reason", r.closure_reason)
                let on = try s.date("closed_on", r.closed_on)
                if reason == .moved {
                    facts.exits.append(EffectFacts.Exit(personId: r.person_id, on: on, kind: .moved))
                } else if try Self.workOrStudies(reason, r) {
                    facts.exits.append(EffectFacts.Exit(personId: r.person_id, on: on, kind: .workOrStudies))
                }
            }
            let ends = try await db.raw(
                """
                SELECT person_id, actual_end FROM intervention_episodes
                WHERE outcome IN ('work', 'studies') AND actual_end >= \(bind: f) AND person_id IN \(persons())
                """
            ).all(decoding: EndRow.self)
            for r in ends {
                facts.exits.append(
                    EffectFacts.Exit(personId: r.person_id, on: try Strict("intervention_episodes").date("actual_end", r.actual_end), kind: .workOrStudies))
            }
            let needs = try await db.raw(
                """
                SELECT person_id, decided_on, decided_category FROM need_assessments
                WHERE status = 'decided' AND decided_on IS NOT NULL AND decided_category IS NOT NULL AND person_id IN \(persons())
                """
            ).all(decoding: NeedRow.self)
            facts.needCategories = try needs.map { r in
                EffectFacts.Dated(personId: r.person_id, on: try Strict("need_assessments").date("decided_on", r.decided_on), value: r.decided_category)
            }
            let answers = try await db.raw(
                """
                SELECT a.person_id, a.concept, a.value, a.answered_at FROM assessment_answers a
                JOIN assessment_responses r ON r.id = a.response_id
                WHERE r.status <> 'draft' AND a.concept IN (\(bind: Self.educationConcept), \(bind: Self.swedishConcept)) AND a.person_id IN \(persons())
                """
            ).all(decoding: AnswerRow.self)
            for r in answers {
                guard let v = AnswerValue(storageJSON: r.value) else { throw Strict("assessment_answers").corrupt("value", "malformed answer") }
                let on = LocalDate(Date(timeIntervalSince1970: Double(r.answered_at) / 1000))
                switch (r.concept, v) {
                case (Self.educationConcept, .choice(let c)): facts.education.append(EffectFacts.Dated(personId: r.person_id, on: on, value: c))
                case (Self.swedishConcept, .scale(let n)): facts.swedish.append(EffectFacts.Dated(personId: r.person_id, on: on, value: "\(n) av 5"))
                default: continue  // declined or not answered as the instrument asks: not known
                }
            }
            return facts
        }
    }

    /// Kolada's "började arbeta eller studera", as the indicators count it (`SQLMeasurementStore`).
    static func workOrStudies(_ reason: Enrolment.ClosureReason, _ r: ClosureRow) throws -> Bool {
        guard r.c_reason != nil else { return JobbtorgFact.legacyWorkOrStudies(reason) }
        let sc = Strict("enrolment_closures")
        if let start = r.work_start {
            let subsidy: ClosureOutcome.Subsidy = try sc.value("subsidy", r.subsidy ?? "")
            let work = ClosureOutcome.Work(
                employer: nil, sector: nil, extentPercent: 100, startOn: try sc.date("work_start", start), endOn: try sc.date("work_end", r.work_end), subsidy: subsidy)
            return subsidy != .municipal && work.lastsAtLeastOneMonth
        }
        return r.study_allowance ?? false
    }
}
