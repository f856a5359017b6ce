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
        group.get("/persons/:id/case", use: overview)
        group.post("/persons/:id/case", use: openCase)
        group.post("/persons/:id/obstacles", use: addObstacle)
        group.post("/persons/:id/aid-months", use: addAidMonths)
        group.post("/consents/:cid/withdraw", use: withdrawConsent)
        group.post("/enrolments/:eid/meetings", use: bookMeeting)
        group.post("/enrolments/:eid/close", use: closeEnrolment)
        group.post("/checks/:cid", use: recordCheck)
        CaseFormsController(services: services).addRoutes(to: group)
    }

    /// A form on the case page that was refused: which one, its errors and the values typed.
    struct RefusedForm {
        let form: String
        let errors: [FieldError]
        let values: [String: String]
    }

    static func uuid(_ context: AppRequestContext, _ name: String) throws -> UUID {
        guard let raw = context.parameters.get(name), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        return id
    }

    static func id(_ u: UUID) -> String { u.uuidString.lowercased() }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let personId = try Self.uuid(context, "id")
        let notice = request.uri.queryParameters["saved"].map { Self.notices[String($0)] ?? "Sparat." }
        return try await render(context, personId: personId, notice: notice, form: nil)
    }

    static let notices: [String: String] = [
        "case": "Aktualiseringen är registrerad.", "obstacle": "Försörjningshindret är registrerat.", "months": "Månaderna är registrerade.",
        "consent": "Samtycket är dokumenterat.", "withdrawn": "Samtycket är återkallat. Ingen information delas längre med stöd av det.",
        "referral": "Remissen är skickad till Jobbtorg.", "meeting": "Mötet är bokat.", "closed": "Inskrivningen är avslutad. En sexmånadersuppföljning är skapad.",
        "check": "Sexmånadersuppföljningen är registrerad.", "assigned": "Ansvarig handläggare är ändrad.", "plan": "Planen är sparad.", "accepted": "Remissen är antagen och personen inskriven.",
    ]

    func render(_ context: AppRequestContext, personId: UUID, notice: String?, form: RefusedForm?, status: HTTPResponse.Status = .ok) async throws -> HTML {
        let actor = try context.actor()
        let ov = try await flow.overview(personId: personId, by: actor)
        let body = try await CaseOverviewHTML(services: services, actor: actor, csrf: context.session?.csrfToken ?? "", ov: ov, notice: notice, form: form).render()
        return try services.bodyPage(form == nil ? "Ärende – \(ov.person.fullName)" : "Fel – Ärende – \(ov.person.fullName)", context, status: status, body)
    }

    /// Runs a form's action; on a refusal shows the case page again with the errors.
    func handle(
        _ request: Request, _ context: AppRequestContext, personId: () async throws -> UUID, form: String, saved: String,
        _ action: (Actor) async throws -> Void
    ) async throws -> Response {
        let actor = try context.actor()
        do {
            try await action(actor)
            return redirect(to: "/persons/\(Self.id(try await personId()))/case?saved=\(saved)#\(form)")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict || error.kind == .stale {
            let fields = error.fields.isEmpty ? [FieldError(field: "\(form)-message", message: error.message)] : error.fields
            let status: HTTPResponse.Status = error.kind == .invalid ? .unprocessableContent : .conflict
            return try await render(context, personId: try await personId(), notice: nil, form: RefusedForm(form: form, errors: fields, values: context.form), status: status)
                .response(from: request, context: context)
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
        return redirect(to: "/persons/\(Self.id(c.personId))/case?saved=withdrawn#consents")
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

    @Sendable func closeEnrolment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let eid = try Self.uuid(context, "eid")
        let f = context.form
        let person = enrolmentPerson(eid)
        return try await handle(request, context, personId: person, form: "closure", saved: "closed") { actor in
            _ = try await flow.closeEnrolment(
                id: eid, reason: f["reason"] ?? "", detail: f["detail"] ?? "", closedOn: f["closedOn"] ?? "", expectedVersion: Int(f["version"] ?? "") ?? 0, by: actor)
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
