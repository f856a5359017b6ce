import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The city's intervention catalogue, visible to every unit, so a district sees what already exists
/// before building its own. Places and queue lengths are aggregates: no personal data on this page.
struct InterventionController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/interventions", use: catalogue)
    }

    struct CataloguePage {
        struct Row {
            let id: String
            let canQueue: Bool
            let name: String
            let type: String
            let targetGroup: String
            let description: String
            let length: String
            let places: String
            let waiting: Int
            let allotments: String?
        }
        struct ProviderBlock {
            let name: String
            let kind: String
            let committee: String
            let rows: [Row]
        }
        let layout: Layout
        let providers: [ProviderBlock]
        let count: Int
    }

    @Sendable func catalogue(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        let (ps, all) = try await services.queues.catalogue(by: actor)
        let names = services.orgNames
        let blocks = ps.compactMap { p -> CataloguePage.ProviderBlock? in
            let rows = all.filter { $0.intervention.providerId == p.id }.map { line -> CataloguePage.Row in
                let i = line.intervention
                let places = i.capacity.map { "\(line.placesTaken) av \($0) tagna" } ?? "Inget platstak"
                let allotments = i.allotments.isEmpty
                    ? nil
                    : "Reserverade: " + i.allotments.sorted { $0.key < $1.key }.map { "\(names.committeeName($0.key).replacingOccurrences(of: " stadsdelsnämnd", with: "")) \($0.value)" }
                        .joined(separator: ", ")
                return CataloguePage.Row(
                    id: i.id, canQueue: AccessPolicy.allows(actor.user.role, .manageQueue), name: i.name, type: i.type.swedishName, targetGroup: i.targetGroup, description: i.description,
                    length: i.typicalWeeks.map { "Cirka \($0) veckor" } ?? "–", places: places, waiting: line.waiting, allotments: allotments)
            }
            guard !rows.isEmpty else { return nil }
            return CataloguePage.ProviderBlock(name: p.name, kind: p.kind.swedishName, committee: names.committeeName(p.committeeId), rows: rows)
        }
        let page = CataloguePage(
            layout: Layout(title: "Insatser i staden", context: context, unitName: names.unitName(actor.user.unitId), nav: "interventions"),
            providers: blocks, count: all.count)
        return HTML(html: try services.templates.render(page, "interventions"))
    }
}
