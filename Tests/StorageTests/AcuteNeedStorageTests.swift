import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// Acute needs from a completed part 1 to the handled mark, and the task lists' filters and bulk
/// reassignment, on both real databases.
@Suite("Acute needs and task lists on real databases")
struct AcuteNeedStorageTests {
    struct World {
        let db: Database
        let clock: ManualClock
        let assessments: AssessmentService
        let flow: CaseFlowService
        let store: SQLCaseFlowStore
        let directory: PersonDirectory
        let maja: Actor, sara: Actor, siv: Actor, elin: Actor, olle: Actor, carl: Actor
        var job: TaskJob { TaskJob(store: store, clock: clock) }

        func count(_ sql: String) async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await db.read { db in try await db.raw(SQLQueryString(sql)).first(decoding: N.self)?.n ?? -1 }
        }
        func person(_ i: Int, _ last: String = "Åkesson") async throws -> UUID {
            try await directory.register(Fixtures.personInput(Fixtures.personnummer(1990, 1, 1 + i, serial: 230 + i), "Johan", last), by: maja).person.id
        }
        /// Part 1 completed by intake with the given urgent needs.
        func partOne(_ personId: UUID, urgent: [String], threat: Bool = false) async throws -> AssessmentResponse {
            let r = try await assessments.start(personId: personId, instrumentId: "initial-bedomning", partId: "del-1", by: maja).response
            let saved = try await assessments.save(
                responseId: r.id, expectedVersion: r.version,
                answers: [
                    "p1-reason": .text("Har inga pengar kvar"), "p1-occupation": .choice("arbetssokande"), "p1-adults": .number(1), "p1-children": .number(0),
                    "p1-housing": .choice("eget_kontrakt"), "p1-housing-risk": .bool(false), "p1-income": .choices(["ingen"]), "p1-af": .bool(false),
                    "p1-urgent": .choices(urgent), "p1-threat": .bool(threat),
                ], by: maja)
            return try await assessments.complete(responseId: r.id, expectedVersion: saved.version, by: maja)
        }
        func unitTasks(_ unit: String = "spanga-tensta-ekonomiskt-bistand", kind: CaseTask.Kind? = nil) async throws -> [CaseTask] {
            try await store.openTasks(unitId: unit, kind: kind, offset: 0, limit: 100)
        }
    }

    func world(_ db: Database) async throws -> World {
        try await Fixtures.organisation(db)
        let clock = ManualClock(Fixtures.t0)
        func actor(_ name: String, _ role: Role, _ unit: String) async throws -> Actor {
            Actor(user: try await Fixtures.user(db, name, role: role, unit: unit), requestId: "t", channel: "page")
        }
        let log = SQLAccessLog(database: db)
        let persons = SQLPersonStore(database: db)
        let store = SQLCaseFlowStore(database: db)
        let assessmentStore = SQLAssessmentStore(database: db)
        let catalog = try await InstrumentCatalog.load(files: InstrumentCatalog.bundledFiles(), store: assessmentStore, at: clock.now())
        let rules = try AcuteNeedRules.load(files: AcuteNeedRules.bundledFiles(), instruments: catalog)
        let job = TaskJob(store: store, clock: clock)
        return World(
            db: db, clock: clock,
            assessments: AssessmentService(catalog: catalog, store: assessmentStore, persons: persons, log: log, clock: clock, acuteRules: rules, taskJob: job),
            flow: CaseFlowService(store: store, persons: persons, organisation: SQLOrganisationStore(database: db), log: log, clock: clock), store: store,
            directory: PersonDirectory(persons: persons, log: log, clock: clock),
            maja: try await actor("maja", .intakeOfficer, "spanga-tensta-mottagning"), sara: try await actor("sara", .socialSecretary, "spanga-tensta-ekonomiskt-bistand"),
            siv: try await actor("siv", .socialSecretary, "spanga-tensta-ekonomiskt-bistand"), elin: try await actor("elin", .unitManager, "spanga-tensta-ekonomiskt-bistand"),
            olle: try await actor("olle", .socialSecretary, "bromma-ekonomiskt-bistand"), carl: try await actor("carl", .coach, "jobbtorg-kista"))
    }

    @Test("Part 1 with no money for food makes an Akut task at the financial-aid unit, first on the list, until a caseworker of the committee marks it handled", arguments: TestDatabase.kinds)
    func acuteNeedFlow(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let calm = try await w.person(1, "Andersson")
            _ = try await w.flow.openCase(personId: calm, .init(source: "application", channel: "phone", openedOn: ""), by: w.sara)
            let p = try await w.person(2)
            _ = try await w.flow.openCase(personId: p, .init(source: "application", channel: "phone", openedOn: ""), by: w.maja)
            // Nothing urgent: no acute need.
            _ = try await w.partOne(calm, urgent: ["inget"])
            #expect(try await w.count("SELECT COUNT(*) AS n FROM acute_needs") == 0)
            let r = try await w.partOne(p, urgent: ["mat", "barn"])
            #expect(try await w.count("SELECT COUNT(*) AS n FROM acute_needs WHERE handled_at IS NULL") == 1)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'acute_need.detect' AND detail = 'rules:mat,barn'") == 1)
            // The same-day task is at once on the financial-aid unit's list (the case is still at intake: unassigned).
            let acute = try #require(try await w.unitTasks(kind: .acuteNeed).first)
            #expect(acute.personId == p && acute.assigneeId == nil && acute.dueOn == LocalDate(Fixtures.t0))
            // First on the unit's list, whatever is due before it; and the list read names every person shown in one row.
            w.clock.advance(by: 20 * 86_400)
            try await w.job.run()
            let before = try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'task.list_hit'")
            let list = try await w.flow.tasks(filter: TaskListFilter(), page: 1, staff: [w.sara.user, w.siv.user, w.elin.user], by: w.siv)
            #expect(list.unit.first?.kind == .acuteNeed && list.unit.count >= 2)
            #expect(Set(list.mine.map(\.id)).isDisjoint(with: list.unit.map(\.id)))
            #expect(try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'task.list_hit'") == before + 1)
            let sorted = try await w.flow.tasks(filter: TaskListFilter(sort: .dueDesc), page: 1, staff: [], by: w.elin)
            #expect(sorted.unit.first?.kind == .acuteNeed)

            let need = try #require(try await w.store.acuteNeed(id: acute.subjectId))
            #expect(need.responseId == r.id && need.ruleIds == ["mat", "barn"])
            // Another district and Jobbtorg do not see it (as if it did not exist) and cannot mark it.
            await #expect(throws: DomainError.notFound) { try await w.flow.acuteNeed(id: need.id, by: w.olle) }
            await #expect(throws: DomainError.notFound) { try await w.flow.handleAcuteNeed(id: need.id, note: "Gjort något", by: w.olle) }
            await #expect(throws: DomainError.notFound) { try await w.flow.handleAcuteNeed(id: need.id, note: "Gjort något", by: w.carl) }
            // An empty note is refused, nothing saved.
            do {
                _ = try await w.flow.handleAcuteNeed(id: need.id, note: "  ", by: w.sara)
                Issue.record("an empty note was accepted")
            } catch let e as DomainError { #expect(e.fields.map(\.field) == ["note"]) }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM acute_needs WHERE handled_at IS NULL") == 1)
            let view = try await w.flow.acuteNeed(id: need.id, by: w.sara)
            #expect(view.mayHandle && view.person.id == p)
            let handled = try await w.flow.handleAcuteNeed(id: need.id, note: "Beviljat akut bistånd till mat, kontakt med förskolan", by: w.sara)
            #expect(handled.isHandled && handled.handledBy == w.sara.user.id && handled.handledByName == w.sara.user.displayName)
            // The task is settled at once; the log row names the need, never the note.
            #expect(try await w.unitTasks(kind: .acuteNeed).isEmpty)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'acute_need.handle' AND outcome = 'allowed'") == 1)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE detail LIKE '%förskolan%' OR after_value LIKE '%förskolan%'") == 0)
            await #expect(throws: AcuteNeed.alreadyHandled) { try await w.flow.handleAcuteNeed(id: need.id, note: "Igen", by: w.elin) }
            // A new completed part with an acute answer opens a new need (the earlier one was acted on).
            let revision = try await w.assessments.revise(responseId: r.id, reason: "Rättar svaren", by: w.maja)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM acute_needs") == 1)
            _ = try await w.assessments.complete(responseId: revision.id, expectedVersion: revision.version, by: w.maja)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM acute_needs") == 2)
            #expect(try await w.unitTasks(kind: .acuteNeed).count == 1)
        }
    }

    @Test("A unit manager hands several tasks to one worker at once; a refused change saves nothing; the task job keeps the choice until the case moves", arguments: TestDatabase.kinds)
    func bulkReassign(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            var people: [UUID] = []
            for i in 1...3 {
                let p = try await w.person(i, "Person\(i)")
                _ = try await w.flow.openCase(personId: p, .init(source: "application", channel: "phone", openedOn: ""), by: w.sara)
                people.append(p)
            }
            w.clock.advance(by: 20 * 86_400)
            try await w.job.run()
            let tasks = try await w.unitTasks(kind: .noCurrentPlan)
            #expect(tasks.count == 3 && tasks.allSatisfy { $0.assigneeId == w.sara.user.id })
            let two = tasks.prefix(2).map { $0.id.uuidString }
            let staff = [w.sara.user, w.siv.user, w.elin.user, w.olle.user]
            func assignees() async throws -> [UUID?] { try await w.unitTasks(kind: .noCurrentPlan).map(\.assigneeId) }
            let start = try await assignees()
            // Refused, nothing saved: by a caseworker, to a worker of another unit, with a task that is not open in the unit.
            await #expect(throws: DomainError.self) { try await w.flow.reassignTasks(taskIds: two, assignee: w.siv.user.id.uuidString, staff: staff, by: w.sara) }
            do {
                try await w.flow.reassignTasks(taskIds: two, assignee: w.olle.user.id.uuidString, staff: staff, by: w.elin)
                Issue.record("reassigned to another unit")
            } catch let e as DomainError { #expect(e.fields.map(\.field) == ["assignee"]) }
            do {
                try await w.flow.reassignTasks(taskIds: two + [UUID().uuidString], assignee: w.siv.user.id.uuidString, staff: staff, by: w.elin)
                Issue.record("a change with an unknown task was accepted")
            } catch let e as DomainError { #expect(e.fields.map(\.field) == ["task"]) }
            #expect(try await assignees() == start)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'task.reassign' AND outcome = 'allowed'") == 0)

            let moved = try await w.flow.reassignTasks(taskIds: two, assignee: w.siv.user.id.uuidString, staff: staff, by: w.elin)
            #expect(moved == 2)
            #expect(try await w.count("SELECT COUNT(*) AS n FROM access_log WHERE action = 'task.reassign' AND outcome = 'allowed'") == 2)
            // The task job does not undo the manager's choice…
            try await w.job.run()
            let after = try await w.unitTasks(kind: .noCurrentPlan)
            #expect(after.filter { $0.assigneeId == w.siv.user.id }.count == 2 && after.filter { $0.assigneeId == w.sara.user.id }.count == 1)
            // …and the worker filter shows exactly hers; a caseworker's "others" never repeats her own.
            let sivs = try await w.flow.tasks(filter: TaskListFilter(worker: .user(w.siv.user.id)), page: 1, staff: staff, by: w.elin)
            #expect(Set(sivs.unit.map(\.id)) == Set(two.compactMap(UUID.init(uuidString:))) && sivs.mine.isEmpty)
            let saras = try await w.flow.tasks(filter: TaskListFilter(kind: .noCurrentPlan), page: 1, staff: staff, by: w.sara)
            #expect(saras.mine.count == 1 && saras.unit.count == 2 && Set(saras.mine.map(\.id)).isDisjoint(with: saras.unit.map(\.id)))
            await #expect(throws: DomainError.self) { try await w.flow.tasks(filter: TaskListFilter(worker: .user(w.olle.user.id)), page: 1, staff: staff, by: w.elin) }
            let byName = try await w.flow.tasks(filter: TaskListFilter(kind: .noCurrentPlan, sort: .person), page: 1, staff: staff, by: w.elin)
            #expect(byName.unit.map(\.personId) == people)
            // When a case changes hands, its task follows the case again.
            let movedTask = try #require(after.first { $0.assigneeId == w.siv.user.id })
            _ = try await w.store.setResponsible(
                personId: movedTask.personId, committeeId: "spanga-tensta", userId: w.elin.user.id, unitId: "spanga-tensta-ekonomiskt-bistand",
                audit: AccessLogEntry(at: w.clock.now(), requestId: "t", actor: w.elin.user, personId: movedTask.personId, action: .caseAssign, outcome: .allowed, detail: "test"))
            try await w.job.run(personId: movedTask.personId)
            #expect(try await w.unitTasks(kind: .noCurrentPlan).first { $0.id == movedTask.id }?.assigneeId == w.elin.user.id)
        }
    }
}
