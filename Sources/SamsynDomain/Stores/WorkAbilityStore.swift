import Foundation

/// A work-ability testing's placements, instrument results and conclusion.
public protocol WorkAbilityStore: Sendable {
    func addPlacement(_ placement: WorkPlacement, audit: AccessLogEntry) async throws
    func placements(episodeId: UUID) async throws -> [WorkPlacement]
    func addAssessment(_ assessment: WorkAbilityAssessment, audit: AccessLogEntry) async throws
    func assessments(episodeId: UUID) async throws -> [WorkAbilityAssessment]
    /// Saves the conclusion; `expectedVersion` 0 for the first. `conflict` when stale.
    func saveConclusion(episodeId: UUID, _ conclusion: WorkAbilityConclusion, expectedVersion: Int, audit: AccessLogEntry) async throws -> WorkAbilityConclusion
    func conclusion(episodeId: UUID) async throws -> WorkAbilityConclusion?
}
