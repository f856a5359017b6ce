import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// The joint need assessment through its service on both real databases: the explainable suggestion from
/// stored answers, both units' views, the disagreement task on both units' lists, the decision with its
/// deviation reason and co-decider, secrecy between the committees under consent, the what-if run of a rule
/// version, the fairness report and the rule catalogue.
@Suite("Joint need assessment on real databases")
struct NeedAssessmentTests {
    struct World {
        let db: Database
        let clock: ManualClock
        let flow: CaseFlowService
        let flowStore: SQLCaseFlowStore
        let needStore: SQLNeedAssessmentStore
        let needs: NeedAssessmentService
        let assessments: AssessmentService
        let instruments: InstrumentCatalog
        let directory: PersonDirectory
        /// District (Spånga-Tensta): social secretary, intake officer, unit manager.
        let sara: Actor, maja: Actor, elin: Actor
        /// Jobbtorg Kista coach; a coach of another Jobbtorg (Vällingby).
        let carl: Actor, vera: Actor
        /// A social secretary of another district (Bromma) and its manager.
        let olle: Actor, bror: Actor
        let analyst: Actor, admin: Actor

        var today: LocalDate { LocalDate(clock.now()) }
        var job: TaskJob { TaskJob(store: flowStore, clock: clock) }

        func count(_ sql: String) async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await db.read { db in try await db.raw(SQLQueryString(sql)).first(decoding: N.self)?.n ?? -1 }
        }
        func logRows(_ action: String, _ outcome: String, detail: String? = nil) async throws -> Int {
            try await count(
                "SELECT COUNT(*) AS n FROM access_log WHERE action = '\(action)' AND outcome = '\(outcome)'" + (detail.map { " AND detail = '\($0)'" } ?? ""))
        }

        /// Registers a person at the district (and, when asked, also opens a file at Jobbtorg for the coach).
        func person(_ year: Int, _ month: Int, _ day: Int, serial: Int, jobbtorgFile: Bool = false) async throws -> UUID {
            let input = Fixtures.personInput(Fixtures.personnummer(year, month, day, serial: serial), "Need", "Person\(serial)")
            let id = try await directory.register(input, by: sara).person.id
            if jobbtorgFile { _ = try await directory.register(input, by: carl) }
            return id
        }

        /// A person with an active district case (no enrolment).
        func districtCase(_ year: Int, _ month: Int, _ day: Int, serial: Int) async throws -> UUID {
            let p = try await person(year, month, day, serial: serial)
            _ = try await flow.openCase(personId: p, .init(source: "application", channel: "visit", openedOn: ""), by: sara)
            return p
        }

        /// Answers to one part of the shipped initial assessment, saved to a draft by its owning unit.
        func answer(_ personId: UUID, part: String, by actor: Actor, _ answers: [String: AnswerValue]) async throws {
            let r = try await assessments.start(personId: personId, instrumentId: "initial-bedomning", partId: part, by: actor)
            _ = try await assessments.save(responseId: r.response.id, expectedVersion: nil, answers: answers.mapValues { .some($0) }, by: actor)
        }

