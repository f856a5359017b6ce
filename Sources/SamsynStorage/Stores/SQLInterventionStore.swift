import Foundation
import SamsynDomain

/// The four participation stores as one value, for the services and the composition root that take an
/// `InterventionStore`. Each aggregate lives in its own store; code that needs only one may take that one.
public struct SQLInterventionStore: InterventionStore {
    public let catalogue: SQLInterventionCatalogueStore
    public let queues: SQLQueueStore
    public let episodeStore: SQLEpisodeStore
    public let workAbility: SQLWorkAbilityStore

    public init(database: Database) {
        catalogue = SQLInterventionCatalogueStore(database: database)
        queues = SQLQueueStore(database: database)
        episodeStore = SQLEpisodeStore(database: database)
        workAbility = SQLWorkAbilityStore(database: database)
    }

    // MARK: Catalogue

    public func saveProvider(_ p: Provider) async throws { try await catalogue.saveProvider(p) }
    public func saveIntervention(_ i: Intervention) async throws { try await catalogue.saveIntervention(i) }
    public func providers() async throws -> [Provider] { try await catalogue.providers() }
    public func interventions() async throws -> [Intervention] { try await catalogue.interventions() }
    public func intervention(id: String) async throws -> Intervention? { try await catalogue.intervention(id: id) }

    // MARK: Queues

    public func enqueue(_ e: QueueEntry, audit: AccessLogEntry) async throws { try await queues.enqueue(e, audit: audit) }
    public func entry(id: UUID) async throws -> QueueEntry? { try await queues.entry(id: id) }
    public func queue(interventionId: String) async throws -> [QueueEntry] { try await queues.queue(interventionId: interventionId) }
    public func offer(_ request: QueueOfferRequest, audit: @Sendable (QueueOffer) -> AccessLogEntry) async throws -> QueueOffer { try await queues.offer(request, audit: audit) }
    public func offers(interventionId: String, committeeId: String, limit: Int) async throws -> [QueueOffer] {
        try await queues.offers(interventionId: interventionId, committeeId: committeeId, limit: limit)
    }
    public func openOffers(entryIds: [UUID]) async throws -> [UUID: QueueOffer] { try await queues.openOffers(entryIds: entryIds) }
    public func offers(madeFrom from: Date, to: Date) async throws -> [QueueOffer] { try await queues.offers(madeFrom: from, to: to) }
    public func lapseDueOffers(today: LocalDate, at: Date, audit: @Sendable (QueueOffer) -> AccessLogEntry) async throws -> [QueueOffer] {
        try await queues.lapseDueOffers(today: today, at: at, audit: audit)
    }
    public func personsWithLapsedOffers(interventionId: String, committeeId: String) async throws -> [UUID] {
        try await queues.personsWithLapsedOffers(interventionId: interventionId, committeeId: committeeId)
    }
    public func decide(entryId: UUID, accept: Bool, at: Date, audit: AccessLogEntry) async throws -> QueueEntry {
        try await queues.decide(entryId: entryId, accept: accept, at: at, audit: audit)
    }
    public func occupancy(interventionId: String) async throws -> PlaceRules.Occupancy { try await queues.occupancy(interventionId: interventionId) }
    public func withdraw(entryId: UUID, reason: String, at: Date, audit: AccessLogEntry) async throws -> QueueEntry {
        try await queues.withdraw(entryId: entryId, reason: reason, at: at, audit: audit)
    }
    public func queuePage(interventionId: String, committeeId: String, offset: Int, limit: Int) async throws -> QueuePageResult {
        try await queues.queuePage(interventionId: interventionId, committeeId: committeeId, offset: offset, limit: limit)
    }
    public func entries(personId: UUID, committeeId: String) async throws -> [QueueEntry] {
        try await queues.entries(personId: personId, committeeId: committeeId)
    }
    public func queueCounts() async throws -> [String: [QueueEntry.Status: Int]] { try await queues.queueCounts() }
    public func queueFigures(offeredSince: Date) async throws -> [QueueFigureRow] { try await queues.queueFigures(offeredSince: offeredSince) }

    // MARK: Episodes

    public func startEpisode(_ e: Episode, audit: AccessLogEntry) async throws { try await episodeStore.startEpisode(e, audit: audit) }
    public func endEpisode(
        id: UUID, actualEnd: LocalDate, outcome: Episode.Outcome, reason: String?, expectedVersion: Int, audit: AccessLogEntry
    ) async throws -> Episode {
        try await episodeStore.endEpisode(id: id, actualEnd: actualEnd, outcome: outcome, reason: reason, expectedVersion: expectedVersion, audit: audit)
    }
    public func episode(id: UUID) async throws -> Episode? { try await episodeStore.episode(id: id) }
    public func episodes(personId: UUID, committeeId: String) async throws -> [Episode] {
        try await episodeStore.episodes(personId: personId, committeeId: committeeId)
    }

    // MARK: Work-ability testing

    public func addPlacement(_ p: WorkPlacement, audit: AccessLogEntry) async throws { try await workAbility.addPlacement(p, audit: audit) }
    public func placements(episodeId: UUID) async throws -> [WorkPlacement] { try await workAbility.placements(episodeId: episodeId) }
    public func addAssessment(_ a: WorkAbilityAssessment, audit: AccessLogEntry) async throws { try await workAbility.addAssessment(a, audit: audit) }
    public func assessments(episodeId: UUID) async throws -> [WorkAbilityAssessment] { try await workAbility.assessments(episodeId: episodeId) }
    public func saveConclusion(
        episodeId: UUID, _ c: WorkAbilityConclusion, expectedVersion: Int, audit: AccessLogEntry
    ) async throws -> WorkAbilityConclusion {
        try await workAbility.saveConclusion(episodeId: episodeId, c, expectedVersion: expectedVersion, audit: audit)
    }
    public func conclusion(episodeId: UUID) async throws -> WorkAbilityConclusion? { try await workAbility.conclusion(episodeId: episodeId) }
}
