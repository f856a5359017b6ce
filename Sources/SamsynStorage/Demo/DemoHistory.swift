import Foundation
import SQLKit
import SamsynDomain

/// What `addHistory` wrote.
public struct HistorySummary: Sendable, Equatable {
    public var spells = 0
    public var aidMonths = 0
    public var enrolments = 0
    public var episodes = 0
    public var plans = 0
    public var meetings = 0
    public var attendanceMonths = 0
    public init() {}
}

extension DemoData {
    /// Two years of finished history for the demo's persons who have no case yet, so that the follow-up page's
    /// charts have a shape and the effect of an intervention can be estimated on first start: spells of
    /// försörjningsstöd in the districts, and for those with a Jobbtorg file a referral (answered in a few working
    /// days), an enrolment with its jobbplan, an episode of an intervention for most, and a closure with its
    /// details (work and its subsidy, studies and study allowance), its six-month check, and months of aid again
    /// for some. An enrolment still going today stays open and unassigned, except at the story's district and
    /// Jobbtorg (Spånga-Tensta, Kista), where the history is closed before today so that the demo users' own
    /// lists stay as the story made them. Written in bulk, one transaction per batch; a second run adds nothing.
    public func addHistory(seed: UInt64, at now: Date) async throws -> HistorySummary {
        let settings = SQLSettingsStore(database: database)
        guard try await settings.value("demo_history") == nil else { return HistorySummary() }
        struct Candidate: Decodable {
            let person_id: String, identity_number: String, committee_id: String, opened_by_unit_id: String, labour_unit: String?
        }
        let labour = ReferenceOrganisation.labourMarketCommittee.id
        let candidates = try await database.read { db in
            try await db.raw(
                """
                SELECT pf.person_id, p.identity_number, pf.committee_id, pf.opened_by_unit_id, lf.opened_by_unit_id AS labour_unit
                FROM person_files pf
                JOIN persons p ON p.id = pf.person_id
                JOIN committees c ON c.id = pf.committee_id AND c.kind = 'district'
                LEFT JOIN person_files lf ON lf.person_id = pf.person_id AND lf.committee_id = \(bind: labour)
                WHERE NOT EXISTS (SELECT 1 FROM district_cases d WHERE d.person_id = pf.person_id)
                    AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = pf.person_id)
                    AND NOT EXISTS (SELECT 1 FROM intervention_queue q WHERE q.person_id = pf.person_id)
                    AND NOT EXISTS (SELECT 1 FROM intervention_episodes x WHERE x.person_id = pf.person_id)
                ORDER BY pf.person_id, pf.committee_id
                """
            ).all(decoding: Candidate.self)
        }
        var rng = SplitMix(state: seed ^ 0x4157_0123)
        let today = LocalDate(now)
        var plan = HistoryPlan(today: today, now: now)
        var seen = Set<String>()
        for c in candidates where seen.insert(c.person_id).inserted {
            guard let person = MeasuredPerson(identityDigits: c.identity_number), let id = UUID(uuidString: c.person_id) else { continue }
            plan.person(id: id, person: person, district: c.committee_id, jobbtorgUnit: c.labour_unit.map { Self.historyJobbtorg($0, district: c.committee_id) }, using: &rng)
        }
        try await plan.write(to: database)
        try await settings.set("demo_history", "loaded")
        try await database.analyze()
        return plan.summary
    }

    /// The Jobbtorg a history enrolment is at: the person's Jobbtorg file's unit when it is a Jobbtorg, otherwise
    /// the Jobbtorg serving the district.
    static func historyJobbtorg(_ unit: String, district: String) -> String {
        if unit.hasPrefix("jobbtorg-") && unit != "jobbtorg-resurs" { return unit }
        switch district {
        case "rinkeby-kista", "spanga-tensta": return "jobbtorg-kista"
        case "hasselby-vallingby", "bromma": return "jobbtorg-vallingby"
        case "skarholmen": return "jobbtorg-varberg"
        case "hagersten-alvsjo", "sodermalm": return "jobbtorg-liljeholmen"
        case "farsta", "skarpnack", "enskede-arsta-vantor": return "jobbtorg-farsta"
        default: return "jobbtorg-city"
        }
    }
}

