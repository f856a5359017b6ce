import Foundation
import SQLKit
import SamsynDomain

/// A synthetic city at every stage of the case flow, so a new user sees a living system: in Spånga-Tensta
/// people newly registered, referred (some referrals overdue), enrolled at Jobbtorg Kista (with and
/// without a jobbplan, with meetings and attendance, some overdue), closed, and due for the six-month check;
/// plus `activeCases` more enrolled people for the task-list benchmark. Group-information sessions at every
/// Jobbtorg. Does nothing if the database already has cases.
extension DemoData {
    public struct CaseFlowSummary: Sendable {
        public let cases: Int
        public let enrolments: Int
        public let tasksCreated: Int
    }

    public func addCaseFlow(activeCases: Int, seed: UInt64, at now: Date) async throws -> CaseFlowSummary {
        struct N: Decodable { let n: Int }
        let existing = try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM district_cases").first(decoding: N.self)?.n ?? 0 }
        guard existing == 0 else { return CaseFlowSummary(cases: 0, enrolments: 0, tasksCreated: 0) }
        var rng = SplitMix(state: seed ^ 0xCA5E)
        let store = SQLCaseFlowStore(database: database)
        let users = SQLUserStore(database: database)
        let personStore = SQLPersonStore(database: database)
        let secretary = try await users.credentials(username: "socialsekreterare")?.user
        let coach = try await users.credentials(username: "coach")?.user
        let today = LocalDate(now)
        let district = "spanga-tensta", districtUnit = "spanga-tensta-ekonomiskt-bistand", jobbtorg = "jobbtorg-kista"
        let labour = ReferenceOrganisation.labourMarketCommittee.id
        func log(_ actor: StaffUser?, _ person: UUID?, _ action: AuditAction) -> AccessLogEntry {
            AccessLogEntry(at: now, requestId: "demo", actor: actor, personId: person, action: action, outcome: .allowed, detail: "demo")
        }

        // Group information every Tuesday 09:30 for the next four weeks at every Jobbtorg.
        var sessionAtKista: UUID?
        var tuesday = today.adding(days: 1)
        while tuesday.isoWeekday != 2 { tuesday = tuesday.adding(days: 1) }
        for unit in ReferenceOrganisation.units where CaseFlowService.jobbtorgUnits.contains(unit.kind) {
            for w in 0..<4 {
                let d = tuesday.adding(days: 7 * w)
                var comps = DateComponents(year: d.year, month: d.month, day: d.day, hour: 9, minute: 30)
                comps.timeZone = Calendar.swedish.timeZone
                let s = InformationSession(id: UUID(), unitId: unit.id, startsAt: Calendar.swedish.date(from: comps)!, location: "\(unit.name), rum Informationen", places: 20)
                try await store.addSession(s)
                if unit.id == jobbtorg && w == 0 { sessionAtKista = s.id }
            }
        }

        struct P: Decodable { let person_id: String }
        let pool = try await database.read { db in
            try await db.raw("SELECT person_id FROM person_files WHERE committee_id = \(bind: district) ORDER BY person_id").all(decoding: P.self)
        }.compactMap { UUID(uuidString: $0.person_id) }.shuffled(using: &rng)
        let story = 30
        // The last three people of the pool are kept for intake's new aktualiseringar (below).
        let forIntake = pool.count > story + 3 ? 3 : 0
        let wanted = min(pool.count - forIntake, story + activeCases)
        var cases = 0, enrolments = 0
        let goals = [
            "Få ett arbete inom lager och logistik på heltid i Stockholm", "Börja en yrkesutbildning till undersköterska under hösten",
            "Arbeta som barnskötare i förskola, först med stöd genom extratjänst", "Få körkort och ett arbete som chaufför inom hemtjänsten",
            "Komma tillbaka till arbete inom restaurang efter sjukskrivningen, i egen takt",
        ]
        let subGoals = [
            "Skriva CV och personligt brev med coach", "Söka fem arbeten i veckan och redovisa dem", "Delta i svenska för yrkeslivet två dagar i veckan",
            "Boka läkarbesök om sömnproblemen", "Gå på studiebesök på två vuxenutbildningar", "Ta teoriprov för körkort",
        ]

        for (i, personId) in pool.prefix(wanted).enumerated() {
            guard let person = try await personStore.person(id: personId, committeeId: district)?.person else { continue }
            // Stage: 0–5 new, 6–9 referred, 10–23 and the bulk enrolled, 24–29 closed.
            let stage: Int
            switch i {
            case 0..<6: stage = 0
            case 6..<10: stage = 1
            case 24..<30: stage = 3
            default: stage = 2
            }
            let ageDays: Int
            switch stage {
            case 0: ageDays = Int.random(in: 0...20, using: &rng)
            case 1: ageDays = Int.random(in: 20...60, using: &rng)
            default: ageDays = Int.random(in: 40...600, using: &rng)
            }
            let opened = today.adding(days: -ageDays)
            let c = DistrictCase(
                id: UUID(), personId: personId, committeeId: district, unitId: districtUnit, responsibleUserId: secretary?.id, openedOn: opened,
                source: i % 5 == 0 ? .report : .application, channel: [.phone, .visit, .eService][i % 3], createdAt: now)
            try await store.openCase(c, audit: log(secretary, personId, .caseOpen))
            cases += 1
            let code = i % 7 == 3 ? "arbetshinder_sociala_skal" : ["arbetslos_ingen_ersattning", "arbetslos_otillracklig_ersattning", "etablering_otillracklig"][i % 3]
            try await store.addObstacle(
                SupportObstacle(id: UUID(), caseId: c.id, personId: personId, adult: .applicant, code: code, judgedOn: opened, recordedBy: secretary?.displayName ?? "Demo"),
                audit: log(secretary, personId, .caseObstacle))
            let months = (0..<min(14, ageDays / 30 + 1)).map { opened.adding(months: $0).monthKey }.filter { $0 <= today.monthKey }
            try await store.addAidMonths(personId: personId, committeeId: district, months: months, audit: log(secretary, personId, .caseAidMonths))
            guard stage > 0 else { continue }

            let consent = Consent(
                id: UUID(), personId: personId, committeeId: district, recipientCommitteeId: labour, recipientUnitId: nil,
                scopes: i % 6 == 1 ? [.referral, .plans] : Set(Consent.Scope.allCases), purpose: "Planering och uppföljning av insatser mot arbete tillsammans med Jobbtorg.",
                validFrom: max(opened, today.adding(months: -12)), validTo: i % 9 == 4 ? today.adding(days: 10) : max(opened, today.adding(months: -12)).adding(months: 18),
                method: .written,
                recordedBy: secretary?.id ?? UUID(), recordedByName: secretary?.displayName ?? "Demo", recordedAt: now)
            try await store.addConsent(consent, audit: log(secretary, personId, .consentRecord))
            let sentOn = stage == 1 ? today.adding(days: -[2, 4, 9, 12][i % 4]) : opened.adding(days: 10)
            let referral = Referral(
                id: UUID(), personId: personId, caseId: c.id, fromCommitteeId: district, fromUnitId: districtUnit, referredBy: secretary?.id ?? UUID(),
                referredByName: secretary?.displayName ?? "Demo", toUnitId: jobbtorg, consentId: consent.id, route: stage == 1 ? .groupInformation : .threePartyMeeting,
                sessionId: stage == 1 ? sessionAtKista : nil, meetingAt: stage == 1 ? nil : now, reason: "Arbetslös sedan länge och vill ha stöd att hitta arbete.",
                inTargetGroup: true, targetGroupReason: "Försörjningsstöd på grund av arbetslöshet.", exceptionReason: nil, sentOn: sentOn, createdAt: now)
            try await store.addReferral(referral, audit: log(secretary, personId, .referralCreate))
            guard stage > 1 else { continue }

            let enrolledOn = min(sentOn.adding(days: 5), today)
            let e = Enrolment(
                id: UUID(), personId: personId, referralId: referral.id, districtCommitteeId: district, committeeId: labour, unitId: jobbtorg,
                responsibleUserId: coach?.id, enrolledOn: enrolledOn)
            _ = try await store.acceptReferral(
                id: referral.id, expectedVersion: 1, enrolment: e, person: person,
                file: PersonFile(personId: personId, committeeId: labour, openedAt: now, openedByUnitId: jobbtorg), at: now, byName: coach?.displayName ?? "Demo",
                audit: log(coach, personId, .referralAccept))
            enrolments += 1
            let enrolledDays = enrolledOn.days(until: today)
            // Most have their jobbplan; some are overdue (no plan past the fifth working day).
            if enrolledDays > 3 && i % 8 != 5 {
                let follow = i % 5 == 2 ? today.adding(days: -Int.random(in: 1...20, using: &rng)) : today.adding(days: Int.random(in: 3...60, using: &rng))
                let plan = Plan(
                    id: UUID(), personId: personId, kind: .jobPlan, committeeId: labour, unitId: jobbtorg, enrolmentId: e.id, goal: goals[i % goals.count],
                    subGoals: [
                        .init(what: subGoals[i % subGoals.count], responsible: "Personen", date: enrolledOn.adding(days: 14)),
                        .init(what: subGoals[(i + 2) % subGoals.count], responsible: "Coach", date: enrolledOn.adding(days: 30)),
                    ], nextFollowUp: max(follow, enrolledOn), savedAt: now, savedByName: coach?.displayName ?? "Demo")
                _ = try await store.savePlan(plan, expectedVersion: nil, audit: log(coach, personId, .planCreate))
            }
            if i % 3 == 0 {
                let plan = Plan(
                    id: UUID(), personId: personId, kind: .workPlan, committeeId: district, unitId: districtUnit, enrolmentId: nil,
                    goal: "Bli självförsörjande genom \(goals[(i + 1) % goals.count].lowercased())",
                    subGoals: [.init(what: "Lämna in aktivitetsrapport varje månad", responsible: "Personen", date: today.adding(days: 20))],
                    nextFollowUp: today.adding(days: Int.random(in: 10...80, using: &rng)), savedAt: now, savedByName: secretary?.displayName ?? "Demo")
                _ = try await store.savePlan(plan, expectedVersion: nil, audit: log(secretary, personId, .planCreate))
            }
            // Three-party meetings every three months for most (a fifth are behind), the twelve-month follow-up with
            // Arbetsförmedlingen for two in three of those enrolled a year, and a recent intervention for most.
            var k = 1
            while i % 5 != 1, enrolledOn.adding(months: 3 * k) <= today {
                let m = Meeting(
                    id: UUID(), personId: personId, enrolmentId: e.id, committeeId: labour, kind: .threeParty, date: enrolledOn.adding(months: 3 * k), time: "10:00",
                    bookedByName: coach?.displayName ?? "Demo")
                try await store.addMeeting(m, audit: log(coach, personId, .meetingBook))
                _ = try await store.recordMeeting(
                    id: m.id, participants: "Sara Socialsekreterare, Carl Coach och personen", agreed: "Fortsätta jobbsökarcoachning; nytt trepartssamtal om tre månader.",
                    byName: coach?.displayName ?? "Demo", expectedVersion: 1, publishedAt: .some(now), audit: log(coach, personId, .meetingRecord))
                k += 1
            }
            if enrolledDays > 330 && i % 3 != 0 {
                let m = Meeting(
                    id: UUID(), personId: personId, enrolmentId: e.id, committeeId: labour, kind: .employmentServiceFollowUp, date: min(enrolledOn.adding(months: 12), today.adding(days: 14)),
                    time: "13:00", bookedByName: coach?.displayName ?? "Demo")
                try await store.addMeeting(m, audit: log(coach, personId, .meetingBook))
            }
            if enrolledDays > 60 && i % 4 != 3 {
                let start = today.adding(days: -Int.random(in: 5...80, using: &rng))
                try await database.write { db in
                    try await db.raw(
                        """
                        INSERT INTO intervention_episodes (id, intervention_id, person_id, committee_id, unit_id, queue_entry_id, start_date, planned_end, sub_goal, created_at, version)
                        VALUES (\(bind: UUID().uuidString), 'jobbtorg-matchning', \(bind: personId.uuidString), \(bind: labour), \(bind: jobbtorg), NULL,
                            \(bind: start.description), \(bind: start.adding(days: 56).description), 'Matchning mot lediga arbeten', \(bind: now.epochMilliseconds), 1)
                        """
                    ).run()
                }
            }
            // Attendance last month; months before it are final (reported to the district).
            let lastMonth = LocalDate(year: today.year, month: today.month, day: 1)!.adding(months: -1)
            if i < story + 40 && enrolledOn < lastMonth {
                for (k, day) in [2, 9, 16].enumerated() {
                    guard let d = LocalDate(year: lastMonth.year, month: lastMonth.month, day: day), WorkingDayCalendar.isWorkingDay(d) || k == 0 else { continue }
                    let status: AttendanceRecord.Status = (i + k) % 7 == 0 ? .absentInvalid : (i + k) % 5 == 0 ? .absentValid : .present
                    try await store.addAttendance(
                        AttendanceRecord(
                            id: UUID(), enrolmentId: e.id, personId: personId, date: d, activity: "Jobbsökarverkstad", status: status, note: nil,
                            recordedByName: coach?.displayName ?? "Demo"), audit: log(coach, personId, .attendanceRecord))
                }
            }
            var m = LocalDate(year: enrolledOn.year, month: enrolledOn.month, day: 1)!
            let reported = i % 3 == 0 ? lastMonth : lastMonth.adding(months: 1)
            while m < reported {
                try await store.finaliseAttendanceMonth(enrolmentId: e.id, month: m.monthKey, at: now, byName: coach?.displayName ?? "Demo", audit: log(coach, personId, .attendanceFinalise))
                m = m.adding(months: 1)
            }
            // Closed: half of them about six months ago (their six-month check is due), the others two months after enrolment.
            if stage == 3 {
                let closedOnDate = i % 2 == 0 ? today.adding(months: -6).adding(days: 3) : min(enrolledOn.adding(days: 60), today)
                let reason: Enrolment.ClosureReason = [.work, .studies, .returnedToDistrict, .subsidisedWork, .work, .otherIncome][i % 6]
                guard let current = try await store.enrolment(id: e.id), closedOnDate >= enrolledOn else { continue }
                var closed = current
                closed.status = .closed
                closed.closureReason = reason
                closed.closureDetail = reason == .returnedToDistrict ? "Behöver först stöd med hälsan; Jobbtorg tar emot igen efter rehabilitering." : nil
                closed.closedOn = closedOnDate
                closed.closedByName = coach?.displayName ?? "Demo"
                closed.version = current.version + 1
                let check = SixMonthCheck(
                    id: UUID(), enrolmentId: e.id, personId: personId, districtCommitteeId: district, closureReason: reason, closedOn: closedOnDate,
                    dueOn: SixMonthCheck.due(closedOn: closedOnDate))
                _ = try await store.closeEnrolment(closed, expectedVersion: current.version, check: check, audit: log(coach, personId, .enrolmentClose))
            }
        }
        // Sessions of Jobbtorg matchning at Kista for the roll-call: today (or the last working day before), and two more.
        var sessionDay = today
        while !WorkingDayCalendar.isWorkingDay(sessionDay) { sessionDay = sessionDay.adding(days: -1) }
        for (k, d) in [sessionDay, sessionDay.adding(days: 2), sessionDay.adding(days: 7)].enumerated() {
            try await store.addGroupSession(
                GroupSession(
                    id: UUID(), interventionId: "jobbtorg-matchning", committeeId: labour, unitId: jobbtorg, date: d, startTime: k == 1 ? "13:00" : "09:00",
                    endTime: k == 1 ? "16:00" : "12:00", groupName: k == 1 ? "Grupp B" : "Grupp A", createdByName: coach?.displayName ?? "Demo", createdAt: now),
                audit: log(coach, nil, .groupSessionSchedule))
        }
        // New aktualiseringar registered by intake (mottagning) and not yet taken over: the first with its nybesök
        // booked at the financial-aid unit (in that unit's inbox with the booking), the others unbooked (in
        // intake's inbox and task list, and in the financial-aid inbox as not yet booked).
        let intake = try await users.credentials(username: "mottagning")?.user
        for (k, personId) in pool.suffix(forIntake).enumerated() {
            let c = DistrictCase(
                id: UUID(), personId: personId, committeeId: district, unitId: "spanga-tensta-mottagning", responsibleUserId: intake?.id,
                openedOn: today.adding(days: -k), source: .application, channel: [.phone, .visit, .eService][k % 3], createdAt: now)
            try await store.openCase(c, audit: log(intake, personId, .caseOpen))
            cases += 1
            guard k == 0, let secretary else { continue }
            let visit = NewVisit(
                id: UUID(), caseId: c.id, personId: personId, committeeId: district, unitId: districtUnit, workerId: secretary.id, workerName: secretary.displayName,
                date: WorkingDayCalendar.adding(workingDays: 2, to: today), time: "10:00", location: "Spånga-Tensta ekonomiskt bistånd, Spånga torg 10, receptionen",
                bookedByName: intake?.displayName ?? "Demo", bookedAt: now)
            _ = try await store.bookNewVisit(visit, expectedVersion: nil, audit: log(intake, personId, .newVisitBook))
        }
        let job = try await TaskJob(store: store, clock: FixedClock(now)).run()
        return CaseFlowSummary(cases: cases, enrolments: enrolments, tasksCreated: job.created)
    }
}

/// A clock that stays at one instant (demo data generation).
struct FixedClock: Clock {
    let instant: Date
    init(_ instant: Date) { self.instant = instant }
    func now() -> Date { instant }
}
