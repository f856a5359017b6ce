import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Queueing a person for an intervention, and the committee's view of a queue: position, waiting time,
/// offers and answers. Places are counted in the store's transaction (the last place is offered once).
struct QueueController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/persons/:id/queue", use: newEntry)
        group.post("/persons/:id/queue", use: enqueue)
        group.get("/interventions/:iid/queue", use: queue)
        group.post("/interventions/:iid/queue/:eid/:action", use: act)
    }

    struct NewEntryPage {
        struct Option { let id: String; let label: String; let selected: Bool }
        let layout: Layout
        let csrf: String
        let personId: String
        let personName: String
        let options: [Option]
        let reason: String
        let errors: [FieldError]
        let hasErrors: Bool
        let interventionError: String?
        let reasonError: String?
    }

    private func newEntryPage(_ context: AppRequestContext, personId: UUID, selected: String, reason: String, errors: [FieldError]) async throws -> NewEntryPage {
        let actor = try context.actor()
        let view = try await services.directory.read(id: personId, by: actor)
        let all = try await services.interventions.interventions()
        return NewEntryPage(
            layout: Layout(title: errors.isEmpty ? "Ställ i kö" : "Fel – Ställ i kö", context: context, unitName: services.orgNames.unitName(actor.user.unitId)),
            csrf: context.session?.csrfToken ?? "", personId: personId.uuidString.lowercased(), personName: view.person.fullName,
            options: all.map { NewEntryPage.Option(id: $0.id, label: "\($0.name) (\($0.type.swedishName))", selected: $0.id == selected) },
            reason: reason, errors: errors, hasErrors: !errors.isEmpty,
            interventionError: errors.first { $0.field == "intervention" }?.message, reasonError: errors.first { $0.field == "priorityReason" }?.message)
    }

    @Sendable func newEntry(_ request: Request, context: AppRequestContext) async throws -> HTML {
        guard AccessPolicy.allows(try context.actor().user.role, .manageQueue) else { throw DomainError.forbidden }
        let page = try await newEntryPage(context, personId: try personId(context), selected: "", reason: "", errors: [])
        return HTML(html: try services.templates.render(page, "queue-new"))
    }

    @Sendable func enqueue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try personId(context)
        let interventionId = context.form["intervention"] ?? ""
        let reason = context.form["priorityReason"] ?? ""
        do {
            _ = try await services.queues.enqueue(
                personId: id, interventionId: interventionId, districtId: nil, priorityReason: reason.isEmpty ? nil : reason, by: actor)
            return redirect(to: "/interventions/\(interventionId)/queue?queued=1")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let fields = error.fields.isEmpty ? [FieldError(field: "intervention", message: error.message)] : error.fields
            let page = try await newEntryPage(context, personId: id, selected: interventionId, reason: reason, errors: fields)
            return try HTML(html: try services.templates.render(page, "queue-new"), status: error.kind == .conflict ? .conflict : .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    struct QueuePage {
        struct Line {
            let entryId: String
            let position: String
            let personHref: String
            let name: String
            let queuedAt: String
            let waiting: String
            let priorityReason: String?
            let status: String
            let canOffer: Bool
            let canAnswer: Bool
        }
        let layout: Layout
        let csrf: String
        let interventionId: String
        let name: String
        let places: String
        let waitingTotal: Int
        let lines: [Line]
        let hasLines: Bool
        let notice: String?
        let error: String?
    }

    private func queuePage(_ context: AppRequestContext, interventionId: String, notice: String?, error: String?) async throws -> QueuePage {
        let actor = try context.actor()
        guard let intervention = try await services.interventions.intervention(id: interventionId) else { throw DomainError.notFound }
        let lines = try await services.queues.queue(interventionId: interventionId, by: actor)
        let occupancy = try await services.interventions.occupancy(interventionId: interventionId)
        let waitingTotal = try await services.interventions.queue(interventionId: interventionId).filter { $0.status == .waiting }.count
        let now = services.clock.now()
        return QueuePage(
            layout: Layout(title: "Kö – \(intervention.name)", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: "interventions"),
            csrf: context.session?.csrfToken ?? "", interventionId: interventionId, name: intervention.name,
            places: intervention.capacity.map { "\(occupancy.total) av \($0) platser tagna" } ?? "Inget platstak", waitingTotal: waitingTotal,
            lines: lines.map { l in
                let e = l.entry
                let days = Int(now.timeIntervalSince(e.queuedAt) / 86_400)
                return QueuePage.Line(
                    entryId: e.id.uuidString.lowercased(), position: l.position.map(String.init) ?? "–",
                    personHref: "/persons/\(l.person.id.uuidString.lowercased())", name: "\(l.person.firstName) \(l.person.lastName)",
                    queuedAt: Format.date(e.queuedAt), waiting: days == 1 ? "1 dag" : "\(days) dagar", priorityReason: e.priorityReason,
                    status: Self.statusText(e.status), canOffer: e.status == .waiting, canAnswer: e.status == .offered)
            }, hasLines: !lines.isEmpty, notice: notice, error: error)
    }

    static func statusText(_ s: QueueEntry.Status) -> String {
        switch s {
        case .waiting: "Väntar"
        case .offered: "Erbjuden plats"
        case .accepted: "Har plats"
        case .declined: "Tackade nej"
        case .withdrawn: "Borttagen ur kön"
        }
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> HTML {
        guard let iid = context.parameters.get("iid") else { throw DomainError.notFound }
        let notice: String? =
            switch request.uri.queryParameters["done"].map(String.init) ?? (request.uri.queryParameters["queued"] != nil ? "queued" : nil) {
            case "queued": "Personen står nu i kön."
            case "offer": "Platsen är erbjuden."
            case "accept": "Personen har tackat ja och har platsen."
            case "decline": "Personen har tackat nej; platsen är ledig igen."
            default: nil
            }
        return HTML(html: try services.templates.render(try await queuePage(context, interventionId: iid, notice: notice, error: nil), "queue"))
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        guard let iid = context.parameters.get("iid"), let raw = context.parameters.get("eid"), let eid = UUID(uuidString: raw),
            let action = context.parameters.get("action"), ["offer", "accept", "decline"].contains(action)
        else { throw DomainError.notFound }
        do {
            switch action {
            case "offer": _ = try await services.queues.offer(entryId: eid, by: actor)
            default: _ = try await services.queues.answer(entryId: eid, accept: action == "accept", by: actor)
            }
            return redirect(to: "/interventions/\(iid)/queue?done=\(action)")
        } catch let error as DomainError where error.kind == .conflict {
            let page = try await queuePage(context, interventionId: iid, notice: nil, error: error.message)
            return try HTML(html: try services.templates.render(page, "queue"), status: .conflict).response(from: request, context: context)
        }
    }

    private func personId(_ context: AppRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        return id
    }
}
