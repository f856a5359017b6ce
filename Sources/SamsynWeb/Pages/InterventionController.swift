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
        group.get(Routes.interventions, use: catalogue)
    }

    @Sendable func catalogue(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let (ps, all) = try await services.queues.catalogue(by: actor)
        let names = services.orgNames
        let providers = ps.compactMap { p -> CataloguePage.Model.Provider? in
            let rows = all.filter { $0.intervention.providerId == p.id }.map { line -> CataloguePage.Model.Row in
                let i = line.intervention
                let places = i.capacity.map { "\(line.placesTaken) av \($0) tagna" } ?? "Inget platstak"
                let allotments = i.allotments.isEmpty
                    ? nil
                    : "Reserverade: " + i.allotments.sorted { $0.key < $1.key }.map { "\(names.committeeName($0.key).replacingOccurrences(of: " stadsdelsnämnd", with: "")) \($0.value)" }
                        .joined(separator: ", ")
                return CataloguePage.Model.Row(
                    id: i.id, name: i.name, type: i.type.swedishName, targetGroup: i.targetGroup, description: i.description,
                    length: i.typicalWeeks.map { "Cirka \($0) veckor" } ?? "–", places: places, waiting: line.waiting, allotments: allotments)
            }
            guard !rows.isEmpty else { return nil }
            return CataloguePage.Model.Provider(name: p.name, kind: p.kind.swedishName, committee: names.committeeName(p.committeeId), rows: rows)
        }
        let model = CataloguePage.Model(providers: providers, count: all.count, canQueue: ParticipationCapabilities(actor).manage,
            showSessions: CaseAction.recordAttendance.allows(actor) || CaseAction.scheduleGroupSessions.allows(actor))
        let layout = Layout(title: "Insatser i staden", context: context, unitName: names.unitName(actor.user.unitId), nav: .interventions)
        return Page(layout, nodes: CataloguePage.view(model))
    }
}
