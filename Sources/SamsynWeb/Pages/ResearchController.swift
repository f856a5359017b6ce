import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

/// Forskningsuttag (issue 17): the researcher applies and downloads, the administrator decides. Rules and logging
/// are in `ResearchService`; this only reads forms and draws pages.
struct ResearchController {
    let services: AppServices
    var research: ResearchService { services.research }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.research, use: list)
        group.post(Routes.research, use: apply)
        group.get(Routes.researchNew, use: new)
        group.get(Routes.researchProject, use: show)
        group.post(Routes.researchDecide, use: decide)
        for file in ResearchFile.allCases {
            group.get(Routes.researchFile(file)) { request, context in try await download(file, request, context) }
        }
    }

    static let fields = ["title", "approvalNumber", "purpose", "dataFrom", "dataTo", "endsOn", "population", "variables"]

    func layout(_ title: String, _ context: AppRequestContext, _ actor: Actor) -> Layout {
        Layout(title: title, context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: .research)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard ResearchRules.hasResearch(actor.user) else { throw DomainError.forbidden }
        let projects = try await research.projects(by: actor)
        let notice = request.uri.queryParameters["sent"] != nil ? "Ansökan är skickad. Du får se beslutet här." : nil
        let model = ResearchListPage.Model.make(
            projects, canApply: ResearchRules.mayApply(actor.user), canDecide: ResearchRules.mayDecide(actor.user), today: research.today, notice: notice)
        return Page(layout("Forskningsuttag", context, actor), nodes: ResearchListPage.view(model))
    }

    func form(_ context: AppRequestContext, _ actor: Actor, _ state: FormState, status: HTTPResponse.Status) -> Page {
        Page(
            layout(status == .ok ? "Ansök om forskningsuttag" : "Fel – Ansök om forskningsuttag", context, actor), status: status,
            nodes: ResearchApplyPage.view(ResearchApplyPage.Model(form: state, csrf: context.session?.csrfToken ?? "")))
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard ResearchRules.mayApply(actor.user) else { throw DomainError.forbidden }
        return form(context, actor, .new, status: .ok)
    }

    @Sendable func apply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let v = context.formValues
        func one(_ k: String) -> String { v[k]?.first ?? "" }
        let application = ResearchApplication(
            title: one("title"), approvalNumber: one("approvalNumber"), purpose: one("purpose"), dataFrom: one("dataFrom"), dataTo: one("dataTo"),
            endsOn: one("endsOn"), population: one("population"), variables: v["variables"] ?? [])
        var submitted: [String: [String]] = [:]
        for k in Self.fields { submitted[k] = v[k] ?? [] }
        return try await context.refusable(request, kinds: [.invalid]) {
            let p = try await research.apply(application, by: actor)
            return redirect(to: Routes.researchProject.link(p.id) + "?sent=1")
        } refused: { errors, status in
            form(context, actor, FormState(refused: errors, submitted: submitted), status: status)
        }
    }

    func page(_ id: UUID, _ context: AppRequestContext, _ actor: Actor, form: FormState = .new, status: HTTPResponse.Status = .ok, notice: String? = nil)
        async throws -> Page
    {
        let p = try await research.project(id, by: actor)
        let today = research.today
        let model = ResearchProjectPage.Model.make(
            p, capabilities: ResearchCapabilities(actor.user, p, on: today), today: today, deliveries: try await research.deliveries(p), form: form,
            csrf: context.session?.csrfToken ?? "", notice: notice)
        return Page(layout(status == .ok ? p.title : "Fel – \(p.title)", context, actor), status: status, nodes: ResearchProjectPage.view(model))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let q = request.uri.queryParameters
        let notice: String? =
            q["sent"] != nil ? "Ansökan är skickad. Systemadministratören beslutar." : q["decided"] != nil ? "Beslutet är sparat." : nil
        return try await page(try Routes.researchProject.id(context), context, actor, notice: notice)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try Routes.researchDecide.id(context)
        let v = context.formValues
        let decision = v["decision"]?.first ?? ""
        let reason = v["reason"]?.first ?? ""
        return try await context.refusable(request, kinds: [.invalid], field: "reason") {
            guard decision == "approve" || decision == "refuse" else {
                throw DomainError.invalid([FieldError(field: "reason", message: "Välj Godkänn eller Avslå.")])
            }
            _ = try await research.decide(id, approve: decision == "approve", reason: reason, by: actor)
            return redirect(to: Routes.researchProject.link(id) + "?decided=1")
        } refused: { errors, status in
            try await page(id, context, actor, form: FormState(refused: errors, submitted: ["reason": [reason]]), status: status)
        }
    }

    func download(_ file: ResearchFile, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try Routes.researchFile(file).id(context)
        let (project, extract) = try await research.download(id, file: file, by: actor)
        let headers: HTTPFields = [
            .contentType: file.contentType, .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"\(extract.fileName(file, project: project))\"",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: extract.bytes(file))))
    }
}
