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

    @Sendable func tasks(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let kind = request.uri.queryParameters["kind"].flatMap { CaseTask.Kind(rawValue: String($0)) }
        let page = request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1
        let list = try await services.caseFlow.tasks(kind: kind, page: page, by: actor)
        let staff = try await services.users.all().filter { $0.unitId == actor.user.unitId }
        let staffName = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.displayName) })
        func who(_ id: UUID?) -> String { id.flatMap { staffName[$0] } ?? "Ingen ansvarig" }
        func personCell(_ t: CaseTask) -> Cell {
            let n = list.names[t.personId]
            let page = [.needAssessmentDisagreement, .needAssessmentReview].contains(t.kind) ? Routes.personNeedAssessment : Routes.personCase
            return .link(href: page.link(t.personId), text: n.map { "\($0.lastName), \($0.firstName)" } ?? "Person")
        }
        func dueCell(_ t: CaseTask) -> Cell {
            .build {
                if t.isOverdue(today: list.today) {
                    span("Försenad", .class("tag strong"))
                    " "
                }
                t.dueOn.description
            }
        }

        var b = PageBuilder()
        b.h1("Att göra")
        b.p("Allt som förfaller eller har förfallit i ärendena: jobbplaner, uppföljningar, möten, närvarorapporter, remisser, samtycken, sexmånadersuppföljningar och behovsbedömningar.", cls: "lead")
        if CaseFlowService.hasOwnTaskList(actor.user) {
            let capped = list.mine.count == CaseFlowService.myTaskLimit
            b.open(section(.class("card"), .aria("labelledby", "mine")))
            b.add(h2("Mina uppgifter (\(capped ? "de \(list.mine.count) som förfaller först" : "\(list.mine.count)"))", .id("mine")))
            if list.mine.isEmpty { b.p("Du har inget som förfaller just nu.") } else {
                b.table(
                    caption: "Mina uppgifter, den som förfaller först överst", headers: ["Person", "Uppgift", "Senast"],
                    rows: list.mine.map { [personCell($0), .text($0.kind.swedishName), dueCell($0)] })
            }
            b.close()
        }
        let byKind = Dictionary(grouping: list.counts, by: \.kind)
        let total = list.counts.reduce(0) { $0 + $1.open }
        let overdue = list.counts.reduce(0) { $0 + $1.overdue }
        b.open(section(.class("card"), .aria("labelledby", "unit")))
        b.add(h2("Enhetens uppgifter: \(total) öppna, varav \(overdue) försenade", .id("unit")))
        b.table(
            caption: "Öppna uppgifter per slag", hiddenCaption: false, headers: ["Uppgift", "Öppna", "Försenade"],
            rows: CaseTask.Kind.allCases.compactMap { k in
                guard let rows = byKind[k] else { return nil }
                return [.link(href: Routes.tasks.link + "?kind=\(k.rawValue)#list", text: k.swedishName), .text("\(rows.reduce(0) { $0 + $1.open })"), .text("\(rows.reduce(0) { $0 + $1.overdue })")]
            })
        if !CaseFlowService.hasOwnTaskList(actor.user) {
            let byWorker = Dictionary(grouping: list.counts, by: { $0.assigneeId })
            b.table(
                caption: "Öppna uppgifter per ansvarig", hiddenCaption: false, headers: ["Ansvarig", "Öppna", "Försenade"],
                rows: byWorker.sorted { who($0.key) < who($1.key) }.map { [who($0.key), "\($0.value.reduce(0) { $0 + $1.open })", "\($0.value.reduce(0) { $0 + $1.overdue })"] })
        }
        b.add(h3("\(kind.map { "\($0.swedishName): " } ?? "")sida \(page)", .id("list")))
        if kind != nil { b.pLink("/tasks#list", "Visa alla slag") }
        b.table(
            caption: "Enhetens öppna uppgifter, den som förfaller först överst", headers: ["Person", "Uppgift", "Senast", "Ansvarig"],
            rows: list.unit.map { [personCell($0), .text($0.kind.swedishName), dueCell($0), .text(who($0.assigneeId))] })
        b.open(SamsynWeb.p(.class("pager")))
        let k = kind.map { "kind=\($0.rawValue)&" } ?? ""
        if page > 1 { b.link("/tasks?\(k)page=\(page - 1)#list", "Föregående sida") }
        if list.unit.count == CaseFlowService.taskPageSize { b.link("/tasks?\(k)page=\(page + 1)#list", "Nästa sida") }
        b.close()
        b.close()
        return services.bodyPage("Att göra", context, nav: .tasks, b.nodes)
    }

    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let personId = try CaseController.uuid(context, "id")
        let (person, rows) = try await services.caseFlow.timeline(personId: personId, source: services.accessLog, by: actor)
        var b = PageBuilder()
        b.open(SamsynWeb.p(.class("breadcrumb")))
        b.link(Routes.personCase.link(personId), "Ärende – \(person.fullName)")
        b.close()
        b.h1("Tidslinje – \(person.fullName)")
        b.p("Allt som har registrerats eller ändrats i personakten hos \(services.orgNames.committeeName(actor.user.committeeId)), senast först: vad, vem och när.", cls: "lead")
        if rows.isEmpty { b.p("Inget har registrerats ännu.") }
        b.table(
            caption: "Händelser i personakten, senast först", headers: ["När", "Vad", "Vem"],
            rows: rows.map { r in
                let who = [r.entry.username, r.entry.role.flatMap { Role(rawValue: $0)?.swedishTitle }].compactMap { $0 }.joined(separator: ", ")
                return [Format.dateTime(r.entry.at), TimelineText.changeActions[r.entry.action] ?? r.entry.action, who]
            })
        return services.bodyPage("Tidslinje", context, b.nodes)
    }
}
