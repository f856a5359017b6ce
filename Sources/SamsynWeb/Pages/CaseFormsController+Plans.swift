import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Plans, meeting records and attendance.
extension CaseFormsController {
    static let subGoalRows = 5

    func planInput(_ f: [String: String]) -> CaseFlowService.SavePlan {
        .init(
            goal: f["goal"] ?? "",
            subGoals: (1...Self.subGoalRows).map { n in .init(what: f["sg\(n)What"] ?? "", responsible: f["sg\(n)Who"] ?? "", date: f["sg\(n)Date"] ?? "") },
            nextFollowUp: f["nextFollowUp"] ?? "")
    }

    /// `headingLevel`: the level of the sub-goals' headings, one below the heading the form stands under.
    func planForm(_ b: inout PageBuilder, action: String, csrf: String, plan: Plan?, submit: String, headingLevel: Int) {
        b.formStart(action: action, csrf: csrf)
        if let plan { b.hidden("version", String(plan.version)) }
        b.field("goal", "Personens mål", hint: "Individuellt: vad personen vill uppnå, till exempel vilket arbete eller vilken utbildning. Inte bara ”egen försörjning”.", value: plan?.goal ?? "", textarea: true)
        b.open(fieldset(.class("subgoals")))
        b.add(legend("Delmål"))
        b.add(SamsynWeb.p("Minst ett delmål: vad som ska göras, vem som ansvarar och när. Lämna tomma rader tomma.", .class("hint")))
        for n in 1...Self.subGoalRows {
            let g = plan.flatMap { n <= $0.subGoals.count ? $0.subGoals[n - 1] : nil }
            b.open(div(.class("subgoal")))
            b.add(headingLevel == 2 ? h2("Delmål \(n)") : h3("Delmål \(n)"))
            b.field("sg\(n)What", "Vad ska göras (delmål \(n))", value: g?.what ?? "")
            b.field("sg\(n)Who", "Vem ansvarar (delmål \(n))", value: g?.responsible ?? "", short: true)
            b.dateField("sg\(n)Date", "Datum (delmål \(n))", value: g?.date.description ?? "")
            b.close()
        }
        b.close()
        b.dateField("nextFollowUp", "Nästa uppföljning", value: plan?.nextFollowUp.description ?? "", hint: "Skriv som ÅÅÅÅ-MM-DD, inom sex månader.")
        b.submit(submit)
        b.formEnd()
    }

    func newPlanPage(_ context: AppRequestContext, personId: UUID, kind: Plan.Kind, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let person = try await services.directory.read(id: personId, by: try context.actor()).person
        var b = PageBuilder()
        b.errors = errors
        b.values = errors.isEmpty ? [:] : context.form
        breadcrumb(&b, person)
        b.h1("Upprätta \(kind.swedishName.lowercased()) – \(person.fullName)")
        b.errorSummary("Planen sparades inte")
        generalError(&b)
        planForm(&b, action: Routes.personPlans.link(personId) + "?kind=\(kind.rawValue)", csrf: context.session?.csrfToken ?? "", plan: nil, submit: "Spara planen", headingLevel: 2)
        return services.bodyPage(errors.isEmpty ? "Ny \(kind.swedishName.lowercased())" : "Fel – Ny \(kind.swedishName.lowercased())", context, status: status, b.nodes)
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
        var b = PageBuilder()
        b.errors = errors
        b.values = errors.isEmpty ? [:] : context.form
        breadcrumb(&b, person)
        b.h1("\(p.kind.swedishName) – \(person.fullName)")
        if let notice { b.notice(notice) }
        b.errorSummary("Den nya versionen sparades inte")
        generalError(&b)
        planSummary(&b, p)
        b.open(SamsynWeb.p(.class("actions")))
        b.link(Routes.planPrint.link(p.id), "Utskrift för personen")
        b.close()
        let canWrite = p.committeeId == actor.user.committeeId && CaseAction.writePlan(p.kind).allows(actor)
        if canWrite {
b.open(section(.class("card"), .aria("labelledby", "revise")))
            b.add(h2("Följ upp och spara en ny version", .id("revise")))
            planForm(&b, action: Routes.plan.link(p.id), csrf: context.session?.csrfToken ?? "", plan: p, submit: "Spara ny version", headingLevel: 3)
            b.close()
        }
b.open(section(.class("card"), .aria("labelledby", "versions")))
        b.add(h2("Versioner", .id("versions")))
        b.table(
            caption: "Planens versioner, senast först", headers: ["Version", "Sparad", "Av", "Mål", "Nästa uppföljning"],
            rows: versions.map { [.text("\($0.version)"), .text(Format.dateTime($0.savedAt)), .text($0.savedByName), .text($0.goal), .text($0.nextFollowUp.description)] })
        b.close()
        return services.bodyPage(errors.isEmpty ? p.kind.swedishName : "Fel – \(p.kind.swedishName)", context, status: status, b.nodes)
    }

