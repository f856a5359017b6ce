import Foundation

/// Instrument responses (drafts, locking, revisions) and the stored instrument versions.
public protocol AssessmentStore: Sendable {
    /// Stores a new draft, unless the person already has a current (draft or completed) response to the
    /// part in the committee: then that one is returned and nothing is written.
    func start(_ response: AssessmentResponse, audit: AccessLogEntry) async throws -> (response: AssessmentResponse, created: Bool)
    func response(id: UUID) async throws -> AssessmentResponse?
    func answers(responseId: UUID) async throws -> [StoredAnswer]
    /// The person's responses in the committee, newest first (all revisions).
    func responses(personId: UUID, committeeId: String) async throws -> [AssessmentResponse]
    /// Every non-superseded answer with a concept for the person in the committee, with its response.
    func conceptAnswers(personId: UUID, committeeId: String) async throws -> [ConceptAnswer]
    /// Every answer with a concept for the person in the committee (join with `responses` to drop superseded ones).
    func answersWithConcept(personId: UUID, committeeId: String) async throws -> [StoredAnswer]
    /// Saves answers to a draft in one transaction. Throws `conflict` when the response is locked or
    /// its version is not `expectedVersion`. Records the activity and writes the audit row.
    func saveAnswers(
        responseId: UUID, expectedVersion: Int?, upserts: [StoredAnswer], deletes: [String], activity: Activity, audit: AccessLogEntry
    ) async throws -> AssessmentResponse
    /// Locks a draft as completed; a completed revision supersedes the response it replaces.
    func complete(responseId: UUID, expectedVersion: Int?, by: UUID, activity: Activity, audit: AccessLogEntry) async throws -> AssessmentResponse
    /// Completes as above and, in the same transaction, runs `acute` on the part's stored answers: when rules
    /// hold, the person gets an acute need at the response's committee (or the open one gets the new rules).
    func complete(responseId: UUID, expectedVersion: Int?, by: UUID, activity: Activity, audit: AccessLogEntry, acute: AcuteCheck?) async throws
        -> AssessmentResponse
    /// Starts a new draft revision of a completed response, carrying its answers over.
    func revise(_ revision: AssessmentResponse, of original: UUID, audit: AccessLogEntry) async throws -> AssessmentResponse
    /// Records activity on a draft (opening it, a heartbeat from the page).
    func recordActivity(responseId: UUID, activity: Activity) async throws
    func completionTimes(unitId: String) async throws -> [CompletionTime]
    /// Stored instrument versions (id, version, canonical JSON), so earlier versions stay readable.
    func instrumentVersions() async throws -> [(id: String, version: Int, json: String)]
    func saveInstrumentVersion(id: String, version: Int, json: String, at: Date) async throws
}

/// The acute-need rules run on a part's answers when it is completed (`AssessmentStore.complete`).
public struct AcuteCheck: Sendable {
    public let ruleVersion: Int
    /// The ids of the rules that hold for the stored answers.
    public let evaluate: @Sendable ([StoredAnswer]) -> [String]
    public let newId: UUID
    /// The access-log row of the detection (names the person and the rules, nothing else).
    public let audit: @Sendable ([String]) -> AccessLogEntry

    public init(ruleVersion: Int, evaluate: @escaping @Sendable ([StoredAnswer]) -> [String], newId: UUID, audit: @escaping @Sendable ([String]) -> AccessLogEntry) {
        self.ruleVersion = ruleVersion
        self.evaluate = evaluate
        self.newId = newId
        self.audit = audit
    }
}
