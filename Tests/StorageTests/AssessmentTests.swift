import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// The assessment use cases on real databases: pre-fill, secrecy, sensitive answers, bad input, locking,
/// revisions, versions, concurrency and the access log.
@Suite("Assessments on real databases")
struct AssessmentTests {
    struct World {
        let db: Database
        let clock: ManualClock
        let service: AssessmentService
        let store: SQLAssessmentStore
        let intake: Actor
        let social: Actor
        let manager: Actor
        let coach: Actor
        let otherDistrict: Actor
        let personId: UUID

        func count(_ action: String, _ outcome: String = "allowed") async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await db.read { try await $0.raw("SELECT COUNT(*) AS n FROM access_log WHERE action = \(bind: action) AND outcome = \(bind: outcome)").first(decoding: N.self)?.n ?? 0 }
        }
    }

    func world(_ db: Database, catalog: InstrumentCatalog? = nil) async throws -> World {
        try await Fixtures.organisation(db)
        let clock = ManualClock(Fixtures.t0)
        func actor(_ name: String, _ role: Role, _ unit: String) async throws -> Actor {
            Actor(user: try await Fixtures.user(db, name, role: role, unit: unit), requestId: "test", channel: "page")
        }
        let intake = try await actor("maja", .intakeOfficer, "spanga-tensta-mottagning")
        let social = try await actor("sara", .socialSecretary, "spanga-tensta-ekonomiskt-bistand")
        let manager = try await actor("elin", .unitManager, "spanga-tensta-ekonomiskt-bistand")
        let coach = try await actor("carl", .coach, "jobbtorg-kista")
        let other = try await actor("olle", .socialSecretary, "bromma-ekonomiskt-bistand")
        let persons = SQLPersonStore(database: db)
        let log = SQLAccessLog(database: db)
        let directory = PersonDirectory(persons: persons, log: log, clock: clock)
        let person = try await directory.register(Fixtures.personInput(Fixtures.personnummer(1985, 7, 14, serial: 123)), by: intake).person
        // The person also has a file at Jobbtorg (labour-market committee).
        _ = try await directory.register(Fixtures.personInput(Fixtures.personnummer(1985, 7, 14, serial: 123)), by: coach)
        let store = SQLAssessmentStore(database: db)
        let service = AssessmentService(catalog: try catalog ?? TestInstruments.catalog(), store: store, persons: persons, log: log, clock: clock)
        return World(db: db, clock: clock, service: service, store: store, intake: intake, social: social, manager: manager, coach: coach, otherDistrict: other, personId: person.id)
    }

    @Test("Part 1 by intake pre-fills part 3 for the district; confirmed answers keep their source", arguments: TestDatabase.kinds)
    func prefillAcrossParts(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let p1 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "intag", by: w.intake)
            #expect(p1.created)
            _ = try await w.service.save(
                responseId: p1.response.id, expectedVersion: 1,
                answers: ["i-children": .number(2), "i-housing": .choice("andrahand"), "i-threat": .bool(true)], by: w.intake)
            w.clock.advance(by: 120)
            let done = try await w.service.complete(responseId: p1.response.id, expectedVersion: nil, by: w.intake)
            #expect(done.status == .completed)
            #expect(done.activeMilliseconds == 120_000)

            w.clock.advance(by: 3600)
            let p3 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.social)
            let sheet = try await w.service.open(responseId: p3.response.id, by: w.social)
            #expect(sheet.canEdit)
            #expect(sheet.proposals["s-children"]?.value == .number(2))
            #expect(sheet.proposals["s-housing"]?.value == .choice("andrahand"))
            #expect(sheet.proposals["s-threat"]?.value == .bool(true))
            #expect(sheet.proposals["s-children"]?.source.response.id == p1.response.id)
            #expect(sheet.proposals["s-mood"] == nil)
            // The proposal of children > 0 shows the follow-up question.
            #expect(sheet.isShown(try #require(sheet.part.question("s-children-needs"))))

            // Confirm the children count, change the housing.
            let saved = try await w.service.save(
                responseId: p3.response.id, expectedVersion: sheet.response.version,
                answers: ["s-children": .number(2), "s-children-needs": .text("Plats i förskola"), "s-housing": .choice("eget")], by: w.social)
            let answers = Dictionary(uniqueKeysWithValues: try await w.store.answers(responseId: saved.id).map { ($0.questionId, $0) })
            #expect(answers["s-children"]?.sourceResponseId == p1.response.id)
            #expect(answers["s-housing"]?.sourceResponseId == nil)

            // The overview shows each concept's latest answer with its source.
            let overview = try await w.service.overview(personId: w.personId, by: w.social)
            let byConcept = Dictionary(uniqueKeysWithValues: overview.map { ($0.concept, $0) })
            #expect(byConcept["housing.situation"]?.display == "Eget kontrakt")
            #expect(byConcept["housing.situation"]?.source.response.partId == "social")
            #expect(byConcept["safety.threats_now"]?.display == "Ja")
            #expect(byConcept["safety.threats_now"]?.source.response.partId == "intag")
            #expect(try await w.count("assessment.overview") == 1)
            #expect(try await w.count("assessment.read") >= 1)
        }
    }

    @Test("The other committee sees nothing; reuse never crosses the committee line", arguments: TestDatabase.kinds)
    func secrecyBetweenCommittees(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let p1 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "intag", by: w.intake)
            _ = try await w.service.save(responseId: p1.response.id, expectedVersion: nil, answers: ["i-children": .number(1)], by: w.intake)
            // Jobbtorg (another committee) cannot open the district's response: as if it did not exist.
            await #expect(throws: DomainError.notFound) { try await w.service.open(responseId: p1.response.id, by: w.coach) }
            await #expect(throws: DomainError.notFound) { try await w.service.open(responseId: p1.response.id, by: w.otherDistrict) }
            #expect(try await w.count("assessment.read", "denied") == 2)
            // Another district has no file: cannot even start.
            await #expect(throws: DomainError.notFound) {
                try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.otherDistrict)
            }
            // Jobbtorg's own part gets no pre-fill from the district, and its overview is empty of district answers.
            let p2 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "jobb", by: w.coach)
            let sheet = try await w.service.open(responseId: p2.response.id, by: w.coach)
            #expect(sheet.proposals.isEmpty)
            #expect(try await w.service.overview(personId: w.personId, by: w.coach).isEmpty)
            #expect(try await w.service.responses(personId: w.personId, by: w.coach).map(\.partId) == ["jobb"])
            // And Jobbtorg's answers are reused in Jobbtorg's other instrument.
            _ = try await w.service.save(responseId: p2.response.id, expectedVersion: nil, answers: ["j-edu": .choice("gymn")], by: w.coach)
            let deep = try await w.service.start(personId: w.personId, instrumentId: "test-deep", partId: "arbete", by: w.coach)
            let deepSheet = try await w.service.open(responseId: deep.response.id, by: w.coach)
            #expect(deepSheet.proposals["d-edu"]?.value == .choice("gymn"))
        }
    }

    @Test("Sensitive answers are withheld from roles not entitled to them", arguments: TestDatabase.kinds)
    func sensitiveAnswers(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let p1 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "intag", by: w.intake)
            _ = try await w.service.save(
                responseId: p1.response.id, expectedVersion: nil, answers: ["i-children": .number(0), "i-threat": .bool(true)], by: w.intake)
            let asManager = try await w.service.open(responseId: p1.response.id, by: w.manager)
            #expect(asManager.answers["i-children"]?.value == .number(0))
            #expect(asManager.answers["i-threat"] == nil)
            #expect(asManager.withheld == ["i-threat"])
            #expect(!asManager.canEdit)
            let overview = try await w.service.overview(personId: w.personId, by: w.manager)
            let threat = try #require(overview.first { $0.concept == "safety.threats_now" })
            #expect(threat.withheld && threat.display.isEmpty)
            let asSocial = try await w.service.open(responseId: p1.response.id, by: w.social)
            #expect(asSocial.answers["i-threat"]?.value == .bool(true))
            // "Vill inte svara" is an answer to a sensitive question.
            _ = try await w.service.save(responseId: p1.response.id, expectedVersion: nil, answers: ["i-threat": .declined], by: w.intake)
            #expect(try await w.store.answers(responseId: p1.response.id).first { $0.questionId == "i-threat" }?.value == .declined)
        }
    }

    @Test("Bad writes are refused with a reason and change nothing", arguments: TestDatabase.kinds)
    func badWrites(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let p3 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.social)
            let id = p3.response.id
            _ = try await w.service.save(responseId: id, expectedVersion: nil, answers: ["s-children": .number(0)], by: w.social)
            let before = try await w.store.response(id: id)
            func refused(_ answers: [String: AnswerValue?], by actor: Actor, version: Int? = nil) async throws -> DomainError {
                do {
                    _ = try await w.service.save(responseId: id, expectedVersion: version, answers: answers, by: actor)
                } catch let e as DomainError {
                    return e
                }
                Issue.record("expected a refusal")
                return DomainError.notFound
            }
            // Unknown question, wrong type and a question hidden by branching: all reported, nothing saved.
            let e = try await refused(["nope": .text("x"), "s-mood": .text("bra"), "s-children-needs": .text("Skola"), "s-housing": .choice("eget")], by: w.social)
            #expect(e.kind == .invalid)
            #expect(Set(e.fields.map(\.field)) == ["nope", "s-mood", "s-children-needs"])
            #expect(e.fields.first { $0.field == "s-children-needs" }?.message.contains("visas inte") == true)
            // Another unit type in the same committee may read but not write.
            let notOwner = try await refused(["s-housing": .choice("eget")], by: w.intake)
            #expect(notOwner.kind == .conflict)
            await #expect(throws: DomainError.self) {
                try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.intake)
            }
            // A save based on an older version is refused instead of overwriting.
            let stale = try await refused(["s-housing": .choice("eget")], by: w.social, version: 1)
            #expect(stale.kind == .stale)
            #expect(try await w.store.response(id: id) == before)
            #expect(try await w.store.answers(responseId: id).map(\.questionId) == ["s-children"])
            // Completion needs the required answers.
            do {
                _ = try await w.service.complete(responseId: id, expectedVersion: nil, by: w.social)
                Issue.record("completion without required answers")
            } catch let e as DomainError {
                #expect(e.kind == .invalid)
                #expect(e.fields.map(\.field) == ["s-housing"])
            }
            // Changing an answer hides and removes the answers that depended on it.
            _ = try await w.service.save(responseId: id, expectedVersion: nil, answers: ["s-children": .number(1), "s-children-needs": .text("Skola")], by: w.social)
            _ = try await w.service.save(responseId: id, expectedVersion: nil, answers: ["s-children": .number(0)], by: w.social)
            #expect(try await w.store.answers(responseId: id).map(\.questionId) == ["s-children"])
        }
    }

    @Test("A completed part is locked; a correction is a new revision with a reason and the history is kept", arguments: TestDatabase.kinds)
    func lockAndRevise(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let p1 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "intag", by: w.intake)
            let id = p1.response.id
            _ = try await w.service.save(responseId: id, expectedVersion: nil, answers: ["i-children": .number(1), "i-housing": .choice("eget")], by: w.intake)
            _ = try await w.service.complete(responseId: id, expectedVersion: nil, by: w.intake)
            await #expect(throws: DomainError.self) {
                try await w.service.save(responseId: id, expectedVersion: nil, answers: ["i-children": .number(3)], by: w.intake)
            }
            // Starting the part again returns the completed one.
            let again = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "intag", by: w.intake)
            #expect(!again.created && again.response.id == id)
            await #expect(throws: DomainError.self) { try await w.service.revise(responseId: id, reason: " ", by: w.intake) }
            let revision = try await w.service.revise(responseId: id, reason: "Fel antal barn", by: w.intake)
            #expect(revision.revision == 2 && revision.replacesId == id)
            // Only one correction at a time.
            await #expect(throws: DomainError.self) { try await w.service.revise(responseId: id, reason: "Igen", by: w.intake) }
            #expect(try await w.store.answers(responseId: revision.id).count == 2)
            _ = try await w.service.save(responseId: revision.id, expectedVersion: nil, answers: ["i-children": .number(3)], by: w.intake)
            _ = try await w.service.complete(responseId: revision.id, expectedVersion: nil, by: w.intake)
            let all = try await w.service.responses(personId: w.personId, by: w.intake)
            #expect(all.first { $0.id == id }?.status == .superseded)
            #expect(all.first { $0.id == revision.id }?.status == .completed)
            // The old revision still holds its answers; pre-fill uses the new one.
            #expect(try await w.store.answers(responseId: id).first { $0.questionId == "i-children" }?.value == .number(1))
            let p3 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.social)
            #expect(try await w.service.open(responseId: p3.response.id, by: w.social).proposals["s-children"]?.value == .number(3))
            #expect(try await w.count("assessment.revise") == 1)
            #expect(try await w.count("assessment.complete") == 2)
        }
    }

    @Test("A new version never changes earlier responses; a changed text needs a new version number", arguments: TestDatabase.kinds)
    func versions(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let store = SQLAssessmentStore(database: db)
            let v1 = try await InstrumentCatalog.load(files: TestInstruments.files(), store: store, at: Fixtures.t0)
            let w = try await world(db, catalog: v1)
            let p1 = try await w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "intag", by: w.intake)
            #expect(p1.response.instrumentVersion == 1)
            _ = try await w.service.save(responseId: p1.response.id, expectedVersion: nil, answers: ["i-housing": .choice("eget")], by: w.intake)

            // Editing version 1 in place is refused.
            let first = try #require(TestInstruments.initialV1.range(of: "Hur bor du?"))
            let edited = TestInstruments.initialV1.replacingCharacters(in: first, with: "Var bor du?")
            #expect(edited != TestInstruments.initialV1)
            do {
                _ = try await InstrumentCatalog.load(
                    files: [("test-initial-v1.json", Data(edited.utf8)), ("test-deep-v1.json", Data(TestInstruments.deepV1.utf8))], store: store, at: Fixtures.t0)
                Issue.record("an edited version must be refused")
            } catch let e as InstrumentDefinitionError {
                #expect(e.problem.contains("version 2"))
            }
            // Version 2 with new wording: new responses use it, the old one keeps version 1's wording,
            // even when version 1's file is no longer shipped.
            let v2json = edited.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2")
            let both = try await InstrumentCatalog.load(
                files: [("test-initial-v2.json", Data(v2json.utf8)), ("test-deep-v1.json", Data(TestInstruments.deepV1.utf8))], store: store, at: Fixtures.t0)
            #expect(both.latest("test-initial")?.version == 2)
            let service2 = AssessmentService(catalog: both, store: store, persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: w.clock)
            let old = try await service2.open(responseId: p1.response.id, by: w.intake)
            #expect(old.definition.version == 1)
            #expect(old.part.question("i-housing")?.text == "Hur bor du?")
            #expect(both.definition("test-initial", version: 2)?.part("intag")?.question("i-housing")?.text == "Var bor du?")
            let p3 = try await service2.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.social)
            #expect(p3.response.instrumentVersion == 2)
            // Reuse works across versions by concept.
            #expect(try await service2.open(responseId: p3.response.id, by: w.social).proposals["s-housing"]?.value == .choice("eget"))
        }
    }

    @Test("Two people starting the same part at once get one draft; time per part and the unit median", arguments: TestDatabase.kinds)
    func concurrencyAndTime(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            async let a = w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.social)
            async let b = w.service.start(personId: w.personId, instrumentId: "test-initial", partId: "social", by: w.social)
            let (ra, rb) = try await (a, b)
            #expect(ra.response.id == rb.response.id)
            #expect([ra.created, rb.created].filter { $0 }.count == 1)
            let id = ra.response.id
            // Open, work two minutes, leave for an hour (not counted), work one more minute, complete.
            _ = try await w.service.open(responseId: id, by: w.social)
            w.clock.advance(by: 120)
            _ = try await w.service.save(responseId: id, expectedVersion: nil, answers: ["s-children": .number(0)], by: w.social)
            w.clock.advance(by: 3600)
            try await w.service.heartbeat(responseId: id, by: w.social)
            w.clock.advance(by: 60)
            _ = try await w.service.save(responseId: id, expectedVersion: nil, answers: ["s-housing": .choice("eget")], by: w.social)
            // A manager looking at it does not add time.
            _ = try await w.service.open(responseId: id, by: w.manager)
            let done = try await w.service.complete(responseId: id, expectedVersion: nil, by: w.social)
            #expect(done.activeMilliseconds == 180_000)
            let times = try await w.service.unitTimes(by: w.manager)
            #expect(times.count == 1)
            #expect(times.first?.medianMilliseconds == 180_000)
            #expect(times.first?.completed == 1)
            await #expect(throws: DomainError.forbidden) { try await w.service.unitTimes(by: w.social) }
        }
    }

    @Test("The summary part collects both views per area and proposes sub-goals", arguments: TestDatabase.kinds)
    func summaryPart(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let work = try await w.service.start(personId: w.personId, instrumentId: "test-deep", partId: "arbete", by: w.coach)
            _ = try await w.service.save(
                responseId: work.response.id, expectedVersion: nil, answers: ["d-person": .choice("mycket"), "d-worker": .choice("inget_hinder")], by: w.coach)
            let summary = try await w.service.start(personId: w.personId, instrumentId: "test-deep", partId: "summering", by: w.coach)
            let sheet = try await w.service.open(responseId: summary.response.id, by: w.coach)
            #expect(sheet.summary.count == 1)
            #expect(sheet.summary.first?.personView == "Mycket")
            #expect(sheet.summary.first?.caseworkerView == "Inget hinder")
            #expect(sheet.summary.first?.suggestedSubGoal == "Ansök till en kurs.")
        }
    }
}
