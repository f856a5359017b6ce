import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain
import SamsynStorage

/// Instruments and assessment responses over the API, under the same rules as the pages.
extension APIHandler {
    var assessments: AssessmentService { services.assessments }

    func listInstruments(_ input: Operations.ListInstruments.Input) async throws -> Operations.ListInstruments.Output {
        _ = try APIScope.actor()
        let items = assessments.instruments.latest.map { d in
            Components.Schemas.InstrumentSummary(
                id: d.id, version: d.version, title: d.title, description: d.description,
                parts: d.parts.map { .init(id: $0.id, title: $0.title, owner: Self.e($0.owner)) })
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    private func definition(_ id: String, _ version: Int?) throws -> InstrumentDefinition {
        let d = version.map { assessments.instruments.definition(id, version: $0) } ?? assessments.instruments.latest(id)
        guard let d else { throw DomainError.notFound }
        return d
    }

    func getInstrument(_ input: Operations.GetInstrument.Input) async throws -> Operations.GetInstrument.Output {
        _ = try APIScope.actor()
        let d = try definition(input.path.instrumentId, input.query.version)
        // The domain's definition and the documented schema share their field names: encode one, decode the other.
        let body = try JSONDecoder().decode(Components.Schemas.InstrumentDefinition.self, from: JSONEncoder().encode(d))
        return .ok(.init(body: .json(body)))
    }

    func getInstrumentFhir(_ input: Operations.GetInstrumentFhir.Input) async throws -> Operations.GetInstrumentFhir.Output {
        _ = try APIScope.actor()
        let d = try definition(input.path.instrumentId, input.query.version)
        let body = try JSONDecoder().decode(Components.Schemas.FhirQuestionnaire.self, from: FHIRQuestionnaire.json(d))
        return .ok(.init(body: .applicationFhirJson(body)))
    }

    func listAssessments(_ input: Operations.ListAssessments.Input) async throws -> Operations.ListAssessments.Output {
        let actor = try APIScope.actor()
        guard let personId = UUID(uuidString: input.path.personId) else { throw DomainError.notFound }
        let responses = try await assessments.responses(personId: personId, by: actor)
        return .ok(.init(body: .json(.init(items: try responses.map { try Self.assessment($0, sheet: nil) }))))
    }

    func startAssessment(_ input: Operations.StartAssessment.Input) async throws -> Operations.StartAssessment.Output {
        let actor = try APIScope.actor()
        guard let personId = UUID(uuidString: input.path.personId) else { throw DomainError.notFound }
        guard case .json(let body) = input.body else { throw DomainError.invalid([]) }
        let (response, created) = try await assessments.start(personId: personId, instrumentId: body.instrumentId, partId: body.partId, by: actor)
        let sheet = try await assessments.open(responseId: response.id, by: actor)
        let out = try Self.assessment(sheet.response, sheet: sheet)
        return created ? .created(.init(body: .json(out))) : .ok(.init(body: .json(out)))
    }

    func getAssessment(_ input: Operations.GetAssessment.Input) async throws -> Operations.GetAssessment.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.assessmentId) else { throw DomainError.notFound }
        let sheet = try await assessments.open(responseId: id, by: actor)
        return .ok(.init(body: .json(try Self.assessment(sheet.response, sheet: sheet))))
    }