/// The rows of the history, built in memory (pure, from the generator) and written in batches.
struct HistoryPlan {
    let today: LocalDate
    let now: Date
    /// The first month of the history and the last month with aid (the previous month: the current one is the story's).
    let firstMonth: LocalDate
    let lastMonth: LocalDate
    var summary = HistorySummary()
    var cases: [SQLQueryString] = []
    var consents: [SQLQueryString] = []
    var referrals: [SQLQueryString] = []
    var enrolments: [SQLQueryString] = []
    var closures: [SQLQueryString] = []
    var checks: [SQLQueryString] = []
    var plans: [SQLQueryString] = []
    var planVersions: [SQLQueryString] = []
    var episodes: [SQLQueryString] = []
    var aid: [SQLQueryString] = []
    var meetings: [SQLQueryString] = []
    var attendance: [SQLQueryString] = []
    /// The arbetsplans' own generator (deterministic, apart from the persons').
    var planRandom = DemoData.SplitMix(state: 0x9_1A4)

    init(today: LocalDate, now: Date) {
        self.today = today
        self.now = now
        firstMonth = today.firstOfMonth.adding(months: -26)
        lastMonth = today.firstOfMonth.adding(months: -1)
    }

    /// The interventions of the labour-market committee an enrolment may take part in, with their weights and how
    /// much more often a closure to work follows (a modest true effect for the effect report to find).
    static let interventions: [(id: String, weight: Int, weeks: Int, workLift: Double)] = [
        ("jobbtorg-matchning", 30, 8, 0.10), ("jobbtorg-jobbsokarcoachning", 25, 10, 0.05), ("jobbtorg-syv", 10, 6, 0.0),
        ("resurs-arbetstraning", 15, 16, 0.03), ("resurs-supported-employment", 5, 20, 0.06), ("resurs-arbetsformagepreovning", 5, 8, -0.05),
        ("jobbstart-extratjanst", 5, 26, 0.0), ("ramavtal-vagledning-halsa", 5, 12, -0.04),
    ]

    static func millis(_ d: LocalDate, hour: Int = 10) -> Int64 {
        var comps = DateComponents(year: d.year, month: d.month, day: d.day, hour: hour)
        comps.timeZone = Calendar.swedish.timeZone
        return Calendar.swedish.date(from: comps)!.epochMilliseconds
    }

    static func months(from a: LocalDate, through b: LocalDate) -> [LocalDate] {
        var out: [LocalDate] = []
        var m = a.firstOfMonth
        while m <= b.firstOfMonth {
            out.append(m)
            m = m.adding(months: 1)
        }
        return out
    }

