import Foundation
import SQLKit
import SamsynDomain

/// Joint need assessments for the demo's Spånga-Tensta cases: decisions made over the last year (some that
/// deviate from the suggestion, with reasons), a few open ones where the units disagree, and some where only
/// the district has given its view. Does nothing if the database already has need assessments.
extension DemoData {
    public func addNeedAssessments(rules: NeedRuleSet, seed: UInt64, at now: Date) async throws -> Int {
        struct N: Decodable { let n: Int }
        let existing = try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM need_assessments").first(decoding: N.self)?.n ?? 0 }
        guard existing == 0 else { return 0 }
        var rng = SplitMix(state: seed ^ 0xBE0D)
        let store = SQLNeedAssessmentStore(database: database)
        let flow = SQLCaseFlowStore(database: database)
        let users = SQLUserStore(database: database)
        guard let secretary = try await users.credentials(username: "socialsekreterare")?.user, let coach = try await users.credentials(username: "coach")?.user
        else { return 0 }
        let today = LocalDate(now)
        struct C: Decodable { let person_id: String, committee_id: String, unit_id: String }
        let cases = try await database.read { db in
            try await db.raw("SELECT person_id, committee_id, unit_id FROM district_cases WHERE status = 'active' AND committee_id = 'spanga-tensta' ORDER BY person_id")
                .all(decoding: C.self)
        }
        let codes = rules.categories.map(\.code)
        let reasons = [
            "Personen har just fått en utbildningsplats och behöver mindre stöd än förslaget visar.",
            "Vid trepartssamtalet framkom hälsoproblem som inte syns i svaren; vi börjar med stöd från stadsdelen.",
            "Personen har arbetat extra på helger och står närmare arbete än svaren visar.",
        ]
        var made = 0
        for (i, c) in cases.enumerated() {
            guard let personId = UUID(uuidString: c.person_id), i % 5 != 4 else { continue }
            let enrolment = try await flow.enrolments(personId: personId).first { $0.status == .active }
            func log(_ actor: StaffUser, _ action: AuditAction, _ at: Date) -> AccessLogEntry {
                AccessLogEntry(at: at, requestId: "demo", actor: actor, personId: personId, action: action, outcome: .allowed, detail: "demo")
            }
            let daysAgo = Int.random(in: 20...330, using: &rng)
            let startedAt = now.addingTimeInterval(-Double(daysAgo) * 86_400)
            let a = NeedAssessment(
                id: UUID(), personId: personId, committeeId: c.committee_id, districtUnitId: c.unit_id, jobbtorgCommitteeId: enrolment?.committeeId,
                jobbtorgUnitId: enrolment?.unitId, status: .open, startedAt: startedAt, startedByName: secretary.displayName)
            var current = try await store.startNeedAssessment(a, audit: log(secretary, .needAssessmentStart, startedAt)).assessment
            made += 1
            // Weighted towards the labour-market categories, as among people referred to Jobbtorg.
            let suggested = ["K1", "K2", "K2", "K2", "K3", "K3", "K4", "K5", NeedOutcome.unclearCode][Int.random(in: 0..<9, using: &rng)]
            let agreed = suggested == NeedOutcome.unclearCode ? "K2" : suggested
            let districtCategory = i % 11 == 3 ? codes[(codes.firstIndex(of: agreed)! + 1) % codes.count] : agreed
            current = try await store.saveNeedView(
                id: current.id, side: .district,
                view: .init(category: districtCategory, parallel: rules.category(districtCategory)?.parallel ?? false, comment: "", byId: secretary.id, byName: secretary.displayName, at: startedAt),
                expectedVersion: current.version, audit: log(secretary, .needAssessmentView, startedAt))
            let stage = i % 9
            if stage == 0 { continue }  // only the district's view so far
            if let enrolment, enrolment.unitId == current.jobbtorgUnitId {
                let jobbtorgCategory = stage == 1 ? (agreed == "K2" ? "K3" : "K2") : agreed
                current = try await store.saveNeedView(
                    id: current.id, side: .jobbtorg,
                    view: .init(category: jobbtorgCategory, parallel: rules.category(jobbtorgCategory)?.parallel ?? false, comment: stage == 1 ? "Vi ser behov av stöd från båda håll." : "",
                        byId: coach.id, byName: coach.displayName, at: startedAt.addingTimeInterval(86_400)),
                    expectedVersion: current.version, audit: log(coach, .needAssessmentView, startedAt))
                if stage == 1 { continue }  // the units disagree: on both task lists until decided
            }
            let decided = i % 7 == 2 ? codes[(codes.firstIndex(of: agreed)! + (i % 2 == 0 ? 1 : codes.count - 1)) % codes.count] : agreed
            guard let category = rules.category(decided) else { continue }
            let decidedOn = LocalDate(startedAt).adding(days: 2)
            let decision = NeedAssessment.Decision(
                category: decided, lead: category.lead, parallel: category.parallel, reviewOn: max(decidedOn.adding(months: category.reviewMonths), today.adding(days: 1 + i % 40)),
                suggested: suggested, ruleVersion: rules.version,
                deviationReason: suggested != NeedOutcome.unclearCode && decided != suggested ? reasons[i % reasons.count] : nil, decidedOn: decidedOn,
                decidedAt: startedAt.addingTimeInterval(2 * 86_400), deciderId: secretary.id, deciderName: secretary.displayName,
                coDeciderId: current.isJoint ? coach.id : nil, coDeciderName: current.isJoint ? coach.displayName : nil)
            _ = try await store.decideNeedAssessment(id: current.id, decision: decision, expectedVersion: current.version, audit: log(secretary, .needAssessmentDecide, startedAt))
        }
        _ = try await TaskJob(store: flow, clock: FixedClock(now)).run()
        return made
    }
}
