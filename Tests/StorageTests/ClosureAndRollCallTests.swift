import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// Closure as one transaction (episodes ended, places released, months made final, the closure row the district
/// reads) and the group roll-call, on both real databases.
@Suite("Closure flow and roll-call on real databases")
struct ClosureAndRollCallTests {
    let base = CaseFlowTests()

    struct Setup {
        let w: CaseFlowTests.World
        let queues: InterventionService
    }

    func setup(_ db: Database) async throws -> Setup {
        let w = try await base.world(db)
        let store = SQLInterventionStore(database: db)
        try await store.saveProvider(Provider(id: "jobbtorg-resurs", name: "Jobbtorg Resurs", kind: .jobbtorgResurs, committeeId: "arbetsmarknadsnamnden"))
        try await store.saveIntervention(
            Intervention(
                id: "arbetstraning", providerId: "jobbtorg-resurs", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla", description: "",
                typicalWeeks: 12, capacity: 5))
        try await store.saveIntervention(
            Intervention(
                id: "halsa", providerId: "jobbtorg-resurs", name: "Hälsa och aktivitet", type: .health, targetGroup: "Alla", description: "", typicalWeeks: 10,
                capacity: 5))
        let queues = InterventionService(store: store, persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: w.clock)
        return Setup(w: w, queues: queues)
    }

    /// A place accepted and an episode started on it.
    func episode(_ s: Setup, _ person: UUID, _ intervention: String, start: String) async throws -> Episode {
        let q = try await s.queues.enqueue(personId: person, interventionId: intervention, districtId: "spanga-tensta", priorityReason: nil, by: s.w.carl)
        _ = try await s.queues.offer(entryId: q.id, by: s.w.carl)
        _ = try await s.queues.answer(entryId: q.id, accept: true, by: s.w.carl)
        return try await s.queues.startEpisode(
            personId: person, .init(interventionId: intervention, queueEntryId: q.id, start: start, plannedEnd: "", subGoal: "Träna arbete"), by: s.w.carl)
    }

    func fields(_ error: any Error) -> [String] { (error as? DomainError)?.fields.map(\.field) ?? [] }

