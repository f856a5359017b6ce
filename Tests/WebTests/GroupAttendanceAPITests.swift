import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynAPI
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SQLKit
import SamsynWeb
import Testing

/// The API operations for what issue 15's pages added: the roll-call of a group session, the weekly attendance
/// grid, acute needs, the bulk reassignment of tasks and the personnummer on tasks. Each is answered by the same
/// domain calls as its page: the same refusals, nothing saved on a refusal, and the same audit rows.
@Suite("API: roll-call, attendance week, acute needs, bulk reassignment")
struct GroupAttendanceAPITests {
    let api = APITests()

    /// Access-log rows of an action and outcome naming the person (as its person or in a list read's persons).
    static func logRows(_ app: TestApp, _ action: String, _ outcome: String = "allowed", person: String? = nil, detail: String? = nil) async throws -> Int {
        struct N: Decodable { let n: Int }
        let who = "%\((person ?? "").lowercased())%"
        let what = "%\(detail ?? "")%"
        return try await app.db.read { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM access_log WHERE action = \(bind: action) AND outcome = \(bind: outcome)
                AND (LOWER(COALESCE(person_id, '')) LIKE \(bind: who) OR LOWER(COALESCE(person_ids, '')) LIKE \(bind: who))
                AND COALESCE(detail, '') LIKE \(bind: what)
                """
            ).first(decoding: N.self)?.n ?? -1
        }
    }

    func items(_ json: [String: Any], _ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }

    @Test("Roll-call: the coach adds a session, reads everyone booked, records them; someone not booked is a 422 with nothing saved; the district is refused", arguments: TestDatabase.kinds)
    func rollCall(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let (pid, eid, episode) = try await ClosureRollCallWebTests().enrolledWithEpisode(app, client, serial: 737)
            let carl = try await api.token(client, "coach")
            let sara = try await api.token(client, "socialsekreterare")

            // Adding a session: the end before the start is a 422 naming the field; then it is added.
            let (bad, badJson) = try await api.call(
                client, .post, "/api/v1/group-sessions", token: carl,
                body: #"{"interventionId":"jobbtorg-matchning","date":"2026-11-18","startTime":"12:00","endTime":"09:00","groupName":"Grupp A"}"#)
            #expect(bad.status == .unprocessableContent && api.fields(badJson) == ["endTime"])
            let (made, session) = try await api.call(
                client, .post, "/api/v1/group-sessions", token: carl,
                body: #"{"interventionId":"jobbtorg-matchning","date":"2026-11-18","startTime":"09:00","endTime":"12:00","groupName":"Grupp A"}"#)
            #expect(made.status == .created && session["interventionName"] as? String == "Matchning mot lediga jobb")
            let sid = try #require(session["id"] as? String)
            #expect(try await Self.logRows(app, "group_session.schedule") == 1)

            // The list, filtered by intervention.
            let (listed, list) = try await api.call(client, .get, "/api/v1/group-sessions?interventionId=jobbtorg-matchning", token: carl)
            #expect(listed.status == .ok && items(list, "items").compactMap { $0["id"] as? String } == [sid] && list["canSchedule"] as? Bool == true)
            #expect(items(try await api.call(client, .get, "/api/v1/group-sessions?interventionId=nothing-like-it", token: carl).1, "items").isEmpty)

            // The roll-call: the booked person with their personnummer and enrolment; one logged list read naming them.
            let (read, roll) = try await api.call(client, .get, "/api/v1/group-sessions/\(sid)", token: carl)
            let lines = items(roll, "lines")
            #expect(read.status == .ok && roll["canRecord"] as? Bool == true)
            #expect(lines.count == 1 && lines.first?["episodeId"] as? String == episode && lines.first?["enrolmentId"] as? String == eid)
            #expect(lines.first?["personalIdentityNumber"] as? String == Fixtures.personnummer(1982, 6, 6, serial: 737).filter(\.isNumber))
            #expect(lines.first?["recordable"] as? Bool == true)
            #expect(try await Self.logRows(app, "group_session.read", person: pid) == 1)

            // Someone not booked: 422 with the structured error, and nothing saved (not even the booked one's mark).
            let stray = UUID().uuidString.lowercased()
            let (refused, refusedJson) = try await api.call(
                client, .post, "/api/v1/group-sessions/\(sid)/attendance", token: carl,
                body: #"{"marks":[{"episodeId":"\#(episode)","status":"present"},{"episodeId":"\#(stray)","status":"present"}]}"#)
            #expect(refused.status == .unprocessableContent && api.errorCode(refusedJson) == "invalid_fields" && api.fields(refusedJson) == ["marks"])
            #expect(String(buffer: refused.body).contains("är inte bokad på passet. Inget sparades."))
            // The same person twice is ambiguous: refused.
            let (twice, twiceJson) = try await api.call(
                client, .post, "/api/v1/group-sessions/\(sid)/attendance", token: carl,
                body: #"{"marks":[{"episodeId":"\#(episode)","status":"present"},{"episodeId":"\#(episode.uppercased())","status":"absent_valid"}]}"#)
            #expect(twice.status == .unprocessableContent && api.fields(twiceJson) == ["marks[1].episodeId"])
            // An empty list and an unknown status do not match the schema: 422, as the other operations answer.
            #expect(try await api.call(client, .post, "/api/v1/group-sessions/\(sid)/attendance", token: carl, body: #"{"marks":[]}"#).0.status == .unprocessableContent)
            #expect(
                try await api.call(client, .post, "/api/v1/group-sessions/\(sid)/attendance", token: carl, body: #"{"marks":[{"episodeId":"\#(episode)","status":"late"}]}"#).0
                    .status == .unprocessableContent)
            #expect(try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records.isEmpty)
            #expect(try await Self.logRows(app, "attendance.record", person: pid) == 0)

            // The district may not record (403) nor read the roll-call (404, logged as denied), nor list sessions (403).
            #expect(
                try await api.call(client, .post, "/api/v1/group-sessions/\(sid)/attendance", token: sara, body: #"{"marks":[{"episodeId":"\#(episode)","status":"present"}]}"#).0
                    .status == .forbidden)
            #expect(try await api.call(client, .get, "/api/v1/group-sessions/\(sid)", token: sara).0.status == .notFound)
            #expect(try await Self.logRows(app, "group_session.read", "denied") == 1)
            #expect(try await api.call(client, .get, "/api/v1/group-sessions", token: sara).0.status == .forbidden)
            #expect(try await api.call(client, .get, "/api/v1/group-sessions/\(UUID().uuidString)", token: carl).0.status == .notFound)
            #expect(try await api.call(client, .get, "/api/v1/group-sessions", token: nil).0.status == .unauthorized)

            // Recorded: one record tied to the episode and the session, one audit row for the person.
            let (saved, result) = try await api.call(
                client, .post, "/api/v1/group-sessions/\(sid)/attendance", token: carl, body: #"{"marks":[{"episodeId":"\#(episode)","status":"present"}]}"#)
            #expect(saved.status == .ok && result["recorded"] as? Int == 1)
            let rollCall = try #require(result["rollCall"] as? [String: Any])
            let record = try #require(items(rollCall, "lines").first?["record"] as? [String: Any])
            #expect(record["episodeId"] as? String == episode && record["sessionId"] as? String == sid && record["status"] as? String == "present")
            let records = try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records
            #expect(records.count == 1 && records.first?.sessionId?.uuidString.lowercased() == sid)
            #expect(try await Self.logRows(app, "attendance.record", person: pid, detail: "session") == 1)
            // A second mark for the same person in the session is refused; nothing more saved.
            let (again, againJson) = try await api.call(
                client, .post, "/api/v1/group-sessions/\(sid)/attendance", token: carl, body: #"{"marks":[{"episodeId":"\#(episode)","status":"absent_valid"}]}"#)
            #expect(again.status == .unprocessableContent && api.fields(againJson) == ["marks[0].status"])
            #expect(try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records.count == 1)
        }
    }

    @Test("Attendance week: read with a row per episode; recording the week's cells, each tied to its episode, all or nothing; secrecy and audit", arguments: TestDatabase.kinds)
    func week(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let (pid, eid, episode) = try await ClosureRollCallWebTests().enrolledWithEpisode(app, client, serial: 747)
            // Enrolled and started on Wednesday 2026-11-18; today is Friday.
            app.clock.advance(by: 2 * 86_400)
            let carl = try await api.token(client, "coach")
            let sara = try await api.token(client, "socialsekreterare")
            let (read, week) = try await api.call(client, .get, "/api/v1/enrolments/\(eid)/attendance/week?week=2026-11-18", token: carl)
            #expect(read.status == .ok && week["monday"] as? String == "2026-11-16" && week["friday"] as? String == "2026-11-20" && week["isoWeek"] as? Int == 47)
            let rows = items(week, "rows")
            #expect(rows.count == 1 && rows.first?["episodeId"] as? String == episode && (rows.first?["days"] as? [Any])?.count == 5)
            #expect(try await Self.logRows(app, "attendance.read", person: pid, detail: "week 2026-11-16") == 1)
            // A date that matches the pattern but does not exist is a 422 naming the field.
            let (noDay, noDayJson) = try await api.call(client, .get, "/api/v1/enrolments/\(eid)/attendance/week?week=2026-02-30", token: carl)
            #expect(noDay.status == .unprocessableContent && api.fields(noDayJson) == ["week"])
            #expect(try await api.call(client, .get, "/api/v1/enrolments/\(eid)/attendance/week?week=2026-11-1", token: carl).0.status == .badRequest)

            func post(_ marks: String, token: String? = nil) async throws -> (TestResponse, [String: Any]) {
                try await api.call(client, .post, "/api/v1/enrolments/\(eid)/attendance/week", token: token ?? carl, body: #"{"week":"2026-11-18","marks":[\#(marks)]}"#)
            }
            func mark(_ date: String, _ status: String = "present", episode e: String = episode) -> String { #"{"episodeId":"\#(e)","date":"\#(date)","status":"\#(status)"}"# }
            // One bad cell refuses the week: before the episode, outside the week, another episode, the same cell twice.
            let (before, beforeJson) = try await post([mark("2026-11-18"), mark("2026-11-17")].joined(separator: ","))
            #expect(before.status == .unprocessableContent && api.fields(beforeJson) == ["marks[1].date"])
            #expect(String(buffer: before.body).contains("ligger utanför deltagandet i Matchning mot lediga jobb"))
            #expect(api.fields(try await post([mark("2026-11-23")].joined()).1) == ["marks[0].date"])
            #expect(api.fields(try await post(mark("2026-11-19", episode: UUID().uuidString)).1) == ["marks[0].episodeId"])
            #expect(api.fields(try await post([mark("2026-11-19"), mark("2026-11-19", "absent_valid")].joined(separator: ",")).1) == ["marks[1]"])
            #expect(try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records.isEmpty)
            #expect(try await Self.logRows(app, "attendance.record", person: pid) == 0)
            // The district neither reads nor records the week (not its enrolment: 404, logged as denied).
            #expect(try await api.call(client, .get, "/api/v1/enrolments/\(eid)/attendance/week", token: sara).0.status == .notFound)
            #expect(try await Self.logRows(app, "attendance.read", "denied") >= 1)
            #expect(try await post(mark("2026-11-19"), token: sara).0.status == .forbidden)
            #expect(try await api.call(client, .get, "/api/v1/enrolments/\(UUID().uuidString)/attendance/week", token: carl).0.status == .notFound)

            // Recorded: three days on the episode's row, one audit row each.
            let (saved, result) = try await post([mark("2026-11-18"), mark("2026-11-19", "absent_valid"), mark("2026-11-20", "absent_invalid")].joined(separator: ","))
            #expect(saved.status == .created && items(result, "recorded").count == 3)
            #expect(items(result, "recorded").allSatisfy { $0["episodeId"] as? String == episode && $0["sessionId"] == nil })
            let savedWeek = try #require(result["week"] as? [String: Any])
            let days = try #require(items(savedWeek, "rows").first?["days"] as? [[String: Any]])
            #expect(days.map { ($0["records"] as? [Any])?.count ?? -1 } == [0, 0, 1, 1, 1])
            let records = try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records
            #expect(records.count == 3 && records.allSatisfy { $0.episodeId?.uuidString.lowercased() == episode && $0.activity == "Matchning mot lediga jobb" })
            #expect(try await Self.logRows(app, "attendance.record", person: pid, detail: "week") == 3)
            // A cell already recorded is refused with nothing saved.
            let (again, againJson) = try await post(mark("2026-11-20"))
            #expect(again.status == .unprocessableContent && api.fields(againJson) == ["marks[0]"])
            #expect(try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records.count == 3)
        }
    }

    @Test("Acute needs: the task list's personnummer and need id, reading and handling one, another committee's is not found, bad notes and a second handling refused", arguments: TestDatabase.kinds)
    func acuteNeed(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let pid = try await AcuteNeedWebTests().person(app, 11, last: "Ek", urgent: ["mat"]).uuidString.lowercased()
            let sara = try await api.token(client, "socialsekreterare")
            let carl = try await api.token(client, "coach")
            let (listed, list) = try await api.call(client, .get, "/api/v1/tasks?kind=acute_need", token: sara)
            let task = try #require(items(list, "unit").first)
            let number = Fixtures.personnummer(1990, 1, 11, serial: 251).filter(\.isNumber)
            #expect(listed.status == .ok && task["personalIdentityNumber"] as? String == number)
            let needId = try #require(task["acuteNeedId"] as? String)
            // The case overview's tasks carry the number too.
            let (_, overview) = try await api.call(client, .get, "/api/v1/persons/\(pid)/case", token: sara)
            #expect(!items(overview, "tasks").isEmpty && items(overview, "tasks").allSatisfy { $0["personalIdentityNumber"] as? String == number })

            let (read, need) = try await api.call(client, .get, "/api/v1/acute-needs/\(needId)", token: sara)
            #expect(read.status == .ok && need["personId"] as? String == pid && need["personalIdentityNumber"] as? String == number && need["mayHandle"] as? Bool == true)
            #expect(items(need, "signals").compactMap { $0["title"] as? String } == ["Saknar pengar till mat i dag"])
            #expect(need["handled"] == nil)
            #expect(try await Self.logRows(app, "acute_need.read", person: pid, detail: "api") == 1)

            // Jobbtorg: as if it did not exist, for reading and handling; both logged as denied.
            #expect(try await api.call(client, .get, "/api/v1/acute-needs/\(needId)", token: carl).0.status == .notFound)
            #expect(try await api.call(client, .post, "/api/v1/acute-needs/\(needId)/handle", token: carl, body: #"{"note":"Försöker"}"#).0.status == .notFound)
            #expect(try await Self.logRows(app, "acute_need.read", "denied") == 1)
            #expect(try await Self.logRows(app, "acute_need.handle", "denied") == 1)
            // A note of blanks is a 422 naming the field, as is one too short for the schema; nothing handled.
            let (blank, blankJson) = try await api.call(client, .post, "/api/v1/acute-needs/\(needId)/handle", token: sara, body: #"{"note":"    "}"#)
            #expect(blank.status == .unprocessableContent && api.fields(blankJson) == ["note"])
            #expect(try await api.call(client, .post, "/api/v1/acute-needs/\(needId)/handle", token: sara, body: #"{"note":"ok"}"#).0.status == .unprocessableContent)
            #expect(try await app.services.caseStore.acuteNeed(id: UUID(uuidString: needId)!)?.isHandled == false)

            let (done, handled) = try await api.call(client, .post, "/api/v1/acute-needs/\(needId)/handle", token: sara, body: #"{"note":"Beviljat akut bistånd till mat"}"#)
            #expect(done.status == .ok && (handled["handled"] as? [String: Any])?["note"] as? String == "Beviljat akut bistånd till mat" && handled["mayHandle"] as? Bool == false)
            #expect(try await Self.logRows(app, "acute_need.handle", person: pid) == 1)
            // The note never reaches the log; the task is settled; a second handling is a conflict.
            #expect(try await Self.logRows(app, "acute_need.handle", person: pid, detail: "Beviljat") == 0)
            #expect(items(try await api.call(client, .get, "/api/v1/tasks?kind=acute_need", token: sara).1, "unit").isEmpty)
            let (again, againJson) = try await api.call(client, .post, "/api/v1/acute-needs/\(needId)/handle", token: sara, body: #"{"note":"En gång till"}"#)
            #expect(again.status == .conflict && api.errorCode(againJson) == "conflict")
            #expect(try await api.call(client, .get, "/api/v1/acute-needs/\(UUID().uuidString)", token: sara).0.status == .notFound)
        }
    }

    @Test("Bulk reassignment: only the unit manager, to a worker of the unit, all or nothing; one audit row per person", arguments: TestDatabase.kinds)
    func reassign(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let a = try await AcuteNeedWebTests().person(app, 12, last: "Falk", urgent: ["mat"]).uuidString.lowercased()
            let b = try await AcuteNeedWebTests().person(app, 13, last: "Gran", urgent: ["barn"]).uuidString.lowercased()
            let elin = try await api.token(client, "enhetschef")
            let sara = try await api.token(client, "socialsekreterare")
            let saraUser = try #require(try await app.services.users.credentials(username: "socialsekreterare")?.user)
            let maja = try #require(try await app.services.users.credentials(username: "mottagning")?.user)
            let (_, list) = try await api.call(client, .get, "/api/v1/tasks", token: elin)
            let tasks = items(list, "unit").compactMap { $0["id"] as? String }
            #expect(tasks.count == 2 && items(list, "unit").allSatisfy { $0["personalIdentityNumber"] is String })
            func send(_ ids: [String], to: UUID, token: String) async throws -> (TestResponse, [String: Any]) {
                let list = ids.map { "\"\($0)\"" }.joined(separator: ",")
                return try await api.call(client, .post, "/api/v1/tasks/reassign", token: token, body: #"{"taskIds":[\#(list)],"assigneeId":"\#(to.uuidString.lowercased())"}"#)
            }
            // To intake (another unit): 422 naming assigneeId; a task that is no open task of the unit: 422 naming taskIds.
            let (other, otherJson) = try await send(tasks, to: maja.id, token: elin)
            #expect(other.status == .unprocessableContent && api.fields(otherJson) == ["assigneeId"])
            let (unknown, unknownJson) = try await send(tasks + [UUID().uuidString.lowercased()], to: saraUser.id, token: elin)
            #expect(unknown.status == .unprocessableContent && api.fields(unknownJson) == ["taskIds"])
            #expect(try await app.services.caseStore.openTasks(assigneeId: saraUser.id, limit: 10).isEmpty)
            // A caseworker may not (403, logged as denied).
            #expect(try await send(tasks, to: saraUser.id, token: sara).0.status == .forbidden)
            #expect(try await Self.logRows(app, "task.reassign", "denied") == 1)
            #expect(try await api.call(client, .post, "/api/v1/tasks/reassign", token: elin, body: #"{"taskIds":[],"assigneeId":"\#(saraUser.id.uuidString)"}"#).0.status == .unprocessableContent)
            #expect(try await Self.logRows(app, "task.reassign") == 0)

            let (done, result) = try await send(tasks, to: saraUser.id, token: elin)
            #expect(done.status == .ok && result["reassigned"] as? Int == 2)
            #expect(try await app.services.caseStore.openTasks(assigneeId: saraUser.id, limit: 10).count == 2)
            #expect(try await Self.logRows(app, "task.reassign", person: a) == 1)
            #expect(try await Self.logRows(app, "task.reassign", person: b) == 1)
            // Sent again: nothing changes.
            #expect(try await send(tasks, to: saraUser.id, token: elin).1["reassigned"] as? Int == 0)
        }
    }

    @Test("The marks' statuses are the domain's attendance statuses, by wire name")
    func statuses() {
        let domain = Set(AttendanceRecord.Status.allCases.map(\.rawValue))
        #expect(Set(Components.Schemas.RollCallMark.StatusPayload.allCases.map(\.rawValue)) == domain)
        #expect(Set(Components.Schemas.AttendanceWeekMark.StatusPayload.allCases.map(\.rawValue)) == domain)
    }
}