        func openTasks(_ unit: String, _ kind: CaseTask.Kind) async throws -> [CaseTask] {
            try await flowStore.openTasks(unitId: unit, kind: kind, offset: 0, limit: 100)
        }
    }

    static let districtUnit = "spanga-tensta-ekonomiskt-bistand"
    static let jobbtorgUnit = "jobbtorg-kista"

    func world(_ db: Database) async throws -> World {
        try await Fixtures.organisation(db)
        func actor(_ name: String, _ role: Role, _ unit: String) async throws -> Actor {
            Actor(user: try await Fixtures.user(db, name, role: role, unit: unit), requestId: "t", channel: "test")
        }
        let clock = ManualClock(Fixtures.t0)
        let log = SQLAccessLog(database: db)
        let persons = SQLPersonStore(database: db)
        let flowStore = SQLCaseFlowStore(database: db)
        let flow = CaseFlowService(store: flowStore, persons: persons, organisation: SQLOrganisationStore(database: db), log: log, clock: clock)
        let answerStore = SQLAssessmentStore(database: db)
        let instruments = try await InstrumentCatalog.load(files: InstrumentCatalog.bundledFiles(), store: answerStore, at: clock.now())
        let needStore = SQLNeedAssessmentStore(database: db)
        let rules = try await NeedRuleCatalog.load(
            files: NeedRuleCatalog.bundledFiles(), instruments: instruments, obstacles: .default, store: needStore, at: clock.now())
        let needs = NeedAssessmentService(
            store: needStore, flow: flowStore, answers: answerStore, persons: persons, users: SQLUserStore(database: db), log: log, clock: clock,
            catalog: rules, instruments: instruments)
        return World(
            db: db, clock: clock, flow: flow, flowStore: flowStore, needStore: needStore, needs: needs,
            assessments: AssessmentService(catalog: instruments, store: answerStore, persons: persons, log: log, clock: clock), instruments: instruments,
            directory: PersonDirectory(persons: persons, log: log, clock: clock),
            sara: try await actor("sara", .socialSecretary, Self.districtUnit), maja: try await actor("maja", .intakeOfficer, "spanga-tensta-mottagning"),
            elin: try await actor("elin", .unitManager, Self.districtUnit), carl: try await actor("carl", .coach, Self.jobbtorgUnit),
            vera: try await actor("vera", .coach, "jobbtorg-vallingby"), olle: try await actor("olle", .socialSecretary, "bromma-ekonomiskt-bistand"),
            bror: try await actor("bror", .unitManager, "bromma-ekonomiskt-bistand"), analyst: try await actor("anna", .analyst, "analys"),
            admin: try await actor("adam", .systemAdministrator, "systemforvaltning"))
    }

    // MARK: Helpers

    /// The domain error a call throws, or nil when it succeeds.
    func failure<T>(_ body: () async throws -> T) async -> DomainError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? DomainError ?? DomainError(.unavailable, "not a domain error: \(error)")
        }
    }

    func consentInput(_ scopes: [Consent.Scope]) -> CaseFlowService.RecordConsent {
        .init(recipient: "arbetsmarknadsnamnden", scopes: scopes.map(\.rawValue), purpose: "Planering mot arbete med Jobbtorg", validFrom: "2026-11-18", validTo: "2027-06-30", method: "written")
    }

    /// Register, open the case, record försörjningshinder and a consent with the given scopes, refer to Jobbtorg
    /// Kista, and let the coach accept: an enrolled person.
    func enrolled(_ w: World, serial: Int, scopes: [Consent.Scope] = Consent.Scope.allCases) async throws -> (person: UUID, enrolment: Enrolment, consent: Consent) {
        let p = try await w.districtCase(1980, 4, serial % 28 + 1, serial: serial)
        _ = try await w.flow.addObstacle(personId: p, adult: "applicant", code: "arbetslos_ingen_ersattning", judgedOn: "", by: w.sara)
        let consent = try await w.flow.recordConsent(personId: p, consentInput(scopes), by: w.sara)
        let r = try await w.flow.refer(
            personId: p,
            .init(
                toUnitId: Self.jobbtorgUnit, route: "three_party_meeting", sessionId: "", meetingDate: "2026-11-20", meetingTime: "10:00",
                reason: "Vill ha stöd att hitta arbete som lagerarbetare", workShouldBeTried: false, fullTimeProgramme: false, jointAgreement: false,
                exceptionReason: ""), by: w.sara)
        let accepted = try await w.flow.answerReferral(id: r.id, accept: true, declineReason: "", enrolledOn: "", expectedVersion: r.version, by: w.carl)
        let e = try await w.flowStore.enrolment(id: accepted.enrolmentId!)!
        return (p, e, consent)
    }

    func decision(
        _ category: String, lead: String = "jobbtorg", parallel: String = "no", reviewOn: String = "2027-02-18", reason: String = "", coDecider: UUID? = nil
    ) -> NeedAssessmentRules.DecisionInput {
        .init(category: category, lead: lead, parallel: parallel, reviewOn: reviewOn, deviationReason: reason, coDeciderId: coDecider?.uuidString ?? "")
    }

    /// Part-3 answers (district) that trigger none of K5, K4 or the social half of K3 under version 1.
    func calmPart3(debts: Bool) -> [String: AnswerValue] {
        [
            "p3-sick-leave": .choice("nej"), "p3-substance": .choice("nej"), "p3-mental": .choice("nej"), "p3-housing": .choice("eget_kontrakt"),
            "p3-physical": .bool(false), "p3-network": .choice("ja_flera"), "p3-debts": .bool(debts),
        ]
    }

    /// Part-2 answers (Jobbtorg): weak Swedish, otherwise ready for work.
    let weakSwedishPart2: [String: AnswerValue] = ["p2-swedish": .scale(1), "p2-education": .choice("gymnasium"), "p2-experience": .bool(true)]

    // MARK: 1. Joint assessment end to end

    @Test("Joint assessment: suggestion with reasons, differing views put a disagreement task on both units, a deviating decision needs a reason and a co-decider", arguments: TestDatabase.kinds)
    func jointAssessment(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, e, _) = try await enrolled(w, serial: 311)
            try await w.answer(p, part: "del-3", by: w.sara, ["p3-sick-leave": .choice("heltid")])

            // Start: a new open assessment, then the same one again (also when Jobbtorg asks).
            let first = try await w.needs.start(personId: p, by: w.sara)
            #expect(first.created)
            #expect(first.assessment.isJoint && first.assessment.jobbtorgUnitId == Self.jobbtorgUnit && first.assessment.districtUnitId == Self.districtUnit)
            let again = try await w.needs.start(personId: p, by: w.sara)
            #expect(!again.created && again.assessment.id == first.assessment.id)
            let fromJobbtorg = try await w.needs.start(personId: p, by: w.carl)
            #expect(!fromJobbtorg.created && fromJobbtorg.assessment.id == first.assessment.id)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM need_assessments") == 1)
            let id = first.assessment.id

            // The suggestion: full-time sick leave gives K5, with the answer behind it.
            let ov = try await w.needs.overview(personId: p, by: w.sara)
            #expect(ov.side == .district && ov.enrolled && ov.canAct && ov.current?.id == id)
            #expect(ov.suggestion.ruleVersion == 1)
            #expect(ov.suggestion.outcome.category == "K5" && ov.suggestion.outcome.ruleId == "k5-inte-aktuell-nu")
            #expect(ov.suggestion.category?.code == "K5" && ov.suggestion.missing.isEmpty)
            let reason = try #require(ov.suggestion.reasons.first)
            #expect(ov.suggestion.reasons.count == 1)
            #expect(reason.label == "Är du sjukskriven?")
            #expect(reason.answer == "Ja, på heltid")
            #expect(reason.source.contains("Del 3") && reason.source.hasPrefix("Initial bedömning"))
            #expect(reason.draft && !reason.otherCommittee && reason.date == w.today)
            #expect(ov.coDeciders.map(\.id) == [w.carl.user.id])
            // Jobbtorg sees the same assessment under the consent (it covers every scope here).
            let jov = try await w.needs.overview(personId: p, by: w.carl)
            #expect(jov.side == .jobbtorg && jov.current?.id == id && jov.coDeciders.map(\.id).contains(w.sara.user.id))

            // The two units' views differ: disagreement, on both units' task lists.
            let v1 = try await w.needs.recordView(id: id, category: "K5", parallel: "no", comment: "Heltidssjukskriven till februari", expectedVersion: 1, by: w.sara)
            #expect(v1.version == 2 && v1.districtView?.category == "K5" && !v1.inDisagreement)
            let v2 = try await w.needs.recordView(id: id, category: "K3", parallel: "yes", comment: "Vill börja med språkpraktik", expectedVersion: 2, by: w.carl)
            #expect(v2.version == 3 && v2.jobbtorgView?.category == "K3" && v2.inDisagreement)
            try await w.job.run(personId: p)
            let districtTasks = try await w.openTasks(Self.districtUnit, .needAssessmentDisagreement)
            let jobbtorgTasks = try await w.openTasks(Self.jobbtorgUnit, .needAssessmentDisagreement)
            #expect(districtTasks.map(\.subjectId) == [id] && districtTasks.first?.personId == p && districtTasks.first?.assigneeId == w.sara.user.id)
            #expect(jobbtorgTasks.map(\.subjectId) == [id] && jobbtorgTasks.first?.assigneeId == e.responsibleUserId)
            #expect(districtTasks.first?.dueOn == WorkingDayCalendar.adding(workingDays: 5, to: w.today))
            // Running the job again makes no second task.
            #expect(try await w.job.run(personId: p).created == 0)

            // A decision with a stale version changes nothing.
            #expect(await failure { try await w.needs.decide(id: id, decision("K5", lead: "district", coDecider: w.carl.user.id), expectedVersion: 2, by: w.sara) }?.kind == .stale)
            // A decision deviating from the suggestion (K5) without a reason: refused, nothing saved.
            let noReason = await failure {
                try await w.needs.decide(id: id, decision("K3", lead: "joint", parallel: "yes", coDecider: w.carl.user.id), expectedVersion: 3, by: w.sara)
            }
            #expect(noReason?.kind == .invalid && noReason?.fields.map(\.field) == ["deviationReason"])
            // A too short reason is refused too; so is a joint decision without a co-decider from the other unit.
            let short = await failure {
                try await w.needs.decide(id: id, decision("K3", lead: "joint", parallel: "yes", reason: "Språk", coDecider: w.carl.user.id), expectedVersion: 3, by: w.sara)
            }
            #expect(short?.fields.map(\.field) == ["deviationReason"])
            let noCo = await failure {
                try await w.needs.decide(id: id, decision("K3", lead: "joint", parallel: "yes", reason: "Deltidsarbete möjligt enligt läkare"), expectedVersion: 3, by: w.sara)
            }
            #expect(noCo?.fields.map(\.field) == ["coDeciderId"])
            // A co-decider from the district's own side does not count.
            let ownSide = await failure {
                try await w.needs.decide(
                    id: id, decision("K3", lead: "joint", parallel: "yes", reason: "Deltidsarbete möjligt enligt läkare", coDecider: w.elin.user.id), expectedVersion: 3, by: w.sara)
            }
            #expect(ownSide?.fields.map(\.field) == ["coDeciderId"])
            let unchanged = try #require(try await w.needStore.needAssessment(id: id))
            #expect(unchanged.version == 3 && unchanged.status == .open && unchanged.decision == nil)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM need_assessments WHERE status = 'decided'") == 0)

            // With a reason and the coach as co-decider: a proposal, waiting for the coach; nothing decided yet.
            let proposed = try await w.needs.decide(
                id: id, decision("K3", lead: "joint", parallel: "yes", reason: "Deltidsarbete möjligt enligt läkare", coDecider: w.carl.user.id), expectedVersion: 3,
                by: w.sara)
            #expect(proposed.status == .open && proposed.decision == nil && proposed.version == 4)
            let pending = try #require(proposed.pending)
            #expect(pending.status == .pending && pending.proposerId == w.sara.user.id && pending.coDeciderId == w.carl.user.id)
            #expect(pending.coDeciderUnitId == Self.jobbtorgUnit && pending.category == "K3" && pending.suggested == "K5")
            // It is a task on the coach's own list, at his unit; the disagreement stays until the decision takes effect.
            let confirmTasks = try await w.openTasks(Self.jobbtorgUnit, .needDecisionToConfirm)
            #expect(confirmTasks.map(\.subjectId) == [pending.id] && confirmTasks.first?.assigneeId == w.carl.user.id)
            #expect(try await w.openTasks(Self.districtUnit, .needDecisionToConfirm).isEmpty)
            #expect(try await w.openTasks(Self.districtUnit, .needAssessmentDisagreement).count == 1)
            // A second proposal while one waits is a conflict.
            #expect(
                await failure {
                    try await w.needs.decide(id: id, decision("K5", lead: "district", coDecider: w.carl.user.id), expectedVersion: 4, by: w.sara)
                }?.kind == .conflict)
            // Nobody but the named coach confirms: not the proposer, not the district's manager; nothing changes, the attempts are logged.
            for someone in [w.sara, w.elin] {
                let e = await failure { try await w.needs.answerProposal(id: pending.id, .confirm, by: someone) }
                #expect(e?.kind == .forbidden && e?.message.contains(w.carl.user.displayName) == true)
            }
            #expect(await failure { try await w.needs.answerProposal(id: pending.id, .withdraw, by: w.carl) }?.kind == .forbidden)
            #expect(try await w.logRows("need_decision.confirm", "denied") == 2)
            #expect(try await w.needStore.needAssessment(id: id)?.status == .open)

            // The coach, logged in himself, confirms: now it is decided, in both names.
            w.clock.advance(by: 3600)
            let decided = try await w.needs.answerProposal(id: pending.id, .confirm, by: w.carl)
            #expect(decided.status == .decided && decided.version == 5 && decided.pending == nil)
            #expect(decided.proposals.map(\.status) == [.confirmed] && decided.proposals.first?.answeredById == w.carl.user.id)
            #expect(decided.decision?.decidedAt == w.clock.now())
            // Confirming twice is a conflict; the decision stands.
            #expect(await failure { try await w.needs.answerProposal(id: pending.id, .confirm, by: w.carl) }?.kind == .conflict)
            #expect(try await w.openTasks(Self.jobbtorgUnit, .needDecisionToConfirm).isEmpty)
            #expect(try await w.logRows("need_decision.propose", "allowed") == 1)
            #expect(try await w.logRows("need_decision.confirm", "allowed") == 1)
            let d = try #require(decided.decision)
            #expect(d.category == "K3" && d.lead == .joint && d.parallel && d.reviewOn == LocalDate("2027-02-18"))
            #expect(d.suggested == "K5" && d.ruleVersion == 1 && d.deviates && d.deviationReason == "Deltidsarbete möjligt enligt läkare")
            #expect(d.deciderId == w.sara.user.id && d.coDeciderId == w.carl.user.id && d.coDeciderName == w.carl.user.displayName && d.decidedOn == w.today)
            #expect(try await w.openTasks(Self.districtUnit, .needAssessmentDisagreement).isEmpty)
            #expect(try await w.openTasks(Self.jobbtorgUnit, .needAssessmentDisagreement).isEmpty)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM case_tasks WHERE kind = 'need_assessment_disagreement' AND settled_at IS NOT NULL") == 2)
            // The history lists it; nothing is open any more.
            let after = try await w.needs.overview(personId: p, by: w.sara)
            #expect(after.current == nil && after.history.map(\.id) == [id] && after.history.first?.decision?.category == "K3")
            #expect(try await w.needs.overview(personId: p, by: w.carl).history.map(\.id) == [id])

            // A second decision is refused as a conflict, also with the current version; the first stands.
            #expect(await failure { try await w.needs.decide(id: id, decision("K5", lead: "district", coDecider: w.carl.user.id), expectedVersion: 5, by: w.sara) }?.kind == .conflict)
            #expect(await failure { try await w.needs.recordView(id: id, category: "K5", parallel: "no", comment: "", expectedVersion: 5, by: w.carl) }?.kind == .conflict)
            #expect(try await w.needStore.needAssessment(id: id)?.decision?.category == "K3")
            #expect(try await w.logRows("need_assessment.decide", "allowed") == 0)

            // On the review date both units (joint lead) get the follow-up task.
            w.clock.set(Fixtures.t0.addingTimeInterval(80 * 86_400))  // 2027-02-06: within the 14 days before 2027-02-18
            try await w.job.run(personId: p)
            #expect(try await w.openTasks(Self.districtUnit, .needAssessmentReview).map(\.subjectId) == [id])
            #expect(try await w.openTasks(Self.jobbtorgUnit, .needAssessmentReview).map(\.subjectId) == [id])

            // The review is a new assessment: history keeps both, newest first.
            let review = try await w.needs.start(personId: p, by: w.sara)
            #expect(review.created && review.assessment.id != id)
            #expect(try await w.needs.overview(personId: p, by: w.sara).history.map(\.id) == [review.assessment.id, id])
        }
    }

    @Test("A joint proposal withdrawn by its proposer or declined by the co-decider (with a reason) decides nothing; a withdrawn one cannot be confirmed", arguments: TestDatabase.kinds)
    func proposalWithdrawnOrDeclined(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, _, _) = try await enrolled(w, serial: 317)
            let a = try await w.needs.start(personId: p, by: w.carl).assessment
            // The coach proposes this time, naming the social secretary.
            let first = try #require(try await w.needs.decide(id: a.id, decision("K2", coDecider: w.sara.user.id), expectedVersion: 1, by: w.carl).pending)
            #expect(first.coDeciderUnitId == Self.districtUnit && first.coDeciderCommitteeId == "spanga-tensta")
            try await w.job.run(personId: p)
            #expect(try await w.openTasks(Self.districtUnit, .needDecisionToConfirm).map(\.assigneeId) == [w.sara.user.id])
            // Withdrawn by the coach: the task goes, and the social secretary can no longer confirm it.
            let withdrawn = try await w.needs.answerProposal(id: first.id, .withdraw, by: w.carl)
            #expect(withdrawn.status == .open && withdrawn.pending == nil && withdrawn.proposals.map(\.status) == [.withdrawn])
            #expect(try await w.openTasks(Self.districtUnit, .needDecisionToConfirm).isEmpty)
            let late = await failure { try await w.needs.answerProposal(id: first.id, .confirm, by: w.sara) }
            #expect(late?.kind == .conflict && late?.message.contains("återkallat") == true)
            #expect(await failure { try await w.needs.answerProposal(id: first.id, .withdraw, by: w.carl) }?.kind == .conflict)

            // A new proposal, a minute later; a decline without a reason is refused at its field, nothing saved.
            w.clock.advance(by: 60)
            let second = try #require(try await w.needs.decide(id: a.id, decision("K2", coDecider: w.sara.user.id), expectedVersion: withdrawn.version, by: w.carl).pending)
            let noReason = await failure { try await w.needs.answerProposal(id: second.id, .decline(reason: " "), by: w.sara) }
            #expect(noReason?.kind == .invalid && noReason?.fields.map(\.field) == ["declineReason"])
            #expect(try await w.needStore.needDecisionProposal(id: second.id)?.status == .pending)
            let declined = try await w.needs.answerProposal(id: second.id, .decline(reason: "Vi behöver först prata om språkstödet."), by: w.sara)
            #expect(declined.status == .open && declined.decision == nil)
            #expect(declined.proposals.map(\.status) == [.declined, .withdrawn])
            #expect(declined.proposals.first?.declineReason == "Vi behöver först prata om språkstödet." && declined.proposals.first?.answeredById == w.sara.user.id)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM need_assessments WHERE status = 'decided'") == 0)
            #expect(try await w.logRows("need_decision.withdraw", "allowed") == 1)
            #expect(try await w.logRows("need_decision.decline", "allowed") == 1)
            // The free text never reaches the log.
            #expect(try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE detail LIKE '%språkstödet%'") == 0)
            // Someone of another district cannot even see the proposal.
            #expect(await failure { try await w.needs.answerProposal(id: second.id, .confirm, by: w.olle) }?.kind == .notFound)
        }
    }

    @Test("A declined joint proposal goes back to its proposer as a task; it closes when they propose again or close it, and only they may close it", arguments: TestDatabase.kinds)
    func declinedProposalBackToProposer(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, _, _) = try await enrolled(w, serial: 318)
            let a = try await w.needs.start(personId: p, by: w.carl).assessment
            let first = try #require(try await w.needs.decide(id: a.id, decision("K2", coDecider: w.sara.user.id), expectedVersion: 1, by: w.carl).pending)
            let declined = try await w.needs.answerProposal(id: first.id, .decline(reason: "Vi behöver först prata om språkstödet."), by: w.sara)
            try await w.job.run(personId: p)
            // The coach who proposed gets the task, at the Jobbtorg, about the proposal; the co-decider's task is gone.
            let back = try await w.openTasks(Self.jobbtorgUnit, .needDecisionDeclined)
            #expect(back.map(\.assigneeId) == [w.carl.user.id] && back.map(\.subjectId) == [first.id] && back.map(\.committeeId) == [w.carl.user.committeeId])
            #expect(back.first?.key == NeedDecisionProposal.declinedTaskKey(first.id))
            #expect(try await w.openTasks(Self.districtUnit, .needDecisionToConfirm).isEmpty)
            #expect(try await w.openTasks(Self.districtUnit, .needDecisionDeclined).isEmpty)

            // Proposed again: the task closes.
            w.clock.advance(by: 60)
            let second = try #require(
                try await w.needs.decide(id: a.id, decision("K2", coDecider: w.sara.user.id), expectedVersion: declined.version, by: w.carl).pending)
            try await w.job.run(personId: p)
            #expect(try await w.openTasks(Self.jobbtorgUnit, .needDecisionDeclined).isEmpty)
            // The earlier proposal's task is closed already.
            #expect(await failure { try await w.needs.closeDeclined(id: first.id, by: w.carl) }?.kind == .conflict)

            // Declined again: a new task. The co-decider may not close it; the proposer may, once, and it is not made again.
            _ = try await w.needs.answerProposal(id: second.id, .decline(reason: "Fortfarande oklart med språkstödet."), by: w.sara)
            try await w.job.run(personId: p)
            #expect(try await w.openTasks(Self.jobbtorgUnit, .needDecisionDeclined).map(\.subjectId) == [second.id])
            #expect(await failure { try await w.needs.closeDeclined(id: second.id, by: w.sara) }?.kind == .forbidden)
            #expect(try await w.openTasks(Self.jobbtorgUnit, .needDecisionDeclined).count == 1, "a refusal closes nothing")
            try await w.needs.closeDeclined(id: second.id, by: w.carl)
            try await w.job.run(personId: p)
            #expect(try await w.openTasks(Self.jobbtorgUnit, .needDecisionDeclined).isEmpty)
            #expect(await failure { try await w.needs.closeDeclined(id: second.id, by: w.carl) }?.kind == .conflict)
            #expect(try await w.logRows("need_decision.declined_close", "allowed") == 1)
            #expect(try await w.logRows("need_decision.declined_close", "denied") == 1)
            // Someone of another district cannot even see the proposal.
            #expect(await failure { try await w.needs.closeDeclined(id: second.id, by: w.olle) }?.kind == .notFound)
        }
    }

    // MARK: 2. Bad input

    @Test("Bad input changes nothing: a review date in the past, a role that may not decide, an unknown category", arguments: TestDatabase.kinds)
    func badInput(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let p = try await w.districtCase(1975, 6, 2, serial: 411)
            let a = try await w.needs.start(personId: p, by: w.sara).assessment
            #expect(!a.isJoint)
            let ov = try await w.needs.overview(personId: p, by: w.sara)
            // No answers: the first rule cannot be judged, so the suggestion is "oklart" with what is missing.
            #expect(ov.suggestion.outcome.isUnclear && ov.suggestion.outcome.code == "oklart" && !ov.enrolled)
            #expect(ov.suggestion.missing.map(\.concept) == ["health.sick_leave"])
            #expect(ov.suggestion.missing.first?.askedIn.contains { $0.contains("Del 3") } == true)

            // Review date in the past, today, and more than two years ahead.
            for day in ["2026-11-01", "2026-11-18", "2029-01-01", "2026-02-30", ""] {
                let e = await failure { try await w.needs.decide(id: a.id, decision("K2", reviewOn: day), expectedVersion: 1, by: w.sara) }
                #expect(e?.kind == .invalid && e?.fields.map(\.field) == ["reviewOn"], "review date \(day)")
            }
            // Unknown category, lead and parallel: every field named at once.
            let bad = await failure { try await w.needs.decide(id: a.id, decision("K9", lead: "nobody", parallel: "maybe"), expectedVersion: 1, by: w.sara) }
            #expect(bad?.kind == .invalid && bad?.fields.map(\.field) == ["category", "lead", "parallel"])
            let badView = await failure { try await w.needs.recordView(id: a.id, category: "K9", parallel: "yes", comment: "", expectedVersion: 1, by: w.sara) }
            #expect(badView?.kind == .invalid && badView?.fields.map(\.field) == ["category"])
            let longComment = await failure {
                try await w.needs.recordView(id: a.id, category: "K2", parallel: "no", comment: String(repeating: "x", count: 1001), expectedVersion: 1, by: w.sara)
            }
            #expect(longComment?.fields.map(\.field) == ["comment"])

            // Roles that may not decide or give a view.
            #expect(await failure { try await w.needs.decide(id: a.id, decision("K2"), expectedVersion: 1, by: w.maja) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.recordView(id: a.id, category: "K2", parallel: "no", comment: "", expectedVersion: 1, by: w.maja) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.start(personId: p, by: w.maja) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.decide(id: a.id, decision("K2"), expectedVersion: 1, by: w.analyst) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.decide(id: a.id, decision("K2"), expectedVersion: 1, by: w.admin) }?.kind == .forbidden)
            // The intake officer may read the overview but not act.
            #expect(try await w.needs.overview(personId: p, by: w.maja).canAct == false)
            // A view with a stale version.
            #expect(await failure { try await w.needs.recordView(id: a.id, category: "K2", parallel: "no", comment: "", expectedVersion: 7, by: w.sara) }?.kind == .stale)
            // Another district's social secretary: as if it did not exist.
            #expect(await failure { try await w.needs.decide(id: a.id, decision("K2"), expectedVersion: 1, by: w.olle) }?.kind == .notFound)

            let stored = try #require(try await w.needStore.needAssessment(id: a.id))
            #expect(stored.version == 1 && stored.status == .open && stored.decision == nil && stored.districtView == nil)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM need_assessments WHERE status = 'decided' OR district_category IS NOT NULL") == 0)
            #expect(try await w.logRows("need_assessment.decide", "denied", detail: "role") >= 3)
            #expect(try await w.logRows("need_assessment.decide", "allowed") == 0)

            // Starting for someone without an active district case is refused.
            let noCase = try await w.person(1975, 6, 3, serial: 413)
            #expect(await failure { try await w.needs.start(personId: noCase, by: w.sara) }?.kind == .conflict)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM need_assessments") == 1)

            // A valid decision on the "oklart" suggestion needs no reason and no co-decider (not enrolled).
            let ok = try await w.needs.decide(id: a.id, decision("K2"), expectedVersion: 1, by: w.sara)
            #expect(ok.decision?.suggested == "oklart" && ok.decision?.deviationReason == nil && ok.decision?.coDeciderId == nil && !(ok.decision?.deviates ?? true))
        }
    }

    // MARK: 3. Secrecy

    @Test("Secrecy: Jobbtorg sees the assessment only under a need-assessment consent; the other committee's answers count only under their part's consent", arguments: TestDatabase.kinds)
    func secrecy(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            // Enrolled under a consent that covers only the referral.
            let (p, e, _) = try await enrolled(w, serial: 511, scopes: [.referral])
            try await w.answer(p, part: "del-3", by: w.sara, calmPart3(debts: false))
            try await w.answer(p, part: "del-2", by: w.carl, weakSwedishPart2)
            let a = try await w.needs.start(personId: p, by: w.sara).assessment

            // No consent covering the need assessment: refused for the coach, with the reason, and the denial is logged.
            #expect(await failure { try await w.needs.overview(personId: p, by: w.carl) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.recordView(id: a.id, category: "K2", parallel: "no", comment: "", expectedVersion: 1, by: w.carl) }?.kind == .forbidden)
            #expect(try await w.logRows("need_assessment.read", "denied", detail: "no_consent") == 1)
            let denial = try await SQLAccessLog(database: database).forPerson(p).first { $0.entry.action == "need_assessment.read" }
            #expect(denial?.entry.outcome == .denied && denial?.entry.userId == w.carl.user.id)

            // The district's suggestion without Jobbtorg's part 2: the labour-market half is missing, so "oklart".
            let before = try await w.needs.overview(personId: p, by: w.sara).suggestion
            #expect(before.outcome.isUnclear && before.outcome.ruleId == "k2-arbetsmarknad")
            #expect(Set(before.missing.map(\.concept)) == ["swedish.self_rating", "education.highest_level", "work.has_experience"])

            // A consent covering the need assessment: the coach sees it (and may give the unit's view).
            let needConsent = try await w.flow.recordConsent(personId: p, consentInput([.needAssessment]), by: w.sara)
            let jov = try await w.needs.overview(personId: p, by: w.carl)
            #expect(jov.side == .jobbtorg && jov.current?.id == a.id && jov.canAct)
            // The coach's suggestion does not use the district's part 3 (no consent for it): sick leave is missing.
            #expect(jov.suggestion.outcome.isUnclear && jov.suggestion.missing.map(\.concept) == ["health.sick_leave"])
            #expect(!jov.suggestion.checked.contains { $0.otherCommittee })
            let viewed = try await w.needs.recordView(id: a.id, category: "K2", parallel: "no", comment: "", expectedVersion: 1, by: w.carl)
            #expect(viewed.jobbtorgView?.byId == w.carl.user.id)

            // Jobbtorg's part-2 answers count in the district's suggestion only under a consent covering part 2.
            #expect(try await w.needs.overview(personId: p, by: w.sara).suggestion.outcome.isUnclear)
            let part2Consent = try await w.flow.recordConsent(personId: p, consentInput([.assessmentPart2]), by: w.sara)
            let withPart2 = try await w.needs.overview(personId: p, by: w.sara).suggestion
            #expect(withPart2.outcome.category == "K2" && withPart2.outcome.ruleId == "k2-arbetsmarknad")
            let swedish = try #require(withPart2.reasons.first)
            #expect(withPart2.reasons.count == 1 && swedish.label == "Hur väl klarar du dig på svenska i vardagen och i ett arbete?")
            #expect(swedish.otherCommittee && swedish.source.contains("Del 2"))
            // The part-2 consent does not let the coach see the district's part 3.
            #expect(try await w.needs.overview(personId: p, by: w.carl).suggestion.outcome.isUnclear)
            _ = try await w.flow.withdrawConsent(id: part2Consent.id, expectedVersion: part2Consent.version, by: w.sara)
            #expect(try await w.needs.overview(personId: p, by: w.sara).suggestion.outcome.isUnclear)

            // A district user of another committee: not found.
            #expect(await failure { try await w.needs.overview(personId: p, by: w.olle) }?.kind == .notFound)
            #expect(await failure { try await w.needs.start(personId: p, by: w.olle) }?.kind == .notFound)
            #expect(try await w.logRows("need_assessment.read", "denied", detail: "not_in_committee") == 1)

            // Withdrawal takes effect at once.
            _ = try await w.flow.withdrawConsent(id: needConsent.id, expectedVersion: needConsent.version, by: w.sara)
            #expect(await failure { try await w.needs.overview(personId: p, by: w.carl) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.decide(id: a.id, decision("K2", coDecider: w.sara.user.id), expectedVersion: 2, by: w.carl) }?.kind == .forbidden)
            #expect(try await w.logRows("need_assessment.read", "denied", detail: "no_consent") == 2)
            #expect(try await w.needStore.needAssessment(id: a.id)?.version == 2)
            _ = e
        }
    }

    @Test("Secrecy: a coach of another Jobbtorg unit, where the person is not enrolled, neither reads the assessment nor gives Jobbtorg's view", arguments: TestDatabase.kinds)
    func secrecyOtherJobbtorgUnit(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, _, _) = try await enrolled(w, serial: 521)
            let a = try await w.needs.start(personId: p, by: w.sara).assessment
            #expect(try await w.needs.overview(personId: p, by: w.carl).current?.id == a.id)
            // Vera coaches at Jobbtorg Vällingby; the person is enrolled at Jobbtorg Kista.
            #expect(await failure { try await w.needs.overview(personId: p, by: w.vera) }?.kind == .notFound, "a coach at another Jobbtorg unit read the assessment")
            #expect(
                await failure { try await w.needs.recordView(id: a.id, category: "K2", parallel: "no", comment: "", expectedVersion: 1, by: w.vera) }?.kind == .notFound,
                "a coach at another Jobbtorg unit gave Jobbtorg's view")
            #expect(try await w.needStore.needAssessment(id: a.id)?.jobbtorgView == nil)
        }
    }

    @Test("Secrecy: after the enrolment is closed, Jobbtorg neither reads the assessment nor decides it alone", arguments: TestDatabase.kinds)
    func secrecyAfterClosure(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, e, _) = try await enrolled(w, serial: 531)
            let a = try await w.needs.start(personId: p, by: w.sara).assessment
            #expect(try await w.needs.overview(personId: p, by: w.carl).current?.id == a.id)
            let current = try #require(try await w.flowStore.enrolment(id: e.id))
            _ = try await w.flow.closeEnrolment(id: e.id, reason: "moved", detail: "", closedOn: "", expectedVersion: current.version, by: w.carl)
            // The consent (all scopes, incl. the need assessment) is still active; the enrolment is not.
            #expect(await failure { try await w.needs.overview(personId: p, by: w.carl) }?.kind == .notFound, "Jobbtorg read the assessment after the enrolment closed")
            // Nor may the coach decide the district's joint assessment, now without any co-decider.
            #expect(
                await failure { try await w.needs.decide(id: a.id, decision("K1"), expectedVersion: 1, by: w.carl) }?.kind == .notFound,
                "Jobbtorg decided the district's assessment alone after the enrolment closed")
            #expect(try await w.needStore.needAssessment(id: a.id)?.status == .open)
        }
    }

    // MARK: 4. What-if

    @Test("What-if: version 2 moves people with debts from K2 to K3; a protected trait in a definition is refused; coaches may not run it", arguments: TestDatabase.kinds)
    func whatIf(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            // Five people with debts and weak Swedish (K2 under v1, K3 under v2), one without debts (K2 under both).
            for i in 0..<6 {
                let p = try await w.person(1982, 5, 1 + i, serial: 611 + 2 * i, jobbtorgFile: true)
                try await w.answer(p, part: "del-3", by: w.sara, calmPart3(debts: i < 5))
                try await w.answer(p, part: "del-2", by: w.carl, weakSwedishPart2)
            }
            let r = try await w.needs.whatIf(version: 2, definition: nil, by: w.analyst)
            #expect(r.currentVersion == 1 && r.candidateVersion == 2 && r.people == 6)
            #expect(r.changed == .count(5))
            #expect(r.transitions.map { "\($0.from)→\($0.to)" } == ["K2→K3"] && r.transitions.first?.people == .count(5))
            let k2 = try #require(r.distribution.first { $0.code == "K2" })
            let k3 = try #require(r.distribution.first { $0.code == "K3" })
            #expect(k2.current == .count(6) && k2.candidate == .suppressed && k2.candidate.description == "<5")
            // The candidate column adds up to the 6 people shown: K3's 5 would give K2's "<5" away, so it is withheld.
            #expect(k3.current == .count(0) && k3.candidate == .withheld && k3.candidate.description == "–")
            #expect(r.distribution.last?.code == "oklart")

            // The same version pasted as a definition gives the same result; a unit manager may run it too.
            let v2 = try #require(try NeedRuleCatalog.bundledFiles().first { $0.name.contains("v2") })
            let pasted = try await w.needs.whatIf(version: nil, definition: String(decoding: v2.data, as: UTF8.self), by: w.elin)
            #expect(pasted.transitions == r.transitions && pasted.candidateVersion == 2)

            // A definition reading a protected trait is refused with the reason.
            let v1Text = String(decoding: try #require(try NeedRuleCatalog.bundledFiles().first { $0.name.contains("v1") }).data, as: UTF8.self)
            let byAge = v1Text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 3")
                .replacingOccurrences(of: "\"concept\": \"swedish.self_rating\"", with: "\"concept\": \"person.birth_year\"")
            let refused = await failure { try await w.needs.whatIf(version: nil, definition: byAge, by: w.analyst) }
            #expect(refused?.kind == .invalid && refused?.fields.map(\.field) == ["definition"])
            #expect(refused?.fields.first?.message.contains("protected trait") == true)
            let byKey = """
                {"id": "t", "version": 3, "title": "T", "categories": [{"code": "K1", "title": "A", "description": "B", "lead": "jobbtorg", "parallel": false, "reviewMonths": 6}],
                 "rules": [{"id": "r1", "category": "K1", "explanation": "x", "when": {"gender": "kvinna"}}, {"id": "r2", "category": "K1", "explanation": "y"}]}
                """
            let refusedKey = await failure { try await w.needs.whatIf(version: nil, definition: byKey, by: w.analyst) }
            #expect(refusedKey?.fields.map(\.field) == ["definition"] && refusedKey?.fields.first?.message.contains("gender") == true)
            #expect(await failure { try await w.needs.whatIf(version: nil, definition: "{not json", by: w.analyst) }?.fields.map(\.field) == ["definition"])
            #expect(await failure { try await w.needs.whatIf(version: 9, definition: nil, by: w.analyst) }?.fields.map(\.field) == ["version"])

            // Coaches and social secretaries may not run it.
            #expect(await failure { try await w.needs.whatIf(version: 2, definition: nil, by: w.carl) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.whatIf(version: 2, definition: nil, by: w.sara) }?.kind == .forbidden)
            #expect(try await w.logRows("need_rules.what_if", "denied") == 2)
            #expect(try await w.logRows("need_rules.what_if", "allowed") == 2)
        }
    }

    // MARK: 5. Fairness

    @Test("Fairness report: decisions by gender and age band, small cells suppressed, other periods empty, bad dates refused", arguments: TestDatabase.kinds)
    func fairness(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            // Five men born 1980 (45–54 at the decision) decided K2; two women born 2001 (25–34) decided K1.
            for i in 0..<5 {
                let p = try await w.districtCase(1980, 3, 1 + i, serial: 701 + 2 * i)
                let a = try await w.needs.start(personId: p, by: w.sara).assessment
                _ = try await w.needs.decide(id: a.id, decision("K2"), expectedVersion: 1, by: w.sara)
            }
            for i in 0..<2 {
                let p = try await w.districtCase(2001, 3, 1 + i, serial: 802 + 2 * i)
                let a = try await w.needs.start(personId: p, by: w.sara).assessment
                _ = try await w.needs.decide(id: a.id, decision("K1"), expectedVersion: 1, by: w.elin)
            }
            // An open assessment is not counted.
            let open = try await w.districtCase(1980, 3, 20, serial: 901)
            _ = try await w.needs.start(personId: open, by: w.sara)

            let r = try await w.needs.fairness(from: "2026-11-01", to: "2026-11-30", by: w.analyst)
            let codes = r.categoryCodes
            #expect(codes == ["K1", "K2", "K3", "K4", "K5"])
            let men = try #require(r.byGender.first { $0.group == "Män" })
            let women = try #require(r.byGender.first { $0.group == "Kvinnor" })
            #expect(men.people == .count(5) && men.people.description == "5")
            #expect(men.decided == [.count(0), .count(5), .count(0), .count(0), .count(0)])
            #expect(men.suggested.last == .count(5))  // all "oklart": no answers were stored
            #expect(men.deviations == .count(0))
            #expect(women.people == .suppressed && women.people.description == "<5")
            #expect(women.decided[0] == .suppressed)
            let older = try #require(r.byAge.first { $0.group == AgeBand.from45.swedishName })
            let younger = try #require(r.byAge.first { $0.group == AgeBand.from25.swedishName })
            #expect(older.people == .count(5) && younger.people == .suppressed)
            #expect(r.byAge.first { $0.group == AgeBand.under25.swedishName }?.people == .count(0))
            // The total (7) would give the hidden women's cell away by subtraction: withheld.
            #expect(r.people == .withheld && r.people.description == "–")

            // A unit manager sees the own committee's decisions; another district's manager sees none of them.
            #expect(try await w.needs.fairness(from: "2026-11-01", to: "2026-11-30", by: w.elin).byGender.first { $0.group == "Män" }?.people == .count(5))
            let bromma = try await w.needs.fairness(from: "2026-11-01", to: "2026-11-30", by: w.bror)
            #expect(bromma.byGender.allSatisfy { $0.people == .count(0) } && bromma.people == .count(0))

            // A period without the decisions: zeros.
            let empty = try await w.needs.fairness(from: "2026-01-01", to: "2026-10-31", by: w.analyst)
            #expect(empty.people == .count(0) && empty.byGender.allSatisfy { $0.people == .count(0) && $0.decided.allSatisfy { $0 == .count(0) } })
            #expect(empty.byAge.allSatisfy { $0.people == .count(0) })

            // Bad dates are refused by field.
            #expect(await failure { try await w.needs.fairness(from: "2026-13-01", to: "2026-11-30", by: w.analyst) }?.fields.map(\.field) == ["from"])
            #expect(await failure { try await w.needs.fairness(from: "2026-11-30", to: "2026-11-01", by: w.analyst) }?.fields.map(\.field) == ["to"])
            #expect(await failure { try await w.needs.fairness(from: "", to: "i morgon", by: w.analyst) }?.fields.map(\.field) == ["from", "to"])
            // Caseworkers may not see it.
            #expect(await failure { try await w.needs.fairness(from: "2026-11-01", to: "2026-11-30", by: w.sara) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.fairness(from: "2026-11-01", to: "2026-11-30", by: w.carl) }?.kind == .forbidden)
        }
    }

    @Test("Without an active district case neither unit can start an assessment, and nothing is stored", arguments: TestDatabase.kinds)
    func noActiveCase(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, _, _) = try await enrolled(w, serial: 931)
            try await database.write { sql in try await sql.raw("UPDATE district_cases SET status = 'closed' WHERE person_id = \(bind: p.uuidString)").run() }
            #expect(await failure { try await w.needs.start(personId: p, by: w.carl) }?.kind == .conflict)
            #expect(await failure { try await w.needs.start(personId: p, by: w.sara) }?.kind == .conflict)
            struct N: Decodable { let n: Int }
            let stored = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM need_assessments WHERE person_id = \(bind: p.uuidString)").first(decoding: N.self)?.n
            }
            #expect(stored == 0)
        }
    }

    // MARK: 6. Rule catalogue

    @Test("Rule catalogue: loading again works, changed text for a stored version is refused, only an administrator takes a version into use", arguments: TestDatabase.kinds)
    func ruleCatalogue(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let files = try NeedRuleCatalog.bundledFiles()
            #expect(try await w.needStore.ruleVersions().keys.sorted() == [1, 2])
            // Loading the same files again (a restart) works and stores nothing new.
            let again = try await NeedRuleCatalog.load(files: files, instruments: w.instruments, obstacles: .default, store: w.needStore, at: w.clock.now())
            #expect(again.versions.map(\.version) == [1, 2] && again.activeVersion == 1)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM need_rule_versions") == 2)
            // A stored version's file that is gone is kept.
            let onlyV2 = try await NeedRuleCatalog.load(files: files.filter { $0.name.contains("v2") }, instruments: w.instruments, obstacles: .default, store: w.needStore, at: w.clock.now())
            #expect(onlyV2.versions.map(\.version) == [1, 2])

            // Version 1 with changed text is refused: a change needs a new version number.
            let changed = files.map { f in
                f.name.contains("v1") ? (name: f.name, data: Data(String(decoding: f.data, as: UTF8.self).replacingOccurrences(of: "\"Arbetsredo\"", with: "\"Redo för arbete\"").utf8)) : f
            }
            #expect(changed.map(\.data) != files.map(\.data))
            do {
                _ = try await NeedRuleCatalog.load(files: changed, instruments: w.instruments, obstacles: .default, store: w.needStore, at: w.clock.now())
                Issue.record("a changed version 1 was loaded")
            } catch let e as NeedRuleDefinitionError {
                #expect(e.problem.contains("differs") && e.file.contains("v1"))
                #expect(e.description.contains("version 2"))
            }
            // Two files for one version are refused.
            do {
                _ = try await NeedRuleCatalog.load(files: files + [(name: "copy.json", data: files[0].data)], instruments: w.instruments, obstacles: .default, store: w.needStore, at: w.clock.now())
                Issue.record("two files for one version were loaded")
            } catch let e as NeedRuleDefinitionError {
                #expect(e.problem.contains("also defined"))
            }
            #expect(try await w.needStore.ruleVersions()[1] == NeedRuleCatalog.canonicalJSON(try #require(again.version(1))))

            // Only an administrator takes a version into use.
            #expect(try await w.needs.activeRules().version == 1)
            #expect(await failure { try await w.needs.activate(version: 2, by: w.sara) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.activate(version: 2, by: w.analyst) }?.kind == .forbidden)
            #expect(await failure { try await w.needs.activate(version: 2, by: w.elin) }?.kind == .forbidden)
            #expect(try await w.needs.activeRules().version == 1)
            #expect(await failure { try await w.needs.activate(version: 7, by: w.admin) }?.kind == .notFound)
            try await w.needs.activate(version: 2, by: w.admin)
            #expect(try await w.needs.activeRules().version == 2)
            #expect(try await w.logRows("need_rules.activate", "allowed") == 1)
            #expect(try await w.logRows("need_rules.activate", "denied") == 3)
            // A restart keeps the version in use; new suggestions and decisions use it.
            let reloaded = try await NeedRuleCatalog.load(files: files, instruments: w.instruments, obstacles: .default, store: w.needStore, at: w.clock.now())
            #expect(reloaded.activeVersion == 2 && reloaded.active?.version == 2)
            let p = try await w.districtCase(1990, 1, 15, serial: 991)
            #expect(try await w.needs.overview(personId: p, by: w.sara).suggestion.ruleVersion == 2)
            let a = try await w.needs.start(personId: p, by: w.sara).assessment
            #expect(try await w.needs.decide(id: a.id, decision("K2"), expectedVersion: 1, by: w.sara).decision?.ruleVersion == 2)
            // What-if now compares against version 2.
            #expect(try await w.needs.whatIf(version: 1, definition: nil, by: w.admin).currentVersion == 2)
        }
    }
}
