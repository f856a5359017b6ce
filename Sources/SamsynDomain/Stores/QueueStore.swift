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
    /// the last place at the same moment, exactly one succeeds and the other gets `conflict`.
    func offer(entryId: UUID, at: Date, audit: AccessLogEntry) async throws -> QueueEntry
    /// Records the person's answer to an offer.
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
