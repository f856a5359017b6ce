import Foundation
import SamsynDomain

/// A committee's view of an intervention's queue: positions, waiting time, offers and answers.
enum QueuePage {
    struct Model: Sendable {
        struct Line: Sendable {
            let entryId: UUID
            let personId: UUID
            let position: String
            let name: String
            let queuedAt: String
            let waiting: String
            let priorityReason: String?
            let status: QueueEntry.Status
        }
        let csrf: String
        let interventionId: String
        let name: String
        let places: String
        let waitingTotal: Int
        let ownTotal: Int
        let lines: [Line]
        let notice: String?
        let error: String?
        let showing: String
        let previousPage: Int?
        let nextPage: Int?

        static let mock = Model(
            csrf: "csrf-token", interventionId: "resurs-arbetstraning", name: "Arbetsträning Resurs", places: "12 av 20 platser tagna", waitingTotal: 41,
            ownTotal: 3,
            lines: [
                Line(
                    entryId: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!,
                    position: "1", name: "Anna Andersson", queuedAt: "2026-10-01", waiting: "61 dagar", priorityReason: "Skyddat boende", status: .waiting),
                Line(
                    entryId: UUID(uuidString: "00000000-0000-0000-0000-0000000000a2")!, personId: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!,
                    position: "–", name: "Bo <Berg>", queuedAt: "2026-09-01", waiting: "1 dag", priorityReason: nil, status: .offered),
            ], notice: "Platsen är erbjuden.", error: nil, showing: "Visar 1–2 av 2 (sida 1 av 1).", previousPage: nil, nextPage: nil)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb")) { a("Insatser i staden", .href(Routes.interventions.link)) }
        h1("Kö: \(m.name)")
        p("\(m.places). \(m.waitingTotal) väntar i hela staden. Här visas de \(m.ownTotal) personer som din nämnd har i kön eller på plats.", .class("lead"))
        if let n = m.notice { notice(n) }
        if let e = m.error { div(.class("error-summary"), .role("alert"), .tabindex(-1), .id("error-summary")) { p(e) } }
        if m.lines.isEmpty {
            p("Din nämnd har ingen i kön.")
        } else {
            p(m.showing)
            dataTable(
                "Kön", headers: ["Plats i kön", "Person", "Köade", "Väntat", "Status", "Åtgärd"],
                rows: m.lines.map { l in
                    [
                        .text(l.position),
                        .build {
                            a(l.name, .href(Routes.person.link(l.personId)))
                            if let r = l.priorityReason {
                                br()
                                span("Förtur: \(r)", .class("tag"))
                            }
                        },
                        .text(l.queuedAt), .text(l.waiting), .text(l.status.swedishName),
                        .build { actions(m, l) },
                    ]
                })
            nav(.aria("label", "Sidor i kön"), .class("pager")) {
                if let prev = m.previousPage { a("Föregående sida", .href(Routes.queue.link(m.interventionId) + "?page=\(prev)"), .rel("prev")) }
                if let next = m.nextPage { a("Nästa sida", .href(Routes.queue.link(m.interventionId) + "?page=\(next)"), .rel("next")) }
            }
        }
    }

    static func action(_ m: Model, _ l: Model.Line, _ action: QueueAction, _ text: String, _ hidden: String, secondary: Bool = false) -> Node {
        postForm(Routes.queueAction.link(m.interventionId, l.entryId, action), csrf: m.csrf, class: "inline-action") {
            button(.type("submit"), .class("secondary", if: secondary)) {
                text
                span(hidden, .class("visually-hidden"))
            }
        }
    }

    @HTMLBuilder static func actions(_ m: Model, _ l: Model.Line) -> [Node] {
        if l.status.canOffer { action(m, l, .offer, "Erbjud plats", " till \(l.name)") }
        if l.status.canAnswer {
            action(m, l, .accept, "Tackade ja", " för \(l.name)")
            action(m, l, .decline, "Tackade nej", " för \(l.name)", secondary: true)
        }
        if l.status.canStart {
            a(.class("button"), .href(Routes.personEpisodeNew.link(l.personId) + "?entry=\(l.entryId.uuidString.lowercased())")) {
                "Starta deltagande"
                span(" för \(l.name)", .class("visually-hidden"))
            }
        }
        " "
        a(.href(Routes.queueWithdraw.link(m.interventionId, l.entryId))) {
            "Ta bort ur kön"
            span(": \(l.name)", .class("visually-hidden"))
        }
    }
}

/// Putting a person in a queue, with an optional written reason to go first.
enum QueueNewPage {
    struct Model: Sendable {
        let csrf: String
        let personId: String
        let personName: String
        let interventions: [FormState.Option]
        let selected: String
        let reason: String
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", personId: "00000000-0000-0000-0000-000000000001", personName: "Anna Andersson",
            interventions: [FormState.Option("resurs-arbetstraning", "Arbetsträning Resurs (Arbetsträning)")], selected: "", reason: "", form: .new)
        static let mockRefused = Model(
            csrf: "csrf-token", personId: mock.personId, personName: mock.personName, interventions: mock.interventions, selected: "", reason: "x",
            form: FormState(errors: [FieldError(field: "intervention", message: "Välj en insats.")]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a(m.personName, .href(Routes.person.link(m.personId))) }
        h1("Ställ \(m.personName) i kö till en insats")
        f.errorSummary("Personen ställdes inte i kö")
        postForm(Routes.personQueue.link(m.personId), csrf: m.csrf) {
            f.select("intervention", "Insats", options: m.interventions, selected: m.selected, placeholder: "Välj insats")
            f.textarea(
                "priorityReason", "Skäl att gå före i kön (bara om personen ska prioriteras)",
                hint: "Lämna tomt för vanlig kö. Ett skäl sparas och visas för alla som ser kön.", value: m.reason, rows: 2)
            submitButton("Ställ i kö")
        }
    }
}

/// Taking a person out of a queue, with a reason.
enum QueueWithdrawPage {
    struct Model: Sendable {
        let csrf: String
        let interventionId: String
        let interventionName: String
        let entryId: UUID
        let personName: String
        let reason: String
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", interventionId: "resurs-arbetstraning", interventionName: "Arbetsträning Resurs",
            entryId: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, personName: "Anna Andersson", reason: "", form: .new)
        static let mockRefused = Model(
            csrf: "csrf-token", interventionId: mock.interventionId, interventionName: mock.interventionName, entryId: mock.entryId,
            personName: mock.personName, reason: "x", form: FormState(errors: [FieldError(field: "reason", message: "Skriv varför personen tas bort ur kön (3–500 tecken).")]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a("Kö: \(m.interventionName)", .href(Routes.queue.link(m.interventionId))) }
        h1("Ta bort \(m.personName) ur kön")
        f.errorSummary("Personen togs inte bort ur kön")
        p("Om personen har fått eller tackat ja till en plats blir platsen ledig igen. Skälet sparas.")
        postForm(Routes.queueWithdraw.link(m.interventionId, m.entryId), csrf: m.csrf) {
            f.textarea("reason", "Skäl", hint: "Till exempel: har fått arbete, vill inte längre, flyttat.", value: m.reason, rows: 2)
            submitButton("Ta bort ur kön")
        }
    }
}
