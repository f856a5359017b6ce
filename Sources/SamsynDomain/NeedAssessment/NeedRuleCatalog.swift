import Foundation

/// A rule set that cannot be used: the file, where in it and what is wrong.
public struct NeedRuleDefinitionError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let location: String
    public let problem: String

    public init(file: String, location: String, problem: String) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    public var description: String {
        location.isEmpty ? "need-assessment rules \(file): \(problem)" : "need-assessment rules \(file), \(location): \(problem)"
    }
}

/// Every rule-set version Samsyn knows, validated against the instruments' concepts and the
/// försörjningshinder classification, and which version is in use.
public struct NeedRuleCatalog: Sendable {
    public let versions: [NeedRuleSet]
    public let activeVersion: Int

    public init(versions: [NeedRuleSet], activeVersion: Int? = nil) {
        self.versions = versions.sorted { $0.version < $1.version }
        self.activeVersion = activeVersion.flatMap { v in versions.contains { $0.version == v } ? v : nil } ?? self.versions.first?.version ?? 0
    }

    public var active: NeedRuleSet? { version(activeVersion) }
    public func version(_ v: Int) -> NeedRuleSet? { versions.first { $0.version == v } }
    public func with(activeVersion v: Int) -> NeedRuleCatalog { NeedRuleCatalog(versions: versions, activeVersion: v) }

    /// The settings key that names the version in use.
    public static let activeSettingKey = "need_rules.active_version"

    // MARK: Decoding and validation