    mutating func person<G: RandomNumberGenerator>(id: UUID, person: MeasuredPerson, district: String, jobbtorgUnit: String?, using rng: inout G) {
        // Two in five have no aid in the two years.
        guard Double.random(in: 0..<1, using: &rng) < 0.6 else { return }
        let startMonth = firstMonth.adding(months: Int.random(in: 0..<26, using: &rng))
        let age = person.age(on: startMonth)
        guard age >= 18 else { return }
        let pid = id.uuidString
        let districtUnit = "\(district)-ekonomiskt-bistand"
        let opened = startMonth.adding(days: Int.random(in: 0...25, using: &rng))
        var aidMonths = Set<LocalDate>()
        let caseId = UUID().uuidString
        var caseClosed: LocalDate

        if let unit = jobbtorgUnit, (18...64).contains(age), Double.random(in: 0..<1, using: &rng) < 0.8 {
            // Referred to Jobbtorg within weeks of the first visit; answered in a few working days (some late).
            let sentOn = WorkingDayCalendar.adding(workingDays: Int.random(in: 5...25, using: &rng), to: opened)
            let roll = Double.random(in: 0..<1, using: &rng)
            let answerDays = roll < 0.7 ? Int.random(in: 1...4, using: &rng) : roll < 0.88 ? 5 : Int.random(in: 6...12, using: &rng)
            let enrolledOn = WorkingDayCalendar.adding(workingDays: answerDays, to: sentOn)
            let latest = today.adding(days: -3)
            // Time at Jobbtorg: mostly two to eight months, some more than a year. One still going today stays
            // enrolled (unassigned), except at the story's district and Jobbtorg (Spånga-Tensta, Kista), where the
            // history closes before today so that the story's lists stay as they are.
            let wanted = enrolledOn.adding(days: Int(-log(1 - Double.random(in: 0..<0.97, using: &rng)) * 150) + 21)
            let active = wanted > latest && unit != "jobbtorg-kista" && district != "spanga-tensta" && enrolledOn <= latest
            guard active || enrolledOn.adding(days: 14) <= latest else { return self.aidOnly(pid, district, opened, caseId, using: &rng) }
            // For one still enrolled, `closedOn` is the day after the history ends: nothing after it happens.
            let closedOn = active ? latest.adding(days: 1) : min(wanted, enrolledOn.adding(days: Int.random(in: 14...max(14, enrolledOn.days(until: latest)), using: &rng)))
            let consentId = UUID().uuidString, referralId = UUID().uuidString, enrolmentId = UUID().uuidString
            consents.append(
                """
                (\(bind: consentId), \(bind: pid), \(bind: district), \(bind: ReferenceOrganisation.labourMarketCommittee.id), NULL,
                 \(bind: Consent.Scope.allCases.map(\.rawValue).joined(separator: ",")), 'Planering och uppföljning av insatser mot arbete tillsammans med Jobbtorg.',
                 \(bind: sentOn.description), \(bind: sentOn.adding(months: 18).description), 'written', \(bind: UUID().uuidString), 'Demo (historik)',
                 \(bind: Self.millis(sentOn, hour: 9)), NULL, NULL, 1)
                """)
            referrals.append(
                """
                (\(bind: referralId), \(bind: pid), \(bind: caseId), \(bind: district), \(bind: districtUnit), \(bind: UUID().uuidString), 'Demo (historik)',
                 \(bind: unit), \(bind: consentId), 'three_party_meeting', NULL, \(bind: Self.millis(enrolledOn)), 'Arbetslös och vill ha stöd att hitta arbete.', \(bind: true),
                 'Försörjningsstöd på grund av arbetslöshet.', NULL, \(bind: sentOn.description), \(bind: Self.millis(sentOn, hour: 9)), 'accepted',
                 \(bind: Self.millis(enrolledOn, hour: 11)), 'Demo (historik)', NULL, \(bind: enrolmentId), 2)
                """)
            // The jobbplan: within five working days for most.
            let planDays = Double.random(in: 0..<1, using: &rng) < 0.75 ? Int.random(in: 1...5, using: &rng) : Int.random(in: 6...15, using: &rng)
            let planOn = WorkingDayCalendar.adding(workingDays: planDays, to: enrolledOn)
            if planOn < closedOn {
                let planId = UUID().uuidString
                let subGoals = #"[{"date":"\#(planOn.adding(days: 21).description)","responsible":"Personen","what":"Söka fem arbeten i veckan och redovisa dem"}]"#
                let goal = "Få ett arbete på heltid i Stockholm"
                plans.append(
                    """
                    (\(bind: planId), \(bind: pid), 'job_plan', \(bind: ReferenceOrganisation.labourMarketCommittee.id), \(bind: unit), \(bind: enrolmentId), 1,
                     \(bind: goal), \(bind: subGoals), \(bind: planOn.adding(months: 1).description), \(bind: Self.millis(planOn, hour: 14)), 'Demo (historik)')
                    """)
                planVersions.append(
                    """
                    (\(bind: planId), 1, \(bind: goal), \(bind: subGoals), \(bind: planOn.adding(months: 1).description), \(bind: Self.millis(planOn, hour: 14)), 'Demo (historik)')
                    """)
                summary.plans += 1
            }
            // An intervention for most, started after the jobbplan; the younger and those in matching leave for work more often.
            var workLift = age < 30 ? 0.08 : age >= 50 ? -0.08 : 0
            var episode: (id: String, start: LocalDate, end: LocalDate, planned: LocalDate)?
            if Double.random(in: 0..<1, using: &rng) < 0.65 {
                let total = Self.interventions.reduce(0) { $0 + $1.weight }
                var pick = Int.random(in: 0..<total, using: &rng)
                var chosen = Self.interventions[0]
                for i in Self.interventions {
                    pick -= i.weight
                    if pick < 0 {
                        chosen = i
                        break
                    }
                }
                let start = planOn.adding(days: Int.random(in: 3...30, using: &rng))
                if start.adding(days: 7) < closedOn {
                    workLift += chosen.workLift
                    let end = min(closedOn, start.adding(days: 7 * Int.random(in: max(2, chosen.weeks / 2)...(chosen.weeks + 4), using: &rng)))
                    episode = (chosen.id, start, end, start.adding(days: 7 * chosen.weeks))
                }
            }
            // The closure and its details.
            let r = Double.random(in: 0..<1, using: &rng) - workLift
            var reason: Enrolment.ClosureReason
            var work: (subsidy: String, start: LocalDate, end: LocalDate?)?
            var studies: (kind: String, allowance: Bool)?
            switch r {
            case ..<0.26:
                reason = .work
                let shortJob = Double.random(in: 0..<1, using: &rng) < 0.1
                work = ("none", closedOn, shortJob ? closedOn.adding(days: Int.random(in: 5...25, using: &rng)) : nil)
            case ..<0.36:
                reason = .subsidisedWork
                work = ("subsidised", closedOn, closedOn.adding(months: Int.random(in: 6...12, using: &rng)))
            case ..<0.43:
                reason = .subsidisedWork
                work = ("municipal", closedOn, closedOn.adding(months: 12))
            case ..<0.56:
                reason = .studies
                studies = (["komvux", "folk_high_school", "higher_vocational", "university"][Int.random(in: 0..<4, using: &rng)], Double.random(in: 0..<1, using: &rng) < 0.8)
            case ..<0.66: reason = .returnedToDistrict
            case ..<0.74: reason = .otherIncome
            case ..<0.79: reason = .moved
            default: reason = .other
            }
            if let e = episode {
                var outcome = Double.random(in: 0..<1, using: &rng) < 0.7 ? "completed" : "interrupted"
                if e.end == closedOn && !active {
                    if reason == .work || reason == .subsidisedWork { outcome = "work" } else if reason == .studies { outcome = "studies" }
                }
                let ongoing = active && e.end == closedOn
                episodes.append(
                    """
                    (\(bind: UUID().uuidString), \(bind: e.id), \(bind: pid), \(bind: ReferenceOrganisation.labourMarketCommittee.id), \(bind: unit), NULL,
                     \(bind: e.start.description), \(bind: e.planned.description), \(bind: ongoing ? nil : e.end.description), \(bind: ongoing ? nil : outcome),
                     \(bind: !ongoing && outcome == "interrupted" ? "Avbröt insatsen" : nil), 'Stöd mot arbete', \(bind: Self.millis(e.start, hour: 8)), 2)
                    """)
                summary.episodes += 1
            }
            // Attendance reported to the district each month, most by the fifth working day of the next.
            var month = enrolledOn.firstOfMonth
            while month <= min(closedOn, latest).firstOfMonth {
                let due = AttendanceRules.reportDue(monthOf: month)
                let day = Double.random(in: 0..<1, using: &rng) < 0.9 ? due.adding(days: -Int.random(in: 0...3, using: &rng)) : due.adding(days: Int.random(in: 1...12, using: &rng))
                guard day <= latest else { break }
                attendance.append("(\(bind: enrolmentId), \(bind: month.monthKey), \(bind: Self.millis(max(day, month), hour: 16)), 'Demo (historik)')")
                summary.attendanceMonths += 1
                month = month.adding(months: 1)
            }
            // Three-party meetings every three months, most held in time, some late.
            var base = enrolledOn
            while true {
                let due = base.adding(months: MeetingRules.threePartyMonths)
                let held = Double.random(in: 0..<1, using: &rng) < 0.82 ? due.adding(days: -Int.random(in: 0...20, using: &rng)) : due.adding(days: Int.random(in: 4...40, using: &rng))
                guard held < closedOn, held <= latest else { break }
                meetings.append(
                    """
                    (\(bind: UUID().uuidString), \(bind: pid), \(bind: enrolmentId), \(bind: ReferenceOrganisation.labourMarketCommittee.id), 'three_party', \(bind: held.description),
                     '10:00', 'Socialsekreterare, coach och personen', 'Planen följdes upp.', \(bind: true), 'Demo (historik)', 'Demo (historik)', 2)
                    """)
                summary.meetings += 1
                base = held
            }
            if active {
                enrolments.append(
                    """
                    (\(bind: enrolmentId), \(bind: pid), \(bind: referralId), \(bind: district), \(bind: ReferenceOrganisation.labourMarketCommittee.id), \(bind: unit), NULL,
                     \(bind: enrolledOn.description), 'active', NULL, NULL, NULL, NULL, 1)
                    """)
                summary.enrolments += 1
                for m in Self.months(from: opened, through: lastMonth) { aidMonths.insert(m) }
                addCase(caseId, pid, district, districtUnit, opened, closedOn: nil, aidMonths: aidMonths)
                return
            }
            enrolments.append(
                """
                (\(bind: enrolmentId), \(bind: pid), \(bind: referralId), \(bind: district), \(bind: ReferenceOrganisation.labourMarketCommittee.id), \(bind: unit), NULL,
                 \(bind: enrolledOn.description), 'closed', \(bind: reason.rawValue), NULL, \(bind: closedOn.description), 'Demo (historik)', 2)
                """)
            closures.append(
                """
                (\(bind: enrolmentId), \(bind: pid), \(bind: referralId), \(bind: district), \(bind: districtUnit), \(bind: ReferenceOrganisation.labourMarketCommittee.id),
                 \(bind: unit), \(bind: reason.rawValue), \(bind: closedOn.description), NULL, NULL, \(bind: work == nil ? nil : 100), \(bind: work?.start.description),
                 \(bind: work?.end?.description), \(bind: work?.subsidy), \(bind: studies?.kind), \(bind: studies?.allowance), \(bind: studies == nil ? nil : closedOn.description),
                 \(bind: episode == nil ? 0 : 1), 0, '', \(bind: Self.millis(closedOn, hour: 15)), 'Demo (historik)')
                """)
            summary.enrolments += 1
            // Aid while at Jobbtorg; for work, studies or other income it ends with the closure month, otherwise it goes on.
            let ends: Bool = [.work, .subsidisedWork, .studies, .otherIncome, .moved].contains(reason)
            let aidEnd = ends ? closedOn : closedOn.adding(months: Int.random(in: 1...8, using: &rng))
            for m in Self.months(from: opened, through: min(aidEnd, lastMonth)) { aidMonths.insert(m) }
            caseClosed = min(aidEnd, lastMonth.adding(months: 1).adding(days: -1))
            // Some come back to försörjningsstöd after a while (more often from a municipal job or short work).
            let returnRisk = work?.subsidy == "municipal" ? 0.35 : work?.end.map { $0 < closedOn.adding(months: 1) } == true ? 0.5 : reason == .moved ? 0 : 0.18
            if ends && Double.random(in: 0..<1, using: &rng) < returnRisk {
                let back = closedOn.firstOfMonth.adding(months: Int.random(in: 2...14, using: &rng))
                for m in Self.months(from: back, through: min(back.adding(months: Int.random(in: 0...5, using: &rng)), lastMonth)) where back <= lastMonth {
                    aidMonths.insert(m)
                }
            }
            let due = SixMonthCheck.due(closedOn: closedOn)
            var result: String?
            var recorded: LocalDate?
            if due <= today {
                let keys = Set(aidMonths.map(\.monthKey))
                result = SixMonthCheck.suggestedResult(aidMonths: keys, closedOn: closedOn, dueOn: due).rawValue
                recorded = min(today, due.adding(days: Int.random(in: 0...10, using: &rng)))
            }
            checks.append(
                """
                (\(bind: UUID().uuidString), \(bind: enrolmentId), \(bind: pid), \(bind: district), \(bind: reason.rawValue), \(bind: closedOn.description),
                 \(bind: due.description), \(bind: result), \(bind: recorded?.description), \(bind: recorded == nil ? nil : "Demo (historik)"), \(bind: recorded == nil ? 1 : 2))
                """)
        } else {
            return aidOnly(pid, district, opened, caseId, using: &rng)
        }
        addCase(caseId, pid, district, districtUnit, opened, closedOn: max(opened, caseClosed), aidMonths: aidMonths)
    }

