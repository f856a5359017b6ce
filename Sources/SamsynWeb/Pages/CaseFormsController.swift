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

    /// The frame for one of these pages; a refused form's title starts with "Fel – ".
    func page(_ title: String, _ context: AppRequestContext, nav: MenuItem? = nil, refused: Bool = false, status: HTTPResponse.Status = .ok, _ nodes: [Node]) -> Page {
        Page(
            Layout(title: refused ? "Fel – \(title)" : title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: nav),
            status: status, nodes: nodes)
    }

    func csrf(_ context: AppRequestContext) -> String { context.session?.csrfToken ?? "" }

    // MARK: Consent

    func consentPage(_ context: AppRequestContext, personId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let person = try await services.directory.read(id: personId, by: actor).person
        let model = ConsentNewPage.Model(
            csrf: csrf(context), personId: personId, personName: person.fullName,
            recipients: try await flow.consentRecipients().map { FormState.Option($0.value, $0.label) }, validFrom: flow.today.description,
            validTo: flow.today.adding(months: 12).description, form: CaseFormParts.state(errors, context.formValues))
        return page("Dokumentera samtycke", context, refused: !errors.isEmpty, status: status, ConsentNewPage.view(model))
            .about(await services.personHeader(personId, actor))
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
        let jobbtorg = try await services.organisation.units().filter { CaseFlowService.jobbtorgUnits.contains($0.kind) }
        let sessions = try await flow.upcomingSessions()
        let model = ReferralNewPage.Model(
            csrf: csrf(context), personId: personId, personName: person.fullName,
            targetGroup: tg.inTargetGroup ? "Efter registrerade försörjningshinder hör personen till målgruppen: \(tg.reason)" : "Efter det som är registrerat nu: \(tg.reason)",
            units: jobbtorg.map { .init($0.id, $0.name) },
            sessions: sessions.map { s in
                .init(
                    id(s.session.id),
                    "\(services.orgNames.unitName(s.session.unitId) ?? "") \(Format.dateTime(s.session.startsAt)), \(s.session.location) – \(max(0, s.session.places - s.booked)) platser kvar")
            }, form: CaseFormParts.state(errors, context.formValues))
        return page("Remittera till Jobbtorg", context, refused: !errors.isEmpty, status: status, ReferralNewPage.view(model))
            .about(await services.personHeader(personId, actor))
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
        let model = ReferralInboxPage.Model(
            waiting: list.filter { $0.referral.status == .sent }.count,
            lines: list.map { r, p in
                .init(
                    id: r.id, person: p.map { "\($0.lastName), \($0.firstName)" } ?? "Person", from: services.orgNames.committeeName(r.fromCommitteeId),
                    sentOn: r.sentOn.description, answerDue: r.answerDue.description, late: r.status == .sent && r.answerDue < flow.today, status: r.status.swedishName)
            })
        return page("Remisser", context, nav: .referrals, ReferralInboxPage.view(model))
    }

    func referralDetail(_ context: AppRequestContext, rid: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let (r, person, consent) = try await flow.referral(id: rid, by: actor)
        let model = ReferralPage.Model(
            csrf: csrf(context), referralId: r.id, personId: person.id, personName: person.fullName,
            facts: [
                ("Personnummer", person.identityNumber.formatted), ("Från", "\(services.orgNames.committeeName(r.fromCommitteeId)), \(r.referredByName)"),
                ("Skickad", r.sentOn.description), ("Ska besvaras senast", r.answerDue.description), ("Skäl", r.reason),
                (
                    "Målgrupp",
                    (r.inTargetGroup ? "Inom målgruppen: " : "Utanför målgruppen: ") + r.targetGroupReason + (r.exceptionReason.map { " Skäl att ändå remittera: \($0)" } ?? "")
                ),
                ("Inskrivning via", r.route.swedishName + (r.meetingAt.map { " \(Format.dateTime($0))" } ?? "")),
                ("Samtycke", consent.map { "\($0.scopes.sorted().map(\.swedishName).joined(separator: "; ")), gäller till \($0.validTo)" } ?? "–"),
                ("Status", r.status.swedishName), ("Skäl till avböjande", r.declineReason ?? "–"),
            ], version: r.version, today: flow.today.description, caps: ReferralCapabilities(actor: actor, referral: r),
            form: CaseFormParts.state(errors, context.formValues))
        return page("Remiss", context, nav: .referrals, refused: !errors.isEmpty, status: status, ReferralPage.view(model))
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
