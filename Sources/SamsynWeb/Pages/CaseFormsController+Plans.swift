import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Plans, meeting records and attendance.
extension CaseFormsController {
    func planInput(_ f: [String: String]) -> CaseFlowService.SavePlan {
        .init(
            goal: f["goal"] ?? "",
            subGoals: (1...PlanForm.subGoalRows).map { n in .init(what: f["sg\(n)What"] ?? "", responsible: f["sg\(n)Who"] ?? "", date: f["sg\(n)Date"] ?? "") },
            nextFollowUp: f["nextFollowUp"] ?? "")
    }

    func newPlanPage(_ context: AppRequestContext, personId: UUID, kind: Plan.Kind, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let person = try await services.directory.read(id: personId, by: actor).person
        let model = PlanNewPage.Model(csrf: csrf(context), personId: personId, personName: person.fullName, kind: kind, form: CaseFormParts.state(errors, context.formValues))
        return page("Ny \(model.kindName)", context, refused: !errors.isEmpty, status: status, PlanNewPage.view(model))
            .about(await services.personHeader(personId, actor))
    }

    func kind(_ request: Request) -> Plan.Kind { request.uri.queryParameters["kind"].flatMap { Plan.Kind(rawValue: String($0)) } ?? .jobPlan }

    @Sendable func newPlan(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await newPlanPage(context, personId: try uuid(context, "id"), kind: kind(request), errors: [])
    }

