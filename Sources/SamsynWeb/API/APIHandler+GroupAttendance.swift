import Foundation
import HTTPTypes
import Hummingbird
import SamsynAPI
import SamsynDomain
import SamsynStorage

/// Group sessions with their roll-call and a person's attendance week, over the API: the same `CaseFlowService`
/// calls as the pages (`ClosureController`), so the same capabilities, secrecy, refusals and audit rows.
extension APIHandler {
    // MARK: The schema's constraints (the generated decoder checks types and required fields, not lengths and patterns)

    /// A length as JSON Schema counts it: in code points.
    static func length(_ s: String, _ range: ClosedRange<Int>) -> Bool { range.contains(s.unicodeScalars.count) }

    /// Strict `HH:MM`, 00:00–23:59 (the schema's pattern).
    static func isHHMM(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 5, b[2] == UInt8(ascii: ":") else { return false }
        let digits = [b[0], b[1], b[3], b[4]].map { Int($0) - Int(UInt8(ascii: "0")) }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        return digits[0] * 10 + digits[1] < 24 && digits[2] < 6
    }

    /// Refuses values outside the documented constraints before the domain sees them (422, nothing saved).
    static func require(_ checks: [(field: String, ok: Bool, message: String)]) throws {
        let failed = checks.filter { !$0.ok }.map { FieldError(field: $0.field, message: $0.message) }
        guard failed.isEmpty else { throw DomainError(.invalid, "Värdena följer inte API-beskrivningen.", fields: failed) }
    }

    // MARK: Group sessions

    func listGroupSessions(_ input: Operations.ListGroupSessions.Input) async throws -> Operations.ListGroupSessions.Output {
        if let i = input.query.interventionId, !Self.length(i, 1...100) {
            throw HTTPError(.badRequest, message: "interventionId: 1–100 characters.")
        }
        let actor = try APIScope.actor()
        let list = try await flow.groupSessions(by: actor)
        let names = try await flow.interventionNames()
        let shown = input.query.interventionId.map { id in list.filter { $0.interventionId == id } } ?? list
        return .ok(
            .init(body: .json(.init(items: shown.map { Self.groupSession($0, names) }, canSchedule: CaseAction.scheduleGroupSessions.allows(actor)))))
    }

