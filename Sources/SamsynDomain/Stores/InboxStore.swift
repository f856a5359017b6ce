import Foundation

/// The nybesök bookings and the units' inboxes. Every write commits its access-log row in the same transaction.
public protocol InboxStore: Sendable {
    /// Books the case's nybesök (`expectedVersion` nil) or moves the booked one; a version that is no longer
    /// current (or a second first booking) throws `DomainError.stale` and changes nothing.
    func bookNewVisit(_ v: NewVisit, expectedVersion: Int?, audit: AccessLogEntry) async throws -> NewVisit
    func newVisit(id: UUID) async throws -> NewVisit?
    func newVisits(personId: UUID) async throws -> [NewVisit]
    /// What the unit's inbox is computed from: the committee's active cases and their bookings, the referrals
    /// to the unit waiting for an answer, the committee's answers back since `since`, and the unit's acknowledgements.
    func inboxSnapshot(committeeId: String, unitId: String, since: LocalDate) async throws -> InboxSnapshot
    /// Marks an item as read for the unit; marking it again changes nothing.
    func acknowledge(unitId: String, key: String, personId: UUID, by user: StaffUser, at: Date, audit: AccessLogEntry) async throws
}
