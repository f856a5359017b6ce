import Foundation

/// The need-assessment rule versions and which one is in use.
public protocol NeedRuleStore: Sendable {
    /// Stored rule-set versions: version → canonical JSON.
    func ruleVersions() async throws -> [Int: String]
    func saveRuleVersion(_ version: Int, json: String, at: Date) async throws
    func activeRuleVersion() async throws -> Int?
    func setActiveRuleVersion(_ version: Int, audit: AccessLogEntry) async throws
}

/// Joint need assessments, their views and decisions, and the inputs of the what-if and fairness reports.
public protocol NeedAssessmentStore: NeedRuleStore {
    /// The person's assessments held by the district committee, newest first.
    func needAssessments(personId: UUID, committeeId: String) async throws -> [NeedAssessment]
    func needAssessment(id: UUID) async throws -> NeedAssessment?
    /// Stores a new open assessment, unless the person already has an open one in the committee: then that
    /// one is returned and nothing is written.
    func startNeedAssessment(_ a: NeedAssessment, audit: AccessLogEntry) async throws -> (assessment: NeedAssessment, created: Bool)
    /// Saves one unit's view on an open assessment; `stale` when the version moved on, `conflict` once decided.
    func saveNeedView(id: UUID, side: NeedAssessment.Side, view: NeedAssessment.View, expectedVersion: Int, audit: AccessLogEntry) async throws -> NeedAssessment
    func decideNeedAssessment(id: UUID, decision: NeedAssessment.Decision, expectedVersion: Int, audit: AccessLogEntry) async throws -> NeedAssessment
    /// Stores a joint decision proposal on an open assessment (the assessment stays open); `stale` when the
    /// version moved on, `conflict` once decided or while another proposal waits.
    func proposeNeedDecision(_ proposal: NeedDecisionProposal, expectedVersion: Int, audit: AccessLogEntry) async throws -> NeedAssessment
    func needDecisionProposal(id: UUID) async throws -> NeedDecisionProposal?
    /// Applies an answer with `NeedAssessmentRules.answer` to the proposal as read in the same transaction;
    /// a confirmation decides the assessment in that transaction, with the proposal's content.
    func answerNeedDecision(
        proposalId: UUID, _ answer: NeedDecisionAnswer, userId: UUID, userName: String, at: Date, audit: AccessLogEntry
    ) async throws -> NeedAssessment
    /// Every person's latest answer per concept (all committees, superseded responses left out) and current
    /// försörjningshinder: what a what-if run evaluates.
    func needInputs() async throws -> [NeedInputs]
    /// Decided assessments, of one committee (district or Jobbtorg side) or all.
    func fairnessRecords(committeeId: String?) async throws -> [FairnessRecord]
}
