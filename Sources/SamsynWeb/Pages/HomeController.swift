import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The start page: who you are, and the people your unit has opened a file for.
struct HomeController {
    let services: AppServices

    func addRoutes(protected group: RouterGroup<AppRequestContext>, public pages: RouterGroup<AppRequestContext>) {
        group.get(Routes.home, use: show)
        pages.get(Routes.accessibility, use: accessibility)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        // The person's start page is their own page.
        if MenuCapabilities(actor.user).ownPage { return redirect(to: Routes.ownPage.link) }
        await services.orgNames.refreshIfStale()
        let people = try await services.directory.unitPeople(by: actor)
        let user = actor.user
        let unitName = services.orgNames.unitName(user.unitId)
        let model = HomePage.Model(
            firstName: user.displayName.split(separator: " ").first.map(String.init) ?? user.displayName,
            roleTitle: user.role.swedishTitle.lowercased(), unitName: unitName ?? user.unitId,
            committeeName: services.orgNames.committeeName(user.committeeId), canSearch: MenuCapabilities(user).search,
            roleNote: HomePage.roleNote(user.role), people: people.map(PersonRow.init))
        return try Page(Layout(title: "Start", context: context, unitName: unitName, nav: .start), nodes: HomePage.view(model)).response(from: request, context: context)
    }

    @Sendable func accessibility(_ request: Request, context: AppRequestContext) async throws -> Page {
        Page(
            Layout(title: "Tillgänglighetsredogörelse", context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }),
            nodes: AccessibilityPage.view())
    }
}
