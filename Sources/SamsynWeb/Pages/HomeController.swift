import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The start page: who you are, and the people your unit has opened a file for.
struct HomeController {
    let services: AppServices

    struct HomePage {
        let layout: Layout
        let firstName: String
        let roleTitle: String
        let unitName: String
        let committeeName: String
        let canSearch: Bool
        let roleNote: String
        let people: [PersonRowModel]
        let hasPeople: Bool
    }

    func addRoutes(protected group: RouterGroup<AppRequestContext>, public pages: RouterGroup<AppRequestContext>) {
        group.get("/", use: show)
        pages.get("/accessibility", use: accessibility)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        await services.orgNames.refreshIfStale()
        let people = try await services.directory.unitPeople(by: actor)
        let user = actor.user
        let note: String =
            switch user.role {
            case .analyst: "Statistik och indikatorer på aggregerad nivå kommer i en senare version."
            case .researcher: "Pseudonymiserade forskningsuttag kommer i en senare version."
            case .partner: "Du kommer att se det som en person har samtyckt till att dela med ert samverkansteam."
            case .citizen: "Din egen sida med plan, möten och samtycken kommer i en senare version."
            case .systemAdministrator: "Du administrerar organisationen och användarna."
            default: ""
            }
        let page = HomePage(
            layout: Layout(title: "Start", context: context, unitName: services.orgNames.unitName(user.unitId), nav: "start"),
            firstName: user.displayName.split(separator: " ").first.map(String.init) ?? user.displayName,
            roleTitle: user.role.swedishTitle.lowercased(), unitName: services.orgNames.unitName(user.unitId) ?? user.unitId,
            committeeName: services.orgNames.committeeName(user.committeeId), canSearch: AccessPolicy.allows(user.role, .searchPersons),
            roleNote: note, people: people.map(PersonRowModel.init), hasPeople: !people.isEmpty)
        return HTML(html: try services.templates.render(page, "home"))
    }

    struct AccessibilityPage { let layout: Layout }

    @Sendable func accessibility(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let page = AccessibilityPage(
            layout: Layout(title: "Tillgänglighetsredogörelse", context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }))
        return HTML(html: try services.templates.render(page, "accessibility"))
    }
}