    @Test("Closing to work needs its details; with them it ends the episode, releases the place and makes the month final in one transaction", arguments: TestDatabase.kinds)
    func closeToWork(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let s = try await setup(database)
            let w = s.w
            let (p, e, referral) = try await base.enrolled(w, 11)
            let ep = try await episode(s, p, "arbetstraning", start: "2026-11-18")
            let held = try await s.queues.enqueue(personId: p, interventionId: "halsa", districtId: "spanga-tensta", priorityReason: nil, by: w.carl)
            _ = try await s.queues.offer(entryId: held.id, by: w.carl)
            _ = try await w.flow.recordAttendance(enrolmentId: e.id, date: "2026-11-18", activity: "Arbetsträning", status: "present", note: "", by: w.carl)

            let preview = try await w.flow.closurePreview(enrolmentId: e.id, closedOn: nil, by: w.carl).leftovers
            #expect(preview.episodes.map(\.id) == [ep.id] && preview.places.map(\.id) == [held.id] && preview.openMonths == ["2026-11"])

            // To work without the details: the Swedish field errors, nothing saved.
            do {
                _ = try await w.flow.closeEnrolment(id: e.id, .init(reason: "work", expectedVersion: e.version, endEpisodes: [ep.id.uuidString]), by: w.carl)
                Issue.record("a closure to work without details was saved")
            } catch { #expect(Set(fields(error)) == ["employer", "extentPercent", "workStart"]) }
            // A closure date in the future: refused.
            do {
                _ = try await w.flow.closeEnrolment(
                    id: e.id,
                    .init(
                        reason: "work", closedOn: "2026-11-19", expectedVersion: e.version,
                        details: .init(employer: "Lagerbolaget AB", extentPercent: "100", workStart: "2026-12-01")), by: w.carl)
                Issue.record("a closure in the future was saved")
            } catch { #expect(fields(error) == ["closedOn"]) }
            // Subsidised work must say which kind; an id that is not the person's is refused.
            do {
                _ = try await w.flow.closeEnrolment(
                    id: e.id,
                    .init(
                        reason: "subsidised_work", expectedVersion: e.version, details: .init(sector: "care", extentPercent: "75", workStart: "2026-12-01"),
                        endEpisodes: [UUID().uuidString]), by: w.carl)
                Issue.record("a subsidised closure without its kind was saved")
            } catch { #expect(Set(fields(error)) == ["subsidy", "endEpisodes"]) }
            #expect(try await w.store.enrolment(id: e.id)?.status == .active)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM enrolment_closures") == 0)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM intervention_episodes WHERE actual_end IS NOT NULL") == 0)

            let closed = try await w.flow.closeEnrolment(
                id: e.id,
                .init(
                    reason: "work", expectedVersion: e.version,
                    details: .init(employer: "Lagerbolaget AB", sector: "transport", extentPercent: "80 %", workStart: "2026-12-01"),
                    endEpisodes: [ep.id.uuidString], releasePlaces: [held.id.uuidString.lowercased()], finaliseMonths: ["2026-11"]), by: w.carl)
            #expect(closed.status == .closed && closed.closedOn == LocalDate("2026-11-18"))
            let ended = try #require(try await SQLEpisodeStore(database: database).episode(id: ep.id))
            #expect(ended.actualEnd == LocalDate("2026-11-18") && ended.outcome == .work)
            struct S: Decodable { let status: String }
            let statuses = try await database.read { db in
                try await db.raw("SELECT status FROM intervention_queue WHERE person_id = \(bind: p.uuidString) ORDER BY queued_at").all(decoding: S.self).map(\.status)
            }
            #expect(Set(statuses) == ["ended", "withdrawn"])
            #expect(try await w.store.attendance(enrolmentId: e.id).finalMonths == ["2026-11"])
            let row = try #require(try await w.store.closure(enrolmentId: e.id))
            #expect(row.work?.employer == "Lagerbolaget AB" && row.work?.extentPercent == 80 && row.work?.subsidy == ClosureOutcome.Subsidy.none)
            #expect(row.work?.startOn == LocalDate("2026-12-01") && row.countsAsWorkOrStudies && row.referralId == referral.id)
            #expect(row.districtUnitId == "spanga-tensta-ekonomiskt-bistand" && row.endedEpisodes == 1 && row.releasedPlaces == 1 && row.finalisedMonths == ["2026-11"])
            // The district's inbox finds it; another district's does not.
            let toUnit = try await w.flow.closuresToUnit(since: Fixtures.t0.addingTimeInterval(-86_400), by: w.sara)
            #expect(toUnit.map(\.enrolmentId) == [e.id])
            #expect(try await w.flow.closuresToUnit(since: Fixtures.t0.addingTimeInterval(-86_400), by: w.otherDistrict).isEmpty)
            // One log row for each thing the closure did, in the same transaction.
            for action in ["episode.end", "intervention.withdraw", "attendance.finalise", "enrolment.close"] {
                #expect(
                    try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE person_id = '\(p.uuidString)' AND action = '\(action)' AND username = 'carl'") >= 1,
                    "\(action)")
            }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM six_month_checks") == 1)
        }
    }

    @Test("Closing to studies records the kind and study allowance; a municipal job does not count as work", arguments: TestDatabase.kinds)
    func studiesAndMunicipal(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let s = try await setup(database)
            let w = s.w
            let (_, e1, _) = try await base.enrolled(w, 12)
            do {
                _ = try await w.flow.closeEnrolment(id: e1.id, .init(reason: "studies", expectedVersion: e1.version), by: w.carl)
                Issue.record("studies without kind were saved")
            } catch { #expect(Set(fields(error)) == ["studyKind", "studyAllowance"]) }
            _ = try await w.flow.closeEnrolment(
                id: e1.id, .init(reason: "studies", expectedVersion: e1.version, details: .init(studyKind: "komvux", studyAllowance: "no")), by: w.carl)
            let r1 = try #require(try await w.store.closure(enrolmentId: e1.id))
            #expect(r1.studies == ClosureOutcome.Studies(kind: .komvux, studyAllowance: false, startOn: nil) && !r1.countsAsWorkOrStudies)
            let (_, e2, _) = try await base.enrolled(w, 13)
            _ = try await w.flow.closeEnrolment(
                id: e2.id,
                .init(
                    reason: "subsidised_work", expectedVersion: e2.version,
                    details: .init(sector: "care", extentPercent: "100", workStart: "2026-11-23", workEnd: "2027-11-22", subsidy: "municipal")), by: w.carl)
            let r2 = try #require(try await w.store.closure(enrolmentId: e2.id))
            #expect(r2.work?.subsidy == .municipal && r2.work?.employer == nil && !r2.countsAsWorkOrStudies)
        }
    }

    @Test("Roll-call: everyone booked, one record per person tied to the episode; someone not booked or outside the episode refuses all", arguments: TestDatabase.kinds)
    func rollCall(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let s = try await setup(database)
            let w = s.w
            let (p, e, _) = try await base.enrolled(w, 14)
            let (q, _, _) = try await base.enrolled(w, 15)
            let (r, _, _) = try await base.enrolled(w, 16)
            let booked = try await episode(s, p, "arbetstraning", start: "2026-11-18")
            let other = try await episode(s, r, "halsa", start: "2026-11-18")
            // q's episode starts later than the session: not on the roll-call.
            let later = try await episode(s, q, "arbetstraning", start: "2026-11-25")

            // Creating a session: a coach of the unit; bad times are refused.
            do {
                _ = try await w.flow.addGroupSession(.init(interventionId: "arbetstraning", date: "2026-11-18", startTime: "12:00", endTime: "09:00", groupName: "Grupp A"), by: w.carl)
                Issue.record("a session ending before it starts was saved")
            } catch { #expect(fields(error) == ["endTime"]) }
            await #expect(throws: DomainError.forbidden) {
                try await w.flow.addGroupSession(.init(interventionId: "arbetstraning", date: "2026-11-18", startTime: "09:00", endTime: "12:00", groupName: "Grupp A"), by: w.sara)
            }
            let session = try await w.flow.addGroupSession(
                .init(interventionId: "arbetstraning", date: "2026-11-18", startTime: "09:00", endTime: "12:00", groupName: "Grupp A"), by: w.carl)
            #expect(try await w.flow.groupSessions(by: w.carl).map(\.id) == [session.id])

            let call = try await w.flow.rollCall(sessionId: session.id, by: w.carl)
            #expect(call.lines.map(\.episode.id) == [booked.id] && call.lines.first?.enrolment?.id == e.id && call.lines.first?.recordable == true)
            // Another district cannot open it.
            await #expect(throws: DomainError.notFound) { try await w.flow.rollCall(sessionId: session.id, by: w.sara) }

            // A mark for someone not booked (another intervention) and one outside the episode: refused, nothing saved.
            for stray in [other.id, later.id] {
                do {
                    _ = try await w.flow.saveRollCall(sessionId: session.id, marks: [booked.id.uuidString: "present", stray.uuidString: "present"], by: w.carl)
                    Issue.record("a roll-call with someone not booked was saved")
                } catch {
                    let message = (error as? DomainError)?.fields.first?.message ?? ""
                    #expect(message.contains(stray == other.id ? "inte bokad" : "utanför"), "\(message)")
                }
            }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM attendance") == 0)

            #expect(try await w.flow.saveRollCall(sessionId: session.id, marks: [booked.id.uuidString: "absent_valid"], by: w.carl) == 1)
            let record = try #require(try await w.store.attendance(enrolmentId: e.id).records.first)
            #expect(record.episodeId == booked.id && record.sessionId == session.id && record.status == .absentValid && record.activity.contains("Arbetsträning"))
            // A second mark in the same session is refused.
            do {
                _ = try await w.flow.saveRollCall(sessionId: session.id, marks: [booked.id.uuidString: "present"], by: w.carl)
                Issue.record("a second record in the session was saved")
            } catch { #expect(fields(error) == [GroupSessionRules.field(booked.id)]) }

            // The week: a row for the episode, the record on Wednesday.
            let week = try await w.flow.attendanceWeek(enrolmentId: e.id, week: LocalDate("2026-11-18"), by: w.carl).week
            #expect(week.monday == LocalDate("2026-11-16"))
            #expect(week.rows.map(\.episodeId) == [booked.id] && week.rows.first?.days[2].map(\.status) == [.absentValid])

            // A final month cannot be called.
            let next = try await w.flow.addGroupSession(
                .init(interventionId: "arbetstraning", date: "2026-11-18", startTime: "13:00", endTime: "15:00", groupName: "Grupp B"), by: w.carl)
            w.clock.advance(by: 14 * 86_400)
            try await w.flow.finaliseAttendance(enrolmentId: e.id, month: "2026-11", by: w.carl)
            do {
                _ = try await w.flow.saveRollCall(sessionId: next.id, marks: [booked.id.uuidString: "present"], by: w.carl)
                Issue.record("a roll-call in a final month was saved")
            } catch { #expect(fields(error) == [GroupSessionRules.field(booked.id)]) }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM attendance") == 1)
        }
    }
}
