import Foundation
import SamsynTestSupport
import Testing

@testable import SamsynDomain

@Suite("Instrument definitions: loading, validation, branching, answers")
struct InstrumentTests {
    /// The test instrument with one textual replacement, decoded; returns the error if it is refused.
    func refused(_ from: String, _ to: String, json: String = TestInstruments.initialV1) -> InstrumentDefinitionError? {
        let changed = json.replacingOccurrences(of: from, with: to)
        #expect(changed != json, "the mutation \(from) must apply")
        do {
            _ = try InstrumentCatalog.decode(file: "broken.json", data: Data(changed.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("The test instruments and the shipped instruments load and validate together")
    func shippedDefinitionsLoad() throws {
        let files = try InstrumentCatalog.bundledFiles()
        #expect(files.map(\.name).contains("1-initial-bedomning-v1.json"))
        #expect(files.map(\.name).contains("2-fia-v1.json"))
        let items = try files.map { (file: $0.name, definition: try InstrumentCatalog.decode(file: $0.name, data: $0.data)) }
        try InstrumentCatalog.validateTogether(items)
        let catalog = InstrumentCatalog(items.map(\.definition))
        let initial = try #require(catalog.latest("initial-bedomning"))
        #expect(initial.parts.map(\.owner) == [.intake, .jobbtorg, .financialAid])
        // Part 3 re-asks what intake asked in part 1, by concept, so the district sees it pre-filled.
        let p1 = Set(initial.parts[0].questions.compactMap(\.concept))
        let p3 = Set(initial.parts[2].questions.compactMap(\.concept))
        #expect(p1.intersection(p3).count >= 5)
        // Every sensitive question carries a conversation guide.
        for d in catalog.latest {
            for q in d.allQuestions where q.sensitive { #expect(!(q.guide ?? []).isEmpty, "\(d.id)/\(q.id) is sensitive and has no guide") }
        }
        // FIA: every area of the three life parts keeps the person's view and the caseworker's apart.
        let fia = try #require(catalog.latest("fia"))
        for part in fia.parts where part.summaryOf == nil {
            for area in part.areas {
                let perspectives = area.questions.compactMap(\.perspective)
                #expect(perspectives.contains(.person) && perspectives.contains(.caseworker), "\(part.id)/\(area.id)")
            }
        }
        #expect(fia.parts.first { $0.id == "social" }?.areas.count ?? 0 >= 13)
    }

    @Test("Each kind of mistake stops the load with the file, the question and what is wrong")
    func validationMistakes() throws {
        let cases: [(String, String, String, String)] = [
            // (from, to, expected location fragment, expected problem fragment)
            ("\"type\": \"yes_no\", \"sensitive\"", "\"type\": \"maybe\", \"sensitive\"", "question \"i-threat\"", "\"type\""),
            ("{\"id\": \"i-housing\", \"text\": \"Hur bor du?\",", "{\"id\": \"i-housing\",", "question \"i-housing\"", "\"text\" is missing"),
            ("\"id\": \"s-housing\"", "\"id\": \"i-housing\"", "question \"i-housing\"", "two questions"),
            ("{\"question\": \"j-edu\", \"operator\": \"answered\"}", "{\"question\": \"s-children\", \"operator\": \"answered\"}", "question \"j-where\"", "not an earlier question"),
            ("\"operator\": \"greater_than\", \"value\": 0", "\"operator\": \"equals\", \"value\": \"many\"", "question \"s-children-needs\"", "does not fit"),
            ("\"operator\": \"answered\"}", "\"operator\": \"answered\", \"value\": 1}", "question \"j-where\"", "takes no value"),
            ("[{\"value\": \"sverige\", \"label\": \"Sverige\"}, {\"value\": \"utomlands\", \"label\": \"Utomlands\"}]", "[{\"value\": \"sverige\", \"label\": \"Sverige\"}]", "question \"j-where\"", "at least two options"),
            ("{\"value\": \"utomlands\", \"label\": \"Utomlands\"}", "{\"value\": \"sverige\", \"label\": \"Utomlands\"}", "question \"j-where\"", "appears twice"),
            ("\"type\": \"scale\", \"min\": 1, \"max\": 5", "\"type\": \"scale\", \"min\": 5, \"max\": 1", "question \"s-mood\"", "min < max"),
            ("\"type\": \"date\"", "\"type\": \"date\", \"options\": [{\"value\": \"a\", \"label\": \"A\"}, {\"value\": \"b\", \"label\": \"B\"}]", "question \"s-since\"", "only choice questions"),
            ("\"concept\": \"education.level\"", "\"concept\": \"Education\"", "question \"j-edu\"", "concept"),
            ("\"owner\": \"jobbtorg\"", "\"owner\": \"administration\"", "part \"jobb\"", "not a unit type"),
            ("\"owner\": \"jobbtorg\"", "\"owner\": \"ministry\"", "part \"jobb\"", "\"owner\""),
            ("\"id\": \"bo\"", "\"id\": \"hem\"", "area \"hem\"", "two areas"),
        ]
        for (from, to, location, problem) in cases {
            let e = try #require(refused(from, to), "\(to) must be refused")
            #expect(e.file == "broken.json")
            #expect(e.location.contains(location), "\(e)")
            #expect(e.problem.contains(problem), "\(e)")
        }
        // Not JSON at all.
        #expect(throws: InstrumentDefinitionError.self) { try InstrumentCatalog.decode(file: "x.json", data: Data("{".utf8)) }
    }

    @Test("Questions that share a concept must ask it the same way, across instruments")
    func conceptMismatch() throws {
        let changed = TestInstruments.deepV1.replacingOccurrences(of: "{\"value\": \"hogskola\", \"label\": \"Universitet\"}", with: "{\"value\": \"eftergymnasial\", \"label\": \"Universitet\"}")
        let items = [
            (file: "a.json", definition: try InstrumentCatalog.decode(file: "a.json", data: Data(TestInstruments.initialV1.utf8))),
            (file: "b.json", definition: try InstrumentCatalog.decode(file: "b.json", data: Data(changed.utf8))),
        ]
        do {
            try InstrumentCatalog.validateTogether(items)
            Issue.record("a concept with other options must be refused")
        } catch {
            // Named: both files, both questions, the concept and what differs.
            let text = error.description
            #expect(text.contains("a.json") && text.contains("b.json"), "\(text)")
            #expect(text.contains("\"d-edu\"") && text.contains("\"j-edu\""), "\(text)")
            #expect(error.problem.contains("education.level") && error.problem.contains("option values differ"))
        }
        // The same version twice.
        let twice = [items[0], (file: "c.json", definition: items[0].definition)]
        #expect(throws: InstrumentDefinitionError.self) { try InstrumentCatalog.validateTogether(twice) }
    }

    @Test("Branching: shown only when earlier answers say so; hidden answers are dropped in order")
    func branching() throws {
        let part = try #require(try TestInstruments.catalog().latest("test-initial")?.part("social"))
        let needs = try #require(part.question("s-children-needs"))
        #expect(!Branching.isEnabled(needs, answers: [:]))
        #expect(!Branching.isEnabled(needs, answers: ["s-children": .number(0)]))
        #expect(Branching.isEnabled(needs, answers: ["s-children": .number(2)]))
        #expect(!Branching.isEnabled(needs, answers: ["s-children": .declined]))
        let visible = Branching.visibleAnswers(in: part, answers: ["s-children": .number(0), "s-children-needs": .text("Förskola")])
        #expect(visible["s-children-needs"] == nil)
        #expect(visible["s-children"] == .number(0))
        // any / all
        var q = needs
        q.enableWhen = [Condition(question: "s-children", operator: .equals, value: .number(1)), Condition(question: "s-housing", operator: .equals, value: .string("hemlos"))]
        q.enableBehavior = .any
        #expect(Branching.isEnabled(q, answers: ["s-housing": .choice("hemlos")]))
        q.enableBehavior = .all
        #expect(!Branching.isEnabled(q, answers: ["s-housing": .choice("hemlos")]))
        #expect(Branching.isEnabled(q, answers: ["s-housing": .choice("hemlos"), "s-children": .number(1)]))
    }

    @Test("Answers are checked against the question's type; 'vill inte svara' only where sensitive")
    func answerRules() throws {
        let def = try #require(try TestInstruments.catalog().latest("test-initial"))
        let children = try #require(def.part("intag")?.question("i-children"))
        let threat = try #require(def.part("intag")?.question("i-threat"))
        let housing = try #require(def.part("intag")?.question("i-housing"))
        let help = try #require(def.part("social")?.question("s-help"))
        let mood = try #require(def.part("social")?.question("s-mood"))
        #expect(children.problem(with: .number(3)) == nil)
        #expect(children.problem(with: .number(21)) != nil)
        #expect(children.problem(with: .text("tre")) != nil)
        #expect(children.problem(with: .declined) != nil)
        #expect(threat.problem(with: .declined) == nil)
        #expect(housing.problem(with: .choice("slott")) != nil)
        #expect(help.problem(with: .choices(["vard", "fk"])) == nil)
        #expect(help.problem(with: .choices(["vard", "vard"])) != nil)
        #expect(mood.problem(with: .scale(6)) != nil)
        #expect(try children.parseForm(["2,0"]) == .number(2))
        #expect(try children.parseForm([""]) == nil)
        #expect(throws: AnswerParseError.self) { try children.parseForm(["två"]) }
        #expect(try threat.parseForm(["__declined"]) == .declined)
        #expect(throws: AnswerParseError.self) { try children.parseForm(["__declined"]) }
        let since = try #require(def.part("social")?.question("s-since"))
        #expect(throws: AnswerParseError.self) { try since.parseForm(["2026-02-30"]) }
        #expect(try since.parseForm(["2026-02-28"]) == .date("2026-02-28"))
        for v: AnswerValue in [.text("a \"b\"\n"), .number(2.5), .number(3), .date("2026-01-01"), .choice("x"), .choices(["a", "b"]), .bool(false), .scale(4), .declined] {
            #expect(AnswerValue(storageJSON: v.storageJSON) == v)
        }
    }

    @Test("Active time leaves out gaps of more than five minutes; the median is the middle value")
    func activityAndMedian() {
        let t = Date(timeIntervalSince1970: 1_000_000)
        #expect(Activity(at: t + 90).counted(since: t) == 90_000)
        #expect(Activity(at: t + 300).counted(since: t) == 300_000)
        #expect(Activity(at: t + 301).counted(since: t) == 0)
        #expect(Activity(at: t - 5).counted(since: t) == 0)
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([]) == nil)
    }
}
