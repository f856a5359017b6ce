import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// The other committee's records under consent, through the services on both real databases: every record kind
/// (parts 1/2/3, FIA, plans, meetings, attendance, need assessment, journal) × every consent state (active,
/// upcoming, expired, withdrawn, none, a consent to another Jobbtorg unit). Each case reads the record as the
/// other committee and checks that it is seen exactly under an active consent covering it, that the read (or
/// its denial, with the reason) is in the access log, and — for the parts — that the answers pre-fill the other
/// committee's part with their source. Then: withdrawal stops it at once, and the joint suggestion keeps using the
/// shared answers after the enrolment closed.
@Suite("Records shared under consent on real databases")
struct SharedRecordsTests {
    struct World {
        let db: Database
        let clock: ManualClock
        let flow: CaseFlowService
        let flowStore: SQLCaseFlowStore
        let assessments: AssessmentService
        let needs: NeedAssessmentService
        let journal: JournalService
        let directory: PersonDirectory
        let instruments: InstrumentCatalog
        /// District (Spånga-Tensta): social secretary and intake officer; Jobbtorg Kista coach.
        let sara: Actor, maja: Actor, carl: Actor

        var today: LocalDate { LocalDate(clock.now()) }

        func count(_ sql: String) async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await db.read { db in try await db.raw(SQLQueryString(sql)).first(decoding: N.self)?.n ?? -1 }
        }
        func logRows(_ person: UUID, _ action: String, _ outcome: String, detail: String? = nil) async throws -> Int {
            try await count(
                "SELECT COUNT(*) AS n FROM access_log WHERE UPPER(person_id) = '\(person.uuidString.uppercased())' AND action = '\(action)' AND outcome = '\(outcome)'"
                    + (detail.map { " AND detail = '\($0)'" } ?? ""))
        }

