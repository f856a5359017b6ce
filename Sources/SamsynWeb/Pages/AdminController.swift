import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The organisation's reference data, edited by system administrators.
struct AdminController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.adminOrganisation, use: show)
        group.post(Routes.adminCommittee, use: renameCommittee)
        group.post(Routes.adminUnits, use: saveUnit)
    }

    private func requireAdmin(_ context: AppRequestContext) throws -> Actor {
        let actor = try context.actor()
        guard MenuCapabilities(actor.user).administration else { throw DomainError.forbidden }
        return actor
    }

    private func page(_ context: AppRequestContext, saved: Bool, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let actor = try requireAdmin(context)
        let committees = try await services.organisation.committees()
        let units = try await services.organisation.units()
        let staff = Dictionary(grouping: try await services.users.all(), by: \.unitId).mapValues(\.count)
        let model = OrganisationPage.Model(
            csrf: context.session?.csrfToken ?? "", saved: saved,
            committees: committees.map { c in
                OrganisationPage.Model.Committee(
                    id: c.id, name: c.name, kindName: c.kind.swedishName,
                    units: units.filter { $0.committeeId == c.id }.map {
                        OrganisationPage.Model.Unit(id: $0.id, name: $0.name, kindName: $0.kind.swedishName, staff: staff[$0.id] ?? 0)
                    })
            },
            unitKinds: OrgUnit.Kind.allCases.map { FormState.Option($0.rawValue, $0.swedishName) }, errors: errors)
        let layout = Layout(title: "Organisation", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: .admin)
        return Page(layout, status: status, nodes: OrganisationPage.view(model)).htmlResponse
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(context, saved: request.uri.queryParameters["saved"] != nil, errors: [], status: .ok)
    }

    @Sendable func renameCommittee(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try requireAdmin(context)
        let id = try Routes.adminCommittee.string(context)
        guard var committee = try await services.organisation.committees().first(where: { $0.id == id }) else {
            throw DomainError.notFound
        }
        let name = (try context.decodeForm(CommitteeForm.self).name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = OrganisationValidation.validateName(name)
        guard errors.isEmpty else { return try await page(context, saved: false, errors: errors, status: .unprocessableContent) }
        committee.name = name
        try await services.organisation.save(
            committee, audit: AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .organisationCommitteeSave, outcome: .allowed))
        try await services.orgNames.refresh()
        return redirect(to: Routes.adminOrganisation.link + "?saved=1")
    }

    @Sendable func saveUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try requireAdmin(context)
        let form = try context.decodeForm(UnitForm.self)
        let id = (form.id ?? "").trimmingCharacters(in: .whitespaces)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let committeeId = form.committeeId ?? ""
        var errors = OrganisationValidation.validateId(id) + OrganisationValidation.validateName(name)
        let committees = try await services.organisation.committees()
        if !committees.contains(where: { $0.id == committeeId }) { errors.append(FieldError(field: "committeeId", message: "Välj en nämnd som finns.")) }
        let kind = OrgUnit.Kind(rawValue: form.kind ?? "")
        if kind == nil { errors.append(FieldError(field: "kind", message: "Välj en typ av enhet.")) }
        guard errors.isEmpty, let kind else { return try await page(context, saved: false, errors: errors, status: .unprocessableContent) }
        try await services.organisation.save(
            OrgUnit(id: id, committeeId: committeeId, name: name, kind: kind),
            audit: AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .organisationUnitSave, outcome: .allowed))
        try await services.orgNames.refresh()
        return redirect(to: Routes.adminOrganisation.link + "?saved=1")
    }
}
