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
        group.post(Routes.tasksReassign, use: reassign)
        group.get(Routes.acuteNeed, use: acuteNeed)
        group.post(Routes.acuteNeedHandle, use: handleAcuteNeed)
    }

    func page(_ title: String, _ context: AppRequestContext, nav: MenuItem? = nil, _ nodes: [Node], about person: PersonHeader.Model? = nil) -> Page {
        Page(Layout(title: title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: nav).about(person), nodes: nodes)
    }

    @Sendable func tasks(_ request: Request, context: AppRequestContext) async throws -> Page {
        var values: [String: String] = [:]
        for name in ["kind", "worker", "due", "sort", "page"] { if let v = request.formQueryValue(name) { values[name] = v } }
        let notice = request.uri.queryParameters["reassigned"].flatMap { Int(String($0)) }.map { n in
            n == 0 ? "Ingen uppgift ändrades: de valda hade redan den handläggaren." : n == 1 ? "En uppgift fördelades om." : "\(n) uppgifter fördelades om."
        }
        return try await tasksPage(context, query: values, notice: notice, reassign: .new, status: .ok)
    }

    /// The task page for a filter given as query values. A value that cannot be used (an unknown kind, a worker
    /// outside the unit, an unknown order) is said at the top, the list is shown without it, and the page
    /// answers 400: never a 500, never a silently different list.
    func tasksPage(_ context: AppRequestContext, query values: [String: String], notice: String?, reassign: FormState, status: HTTPResponse.Status) async throws -> Page {
        let actor = try context.actor()
        var (filter, errors) = TaskListFilter.parse(kind: values["kind"], worker: values["worker"], due: values["due"], sort: values["sort"])
        let staff = try await services.users.all().filter { $0.unitId == actor.user.unitId }
        let workerProblems = filter.problems(staff: staff, actor: actor.user)
        if !workerProblems.isEmpty {
            errors += workerProblems
            filter.worker = nil
        }
        // A page out of range is refused by the domain (422, "Sidnumret …"), as on the other lists.
        let page = values["page"].flatMap { Int($0) } ?? 1
        // Offers whose answer deadline has passed lapse now, so their tasks are on the list read below.
        try await services.queues.lapseDueOffers()
        let list = try await services.caseFlow.tasks(filter: filter, page: page, staff: staff, by: actor)
        let staffName = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.displayName) })
        func who(_ id: UUID?) -> String { id.flatMap { staffName[$0] } ?? "Ingen ansvarig" }
        func task(_ t: CaseTask) -> TasksPage.Model.Task {
            let n = list.names[t.personId]
            // A need assessment's tasks lead to the assessment, an acute need to itself, the others to the case.
            let target = [.needAssessmentDisagreement, .needAssessmentReview, .needDecisionToConfirm, .needDecisionDeclined].contains(t.kind) ? Routes.personNeedAssessment : Routes.personCase
            // A lapsed offer's task leads to the person's places and queues.
            // An unanswered referral leads to the referral: the Jobbtorg holds no file (no case page) until it accepts.
            let href =
                t.kind == .acuteNeed
                ? Routes.acuteNeed.link(t.subjectId)
                : t.kind == .offerLapsed
                    ? Routes.personInterventions.link(t.personId) : t.kind == .referralUnanswered ? Routes.referral.link(t.subjectId) : target.link(t.personId)
            return .init(
                id: t.id.uuidString.lowercased(), personHref: href, person: n.map { "\($0.lastName), \($0.firstName)" } ?? "Person",
                identityNumber: n?.identityNumber.formatted ?? "–", kind: t.kind.swedishName, acute: t.kind == .acuteNeed, due: t.dueOn.description,
                late: t.isOverdue(today: list.today), assignee: who(t.assigneeId))
        }
        let caps = TaskListCapabilities(actor: actor)
        let byKind = Dictionary(grouping: list.counts, by: \.kind)
        let byWorker = Dictionary(grouping: list.counts, by: { $0.assigneeId })
        let capped = list.mine.count == CaseFlowService.myTaskLimit
        let others = staff.filter { CaseFlowService.hasTaskList($0) && (!caps.ownList || $0.id != actor.user.id) }.sorted { $0.displayName < $1.displayName }
        var workerOptions = [FormState.Option(TaskListFilter.unassignedValue, "Ej tilldelade")]
        workerOptions += others.map { FormState.Option($0.id.uuidString.lowercased(), $0.displayName) }
        var shownValues: [String: [String]] = [:]
        for (k, v) in values where k != "page" { shownValues[k] = [v] }
        let acuteOpen = byKind[.acuteNeed]?.reduce(0) { $0 + $1.open } ?? 0
        let showMine = caps.ownList && filter.worker == nil
        let model = TasksPage.Model(
            caps: caps, csrf: context.session?.csrfToken ?? "", notice: errors.isEmpty ? notice : nil,
            // The kinds the unit has open tasks of (and the one chosen), acute first.
            filter: FormState(errors: errors, values: shownValues),
            kindOptions: ([CaseTask.Kind.acuteNeed] + CaseTask.Kind.allCases.filter { $0 != .acuteNeed }).filter { byKind[$0] != nil || $0 == filter.kind }.map {
                FormState.Option($0.rawValue, $0.swedishName)
            },
            workerOptions: workerOptions, query: filter.query, acuteOpen: acuteOpen, showMine: showMine,
            mineCount: capped ? "de \(list.mine.count) som förfaller först" : "\(list.mine.count)", mine: list.mine.map(task),
            total: list.counts.reduce(0) { $0 + $1.open }, overdue: list.counts.reduce(0) { $0 + $1.overdue },
            byKind: CaseTask.Kind.allCases.compactMap { k in
                byKind[k].map { rows in (kind: k, open: rows.reduce(0) { $0 + $1.open }, overdue: rows.reduce(0) { $0 + $1.overdue }) }
            }.sorted { ($0.kind == .acuteNeed ? 0 : 1) < ($1.kind == .acuteNeed ? 0 : 1) },
            byWorker: caps.perWorker
                ? byWorker.sorted { who($0.key) < who($1.key) }.map { key, rows in
                    (name: who(key), value: key.map { $0.uuidString.lowercased() } ?? TaskListFilter.unassignedValue, open: rows.reduce(0) { $0 + $1.open },
                     overdue: rows.reduce(0) { $0 + $1.overdue })
                }
                : [],
            unitTitle: filter.worker == nil ? (caps.ownList ? "Enhetens övriga uppgifter" : "Enhetens uppgifter") : "Enhetens uppgifter, ansvarig: \(workerTitle(filter.worker, who))",
            listTitle: filter.kind?.swedishName ?? "Alla slag", page: page, unit: list.unit.map(task),
            hasNextPage: list.unit.count == CaseFlowService.taskPageSize,
            assignees: caps.canReassign
                ? staff.filter { TaskReassignment.mayReceive($0, in: actor.user.unitId) }.sorted { $0.displayName < $1.displayName }.map {
                    FormState.Option($0.id.uuidString.lowercased(), "\($0.displayName) (\($0.role.swedishTitle))")
                } : [],
            reassign: reassign)
        let refused = !errors.isEmpty || reassign.hasErrors
        return Page(
            Layout(
                title: refused ? "Fel – Att göra" : "Att göra", context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: .tasks),
            status: errors.isEmpty ? status : (reassign.hasErrors ? status : .badRequest), nodes: TasksPage.view(model))
    }

    func workerTitle(_ w: TaskListFilter.Worker?, _ who: (UUID?) -> String) -> String {
        switch w {
        case .unassigned: "Ej tilldelade"
        case .user(let id): who(id)
        case nil: ""
        }
    }

    /// A unit manager hands the ticked tasks to one worker of the unit: all of them, or none with the reason.
    @Sendable func reassign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let values = context.formValues
        var query: [String: String] = [:]
        for name in ["kind", "worker", "due", "sort", "page"] { if let v = values[name]?.first, !v.isEmpty { query[name] = v } }
        return try await context.refusable(request, kinds: [.invalid, .conflict, .forbidden], field: "task") {
            let actor = try context.actor()
            let staff = try await services.users.all().filter { $0.unitId == actor.user.unitId }
            let moved = try await services.caseFlow.reassignTasks(taskIds: values["task"] ?? [], assignee: values["assignee"]?.first, staff: staff, by: actor)
            let (filter, _) = TaskListFilter.parse(kind: query["kind"], worker: query["worker"], due: query["due"], sort: query["sort"])
            var q = filter.query
            q.append(("reassigned", String(moved)))
            return redirect(to: TasksPage.link(q))
        } refused: { errors, status in
            var submitted: [String: [String]] = [:]
            submitted["task"] = values["task"] ?? []
            if let a = values["assignee"] { submitted["assignee"] = a }
            return try await tasksPage(
                context, query: query, notice: nil, reassign: FormState(refused: errors, submitted: submitted, idPrefix: "reassign-"), status: status)
        }
    }

    // MARK: Acute needs

    func acutePage(_ context: AppRequestContext, id: UUID, notice: String?, form: FormState, status: HTTPResponse.Status) async throws -> Page {
        let actor = try context.actor()
        let v = try await services.caseFlow.acuteNeed(id: id, by: actor)
        let rules = services.acuteRules
        let p = v.person
        let model = AcuteNeedPage.Model(
            csrf: context.session?.csrfToken ?? "", id: v.need.id, personId: p.id, personName: p.fullName,
            numberLabel: p.identityNumber.kind == .personnummer ? "Personnummer" : "Samordningsnummer", number: p.identityNumber.formatted,
            detectedAt: Format.dateTime(v.need.detectedAt), signals: v.need.ruleIds.map { rules?.rule($0)?.title ?? $0 },
            answersHref: Routes.assessment.link(v.need.responseId),
            handled: v.need.handledAt.map { .init(at: Format.dateTime($0), by: v.need.handledByName ?? "", note: v.need.handledNote ?? "") },
            mayHandle: v.mayHandle, notice: notice, form: form)
        return Page(
            Layout(
                title: form.hasErrors ? "Fel – Akut behov" : "Akut behov", context: context,
                unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: .tasks),
            status: status, nodes: AcuteNeedPage.view(model))
    }

    @Sendable func acuteNeed(_ request: Request, context: AppRequestContext) async throws -> Page {
        let notice = request.uri.queryParameters["saved"] == "handled" ? "Det akuta behovet är markerat som hanterat." : nil
        return try await acutePage(context, id: try Routes.acuteNeed.id(context), notice: notice, form: .new, status: .ok)
    }

    @Sendable func handleAcuteNeed(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Routes.acuteNeedHandle.id(context)
        let note = context.formValues["note"]?.first
        return try await context.refusable(request, kinds: [.invalid, .conflict], field: "note") {
            _ = try await services.caseFlow.handleAcuteNeed(id: id, note: note, by: try context.actor())
            return redirect(to: Routes.acuteNeed.link(id) + "?saved=handled")
        } refused: { errors, status in
            try await acutePage(context, id: id, notice: nil, form: FormState(refused: errors, submitted: ["note": [note ?? ""]]), status: status)
        }
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
