import Foundation

/// The case flow's records. Every write takes its access-log row and commits it in the same transaction;
/// an update with an `expectedVersion` that is no longer current throws `DomainError.stale` and changes nothing.
public protocol CaseFlowStore: ClosureStore, GroupSessionStore {
    func openCase(_ c: DistrictCase, audit: AccessLogEntry) async throws
    func cases(personId: UUID) async throws -> [DistrictCase]
    func addObstacle(_ o: SupportObstacle, audit: AccessLogEntry) async throws
    func obstacles(personId: UUID, committeeId: String) async throws -> [SupportObstacle]
    func addAidMonths(personId: UUID, committeeId: String, months: [String], audit: AccessLogEntry) async throws
    func aidMonths(personId: UUID, committeeId: String) async throws -> Set<String>

    func addConsent(_ c: Consent, audit: AccessLogEntry) async throws
    func consents(personId: UUID) async throws -> [Consent]
    func consent(id: UUID) async throws -> Consent?
    func withdrawConsent(id: UUID, at: Date, byName: String, expectedVersion: Int, audit: AccessLogEntry) async throws -> Consent

    func addSession(_ s: InformationSession) async throws
    /// Sessions of the units from a time on, with the number of places booked.
    func sessions(unitIds: [String], from: Date) async throws -> [(session: InformationSession, booked: Int)]

    /// Stores a referral; a group-information place is counted in the same transaction (a full session is a conflict).
    func addReferral(_ r: Referral, audit: AccessLogEntry) async throws
    func referral(id: UUID) async throws -> Referral?
    func referrals(personId: UUID) async throws -> [Referral]
    func referrals(toUnitIds: [String], status: Referral.Status?, limit: Int) async throws -> [Referral]
    /// Accepts: opens the person's file at the labour-market committee and creates the enrolment, in one transaction.
    func acceptReferral(id: UUID, expectedVersion: Int, enrolment: Enrolment, person: Person, file: PersonFile, at: Date, byName: String, audit: AccessLogEntry) async throws -> Referral
    func declineReferral(id: UUID, expectedVersion: Int, reason: String, at: Date, byName: String, audit: AccessLogEntry) async throws -> Referral

    func enrolment(id: UUID) async throws -> Enrolment?
    func enrolments(personId: UUID) async throws -> [Enrolment]
    /// Closes an active enrolment and creates its six-month check; closing a closed one is a conflict.
    func closeEnrolment(_ closed: Enrolment, expectedVersion: Int, check: SixMonthCheck, audit: AccessLogEntry) async throws -> Enrolment

    /// Saves a new plan (`expectedVersion` nil) or its next version.
    func savePlan(_ p: Plan, expectedVersion: Int?, audit: AccessLogEntry) async throws -> Plan
    func plan(id: UUID) async throws -> Plan?
    func planVersions(id: UUID) async throws -> [Plan]
    /// The latest version of each of the person's plans.
    func plans(personId: UUID) async throws -> [Plan]

    func addMeeting(_ m: Meeting, audit: AccessLogEntry) async throws
    func meeting(id: UUID) async throws -> Meeting?
    func meetings(personId: UUID) async throws -> [Meeting]
    /// Records what was held and agreed; `publishedAt` nil keeps the publication as it was, `.some(nil)` takes it back.
    func recordMeeting(id: UUID, participants: String, agreed: String, byName: String, expectedVersion: Int, publishedAt: Date??, audit: AccessLogEntry) async throws -> Meeting

    func addAttendance(_ r: AttendanceRecord, audit: AccessLogEntry) async throws
    func attendanceRecord(id: UUID) async throws -> AttendanceRecord?
    func attendance(enrolmentId: UUID) async throws -> (records: [AttendanceRecord], corrections: [AttendanceCorrection], finalMonths: Set<String>)
    func correctAttendance(id: UUID, status: AttendanceRecord.Status, reason: String, expectedVersion: Int, at: Date, byName: String, audit: AccessLogEntry) async throws -> AttendanceRecord
    func finaliseAttendanceMonth(enrolmentId: UUID, month: String, at: Date, byName: String, audit: AccessLogEntry) async throws

    func checks(personId: UUID) async throws -> [SixMonthCheck]
    func check(id: UUID) async throws -> SixMonthCheck?
    func recordCheck(id: UUID, result: SixMonthCheck.Result, on: LocalDate, byName: String, expectedVersion: Int, audit: AccessLogEntry) async throws -> SixMonthCheck

    /// Runs the task job for one person or everyone: reads the snapshot and writes the tasks it yields in one
    /// serialised transaction — new keys are inserted once, open tasks no longer due are settled.
    func syncTasks(personId: UUID?, now: Date, compute: @Sendable (CaseFlowSnapshot) -> [TaskSpec]) async throws -> (created: Int, settled: Int)
    func openTasks(assigneeId: UUID, limit: Int) async throws -> [CaseTask]
    func openTasks(unitId: String, kind: CaseTask.Kind?, offset: Int, limit: Int) async throws -> [CaseTask]
    /// Open tasks of a unit per kind and assignee, with the overdue ones counted apart.
    func openTaskCounts(unitId: String, today: LocalDate) async throws -> [(kind: CaseTask.Kind, assigneeId: UUID?, open: Int, overdue: Int)]
    func openTasks(personId: UUID, committeeId: String) async throws -> [CaseTask]
    /// A page of a unit's open tasks, filtered and ordered as asked; acute tasks first.
    func openTasks(_ query: TaskQuery) async throws -> [CaseTask]
    /// Hands the tasks to `assignee` in one transaction: `check` runs on the rows as read (locked) and a
    /// refusal saves nothing; the access-log rows are written with the change. A reassigned task keeps its
    /// worker until its case changes hands.
    func reassignTasks(
        ids: [UUID], to assignee: UUID, at: Date, check: @Sendable ([CaseTask]) throws -> Void, audit: @Sendable ([CaseTask]) -> [AccessLogEntry]
    ) async throws -> Int
    func acuteNeed(id: UUID) async throws -> AcuteNeed?
    /// Marks the need handled (once: a handled one throws `AcuteNeed.alreadyHandled`), with the log row.
    func handleAcuteNeed(id: UUID, by: StaffUser, note: String, at: Date, audit: AccessLogEntry) async throws -> AcuteNeed
    /// Persons' display names for lists (no other data), as the committee's files hold them; a person the
    /// committee holds no file for is left out.
    func names(personIds: [UUID], committeeId: String) async throws -> [UUID: PersonSummary]
    /// Settles the open task with the key, with the log row; false when there is none (it is never made again:
    /// a key gives one task).
    func settleTask(key: String, at: Date, audit: AccessLogEntry) async throws -> Bool
}

/// The changes made to a person's file by one committee, from the access log (reads left out).
public protocol CaseTimelineSource: Sendable {
    func timeline(personId: UUID, committeeId: String, limit: Int) async throws -> [AccessLogRecord]
}

/// Who is responsible for a person's active case (district) or enrolment (Jobbtorg), and group-information sessions.
public protocol CaseAssignmentStore: Sendable {
    /// Sets the responsible worker of the committee's active case or enrolment for the person (the district's case
    /// also moves to the worker's unit); false if there is none.
    func setResponsible(personId: UUID, committeeId: String, userId: UUID, unitId: String, audit: AccessLogEntry) async throws -> Bool
}
