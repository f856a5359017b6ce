import Foundation
import Testing

@testable import SamsynDomain

@Suite("Acute needs and task lists: the rule file, evaluation, the Akut task, filters and bulk reassignment")
struct AcuteNeedTests {
    let instruments: InstrumentCatalog
    let rules: AcuteNeedRuleSet
    let part1: PartDefinition
    let part3: PartDefinition

    init() throws {
        let instruments = InstrumentCatalog(try InstrumentCatalog.bundledFiles().map { try InstrumentCatalog.decode(file: $0.name, data: $0.data) })
        self.instruments = instruments
        rules = try AcuteNeedRules.load(files: try AcuteNeedRules.bundledFiles(), instruments: instruments)
        let initial = try #require(instruments.latest("initial-bedomning"))
        part1 = try #require(initial.part("del-1"))
        part3 = try #require(initial.part("del-3"))
    }

    func answers(_ values: [String: AnswerValue], in part: PartDefinition) -> [StoredAnswer] {
        values.map { StoredAnswer(responseId: UUID(), questionId: $0.key, concept: part.question($0.key)?.concept, value: $0.value, sensitive: false, answeredAt: Date(), answeredBy: UUID(), sourceResponseId: nil) }
    }

    func ids(_ values: [String: AnswerValue], _ part: PartDefinition? = nil) -> [String] {
        let p = part ?? part1
        return AssessmentService.acuteRuleIds(rules, instrumentId: "initial-bedomning", part: p, answers: answers(values, in: p))
    }

    // MARK: The shipped rule file

    @Test("The shipped file loads against the shipped instruments and names food, home, threats and children")
    func shippedFile() {
        #expect(rules.id == "akuta-behov" && rules.version == 1)
        #expect(Set(rules.rules.map(\.id)).isSuperset(of: ["mat", "boende", "hot", "barn"]))
        let reads = AcuteNeedRules.reads(rules)
        #expect(reads.questions.contains("initial-bedomning/p1-urgent") && reads.concepts.contains("safety.threats_now"))
    }

    @Test("Part 1 answers: food, the home and a child are acute; nothing urgent is not")
    func partOneEvaluation() {
        #expect(ids(["p1-urgent": .choices(["mat"])]) == ["mat"])
        #expect(ids(["p1-urgent": .choices(["inget"]), "p1-housing": .choice("eget_kontrakt"), "p1-housing-risk": .bool(false), "p1-threat": .bool(false)]).isEmpty)
        #expect(ids(["p1-urgent": .choices(["barn", "mat"])]) == ["mat", "barn"])
        // Losing the home, three ways: asked for help with it, at risk of losing it, or homeless now.
        #expect(ids(["p1-housing": .choice("andrahand"), "p1-housing-risk": .bool(true)]) == ["boende"])
        #expect(ids(["p1-housing": .choice("akut_hemlos")]) == ["boende"])
        #expect(ids(["p1-threat": .bool(true)]) == ["hot"])
    }

    @Test("An answer hidden by branching, a declined answer and another part's question by id do not count; a concept counts in any part")
    func branchingDeclinedAndConcepts() {
        // p1-housing-risk is not asked when the person is homeless now; a stale answer to it is ignored.
        #expect(ids(["p1-housing": .choice("eget_kontrakt"), "p1-housing-risk": .bool(true)]) == ["boende"])
        #expect(ids(["p1-threat": .declined]).isEmpty)
        // Part 3 asks threats by the same concept: acute there too; its own housing-risk question is not in the rules.
        #expect(ids(["p3-threat": .bool(true)], part3) == ["hot"])
        #expect(ids(["p3-housing-risk": .bool(true)], part3).isEmpty)
        #expect(ids(["p3-housing": .choice("akut_hemlos")], part3) == ["boende"])
        // A question of another instrument with the same id is not the rule's question.
        let other = AcuteNeedRules.evaluate(rules, AcuteAnswers(instrumentId: "annat-instrument", values: ["p1-urgent": .choices(["mat"])], concepts: [:]))
        #expect(other.isEmpty)
    }

    // MARK: Validation

