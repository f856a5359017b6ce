import Foundation

/// The queues to interventions with places. Every change decides with `QueueRules` on the rows read in its
/// own transaction.
public protocol QueueStore: Sendable {
    /// Adds a person to the queue; `conflict` when they already have an open entry for the intervention.
    func enqueue(_ entry: QueueEntry, audit: AccessLogEntry) async throws
    func entry(id: UUID) async throws -> QueueEntry?
    /// The open entries of an intervention in queue order.
    func queue(interventionId: String) async throws -> [QueueEntry]
    /// Offers a place to a waiting entry in one transaction that also counts the places: of two offers of
    /// the last place at the same moment, exactly one succeeds and the other gets `conflict`. The same
    /// transaction reads the committee's waiting entries and lets `QueueRules.offer` decide whether the offer
    /// passes over anyone (then it needs a reason: `invalid`, nothing saved); the offer is stored with its
    /// deadline and reason.
    func offer(_ request: QueueOfferRequest, audit: @Sendable (QueueOffer) -> AccessLogEntry) async throws -> QueueOffer
    /// The committee's offers of an intervention, newest first (the queue's history).
    func offers(interventionId: String, committeeId: String, limit: Int) async throws -> [QueueOffer]
    /// The open offers of these entries (for their deadlines).
    func openOffers(entryIds: [UUID]) async throws -> [UUID: QueueOffer]
    /// Offers made from `from` (inclusive) to `to` (exclusive), all committees, for the figures.
    func offers(madeFrom from: Date, to: Date) async throws -> [QueueOffer]
    /// Lets every open offer whose deadline has passed lapse: the offer is marked lapsed, the entry waits again
    /// (keeping its place in the queue order) and the place is free. Each lapse commits with its log row.
    func lapseDueOffers(today: LocalDate, at: Date, audit: @Sendable (QueueOffer) -> AccessLogEntry) async throws -> [QueueOffer]
    /// Persons whose lapsed offer in the intervention still waits for the offerer's attention (a task).
    func personsWithLapsedOffers(interventionId: String, committeeId: String) async throws -> [UUID]
    /// Records the person's answer to an offer (and settles the open offer).
    func decide(entryId: UUID, accept: Bool, at: Date, audit: AccessLogEntry) async throws -> QueueEntry
    /// Places taken (offered or accepted) per district.
    func occupancy(interventionId: String) async throws -> PlaceRules.Occupancy
    /// Takes an entry out of the queue (or gives back its place); `conflict` when a participation on the
    /// place is still running or the entry is already closed.
    func withdraw(entryId: UUID, reason: String, at: Date, audit: AccessLogEntry) async throws -> QueueEntry
    /// One page of a committee's open entries in queue order, with each waiting entry's position among
    /// everyone waiting for the intervention, and the committee's open-entry count.
    func queuePage(interventionId: String, committeeId: String, offset: Int, limit: Int) async throws -> QueuePageResult
    /// A person's entries in any queue, for the committee that made them.
    func entries(personId: UUID, committeeId: String) async throws -> [QueueEntry]
    /// Entries per intervention and status, all committees (counts only).
    func queueCounts() async throws -> [String: [QueueEntry.Status: Int]]
    /// Open entries with queue and offer times, for the managers' figures (no personal data).
    func queueFigures(offeredSince: Date) async throws -> [QueueFigureRow]
}

/// An offer as the caseworker makes it, for `QueueStore.offer`.
public struct QueueOfferRequest: Sendable {
    public let entryId: UUID
    public let offerId: UUID
    public let input: QueueOfferRules.Input
    public let byId: UUID
    public let byName: String
    public let at: Date
    public let today: LocalDate
    public init(entryId: UUID, offerId: UUID, input: QueueOfferRules.Input, byId: UUID, byName: String, at: Date, today: LocalDate) {
        self.entryId = entryId
        self.offerId = offerId
        self.input = input
        self.byId = byId
        self.byName = byName
        self.at = at
        self.today = today
    }
}
