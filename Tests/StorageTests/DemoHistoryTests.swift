import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@Suite("Demo history: two years of finished records that keep the flow's rules")
struct DemoHistoryTests {
    let t0 = Fixtures.t0

    struct N: Decodable { let n: Int }

    func count(_ db: Database, _ sql: SQLQueryString) async throws -> Int {
        try await db.read { d in try await d.raw(sql).first(decoding: N.self)?.n ?? -1 }
    }

    @Test("History for persons without a case: what it reports is in the tables, the rules hold, a second run adds nothing", arguments: TestDatabase.kinds)
    func history(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let demo = DemoData(database: db)
            _ = try await demo.loadOrganisation(at: t0)
            _ = try await ReferenceCatalogue.load(into: db)
            _ = try await demo.loadUsers(passwordHash: "x", at: t0)
            _ = try await demo.addPersons(1500, seed: 7, at: t0)
            let h = try await demo.addHistory(seed: 7, at: t0)
            #expect(h.spells > 300)
            #expect(h.enrolments > 50)
            #expect(h.episodes > 20)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM district_cases") == h.spells)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM aid_months") == h.aidMonths)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM enrolments") == h.enrolments)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM intervention_episodes") == h.episodes)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM plans") == h.plans)
            let meetingRows = try await count(db, "SELECT COUNT(*) AS n FROM meetings")
            #expect(h.meetings > 20 && meetingRows == h.meetings)
            let today = LocalDate(t0)
            // Nothing after today; every month of aid is in the 26 months before the current one.
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM enrolments WHERE enrolled_on > \(bind: today.description) OR closed_on > \(bind: today.description)") == 0)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM aid_months WHERE month >= \(bind: today.monthKey) OR month < \(bind: today.firstOfMonth.adding(months: -26).monthKey)") == 0)
            // Every enrolment came from an accepted referral under a consent, and a closed one has its details and its check.
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM enrolments e JOIN referrals r ON r.id = e.referral_id AND r.status = 'accepted' AND r.enrolment_id = e.id") == h.enrolments)
            #expect(
                try await count(db, "SELECT COUNT(*) AS n FROM enrolments e LEFT JOIN enrolment_closures c ON c.enrolment_id = e.id WHERE e.status = 'closed' AND c.enrolment_id IS NULL") == 0)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM enrolments e LEFT JOIN six_month_checks s ON s.enrolment_id = e.id WHERE e.status = 'closed' AND s.id IS NULL") == 0)
            // A check that is due has its result; one not yet due has none.
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM six_month_checks WHERE (due_on <= \(bind: today.description)) <> (result IS NOT NULL)") == 0)
            // The story's district and Jobbtorg get nothing open; elsewhere what is still going stays open, unassigned.
            #expect(
                try await count(db, "SELECT COUNT(*) AS n FROM enrolments WHERE status = 'active' AND (unit_id = 'jobbtorg-kista' OR district_committee_id = 'spanga-tensta')") == 0)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM enrolments WHERE responsible_user_id IS NOT NULL") == 0)
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM district_cases WHERE status = 'active' AND committee_id = 'spanga-tensta'") == 0)
            // An episode ended with the enrolment in work only when the closure was to work.
            #expect(
                try await count(
                    db,
                    "SELECT COUNT(*) AS n FROM intervention_episodes x JOIN enrolments e ON e.person_id = x.person_id WHERE x.outcome = 'work' AND e.closure_reason NOT IN ('work', 'subsidised_work')"
                ) == 0)
            // What the follow-up counts agrees with the tables.
            let facts = try await SQLMeasurementStore(database: db).jobbtorgFacts(from: today.adding(months: -30), to: today)
            #expect(facts.count == h.enrolments)
            #expect(facts.filter { $0.closedOn != nil }.count == (try await count(db, "SELECT COUNT(*) AS n FROM enrolments WHERE status = 'closed'")))
            #expect(facts.contains { $0.workOrStudies } && facts.contains { $0.closedOn != nil && !$0.workOrStudies })
            // The flow's facts: the first jobbplan's day, the referrals' answers, the episodes with their waits.
            let store = SQLMeasurementStore(database: db)
            #expect(facts.filter { $0.firstJobPlanOn != nil }.count == (try await count(db, "SELECT COUNT(*) AS n FROM plans WHERE kind = 'job_plan'")))
            #expect(facts.map(\.threePartyMeetings.count).reduce(0, +) == h.meetings)
            #expect(h.attendanceMonths > 50 && facts.map(\.attendanceReported.count).reduce(0, +) == h.attendanceMonths)
            #expect(facts.allSatisfy { f in f.threePartyMeetings.allSatisfy { $0 > f.enrolledOn && $0 <= (f.closedOn ?? today) } })
            #expect(facts.allSatisfy { f in f.firstJobPlanOn.map { $0 >= f.enrolledOn } ?? true })
            let referrals = try await store.referralFacts(from: today.adding(months: -30), to: today)
            #expect(referrals.count == h.enrolments && referrals.allSatisfy { r in r.answeredOn.map { $0 >= r.sentOn } == true })
            let episodes = try await store.episodeFacts(from: today.adding(months: -30), to: today)
            #expect(episodes.count == h.episodes && episodes.allSatisfy { $0.waitingDays == nil })
            #expect(Set(try await store.interventionNames().map(\.id)).isSuperset(of: episodes.map(\.interventionId)))
            let cases = try await store.caseFacts(from: today.adding(months: -30), to: today)
            #expect(cases.count == h.spells)
            let workPlans = try await count(db, "SELECT COUNT(*) AS n FROM plans WHERE kind = 'work_plan'")
            #expect(workPlans > 0 && cases.map(\.workPlanVersions.count).reduce(0, +) == workPlans)
            #expect(facts.map(\.jobPlanVersions.count).reduce(0, +) == h.plans - workPlans)
            // Once per database.
            #expect(try await demo.addHistory(seed: 8, at: t0) == HistorySummary())
            #expect(try await count(db, "SELECT COUNT(*) AS n FROM enrolments") == h.enrolments)
        }
    }
}