    func file(_ rulesJSON: String, id: String = "akuta-behov", version: Int = 1) -> Data {
        Data(#"{"id":"\#(id)","version":\#(version),"title":"Akuta behov","rules":\#(rulesJSON)}"#.utf8)
    }

    func refusal(_ data: Data) -> String? {
        do {
            _ = try AcuteNeedRules.decode(file: "x.json", data: data, instruments: instruments)
            return nil
        } catch { return error.description }
    }

    @Test("A bad rule file is refused with the file, the rule and what is wrong")
    func validation() {
        #expect(refusal(file(#"[{"id":"mat","title":"Mat","when":{"question":"p1-urgent","instrument":"initial-bedomning","operator":"includes","value":"mat"}}]"#)) == nil)
        #expect(
            refusal(file(#"[{"id":"mat","title":"Mat","when":{"question":"p1-nothing","instrument":"initial-bedomning","operator":"includes","value":"mat"}}]"#))
                == "acute-need rules x.json, rule \"mat\": question \"p1-nothing\" is not a question of initial-bedomning version 2")
        #expect(
            refusal(file(#"[{"id":"mat","title":"Mat","when":{"question":"p1-urgent","instrument":"initial-bedomning","operator":"includes","value":"pizza"}}]"#))?
                .contains("\"pizza\" is not an option of the question") == true)
        #expect(refusal(file(#"[{"id":"x","title":"X","when":{"question":"p1-urgent","instrument":"saknas","operator":"includes","value":"mat"}}]"#))?.contains("instrument \"saknas\" is not loaded") == true)
        #expect(refusal(file(#"[{"id":"x","title":"X","when":{"concept":"no.such","operator":"equals","value":true}}]"#))?.contains("concept \"no.such\" is not asked") == true)
        #expect(refusal(file(#"[{"id":"x","title":"X","when":{"concept":"safety.threats_now","operator":"equals","value":"ja"}}]"#))?.contains("single-choice") == true)
        #expect(refusal(file(#"[{"id":"x","title":"X","when":{"concept":"safety.threats_now","operator":"answered"}}]"#))?.contains("name the answer that is acute") == true)
        #expect(refusal(file(#"[{"id":"x","title":"X","when":{"question":"p1-reason","instrument":"initial-bedomning","operator":"equals","value":"x"}}]"#))?.contains("cannot signal") == true)
        #expect(refusal(file("[]"))?.contains("at least one rule") == true)
        #expect(refusal(file(#"[{"id":"a","title":"A","when":{"any":[]}}]"#))?.contains("any/all needs at least one condition") == true)
        #expect(
            refusal(
                file(
                    #"[{"id":"a","title":"A","when":{"concept":"safety.threats_now","operator":"equals","value":true}},{"id":"a","title":"B","when":{"concept":"safety.threats_now","operator":"equals","value":true}}]"#
                ))?.contains("two rules have this id") == true)
        #expect(refusal(file(#"[{"id":"a","title":"A","when":{"kön":"x"}}]"#)) != nil)
        #expect(refusal(Data("{".utf8))?.contains("x.json") == true)
        // Two files of one version stop the start too.
        let one = (name: "a.json", data: file(#"[{"id":"a","title":"A","when":{"concept":"safety.threats_now","operator":"equals","value":true}}]"#))
        #expect(throws: AcuteNeedRuleError.self) { try AcuteNeedRules.load(files: [one, (name: "b.json", data: one.data)], instruments: instruments) }
        #expect(throws: AcuteNeedRuleError.self) { try AcuteNeedRules.load(files: [], instruments: instruments) }
    }

    // MARK: The Akut task

    func need(committee: String = "spanga-tensta", handled: Bool = false) -> AcuteNeed {
        AcuteNeed(
            id: UUID(), personId: UUID(), committeeId: committee, responseId: UUID(), ruleVersion: 1, ruleIds: ["mat"], detectedAt: Date(timeIntervalSince1970: 1_795_000_000),
            detectedBy: UUID(), handledAt: handled ? Date() : nil, handledBy: handled ? UUID() : nil, handledByName: handled ? "Sara" : nil, handledNote: handled ? "Gjort" : nil)
    }

    func snapshot(_ needs: [AcuteNeed], cases: [DistrictCase] = []) -> CaseFlowSnapshot {
        var s = CaseFlowSnapshot()
        s.acuteNeeds = needs
        s.cases = cases
        s.unitCommittee = ["spanga-tensta-mottagning": "spanga-tensta", "spanga-tensta-ekonomiskt-bistand": "spanga-tensta"]
        s.unitKind = ["spanga-tensta-mottagning": .intake, "spanga-tensta-ekonomiskt-bistand": .financialAid]
        return s
    }

    func districtCase(_ personId: UUID, unit: String, worker: UUID) -> DistrictCase {
        DistrictCase(
            id: UUID(), personId: personId, committeeId: "spanga-tensta", unitId: unit, responsibleUserId: worker, openedOn: LocalDate("2026-11-18")!, source: .application,
            channel: .phone, status: .active, closedOn: nil, createdAt: Date(), version: 1)
    }

    @Test("An acute need is a same-day task at the financial-aid unit: unassigned while the case is at intake, the worker's once it is at financial aid; gone once handled")
    func acuteTask() {
        let today = LocalDate(Date(timeIntervalSince1970: 1_795_000_000))
        let n = need()
        let noCase = DueTasks.compute(snapshot([n]), today: today)
        #expect(noCase.count == 1)
        let t = noCase[0]
        #expect(t.kind == .acuteNeed && t.unitId == "spanga-tensta-ekonomiskt-bistand" && t.assigneeId == nil && t.dueOn == today && t.subjectId == n.id)
        let maja = UUID(), sara = UUID()
        // (The case also has its nybesök task; only the acute need is looked at here.)
        let atIntake = DueTasks.compute(snapshot([n], cases: [districtCase(n.personId, unit: "spanga-tensta-mottagning", worker: maja)]), today: today)
            .filter { $0.kind == .acuteNeed }
        #expect(atIntake.map(\.unitId) == ["spanga-tensta-ekonomiskt-bistand"] && atIntake[0].assigneeId == nil)
        let atAid = DueTasks.compute(snapshot([n], cases: [districtCase(n.personId, unit: "spanga-tensta-ekonomiskt-bistand", worker: sara)]), today: today)
            .filter { $0.kind == .acuteNeed }
        #expect(atAid.map(\.assigneeId) == [sara])
        #expect(DueTasks.compute(snapshot([need(handled: true)]), today: today).isEmpty)
        // A day later it is still there (until someone acts), now overdue.
        let later = DueTasks.compute(snapshot([n]), today: today.adding(days: 1))
        #expect(later.count == 1 && later[0].dueOn == today)
    }

    @Test("Only the committee's district caseworkers and managers act on an acute need; the note is 3–500 characters")
    func handling() throws {
        let n = need()
        func user(_ role: Role, committee: String = "spanga-tensta", kind: OrgUnit.Kind = .financialAid) -> StaffUser {
            StaffUser(id: UUID(), username: "u", displayName: "U", role: role, unitId: "u", committeeId: committee, active: true, unitKind: kind)
        }
        #expect(AcuteNeed.mayHandle(n, user(.socialSecretary)))
        #expect(AcuteNeed.mayHandle(n, user(.unitManager)))
        #expect(AcuteNeed.mayHandle(n, user(.intakeOfficer, kind: .intake)))
        #expect(!AcuteNeed.mayHandle(n, user(.socialSecretary, committee: "bromma")))
        #expect(!AcuteNeed.mayHandle(n, user(.coach, committee: "arbetsmarknadsnamnden", kind: .jobbtorg)))
        #expect(!AcuteNeed.mayHandle(n, user(.analyst, kind: .administration)))
        #expect(try AcuteNeed.checkedNote("  Matkort utlämnat  ") == "Matkort utlämnat")
        #expect(throws: DomainError.self) { try AcuteNeed.checkedNote(" a ") }
        #expect(throws: DomainError.self) { try AcuteNeed.checkedNote(String(repeating: "x", count: 501)) }
        #expect(throws: DomainError.self) { try AcuteNeed.checkedNote(nil) }
    }

    // MARK: Filters

    @Test("Filter and sort values are read from the query; an unknown value is refused by name")
    func filterParsing() {
        let id = UUID()
        let (f, e) = TaskListFilter.parse(kind: "acute_need", worker: id.uuidString, due: "overdue", sort: "person")
        #expect(e.isEmpty && f == TaskListFilter(kind: .acuteNeed, worker: .user(id), due: .overdue, sort: .person))
        #expect(TaskListFilter.parse(kind: "", worker: nil, due: "", sort: nil).filter == TaskListFilter())
        #expect(TaskListFilter.parse(kind: nil, worker: "unassigned", due: nil, sort: nil).filter.worker == .unassigned)
        let bad = TaskListFilter.parse(kind: "nonsense", worker: "x", due: "yesterday", sort: "random")
        #expect(bad.errors.map(\.field) == ["kind", "worker", "due", "sort"] && bad.filter == TaskListFilter())
        #expect(TaskListFilter(kind: .jobPlanDue, worker: .unassigned, sort: .kind).query.map { "\($0.0)=\($0.1)" } == ["kind=job_plan_due", "worker=unassigned", "sort=kind"])
        let today = LocalDate("2026-12-02")!
        #expect(TaskListFilter.Due.overdue.range(today: today).to == LocalDate("2026-12-01") && TaskListFilter.Due.overdue.range(today: today).from == nil)
        #expect(TaskListFilter.Due.week.range(today: today).to == LocalDate("2026-12-09"))
    }

    func staff(_ role: Role, unit: String = "spanga-tensta-ekonomiskt-bistand", active: Bool = true) -> StaffUser {
        StaffUser(
            id: UUID(), username: "u\(UUID().uuidString.prefix(4))", displayName: "U", role: role, unitId: unit, committeeId: "spanga-tensta", active: active,
            unitKind: unit.hasSuffix("mottagning") ? .intake : .financialAid)
    }

    @Test("A worker filter names someone of the unit; a caseworker's own tasks are on their own list")
    func workerFilter() {
        let sara = staff(.socialSecretary), elin = staff(.unitManager), other = staff(.socialSecretary, unit: "spanga-tensta-mottagning")
        let unit = [sara, elin]
        #expect(TaskListFilter(worker: .user(elin.id)).problems(staff: unit, actor: sara).isEmpty)
        #expect(TaskListFilter(worker: .user(sara.id)).problems(staff: unit, actor: sara).map(\.field) == ["worker"])
        #expect(TaskListFilter(worker: .user(sara.id)).problems(staff: unit, actor: elin).isEmpty)
        #expect(TaskListFilter(worker: .user(other.id)).problems(staff: unit + [other], actor: elin).map(\.field) == ["worker"])
    }

    // MARK: Bulk reassignment

    func task(unit: String = "spanga-tensta-ekonomiskt-bistand", settled: Bool = false) -> CaseTask {
        CaseTask(
            id: UUID(), key: UUID().uuidString, kind: .noCurrentPlan, personId: UUID(), committeeId: "spanga-tensta", unitId: unit, assigneeId: nil,
            dueOn: LocalDate("2026-12-01")!, subjectId: UUID(), createdAt: Date(), settledAt: settled ? Date() : nil)
    }

    /// The fields a refusal names (nil: not refused).
    func refused(_ body: () throws -> Void) -> [String]? {
        do {
            try body()
            return nil
        } catch { return (error as? DomainError)?.fields.map(\.field) ?? ["?"] }
    }

    @Test("Bulk reassignment: a unit manager, to an active worker of the same unit, every task open in the unit — or nothing")
    func reassignmentRule() throws {
        let elin = staff(.unitManager), sara = staff(.socialSecretary)
        let a = task(), b = task()
        try TaskReassignment.check(requested: [a.id, b.id], found: [a, b], to: sara, by: elin)
        #expect(throws: DomainError.forbidden) { try TaskReassignment.check(requested: [a.id], found: [a], to: elin, by: sara) }
        // To a worker of another unit, an inactive one, or someone unknown: refused, naming the worker.
        for who in [staff(.socialSecretary, unit: "spanga-tensta-mottagning"), staff(.socialSecretary, active: false), nil] {
            #expect(refused { try TaskReassignment.check(requested: [a.id], found: [a], to: who, by: elin) } == ["assignee"])
        }
        // One task settled, of another unit, or gone: the whole change is refused.
        for found in [[a, task(settled: true)], [a, task(unit: "bromma-ekonomiskt-bistand")], [a]] {
            let requested = [a.id, found.count == 2 ? found[1].id : UUID()]
            #expect(refused { try TaskReassignment.check(requested: requested, found: found, to: sara, by: elin) } == ["task"])
        }
        #expect(throws: DomainError.self) { try TaskReassignment.parse(taskIds: [], assignee: sara.id.uuidString) }
        #expect(throws: DomainError.self) { try TaskReassignment.parse(taskIds: ["nope"], assignee: sara.id.uuidString) }
        #expect(throws: DomainError.self) { try TaskReassignment.parse(taskIds: [a.id.uuidString], assignee: "") }
        let parsed = try TaskReassignment.parse(taskIds: [a.id.uuidString, a.id.uuidString, b.id.uuidString], assignee: sara.id.uuidString)
        #expect(Set(parsed.ids) == [a.id, b.id] && parsed.assignee == sara.id)
    }

    @Test("The new task kind and log actions are at the end of their lists")
    func appended() {
        // (The declined joint decision's task and its closing came after them, and Mina sidor's actions after those.)
        #expect(CaseTask.Kind.allCases.suffix(2) == [.acuteNeed, .needDecisionDeclined])
        let from = Array(AuditAction.allCases.drop { $0 != .acuteNeedDetect })
        #expect(Array(from.prefix(5)) == [.acuteNeedDetect, .acuteNeedRead, .acuteNeedHandle, .taskReassign, .needDecisionDeclinedClose])
        #expect(Array(from.dropFirst(5).prefix(2)) == [.ownPageRead, .ownSubGoalMark])
        #expect(!AuditAction.acuteNeedRead.isChange && AuditAction.acuteNeedHandle.isChange)
    }
}
