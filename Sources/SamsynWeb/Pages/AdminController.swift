import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The organisation's reference data, edited by system administrators.
struct AdminController {
    let services: AppServices

    struct UnitModel { let id: String; let name: String; let kindName: String; let staff: Int }
    struct CommitteeModel { let id: String; let name: String; let kindName: String; let csrf: String; let units: [UnitModel] }
    struct KindOption { let value: String; let label: String }
    struct OrganisationPage {
        let layout: Layout
        let csrf: String
        let saved: Bool
        let committees: [CommitteeModel]
        let unitKinds: [KindOption]
        let errors: [FieldError]
        let hasErrors: Bool
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/admin/organisation", use: show)
        group.post("/admin/committees/:id", use: renameCommittee)
        group.post("/admin/units", use: saveUnit)
    }

    private func requireAdmin(_ context: AppRequestContext) throws -> Actor {
        let actor = try context.actor()
        guard AccessPolicy.allows(actor.user.role, .administerOrganisation) else { throw DomainError.forbidden }
        return actor
    }

    private func page(_ context: AppRequestContext, saved: Bool, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let actor = try requireAdmin(context)
        let committees = try await services.organisation.committees()
        let units = try await services.organisation.units()
        let staff = Dictionary(grouping: try await services.users.all(), by: \.unitId).mapValues(\.count)
        let csrf = context.session?.csrfToken ?? ""
        let model = OrganisationPage(
            layout: Layout(title: "Organisation", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: "admin"),
            csrf: csrf, saved: saved,
            committees: committees.map { c in
                CommitteeModel(
                    id: c.id, name: c.name, kindName: c.kind.swedishName, csrf: csrf,
                    units: units.filter { $0.committeeId == c.id }.map { UnitModel(id: $0.id, name: $0.name, kindName: $0.kind.swedishName, staff: staff[$0.id] ?? 0) })
            },
            unitKinds: OrgUnit.Kind.allCases.map { KindOption(value: $0.rawValue, label: $0.swedishName) }, errors: errors, hasErrors: !errors.isEmpty)
        var buffer = ByteBuffer()
        buffer.writeString(try services.templates.render(model, "admin-organisation"))
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(context, saved: request.uri.queryParameters["saved"] != nil, errors: [], status: .ok)
    }

    @Sendable func renameCommittee(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try requireAdmin(context)
        guard let id = context.parameters.get("id"), var committee = try await services.organisation.committees().first(where: { $0.id == id }) else {
            throw DomainError.notFound
        }
        let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = OrganisationValidation.validateName(name)
        guard errors.isEmpty else { return try await page(context, saved: false, errors: errors, status: .unprocessableContent) }
        committee.name = name
        try await services.organisation.save(
            committee, audit: AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .organisationCommitteeSave, outcome: .allowed))
        try await services.orgNames.refresh()
        return redirect(to: "/admin/organisation?saved=1")
    }

    @Sendable func saveUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try requireAdmin(context)
        let id = (context.form["id"] ?? "").trimmingCharacters(in: .whitespaces)
        let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let committeeId = context.form["committeeId"] ?? ""
        var errors = OrganisationValidation.validateId(id) + OrganisationValidation.validateName(name)
        let committees = try await services.organisation.committees()
        if !committees.contains(where: { $0.id == committeeId }) { errors.append(FieldError(field: "committeeId", message: "Välj en nämnd som finns.")) }
        let kind = OrgUnit.Kind(rawValue: context.form["kind"] ?? "")
        if kind == nil { errors.append(FieldError(field: "kind", message: "Välj en typ av enhet.")) }
        guard errors.isEmpty, let kind else { return try await page(context, saved: false, errors: errors, status: .unprocessableContent) }
        try await services.organisation.save(
            OrgUnit(id: id, committeeId: committeeId, name: name, kind: kind),
            audit: AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .organisationUnitSave, outcome: .allowed))
        try await services.orgNames.refresh()
        return redirect(to: "/admin/organisation?saved=1")
    }
}
