import Foundation

public protocol OrganisationStore: Sendable {
    func committees() async throws -> [Committee]
    func units() async throws -> [OrgUnit]
    func unit(id: String) async throws -> OrgUnit?
    /// Creates or renames a committee; the change and its before/after go to the access log in the same transaction.
    func save(_ committee: Committee, audit: AccessLogEntry) async throws
    func save(_ unit: OrgUnit, audit: AccessLogEntry) async throws
}
