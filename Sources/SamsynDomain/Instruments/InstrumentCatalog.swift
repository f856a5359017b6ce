import Foundation

/// A definition that cannot be used: names the file, where in it (part / area / question) and what is wrong.
public struct InstrumentDefinitionError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let location: String
    public let problem: String

    public init(file: String, location: String, problem: String) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    public var description: String {
        location.isEmpty ? "instrument definition \(file): \(problem)" : "instrument definition \(file), \(location): \(problem)"
    }
}

/// Every instrument version Samsyn knows, validated. Built once at start; read-only afterwards.
public struct InstrumentCatalog: Sendable {
    public let versions: [InstrumentKey: InstrumentDefinition]
    /// The newest version of each instrument, the one new responses are started in.
    public let latest: [InstrumentDefinition]
    /// Concept key → a question that asks it (for labels on the overview).
    public let conceptQuestions: [String: QuestionDefinition]

    public init(_ definitions: [InstrumentDefinition]) {
        var v: [InstrumentKey: InstrumentDefinition] = [:]
        for d in definitions { v[d.key] = d }
        versions = v
        // In the order the instruments first appear (file names order the shipped ones: initial before in-depth).
        var order: [String] = []
        for d in definitions where !order.contains(d.id) { order.append(d.id) }
        let groups = Dictionary(grouping: definitions, by: \.id)
        latest = order.compactMap { groups[$0]?.max { $0.version < $1.version } }
        var concepts: [String: QuestionDefinition] = [:]
        for d in definitions.sorted(by: { $0.key < $1.key }) {
            for q in d.allQuestions { if let c = q.concept { concepts[c] = q } }
        }
        conceptQuestions = concepts
    }

    public func definition(_ id: String, version: Int) -> InstrumentDefinition? { versions[InstrumentKey(id: id, version: version)] }
    public func latest(_ id: String) -> InstrumentDefinition? { latest.first { $0.id == id } }

    // MARK: Loading and validation

    /// Decodes and validates one definition file.
    public static func decode(file: String, data: Data) throws(InstrumentDefinitionError) -> InstrumentDefinition {
        let definition: InstrumentDefinition
        do {
            definition = try JSONDecoder().decode(InstrumentDefinition.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: file, data: data)
        } catch {
            throw InstrumentDefinitionError(file: file, location: "", problem: "cannot be read: \(error)")
        }
        try validate(definition, file: file)
        return definition
    }

    /// Checks the rules across all instruments: unique versions, and questions sharing a concept agree.
    public static func validateTogether(_ items: [(file: String, definition: InstrumentDefinition)]) throws(InstrumentDefinitionError) {
        var seen: [InstrumentKey: String] = [:]
        for (file, d) in items {
            if let other = seen[d.key] {
                throw InstrumentDefinitionError(file: file, location: "", problem: "\(d.key) is also defined in \(other); a version is defined once")
            }
            seen[d.key] = file
        }
        var firstByConcept: [String: (file: String, question: QuestionDefinition)] = [:]
        for (file, d) in items.sorted(by: { $0.definition.key < $1.definition.key }) {
            for part in d.parts {
                for area in part.areas {
                    for q in area.questions {
                        guard let concept = q.concept else { continue }
                        guard let first = firstByConcept[concept] else {
                            firstByConcept[concept] = (file, q)
                            continue
                        }
                        if let mismatch = conceptMismatch(first.question, q) {
                            throw InstrumentDefinitionError(
                                file: file, location: location(part, area, q),
                                problem: "concept \"\(concept)\" is also asked by question \"\(first.question.id)\" in \(first.file), but \(mismatch)")
                        }
                    }
                }
            }
        }
    }

    static func conceptMismatch(_ a: QuestionDefinition, _ b: QuestionDefinition) -> String? {
        if a.type != b.type { return "the types differ (\(a.type.rawValue) and \(b.type.rawValue))" }
        if Set(a.options?.map(\.value) ?? []) != Set(b.options?.map(\.value) ?? []) { return "the option values differ" }
        if a.min != b.min || a.max != b.max { return "the bounds differ" }
        if a.sensitive != b.sensitive { return "one is sensitive and the other is not" }
        return nil
    }

