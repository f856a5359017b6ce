import Foundation

/// The closure flow's records: what a closure would leave behind, the closure in one transaction, and the
/// closure rows the district's inbox reads.
public protocol ClosureStore: Sendable {
    /// The person's running episodes and open queue entries at the enrolment's committee, and the enrolment's
    /// months up to `closedOn` that are not final.
    func closureLeftovers(enrolment: Enrolment, closedOn: LocalDate) async throws -> ClosureLeftovers
    /// Closes the enrolment with its six-month check and closure row, ends the chosen episodes (freeing their
    /// places), releases the chosen queue entries and makes the chosen months final, each with its log row, in one
    /// transaction: a stale version, an episode already ended or a place no longer held is refused and nothing is saved.
    func close(_ plan: ClosurePlan) async throws -> Enrolment
    func closure(enrolmentId: UUID) async throws -> EnrolmentClosure?
    /// Closures answering back to these referring units (and to the committee's enrolments without a referral),
    /// newest first: what a unit inbox lists as "closed".
    func closures(districtUnitIds: [String], districtCommitteeId: String, since: Date, limit: Int) async throws -> [EnrolmentClosure]
}

/// Group sessions of interventions and their roll-call.
public protocol GroupSessionStore: Sendable {
    func addGroupSession(_ s: GroupSession, audit: AccessLogEntry) async throws
    func groupSession(id: UUID) async throws -> GroupSession?
    /// A unit's sessions from one day to another (inclusive), by date and time.
    func groupSessions(unitId: String, from: LocalDate, to: LocalDate) async throws -> [GroupSession]
    /// Everyone booked on the session (running episodes of its committee in its intervention on its date), with
    /// the enrolment covering the date, the record already made in the session and whether the month is final.
    func rollCall(_ s: GroupSession) async throws -> [RollCallLine]
    /// Episodes by id (any committee), for telling "not booked" from "outside the episode".
    func episodes(ids: [UUID]) async throws -> [UUID: Episode]
    /// Writes the roll-call's records in one transaction; re-checks that each month is not final and that nobody
    /// is recorded twice in the session (then `conflict`, nothing saved).
    func saveRollCall(_ records: [AttendanceRecord], audit: [AccessLogEntry]) async throws
    /// The person's episodes recorded by the committee, oldest first.
    func episodes(personId: UUID, committeeId: String) async throws -> [Episode]
    /// Every intervention's name by id (the catalogue).
    func interventionNames() async throws -> [String: String]
    /// A person's attendance at the committee's enrolments between two days (inclusive).
    func attendance(personId: UUID, committeeId: String, from: LocalDate, to: LocalDate) async throws -> [AttendanceRecord]
}
