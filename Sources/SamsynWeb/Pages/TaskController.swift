import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The task lists (everything due and overdue, for the worker and the unit) and the person file's timeline.
struct TaskController {
    let services: AppServices
    var e: (String) -> String { PageBuilder.e }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/tasks", use: tasks)
        group.get("/persons/:id/timeline", use: timeline)
    }

    @Sendable func tasks(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        let kind = request.uri.queryParameters["kind"].flatMap { CaseTask.Kind(rawValue: String($0)) }
        let page = max(1, request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1)
        let list = try await services.caseFlow.tasks(kind: kind, page: page, by: actor)
        let staff = try await services.users.all().filter { $0.unitId == actor.user.unitId }
        let staffName = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.displayName) })
        func who(_ id: UUID?) -> String { id.flatMap { staffName[$0] } ?? "Ingen ansvarig" }
        func personCell(_ t: CaseTask) -> String {
            let n = list.names[t.personId]
            let page = [.needAssessmentDisagreement, .needAssessmentReview].contains(t.kind) ? "need-assessment" : "case"
            return PageBuilder.cellLink("/persons/\(CaseController.id(t.personId))/\(page)", n.map { "\($0.lastName), \($0.firstName)" } ?? "Person")
        }
        func dueCell(_ t: CaseTask) -> String { (t.isOverdue(today: list.today) ? "<span class=\"tag strong\">Försenad</span> " : "") + t.dueOn.description }

        var b = PageBuilder()
        b.h1("Att göra")
        b.p("Allt som förfaller eller har förfallit i ärendena: jobbplaner, uppföljningar, möten, närvarorapporter, remisser, samtycken, sexmånadersuppföljningar och behovsbedömningar.", cls: "lead")
        if actor.user.role != .unitManager {
            let capped = list.mine.count == CaseFlowService.myTaskLimit
            b.raw("<section class=\"card\" aria-labelledby=\"mine\"><h2 id=\"mine\">Mina uppgifter (\(capped ? "de \(list.mine.count) som förfaller först" : "\(list.mine.count)"))</h2>\n")
            if list.mine.isEmpty { b.p("Du har inget som förfaller just nu.") } else {
                b.table(
                    caption: "Mina uppgifter, den som förfaller först överst", headers: ["Person", "Uppgift", "Senast"],
                    rows: list.mine.map { [personCell($0), e($0.kind.swedishName), dueCell($0)] })
            }
            b.raw("</section>\n")
        }
        let byKind = Dictionary(grouping: list.counts, by: \.kind)
        let total = list.counts.reduce(0) { $0 + $1.open }
        let overdue = list.counts.reduce(0) { $0 + $1.overdue }
        b.raw("<section class=\"card\" aria-labelledby=\"unit\"><h2 id=\"unit\">Enhetens uppgifter: \(total) öppna, varav \(overdue) försenade</h2>\n")
        b.table(
            caption: "Öppna uppgifter per slag", hiddenCaption: false, headers: ["Uppgift", "Öppna", "Försenade"],
            rows: CaseTask.Kind.allCases.compactMap { k in
                guard let rows = byKind[k] else { return nil }
                return [PageBuilder.cellLink("/tasks?kind=\(k.rawValue)#list", k.swedishName), "\(rows.reduce(0) { $0 + $1.open })", "\(rows.reduce(0) { $0 + $1.overdue })"]
            })
        if actor.user.role == .unitManager {
            let byWorker = Dictionary(grouping: list.counts, by: { $0.assigneeId })
            b.table(
                caption: "Öppna uppgifter per ansvarig", hiddenCaption: false, headers: ["Ansvarig", "Öppna", "Försenade"],
                rows: byWorker.sorted { who($0.key) < who($1.key) }.map { [e(who($0.key)), "\($0.value.reduce(0) { $0 + $1.open })", "\($0.value.reduce(0) { $0 + $1.overdue })"] })
        }
        b.raw("<h3 id=\"list\">\(e(kind.map { "\($0.swedishName): " } ?? ""))sida \(page)</h3>\n")
        if kind != nil { b.pLink("/tasks#list", "Visa alla slag") }
        b.table(
            caption: "Enhetens öppna uppgifter, den som förfaller först överst", headers: ["Person", "Uppgift", "Senast", "Ansvarig"],
            rows: list.unit.map { [personCell($0), e($0.kind.swedishName), dueCell($0), e(who($0.assigneeId))] })
        b.raw("<p class=\"pager\">")
        let k = kind.map { "kind=\($0.rawValue)&" } ?? ""
        if page > 1 { b.link("/tasks?\(k)page=\(page - 1)#list", "Föregående sida") }
        if list.unit.count == CaseFlowService.taskPageSize { b.link("/tasks?\(k)page=\(page + 1)#list", "Nästa sida") }
        b.raw("</p>\n</section>\n")
        return try services.bodyPage("Att göra", context, nav: "tasks", b.html)
    }

    @Sendable func timeline(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        let personId = try CaseController.uuid(context, "id")
        let (person, rows) = try await services.caseFlow.timeline(personId: personId, source: services.accessLog, by: actor)
        var b = PageBuilder()
        b.raw("<p class=\"breadcrumb\">")
        b.link("/persons/\(CaseController.id(personId))/case", "Ärende – \(person.fullName)")
        b.raw("</p>\n")
        b.h1("Tidslinje – \(person.fullName)")
        b.p("Allt som har registrerats eller ändrats i personakten hos \(services.orgNames.committeeName(actor.user.committeeId)), senast först: vad, vem och när.", cls: "lead")
        if rows.isEmpty { b.p("Inget har registrerats ännu.") }
        b.table(
            caption: "Händelser i personakten, senast först", headers: ["När", "Vad", "Vem"],
            rows: rows.map { r in
                let who = [r.entry.username, r.entry.role.flatMap { Role(rawValue: $0)?.swedishTitle }].compactMap { $0 }.joined(separator: ", ")
                return [Format.dateTime(r.entry.at), e(TimelineText.changeActions[r.entry.action] ?? r.entry.action), e(who)]
            })
        return try services.bodyPage("Tidslinje", context, b.html)
    }
}
