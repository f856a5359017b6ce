import Foundation

public protocol PersonStore: Sendable {
    /// Opens the committee's file with the values entered, registering the identity (the personnummer) when
    /// it is new to the registry. What another committee's file holds is neither read nor returned, and the
    /// answer is the same whether the number was new or not. Throws `conflict` when the committee already
    /// has a file for this number. Writes the audit row in the same transaction.
    func register(
        _ valid: PersonInput.Valid, newPersonId: UUID, file: (committeeId: String, unitId: String), at: Date,
        audit: @Sendable (_ person: Person) -> AccessLogEntry
    ) async throws -> (person: Person, file: PersonFile)
    /// The person as the committee's file holds them, with that file; nil when there is no such person or the
    /// committee holds no file for them.
    func person(id: UUID, committeeId: String) async throws -> (person: Person, file: PersonFile)?
    /// Whether the registry knows the id at all (for the access log's denial detail only; never shown).
    func exists(id: UUID) async throws -> Bool
    func search(_ query: PersonSearchQuery, committeeId: String, limit: Int) async throws -> [PersonSummary]
    /// The persons with a file at the committee opened by the unit, newest first.
    func recentFiles(unitId: String, limit: Int) async throws -> [PersonSummary]
    /// The persons the user last opened or registered (from the access log), most recent first, as the
    /// committee's files hold them; persons the committee holds no file for are left out.
    func recentlySeen(userId: UUID, committeeId: String, limit: Int) async throws -> [PersonSummary]
    func count() async throws -> Int
}

extension PersonStore {
    /// The person as the first of `committeeIds` that holds a file has them (the reader's own committee
    /// first, then the committee whose record a consent shares).
    public func person(id: UUID, firstOf committeeIds: [String]) async throws -> Person? {
        for c in committeeIds {
            if let found = try await person(id: id, committeeId: c) { return found.person }
        }
        return nil
    }
}
