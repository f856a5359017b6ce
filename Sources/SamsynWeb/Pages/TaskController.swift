import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The task lists (everything due and overdue, for the worker and the unit) and the person file's timeline.
struct TaskController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.tasks, use: tasks)
        group.get(Routes.personTimeline, use: timeline)
    }

    func page(_ title: String, _ context: AppRequestContext, nav: MenuItem? = nil, _ nodes: [Node], about person: PersonHeader.Model? = nil) -> Page {
        Page(Layout(title: title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: nav).about(person), nodes: nodes)
    }

    @Sendable func tasks(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let kind = request.uri.queryParameters["kind"].flatMap { CaseTask.Kind(rawValue: String($0)) }
        let page = request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
        // Offers whose answer deadline has passed lapse now, so their tasks are on the list read below.
        try await services.queues.lapseDueOffers()
        let list = try await services.caseFlow.tasks(kind: kind, page: page, by: actor)
        let staff = try await services.users.all().filter { $0.unitId == actor.user.unitId }
        let staffName = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.displayName) })
        func who(_ id: UUID?) -> String { id.flatMap { staffName[$0] } ?? "Ingen ansvarig" }
        func task(_ t: CaseTask) -> TasksPage.Model.Task {
            let n = list.names[t.personId]
            // A need assessment's tasks lead to the assessment, the others to the case.
            let target = [.needAssessmentDisagreement, .needAssessmentReview, .needDecisionToConfirm].contains(t.kind) ? Routes.personNeedAssessment : Routes.personCase
            // A lapsed offer's task leads to the person's places and queues.
            let href = t.kind == .offerLapsed ? Routes.personInterventions.link(t.personId) : target.link(t.personId)
            return .init(
                personHref: href, person: n.map { "\($0.lastName), \($0.firstName)" } ?? "Person", kind: t.kind.swedishName,
                due: t.dueOn.description, late: t.isOverdue(today: list.today), assignee: who(t.assigneeId))
        }
        let caps = TaskListCapabilities(actor: actor)
        let byKind = Dictionary(grouping: list.counts, by: \.kind)
        let byWorker = Dictionary(grouping: list.counts, by: { $0.assigneeId })
        let capped = list.mine.count == CaseFlowService.myTaskLimit
        let model = TasksPage.Model(
            caps: caps, mineCount: capped ? "de \(list.mine.count) som förfaller först" : "\(list.mine.count)", mine: list.mine.map(task),
            total: list.counts.reduce(0) { $0 + $1.open }, overdue: list.counts.reduce(0) { $0 + $1.overdue },
            byKind: CaseTask.Kind.allCases.compactMap { k in
                byKind[k].map { rows in (kind: k, open: rows.reduce(0) { $0 + $1.open }, overdue: rows.reduce(0) { $0 + $1.overdue }) }
            },
            byWorker: caps.perWorker
                ? byWorker.sorted { who($0.key) < who($1.key) }.map { [who($0.key), "\($0.value.reduce(0) { $0 + $1.open })", "\($0.value.reduce(0) { $0 + $1.overdue })"] }
                : [],
            kind: kind, page: page, unit: list.unit.map(task), hasNextPage: list.unit.count == CaseFlowService.taskPageSize)
        return self.page("Att göra", context, nav: .tasks, TasksPage.view(model))
    }

    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let personId = try CaseController.uuid(context, "id")
        let (person, rows) = try await services.caseFlow.timeline(personId: personId, source: services.accessLog, by: actor)
        let model = TimelinePage.Model(
            personId: personId, personName: person.fullName, committeeName: services.orgNames.committeeName(actor.user.committeeId),
            rows: rows.map { r in
                let who = [r.entry.username, r.entry.role.flatMap { Role(rawValue: $0)?.swedishTitle }].compactMap { $0 }.joined(separator: ", ")
                return [Format.dateTime(r.entry.at), TimelineText.changeActions[r.entry.action] ?? r.entry.action, who]
            })
        return page("Tidslinje", context, TimelinePage.view(model), about: await services.personHeader(personId, actor))
    }
}