    @Sendable func createPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let personId = try uuid(context, "id")
        let k = kind(request)
        return try await context.refusable(request, kinds: [.invalid, .conflict], field: "message") {
            let p = try await flow.createPlan(personId: personId, kind: k, planInput(context.form), by: try context.actor())
            return redirect(to: Routes.plan.link(p.id) + "?saved=1")
        } refused: { errors, status in
            try await newPlanPage(context, personId: personId, kind: k, errors: errors, status: status)
        }
    }

    func planPage(_ context: AppRequestContext, planId: UUID, notice: String?, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let (p, versions, person) = try await flow.plan(id: planId, by: actor)
        let marks = try await services.ownPage.marks(on: p)
        let model = PlanPage.Model(
            csrf: csrf(context), planId: p.id, personId: person.id, personName: person.fullName, kindName: p.kind.swedishName, notice: notice,
            facts: [("Mål", p.goal), ("Nästa uppföljning", p.nextFollowUp.description), ("Version", "\(p.version), sparad \(Format.date(p.savedAt)) av \(p.savedByName)")],
            subGoals: marks.map { s in
                [s.goal.what, s.goal.responsible, s.goal.date.description, s.mark.map { "\($0.status.swedishName) (\(Format.date($0.markedAt)))" } ?? "Inte markerat"]
            }, values: PlanForm.Values(p),
            versions: versions.map { ["\($0.version)", Format.dateTime($0.savedAt), $0.savedByName, $0.goal, $0.nextFollowUp.description] },
            caps: PlanCapabilities(actor: actor, plan: p), form: CaseFormParts.state(errors, context.formValues))
        return page(p.kind.swedishName, context, refused: !errors.isEmpty, status: status, PlanPage.view(model))
            .about(await services.personHeader(person.id, actor))
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await planPage(context, planId: try uuid(context, "pid"), notice: request.uri.queryParameters["saved"] != nil ? "Planen är sparad." : nil, errors: [])
    }

    @Sendable func revisePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let planId = try uuid(context, "pid")
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            _ = try await flow.revisePlan(id: planId, planInput(context.form), expectedVersion: Int(context.form["version"] ?? "") ?? 0, by: try context.actor())
            return redirect(to: Routes.plan.link(planId) + "?saved=1")
        } refused: { errors, status in
            try await planPage(context, planId: planId, notice: nil, errors: errors, status: status)
        }
    }

    /// The plan for the person, in plain words, to print and take home.
    @Sendable func printPlan(_ request: Request, context: AppRequestContext) async throws -> Page {
        let (p, _, person) = try await flow.plan(id: try uuid(context, "pid"), by: try context.actor())
        let model = PlanPrintPage.Model(
            planId: p.id, kindName: p.kind.swedishName.lowercased(), personName: person.fullName, goal: p.goal,
            subGoals: p.subGoals.map { .init(what: $0.what, responsible: $0.responsible, by: $0.date.swedishLong) }, nextFollowUp: p.nextFollowUp.swedishLong,
            madeBy:
                "Planen är upprättad av \(services.orgNames.unitName(p.unitId) ?? "") och gäller från version \(p.version), \(Format.date(p.savedAt)). Hör av dig om något ändras."
        )
        return page("Din \(model.kindName)", context, PlanPrintPage.view(model))
    }

    // MARK: Meetings

    func meetingPage(_ context: AppRequestContext, meetingId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        // The own committee's meeting, or the other's read only under consent; the read (or its denial) is logged.
        let (m, person, sharedFrom) = try await flow.meeting(id: meetingId, by: actor)
        let model = MeetingPage.Model(
            csrf: csrf(context), meetingId: m.id, personId: person.id, personName: person.fullName, heading: "\(m.kind.swedishName) \(m.date)",
            facts: [("Bokat av", m.bookedByName), ("Datum och tid", "\(m.date) \(m.time)"), ("Status", m.held ? "Genomfört, antecknat av \(m.recordedByName ?? "")" : "Bokat")],
            version: m.version, participantsHint: m.kind == .threeParty ? "Socialsekreterare, coach och personen – skriv namn och roll." : "Namn och roll.",
            participants: m.participants ?? "", agreed: m.agreed ?? "", form: CaseFormParts.state(errors, context.formValues), published: m.publishedAt != nil,
            shared: sharedFrom.map { "\(m.held ? "Genomfört" : "Bokat") hos \(services.orgNames.unitName($0) ?? services.orgNames.committeeName(m.committeeId)), \(m.date)" })
        return page("Möte", context, refused: !errors.isEmpty, status: status, MeetingPage.view(model))
            .about(await services.personHeader(person.id, actor))
    }

    @Sendable func meeting(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await meetingPage(context, meetingId: try uuid(context, "mid"), errors: [])
    }

    @Sendable func recordMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let mid = try uuid(context, "mid")
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            let m = try await flow.recordMeeting(
                id: mid, participants: f["participants"] ?? "", agreed: f["agreed"] ?? "", expectedVersion: Int(f["version"] ?? "") ?? 0,
                publish: f["publish"] != nil, by: try context.actor())
            // Not "saved=meeting": that notice says the meeting was booked.
            return redirect(to: Routes.personCase.link(m.personId) + "?saved=meeting-record#meetings")
        } refused: { errors, status in
            try await meetingPage(context, meetingId: mid, errors: errors, status: status)
        }
    }

    // MARK: Attendance

    func attendancePage(_ context: AppRequestContext, enrolmentId: UUID, notice: String?, form: String?, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let a = try await flow.attendance(enrolmentId: enrolmentId, by: actor)
        let person = try await services.caseStore.names(personIds: [a.enrolment.personId], committeeId: actor.user.committeeId)[a.enrolment.personId]
        let caps = AttendanceCapabilities(actor: actor, enrolment: a.enrolment)
        let finalMonths = Set(a.months.filter(\.final).map(\.month))
        let model = AttendancePage.Model(
            csrf: csrf(context), enrolmentId: enrolmentId, personId: a.enrolment.personId, personName: person.map { "\($0.firstName) \($0.lastName)" } ?? "",
            notice: notice, months: CasePage.monthRows(a.months),
            corrections: a.corrections.map { [Format.dateTime($0.correctedAt), $0.correctedByName, $0.from.swedishName, $0.to.swedishName, $0.reason] },
            today: flow.today.description, caps: caps, own: a.enrolment.committeeId == actor.user.committeeId,
            openMonths: caps.canFinalise ? a.months.filter { !$0.final && $0.month < flow.today.monthKey }.map(\.month) : [],
            records: a.records.prefix(100).map { r in
                .init(
                    id: r.id, date: r.date.description, text: " \(r.activity): \(r.status.swedishName)\(r.note.map { " – \($0)" } ?? "")", version: r.version,
                    status: r.status.rawValue, correctable: !finalMonths.contains(r.date.monthKey) && caps.canCorrect)
            }, refused: form.map { RefusedForm(form: $0, errors: errors, values: context.formValues) })
        return page("Närvaro", context, refused: !errors.isEmpty, status: status, AttendancePage.view(model))
            .about(await services.personHeader(a.enrolment.personId, actor))
    }

    @Sendable func attendance(_ request: Request, context: AppRequestContext) async throws -> Page {
        let notice = request.uri.queryParameters["saved"].map { $0 == "final" ? "Månaden är slutrapporterad." : $0 == "corrected" ? "Närvaron är rättad." : "Närvaron är registrerad." }
        return try await attendancePage(context, enrolmentId: try uuid(context, "eid"), notice: notice, form: nil, errors: [])
    }

    @Sendable func addAttendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let eid = try uuid(context, "eid")
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict], field: "message") {
            _ = try await flow.recordAttendance(
                enrolmentId: eid, date: f["date"] ?? "", activity: f["activity"] ?? "", status: f["status"] ?? "", note: f["note"] ?? "", by: try context.actor())
            return redirect(to: Routes.enrolmentAttendance.link(eid) + "?saved=added")
        } refused: { errors, status in
            try await attendancePage(context, enrolmentId: eid, notice: nil, form: "add", errors: errors, status: status)
        }
    }

    @Sendable func finalise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let eid = try uuid(context, "eid")
        return try await context.refusable(request, kinds: [.invalid, .conflict], field: "message") {
            try await flow.finaliseAttendance(enrolmentId: eid, month: context.form["month"] ?? "", by: try context.actor())
            return redirect(to: Routes.enrolmentAttendance.link(eid) + "?saved=final")
        } refused: { errors, status in
            try await attendancePage(context, enrolmentId: eid, notice: nil, form: "final", errors: errors, status: status)
        }
    }

    @Sendable func correct(_ request: Request, context: AppRequestContext) async throws -> Response {
        let aid = try uuid(context, "aid")
        guard let record = try await services.caseStore.attendanceRecord(id: aid) else { throw DomainError.notFound }
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            _ = try await flow.correctAttendance(id: aid, status: f["status"] ?? "", reason: f["reason"] ?? "", expectedVersion: Int(f["version"] ?? "") ?? 0, by: try context.actor())
            return redirect(to: Routes.enrolmentAttendance.link(record.enrolmentId) + "?saved=corrected")
        } refused: { errors, status in
            try await attendancePage(context, enrolmentId: record.enrolmentId, notice: nil, form: AttendancePage.Model.correctionForm(aid), errors: errors, status: status)
        }
    }
}
