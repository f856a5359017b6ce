import Foundation

/// Svara i förväg: the person's own answers, given on Mina sidor before the visit, to the questions meant for the
/// person (those with the person's perspective, such as the FIA areas' "your own view"). They stay the person's: the
/// caseworker sees each as "the person's own answer, given on DATE" beside the question and confirms it (or records
/// another) in the instrument; the person's answer is kept beside whatever the instrument then holds.
public struct AdvanceAnswer: Hashable, Sendable {
    public let personId: UUID
    public let instrumentId: String
    public let questionId: String
    public let value: AnswerValue
    public let answeredAt: Date
    public init(personId: UUID, instrumentId: String, questionId: String, value: AnswerValue, answeredAt: Date) {
        self.personId = personId
        self.instrumentId = instrumentId
        self.questionId = questionId
        self.value = value
        self.answeredAt = answeredAt
    }
}

public protocol AdvanceAnswerStore: Sendable {
    func advanceAnswers(personId: UUID) async throws -> [AdvanceAnswer]
    /// Saves the person's answers to one instrument (nil removes one), with the log row, in one transaction.
    func saveAdvanceAnswers(personId: UUID, instrumentId: String, answers: [String: AnswerValue?], at: Date, audit: AccessLogEntry) async throws
}

public enum AdvanceAnswerRules {
    /// One area's questions meant for the person, in the latest version of an instrument.
    public struct Group: Sendable {
        public let instrument: InstrumentDefinition
        public let part: PartDefinition
        public let area: AreaDefinition
        public let questions: [QuestionDefinition]
    }

    /// The questions the person can answer in advance: every question with the person's perspective in the latest
    /// version of each instrument, by area, in the instrument's order.
    public static func groups(_ catalog: InstrumentCatalog) -> [Group] {
        catalog.latest.flatMap { def in
            def.parts.flatMap { part in
                part.areas.compactMap { area in
                    let qs = area.questions.filter { $0.perspective == .person }
                    return qs.isEmpty ? nil : Group(instrument: def, part: part, area: area, questions: qs)
                }
            }
        }
    }

    /// Reads the posted form of one instrument: each question's values as the form sent them; a blank one is no
    /// answer. A value that is not one of the question's is refused, naming the question.
    public static func parse(_ form: [String: [String]], groups: [Group]) -> (answers: [String: AnswerValue?], errors: [FieldError]) {
        var answers: [String: AnswerValue?] = [:]
        var errors: [FieldError] = []
        for q in groups.flatMap(\.questions) {
            let raw = (form[q.id] ?? []).filter { !$0.isEmpty }
            do {
                let v = try q.parseForm(raw)
                if let v, let problem = q.problem(with: v) { errors.append(FieldError(field: q.id, message: problem)) } else { answers[q.id] = .some(v) }
            } catch {
                errors.append(FieldError(field: q.id, message: "Välj ett av svaren."))
            }
        }
        return (answers, errors)
    }
}

extension OwnPageService {
    /// The questions meant for the person with the answers they have given, by instrument.
    public func advanceQuestions(by actor: Actor) async throws -> (groups: [AdvanceAnswerRules.Group], answers: [String: AdvanceAnswer]) {
        let pid = try OwnPageRules.personId(actor)
        guard let catalog, let advance else { return ([], [:]) }
        let given = try await advance.advanceAnswers(personId: pid)
        try await log.append([entry(actor, pid, .ownPageRead, .allowed, "advance_answers")])
        return (AdvanceAnswerRules.groups(catalog), Dictionary(given.map { ("\($0.instrumentId)/\($0.questionId)", $0) }, uniquingKeysWith: { a, b in a.answeredAt >= b.answeredAt ? a : b }))
    }

    /// Saves the person's answers to one instrument's questions meant for them; a bad value saves nothing.
    public func saveAdvanceAnswers(instrumentId: String, form: [String: [String]], by actor: Actor) async throws {
        let pid = try OwnPageRules.personId(actor)
        guard let catalog, let advance else { throw DomainError.notFound }
        let groups = AdvanceAnswerRules.groups(catalog).filter { $0.instrument.id == instrumentId }
        guard !groups.isEmpty else { throw DomainError.notFound }
        let (answers, errors) = AdvanceAnswerRules.parse(form, groups: groups)
        guard errors.isEmpty else { throw DomainError(.invalid, "Svaren sparades inte.", fields: errors) }
        let answered = answers.values.filter { $0 != nil }.count
        try await advance.saveAdvanceAnswers(
            personId: pid, instrumentId: instrumentId, answers: answers, at: clock.now(),
            audit: entry(actor, pid, .ownAdvanceAnswers, .allowed, instrumentId, after: "{\"answered\":\(answered)}"))
    }
}
