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
            /// An open offer's last answer day.
            var answerBy: String? = nil
        }
        /// The committee's offers of the intervention, newest first (the queue's history).
        struct Offer: Sendable {
            let offeredOn: String
            let by: String
            let answerBy: String
            let order: String
            let reason: String
            let status: String
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
        var history: [Offer] = []

        static let mock = Model(
            csrf: "csrf-token", interventionId: "resurs-arbetstraning", name: "Arbetsträning Resurs", places: "12 av 20 platser tagna", waitingTotal: 41,
            ownTotal: 3,
            lines: [
                Line(
                    entryId: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!,
                    position: "1", name: "Anna Andersson", queuedAt: "2026-10-01", waiting: "61 dagar", priorityReason: "Skyddat boende", status: .waiting),
                Line(
                    entryId: UUID(uuidString: "00000000-0000-0000-0000-0000000000a2")!, personId: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!,
                    position: "–", name: "Bo <Berg>", queuedAt: "2026-09-01", waiting: "1 dag", priorityReason: nil, status: .offered, answerBy: "2026-12-09"),
            ], notice: "Platsen är erbjuden.", error: nil, showing: "Visar 1–2 av 2 (sida 1 av 1).", previousPage: nil, nextPage: nil,
            history: [
                Offer(
                    offeredOn: "2026-12-02", by: "Carl Coach", answerBy: "2026-12-09", order: "Utanför ordning: 1 före",
                    reason: "De som står före kan inte börja nu: Anna är sjukskriven till januari.", status: "Väntar på svar"),
                Offer(offeredOn: "2026-11-02", by: "Carl Coach", answerBy: "2026-11-09", order: "I tur", reason: "–", status: "Förföll (inget svar i tid)"),
            ])
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
                        .text(l.queuedAt), .text(l.waiting), .text(l.answerBy.map { "\(l.status.swedishName), svar senast \($0)" } ?? l.status.swedishName),
                        .build { actions(m, l) },
                    ]
                })
            nav(.aria("label", "Sidor i kön"), .class("pager")) {
                if let prev = m.previousPage { a("Föregående sida", .href(Routes.queue.link(m.interventionId) + "?page=\(prev)"), .rel("prev")) }
                if let next = m.nextPage { a("Nästa sida", .href(Routes.queue.link(m.interventionId) + "?page=\(next)"), .rel("next")) }
            }
        }
        titledSection("Köns historik: erbjudanden", id: "offers") {
            p(
                "Platsen erbjuds i tur och ordning: först de med förtur, sedan den som väntat längst. Erbjuds den någon annan sparas skälet här. Ett erbjudande som inte besvaras senast sista svarsdagen förfaller: personen står kvar i kön med sin kötid och du får en uppgift.",
                .class("hint"))
            if m.history.isEmpty {
                p("Din nämnd har inte erbjudit någon plats i insatsen ännu.")
            } else {
                dataTable(
                    "Din nämnds erbjudanden, senaste först", headers: ["Erbjudet", "Av", "Svar senast", "Ordning", "Skäl", "Status"],
                    rows: m.history.map { o in [.text(o.offeredOn), .text(o.by), .text(o.answerBy), .text(o.order), .text(o.reason), .text(o.status)] })
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
        if l.status.canOffer {
            a(.class("button"), .href(Routes.queueOffer.link(m.interventionId, l.entryId))) {
                "Erbjud plats"
                span(" till \(l.name)", .class("visually-hidden"))
            }
            " "
        }
        if l.status.canAnswer {
            action(m, l, .accept, "Tackade ja", " för \(l.name)")
            action(m, l, .decline, "Tackade nej", " för \(l.name)", secondary: true)
            " "
            a(.href(Routes.offerLetter.link(m.interventionId, l.entryId))) {
                "Brev om erbjudandet"
                span(" till \(l.name)", .class("visually-hidden"))
            }
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

/// Offering a place: the answer deadline, and — when the person is not first in line — the reason.
enum QueueOfferPage {
    struct Model: Sendable {
        let csrf: String
        let interventionId: String
        let interventionName: String
        let entryId: UUID
        let personName: String
        let position: String
        /// Waiting people of the committee before this one who could have the place.
        let ahead: Int
        let longestWaitAhead: String?
        let answerBy: String
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", interventionId: "resurs-arbetstraning", interventionName: "Arbetsträning Resurs",
            entryId: UUID(uuidString: "00000000-0000-0000-0000-0000000000a2")!, personName: "Bo Berg", position: "3", ahead: 2, longestWaitAhead: "39 dagar",
            answerBy: "2026-12-09", form: .new)
        static let mockFirst = Model(
            csrf: "csrf-token", interventionId: mock.interventionId, interventionName: mock.interventionName, entryId: mock.entryId, personName: "Anna Andersson",
            position: "1", ahead: 0, longestWaitAhead: nil, answerBy: "2026-12-09", form: .new)
        static let mockRefused = Model(
            csrf: "csrf-token", interventionId: mock.interventionId, interventionName: mock.interventionName, entryId: mock.entryId, personName: mock.personName,
            position: "3", ahead: 2, longestWaitAhead: "39 dagar", answerBy: "2026-12-09",
            form: FormState(
                errors: [
                    FieldError(field: "reason", message: "2 personer står före i kön. Välj skälet till att platsen ändå erbjuds den här personen."),
                    FieldError(field: "reasonText", message: "Beskriv varför platsen erbjuds före de som väntat längre (minst 10 tecken)."),
                ], values: ["answerBy": ["2026-12-09"], "reasonText": [""]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a("Kö: \(m.interventionName)", .href(Routes.queue.link(m.interventionId))) }
        h1("Erbjud \(m.personName) en plats")
        f.errorSummary("Platsen erbjöds inte")
        p("\(m.personName) står på plats \(m.position) i kön till \(m.interventionName).", .class("lead"))
        if m.ahead > 0 {
            p(.class("notice warning"), .role("note")) {
                strong("\(m.ahead == 1 ? "En person" : "\(m.ahead) personer") i din nämnd står före i kön och kan få platsen")
                if let w = m.longestWaitAhead { " (den som väntat längst har väntat \(w))" }
                ". Platsen erbjuds i tur och ordning: först de med förtur, sedan den som väntat längst. Erbjuder du den här personen platsen ändå krävs ett skäl. Det sparas med erbjudandet, syns i köns historik och räknas i chefernas siffror."
            }
        } else {
            p("Personen står först i tur bland dem i din nämnd som kan få platsen nu.")
        }
        postForm(Routes.queueOffer.link(m.interventionId, m.entryId), csrf: m.csrf) {
            if m.ahead > 0 {
                f.choices(
                    "reason", "Skäl till att platsen går före ordningen", options: QueueOffer.OutOfOrderReason.allCases.map { .init($0.rawValue, $0.swedishName) },
                    required: true)
                f.textarea("reasonText", "Beskriv skälet", hint: "Minst 10 tecken. Skriv det som en kollega eller chef behöver veta i efterhand.", required: true)
            }
            f.date(
                "answerBy", "Sista svarsdag", value: m.answerBy,
                hint: "Skriv som ÅÅÅÅ-MM-DD, i dag eller senare och högst 30 dagar fram. Har personen inte svarat då förfaller erbjudandet; personen står kvar i kön och du får en uppgift.",
                required: true)
            submitButton("Erbjud platsen")
        }
    }
}
