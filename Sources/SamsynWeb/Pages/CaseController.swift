import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The case from intake to closure: the person's case page (district or Jobbtorg view), and the forms on it.
/// Handlers translate HTTP to `CaseFlowService` calls; a refused form is shown again with its errors and values.
struct CaseController {
    let services: AppServices
    var flow: CaseFlowService { services.caseFlow }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.personCase, use: overview)
        group.post(Routes.personCase, use: openCase)
        group.post(Routes.personObstacles, use: addObstacle)
        group.post(Routes.personAidMonths, use: addAidMonths)
        group.post(Routes.consentWithdraw, use: withdrawConsent)
        group.post(Routes.enrolmentMeetings, use: bookMeeting)
        group.post(Routes.check, use: recordCheck)
        CaseFormsController(services: services).addRoutes(to: group)
        ClosureController(services: services).addRoutes(to: group)
    }

    static func uuid(_ context: AppRequestContext, _ name: String) throws -> UUID {
        guard let raw = context.parameters.get(name), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        return id
    }

    static func id(_ u: UUID) -> String { u.uuidString.lowercased() }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Page {
        let personId = try Routes.personCase.id(context)
        let notice = request.uri.queryParameters["saved"].map { Self.notices[String($0)] ?? "Sparat." }
        let (layout, nodes) = try await render(context, personId: personId, notice: notice, form: nil)
        return Page(layout, nodes: nodes)
    }

    static let notices: [String: String] = [
        "case": "Aktualiseringen är registrerad.", "obstacle": "Försörjningshindret är registrerat.", "months": "Månaderna är registrerade.",
        "consent": "Samtycket är dokumenterat.", "withdrawn": "Samtycket är återkallat. Ingen information delas längre med stöd av det.",
        "referral": "Remissen är skickad till Jobbtorg.", "meeting": "Mötet är bokat.", "closed": "Inskrivningen är avslutad. En sexmånadersuppföljning är skapad.",
        "check": "Sexmånadersuppföljningen är registrerad.", "assigned": "Ansvarig handläggare är ändrad.", "plan": "Planen är sparad.", "accepted": "Remissen är antagen och personen inskriven.",
        "visit": "Nybesöket är bokat. Ärendet finns nu i inkorgen hos enheten för ekonomiskt bistånd.",
    ]

    func render(_ context: AppRequestContext, personId: UUID, notice: String?, form: RefusedForm?, status: HTTPResponse.Status = .ok) async throws -> (layout: Layout, nodes: [Node]) {
        let actor = try context.actor()
        let ov = try await flow.overview(personId: personId, by: actor)
        let model = await model(actor: actor, csrf: context.session?.csrfToken ?? "", ov: ov, notice: notice, refused: form)
        let title = form == nil ? "Ärende – \(ov.person.fullName)" : "Fel – Ärende – \(ov.person.fullName)"
        let heading = PersonHeading.compute(
            person: ov.person.summary, committeeId: actor.user.committeeId, cases: ov.cases, enrolments: ov.enrolments, openTasks: ov.tasks, today: flow.today)
        let header = await services.personHeader(heading)
        return (Layout(title: title, context: context, unitName: services.orgNames.unitName(actor.user.unitId)).about(header), CasePage.view(model))
    }

    /// Runs a form's action; on a refusal (also a stale version) shows the case page again with the errors at
    /// the form, or at the top when the refusal names no field.
    func handle(
        _ request: Request, _ context: AppRequestContext, personId: () async throws -> UUID, form: String, saved: String,
        _ action: (Actor) async throws -> Void
    ) async throws -> Response {
        let actor = try context.actor()
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "\(form)-message") {
            try await action(actor)
            return redirect(to: Routes.personCase.link(try await personId()) + "?saved=\(saved)#\(form)")
        } refused: { errors, status in
            let page = try await render(context, personId: try await personId(), notice: nil, form: RefusedForm(form: form, errors: errors, values: context.formValues), status: status)
            return Page(page.layout, status: status, nodes: page.nodes)
        }
    }

    @Sendable func openCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Self.uuid(context, "id")
        let f = context.form
        return try await handle(request, context, personId: { id }, form: "case", saved: "case") { actor in
            _ = try await flow.openCase(personId: id, .init(source: f["source"] ?? "", channel: f["channel"] ?? "", openedOn: f["openedOn"] ?? ""), by: actor)
        }
    }

    @Sendable func addObstacle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Self.uuid(context, "id")
        let f = context.form
        return try await handle(request, context, personId: { id }, form: "obstacles", saved: "obstacle") { actor in
            _ = try await flow.addObstacle(personId: id, adult: f["adult"] ?? "", code: f["code"] ?? "", judgedOn: f["judgedOn"] ?? "", by: actor)
        }
    }

    @Sendable func addAidMonths(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Self.uuid(context, "id")
        return try await handle(request, context, personId: { id }, form: "aid", saved: "months") { actor in
            _ = try await flow.addAidMonths(personId: id, months: context.form["months"] ?? "", by: actor)
        }
    }

    @Sendable func withdrawConsent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let cid = try Self.uuid(context, "cid")
        let actor = try context.actor()
        let version = Int(context.form["version"] ?? "") ?? 0
        let c = try await flow.withdrawConsent(id: cid, expectedVersion: version, by: actor)
        return redirect(to: Routes.personCase.link(c.personId) + "?saved=withdrawn#consents")
    }

    /// The person an enrolment is about, for the redirect back to the case page.
    func enrolmentPerson(_ eid: UUID) -> () async throws -> UUID {
        {
            guard let e = try await services.caseStore.enrolment(id: eid) else { throw DomainError.notFound }
            return e.personId
        }
    }

    @Sendable func bookMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let eid = try Self.uuid(context, "eid")
        let f = context.form
        let person = enrolmentPerson(eid)
        return try await handle(request, context, personId: person, form: "meetings", saved: "meeting") { actor in
            _ = try await flow.bookMeeting(enrolmentId: eid, kind: f["kind"] ?? "", date: f["date"] ?? "", time: f["time"] ?? "", by: actor)
        }
    }

    @Sendable func recordCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        let cid = try Self.uuid(context, "cid")
        let f = context.form
        let person: () async throws -> UUID = {
            guard let c = try await services.caseStore.check(id: cid) else { throw DomainError.notFound }
            return c.personId
        }
        return try await handle(request, context, personId: person, form: "checks", saved: "check") { actor in
            _ = try await flow.recordCheck(id: cid, result: f["result"] ?? "", expectedVersion: Int(f["version"] ?? "") ?? 0, by: actor)
        }
    }
}
