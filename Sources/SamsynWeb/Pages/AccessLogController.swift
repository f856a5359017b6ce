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
        group.get(Routes.accessLogEntry, use: entry)
    }

    /// Only a reviewer reads the log; a refused try is itself a row.
    private func reviewer(_ context: AppRequestContext) async throws -> Actor {
        let actor = try context.actor()
        guard MenuCapabilities(actor.user).accessLog else {
            try await services.accessLog.append([
                AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .accessLogRead, outcome: .denied, detail: "role")
            ])
            throw DomainError.forbidden
        }
        return actor
    }

    private func layout(_ title: String, _ context: AppRequestContext, _ actor: Actor) -> Layout {
        Layout(title: title, context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: .log)
    }

    private func row(_ r: AccessLogRecord) -> AccessLogPage.Model.Row {
        let e = r.entry
        return AccessLogPage.Model.Row(
            sequence: r.sequence, at: Format.utcTimestamp(e.at), username: e.username ?? "–", role: e.role.flatMap { Role(rawValue: $0)?.swedishTitle } ?? "–",
            action: e.action, detail: e.detail,
            person: e.personId.map { .one($0.uuidString.lowercased()) } ?? (e.personIds.isEmpty ? .none : .list(e.personIds.count)),
            denied: e.outcome == .denied)
    }

    /// One row of the committee's log; a list read shows every person it showed, each a link to the file.
    @Sendable func entry(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try await reviewer(context)
        guard let raw = context.parameters.get("seq"), let seq = Int64(raw), seq > 0,
            let record = try await services.accessLog.record(sequence: seq), record.entry.committeeId == actor.user.committeeId
        else { throw DomainError.notFound }
        try await services.accessLog.append([
            AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .accessLogRead, outcome: .allowed, detail: "row \(seq)")
        ])
        let persons = record.entry.personIds.isEmpty ? record.entry.personId.map { [$0] } ?? [] : record.entry.personIds
        let model = AccessLogEntryPage.Model(
            row: row(record), persons: persons.map { (id: $0.uuidString.lowercased(), href: Routes.person.link($0)) },
            hash: record.hash, previousHash: record.previousHash)
        return Page(layout("Logghändelse \(seq) – Åtkomstlogg", context, actor), nodes: AccessLogEntryPage.view(model))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try await reviewer(context)
        let rows = try await services.accessLog.recent(committeeId: actor.user.committeeId, limit: 200)
        try await services.accessLog.append([
            AccessLogEntry(at: services.clock.now(), requestId: actor.requestId, actor: actor.user, action: .accessLogRead, outcome: .allowed, detail: "page")
        ])
        let model = AccessLogPage.Model(committeeName: services.orgNames.committeeName(actor.user.committeeId), rows: rows.map(row))
        return Page(layout("Åtkomstlogg", context, actor), nodes: AccessLogPage.view(model))
    }
}