        /// Starts the part and saves a valid answer to every required question that is shown (plus `extra`), then
        /// completes it unless `complete` is false.
        @discardableResult
        func fill(
            _ personId: UUID, _ instrument: String, _ partId: String, by actor: Actor, extra: [String: AnswerValue] = [:], skip: Set<String> = [], complete: Bool = true
        ) async throws
            -> AssessmentResponse
        {
            let r = try await assessments.start(personId: personId, instrumentId: instrument, partId: partId, by: actor).response
            let part = try #require(instruments.latest(instrument)?.part(partId))
            var answers: [String: AnswerValue] = [:]
            for q in part.questions {
                if let v = extra[q.id] { answers[q.id] = v; continue }
                guard q.required, !skip.contains(q.id), Branching.isEnabled(q, answers: answers) else { continue }
                answers[q.id] = SharedRecordsTests.value(for: q)
            }
            let saved = try await assessments.save(responseId: r.id, expectedVersion: nil, answers: answers.mapValues { .some($0) }, by: actor)
            guard complete else { return saved }
            return try await assessments.complete(responseId: r.id, expectedVersion: saved.version, by: actor)
        }
    }

    static func value(for q: QuestionDefinition) -> AnswerValue {
        switch q.type {
        case .yesNo: .bool(false)
        case .singleChoice: .choice(q.options?.first?.value ?? "")
        case .multipleChoice: .choices([q.options?.first?.value ?? ""])
        case .number: .number(q.min ?? 1)
        case .scale: .scale(Int(q.min ?? 1))
        case .date: .date("2026-11-02")
        case .text: .text("Svar i egna ord.")
        }
    }

    static let districtUnit = "spanga-tensta-ekonomiskt-bistand"
    static let jobbtorgUnit = "jobbtorg-kista"
    static let labour = "arbetsmarknadsnamnden"

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
        return World(
            db: db, clock: clock, flow: flow, flowStore: flowStore,
            assessments: AssessmentService(catalog: instruments, store: answerStore, persons: persons, log: log, clock: clock, consents: flowStore),
            needs: NeedAssessmentService(
                store: needStore, flow: flowStore, answers: answerStore, persons: persons, users: SQLUserStore(database: db), log: log, clock: clock,
                catalog: rules, instruments: instruments),
            journal: JournalService(store: SQLJournalStore(database: db), persons: persons, consents: flowStore, log: log, clock: clock),
            directory: PersonDirectory(persons: persons, log: log, clock: clock), instruments: instruments,
            sara: try await actor("sara", .socialSecretary, Self.districtUnit), maja: try await actor("maja", .intakeOfficer, "spanga-tensta-mottagning"),
            carl: try await actor("carl", .coach, Self.jobbtorgUnit))
    }

    /// The consent states of the table, on the test's today (2026-11-18).
    enum State: String, CaseIterable, Sendable {
        case active, upcoming, expired, withdrawn, none
        /// A valid consent naming another Jobbtorg unit (Vällingby) than the one the person is enrolled at.
        case otherUnit

        var shares: Bool { self == .active }
        /// The access log's detail of a denied read.
        var refusal: String {
            switch self {
            case .active: ""
            case .upcoming: "consent_upcoming"
            case .expired: "consent_expired"
            case .withdrawn: "consent_withdrawn"
            case .none: "no_consent"
            case .otherUnit: "consent_other_unit"
            }
        }
    }

    /// A consent in the state, covering only `scope`, recorded straight in the store (the form refuses a consent
    /// that has already ended, and this table needs one).
    func addConsent(_ w: World, _ p: UUID, _ state: State, _ scope: Consent.Scope) async throws {
        let from: String, to: String
        switch state {
        case .upcoming: (from, to) = ("2026-11-25", "2027-06-30")
        case .expired: (from, to) = ("2025-11-01", "2026-11-17")
        default: (from, to) = ("2026-11-18", "2027-06-30")
        }
        guard state != .none else { return }
        let c = Consent(
            id: UUID(), personId: p, committeeId: "spanga-tensta", recipientCommitteeId: Self.labour,
            recipientUnitId: state == .otherUnit ? "jobbtorg-vallingby" : nil, scopes: [scope], purpose: "Planering mot arbete med Jobbtorg",
            validFrom: LocalDate(from)!, validTo: LocalDate(to)!, method: .written, recordedBy: w.sara.user.id, recordedByName: w.sara.user.displayName,
            recordedAt: w.clock.now())
        try await w.flowStore.addConsent(
            c, audit: AccessLogEntry(at: w.clock.now(), requestId: "t", actor: w.sara.user, personId: p, action: .consentRecord, outcome: .allowed, detail: "test"))
        if state == .withdrawn { _ = try await w.flow.withdrawConsent(id: c.id, expectedVersion: c.version, by: w.sara) }
    }

    /// A person with a district case and försörjningshinder, referred under a referral-only consent and enrolled at
    /// Jobbtorg Kista by the coach; the referral consent is then withdrawn, so only the table's consent counts.
    func enrolled(_ w: World, serial: Int) async throws -> (person: UUID, enrolment: Enrolment) {
        let input = Fixtures.personInput(Fixtures.personnummer(1984, 3, serial % 28 + 1, serial: serial), "Delad", "Person\(serial)")
        let p = try await w.directory.register(input, by: w.sara).person.id
        _ = try await w.flow.openCase(personId: p, .init(source: "application", channel: "visit", openedOn: ""), by: w.sara)
        _ = try await w.flow.addObstacle(personId: p, adult: "applicant", code: "arbetslos_ingen_ersattning", judgedOn: "", by: w.sara)
        let referralConsent = try await w.flow.recordConsent(
            personId: p,
            .init(recipient: Self.labour, scopes: ["referral"], purpose: "Remiss till Jobbtorg", validFrom: "2026-11-18", validTo: "2027-06-30", method: "written"),
            by: w.sara)
        let r = try await w.flow.refer(
            personId: p,
            .init(
                toUnitId: Self.jobbtorgUnit, route: "three_party_meeting", sessionId: "", meetingDate: "2026-11-20", meetingTime: "10:00",
                reason: "Vill ha stöd att hitta arbete inom lager", workShouldBeTried: false, fullTimeProgramme: false, jointAgreement: false, exceptionReason: ""),
            by: w.sara)
        let accepted = try await w.flow.answerReferral(id: r.id, accept: true, declineReason: "", enrolledOn: "", expectedVersion: r.version, by: w.carl)
        _ = try await w.flow.withdrawConsent(id: referralConsent.id, expectedVersion: referralConsent.version, by: w.sara)
        return (p, try #require(try await w.flowStore.enrolment(id: accepted.enrolmentId!)))
    }

    /// True when the call succeeds, false when it is refused as not found or forbidden.
    func readable<T>(_ body: () async throws -> T) async throws -> Bool {
        do {
            _ = try await body()
            return true
        } catch let e as DomainError where e.kind == .notFound || e.kind == .forbidden {
            return false
        }
    }

    static let kinds: [SharedRecordKind] = [.assessmentPart1, .assessmentPart2, .assessmentPart3, .fia, .plan, .meeting, .attendance, .needAssessment, .journal]

    @Test("Every record kind × consent state: the other committee sees it, read only and logged, exactly under an active consent covering it",
        arguments: TestDatabase.kinds)
    func table(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            var serial = 100
            for kind in Self.kinds {
                for state in State.allCases {
                    serial += 1
                    let label = "\(kind.rawValue) × \(state.rawValue)"
                    let (p, e) = try await enrolled(w, serial: serial)
                    switch kind {
                    case .assessmentPart1, .assessmentPart3, .fia:
                        // The district's part, read by the coach; its answers pre-fill the coach's part 2 (FIA: the work part).
                        let (owner, instrument, part): (Actor, String, String) =
                            switch kind {
                            case .assessmentPart1: (w.maja, "initial-bedomning", "del-1")
                            case .assessmentPart3: (w.sara, "initial-bedomning", "del-3")
                            default: (w.sara, "fia", "social")
                            }
                        let extra: [String: AnswerValue] =
                            switch kind {
                            case .assessmentPart1: ["p1-af": .bool(true), "p1-occupation": .choice("deltid")]
                            case .assessmentPart3: ["p3-af": .bool(true), "p3-occupation": .choice("deltid")]
                            default: [:]
                            }
                        let district = try await w.fill(p, instrument, part, by: owner, extra: extra)
                        try await addConsent(w, p, state, kind.scope)
                        let sees = try await readable { try await w.assessments.open(responseId: district.id, by: w.carl) }
                        #expect(sees == state.shares, "\(label): the coach opened the district's part")
                        let listed = try await w.assessments.sharedResponses(personId: p, by: w.carl).map(\.id)
                        #expect(listed == (state.shares ? [district.id] : []), "\(label): the overview lists the district's part")
                        if state.shares {
                            let sheet = try await w.assessments.open(responseId: district.id, by: w.carl)
                            #expect(!sheet.canEdit && sheet.sharedUnderConsent && !sheet.answers.isEmpty, "\(label)")
                            // Nothing is changed across committees.
                            let refused = try await readable {
                                try await w.assessments.save(responseId: district.id, expectedVersion: nil, answers: [:], by: w.carl)
                            }
                            #expect(!refused, "\(label): the coach changed the district's part")
                            #expect(try await w.logRows(p, "assessment.read", "allowed", detail: "test consent") >= 1, "\(label)")
                        } else {
                            #expect(try await w.logRows(p, "assessment.read", "denied", detail: state.refusal) == 1, "\(label): the denial is logged with its reason")
                        }
                        if kind != .fia {
                            let own = try await w.fill(p, "initial-bedomning", "del-2", by: w.carl, complete: false)
                            let proposals = try await w.assessments.open(responseId: own.id, by: w.carl).proposals
                            #expect((proposals["p2-af"] != nil) == state.shares, "\(label): part 2 pre-filled from the district's part")
                            if let af = proposals["p2-af"] {
                                #expect(af.value == .bool(true) && af.source.response.id == district.id && af.source.response.unitId == owner.user.unitId, "\(label)")
                                #expect(proposals["p2-occupation"]?.value == .choice("deltid"), "\(label)")
                            }
                        }
                    case .assessmentPart2:
                        // Jobbtorg's part 2, read by the district; its answers pre-fill the district's part 3.
                        let jobbtorg = try await w.fill(p, "initial-bedomning", "del-2", by: w.carl, extra: ["p2-af": .bool(true)])
                        try await addConsent(w, p, state, kind.scope)
                        #expect(try await readable { try await w.assessments.open(responseId: jobbtorg.id, by: w.sara) } == state.shares, "\(label)")
                        let own = try await w.fill(p, "initial-bedomning", "del-3", by: w.sara, skip: ["p3-af", "p3-occupation"], complete: false)
                        let proposal = try await w.assessments.open(responseId: own.id, by: w.sara).proposals["p3-af"]
                        #expect((proposal?.source.response.id == jobbtorg.id) == state.shares, "\(label): part 3 pre-filled from Jobbtorg's part 2")
                        if !state.shares { #expect(try await w.logRows(p, "assessment.read", "denied", detail: state.refusal) == 1, "\(label)") }
                    case .plan:
                        let jobPlan = try await w.flow.createPlan(
                            personId: p, kind: .jobPlan,
                            .init(goal: "Få ett arbete inom lager på heltid", subGoals: [.init(what: "Skriva CV med coach", responsible: "Personen", date: "2026-12-01")],
                                nextFollowUp: "2027-01-15"), by: w.carl)
                        try await addConsent(w, p, state, kind.scope)
                        #expect(try await readable { try await w.flow.plan(id: jobPlan.id, by: w.sara) } == state.shares, "\(label)")
                        #expect(try await w.flow.overview(personId: p, by: w.sara).plans.map(\.id) == (state.shares ? [jobPlan.id] : []), "\(label)")
                        if !state.shares { #expect(try await w.logRows(p, "plan.read", "denied") == 1, "\(label)") }
                    case .meeting:
                        let m = try await w.flow.bookMeeting(enrolmentId: e.id, kind: "three_party", date: "2027-02-15", time: "10:00", by: w.carl)
                        try await addConsent(w, p, state, kind.scope)
                        #expect(try await readable { try await w.flow.meeting(id: m.id, by: w.sara) } == state.shares, "\(label)")
                        #expect(try await w.flow.overview(personId: p, by: w.sara).meetings.map(\.id) == (state.shares ? [m.id] : []), "\(label)")
                        if state.shares {
                            #expect(try await w.flow.meeting(id: m.id, by: w.sara).sharedFrom == Self.jobbtorgUnit, "\(label)")
                            #expect(try await w.logRows(p, "meeting.read", "allowed", detail: "test consent") >= 1, "\(label)")
                        } else {
                            #expect(try await w.logRows(p, "meeting.read", "denied", detail: state.refusal) == 1, "\(label)")
                        }
                    case .attendance:
                        _ = try await w.flow.recordAttendance(enrolmentId: e.id, date: "2026-11-18", activity: "Jobbsökarverkstad", status: "present", note: "", by: w.carl)
                        try await addConsent(w, p, state, kind.scope)
                        #expect(try await readable { try await w.flow.attendance(enrolmentId: e.id, by: w.sara) } == state.shares, "\(label)")
                        #expect((try await w.flow.overview(personId: p, by: w.sara).attendance[e.id] != nil) == state.shares, "\(label)")
                    case .needAssessment:
                        let a = try await w.needs.start(personId: p, by: w.sara).assessment
                        try await addConsent(w, p, state, kind.scope)
                        let seen = try await readable { try await w.needs.overview(personId: p, by: w.carl) }
                        #expect(seen == state.shares, "\(label)")
                        if state.shares { #expect(try await w.needs.overview(personId: p, by: w.carl).current?.id == a.id, "\(label)") }
                    case .journal:
                        let n = try await w.journal.write(personId: p, JournalInput(kind: "visit", eventDate: "2026-11-18", text: "Nybesök."), by: w.sara)
                        _ = try await w.journal.sign(id: n.id, expectedVersion: n.version, by: w.sara)
                        try await addConsent(w, p, state, kind.scope)
                        let seen = try await w.journal.journal(personId: p, by: w.carl).entries.map(\.note.id)
                        #expect(seen == (state.shares ? [n.id] : []), "\(label)")
                    case .referral:
                        break
                    }
                }
            }
        }
    }

    @Test("Withdrawal stops sharing at once; the joint suggestion uses the shared answers after the enrolment closed, while the consent is valid",
        arguments: TestDatabase.kinds)
    func withdrawalAndClosedEnrolment(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let w = try await world(database)
            let (p, e) = try await enrolled(w, serial: 901)
            let part1 = try await w.fill(p, "initial-bedomning", "del-1", by: w.maja, extra: ["p1-af": .bool(true)])
            _ = try await w.fill(
                p, "initial-bedomning", "del-3", by: w.sara,
                extra: [
                    "p3-sick-leave": .choice("nej"), "p3-substance": .choice("nej"), "p3-mental": .choice("nej"), "p3-housing": .choice("eget_kontrakt"),
                    "p3-physical": .bool(false), "p3-network": .choice("ja_flera"), "p3-debts": .bool(false),
                ])
            // Jobbtorg's part 2 with weak Swedish: the district's suggestion (K2) rests on it.
            let part2 = try await w.fill(
                p, "initial-bedomning", "del-2", by: w.carl, extra: ["p2-swedish": .scale(1), "p2-education": .choice("gymnasium"), "p2-experience": .bool(true)])
            let consent = try await w.flow.recordConsent(
                personId: p,
                .init(
                    recipient: Self.labour, scopes: ["assessment_part1", "assessment_part2", "need_assessment"], purpose: "Planering mot arbete med Jobbtorg",
                    validFrom: "2026-11-18", validTo: "2027-06-30", method: "written"), by: w.sara)
            _ = try await w.needs.start(personId: p, by: w.sara)
            let before = try await w.needs.overview(personId: p, by: w.sara).suggestion
            #expect(before.outcome.category == "K2" && before.missing.isEmpty, "the district's suggestion asks for part 2's answers that exist")
            #expect(before.reasons.contains { $0.otherCommittee && $0.source.contains("Del 2") })

            // The enrolment closes; the consent is still valid: the suggestion still uses part 2, and the part is still read.
            let current = try #require(try await w.flowStore.enrolment(id: e.id))
            _ = try await w.flow.closeEnrolment(id: e.id, reason: "other_income", detail: "", closedOn: "", expectedVersion: current.version, by: w.carl)
            let after = try await w.needs.overview(personId: p, by: w.sara).suggestion
            #expect(after.outcome.category == "K2" && after.missing.isEmpty, "the suggestion fell back when the enrolment closed")
            #expect(try await w.assessments.open(responseId: part2.id, by: w.sara).sharedUnderConsent)
            #expect(try await w.assessments.open(responseId: part1.id, by: w.carl).sharedUnderConsent)
            #expect(try await w.assessments.overview(personId: p, by: w.carl).contains { $0.source.response.id == part1.id })

            // Withdrawn: at once, nothing of the other committee's is read, proposed or counted.
            _ = try await w.flow.withdrawConsent(id: consent.id, expectedVersion: consent.version, by: w.sara)
            #expect(try await readable { try await w.assessments.open(responseId: part2.id, by: w.sara) } == false)
            #expect(try await readable { try await w.assessments.open(responseId: part1.id, by: w.carl) } == false)
            #expect(try await w.assessments.sharedResponses(personId: p, by: w.carl).isEmpty)
            let withdrawn = try await w.needs.overview(personId: p, by: w.sara).suggestion
            #expect(withdrawn.outcome.isUnclear && withdrawn.missing.contains { $0.concept == "swedish.self_rating" } && !withdrawn.checked.contains { $0.otherCommittee })
            #expect(try await w.logRows(p, "assessment.read", "denied", detail: "consent_withdrawn") == 2)
            // What is already known, as the coach sees it, no longer names the district's part 1.
            #expect(try await w.assessments.overview(personId: p, by: w.carl).allSatisfy { $0.source.response.committeeId == Self.labour })
        }
    }
}
