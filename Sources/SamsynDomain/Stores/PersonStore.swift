import Foundation

public protocol PersonStore: Sendable {
    /// Registers a new person with a file at one committee, or opens a file for an existing person
    /// (the registry is shared identity; the file is the committee's). Throws `conflict` when the
    /// committee already has a file for this number. Writes the audit row in the same transaction.
    func register(
        _ valid: PersonInput.Valid, newPersonId: UUID, file: (committeeId: String, unitId: String), at: Date,
        audit: @Sendable (_ person: Person, _ created: Bool) -> AccessLogEntry
    ) async throws -> (person: Person, files: [PersonFile], created: Bool)
    func person(id: UUID) async throws -> (person: Person, files: [PersonFile])?
    func search(_ query: PersonSearchQuery, committeeId: String, limit: Int) async throws -> [PersonSummary]
    /// The persons with a file at the committee opened by the unit, newest first.
    func recentFiles(unitId: String, limit: Int) async throws -> [PersonSummary]
    func count() async throws -> Int
}
