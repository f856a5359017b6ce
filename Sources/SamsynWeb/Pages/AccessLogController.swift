import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Log review for unit managers: the latest access-log rows of their committee. Reading the log is logged too.
struct AccessLogController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.accessLog, use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard AccessPolicy.allows(actor.user.role, .reviewAccessLog) else {
            try await services.accessLog.append([
                AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .accessLogRead, outcome: .denied, detail: "role")
            ])
            throw DomainError.forbidden
        }
        let rows = try await services.accessLog.recent(committeeId: actor.user.committeeId, limit: 200)
        try await services.accessLog.append([
            AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .accessLogRead, outcome: .allowed, detail: "page")
        ])
        let model = AccessLogPage.Model(
            committeeName: services.orgNames.committeeName(actor.user.committeeId),
            rows: rows.map {
                AccessLogPage.Model.Row(
                    at: Format.utcTimestamp($0.entry.at), username: $0.entry.username ?? "–", role: $0.entry.role.flatMap { Role(rawValue: $0)?.swedishTitle } ?? "–",
                    action: $0.entry.action, detail: $0.entry.detail, personId: $0.entry.personId?.uuidString.lowercased() ?? ($0.entry.personIds.isEmpty ? "–" : "\($0.entry.personIds.count) personer (lista)"),
                    denied: $0.entry.outcome == .denied)
            })
        return Page(Layout(title: "Åtkomstlogg", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: .log), nodes: AccessLogPage.view(model))
    }
}
