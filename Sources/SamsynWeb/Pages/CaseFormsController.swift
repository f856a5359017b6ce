import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The case flow's own pages: consent, referral (sending and answering), plans, meeting records, attendance.
struct CaseFormsController {
    let services: AppServices
    var flow: CaseFlowService { services.caseFlow }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.personConsentNew, use: newConsent)
        group.post(Routes.personConsents, use: createConsent)
        group.get(Routes.personReferralNew, use: newReferral)
        group.post(Routes.personReferrals, use: createReferral)
        group.get(Routes.referrals, use: inbox)
        group.get(Routes.referral, use: referral)
        group.post(Routes.referralAnswer, use: answer)
        group.get(Routes.personPlanNew, use: newPlan)
        group.post(Routes.personPlans, use: createPlan)
        group.get(Routes.plan, use: plan)
        group.post(Routes.plan, use: revisePlan)
        group.get(Routes.planPrint, use: printPlan)
        group.get(Routes.meeting, use: meeting)
        group.post(Routes.meeting, use: recordMeeting)
        group.get(Routes.enrolmentAttendance, use: attendance)
        group.post(Routes.enrolmentAttendance, use: addAttendance)
        group.post(Routes.enrolmentAttendanceFinal, use: finalise)
        group.post(Routes.attendanceCorrect, use: correct)
        TaskController(services: services).addRoutes(to: group)
    }

    func uuid(_ c: AppRequestContext, _ n: String) throws -> UUID { try CaseController.uuid(c, n) }
    func id(_ u: UUID) -> String { CaseController.id(u) }

    func breadcrumb(_ b: inout PageBuilder, _ person: Person) {
        b.open(SamsynWeb.p(.class("breadcrumb")))
        b.link(Routes.personCase.link(person.id), "Ärende – \(person.fullName)")
        b.close()
    }

    func generalError(_ b: inout PageBuilder) {
        if let m = b.error("message") { b.add(SamsynWeb.p(m, .class("field-error"), .role("alert"), .id("message"))) }
    }

    // MARK: Consent

    func consentPage(_ context: AppRequestContext, personId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let person = try await services.directory.read(id: personId, by: actor).person
        var b = PageBuilder()
        b.errors = errors
        b.values = errors.isEmpty ? [:] : context.form
        b.multiValues = errors.isEmpty ? [:] : ["scopes": context.formValues["scopes"] ?? []]
        breadcrumb(&b, person)
        b.h1("Dokumentera samtycke – \(person.fullName)")
        b.p("Gå igenom med personen vad som får lämnas, till vem, varför och hur länge. Personen kan när som helst återkalla samtycket, och då upphör delningen direkt.", cls: "lead")
        b.errorSummary("Samtycket dokumenterades inte")
        generalError(&b)
        b.formStart(action: Routes.personConsents.link(personId), csrf: context.session?.csrfToken ?? "")
        b.select("recipient", "Uppgifterna får lämnas till", options: try await flow.consentRecipients())
        b.choices(
            "scopes", "Vilka uppgifter får lämnas?", options: Consent.Scope.allCases.map { ($0.rawValue, $0.swedishName) }, selected: ["referral"], multiple: true,
            hint: "Välj bara det som behövs för syftet.")
        b.field("purpose", "Syfte", hint: "Till exempel: planering och uppföljning av insatser mot arbete tillsammans med Jobbtorg.", textarea: true)
        b.dateField("validFrom", "Gäller från", value: flow.today.description)
        b.dateField("validTo", "Gäller till", value: flow.today.adding(months: 12).description, hint: "Skriv som ÅÅÅÅ-MM-DD. Högst två år.")
        b.choices("method", "Hur lämnades samtycket?", options: Consent.Method.allCases.map { ($0.rawValue, $0.swedishName) })
        b.submit("Dokumentera samtycket")
        b.formEnd()
        return services.bodyPage(errors.isEmpty ? "Dokumentera samtycke" : "Fel – Dokumentera samtycke", context, status: status, b.nodes)
    }

    @Sendable func newConsent(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard CaseAction.recordConsent.allows(actor) else { throw DomainError.forbidden }
        return try await consentPage(context, personId: try uuid(context, "id"), errors: [])
    }

    @Sendable func createConsent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let personId = try uuid(context, "id")
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict], field: "message") {
            _ = try await flow.recordConsent(
                personId: personId,
                .init(
                    recipient: f["recipient"] ?? "", scopes: context.formValues["scopes"] ?? [], purpose: f["purpose"] ?? "", validFrom: f["validFrom"] ?? "",
                    validTo: f["validTo"] ?? "", method: f["method"] ?? ""), by: try context.actor())
            return redirect(to: Routes.personCase.link(personId) + "?saved=consent#consents")
        } refused: { errors, status in
            try await consentPage(context, personId: personId, errors: errors, status: status)
        }
    }

    // MARK: Referral

    func referralPage(_ context: AppRequestContext, personId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let person = try await services.directory.read(id: personId, by: actor).person
        let f = context.form
        let tg = try await flow.targetGroup(
            personId: personId, committeeId: actor.user.committeeId, workShouldBeTried: f["workShouldBeTried"] != nil, fullTimeProgramme: f["fullTimeProgramme"] != nil,
            jointAgreement: f["jointAgreement"] != nil)
        var b = PageBuilder()
        b.errors = errors
        b.values = errors.isEmpty ? [:] : context.form
        breadcrumb(&b, person)
        b.h1("Remittera till Jobbtorg – \(person.fullName)")
        b.errorSummary("Remissen skickades inte")
        generalError(&b)
        b.open(div(.class("card"), .id("target-group")))
        b.add(SamsynWeb.h2("Jobbtorgs målgrupp"))
        b.p(tg.inTargetGroup ? "Efter registrerade försörjningshinder hör personen till målgruppen: \(tg.reason)" : "Efter det som är registrerat nu: \(tg.reason)")
        b.close()
        if let consentError = b.error("consent") {
            b.add(SamsynWeb.p(consentError, .class("field-error"), .id("consent")))
            b.pLink(Routes.personConsentNew.link(personId), "Dokumentera samtycke")
        }
        let jobbtorg = try await services.organisation.units().filter { CaseFlowService.jobbtorgUnits.contains($0.kind) }
        let sessions = try await flow.upcomingSessions()
        b.formStart(action: Routes.personReferrals.link(personId), csrf: context.session?.csrfToken ?? "")
        b.select("toUnit", "Jobbtorg", options: jobbtorg.map { ($0.id, $0.name) })
        b.field("reason", "Skäl till remissen", hint: "Vad personen och du vill att Jobbtorg ska arbeta med.", textarea: true)
        b.checkbox("workShouldBeTried", "Försörjningsstöd av andra skäl än arbetslöshet, men arbete ska prövas")
        b.checkbox("fullTimeProgramme", "Personen deltar på heltid i ett program hos Arbetsförmedlingen")
        b.checkbox("jointAgreement", "Programmet ingår i en gemensam överenskommelse med Arbetsförmedlingen")
        b.field("exceptionReason", "Om personen är utanför målgruppen: varför remitteras hen ändå?", textarea: true)
        b.choices("route", "Hur skrivs personen in?", options: Referral.Route.allCases.map { ($0.rawValue, $0.swedishName) }, selected: ["group_information"])
        b.select(
            "session", "Gruppinformation: tillfälle",
            options: sessions.map { s in
                (id(s.session.id), "\(services.orgNames.unitName(s.session.unitId) ?? "") \(Format.dateTime(s.session.startsAt)), \(s.session.location) – \(max(0, s.session.places - s.booked)) platser kvar")
            }, hint: "Vid inskrivning via gruppinformation.")
        b.dateField("meetingDate", "Trepartssamtal: datum", hint: "Vid inskrivning via trepartssamtal. Skriv som ÅÅÅÅ-MM-DD.")
        b.field("meetingTime", "Trepartssamtal: tid", hint: "TT:MM", short: true)
        b.submit("Skicka remissen")
        b.formEnd()
        return services.bodyPage(errors.isEmpty ? "Remittera till Jobbtorg" : "Fel – Remittera till Jobbtorg", context, status: status, b.nodes)
    }

    @Sendable func newReferral(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard CaseAction.refer.allows(actor) else { throw DomainError.forbidden }
        return try await referralPage(context, personId: try uuid(context, "id"), errors: [])
    }

    @Sendable func createReferral(_ request: Request, context: AppRequestContext) async throws -> Response {
        let personId = try uuid(context, "id")
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict], field: "message") {
            _ = try await flow.refer(
                personId: personId,
                .init(
                    toUnitId: f["toUnit"] ?? "", route: f["route"] ?? "", sessionId: f["session"] ?? "", meetingDate: f["meetingDate"] ?? "",
                    meetingTime: f["meetingTime"] ?? "", reason: f["reason"] ?? "", workShouldBeTried: f["workShouldBeTried"] != nil,
                    fullTimeProgramme: f["fullTimeProgramme"] != nil, jointAgreement: f["jointAgreement"] != nil, exceptionReason: f["exceptionReason"] ?? ""),
                by: try context.actor())
            return redirect(to: Routes.personCase.link(personId) + "?saved=referral#referrals")
        } refused: { errors, status in
            try await referralPage(context, personId: personId, errors: errors, status: status)
        }
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Page {
        let list = try await flow.referralInbox(by: try context.actor())
        var b = PageBuilder()
        b.h1("Remisser till Jobbtorg")
        let open = list.filter { $0.referral.status == .sent }
        b.p(open.isEmpty ? "Inga remisser väntar på svar." : "\(open.count) remiss\(open.count == 1 ? "" : "er") väntar på svar. En remiss ska besvaras inom fem arbetsdagar.")
        b.table(
            caption: "Remisser, obesvarade först", headers: ["Person", "Från", "Skickad", "Svar senast", "Status"],
            rows: list.map { r, p in
                let late = r.status == .sent && r.answerDue < flow.today
                return [
                    .link(href: Routes.referral.link(r.id), text: p.map { "\($0.lastName), \($0.firstName)" } ?? "Person"),
                    .text(services.orgNames.committeeName(r.fromCommitteeId)), .text(r.sentOn.description),
                    .build {
                        if late {
                            span("Försenad", .class("tag strong"))
                            " "
                        }
                        r.answerDue.description
                    }, .text(r.status.swedishName),
                ]
            })
        return services.bodyPage("Remisser", context, nav: .referrals, b.nodes)
    }

    func referralDetail(_ context: AppRequestContext, rid: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let (r, person, consent) = try await flow.referral(id: rid, by: actor)
        var b = PageBuilder()
        b.errors = errors
        b.values = errors.isEmpty ? [:] : context.form
        b.pLink(CaseFlowService.isJobbtorg(actor) ? Routes.referrals.link : Routes.personCase.link(person.id), CaseFlowService.isJobbtorg(actor) ? "Alla remisser" : "Ärendet", cls: "breadcrumb")
        b.h1("Remiss – \(person.fullName)")
        b.errorSummary("Svaret sparades inte")
        generalError(&b)
        b.facts([
            ("Personnummer", person.identityNumber.formatted), ("Från", "\(services.orgNames.committeeName(r.fromCommitteeId)), \(r.referredByName)"),
            ("Skickad", r.sentOn.description), ("Ska besvaras senast", r.answerDue.description), ("Skäl", r.reason),
            ("Målgrupp", (r.inTargetGroup ? "Inom målgruppen: " : "Utanför målgruppen: ") + r.targetGroupReason + (r.exceptionReason.map { " Skäl att ändå remittera: \($0)" } ?? "")),
            ("Inskrivning via", r.route.swedishName + (r.meetingAt.map { " \(Format.dateTime($0))" } ?? "")),
            ("Samtycke", consent.map { "\($0.scopes.sorted().map(\.swedishName).joined(separator: "; ")), gäller till \($0.validTo)" } ?? "–"),
            ("Status", r.status.swedishName), ("Skäl till avböjande", r.declineReason ?? "–"),
        ])
        if r.status == .sent && CaseAction.answerReferral.allows(actor) {
            let csrf = context.session?.csrfToken ?? ""
            b.formStart(action: Routes.referralAnswer.link(r.id), csrf: csrf)
            b.hidden("version", String(r.version))
            b.hidden("decision", "accept")
            b.dateField("enrolledOn", "Inskrivningsdatum", value: flow.today.description, hint: "Dagen för gruppinformationen eller trepartssamtalet. Första jobbplanen ska vara klar fem arbetsdagar senare.")
            b.submit("Anta remissen och skriv in personen")
            b.formEnd()
            b.formStart(action: Routes.referralAnswer.link(r.id), csrf: csrf)
            b.hidden("version", String(r.version))
            b.hidden("decision", "decline")
            b.field("declineReason", "Skäl att avböja", hint: "Stadsdelen ser skälet.", textarea: true)
            b.submit("Avböj remissen", secondary: true)
            b.formEnd()
        }
        return services.bodyPage(errors.isEmpty ? "Remiss" : "Fel – Remiss", context, nav: .referrals, status: status, b.nodes)
    }

    @Sendable func referral(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await referralDetail(context, rid: try uuid(context, "rid"), errors: [])
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rid = try uuid(context, "rid")
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            let r = try await flow.answerReferral(
                id: rid, accept: f["decision"] == "accept", declineReason: f["declineReason"] ?? "", enrolledOn: f["enrolledOn"] ?? "",
                expectedVersion: Int(f["version"] ?? "") ?? 0, by: try context.actor())
            return redirect(to: r.status == .accepted ? Routes.personCase.link(r.personId) + "?saved=accepted" : Routes.referrals.link)
        } refused: { errors, status in
            try await referralDetail(context, rid: rid, errors: errors, status: status)
        }
    }
}
