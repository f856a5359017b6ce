import Foundation
import SamsynDomain

/// Everything due and overdue: the worker's own tasks, the unit's counts (per kind, and for a manager per
/// responsible worker, each a link to the filtered list) and the rest of the unit's list, page by page,
/// filtered by kind, worker and due date and sorted as chosen (a GET form: works without JavaScript).
/// Acute needs come first on every list. A unit manager ticks several tasks and hands them to one worker.
enum TasksPage {
    typealias Option = FormState.Option

    struct Model: Sendable {
        struct Task: Sendable {
            let id: String
            let personHref: String
            let person: String
            let identityNumber: String
            let kind: String
            let acute: Bool
            let due: String
            let late: Bool
            let assignee: String
        }
        let caps: TaskListCapabilities
        let csrf: String
        /// A change made just before (bulk reassignment), said at the top.
        var notice: String? = nil
        /// The filter form's values as given, its options and its errors (a value that could not be used).
        let filter: FormState
        let kindOptions: [Option]
        let workerOptions: [Option]
        /// The filter as a query string (kept by the pager and the reassignment).
        let query: [(String, String)]
        /// Open acute tasks of the unit (the notice at the top; 0: none).
        let acuteOpen: Int
        let showMine: Bool
        /// The own list's heading count ("3", or "de 100 som förfaller först" when capped).
        let mineCount: String
        let mine: [Task]
        let total: Int
        let overdue: Int
        let byKind: [(kind: CaseTask.Kind, open: Int, overdue: Int)]
        /// Per responsible worker (managers): name, the filter value, open, overdue.
        let byWorker: [(name: String, value: String, open: Int, overdue: Int)]
        let unitTitle: String
        let listTitle: String
        let page: Int
        let unit: [Task]
        let hasNextPage: Bool
        /// The workers a manager may hand tasks to, and the reassignment form's errors.
        let assignees: [Option]
        let reassign: FormState

        static let mockTask = Task(
            id: "00000000-0000-0000-0000-0000000000t1", personHref: Routes.personCase.link("00000000-0000-0000-0000-000000000001"), person: "Andersson, Anna",
            identityNumber: "19850412-1234", kind: "Första jobbplanen", acute: false, due: "2026-10-01", late: true, assignee: "Carl Coach")
        static let mockAcute = Task(
            id: "00000000-0000-0000-0000-0000000000t2", personHref: Routes.acuteNeed.link("00000000-0000-0000-0000-0000000000a1"), person: "Åkesson, Johan",
            identityNumber: "19900101-2389", kind: "Akut behov", acute: true, due: "2026-12-02", late: false, assignee: "Ingen ansvarig")
        static let mockTwin = Task(
            id: "00000000-0000-0000-0000-0000000000t3", personHref: Routes.personCase.link("00000000-0000-0000-0000-000000000003"), person: "Åkesson, Johan",
            identityNumber: "19771224-4567", kind: "Saknar aktuell plan", acute: false, due: "2026-12-20", late: false, assignee: "Sara Socialsekreterare")
        static let kinds = CaseTask.Kind.allCases.map { Option($0.rawValue, $0.swedishName) }
        static let mock = Model(
            caps: TaskListCapabilities(ownList: true), csrf: "csrf-token", filter: .new, kindOptions: kinds,
            workerOptions: [Option(TaskListFilter.unassignedValue, "Ej tilldelade"), Option("00000000-0000-0000-0000-0000000000c1", "Carl Coach")], query: [],
            acuteOpen: 1, showMine: true, mineCount: "1", mine: [mockTask], total: 3, overdue: 1,
            byKind: [(.acuteNeed, 1, 0), (.jobPlanDue, 2, 1)], byWorker: [], unitTitle: "Enhetens övriga uppgifter", listTitle: "Alla slag",
            page: 1, unit: [mockAcute, mockTwin], hasNextPage: false, assignees: [], reassign: .new)
        static let mockManager = Model(
            caps: TaskListCapabilities(ownList: false, canReassign: true), csrf: "csrf-token",
            filter: FormState(values: ["kind": ["job_plan_due"], "sort": ["person"]]), kindOptions: kinds,
            workerOptions: [Option(TaskListFilter.unassignedValue, "Ej tilldelade"), Option("00000000-0000-0000-0000-0000000000c1", "Carl Coach")],
            query: [("kind", "job_plan_due"), ("sort", "person")], acuteOpen: 0, showMine: false, mineCount: "0", mine: [], total: 3, overdue: 1,
            byKind: [(.jobPlanDue, 3, 1)],
            byWorker: [("Carl Coach", "00000000-0000-0000-0000-0000000000c1", 2, 1), ("Ingen ansvarig", TaskListFilter.unassignedValue, 1, 0)],
            unitTitle: "Enhetens uppgifter", listTitle: "Första jobbplanen", page: 2, unit: [mockTask], hasNextPage: true,
            assignees: [Option("00000000-0000-0000-0000-0000000000c1", "Carl Coach (Coach)")], reassign: .new)
        static let mockRefused = Model(
            caps: mockManager.caps, csrf: "csrf-token",
            filter: FormState(
                errors: [FieldError(field: "kind", message: "Okänt slag av uppgift. Välj ett slag i listan.")], values: ["kind": ["nonsense"]]),
            kindOptions: kinds, workerOptions: mockManager.workerOptions, query: [], acuteOpen: 1, showMine: false, mineCount: "0", mine: [], total: 2,
            overdue: 0, byKind: [(.acuteNeed, 1, 0), (.noCurrentPlan, 1, 0)], byWorker: mockManager.byWorker, unitTitle: "Enhetens uppgifter",
            listTitle: "Alla slag", page: 1, unit: [mockAcute, mockTwin], hasNextPage: false, assignees: mockManager.assignees,
            reassign: FormState(
                refused: [FieldError(field: "assignee", message: "Uppgifter kan bara fördelas till en aktiv handläggare i din egen enhet.")],
                submitted: ["task": [mockAcute.id, mockTwin.id]], idPrefix: "reassign-"))
    }

