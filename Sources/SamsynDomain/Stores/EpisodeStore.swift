import Foundation

/// Episodes (deltagande) in interventions.
public protocol EpisodeStore: Sendable {
    /// Starts an episode in one transaction that re-checks `EpisodeRules.checkStart` against what is stored:
    /// the place it uses is accepted and unused, an intervention with places is not started without one, and
    /// an intervention taken one at a time has no overlapping episode for the person.
    func startEpisode(_ episode: Episode, audit: AccessLogEntry) async throws
    /// Records the end and outcome; frees the place. `conflict` when already ended or `expectedVersion` is stale.
    func endEpisode(
        id: UUID, actualEnd: LocalDate, outcome: Episode.Outcome, reason: String?, expectedVersion: Int, audit: AccessLogEntry
    ) async throws -> Episode
    func episode(id: UUID) async throws -> Episode?
    /// The person's episodes recorded by the committee, oldest first.
    func episodes(personId: UUID, committeeId: String) async throws -> [Episode]
}
