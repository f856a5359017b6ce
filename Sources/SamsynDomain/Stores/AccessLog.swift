import Foundation

/// The access log. `append` returns only when the rows are durable; if it throws, the caller returns no data.
public protocol AccessLog: Sendable {
    func append(_ entries: [AccessLogEntry]) async throws
    /// Appends rows and, in the same transaction, records activity on assessment drafts (opening a part
    /// is a logged read and the start of its active time: one group-committed write serves both).
    func append(_ entries: [AccessLogEntry], activity: [DraftActivity]) async throws
    func recent(committeeId: String?, limit: Int) async throws -> [AccessLogRecord]
    /// One row by its sequence number (log review opens a list read to see whom it showed).
    func record(sequence: Int64) async throws -> AccessLogRecord?
    func verify() async throws -> AccessLogVerification
}

/// Activity on an assessment draft, recorded together with the access-log row of the read that caused it.
public struct DraftActivity: Sendable, Equatable {
    public let responseId: UUID
    public let activity: Activity
    public init(responseId: UUID, activity: Activity) {
        self.responseId = responseId
        self.activity = activity
    }
}
