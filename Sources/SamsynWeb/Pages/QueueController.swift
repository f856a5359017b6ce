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
        group.get("/interventions/:iid/queue/:eid/withdraw", use: withdrawForm)
        group.post("/interventions/:iid/queue/:eid/withdraw", use: withdraw)
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
            let episodeHref: String
            let name: String
            let queuedAt: String
            let waiting: String
            let priorityReason: String?
            let status: String
            let canOffer: Bool
            let canAnswer: Bool
            let canStart: Bool
        }
        let layout: Layout
        let csrf: String
        let interventionId: String
        let name: String
        let places: String
        let waitingTotal: Int
        let ownTotal: Int
        let lines: [Line]
        let hasLines: Bool
        let notice: String?
        let error: String?
        let showing: String
        let previousPage: String?
        let nextPage: String?
    }

    static let pageSize = 50

    private func queuePage(_ context: AppRequestContext, interventionId: String, page: Int, notice: String?, error: String?) async throws -> QueuePage {
        let actor = try context.actor()
        guard let intervention = try await services.interventions.intervention(id: interventionId) else { throw DomainError.notFound }
        async let result = services.queues.queue(interventionId: interventionId, page: page, pageSize: Self.pageSize, by: actor)
        async let occupancy = services.interventions.occupancy(interventionId: interventionId)
        let (r, occ) = try await (result, occupancy)
        let now = services.clock.now()
        let first = (page - 1) * Self.pageSize
        let pages = max(1, (r.total + Self.pageSize - 1) / Self.pageSize)
        return QueuePage(
            layout: Layout(title: "Kö – \(intervention.name)", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: "interventions"),
            csrf: context.session?.csrfToken ?? "", interventionId: interventionId, name: intervention.name,
            places: intervention.capacity.map { "\(occ.total) av \($0) platser tagna" } ?? "Inget platstak", waitingTotal: r.waitingAll,
            ownTotal: r.total,
            lines: r.lines.map { l in
                let e = l.entry
                let days = Int(now.timeIntervalSince(e.queuedAt) / 86_400)
                let pid = l.person.id.uuidString.lowercased()
                return QueuePage.Line(
                    entryId: e.id.uuidString.lowercased(), position: l.position.map(String.init) ?? "–",
                    personHref: "/persons/\(pid)", episodeHref: "/persons/\(pid)/episodes/new?entry=\(e.id.uuidString.lowercased())",
                    name: "\(l.person.firstName) \(l.person.lastName)",
                    queuedAt: Format.date(e.queuedAt), waiting: days == 1 ? "1 dag" : "\(days) dagar", priorityReason: e.priorityReason,
                    status: Self.statusText(e.status), canOffer: e.status == .waiting, canAnswer: e.status == .offered, canStart: e.status == .accepted)
            }, hasLines: !r.lines.isEmpty, notice: notice, error: error,
            showing: r.total == 0 ? "" : "Visar \(first + 1)–\(first + r.lines.count) av \(r.total) (sida \(page) av \(pages)).",
            previousPage: page > 1 ? "/interventions/\(interventionId)/queue?page=\(page - 1)" : nil,
            nextPage: page < pages ? "/interventions/\(interventionId)/queue?page=\(page + 1)" : nil)
    }

    static func statusText(_ s: QueueEntry.Status) -> String {
        switch s {
        case .waiting: "Väntar"
        case .offered: "Erbjuden plats"
        case .accepted: "Har plats"
        case .declined: "Tackade nej"
        case .withdrawn: "Borttagen ur kön"
        case .ended: "Deltagandet avslutat"
        }
    }

    static func page(_ request: Request) -> Int {
        let p = request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
        return min(max(1, p), 100_000)
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> HTML {
        guard let iid = context.parameters.get("iid") else { throw DomainError.notFound }
        let notice: String? =
            switch request.uri.queryParameters["done"].map(String.init) ?? (request.uri.queryParameters["queued"] != nil ? "queued" : nil) {
            case "queued": "Personen står nu i kön."
            case "offer": "Platsen är erbjuden."
            case "accept": "Personen har tackat ja och har platsen. Starta deltagandet när personen börjar."
            case "decline": "Personen har tackat nej; platsen är ledig igen."
            case "withdraw": "Personen är borttagen ur kön."
            default: nil
            }
        let page = try await queuePage(context, interventionId: iid, page: Self.page(request), notice: notice, error: nil)
        return HTML(html: try services.templates.render(page, "queue"))
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
            let page = try await queuePage(context, interventionId: iid, page: 1, notice: nil, error: error.message)
            return try HTML(html: try services.templates.render(page, "queue"), status: .conflict).response(from: request, context: context)
        }
    }

    struct WithdrawPage {
        let layout: Layout
        let csrf: String
        let interventionId: String
        let interventionName: String
        let entryId: String
        let personName: String
        let reason: String
        let error: String?
    }

    private func withdrawPage(_ context: AppRequestContext, iid: String, eid: UUID, reason: String, error: String?) async throws -> WithdrawPage {
        let actor = try context.actor()
        guard let intervention = try await services.interventions.intervention(id: iid),
            let e = try await services.interventions.entry(id: eid), e.committeeId == actor.user.committeeId, e.interventionId == iid
        else { throw DomainError.notFound }
        let person = try await services.directory.read(id: e.personId, by: actor).person
        return WithdrawPage(
            layout: Layout(title: error == nil ? "Ta bort ur kön" : "Fel – Ta bort ur kön", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: "interventions"),
            csrf: context.session?.csrfToken ?? "", interventionId: iid, interventionName: intervention.name, entryId: eid.uuidString.lowercased(),
            personName: person.fullName, reason: reason, error: error)
    }

    @Sendable func withdrawForm(_ request: Request, context: AppRequestContext) async throws -> HTML {
        guard AccessPolicy.allows(try context.actor().user.role, .manageQueue) else { throw DomainError.forbidden }
        guard let iid = context.parameters.get("iid"), let eid = context.parameters.get("eid").flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound }
        return HTML(html: try services.templates.render(try await withdrawPage(context, iid: iid, eid: eid, reason: "", error: nil), "queue-withdraw"))
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        guard let iid = context.parameters.get("iid"), let eid = context.parameters.get("eid").flatMap(UUID.init(uuidString:)) else { throw DomainError.notFound }
        let reason = context.form["reason"] ?? ""
        do {
            _ = try await services.queues.withdraw(entryId: eid, reason: reason, by: actor)
            return redirect(to: "/interventions/\(iid)/queue?done=withdraw")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let page = try await withdrawPage(context, iid: iid, eid: eid, reason: reason, error: error.fields.first?.message ?? error.message)
            return try HTML(html: try services.templates.render(page, "queue-withdraw"), status: error.kind == .conflict ? .conflict : .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    private func personId(_ context: AppRequestContext) throws -> UUID {
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        return id
    }
}