    static func location(_ part: PartDefinition, _ area: AreaDefinition? = nil, _ q: QuestionDefinition? = nil) -> String {
        var s = "part \"\(part.id)\""
        if let area { s += ", area \"\(area.id)\"" }
        if let q { s += ", question \"\(q.id)\"" }
        return s
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isConcept(_ s: String) -> Bool {
        let segments = s.split(separator: ".", omittingEmptySubsequences: false)
        return segments.count >= 2
            && segments.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" } }
    }

    static func isOptionValue(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func blank(_ s: String?) -> Bool { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }

    public static func validate(_ d: InstrumentDefinition, file: String) throws(InstrumentDefinitionError) {
        func fail(_ location: String, _ problem: String) -> InstrumentDefinitionError {
            InstrumentDefinitionError(file: file, location: location, problem: problem)
        }
        guard isIdentifier(d.id) else { throw fail("", "instrument id \"\(d.id)\" must be lower-case letters, digits and hyphens") }
        guard d.version >= 1 else { throw fail("", "version must be 1 or more") }
        guard !blank(d.title) else { throw fail("", "the title is empty") }
        guard !d.parts.isEmpty else { throw fail("", "an instrument needs at least one part") }
        var partIds = Set<String>()
        var questionIds = Set<String>()
        for part in d.parts {
            let at = location(part)
            guard isIdentifier(part.id) else { throw fail(at, "part id must be lower-case letters, digits and hyphens") }
            guard partIds.insert(part.id).inserted else { throw fail(at, "two parts have this id") }
            guard !blank(part.title) else { throw fail(at, "the title is empty") }
            guard [.intake, .financialAid, .jobbtorg, .jobbtorgResurs, .jobbstart, .workPreparation].contains(part.owner) else {
                throw fail(at, "owner \"\(part.owner.rawValue)\" is not a unit type that works with persons")
            }
            if let summaryOf = part.summaryOf {
                for ref in summaryOf where !d.parts.contains(where: { $0.id == ref && $0.summaryOf == nil }) {
                    throw fail(at, "summaryOf names \"\(ref)\", which is not a (non-summary) part of this instrument")
                }
            }
            guard !part.areas.isEmpty else { throw fail(at, "a part needs at least one area") }
            var areaIds = Set<String>()
            var earlier: [String: QuestionDefinition] = [:]
            for area in part.areas {
                let at = location(part, area)
                guard isIdentifier(area.id) else { throw fail(at, "area id must be lower-case letters, digits and hyphens") }
                guard areaIds.insert(area.id).inserted else { throw fail(at, "two areas in the part have this id") }
                guard !blank(area.title) else { throw fail(at, "the title is empty") }
                guard !area.questions.isEmpty else { throw fail(at, "an area needs at least one question") }
                if let g = area.guide, g.isEmpty || g.contains(where: { blank($0) }) { throw fail(at, "the guide has an empty line") }
                for q in area.questions {
                    let at = location(part, area, q)
                    guard isIdentifier(q.id) else { throw fail(at, "question id must be lower-case letters, digits and hyphens") }
                    guard questionIds.insert(q.id).inserted else { throw fail(at, "two questions in the instrument have this id") }
                    guard !blank(q.text) else { throw fail(at, "the question text is empty") }
                    if let g = q.guide, g.isEmpty || g.contains(where: { blank($0) }) { throw fail(at, "the guide has an empty line") }
                    if q.help != nil && blank(q.help) { throw fail(at, "the help text is empty") }
                    if let c = q.concept, !isConcept(c) {
                        throw fail(at, "concept \"\(c)\" must be dot-separated lower-case words, e.g. education.highest_level")
                    }
                    try validateAnswerShape(q, fail: { fail(at, $0) })
                    try validateConditions(q, earlier: earlier, fail: { fail(at, $0) })
                    earlier[q.id] = q
                }
            }
        }
    }

    static func validateAnswerShape(_ q: QuestionDefinition, fail: (String) -> InstrumentDefinitionError) throws(InstrumentDefinitionError) {
        if q.type.isChoice {
            guard let options = q.options, options.count >= 2 else { throw fail("a \(q.type.rawValue) question needs at least two options") }
            var values = Set<String>()
            for o in options {
                guard isOptionValue(o.value) else { throw fail("option value \"\(o.value)\" must be lower-case letters, digits and underscores") }
                guard values.insert(o.value).inserted else { throw fail("option value \"\(o.value)\" appears twice") }
                guard !blank(o.label) else { throw fail("option \"\(o.value)\" has no label") }
            }
        } else if q.options != nil {
            throw fail("only choice questions have options; this is \(q.type.rawValue)")
        }
        switch q.type {
        case .scale:
            guard let lo = q.min, let hi = q.max else { throw fail("a scale needs min and max") }
            guard lo == lo.rounded(), hi == hi.rounded(), lo < hi, hi - lo <= 10 else {
                throw fail("a scale needs whole-number min < max, at most 10 steps apart")
            }
        case .number:
            if let lo = q.min, let hi = q.max, lo > hi { throw fail("min is greater than max") }
        default:
            if q.min != nil || q.max != nil { throw fail("only number and scale questions have min and max") }
        }
        if (q.minLabel != nil || q.maxLabel != nil) && q.type != .scale { throw fail("only scales have minLabel and maxLabel") }
    }

    static func validateConditions(_ q: QuestionDefinition, earlier: [String: QuestionDefinition], fail: (String) -> InstrumentDefinitionError)
        throws(InstrumentDefinitionError)
    {
        guard let conditions = q.enableWhen else {
            if q.enableBehavior != nil { throw fail("enableBehavior without enableWhen") }
            return
        }
        guard !conditions.isEmpty else { throw fail("enableWhen is empty") }
        for c in conditions {
            guard let target = earlier[c.question] else {
                throw fail("enableWhen refers to \"\(c.question)\", which is not an earlier question in the same part")
            }
            let ok: Bool
            switch (c.operator, c.value) {
            case (.answered, nil): ok = true
            case (.answered, _): throw fail("the condition \"answered\" takes no value")
            case (_, nil): throw fail("the condition on \"\(c.question)\" needs a value")
            case (.equals, .string(let v)?), (.notEquals, .string(let v)?):
                ok = target.type == .singleChoice && target.option(v) != nil
            case (.includes, .string(let v)?):
                ok = target.type == .multipleChoice && target.option(v) != nil
            case (.equals, .bool?), (.notEquals, .bool?):
                ok = target.type == .yesNo
            case (.equals, .number?), (.notEquals, .number?), (.greaterThan, .number?), (.lessThan, .number?):
                ok = target.type == .number || target.type == .scale
            default:
                ok = false
            }
            guard ok else {
                throw fail("the condition \(c.operator.rawValue) on \"\(c.question)\" does not fit that question (\(target.type.rawValue)) or names an option it does not have")
            }
        }
    }

    /// Turns a decoding failure into "part …, question …: what is wrong".
    static func describe(_ error: DecodingError, file: String, data: Data) -> InstrumentDefinitionError {
        let path: [any CodingKey]
        let problem: String
        switch error {
        case .keyNotFound(let key, let ctx):
            path = ctx.codingPath
            problem = "\"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            path = ctx.codingPath
            problem = "\"\(ctx.codingPath.last?.stringValue ?? "?")\" has the wrong type"
        case .dataCorrupted(let ctx):
            path = ctx.codingPath
            if let last = ctx.codingPath.last, last.intValue == nil {
                problem = "\"\(last.stringValue)\" has a value that is not allowed (\(ctx.debugDescription))"
            } else {
                problem = ctx.codingPath.isEmpty ? "is not valid JSON" : ctx.debugDescription
            }
        @unknown default:
            return InstrumentDefinitionError(file: file, location: "", problem: "cannot be read")
        }
        // Walk the raw JSON along the path to name the part, area and question by id.
        var names: [String] = []
        var node: Any? = try? JSONSerialization.jsonObject(with: data)
        var pendingKey: String?
        for key in path {
            if let i = key.intValue, let array = node as? [Any], i < array.count {
                node = array[i]
                if let obj = node as? [String: Any], let kind = pendingKey {
                    let id = (obj["id"] as? String).map { "\"\($0)\"" } ?? "#\(i + 1)"
                    switch kind {
                    case "parts": names.append("part \(id)")
                    case "areas": names.append("area \(id)")
                    case "questions": names.append("question \(id)")
                    case "options": names.append("option #\(i + 1)")
                    case "enableWhen": names.append("condition #\(i + 1)")
                    default: break
                    }
                }
            } else if let obj = node as? [String: Any] {
                pendingKey = key.stringValue
                node = obj[key.stringValue]
            }
        }
        return InstrumentDefinitionError(file: file, location: names.joined(separator: ", "), problem: problem)
    }

    /// The definition in a canonical form (sorted keys), to notice a version whose text changed after use.
    public static func canonicalJSON(_ d: InstrumentDefinition) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return (try? String(decoding: enc.encode(d), as: UTF8.self)) ?? ""
    }

    /// The definition files that ship with Samsyn.
    public static func bundledFiles() throws -> [(name: String, data: Data)] {
        guard let dir = Bundle.module.url(forResource: "Instruments", withExtension: nil) else { return [] }
        return try files(in: dir)
    }

    /// The `*.json` files of a directory, sorted by name.
    public static func files(in dir: URL) throws -> [(name: String, data: Data)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { ($0, try Data(contentsOf: dir.appendingPathComponent($0))) }
    }
}

extension InstrumentCatalog {
    /// Loads the definition files, checks them against the versions already stored (a version's text may
    /// not change once it has been loaded: a change needs a new version number), keeps stored versions
    /// whose file is gone (earlier responses stay readable), validates everything together and stores
    /// the new versions.
    public static func load(files: [(name: String, data: Data)], store: any AssessmentStore, at now: Date) async throws -> InstrumentCatalog {
        var items: [(file: String, definition: InstrumentDefinition)] = []
        for f in files { items.append((f.name, try decode(file: f.name, data: f.data))) }
        let stored = try await store.instrumentVersions()
        var storedByKey: [InstrumentKey: String] = [:]
        for s in stored { storedByKey[InstrumentKey(id: s.id, version: s.version)] = s.json }
        for (file, d) in items {
            if let json = storedByKey[d.key], json != canonicalJSON(d) {
                throw InstrumentDefinitionError(
                    file: file, location: "",
                    problem: "\(d.key) differs from the text already in use; earlier responses keep their wording, so publish the change as version \(d.version + 1)")
            }
        }
        let fileKeys = Set(items.map(\.definition.key))
        for s in stored where !fileKeys.contains(InstrumentKey(id: s.id, version: s.version)) {
            items.append(("(stored \(s.id) v\(s.version))", try decode(file: "(stored \(s.id) v\(s.version))", data: Data(s.json.utf8))))
        }
        try validateTogether(items)
        for (_, d) in items where storedByKey[d.key] == nil {
            try await store.saveInstrumentVersion(id: d.id, version: d.version, json: canonicalJSON(d), at: now)
        }
        return InstrumentCatalog(items.map(\.definition))
    }
}