    /// A spell of aid without Jobbtorg: one month to two years, skewed short.
    mutating func aidOnly<G: RandomNumberGenerator>(_ pid: String, _ district: String, _ opened: LocalDate, _ caseId: String, using rng: inout G) {
        let length = min(24, Int(-log(1 - Double.random(in: 0..<0.99, using: &rng)) * 6) + 1)
        let end = min(opened.firstOfMonth.adding(months: length - 1), lastMonth)
        guard opened.firstOfMonth <= end else { return }
        let months = Set(Self.months(from: opened, through: end))
        addCase(caseId, pid, district, "\(district)-ekonomiskt-bistand", opened, closedOn: max(opened, end.adding(months: 1).adding(days: -1)), aidMonths: months)
    }

    mutating func addCase(_ caseId: String, _ pid: String, _ district: String, _ unit: String, _ opened: LocalDate, closedOn: LocalDate?, aidMonths: Set<LocalDate>) {
        guard !aidMonths.isEmpty else { return }
        // An arbetsplan for most cases that last, made a few weeks in (the audit found many without one).
        let planOn = opened.adding(days: Int.random(in: 10...45, using: &planRandom))
        if aidMonths.count >= 2, planOn < (closedOn ?? today), Double.random(in: 0..<1, using: &planRandom) < 0.7 {
            let planId = UUID().uuidString
            let subGoals = #"[{"date":"\#(planOn.adding(days: 30).description)","responsible":"Personen","what":"Lämna in aktivitetsrapport varje månad"}]"#
            let goal = "Bli självförsörjande genom arbete"
            plans.append(
                """
                (\(bind: planId), \(bind: pid), 'work_plan', \(bind: district), \(bind: unit), NULL, 1, \(bind: goal), \(bind: subGoals),
                 \(bind: planOn.adding(months: 2).description), \(bind: Self.millis(planOn, hour: 13)), 'Demo (historik)')
                """)
            planVersions.append(
                """
                (\(bind: planId), 1, \(bind: goal), \(bind: subGoals), \(bind: planOn.adding(months: 2).description), \(bind: Self.millis(planOn, hour: 13)), 'Demo (historik)')
                """)
            summary.plans += 1
        }
        cases.append(
            """
            (\(bind: caseId), \(bind: pid), \(bind: district), \(bind: unit), NULL, \(bind: opened.description), 'application', 'visit',
             \(bind: closedOn == nil ? "active" : "closed"), \(bind: closedOn?.description), \(bind: Self.millis(opened, hour: 9)), \(bind: closedOn == nil ? 1 : 2))
            """)
        for m in aidMonths.sorted() { aid.append("(\(bind: pid), \(bind: district), \(bind: m.monthKey))") }
        summary.spells += 1
        summary.aidMonths += aidMonths.count
    }

