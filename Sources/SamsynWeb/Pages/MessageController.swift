import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain
import ServiceLifecycle

/// Messages between the person and a unit: Mina sidor's list and threads, and the unit's. Handlers only translate HTTP
/// to `MessageService`.
struct MessageController {
    let services: AppServices
    var messages: MessageService { services.messages }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.ownMessages, use: personList)
        group.post(Routes.ownMessages, use: startThread)
        group.get(Routes.ownMessage, use: personThread)
        group.post(Routes.ownMessage, use: personReply)
        group.get(Routes.unitMessages, use: unitList)
        group.get(Routes.unitMessage, use: unitThread)
        group.post(Routes.unitMessage, use: unitReply)
    }

    func page(_ title: String, _ context: AppRequestContext, status: HTTPResponse.Status = .ok, nav: MenuItem?, _ nodes: [Node]) -> Page {
        Page(Layout(title: status == .ok ? title : "Fel – \(title)", context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: nav), status: status, nodes: nodes)
    }

    func csrf(_ context: AppRequestContext) -> String { context.session?.csrfToken ?? "" }
    func unitName(_ id: String) -> String { services.orgNames.unitName(id) ?? id }

    struct NewThreadForm: Decodable { var unit: String?; var subject: String?; var body: String? }
    struct ReplyForm: Decodable { var body: String? }

    // MARK: The person

    func personListPage(_ context: AppRequestContext, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        await services.orgNames.refreshIfStale()
        let (threads, units) = try await messages.personThreads(by: actor)
        let model = MessageViews.ListModel(
            csrf: csrf(context),
            threads: threads.map { .init(href: Routes.ownMessage.link($0.id), subject: $0.subject, with: unitName($0.unitId), last: Format.dateTime($0.lastMessageAt), unread: $0.unreadByPerson) },
            units: units.map { .init($0, unitName($0)) }, form: CaseFormParts.state(errors, context.formValues))
        return page("Meddelanden", context, status: status, nav: .ownMessages, MessageViews.personList(model))
    }

    @Sendable func personList(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await personListPage(context, errors: [])
    }

    @Sendable func startThread(_ request: Request, context: AppRequestContext) async throws -> Response {
        let f = try context.decodeForm(NewThreadForm.self)
        return try await context.refusable(request) {
            let t = try await messages.startThread(unitId: f.unit ?? "", subject: f.subject ?? "", body: f.body ?? "", by: try context.actor())
            return redirect(to: Routes.ownMessage.link(t.id))
        } refused: { errors, status in
            try await personListPage(context, errors: errors, status: status)
        }
    }

    func lines(_ ms: [Message], viewerIsPerson: Bool, unit: String) -> [MessageViews.MessageLine] {
        ms.map { m in
            let own = m.fromPerson == viewerIsPerson
            let from = m.fromPerson ? (viewerIsPerson ? "Du" : m.authorName) : "\(unit) (\(m.authorName))"
            let receipt: String? =
                own ? (m.readAt.map { "Läst av \(viewerIsPerson ? unit : "personen") \(Format.dateTime($0))" } ?? "Inte läst ännu") : nil
            return .init(from: from, sent: Format.dateTime(m.sentAt), body: m.body, receipt: receipt, own: own)
        }
    }

    func personThreadPage(_ context: AppRequestContext, id: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        await services.orgNames.refreshIfStale()
        let (t, ms) = try await messages.personThread(id: id, by: actor)
        let unit = unitName(t.unitId)
        let model = MessageViews.ThreadModel(
            csrf: csrf(context), subject: t.subject, with: unit, action: Routes.ownMessage.link(t.id), backHref: Routes.ownMessages.link, backText: "Alla meddelanden",
            personHref: nil, messages: lines(ms, viewerIsPerson: true, unit: unit), form: CaseFormParts.state(errors, context.formValues))
        return page(t.subject, context, status: status, nav: .ownMessages, MessageViews.thread(model))
    }

    @Sendable func personThread(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await personThreadPage(context, id: try Routes.ownMessage.id(context), errors: [])
    }

    @Sendable func personReply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Routes.ownMessage.id(context)
        let f = try context.decodeForm(ReplyForm.self)
        return try await context.refusable(request) {
            try await messages.replyAsPerson(threadId: id, body: f.body ?? "", by: try context.actor())
            return redirect(to: Routes.ownMessage.link(id) + "#reply")
        } refused: { errors, status in
            try await personThreadPage(context, id: id, errors: errors, status: status)
        }
    }

    // MARK: The unit

    @Sendable func unitList(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        await services.orgNames.refreshIfStale()
        let threads = try await messages.unitThreads(by: actor)
        let model = MessageViews.UnitListModel(
            unitName: unitName(actor.user.unitId),
            threads: threads.map {
                .init(href: Routes.unitMessage.link($0.thread.id), subject: $0.thread.subject, with: $0.name, last: Format.dateTime($0.thread.lastMessageAt), unread: $0.thread.unreadByUnit)
            })
        return page("Meddelanden", context, nav: .messages, MessageViews.unitList(model))
    }

    func unitThreadPage(_ context: AppRequestContext, id: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        await services.orgNames.refreshIfStale()
        let (t, ms, person) = try await messages.unitThread(id: id, by: actor)
        let unit = unitName(t.unitId)
        let model = MessageViews.ThreadModel(
            csrf: csrf(context), subject: t.subject, with: person.fullName, action: Routes.unitMessage.link(t.id), backHref: Routes.unitMessages.link,
            backText: "Alla meddelanden", personHref: Routes.person.link(person.id), messages: lines(ms, viewerIsPerson: false, unit: unit),
            form: CaseFormParts.state(errors, context.formValues))
        return page(t.subject, context, status: status, nav: .messages, MessageViews.thread(model))
    }

    @Sendable func unitThread(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await unitThreadPage(context, id: try Routes.unitMessage.id(context), errors: [])
    }

    @Sendable func unitReply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Routes.unitMessage.id(context)
        let f = try context.decodeForm(ReplyForm.self)
        return try await context.refusable(request) {
            try await messages.replyAsUnit(threadId: id, body: f.body ?? "", by: try context.actor())
            return redirect(to: Routes.unitMessage.link(id) + "#reply")
        } refused: { errors, status in
            try await unitThreadPage(context, id: id, errors: errors, status: status)
        }
    }
}

/// Sends the notification outbox every 15 seconds (the default sender only logs that one would have been sent).
struct NotificationOutboxService: Service {
    let services: AppServices

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    _ = try? await services.messages.drainOutbox(sender: services.notificationSender)
                    try await Task.sleep(for: .seconds(15))
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
