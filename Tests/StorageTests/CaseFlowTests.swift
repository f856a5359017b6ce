import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// The case flow through its service on both real databases: consent, referral, enrolment, plans, meetings,
/// attendance, closure, the six-month check, the task job (also with two processes on one database), and
/// hand-over when a worker is disabled.
@Suite("Case flow on real databases")
struct CaseFlowTests {
    struct World {
        let flow: CaseFlowService
        let store: SQLCaseFlowStore
        let directory: PersonDirectory
        let clock: ManualClock
        let sara: Actor, carl: Actor, maja: Actor, elin: Actor, otherDistrict: Actor
        let db: Database
        var job: TaskJob { TaskJob(store: store, clock: clock) }

        func person(_ i: Int) async throws -> UUID {
            try await directory.register(Fixtures.personInput(Fixtures.personnummer(1980, 4, 1 + i, serial: 310 + i), "Case", "Flow\(i)"), by: sara).person.id
        }
        var today: LocalDate { LocalDate(clock.now()) }
        func count(_ sql: String) async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await db.read { db in try await db.raw(SQLQueryString(sql)).first(decoding: N.self)?.n ?? -1 }
        }
        func tasks(_ personId: UUID) async throws -> [CaseTask] {
            try await store.openTasks(personId: personId, committeeId: "arbetsmarknadsnamnden") + store.openTasks(personId: personId, committeeId: "spanga-tensta")
        }
    }

    func world(_ db: Database) async throws -> World {
        try await Fixtures.organisation(db)
        func actor(_ name: String, _ role: Role, _ unit: String) async throws -> Actor {
            Actor(user: try await Fixtures.user(db, name, role: role, unit: unit), requestId: "t", channel: "test")
        }
        let clock = ManualClock(Fixtures.t0)
        let log = SQLAccessLog(database: db)
        let persons = SQLPersonStore(database: db)
        let store = SQLCaseFlowStore(database: db)
        let flow = CaseFlowService(
            store: store, persons: persons, organisation: SQLOrganisationStore(database: db), log: log, clock: clock)
        try await store.addSession(
            InformationSession(id: UUID(), unitId: "jobbtorg-kista", startsAt: Fixtures.t0.addingTimeInterval(6 * 86_400), location: "Kista", places: 1))
        return World(
            flow: flow, store: store, directory: PersonDirectory(persons: persons, log: log, clock: clock), clock: clock,
            sara: try await actor("sara", .socialSecretary, "spanga-tensta-ekonomiskt-bistand"), carl: try await actor("carl", .coach, "jobbtorg-kista"),
            maja: try await actor("maja", .intakeOfficer, "spanga-tensta-mottagning"), elin: try await actor("elin", .unitManager, "spanga-tensta-ekonomiskt-bistand"),
            otherDistrict: try await actor("olle", .socialSecretary, "bromma-ekonomiskt-bistand"), db: db)
    }

    func fields(_ error: any Error) -> [String] { (error as? DomainError)?.fields.map(\.field) ?? [] }
    func kind(_ error: any Error) -> DomainError.Kind? { (error as? DomainError)?.kind }

    func consentInput(scopes: [Consent.Scope] = Consent.Scope.allCases, to: String = "2027-06-30") -> CaseFlowService.RecordConsent {
        .init(recipient: "arbetsmarknadsnamnden", scopes: scopes.map(\.rawValue), purpose: "Planering mot arbete med Jobbtorg", validFrom: "2026-11-18", validTo: to, method: "written")
    }

    func referral(_ w: World, session: UUID? = nil) async throws -> CaseFlowService.MakeReferral {
        var s = session
        if s == nil { s = try await w.flow.upcomingSessions().first!.session.id }
        return .init(
            toUnitId: "jobbtorg-kista", route: "group_information", sessionId: s!.uuidString, meetingDate: "", meetingTime: "", reason: "Vill ha stöd att hitta arbete som lagerarbetare",
            workShouldBeTried: false, fullTimeProgramme: false, jointAgreement: false, exceptionReason: "")
    }

    /// Register, open the case, record försörjningshinder and consent, refer, accept: an enrolled person.
    func enrolled(_ w: World, _ i: Int) async throws -> (person: UUID, enrolment: Enrolment, referral: Referral) {
        let p = try await w.person(i)
        _ = try await w.flow.openCase(personId: p, .init(source: "application", channel: "visit", openedOn: ""), by: w.sara)
        _ = try await w.flow.addObstacle(personId: p, adult: "applicant", code: "arbetslos_ingen_ersattning", judgedOn: "", by: w.sara)
        _ = try await w.flow.recordConsent(personId: p, consentInput(), by: w.sara)
        let r = try await w.flow.refer(personId: p, .init(
            toUnitId: "jobbtorg-kista", route: "three_party_meeting", sessionId: "", meetingDate: "2026-11-20", meetingTime: "10:00",
            reason: "Vill ha stöd att hitta arbete som lagerarbetare", workShouldBeTried: false, fullTimeProgramme: false, jointAgreement: false, exceptionReason: ""), by: w.sara)
        let accepted = try await w.flow.answerReferral(id: r.id, accept: true, declineReason: "", enrolledOn: "", expectedVersion: r.version, by: w.carl)
        let e = try await w.store.enrolment(id: accepted.enrolmentId!)!
        return (p, e, accepted)
    }

    func plan(goal: String = "Få ett arbete som lagerarbetare på heltid", rows: [PlanRules.SubGoalInput] = [.init(what: "Skriva CV med coach", responsible: "Personen", date: "2026-12-01")], follow: String = "2027-01-15") -> CaseFlowService.SavePlan {
        .init(goal: goal, subGoals: rows, nextFollowUp: follow)
    }

    @Test("Referral needs consent; acceptance opens the file at Jobbtorg and enrols with the jobbplan due in five working days", arguments: TestDatabase.kinds)
    func referralAndEnrolment(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.person(1)
            _ = try await w.flow.openCase(personId: p, .init(source: "application", channel: "phone", openedOn: ""), by: w.maja)
            // Without consent: refused with the consent field named, nothing saved.
            do {
                _ = try await w.flow.refer(personId: p, try await referral(w), by: w.sara)
                Issue.record("a referral without consent was accepted")
            } catch { #expect(fields(error) == ["consent"]) }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM referrals") == 0)
            // The coach cannot see the person before a referral is accepted.
            await #expect(throws: DomainError.notFound) { try await w.flow.overview(personId: p, by: w.carl) }

            let consent = try await w.flow.recordConsent(personId: p, consentInput(), by: w.sara)
            // Outside the target group (no unemployment hinder, work not to be tried) the reason is shown and an exception reason is required.
            do {
                _ = try await w.flow.refer(personId: p, try await referral(w), by: w.sara)
                Issue.record("a referral outside the target group without a reason was accepted")
            } catch { #expect(fields(error) == ["exceptionReason"]) }
            _ = try await w.flow.addObstacle(personId: p, adult: "applicant", code: "arbetslos_ingen_ersattning", judgedOn: "", by: w.sara)
            let r = try await w.flow.refer(personId: p, try await referral(w), by: w.sara)
            #expect(r.inTargetGroup && r.consentId == consent.id && r.answerDue == LocalDate("2026-11-25"))
            // The session had one place: a second person cannot be booked into it.
            let q = try await w.person(2)
            _ = try await w.flow.openCase(personId: q, .init(source: "application", channel: "phone", openedOn: ""), by: w.sara)
            _ = try await w.flow.addObstacle(personId: q, adult: "applicant", code: "arbetslos_ingen_ersattning", judgedOn: "", by: w.sara)
            _ = try await w.flow.recordConsent(personId: q, consentInput(), by: w.sara)
            do {
                _ = try await w.flow.refer(personId: q, try await referral(w, session: r.sessionId), by: w.sara)
                Issue.record("a full session took another referral")
            } catch { #expect(fields(error) == ["session"]) }

            // Jobbtorg sees the referral under the consent; another district does not.
            #expect(try await w.flow.referralInbox(by: w.carl).map(\.referral.id) == [r.id])
            await #expect(throws: DomainError.notFound) { try await w.flow.referral(id: r.id, by: w.otherDistrict) }
            // A stale answer changes nothing.
            await #expect(throws: DomainError.stale) {
                try await w.flow.answerReferral(id: r.id, accept: true, declineReason: "", enrolledOn: "", expectedVersion: r.version + 1, by: w.carl)
            }
            let accepted = try await w.flow.answerReferral(id: r.id, accept: true, declineReason: "", enrolledOn: "", expectedVersion: r.version, by: w.carl)
            #expect(accepted.status == .accepted)
            let e = try await w.store.enrolment(id: accepted.enrolmentId!)!
            #expect(e.enrolledOn == LocalDate("2026-11-18") && e.jobPlanDue == LocalDate("2026-11-25") && e.responsibleUserId == w.carl.user.id)
            // The labour-market committee now holds a file, and the coach sees the case.
            let store = SQLPersonStore(database: database)
            let district = try #require(try await store.person(id: p, committeeId: "spanga-tensta"))
            let jobbtorg = try #require(try await store.person(id: p, committeeId: "arbetsmarknadsnamnden"))
            // Jobbtorg's file starts from what the district shared with the referral (under its consent).
            #expect(jobbtorg.person.fullName == district.person.fullName)
            let ov = try await w.flow.overview(personId: p, by: w.carl)
            #expect(ov.enrolments.map(\.id) == [e.id])
            // Answering twice is refused.
            await #expect(throws: DomainError.self) {
                try await w.flow.answerReferral(id: r.id, accept: false, declineReason: "Ingen plats just nu hos oss", enrolledOn: "", expectedVersion: accepted.version, by: w.carl)
            }
            // The first jobbplan is on the coach's task list, due on the fifth working day.
            try await w.job.run()
            let tasks = try await w.store.openTasks(assigneeId: w.carl.user.id, limit: 50)
            #expect(tasks.map(\.kind) == [.jobPlanDue] && tasks.first?.dueOn == LocalDate("2026-11-25"))
        }
    }

    @Test("Plans: a dated sub-goal is required, versions are kept, a stale version changes nothing, the jobbplan task is settled", arguments: TestDatabase.kinds)
    func plans(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, _, _) = try await enrolled(w, 3)
            do {
                _ = try await w.flow.createPlan(personId: p, kind: .jobPlan, plan(rows: []), by: w.carl)
                Issue.record("a plan without sub-goals was saved")
            } catch { #expect(fields(error).contains("sg1What")) }
            do {
                _ = try await w.flow.createPlan(personId: p, kind: .jobPlan, plan(goal: "Egen försörjning"), by: w.carl)
                Issue.record("a generic goal was saved")
            } catch { #expect(fields(error) == ["goal"]) }
            do {
                _ = try await w.flow.createPlan(personId: p, kind: .jobPlan, plan(rows: [.init(what: "Skriva CV", responsible: "Personen", date: "2026-02-30")]), by: w.carl)
                Issue.record("a date that does not exist was saved")
            } catch { #expect(fields(error) == ["sg1Date"]) }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM plans") == 0)
            // The district cannot write the jobbplan.
            await #expect(throws: DomainError.forbidden) { try await w.flow.createPlan(personId: p, kind: .jobPlan, plan(), by: w.sara) }

            try await w.job.run()
            #expect(try await w.tasks(p).contains { $0.kind == .jobPlanDue })
            let v1 = try await w.flow.createPlan(personId: p, kind: .jobPlan, plan(), by: w.carl)
            #expect(try await !w.tasks(p).contains { $0.kind == .jobPlanDue })
            let v2 = try await w.flow.revisePlan(id: v1.id, plan(follow: "2027-02-01"), expectedVersion: 1, by: w.carl)
            #expect(v2.version == 2)
            await #expect(throws: DomainError.stale) { try await w.flow.revisePlan(id: v1.id, plan(follow: "2027-03-01"), expectedVersion: 1, by: w.carl) }
            #expect(try await w.store.planVersions(id: v1.id).map(\.version) == [2, 1])
            #expect(try await w.store.plan(id: v1.id)?.nextFollowUp == LocalDate("2027-02-01"))
            // The district reads the jobbplan under the consent covering plans.
            #expect(try await w.flow.plan(id: v1.id, by: w.sara).plan.version == 2)
            await #expect(throws: DomainError.notFound) { try await w.flow.plan(id: v1.id, by: w.otherDistrict) }
        }
    }

    @Test("Attendance: only for someone enrolled; corrections with a reason until the month is final; the district sees it under consent until withdrawal", arguments: TestDatabase.kinds)
    func attendance(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, e, _) = try await enrolled(w, 4)
            // Someone not enrolled: refused, nothing saved.
            let stranger = try await w.person(5)
            _ = stranger
            do {
                _ = try await w.flow.recordAttendance(enrolmentId: UUID(), date: "2026-11-18", activity: "Jobbsökarverkstad", status: "present", note: "", by: w.carl)
                Issue.record("attendance for someone not enrolled was saved")
            } catch { #expect(fields(error) == ["date"]) }
            do {
                _ = try await w.flow.recordAttendance(enrolmentId: e.id, date: "2026-11-31", activity: "Jobbsökarverkstad", status: "present", note: "", by: w.carl)
                Issue.record("a date that does not exist was saved")
            } catch { #expect(fields(error) == ["date"]) }
            let r = try await w.flow.recordAttendance(enrolmentId: e.id, date: "2026-11-18", activity: "Jobbsökarverkstad", status: "absent_invalid", note: "", by: w.carl)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM attendance") == 1)
            do {
                _ = try await w.flow.correctAttendance(id: r.id, status: "absent_valid", reason: "", expectedVersion: 1, by: w.carl)
                Issue.record("a correction without a reason was saved")
            } catch { #expect(fields(error) == ["reason"]) }
            let c = try await w.flow.correctAttendance(id: r.id, status: "absent_valid", reason: "Läkarintyg inlämnat i efterhand", expectedVersion: 1, by: w.carl)
            #expect(c.status == .absentValid && c.version == 2)
            await #expect(throws: DomainError.stale) {
                try await w.flow.correctAttendance(id: r.id, status: "present", reason: "Felregistrerat av misstag", expectedVersion: 1, by: w.carl)
            }
            // The district sees the month and the correction under the consent.
            let seen = try await w.flow.attendance(enrolmentId: e.id, by: w.sara)
            #expect(seen.records.isEmpty && seen.months.first?.absentValid == 1 && seen.months.first?.corrections == 1 && seen.corrections.count == 1)
            // The month is final only once it is over; then no more corrections.
            await #expect(throws: DomainError.self) { try await w.flow.finaliseAttendance(enrolmentId: e.id, month: "2026-11", by: w.carl) }
            w.clock.advance(by: 20 * 86_400)
            try await w.job.run()
            #expect(try await w.tasks(p).contains { $0.kind == .attendanceReportDue && $0.dueOn == LocalDate("2026-12-07") })
            try await w.flow.finaliseAttendance(enrolmentId: e.id, month: "2026-11", by: w.carl)
            #expect(try await !w.tasks(p).contains { $0.kind == .attendanceReportDue })
            await #expect(throws: DomainError.self) {
                try await w.flow.correctAttendance(id: r.id, status: "present", reason: "Felregistrerat av misstag", expectedVersion: 2, by: w.carl)
            }
            // Withdrawal takes effect at once.
            let consent = try await w.store.consents(personId: p).first!
            _ = try await w.flow.withdrawConsent(id: consent.id, expectedVersion: consent.version, by: w.sara)
            await #expect(throws: DomainError.notFound) { try await w.flow.attendance(enrolmentId: e.id, by: w.sara) }
            #expect(try await w.flow.overview(personId: p, by: w.sara).attendance.isEmpty)
        }
    }

    @Test("Meetings settle their tasks; closing creates the six-month check; a second closure is refused", arguments: TestDatabase.kinds)
    func meetingsAndClosure(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, e, _) = try await enrolled(w, 6)
            _ = try await w.flow.createPlan(personId: p, kind: .jobPlan, plan(), by: w.carl)
            // Three months on, the three-party meeting is due; booking it settles the task.
            w.clock.advance(by: 85 * 86_400)
            try await w.job.run()
            let due = try await w.tasks(p).first { $0.kind == .threePartyMeetingDue }
            #expect(due?.dueOn == LocalDate("2027-02-18"))
            let m = try await w.flow.bookMeeting(enrolmentId: e.id, kind: "three_party", date: "2027-02-15", time: "10:00", by: w.carl)
            #expect(try await !w.tasks(p).contains { $0.kind == .threePartyMeetingDue })
            await #expect(throws: DomainError.self) { try await w.flow.recordMeeting(id: m.id, participants: "Sara, Carl och personen", agreed: "Praktik", expectedVersion: 1, by: w.carl) }
            w.clock.advance(by: 5 * 86_400)
            let held = try await w.flow.recordMeeting(id: m.id, participants: "Sara, Carl och personen", agreed: "Praktik på lager från mars", expectedVersion: 1, by: w.carl)
            #expect(held.held && held.version == 2)

            do {
                _ = try await w.flow.closeEnrolment(id: e.id, reason: "returned_to_district", detail: "", closedOn: "", expectedVersion: e.version, by: w.carl)
                Issue.record("återremittering without a reason was saved")
            } catch { #expect(fields(error) == ["detail"]) }
            await #expect(throws: DomainError.stale) {
                try await w.flow.closeEnrolment(id: e.id, reason: "moved", detail: "", closedOn: "", expectedVersion: e.version + 5, by: w.carl)
            }
            let closed = try await w.flow.closeEnrolment(id: e.id, reason: "moved", detail: "", closedOn: "", expectedVersion: e.version, by: w.carl)
            #expect(closed.status == .closed && closed.closureReason == .moved)
            do {
                _ = try await w.flow.closeEnrolment(id: e.id, reason: "studies", detail: "", closedOn: "", expectedVersion: closed.version, by: w.carl)
                Issue.record("a second closure was saved")
            } catch { #expect(kind(error) == .conflict) }
            #expect(try await w.store.enrolment(id: e.id)?.closureReason == .moved)
            let checks = try await w.store.checks(personId: p)
            #expect(checks.count == 1 && checks[0].dueOn == closed.closedOn!.adding(months: 6))
            // No more Jobbtorg tasks for a closed enrolment; the six-month check comes to the district's worker.
            try await w.job.run()
            #expect(try await w.store.openTasks(personId: p, committeeId: "arbetsmarknadsnamnden").isEmpty)
            w.clock.advance(by: 180 * 86_400)
            try await w.job.run()
            let check = try await w.store.openTasks(personId: p, committeeId: "spanga-tensta").first { $0.kind == .sixMonthCheckDue }
            #expect(check?.assigneeId == w.sara.user.id)
            _ = try await w.flow.recordCheck(id: checks[0].id, result: "not_returned", expectedVersion: 1, by: w.sara)
            #expect(try await !w.store.openTasks(personId: p, committeeId: "spanga-tensta").contains { $0.kind == .sixMonthCheckDue })
        }
    }

    @Test("Two Samsyn processes on one database create each task exactly once", arguments: TestDatabase.kinds)
    func twoInstances(kind db: TestDatabase) async throws {
        try await db.with { database, url in
            let w = try await world(database)
            for i in 0..<6 { _ = try await enrolled(w, 10 + i) }
            w.clock.advance(by: 100 * 86_400)
            let before = try await w.count("SELECT COUNT(*) AS n FROM case_tasks")
            // A second process: its own connections to the same database.
            let second = try await Database.open(url, logger: TestDatabase.logger)
            let jobs = [TaskJob(store: w.store, clock: w.clock), TaskJob(store: SQLCaseFlowStore(database: second), clock: w.clock)]
            let created = try await withThrowingTaskGroup(of: Int.self) { group in
                for round in 0..<8 { group.addTask { try await jobs[round % 2].run().created } }
                return try await group.reduce(0, +)
            }
            await second.close()
            let total = try await w.count("SELECT COUNT(*) AS n FROM case_tasks")
            let keys = try await w.count("SELECT COUNT(DISTINCT task_key) AS n FROM case_tasks")
            // Each enrolled person has at least the jobbplan, three-party meeting and attendance tasks.
            #expect(total >= 6 * 3)
            #expect(total == keys && created == total - before && created > 0)
            // A process whose clock is behind (skew) does not settle the tasks one ahead of it has made.
            let behind = ManualClock(Fixtures.t0)
            let aheadSQL = "SELECT COUNT(*) AS n FROM case_tasks WHERE settled_at IS NULL AND created_at > \(behind.now().epochMilliseconds)"
            let ahead = try await w.count(aheadSQL)
            #expect(ahead > 0)
            _ = try await TaskJob(store: w.store, clock: behind).run()
            #expect(try await w.count(aheadSQL) == ahead)
        }
    }

    @Test("Disabling a worker hands their cases and open tasks to the unit's manager", arguments: TestDatabase.kinds)
    func handOver(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.person(20)
            _ = try await w.flow.openCase(personId: p, .init(source: "application", channel: "visit", openedOn: ""), by: w.sara)
            w.clock.advance(by: 40 * 86_400)
            try await w.job.run()
            // The case has no plan and no nybesök booked or held: both are the responsible worker's tasks.
            #expect(Set(try await w.store.openTasks(assigneeId: w.sara.user.id, limit: 10).map(\.kind)) == [.noCurrentPlan, .newVisitUnbooked])
            try await SQLUserStore(database: database).setActive(
                userId: w.sara.user.id, active: false, audit: AccessLogEntry(at: w.clock.now(), requestId: "t", actor: w.elin.user, action: .userDisable, outcome: .allowed))
            #expect(try await w.store.cases(personId: p).first?.responsibleUserId == w.elin.user.id)
            #expect(Set(try await w.store.openTasks(assigneeId: w.elin.user.id, limit: 10).map(\.kind)) == [.noCurrentPlan, .newVisitUnbooked])
            #expect(try await w.store.openTasks(assigneeId: w.sara.user.id, limit: 10).isEmpty)
        }
    }

    @Test("A caseworker takes over a case, a manager assigns it; nobody outside the unit; sessions are scheduled by the Jobbtorg", arguments: TestDatabase.kinds)
    func assignment(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.person(27)
            _ = try await w.flow.openCase(personId: p, .init(source: "application", channel: "phone", openedOn: ""), by: w.maja)
            let users = try await SQLUserStore(database: database).all()
            // The intake officer opened it; the social secretary takes it over at the new visit.
            #expect(try await w.store.cases(personId: p).first?.responsibleUserId == w.maja.user.id)
            try await w.flow.assignResponsible(personId: p, userId: w.sara.user.id, users: users, assignments: w.store, by: w.sara)
            #expect(try await w.store.cases(personId: p).first?.responsibleUserId == w.sara.user.id)
            // The case and its tasks move to her unit.
            #expect(try await w.store.cases(personId: p).first?.unitId == "spanga-tensta-ekonomiskt-bistand")
            w.clock.advance(by: 40 * 86_400)
            try await w.job.run()
            #expect(try await w.store.openTasks(unitId: "spanga-tensta-ekonomiskt-bistand", kind: .noCurrentPlan, offset: 0, limit: 10).map(\.personId) == [p])
            // A caseworker cannot hand a case to someone else; a manager can, but only within the unit.
            await #expect(throws: DomainError.forbidden) { try await w.flow.assignResponsible(personId: p, userId: w.maja.user.id, users: users, assignments: w.store, by: w.sara) }
            do {
                try await w.flow.assignResponsible(personId: p, userId: w.otherDistrict.user.id, users: users, assignments: w.store, by: w.elin)
                Issue.record("a case was assigned outside the unit")
            } catch { #expect(fields(error) == ["responsible"]) }
            try await w.flow.assignResponsible(personId: p, userId: w.elin.user.id, users: users, assignments: w.store, by: w.elin)
            #expect(try await w.store.cases(personId: p).first?.responsibleUserId == w.elin.user.id)

            await #expect(throws: DomainError.forbidden) { try await w.flow.scheduleSession(startsOn: "2027-02-01", time: "09:30", location: "Kista", places: "20", by: w.sara) }
            do {
                _ = try await w.flow.scheduleSession(startsOn: "2026-11-31", time: "9", location: "", places: "0", by: w.carl)
                Issue.record("a bad session was saved")
            } catch { #expect(fields(error) == ["startsOn", "time", "location", "places"]) }
            let s = try await w.flow.scheduleSession(startsOn: "2027-02-01", time: "09:30", location: "Jobbtorg Kista, rum 2", places: "12", by: w.carl)
            #expect(try await w.flow.upcomingSessions().contains { $0.session.id == s.id && $0.session.places == 12 && $0.booked == 0 })
        }
    }

    @Test("Aid months import: a bad line refuses the whole file; persons without a file at the district are counted, not stored", arguments: TestDatabase.kinds)
    func aidMonthImport(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.person(8)
            let number = try await SQLPersonStore(database: database).person(id: p, committeeId: "spanga-tensta")!.person.identityNumber.digits
            let stranger = Fixtures.personnummer(1970, 1, 2, serial: 123)
            let bad = AidMonthImport.parse("personnummer;månad\n\(number);2026-10\n\(number);2026-13\n", today: w.clock.now())
            #expect(bad.errors == ["rad 3: månaden ska skrivas ÅÅÅÅ-MM och får inte ligga i framtiden"])
            let good = AidMonthImport.parse("\(number);2026-09\n\(number),2026-10\n\(stranger);2026-10\n\n", today: w.clock.now())
            #expect(good.errors.isEmpty && good.lines.count == 3)
            let r = try await w.store.importAidMonths(good.lines, committeeId: "spanga-tensta", at: w.clock.now())
            #expect(r.added == 2 && r.unknown == 1)
            #expect(try await w.store.aidMonths(personId: p, committeeId: "spanga-tensta") == ["2026-09", "2026-10"])
            // Importing again adds nothing.
            #expect(try await w.store.importAidMonths(good.lines, committeeId: "spanga-tensta", at: w.clock.now()).added == 0)
        }
    }
}