    func createGroupSession(_ input: Operations.CreateGroupSession.Input) async throws -> Operations.CreateGroupSession.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let actor = try APIScope.actor()
        try Self.require([
            ("interventionId", Self.length(b.interventionId, 1...100), "Välj en insats i katalogen."),
            ("date", Self.isISODate(b.date), "Ange datum som ÅÅÅÅ-MM-DD."),
            ("startTime", Self.isHHMM(b.startTime), "Ange starttid som TT:MM, till exempel 09:00."),
            ("endTime", Self.isHHMM(b.endTime), "Ange sluttid som TT:MM, till exempel 12:00."),
            ("groupName", Self.length(b.groupName, 2...100), "Skriv gruppens namn (2–100 tecken), till exempel Grupp A."),
        ])
        let s = try await flow.addGroupSession(
            .init(interventionId: b.interventionId, date: b.date, startTime: b.startTime, endTime: b.endTime, groupName: b.groupName), by: actor)
        return .created(.init(body: .json(Self.groupSession(s, try await flow.interventionNames()))))
    }

    func rollCallBody(_ sessionId: UUID, _ actor: Actor) async throws -> Components.Schemas.RollCall {
        let (s, lines) = try await flow.rollCall(sessionId: sessionId, by: actor)
        return .init(
            session: Self.groupSession(s, try await flow.interventionNames()),
            lines: lines.map { l in
                .init(
                    episodeId: Self.s(l.episode.id), personId: Self.s(l.episode.personId), personalIdentityNumber: l.person?.identityNumber.digits,
                    firstName: l.person?.firstName, lastName: l.person?.lastName, enrolmentId: Self.s(l.enrolment?.id), record: l.record.map(Self.attendance),
                    monthFinal: l.monthFinal, recordable: l.recordable)
            }, canRecord: GroupSessionRules.mayRecord(s, actor, today: flow.today))
    }

    func getRollCall(_ input: Operations.GetRollCall.Input) async throws -> Operations.GetRollCall.Output {
        .ok(.init(body: .json(try await rollCallBody(try uuid(input.path.sessionId), try APIScope.actor()))))
    }

    func recordRollCall(_ input: Operations.RecordRollCall.Input) async throws -> Operations.RecordRollCall.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let actor = try APIScope.actor()
        let sid = try uuid(input.path.sessionId)
        try Self.require([("marks", (1...200).contains(b.marks.count), "Markera närvaro för 1–200 deltagare.")])
        // The marks as the form posts them (one per episode); an episode named twice is ambiguous: refused.
        var marks: [String: String] = [:]
        var index: [String: Int] = [:]
        var twice: [FieldError] = []
        for (i, m) in b.marks.enumerated() {
            let key = m.episodeId.lowercased()
            if index[key] != nil { twice.append(FieldError(field: "marks[\(i)].episodeId", message: "Deltagaren finns två gånger i uppropet. Inget sparades.")) }
            index[key] = index[key] ?? i
            marks[key] = m.status.rawValue
        }
        guard twice.isEmpty else { throw DomainError(.invalid, "Uppropet sparades inte.", fields: twice) }
        let n: Int
        do {
            n = try await flow.saveRollCall(sessionId: sid, marks: marks, by: actor)
        } catch let e as DomainError where e.kind == .invalid {
            // The form's fields (`status-<episode>`, `message`) named as the request's marks.
            throw DomainError(
                .invalid, e.message,
                fields: e.fields.map { f in
                    let episode = f.field.hasPrefix("status-") ? String(f.field.dropFirst("status-".count)) : nil
                    let field = episode.flatMap { index[$0] }.map { "marks[\($0)].status" } ?? "marks"
                    return FieldError(field: field, message: f.message)
                })
        }
        return .ok(.init(body: .json(.init(recorded: n, rollCall: try await rollCallBody(sid, actor)))))
    }

    func weekBody(_ enrolmentId: UUID, _ week: LocalDate?, _ actor: Actor) async throws -> Components.Schemas.AttendanceWeek {
        let (e, w) = try await flow.attendanceWeek(enrolmentId: enrolmentId, week: week, by: actor)
        return .init(
            enrolmentId: Self.s(e.id), personId: Self.s(e.personId), monday: w.monday.description, friday: w.monday.adding(days: 4).description,
            isoWeek: ClosureController.isoWeek(w.monday),
            rows: w.rows.map { r in
                .init(
                    episodeId: Self.s(r.episodeId), title: r.title,
                    days: r.days.enumerated().map { i, rs in .init(date: w.monday.adding(days: i).description, records: rs.map(Self.attendance)) })
            })
    }

    /// A week given as a date that matches the pattern but does not exist (2026-02-30) is refused as the field's value.
    static func weekDate(_ text: String?) throws -> LocalDate? {
        guard let text else { return nil }
        guard Self.isISODate(text) else { throw DomainError.invalid([FieldError(field: "week", message: "Ange veckan som ett datum, ÅÅÅÅ-MM-DD.")]) }
        guard let d = LocalDate(text) else { throw DomainError.invalid([FieldError(field: "week", message: "Ange veckan som ett datum som finns, ÅÅÅÅ-MM-DD.")]) }
        return d
    }

    func getAttendanceWeek(_ input: Operations.GetAttendanceWeek.Input) async throws -> Operations.GetAttendanceWeek.Output {
        let actor = try APIScope.actor()
        let id = try uuid(input.path.enrolmentId)
        if let w = input.query.week, !Self.isISODate(w) { throw HTTPError(.badRequest, message: "week: a date, YYYY-MM-DD.") }
        return .ok(.init(body: .json(try await weekBody(id, try Self.weekDate(input.query.week), actor))))
    }

    func recordAttendanceWeek(_ input: Operations.RecordAttendanceWeek.Input) async throws -> Operations.RecordAttendanceWeek.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let actor = try APIScope.actor()
        let id = try uuid(input.path.enrolmentId)
        let week = try Self.weekDate(b.week)
        try Self.require(
            [("marks", (1...AttendanceWeekRules.maxMarks).contains(b.marks.count), "Markera 1–\(AttendanceWeekRules.maxMarks) dagar.")]
                + b.marks.enumerated().map { i, m in ("marks[\(i)].date", Self.isISODate(m.date), "Ange datum som ÅÅÅÅ-MM-DD.") })
        let records = try await flow.recordAttendanceWeek(
            enrolmentId: id, week: week, marks: b.marks.map { .init(episodeId: $0.episodeId, date: $0.date, status: $0.status.rawValue) }, by: actor)
        return .created(.init(body: .json(.init(recorded: records.map(Self.attendance), week: try await weekBody(id, week, actor)))))
    }

    static func groupSession(_ s: GroupSession, _ names: [String: String]) -> Components.Schemas.GroupSession {
        .init(
            id: Self.s(s.id), interventionId: s.interventionId, interventionName: names[s.interventionId] ?? s.interventionId, unitId: s.unitId,
            date: s.date.description, startTime: s.startTime, endTime: s.endTime, groupName: s.groupName, createdByName: s.createdByName)
    }
}
