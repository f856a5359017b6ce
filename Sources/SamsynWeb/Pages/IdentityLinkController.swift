import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

struct IdentityLinkForm: Decodable {
    var issuer: String?
    var subject: String?
}

/// The administrator's page of staff identity links (issue 18).
struct IdentityLinkController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.adminIdentityLinks, use: show)
        group.post(Routes.adminIdentityLink, use: link)
        group.post(Routes.adminIdentityUnlink, use: unlink)
    }

    private func requireAdmin(_ context: AppRequestContext) throws -> Actor {
        let actor = try context.actor()
        guard MenuCapabilities(actor.user).administration else { throw DomainError.forbidden }
        return actor
    }

    private func page(_ context: AppRequestContext, saved: Bool, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        let actor = try requireAdmin(context)
        let links = Dictionary(uniqueKeysWithValues: try await services.identityLinks.links().map { ($0.userId, $0) })
        let model = IdentityLinksPage.Model(
            csrf: context.session?.csrfToken ?? "", saved: saved, staffIssuer: services.config.login.staff?.issuer,
            accounts: try await services.users.all().filter { $0.role != .citizen }.map {
                IdentityLinksPage.Model.Account(
                    id: $0.id, username: $0.username, name: $0.displayName, active: $0.active, issuer: links[$0.id]?.issuer, subject: links[$0.id]?.subject)
            }, errors: errors)
        let layout = Layout(title: "Inloggningskopplingar", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: .admin)
        return Page(layout, status: status, nodes: IdentityLinksPage.view(model)).htmlResponse
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(context, saved: request.uri.queryParameters["saved"] != nil, errors: [], status: .ok)
    }

    @Sendable func link(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try requireAdmin(context)
        let id = try Routes.adminIdentityLink.id(context)
        let form = try context.decodeForm(IdentityLinkForm.self)
        do {
            try await services.identityLinks.link(
                userId: id, issuer: form.issuer ?? "", subject: form.subject ?? "", actor: actor.user, requestId: actor.requestId, channel: "page")
        } catch let e as DomainError where e.kind == .invalid || e.kind == .conflict {
            let errors = e.fields.isEmpty ? [FieldError(field: "subject", message: e.message)] : e.fields
            return try await page(context, saved: false, errors: errors, status: e.kind == .invalid ? .unprocessableContent : .conflict)
        }
        return redirect(to: Routes.adminIdentityLinks.link + "?saved=1")
    }

    @Sendable func unlink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try requireAdmin(context)
        let id = try Routes.adminIdentityUnlink.id(context)
        try await services.identityLinks.unlink(userId: id, actor: actor.user, requestId: actor.requestId, channel: "page")
        return redirect(to: Routes.adminIdentityLinks.link + "?saved=1")
    }
}
