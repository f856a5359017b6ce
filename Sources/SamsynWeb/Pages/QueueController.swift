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
        group.get(Routes.personQueue, use: newEntry)
        group.post(Routes.personQueue, use: enqueue)
        group.get(Routes.queue, use: queue)
        group.get(Routes.queueWithdraw, use: withdrawForm)
        group.post(Routes.queueWithdraw, use: withdraw)
        group.get(Routes.queueOffer, use: offerForm)
        group.post(Routes.queueOffer, use: offer)
        group.post(Routes.queueAction, use: act)
    }

    private func layout(_ title: String, _ context: AppRequestContext, _ actor: Actor, nav: MenuItem? = nil) -> Layout {
        Layout(title: title, context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: nav)
    }

    private func newEntryPage(_ context: AppRequestContext, personId: UUID, selected: String, reason: String, form: FormState, status: HTTPResponse.Status = .ok)
        async throws -> Page
    {
        let actor = try context.actor()
        let view = try await services.directory.read(id: personId, by: actor)
        let all = try await services.interventions.interventions()
        let model = QueueNewPage.Model(
            csrf: context.session?.csrfToken ?? "", personId: personId.uuidString.lowercased(), personName: view.person.fullName,
            interventions: all.map { FormState.Option($0.id, "\($0.name) (\($0.type.swedishName))") }, selected: selected, reason: reason, form: form)
        return Page(layout(form.hasErrors ? "Fel – Ställ i kö" : "Ställ i kö", context, actor), status: status, nodes: QueueNewPage.view(model))
            .about(await services.personHeader(personId, actor))
    }

    @Sendable func newEntry(_ request: Request, context: AppRequestContext) async throws -> Page {
        guard ParticipationCapabilities(try context.actor()).manage else { throw DomainError.forbidden }
        return try await newEntryPage(context, personId: try Routes.personQueue.id(context), selected: "", reason: "", form: .new)
    }

    @Sendable func enqueue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try Routes.personQueue.id(context)
        let form = try context.decodeForm(QueueForm.self)
        let interventionId = form.intervention ?? ""
        let reason = form.priorityReason ?? ""
        return try await context.refusable(request, field: "intervention") {
            _ = try await services.queues.enqueue(
                personId: id, interventionId: interventionId, districtId: nil, priorityReason: reason.isEmpty ? nil : reason, by: actor)
            return redirect(to: Routes.queue.link(interventionId) + "?queued=1")
        } refused: { errors, status in
            try await newEntryPage(context, personId: id, selected: interventionId, reason: reason, form: FormState(errors: errors), status: status)
        }
    }

    static let pageSize = 50

    private func queuePage(_ context: AppRequestContext, interventionId: String, page: Int, notice: String?, error: String?, status: HTTPResponse.Status = .ok)
        async throws -> Page
    {
        let actor = try context.actor()
        guard let intervention = try await services.interventions.intervention(id: interventionId) else { throw DomainError.notFound }
        async let result = services.queues.queue(interventionId: interventionId, page: page, pageSize: Self.pageSize, by: actor)
        async let occupancy = services.interventions.occupancy(interventionId: interventionId)
        let (r, occ) = try await (result, occupancy)
        async let historyQ = services.queues.offerHistory(interventionId: interventionId, by: actor)
        async let openQ = services.queues.openOffers(entryIds: r.lines.filter { $0.entry.status == .offered }.map(\.entry.id))
        let (history, open) = try await (historyQ, openQ)
        let now = services.clock.now()
        let first = (page - 1) * Self.pageSize
        let pages = max(1, (r.total + Self.pageSize - 1) / Self.pageSize)
        let model = QueuePage.Model(
            csrf: context.session?.csrfToken ?? "", interventionId: interventionId, name: intervention.name,
            places: intervention.capacity.map { "\(occ.total) av \($0) platser tagna" } ?? "Inget platstak", waitingTotal: r.waitingAll,
            ownTotal: r.total,
            lines: r.lines.map { l in
                let e = l.entry
                let days = Int(now.timeIntervalSince(e.queuedAt) / 86_400)
                return QueuePage.Model.Line(
                    entryId: e.id, personId: l.person.id, position: l.position.map(String.init) ?? "–", name: "\(l.person.firstName) \(l.person.lastName)",
                    queuedAt: Format.date(e.queuedAt), waiting: days == 1 ? "1 dag" : "\(days) dagar", priorityReason: e.priorityReason, status: e.status,
                    answerBy: open[e.id]?.answerBy.description)
            }, notice: notice, error: error,
            showing: r.total == 0 ? "" : "Visar \(first + 1)–\(first + r.lines.count) av \(r.total) (sida \(page) av \(pages)).",
            previousPage: page > 1 ? page - 1 : nil, nextPage: page < pages ? page + 1 : nil,
            history: history.map { o in
                .init(
                    offeredOn: Format.date(o.offeredAt), by: o.offeredByName, answerBy: o.answerBy.description,
                    order: o.outOfOrder ? "Utanför ordning: \(o.passedOver) före" : "I tur", reason: o.reason.map { "\($0.swedishName): \(o.reasonText ?? "")" } ?? "–",
                    status: o.status.swedishName)
            })
        return Page(layout("Kö – \(intervention.name)", context, actor, nav: .interventions), status: status, nodes: QueuePage.view(model))
    }

    static func page(_ request: Request) -> Int {
        let p = request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
        return min(max(1, p), 100_000)
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Page {
        let iid = try Routes.queue.string(context)
        let notice: String? =
            switch request.uri.queryParameters["done"].map(String.init) ?? (request.uri.queryParameters["queued"] != nil ? "queued" : nil) {
            case "queued": "Personen står nu i kön."
            case "offer": "Platsen är erbjuden."
            case "accept": "Personen har tackat ja och har platsen. Starta deltagandet när personen börjar."
            case "decline": "Personen har tackat nej; platsen är ledig igen."
            case "withdraw": "Personen är borttagen ur kön."
            default: nil
            }
        return try await queuePage(context, interventionId: iid, page: Self.page(request), notice: notice, error: nil)
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let (iid, eid, action) = try Routes.queueAction.parameters(context)
        return try await context.refusable(request, kinds: [.conflict]) {
            _ = try await services.queues.answer(entryId: eid, accept: action == .accept, by: actor)
            return redirect(to: Routes.queue.link(iid) + "?done=\(action.rawValue)")
        } refused: { errors, status in
            try await queuePage(context, interventionId: iid, page: 1, notice: nil, error: errors.first?.message, status: status)
        }
    }

    private func offerPage(_ context: AppRequestContext, iid: String, eid: UUID, form: FormState, status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let c = try await services.queues.offerContext(entryId: eid, interventionId: iid, by: actor)
        let person = try await services.directory.read(id: c.entry.personId, by: actor).person
        let model = QueueOfferPage.Model(
            csrf: context.session?.csrfToken ?? "", interventionId: iid, interventionName: c.intervention.name, entryId: eid, personName: person.fullName,
            position: String(c.ahead + 1), ahead: c.ahead, longestWaitAhead: c.longestWaitAheadDays.map { $0 == 1 ? "1 dag" : "\($0) dagar" },
            answerBy: c.defaultAnswerBy.description, form: form)
        return Page(
            layout(form.hasErrors ? "Fel – Erbjud plats" : "Erbjud plats", context, actor, nav: .interventions), status: status, nodes: QueueOfferPage.view(model))
    }

    @Sendable func offerForm(_ request: Request, context: AppRequestContext) async throws -> Page {
        guard ParticipationCapabilities(try context.actor()).manage else { throw DomainError.forbidden }
        let (iid, eid) = try Routes.queueOffer.parameters(context)
        return try await offerPage(context, iid: iid, eid: eid, form: .new)
    }

    @Sendable func offer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let (iid, eid) = try Routes.queueOffer.parameters(context)
        let form = try context.decodeForm(OfferForm.self)
        let input = QueueOfferRules.Input(answerBy: form.answerBy ?? "", reason: form.reason ?? "", reasonText: form.reasonText ?? "")
        return try await context.refusable(request, field: "answerBy") {
            _ = try await services.queues.offer(entryId: eid, input, by: actor)
            return redirect(to: Routes.queue.link(iid) + "?done=offer")
        } refused: { errors, status in
            try await offerPage(
                context, iid: iid, eid: eid,
                form: FormState(errors: errors, values: ["answerBy": [input.answerBy], "reason": [input.reason], "reasonText": [input.reasonText]]), status: status)
        }
    }

    private func withdrawPage(_ context: AppRequestContext, iid: String, eid: UUID, reason: String, form: FormState, status: HTTPResponse.Status = .ok)
        async throws -> Page
    {
        let actor = try context.actor()
        guard let intervention = try await services.interventions.intervention(id: iid) else { throw DomainError.notFound }
        let e = try await services.queues.ownEntry(id: eid, interventionId: iid, by: actor)
        let person = try await services.directory.read(id: e.personId, by: actor).person
        let model = QueueWithdrawPage.Model(
            csrf: context.session?.csrfToken ?? "", interventionId: iid, interventionName: intervention.name, entryId: eid, personName: person.fullName,
            reason: reason, form: form)
        return Page(
            layout(form.hasErrors ? "Fel – Ta bort ur kön" : "Ta bort ur kön", context, actor, nav: .interventions), status: status,
            nodes: QueueWithdrawPage.view(model))
    }

    @Sendable func withdrawForm(_ request: Request, context: AppRequestContext) async throws -> Page {
        guard ParticipationCapabilities(try context.actor()).manage else { throw DomainError.forbidden }
        let (iid, eid) = try Routes.queueWithdraw.parameters(context)
        return try await withdrawPage(context, iid: iid, eid: eid, reason: "", form: .new)
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let (iid, eid) = try Routes.queueWithdraw.parameters(context)
        let reason = try context.decodeForm(WithdrawForm.self).reason ?? ""
        return try await context.refusable(request, field: "reason") {
            _ = try await services.queues.withdraw(entryId: eid, reason: reason, by: actor)
            return redirect(to: Routes.queue.link(iid) + "?done=withdraw")
        } refused: { errors, status in
            try await withdrawPage(context, iid: iid, eid: eid, reason: reason, form: FormState(errors: errors), status: status)
        }
    }
}