    func planSummary(_ b: inout PageBuilder, _ p: Plan) {
        b.facts([("Mål", p.goal), ("Nästa uppföljning", p.nextFollowUp.description), ("Version", "\(p.version), sparad \(Format.date(p.savedAt)) av \(p.savedByName)")])
        b.table(
            caption: "Delmål", hiddenCaption: false, headers: ["Vad ska göras", "Vem ansvarar", "När"],
            rows: p.subGoals.map { [.text($0.what), .text($0.responsible), .text($0.date.description)] })
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
        var b = PageBuilder()
        b.open(SamsynWeb.p(.class("no-print")))
        b.link(Routes.plan.link(p.id), "Tillbaka till planen")
        b.close()
        b.h1("Din \(p.kind.swedishName.lowercased()), \(person.fullName)")
        b.p("Det här är planen vi har gjort tillsammans. Den visar ditt mål, vad som ska göras, vem som ansvarar och när vi följer upp.", cls: "lead")
        b.add(h2("Ditt mål"))
        b.p(p.goal)
        b.add(h2("Det här ska göras"))
        b.add(
            ol {
                for g in p.subGoals {
                    li {
                        "\(g.what) – "
                        strong(g.responsible)
                        ", senast \(g.date.swedishLong)"
                    }
                }
            })
        b.add(h2("Nästa uppföljning"))
        b.p("Vi följer upp planen senast \(p.nextFollowUp.swedishLong).")
        b.p("Planen är upprättad av \(services.orgNames.unitName(p.unitId) ?? "") och gäller från version \(p.version), \(Format.date(p.savedAt)). Hör av dig om något ändras.", cls: "meta")
        return services.bodyPage("Din \(p.kind.swedishName.lowercased())", context, b.nodes)
    }

    // MARK: Meetings

    func meetingPage(_ context: AppRequestContext, meetingId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        guard let m = try await services.caseStore.meeting(id: meetingId), m.committeeId == actor.user.committeeId else { throw DomainError.notFound }
        let person = try await services.directory.read(id: m.personId, by: actor).person
        var b = PageBuilder()
        b.errors = errors
        b.values = errors.isEmpty ? [:] : context.form
        breadcrumb(&b, person)
        b.h1("\(m.kind.swedishName) \(m.date) – \(person.fullName)")
        b.errorSummary("Anteckningen sparades inte")
        generalError(&b)
        b.facts([("Bokat av", m.bookedByName), ("Datum och tid", "\(m.date) \(m.time)"), ("Status", m.held ? "Genomfört, antecknat av \(m.recordedByName ?? "")" : "Bokat")])
        b.formStart(action: Routes.meeting.link(m.id), csrf: context.session?.csrfToken ?? "")
        b.hidden("version", String(m.version))
        b.field(
            "participants", "Deltagare", hint: m.kind == .threeParty ? "Socialsekreterare, coach och personen – skriv namn och roll." : "Namn och roll.",
            value: m.participants ?? "", textarea: true, rows: 2)
        b.field("agreed", "Det här kom vi överens om", value: m.agreed ?? "", textarea: true, rows: 5)
        b.submit("Spara mötesanteckningen")
        b.formEnd()
        return services.bodyPage(errors.isEmpty ? "Möte" : "Fel – Möte", context, status: status, b.nodes)
    }

    @Sendable func meeting(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await meetingPage(context, meetingId: try uuid(context, "mid"), errors: [])
    }