    func saveAnswers(_ input: Operations.SaveAnswers.Input) async throws -> Operations.SaveAnswers.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.assessmentId) else { throw DomainError.notFound }
        guard case .json(let body) = input.body else { throw DomainError.invalid([]) }
        var raw: [String: RawAnswer] = [:]
        var duplicates: [FieldError] = []
        for a in body.answers {
            if raw[a.questionId] != nil { duplicates.append(FieldError(field: a.questionId, message: "Frågan finns två gånger i begäran.")) }
            raw[a.questionId] = a.declined == true ? .declined : Self.raw(a.value?.value)
        }
        guard duplicates.isEmpty else { throw DomainError.invalid(duplicates) }
        _ = try await assessments.save(responseId: id, expectedVersion: body.version, raw: raw, by: actor)
        let sheet = try await assessments.open(responseId: id, by: actor)
        return .ok(.init(body: .json(try Self.assessment(sheet.response, sheet: sheet))))
    }

    func completeAssessment(_ input: Operations.CompleteAssessment.Input) async throws -> Operations.CompleteAssessment.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.assessmentId) else { throw DomainError.notFound }
        var version: Int?
        if case .json(let body)? = input.body { version = body.version }
        _ = try await assessments.complete(responseId: id, expectedVersion: version, by: actor)
        let sheet = try await assessments.open(responseId: id, by: actor)
        return .ok(.init(body: .json(try Self.assessment(sheet.response, sheet: sheet))))
    }

    func reviseAssessment(_ input: Operations.ReviseAssessment.Input) async throws -> Operations.ReviseAssessment.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.assessmentId) else { throw DomainError.notFound }
        guard case .json(let body) = input.body else { throw DomainError.invalid([]) }
        let revision = try await assessments.revise(responseId: id, reason: body.reason, by: actor)
        let sheet = try await assessments.open(responseId: revision.id, by: actor)
        return .created(.init(body: .json(try Self.assessment(sheet.response, sheet: sheet))))
    }

    // MARK: Mapping

    static func raw(_ value: (any Sendable)?) -> RawAnswer {
        switch value {
        case nil: return .null
        case let b as Bool: return .bool(b)
        case let i as Int: return .integer(i)
        case let d as Double: return .number(d)
        case let s as String: return .string(s)
        case let a as [(any Sendable)?]: return .array(a.map { raw($0) })
        default: return .other
        }
    }

    static func container(_ v: AnswerValue) -> OpenAPIValueContainer? {
        let plain: (any Sendable)? =
            switch v {
            case .text(let s), .date(let s), .choice(let s): s
            case .number(let d): d == d.rounded() && abs(d) < 1e15 ? Int(d) : d
            case .choices(let list): list
            case .bool(let b): b
            case .scale(let i): i
            case .declined: nil
            }
        return plain.flatMap { try? OpenAPIValueContainer(unvalidatedValue: $0) }
    }

    static func assessment(_ r: AssessmentResponse, sheet: AssessmentSheet?) throws -> Components.Schemas.Assessment {
        var answers: [Components.Schemas.Answer] = []
        var prefill: [Components.Schemas.Prefill] = []
        if let sheet {
            for q in sheet.part.questions {
                if let a = sheet.answers[q.id] {
                    answers.append(
                        .init(
                            questionId: q.id, concept: q.concept, value: container(a.value), declined: a.value == .declined ? true : nil, withheld: nil,
                            answeredAt: a.answeredAt, sourceAssessmentId: a.sourceResponseId?.uuidString.lowercased()))
                } else if sheet.withheld.contains(q.id) {
                    answers.append(.init(questionId: q.id, concept: q.concept, withheld: true))
                }
                if let p = sheet.proposals[q.id] {
                    prefill.append(
                        .init(
                            questionId: q.id, value: try container(p.value) ?? OpenAPIValueContainer(unvalidatedValue: nil), declined: p.value == .declined ? true : nil,
                            sourceAssessmentId: p.source.response.id.uuidString.lowercased(), sourceInstrumentId: p.source.response.instrumentId,
                            sourcePartId: p.source.response.partId, answeredAt: p.source.answer.answeredAt, sourceUnitId: p.source.response.unitId,
                            sourceCommitteeId: p.source.response.committeeId, sharedUnderConsent: p.source.response.committeeId != r.committeeId))
                }
            }
        }
        return .init(
            id: r.id.uuidString.lowercased(), personId: r.personId.uuidString.lowercased(), unitId: r.unitId, instrumentId: r.instrumentId,
            instrumentVersion: r.instrumentVersion, partId: r.partId, status: Self.e(r.status), revision: r.revision,
            replacesId: r.replacesId?.uuidString.lowercased(), revisionReason: r.revisionReason, version: r.version, startedAt: r.startedAt,
            completedAt: r.completedAt, activeSeconds: Int(r.activeMilliseconds / 1000), editable: sheet?.canEdit ?? false, answers: answers,
            prefill: prefill)
    }
}
