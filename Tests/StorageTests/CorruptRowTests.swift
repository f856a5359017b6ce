import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// Rows written outside Samsyn (or damaged) are refused with the table and column, never read as a default.
@Suite("Strict decoding of stored rows on real databases")
struct CorruptRowTests {
    /// The organisation and one registered person at Spånga-Tensta; returns the person's id.
    static func person(_ db: Database) async throws -> UUID {
        try await Fixtures.organisation(db)
        let user = try await Fixtures.user(db, "maja", role: .intakeOfficer, unit: "spanga-tensta-mottagning")
        let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: SQLAccessLog(database: db), clock: ManualClock(Fixtures.t0))
        let view = try await directory.register(
            Fixtures.personInput("19850714-1235", "Anna", "Öberg"), by: Actor(user: user, requestId: "r1", channel: "test"))
        return view.person.id
    }

    static func exec(_ db: Database, _ sql: SQLQueryString) async throws {
        try await db.write { try await $0.raw(sql).run() }
    }

    static func enrolment(_ db: Database, person: UUID, status: String = "active", closureReason: String? = nil) async throws -> UUID {
        let id = UUID()
        try await exec(
            db,
            """
            INSERT INTO enrolments (id, person_id, referral_id, district_committee_id, committee_id, unit_id, responsible_user_id, enrolled_on, status,
                closure_reason, closed_on, version)
            VALUES (\(bind: id.uuidString), \(bind: person.uuidString), NULL, 'spanga-tensta', 'arbetsmarknadsnamnden', 'jobbtorg-kista', NULL, '2026-10-01',
                \(bind: status), \(bind: closureReason), \(bind: closureReason == nil ? nil : "2026-11-01"), 1)
            """)
        return id
    }

    @Test("An unknown attendance status is an error naming attendance.status, not \"present\"", arguments: TestDatabase.kinds)
    func unknownAttendanceStatus(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let person = try await Self.person(db)
            let enrolment = try await Self.enrolment(db, person: person)
            let record = UUID()
            try await db.write { sql in
                // The schema refuses the value; switch its check off as a damaged or hand-edited database would have it.
                if db.kind == .sqlite {
                    try await sql.raw("PRAGMA ignore_check_constraints = ON").run()
                } else {
                    try await sql.raw("ALTER TABLE attendance DROP CONSTRAINT attendance_status_check").run()
                }
                try await sql.raw(
                    """
                    INSERT INTO attendance (id, enrolment_id, person_id, date, activity, status, note, recorded_by_name, version)
                    VALUES (\(bind: record.uuidString), \(bind: enrolment.uuidString), \(bind: person.uuidString), '2026-11-02', 'Jobbsökarstöd', 'late', NULL, 'Coach', 1)
                    """
                ).run()
                if db.kind == .sqlite { try await sql.raw("PRAGMA ignore_check_constraints = OFF").run() }
            }
            let store = SQLCaseFlowStore(database: db)
            await #expect(throws: StorageError.corruptRow(table: "attendance", column: "status", value: "unknown value 'late'")) {
                try await store.attendance(enrolmentId: enrolment)
            }
            await #expect(throws: StorageError.corruptRow(table: "attendance", column: "status", value: "unknown value 'late'")) {
                try await store.attendanceRecord(id: record)
            }
        }
    }

    @Test("An unknown closure reason of an enrolment is an error naming enrolments.closure_reason", arguments: TestDatabase.kinds)
    func unknownClosureReason(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let person = try await Self.person(db)
            _ = try await Self.enrolment(db, person: person, status: "closed", closureReason: "vanished")
            await #expect(throws: StorageError.corruptRow(table: "enrolments", column: "closure_reason", value: "unknown value 'vanished'")) {
                try await SQLCaseFlowStore(database: db).enrolments(personId: person)
            }
        }
    }

    @Test("A malformed uuid and a malformed date are errors naming their columns, not the nil uuid or 1970", arguments: TestDatabase.kinds)
    func malformedUUIDAndDate(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let person = try await Self.person(db)
            try await Self.exec(
                db,
                """
                INSERT INTO district_cases (id, person_id, committee_id, unit_id, responsible_user_id, opened_on, source, channel, status, closed_on, created_at, version)
                VALUES (\(bind: UUID().uuidString), \(bind: person.uuidString), 'spanga-tensta', 'spanga-tensta-mottagning', NULL, '2026-13-45', 'application',
                    'phone', 'active', NULL, 0, 1)
                """)
            let store = SQLCaseFlowStore(database: db)
            await #expect(throws: StorageError.corruptRow(table: "district_cases", column: "opened_on", value: "malformed date")) {
                try await store.cases(personId: person)
            }
            let consent = UUID()
            try await Self.exec(
                db,
                """
                INSERT INTO consents (id, person_id, committee_id, recipient_committee_id, recipient_unit_id, scopes, purpose, valid_from, valid_to, method,
                    recorded_by, recorded_by_name, recorded_at, withdrawn_at, withdrawn_by_name, version)
                VALUES (\(bind: consent.uuidString), \(bind: person.uuidString), 'spanga-tensta', 'arbetsmarknadsnamnden', NULL, 'referral', 'Samverkan',
                    '2026-11-01', '2027-10-31', 'written', 'not-a-uuid', 'Maja', 0, NULL, NULL, 1)
                """)
            await #expect(throws: StorageError.corruptRow(table: "consents", column: "recorded_by", value: "malformed uuid")) {
                try await store.consent(id: consent)
            }
        }
    }

    @Test("Columns that may be empty still read as nothing", arguments: TestDatabase.kinds)
    func nullableColumnsStayOptional(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let person = try await Self.person(db)
            let id = try await Self.enrolment(db, person: person)
            let e = try #require(try await SQLCaseFlowStore(database: db).enrolment(id: id))
            #expect(e.referralId == nil && e.responsibleUserId == nil && e.closureReason == nil && e.closedOn == nil)
        }
    }

    @Test("The message names table, column and the bad code, and nothing of the person")
    func messageCarriesNoPersonalData() {
        let e = StorageError.corruptRow(table: "enrolments", column: "status", value: "unknown value 'paused'")
        #expect(e.description == "corrupt row: enrolments.status holds unknown value 'paused'")
        // The log line names the place, never the value.
        #expect(e.logMetadata.mapValues { "\($0)" } == ["error": "corrupt_row", "table": "enrolments", "column": "status"])
    }
}

@Suite("Access-log rows with codes this Samsyn does not know")
struct UnknownAuditActionTests {
    @Test("An old row whose action is no longer a case still reads, keeps its code, stays off the timeline, and the chain verifies", arguments: TestDatabase.kinds)
    func oldActionCode(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let person = UUID()
            let log = SQLAccessLog(database: db)
            try await log.append([
                AccessLogEntry(at: Fixtures.t0, requestId: "old", actor: nil, personId: person, storedAction: "person.merge", outcome: .allowed),
                AccessLogEntry(at: Fixtures.t0, requestId: "new", actor: nil, personId: person, action: .personRead, outcome: .allowed),
            ])
            let rows = try await log.forPerson(person)
            #expect(rows.map(\.entry.action) == ["person.read", "person.merge"])
            #expect(rows.map(\.entry.auditAction) == [.personRead, nil])
            #expect(try await log.verify().isIntact)
        }
    }
}