    @Sendable func recordMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let mid = try uuid(context, "mid")
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            let m = try await flow.recordMeeting(
                id: mid, participants: f["participants"] ?? "", agreed: f["agreed"] ?? "", expectedVersion: Int(f["version"] ?? "") ?? 0, by: try context.actor())
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
        let person = try await services.caseStore.names(personIds: [a.enrolment.personId])[a.enrolment.personId]
        let own = a.enrolment.committeeId == actor.user.committeeId
        let caps = AttendanceCapabilities(actor: actor, enrolment: a.enrolment)
        let csrf = context.session?.csrfToken ?? ""
        var b = PageBuilder()
        b.open(SamsynWeb.p(.class("breadcrumb")))
        b.link(Routes.personCase.link(a.enrolment.personId), "Ärende – \(person.map { "\($0.firstName) \($0.lastName)" } ?? "")")
        b.close()
        b.h1("Närvaro – \(person.map { "\($0.firstName) \($0.lastName)" } ?? "")")
        if let notice { b.notice(notice) }
        b.table(
            caption: "Närvaro per månad", hiddenCaption: false, headers: ["Månad", "Närvarande", "Giltig frånvaro", "Ogiltig frånvaro", "Rättelser", "Status"],
            rows: a.months.map { m in
                [m.month, "\(m.present)", "\(m.absentValid)", "\(m.absentInvalid)", "\(m.corrections)", m.final ? "Slutrapporterad" : "Preliminär – kan rättas"]
            })
        if !a.corrections.isEmpty {
            b.table(
                caption: "Rättelser", hiddenCaption: false, headers: ["När", "Av", "Från", "Till", "Skäl"],
                rows: a.corrections.map { [.text(Format.dateTime($0.correctedAt)), .text($0.correctedByName), .text($0.from.swedishName), .text($0.to.swedishName), .text($0.reason)] })
        }
        if caps.canRecord {
            var f = PageBuilder()
            f.idPrefix = "add-"
            if form == "add" {
                f.errors = errors
                f.values = context.form
            }
f.open(section(.class("card"), .aria("labelledby", "add")))
            f.add(h2("Registrera närvaro", .id("add")))
            f.errorSummary("Närvaron registrerades inte")
            if let m = f.error("message") { f.add(SamsynWeb.p(m, .class("field-error"), .role("alert"))) }
            f.formStart(action: Routes.enrolmentAttendance.link(enrolmentId), csrf: csrf)
            f.dateField("date", "Datum", value: flow.today.description)
            f.field("activity", "Aktivitet", hint: "Till exempel Jobbsökarverkstad eller Arbetsträning.")
            f.choices("status", "Närvaro", options: AttendanceRecord.Status.allCases.map { ($0.rawValue, $0.swedishName) }, selected: ["present"])
            f.field("note", "Anteckning", textarea: true, rows: 2)
            f.submit("Registrera")
            f.formEnd()
            f.close()
            b.add(f)
        }
        if own {
            let open = a.months.filter { !$0.final && $0.month < flow.today.monthKey }
            if !open.isEmpty && caps.canFinalise {
                var f = PageBuilder()
                f.idPrefix = "final-"
                if form == "final" { f.errors = errors; f.values = context.form }
f.open(section(.class("card"), .aria("labelledby", "final")))
                f.add(h2("Slutrapportera en månad", .id("final")))
                f.add(SamsynWeb.p("När månaden är slutrapporterad når sammanställningen stadsdelen och kan inte längre rättas."))
                f.errorSummary("Månaden slutrapporterades inte")
                if let m = f.error("message") { f.add(SamsynWeb.p(m, .class("field-error"), .role("alert"))) }
                f.formStart(action: Routes.enrolmentAttendanceFinal.link(enrolmentId), csrf: csrf)
                f.select("month", "Månad", options: open.map { ($0.month, $0.month) }, selected: open.last?.month ?? "")
                f.submit("Slutrapportera")
                f.formEnd()
                f.close()
                b.add(f)
            }
b.open(section(.class("card"), .aria("labelledby", "records")))
            b.add(h2("Registrerad närvaro", .id("records")))
            let finalMonths = Set(a.months.filter(\.final).map(\.month))
            if a.records.isEmpty { b.p("Ingen närvaro är registrerad.") }
            for r in a.records.prefix(100) {
                b.open(div(.class("attendance-row")))
                b.add(
                    SamsynWeb.p {
                        strong(r.date.description)
                        " \(r.activity): \(r.status.swedishName)\(r.note.map { " – \($0)" } ?? "")"
                    })
                if !finalMonths.contains(r.date.monthKey) && caps.canCorrect {
                    var f = PageBuilder()
                    f.idPrefix = "c\(r.id.uuidString.prefix(8).lowercased())-"
                    if form == id(r.id) { f.errors = errors; f.values = context.form }
                    f.errorSummary("Rättelsen sparades inte")
                    if let m = f.error("message") { f.add(SamsynWeb.p(m, .class("field-error"), .role("alert"))) }
                    f.open(details())
                    f.add(summary("Rätta"))
                    f.formStart(action: Routes.attendanceCorrect.link(r.id), csrf: csrf)
                    f.hidden("version", String(r.version))
                    f.choices("status", "Rätt närvaro", options: AttendanceRecord.Status.allCases.map { ($0.rawValue, $0.swedishName) }, selected: [r.status.rawValue])
                    f.field("reason", "Skäl till rättelsen", short: false)
                    f.submit("Rätta", secondary: true)
                    f.formEnd()
                    f.close()
                    b.add(f)
                }
                b.close()
            }
            b.close()
        }
        return services.bodyPage(errors.isEmpty ? "Närvaro" : "Fel – Närvaro", context, status: status, b.nodes)
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
            try await attendancePage(context, enrolmentId: record.enrolmentId, notice: nil, form: id(aid), errors: errors, status: status)
        }
    }
}
