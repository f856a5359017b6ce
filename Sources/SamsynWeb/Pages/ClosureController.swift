import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain
import SamsynStorage

/// The closure flow (two steps and the one transaction), group sessions with their roll-call, and a person's
/// attendance week. Handlers translate HTTP to `CaseFlowService`; a refused form is shown again with its errors.
struct ClosureController {
    let services: AppServices
    var flow: CaseFlowService { services.caseFlow }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.enrolmentClosure, use: closurePage)
        group.post(Routes.enrolmentClose, use: close)
        group.get(Routes.groupSessions, use: sessions)
        group.post(Routes.groupSessions, use: addSession)
        group.get(Routes.groupSession, use: rollCall)
        group.post(Routes.groupSession, use: saveRollCall)
        group.get(Routes.enrolmentAttendanceWeek, use: week)
    }

    func page(_ title: String, _ context: AppRequestContext, refused: Bool = false, status: HTTPResponse.Status = .ok, _ nodes: [Node]) -> Page {
        Page(
            Layout(title: refused ? "Fel – \(title)" : title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }),
            status: status, nodes: nodes)
    }

    func csrf(_ context: AppRequestContext) -> String { context.session?.csrfToken ?? "" }

    func personName(_ personId: UUID, _ actor: Actor) async throws -> String {
        let s = try await services.caseStore.names(personIds: [personId], committeeId: actor.user.committeeId)[personId]
        return s.map { "\($0.firstName) \($0.lastName)" } ?? ""
    }

    // MARK: Closure

    func closureView(
        _ context: AppRequestContext, enrolmentId: UUID, reason: Enrolment.ClosureReason?, closedOn: String, form: FormState, status: HTTPResponse.Status = .ok
    ) async throws -> Page {
        let actor = try context.actor()
        let (e, leftovers) = try await flow.closurePreview(enrolmentId: enrolmentId, closedOn: LocalDate(closedOn.trimmingCharacters(in: .whitespaces)), by: actor)
        guard e.status == .active else {
            // Closed already: say so (a second closure sent from another tab is refused with the same words).
            let message = "Inskrivningen är redan avslutad (\(e.closureReason?.swedishName ?? ""), \(e.closedOn?.description ?? ""))."
            let model = ClosurePage.Model(
                csrf: csrf(context), enrolmentId: e.id, personId: e.personId, personName: try await personName(e.personId, actor), version: e.version,
                enrolledOn: e.enrolledOn.description, reason: nil, closedOn: closedOn, episodes: [], places: [], months: [],
                form: form.hasErrors ? form : FormState(refused: [FieldError(field: "message", message: message)], submitted: [:]), closed: true)
            return page("Avsluta inskrivningen", context, refused: true, status: .conflict, ClosurePage.view(model))
        }
        let names = try await flow.interventionNames()
        let model = ClosurePage.Model(
            csrf: csrf(context), enrolmentId: e.id, personId: e.personId, personName: try await personName(e.personId, actor), version: e.version,
            enrolledOn: e.enrolledOn.description, reason: reason, closedOn: closedOn,
            episodes: leftovers.episodes.map { .init(id: CaseController.id($0.id), label: "\(names[$0.interventionId] ?? $0.interventionId), från \($0.start)") },
            places: leftovers.places.map { .init(id: CaseController.id($0.id), label: "\(names[$0.interventionId] ?? $0.interventionId) – \($0.status.swedishName)") },
            months: leftovers.openMonths, form: form)
        return page("Avsluta inskrivningen", context, refused: form.hasErrors, status: status, ClosurePage.view(model))
    }

    @Sendable func closurePage(_ request: Request, context: AppRequestContext) async throws -> Page {
        let eid = try Routes.enrolmentClosure.id(context)
        let q = request.uri.queryParameters
        let closedOn = q["closedOn"].map(String.init) ?? flow.today.description
        let raw = q["reason"].map(String.init) ?? ""
        let reason = Enrolment.ClosureReason(rawValue: raw)
        // Step 1 was sent without a reason (or with one that does not exist): say so on step 1.
        if reason == nil && (q["step"] != nil || !raw.isEmpty) {
            let form = FormState(refused: [FieldError(field: "reason", message: "Välj skälet till avslutet.")], submitted: ["closedOn": [closedOn]])
            return try await closureView(context, enrolmentId: eid, reason: nil, closedOn: closedOn, form: form, status: .unprocessableContent)
        }
        return try await closureView(context, enrolmentId: eid, reason: reason, closedOn: closedOn, form: .new)
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let eid = try Routes.enrolmentClose.id(context)
        let f = context.form
        let values = context.formValues
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            let e = try await flow.closeEnrolment(
                id: eid,
                .init(
                    reason: f["reason"] ?? "", detail: f["detail"] ?? "", closedOn: f["closedOn"] ?? "", expectedVersion: Int(f["version"] ?? "") ?? 0,
                    details: .init(
                        employer: f["employer"] ?? "", sector: f["sector"] ?? "", extentPercent: f["extentPercent"] ?? "", workStart: f["workStart"] ?? "",
                        workEnd: f["workEnd"] ?? "", subsidy: f["subsidy"] ?? "", studyKind: f["studyKind"] ?? "", studyAllowance: f["studyAllowance"] ?? "",
                        studyStart: f["studyStart"] ?? ""),
                    endEpisodes: values["endEpisodes"] ?? [], releasePlaces: values["releasePlaces"] ?? [], finaliseMonths: values["finaliseMonths"] ?? []),
                by: try context.actor())
            return redirect(to: Routes.personCase.link(e.personId) + "?saved=closed#enrolment")
        } refused: { errors, status in
            try await closureView(
                context, enrolmentId: eid, reason: Enrolment.ClosureReason(rawValue: f["reason"] ?? ""), closedOn: f["closedOn"] ?? "",
                form: FormState(refused: errors, submitted: values), status: status)
        }
    }

    // MARK: Group sessions

    func sessionsView(_ context: AppRequestContext, notice: String?, form: FormState, status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let list = try await flow.groupSessions(by: actor)
        let names = try await flow.interventionNames()
        let model = GroupSessionsPage.Model(
            csrf: csrf(context), unitName: services.orgNames.unitName(actor.user.unitId) ?? "", notice: notice,
            sessions: list.map { .init(id: $0.id, when: "\($0.date) \($0.startTime)–\($0.endTime)", intervention: names[$0.interventionId] ?? $0.interventionId, group: $0.groupName) },
            interventions: names.sorted { $0.value < $1.value }.map { .init($0.key, $0.value) }, canSchedule: CaseAction.scheduleGroupSessions.allows(actor),
            today: flow.today.description, form: form)
        return page("Pass och upprop", context, refused: form.hasErrors, status: status, GroupSessionsPage.view(model))
    }

    @Sendable func sessions(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await sessionsView(context, notice: request.uri.queryParameters["saved"] != nil ? "Passet är tillagt." : nil, form: .new)
    }

    @Sendable func addSession(_ request: Request, context: AppRequestContext) async throws -> Response {
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid], field: "message") {
            _ = try await flow.addGroupSession(
                .init(
                    interventionId: f["intervention"] ?? "", date: f["date"] ?? "", startTime: f["startTime"] ?? "", endTime: f["endTime"] ?? "",
                    groupName: f["groupName"] ?? ""), by: try context.actor())
            return redirect(to: Routes.groupSessions.link + "?saved=1")
        } refused: { errors, status in
            try await sessionsView(context, notice: nil, form: FormState(refused: errors, submitted: context.formValues), status: status)
        }
    }

    func rollCallView(_ context: AppRequestContext, sessionId: UUID, notice: String?, form: FormState, status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let (s, lines) = try await flow.rollCall(sessionId: sessionId, by: actor)
        let name = try await flow.interventionNames()[s.interventionId] ?? s.interventionId
        let model = RollCallPage.Model(
            csrf: csrf(context), sessionId: s.id, title: "\(name), \(s.groupName)", when: "\(s.date.swedishLong), \(s.startTime)–\(s.endTime)", notice: notice,
            lines: lines.map { l in
                let who = l.person.map { "\($0.lastName), \($0.firstName)" } ?? "Person"
                let state: String? =
                    if let r = l.record { "Registrerad: \(r.status.swedishName) (rätta på närvarosidan)" }
                    else if l.enrolment == nil { "Inte inskriven hos er den dagen – närvaro kan inte registreras" }
                    else if l.monthFinal { "Månaden \(s.date.monthKey) är slutrapporterad" }
                    else { nil }
                return .init(
                    episodeId: l.episode.id, name: who, state: state,
                    weekLink: l.enrolment.map { Routes.enrolmentAttendanceWeek.link($0.id) + "?week=\(s.date)" })
            }, canRecord: GroupSessionRules.mayRecord(s, actor, today: flow.today), form: form)
        return page("Upprop", context, refused: form.hasErrors, status: status, RollCallPage.view(model))
    }

    @Sendable func rollCall(_ request: Request, context: AppRequestContext) async throws -> Page {
        let n = request.uri.queryParameters["saved"].flatMap { Int(String($0)) }
        return try await rollCallView(context, sessionId: try Routes.groupSession.id(context), notice: n.map { "Närvaron är sparad för \($0) deltagare." }, form: .new)
    }

    @Sendable func saveRollCall(_ request: Request, context: AppRequestContext) async throws -> Response {
        let sid = try Routes.groupSession.id(context)
        var marks: [String: String] = [:]
        for (key, values) in context.formValues where key.hasPrefix("status-") {
            marks[String(key.dropFirst("status-".count))] = values.last ?? ""
        }
        return try await context.refusable(request, kinds: [.invalid, .conflict], field: "message") {
            let n = try await flow.saveRollCall(sessionId: sid, marks: marks, by: try context.actor())
            return redirect(to: Routes.groupSession.link(sid) + "?saved=\(n)")
        } refused: { errors, status in
            try await rollCallView(context, sessionId: sid, notice: nil, form: FormState(refused: errors, submitted: context.formValues), status: status)
        }
    }

    // MARK: The week

    static let weekdays = ["Mån", "Tis", "Ons", "Tor", "Fre"]

    @Sendable func week(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let eid = try Routes.enrolmentAttendanceWeek.id(context)
        let asked = request.uri.queryParameters["week"].flatMap { LocalDate(String($0)) }
        let (e, w) = try await flow.attendanceWeek(enrolmentId: eid, week: asked, by: actor)
        let friday = w.monday.adding(days: 4)
        let model = AttendanceWeekPage.Model(
            enrolmentId: e.id, personId: e.personId, personName: try await personName(e.personId, actor),
            caption: "Vecka \(Self.isoWeek(w.monday)), \(w.monday)–\(friday)",
            days: (0..<5).map { i in let d = w.monday.adding(days: i); return "\(Self.weekdays[i]) \(d.day)/\(d.month)" },
            rows: w.rows.map { r in [r.title] + r.days.map { rs in rs.isEmpty ? "–" : rs.map(\.status.swedishName).joined(separator: "; ") } },
            previous: w.monday.adding(days: -7).description, next: w.monday.adding(days: 7).description)
        return page("Närvaro per vecka", context, AttendanceWeekPage.view(model))
    }

    /// The ISO week number of a Monday.
    static func isoWeek(_ monday: LocalDate) -> Int {
        let thursday = monday.adding(days: 3)
        guard let jan1 = LocalDate(year: thursday.year, month: 1, day: 1) else { return 0 }
        return jan1.days(until: thursday) / 7 + 1
    }
}
