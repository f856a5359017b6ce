import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain
import SamsynStorage

/// The catalogue, queues, episodes and the work-ability report over the API, under the same rules as the pages:
/// the catalogue is counts only; people in a queue and episodes are the user's committee's own.
extension APIHandler {
    var queues: InterventionService { services.queues }

    func listInterventions(_ input: Operations.ListInterventions.Input) async throws -> Operations.ListInterventions.Output {
        let actor = try APIScope.actor()
        let (ps, lines) = try await queues.catalogue(by: actor)
        let names = Dictionary(uniqueKeysWithValues: ps.map { ($0.id, $0.name) })
        let items = lines.map { line -> Components.Schemas.Intervention in
            let i = line.intervention
            return .init(
                id: i.id, providerId: i.providerId, providerName: names[i.providerId] ?? i.providerId, name: i.name, _type: i.type.rawValue,
                targetGroup: i.targetGroup, description: i.description, typicalWeeks: i.typicalWeeks, capacity: i.capacity,
                placesTaken: line.placesTaken, waiting: line.waiting, oneAtATime: i.oneAtATime, allotments: .init(additionalProperties: i.allotments))
        }
        return .ok(.init(body: .json(.init(items: items))))
    }

    func getQueue(_ input: Operations.GetQueue.Input) async throws -> Operations.GetQueue.Output {
        let actor = try APIScope.actor()
        let paging = try PageRequest(
            page: input.query.page, size: input.query.pageSize, defaultSize: InterventionService.queuePageSize, maxSize: InterventionService.maxQueuePageSize)
        guard try await services.interventions.intervention(id: input.path.interventionId) != nil else { throw DomainError.notFound }
        let r = try await queues.queue(interventionId: input.path.interventionId, paging, by: actor)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: r.lines.map { Self.entry($0.entry, position: $0.position, person: $0.person) }, total: r.total, waitingAll: r.waitingAll,
                        page: paging.page, pageSize: paging.size))))
    }

    func queuePerson(_ input: Operations.QueuePerson.Input) async throws -> Operations.QueuePerson.Output {
        let actor = try APIScope.actor()
        guard let personId = UUID(uuidString: input.path.personId) else { throw DomainError.notFound }
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let e = try await queues.enqueue(personId: personId, interventionId: b.interventionId, districtId: b.districtId, priorityReason: b.priorityReason, by: actor)
        return .created(.init(body: .json(Self.entry(e))))
    }

    func offerPlace(_ input: Operations.OfferPlace.Input) async throws -> Operations.OfferPlace.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.entryId) else { throw DomainError.notFound }
        var offer = QueueOfferRules.Input()
        if case .json(let b) = input.body {
            // The API takes a date exactly as documented (YYYY-MM-DD); the form's empty field means the default deadline.
            if let a = b.answerBy, !Self.isISODate(a) {
                throw DomainError.invalid([FieldError(field: "answerBy", message: "Ange svarsdatum som ÅÅÅÅ-MM-DD.")])
            }
            offer = QueueOfferRules.Input(answerBy: b.answerBy ?? "", reason: b.reason?.rawValue ?? "", reasonText: b.reasonText ?? "")
        }
        return .ok(.init(body: .json(Self.entry(try await queues.offer(entryId: id, offer, by: actor).entry))))
    }

    /// Exactly ten characters, `NNNN-NN-NN` with ASCII digits (the schema's pattern).
    static func isISODate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10 else { return false }
        for (i, c) in b.enumerated() {
            if i == 4 || i == 7 { if c != UInt8(ascii: "-") { return false } } else if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) { return false }
        }
        return true
    }

    func answerOffer(_ input: Operations.AnswerOffer.Input) async throws -> Operations.AnswerOffer.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.entryId) else { throw DomainError.notFound }
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        return .ok(.init(body: .json(Self.entry(try await queues.answer(entryId: id, accept: b.accept, by: actor)))))
    }

    func listEpisodes(_ input: Operations.ListEpisodes.Input) async throws -> Operations.ListEpisodes.Output {
        let actor = try APIScope.actor()
        guard let personId = UUID(uuidString: input.path.personId) else { throw DomainError.notFound }
        let list = try await queues.episodes(personId: personId, by: actor)
        return .ok(.init(body: .json(.init(items: list.map(Self.episode)))))
    }

    func startEpisode(_ input: Operations.StartEpisode.Input) async throws -> Operations.StartEpisode.Output {
        let actor = try APIScope.actor()
        guard let personId = UUID(uuidString: input.path.personId) else { throw DomainError.notFound }
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let entry: UUID?
        if let raw = b.queueEntryId {
            guard let id = UUID(uuidString: raw) else { throw DomainError.invalid([FieldError(field: "queueEntryId", message: "Not a UUID.")]) }
            entry = id
        } else {
            entry = nil
        }
        let e = try await queues.startEpisode(
            personId: personId,
            .init(interventionId: b.interventionId, queueEntryId: entry, start: b.start, plannedEnd: b.plannedEnd ?? "", subGoal: b.subGoal ?? ""), by: actor)
        return .created(.init(body: .json(Self.episode(e))))
    }

    func endEpisode(_ input: Operations.EndEpisode.Input) async throws -> Operations.EndEpisode.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.episodeId) else { throw DomainError.notFound }
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let e = try await queues.endEpisode(
            id: id, actualEnd: b.actualEnd, outcome: b.outcome.rawValue, reason: b.interruptionReason ?? "", expectedVersion: b.version, by: actor)
        return .ok(.init(body: .json(Self.episode(e))))
    }

    func getWorkAbilityReport(_ input: Operations.GetWorkAbilityReport.Input) async throws -> Operations.GetWorkAbilityReport.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.episodeId) else { throw DomainError.notFound }
        let (r, person) = try await queues.finalReport(episodeId: id, by: actor)
        return .ok(
            .init(
                body: .json(
                    .init(
                        episodeId: id.uuidString.lowercased(), personId: person.id.uuidString.lowercased(), disclaimer: WorkAbilityReport.disclaimer,
                        tried: r.tried.map {
                            .init(intervention: $0.intervention, _type: $0.type, provider: $0.provider, period: $0.period, outcome: $0.outcome, subGoal: $0.subGoal)
                        },
                        placements: r.placements.map {
                            .init(workplace: $0.workplace, support: $0.support, period: $0.period, hours: $0.hours, tasks: $0.tasks, observations: $0.observations)
                        },
                        instruments: r.instruments.map {
                            .init(name: $0.name, date: $0.date, assessor: $0.assessor, strengths: $0.strengths, supportNeeds: $0.supportNeeds, summary: $0.summary)
                        },
                        conclusion: r.conclusion.map {
                            .init(abilities: $0.abilities, adaptations: $0.adaptations, recommendation: $0.recommendation, writtenBy: $0.writtenBy)
                        }))))
    }

    static func entry(_ e: QueueEntry, position: Int? = nil, person: PersonSummary? = nil) -> Components.Schemas.QueueEntry {
        .init(
            id: e.id.uuidString.lowercased(), interventionId: e.interventionId, personId: e.personId.uuidString.lowercased(), districtId: e.districtId,
            queuedAt: e.queuedAt, priorityReason: e.priorityReason, status: Self.e(e.status), position: position,
            offeredAt: e.offeredAt, person: person.map(summary))
    }

    static func episode(_ e: Episode) -> Components.Schemas.Episode {
        .init(
            id: e.id.uuidString.lowercased(), interventionId: e.interventionId, personId: e.personId.uuidString.lowercased(),
            queueEntryId: e.queueEntryId?.uuidString.lowercased(), start: e.start.description, plannedEnd: e.plannedEnd?.description,
            actualEnd: e.actualEnd?.description, outcome: e.outcome.map(Self.e), interruptionReason: e.interruptionReason,
            subGoal: e.subGoal, version: e.version)
    }
}