    static func link(_ query: [(String, String)], page: Int? = nil, anchor: String = "list") -> String {
        var q = query
        if let page, page > 1 { q.append(("page", String(page))) }
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        let s = q.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: safe) ?? "")" }.joined(separator: "&")
        return Routes.tasks.link + (s.isEmpty ? "" : "?" + s) + "#\(anchor)"
    }

    static func dueCell(_ t: Model.Task) -> Cell {
        .build {
            if t.late {
                span("Försenad", .class("tag strong"))
                " "
            }
            t.due
        }
    }

    static func kindCell(_ t: Model.Task) -> Cell {
        .build {
            if t.acute {
                span("Akut", .class("tag acute"))
                " "
            }
            t.kind
        }
    }

    static func pickCell(_ t: Model.Task, _ form: FormState) -> Cell {
        let id = "reassign-task-\(t.id)"
        return .build {
            input(.type("checkbox"), .id(id), .name("task"), .value(t.id), .checked(form.values["task"]?.contains(t.id) ?? false))
            label("Välj \(t.kind.lowercased()) för \(t.person)", .for(id), .class("visually-hidden"))
        }
    }

    static func rows(_ tasks: [Model.Task], pick: FormState?, assignee: Bool) -> [[Cell]] {
        tasks.map { t in
            var r: [Cell] = []
            if let pick { r.append(pickCell(t, pick)) }
            r += [.link(href: t.personHref, text: t.person), .code(t.identityNumber), kindCell(t), dueCell(t)]
            if assignee { r.append(.text(t.assignee)) }
            return r
        }
    }

    @HTMLBuilder static func filterForm(_ m: Model) -> [Node] {
        let f = m.filter
        form(.method("get"), .action(Routes.tasks.link), .class("filters")) {
            f.select("kind", "Slag av uppgift", options: m.kindOptions, placeholder: "Alla slag")
            f.select("worker", m.caps.ownList ? "Ansvarig (enhetens övriga)" : "Ansvarig", options: m.workerOptions, placeholder: m.caps.ownList ? "Alla övriga" : "Alla")
            f.select("due", "Förfaller", options: TaskListFilter.Due.allCases.map { Option($0.rawValue, $0.swedishName) }, placeholder: "När som helst")
            f.select("sort", "Sortera", options: TaskListFilter.Sort.allCases.filter { $0 != .due }.map { Option($0.rawValue, $0.swedishName) }, placeholder: TaskListFilter.Sort.due.swedishName)
            div(.class("actions")) {
                submitButton("Visa")
                a("Rensa filtren", .href(Routes.tasks.link))
            }
        }
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Att göra")
        p(
            "Allt som förfaller eller har förfallit i ärendena: akuta behov, jobbplaner, uppföljningar, möten, närvarorapporter, remisser, samtycken, sexmånadersuppföljningar och behovsbedömningar.",
            .class("lead"))
        if let n = m.notice { notice(n) }
        m.filter.errorSummary("Listan kunde inte visas som du valde")
        m.reassign.errorSummary("Ingen uppgift fördelades om")
        if m.acuteOpen > 0 {
            div(.class("acute-notice"), .role("status")) {
                span("Akut", .class("tag acute"))
                " "
                m.acuteOpen == 1 ? "Ett akut behov i enheten väntar på åtgärd i dag. " : "\(m.acuteOpen) akuta behov i enheten väntar på åtgärd i dag. "
                a("Visa de akuta", .href(link([("kind", CaseTask.Kind.acuteNeed.rawValue)])))
            }
        }
        section(.class("card"), .aria("labelledby", "filter-title")) {
            h2("Filtrera och sortera", .id("filter-title"))
            filterForm(m)
        }
        if m.showMine {
            card("Mina uppgifter (\(m.mineCount))", id: "mine") {
                if m.mine.isEmpty {
                    p("Du har inget som förfaller just nu\(m.query.isEmpty ? "" : " som passar filtren").")
                } else {
                    dataTable(
                        "Mina uppgifter, akuta först och sedan i vald ordning", headers: ["Person", "Personnummer", "Uppgift", "Senast"],
                        rows: rows(m.mine, pick: nil, assignee: false))
                }
            }
        }
        card("Enhetens uppgifter: \(m.total) öppna, varav \(m.overdue) försenade", id: "unit") {
            if m.overdue > 0 { linkLine(link([("due", TaskListFilter.Due.overdue.rawValue)]), "Visa de försenade") }
            dataTable(
                "Öppna uppgifter per slag", showCaption: true, headers: ["Uppgift", "Öppna", "Försenade"],
                rows: m.byKind.map { k in
                    [.link(href: link([("kind", k.kind.rawValue)]), text: k.kind.swedishName), .text("\(k.open)"), .text("\(k.overdue)")]
                })
            if m.caps.perWorker {
                dataTable(
                    "Öppna uppgifter per ansvarig", showCaption: true, headers: ["Ansvarig", "Öppna", "Försenade"],
                    rows: m.byWorker.map { w in [.link(href: link([("worker", w.value)]), text: w.name), .text("\(w.open)"), .text("\(w.overdue)")] })
            }
        }
        section(.class("card"), .aria("labelledby", "list")) {
            h2("\(m.unitTitle): \(m.listTitle), sida \(m.page)", .id("list"), .tabindex(-1))
            if !m.query.isEmpty { linkLine(Routes.tasks.link + "#list", "Visa hela listan utan filter") }
            if m.unit.isEmpty {
                p("Inga uppgifter passar\(m.query.isEmpty ? "" : " filtren").")
            }
            if m.caps.canReassign {
                postForm(Routes.tasksReassign.link, csrf: m.csrf) {
                    for (k, v) in m.query { hiddenField(k, v) }
                    if m.page > 1 { hiddenField("page", String(m.page)) }
                    if !m.unit.isEmpty {
                        div(.class(m.reassign.error("task") != nil ? "field has-error" : "field"), .id("reassign-task")) {
                            if let e = m.reassign.error("task") { FormState.errorLine(id: "reassign-task", e) }
                            dataTable(
                                "\(m.unitTitle), akuta först och sedan i vald ordning; kryssa i de uppgifter du vill fördela om",
                                headers: ["Välj", "Person", "Personnummer", "Uppgift", "Senast", "Ansvarig"], rows: rows(m.unit, pick: m.reassign, assignee: true))
                        }
                        m.reassign.select("assignee", "Fördela de valda till", options: m.assignees, placeholder: "Välj handläggare", required: true)
                        div(.class("actions")) { submitButton("Fördela om de valda") }
                    }
                }
            } else if !m.unit.isEmpty {
                dataTable(
                    "\(m.unitTitle), akuta först och sedan i vald ordning", headers: ["Person", "Personnummer", "Uppgift", "Senast", "Ansvarig"],
                    rows: rows(m.unit, pick: nil, assignee: true))
            }
            p(.class("pager")) {
                if m.page > 1 { a("Föregående sida", .href(link(m.query, page: m.page - 1))) }
                if m.hasNextPage { a("Nästa sida", .href(link(m.query, page: m.page + 1))) }
            }
        }
    }
}