    public static func decode(file: String, data: Data, instruments: InstrumentCatalog, obstacles: SupportObstacleClassification) throws(NeedRuleDefinitionError) -> NeedRuleSet {
        let set: NeedRuleSet
        do {
            set = try JSONDecoder().decode(NeedRuleSet.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw NeedRuleDefinitionError(file: file, location: "", problem: "cannot be read: \(error)")
        }
        try validate(set, file: file, instruments: instruments, obstacles: obstacles)
        return set
    }

    public static func validate(_ s: NeedRuleSet, file: String, instruments: InstrumentCatalog, obstacles: SupportObstacleClassification) throws(NeedRuleDefinitionError) {
        func fail(_ at: String, _ problem: String) -> NeedRuleDefinitionError { NeedRuleDefinitionError(file: file, location: at, problem: problem) }
        guard InstrumentCatalog.isIdentifier(s.id) else { throw fail("", "id \"\(s.id)\" must be lower-case letters, digits and hyphens") }
        guard s.version >= 1 else { throw fail("", "version must be 1 or more") }
        guard !InstrumentCatalog.blank(s.title) else { throw fail("", "the title is empty") }
        guard !s.categories.isEmpty else { throw fail("", "a rule set needs at least one category") }
        var codes = Set<String>()
        for c in s.categories {
            let at = "category \"\(c.code)\""
            guard !c.code.isEmpty, c.code.count <= 8, c.code.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) }) else {
                throw fail(at, "a category code is 1–8 letters and digits")
            }
            guard c.code.lowercased() != "oklart" else { throw fail(at, "\"oklart\" is what Samsyn says when answers are missing; it is not a category") }
            guard codes.insert(c.code).inserted else { throw fail(at, "two categories have this code") }
            guard !InstrumentCatalog.blank(c.title), !InstrumentCatalog.blank(c.description) else { throw fail(at, "a category needs a title and a description") }
            guard (1...24).contains(c.reviewMonths) else { throw fail(at, "reviewMonths must be 1–24") }
        }
        guard !s.rules.isEmpty else { throw fail("", "a rule set needs at least one rule") }
        var ids = Set<String>()
        for (i, r) in s.rules.enumerated() {
            let at = "rule \"\(r.id)\""
            guard InstrumentCatalog.isIdentifier(r.id) else { throw fail("rule #\(i + 1)", "rule id must be lower-case letters, digits and hyphens") }
            guard ids.insert(r.id).inserted else { throw fail(at, "two rules have this id") }
            guard codes.contains(r.category) else { throw fail(at, "category \"\(r.category)\" is not one of the set's categories (\(s.categories.map(\.code).joined(separator: ", ")))") }
            guard !InstrumentCatalog.blank(r.explanation) else { throw fail(at, "the explanation is empty") }
            if let when = r.when {
                try validate(when, at: at, instruments: instruments, obstacles: obstacles, fail: fail)
            } else if i != s.rules.count - 1 {
                throw fail(at, "only the last rule may have no condition (it would hide the rules after it)")
            }
        }
    }

    static func validate(
        _ c: NeedCondition, at: String, instruments: InstrumentCatalog, obstacles: SupportObstacleClassification,
        fail: (String, String) -> NeedRuleDefinitionError
    ) throws(NeedRuleDefinitionError) {
        switch c {
        case .any(let list), .all(let list):
            guard !list.isEmpty else { throw fail(at, "any/all needs at least one condition") }
            for x in list { try validate(x, at: at, instruments: instruments, obstacles: obstacles, fail: fail) }
        case .obstacle(let list):
            guard !list.isEmpty else { throw fail(at, "an obstacle condition lists at least one försörjningshinder code") }
            for code in list where obstacles.entry(code) == nil {
                throw fail(at, "\"\(code)\" is not a försörjningshinder code in the classification")
            }
        case .concept(let concept, let op, let value):
            if let trait = ProtectedTraits.trait(in: concept) { throw fail(at, "concept \"\(concept)\": " + ProtectedTraits.refusal(trait)) }
            guard let q = instruments.conceptQuestions[concept] else {
                throw fail(at, "concept \"\(concept)\" is not asked by any loaded instrument")
            }
            if let problem = fit(op, value, q) { throw fail(at, "concept \"\(concept)\" (\(q.type.rawValue)): \(problem)") }
        }
    }

    /// Whether the operator and value fit the question that asks the concept.
    static func fit(_ op: NeedOperator, _ value: NeedValue?, _ q: QuestionDefinition) -> String? {
        let numeric = q.type == .number || q.type == .scale
        switch (op, value) {
        case (.answered, nil): return nil
        case (.answered, _): return "\"answered\" takes no value"
        case (_, nil): return "\(op.rawValue) needs a value"
        case (.equals, .string(let v)?), (.notEquals, .string(let v)?):
            guard q.type == .singleChoice else { return "\(op.rawValue) with a text value needs a single-choice question" }
            return q.option(v) == nil ? "\"\(v)\" is not an option of the question" : nil
        case (.equals, .bool?), (.notEquals, .bool?):
            return q.type == .yesNo ? nil : "a yes/no value needs a yes/no question"
        case (.equals, .number?), (.notEquals, .number?), (.lessThan, .number?), (.atMost, .number?), (.greaterThan, .number?), (.atLeast, .number?):
            return numeric ? nil : "a number needs a number or scale question"
        case (.oneOf, .strings(let list)?):
            guard q.type == .singleChoice else { return "one_of needs a single-choice question" }
            guard !list.isEmpty else { return "one_of needs at least one option value" }
            return list.first { q.option($0) == nil }.map { "\"\($0)\" is not an option of the question" }
        case (.includes, .string(let v)?):
            guard q.type == .multipleChoice else { return "includes needs a multiple-choice question" }
            return q.option(v) == nil ? "\"\(v)\" is not an option of the question" : nil
        default:
            return "the operator \(op.rawValue) does not take that value"
        }
    }

    static func describe(_ error: DecodingError, file: String) -> NeedRuleDefinitionError {
        func where_(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "#\($0 + 1)" } ?? $0.stringValue }.joined(separator: " › ")
        }
        switch error {
        case .keyNotFound(let key, let ctx): return .init(file: file, location: where_(ctx.codingPath), problem: "\"\(key.stringValue)\" is missing")
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return .init(file: file, location: where_(ctx.codingPath), problem: "\"\(ctx.codingPath.last?.stringValue ?? "?")\" has the wrong type")
        case .dataCorrupted(let ctx):
            return .init(file: file, location: where_(ctx.codingPath), problem: ctx.codingPath.isEmpty && ctx.debugDescription.contains("JSON") ? "is not valid JSON" : ctx.debugDescription)
        @unknown default: return .init(file: file, location: "", problem: "cannot be read")
        }
    }

    public static func canonicalJSON(_ s: NeedRuleSet) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return (try? String(decoding: enc.encode(s), as: UTF8.self)) ?? ""
    }

    /// The rule files that ship with Samsyn.
    public static func bundledFiles() throws -> [(name: String, data: Data)] {
        guard let dir = Bundle.module.url(forResource: "NeedRules", withExtension: nil) else { return [] }
        return try InstrumentCatalog.files(in: dir)
    }

    /// Decodes and validates the files, checks a stored version's text is unchanged (a change needs a new
    /// version number), keeps stored versions whose file is gone, stores new ones and reads the version in use.
    public static func load(
        files: [(name: String, data: Data)], instruments: InstrumentCatalog, obstacles: SupportObstacleClassification, store: any NeedRuleStore, at now: Date
    ) async throws -> NeedRuleCatalog {
        var items: [(file: String, set: NeedRuleSet)] = []
        for f in files { items.append((f.name, try decode(file: f.name, data: f.data, instruments: instruments, obstacles: obstacles))) }
        var seen: [Int: String] = [:]
        for (file, s) in items {
            if let other = seen[s.version] { throw NeedRuleDefinitionError(file: file, location: "", problem: "version \(s.version) is also defined in \(other)") }
            seen[s.version] = file
        }
        let stored = try await store.ruleVersions()
        for (file, s) in items {
            if let json = stored[s.version], json != canonicalJSON(s) {
                throw NeedRuleDefinitionError(
                    file: file, location: "",
                    problem: "version \(s.version) differs from the text already in use; decisions keep the version they were made under, so publish the change as version \(s.version + 1)")
            }
        }
        for (v, json) in stored where seen[v] == nil {
            items.append(("(stored v\(v))", try decode(file: "(stored v\(v))", data: Data(json.utf8), instruments: instruments, obstacles: obstacles)))
        }
        for (_, s) in items where stored[s.version] == nil {
            try await store.saveRuleVersion(s.version, json: canonicalJSON(s), at: now)
        }
        return NeedRuleCatalog(versions: items.map(\.set), activeVersion: try await store.activeRuleVersion())
    }
}

