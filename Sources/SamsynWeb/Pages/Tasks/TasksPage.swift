import Foundation
import SamsynDomain

/// Everything due and overdue: the worker's own tasks, the unit's counts (per kind, and for a manager per
/// responsible worker) and the unit's list, page by page.
enum TasksPage {
    struct Model: Sendable {
        struct Task: Sendable {
            let personHref: String
            let person: String
            let kind: String
            let due: String
            let late: Bool
            let assignee: String
        }
        let caps: TaskListCapabilities
        /// The own list's heading count ("3", or "de 100 som förfaller först" when capped).
        let mineCount: String
        let mine: [Task]
        let total: Int
        let overdue: Int
        let byKind: [(kind: CaseTask.Kind, open: Int, overdue: Int)]
        let byWorker: [[String]]
        let kind: CaseTask.Kind?
        let page: Int
        let unit: [Task]
        let hasNextPage: Bool

        static let mockTask = Task(
            personHref: Routes.personCase.link("00000000-0000-0000-0000-000000000001"), person: "Andersson, Anna", kind: "Första jobbplanen", due: "2026-10-01",
            late: true, assignee: "Carl Coach")
        static let mock = Model(
            caps: TaskListCapabilities(ownList: true), mineCount: "1", mine: [mockTask], total: 3, overdue: 1,
            byKind: [(.jobPlanDue, 2, 1), (.referralUnanswered, 1, 0)], byWorker: [], kind: nil, page: 1, unit: [mockTask], hasNextPage: false)
        static let mockManager = Model(
            caps: TaskListCapabilities(ownList: false), mineCount: "0", mine: [], total: 3, overdue: 1, byKind: [(.jobPlanDue, 3, 1)],
            byWorker: [["Carl Coach", "2", "1"], ["Ingen ansvarig", "1", "0"]], kind: .jobPlanDue, page: 2, unit: [mockTask], hasNextPage: true)
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

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Att göra")
        p(
            "Allt som förfaller eller har förfallit i ärendena: jobbplaner, uppföljningar, möten, närvarorapporter, remisser, samtycken, sexmånadersuppföljningar och behovsbedömningar.",
            .class("lead"))
        if m.caps.ownList {
            card("Mina uppgifter (\(m.mineCount))", id: "mine") {
                if m.mine.isEmpty {
                    p("Du har inget som förfaller just nu.")
                } else {
                    dataTable(
                        "Mina uppgifter, den som förfaller först överst", headers: ["Person", "Uppgift", "Senast"],
                        rows: m.mine.map { [.link(href: $0.personHref, text: $0.person), .text($0.kind), dueCell($0)] })
                }
            }
        }
        card("Enhetens uppgifter: \(m.total) öppna, varav \(m.overdue) försenade", id: "unit") {
            dataTable(
                "Öppna uppgifter per slag", showCaption: true, headers: ["Uppgift", "Öppna", "Försenade"],
                rows: m.byKind.map { k in
                    [.link(href: Routes.tasks.link + "?kind=\(k.kind.rawValue)#list", text: k.kind.swedishName), .text("\(k.open)"), .text("\(k.overdue)")]
                })
            if m.caps.perWorker {
                dataTable("Öppna uppgifter per ansvarig", showCaption: true, headers: ["Ansvarig", "Öppna", "Försenade"], rows: m.byWorker.map { $0.map(Cell.text) })
            }
            h3("\(m.kind.map { "\($0.swedishName): " } ?? "")sida \(m.page)", .id("list"))
            if m.kind != nil { linkLine(Routes.tasks.link + "#list", "Visa alla slag") }
            dataTable(
                "Enhetens öppna uppgifter, den som förfaller först överst", headers: ["Person", "Uppgift", "Senast", "Ansvarig"],
                rows: m.unit.map { [.link(href: $0.personHref, text: $0.person), .text($0.kind), dueCell($0), .text($0.assignee)] })
            p(.class("pager")) {
                let k = m.kind.map { "kind=\($0.rawValue)&" } ?? ""
                if m.page > 1 { a("Föregående sida", .href(Routes.tasks.link + "?\(k)page=\(m.page - 1)#list")) }
                if m.hasNextPage { a("Nästa sida", .href(Routes.tasks.link + "?\(k)page=\(m.page + 1)#list")) }
            }
        }
    }
}
