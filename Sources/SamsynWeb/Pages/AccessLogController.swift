import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Log review for unit managers: the latest access-log rows of their committee. Reading the log is logged too.
struct AccessLogController {
    let services: AppServices

    struct RowModel {
        let at: String; let username: String; let role: String; let action: String; let detail: String?; let personId: String; let denied: Bool
    }
    struct LogPage { let layout: Layout; let committeeName: String; let count: Int; let rows: [RowModel] }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/access-log", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
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
        let page = LogPage(
            layout: Layout(title: "Åtkomstlogg", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: "log"),
            committeeName: services.orgNames.committeeName(actor.user.committeeId), count: rows.count,
            rows: rows.map {
                RowModel(
                    at: Format.utcTimestamp($0.entry.at), username: $0.entry.username ?? "–", role: $0.entry.role.flatMap { Role(rawValue: $0)?.swedishTitle } ?? "–",
                    action: $0.entry.action, detail: $0.entry.detail, personId: $0.entry.personId?.uuidString.lowercased() ?? "–",
                    denied: $0.entry.outcome == .denied)
            })
        return HTML(html: try services.templates.render(page, "access-log"))
    }
}