    func write(to database: Database) async throws {
        let tables: [(String, String, [SQLQueryString])] = [
            ("district_cases", "id, person_id, committee_id, unit_id, responsible_user_id, opened_on, source, channel, status, closed_on, created_at, version", cases),
            (
                "consents",
                "id, person_id, committee_id, recipient_committee_id, recipient_unit_id, scopes, purpose, valid_from, valid_to, method, recorded_by, recorded_by_name, recorded_at, withdrawn_at, withdrawn_by_name, version",
                consents
            ),
            (
                "referrals",
                "id, person_id, case_id, from_committee_id, from_unit_id, referred_by, referred_by_name, to_unit_id, consent_id, route, session_id, meeting_at, reason, in_target_group, target_group_reason, exception_reason, sent_on, created_at, status, answered_at, answered_by_name, decline_reason, enrolment_id, version",
                referrals
            ),
            (
                "enrolments",
                "id, person_id, referral_id, district_committee_id, committee_id, unit_id, responsible_user_id, enrolled_on, status, closure_reason, closure_detail, closed_on, closed_by_name, version",
                enrolments
            ),
            (
                "enrolment_closures",
                "enrolment_id, person_id, referral_id, district_committee_id, district_unit_id, committee_id, unit_id, reason, closed_on, employer, sector, extent_percent, work_start, work_end, subsidy, study_kind, study_allowance, study_start, ended_episodes, released_places, finalised_months, recorded_at, recorded_by_name",
                closures
            ),
            (
                "six_month_checks", "id, enrolment_id, person_id, district_committee_id, closure_reason, closed_on, due_on, result, recorded_on, recorded_by_name, version",
                checks
            ),
            ("plans", "id, person_id, kind, committee_id, unit_id, enrolment_id, version, goal, sub_goals, next_follow_up, saved_at, saved_by_name", plans),
            ("plan_versions", "plan_id, version, goal, sub_goals, next_follow_up, saved_at, saved_by_name", planVersions),
            (
                "intervention_episodes",
                "id, intervention_id, person_id, committee_id, unit_id, queue_entry_id, start_date, planned_end, actual_end, outcome, interruption_reason, sub_goal, created_at, version",
                episodes
            ),
            ("aid_months", "person_id, committee_id, month", aid),
            ("attendance_months", "enrolment_id, month, finalised_at, finalised_by_name", attendance),
            ("meetings", "id, person_id, enrolment_id, committee_id, kind, date, time, participants, agreed, held, booked_by_name, recorded_by_name, version", meetings),
        ]
        for (table, columns, rows) in tables {
            for start in stride(from: 0, to: rows.count, by: 2000) {
                let batch = rows[start..<min(start + 2000, rows.count)]
                try await database.write { db in
                    for chunk in stride(from: batch.startIndex, to: batch.endIndex, by: 100) {
                        let part = Array(batch[chunk..<min(chunk + 100, batch.endIndex)])
                        try await db.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns)) VALUES \(part.joined(separator: ", "))").run()
                    }
                }
            }
        }
    }
}
