import Foundation
import SamsynDomain

/// The person's joint need assessment: the rules' suggestion with its reasons, both units' views, the
/// decision and the earlier decisions.
enum NeedAssessmentPage {
    struct Model: Sendable {
        let csrf: String
        let personId: String
        let personName: String
        let notice: String?
        let refused: RefusedForm?
        let suggestion: Suggestion
        let state: State
        /// Decided assessments, newest first, as table rows.
        let history: [[String]]
        /// Joint decisions proposed on the current (or else the latest) assessment, newest first: who proposed, who was to confirm, what came of it.
        let proposals: [[String]]
        /// The user's own proposal, declined by the co-decider, while its task is open.
        var declined: Declined? = nil

        enum State: Sendable {
            case current(Views, DecisionState?)
            case none(Start)
        }

        /// The decision part of the page: the form, or a proposal waiting for the co-decider.
        enum DecisionState: Sendable {
            case form(Decision)
            case pending(Pending)
        }

        /// The form `name` (`view` or `decision`); a refusal that names no field is shown at the top instead.
        func form(_ name: String) -> FormState { .named(name, idPrefix: name + "-", refused: refused, except: "message") }
        var topError: String? { refused?.message(at: "message") }
    }

    struct Evidence: Sendable {
        let label: String
        let answer: String
        let source: String
        let otherCommittee: Bool
        let date: String
    }

    struct Missing: Sendable {
        let question: String
        let declined: Bool
        let askedIn: String
    }

    struct Suggestion: Sendable {
        enum Outcome: Sendable {
            case category(label: String, facts: [(String, String)], reasons: [Evidence])
            /// No suggestion: the answers the rules need (`about` says for what), or none when no rule fitted.
            case unclear(about: String, missing: [Missing])
        }
        let outcome: Outcome
        let checked: [Evidence]
        let ruleVersion: Int
    }

    struct Views: Sendable {
        struct MyView: Sendable {
            let heading: String
            let category: [String]
            let parallel: [String]
            let comment: String
        }
        let assessmentId: UUID
        let version: Int
        let started: String
        let disagreement: String?
        let district: [(String, String)]
        /// The Jobbtorg's view, in a joint assessment.
        let jobbtorg: [(String, String)]?
        /// The user may not record a view or decide: a hint says who does.
        let readOnly: Bool
        /// The form for the unit's own view, when the user may record it.
        let mine: MyView?
        let categories: [FormState.Option]
    }

    struct Decision: Sendable {
        struct CoDecider: Sendable {
            let label: String
            let options: [FormState.Option]
            let selected: String
        }
        let assessmentId: UUID
        let version: Int
        let intro: String
        let categories: [FormState.Option]
        let category: [String]
        let lead: [String]
        let parallel: [String]
        let reviewHint: String
        let coDecider: CoDecider?
        /// The rules' suggestion beside the form (never pre-selected): its label and the reasons in short.
        let suggestion: String
        let suggestionReasons: [String]
    }

    /// A joint decision proposed and waiting for the named co-decider.
    struct Pending: Sendable {
        enum Role: Sendable {
            /// The user is the named co-decider: confirm, or decline with a reason.
            case coDecider
            /// The user proposed it: may withdraw it.
            case proposer
            /// Anyone else: reads it.
            case other
        }
        let proposalId: UUID
        let text: String
        let facts: [(String, String)]
        let role: Role
    }

    /// A proposal the co-decider declined, shown to its proposer with the reason.
    struct Declined: Sendable {
        let proposalId: UUID
        let by: String
        let on: String
        let reason: String
        let category: String
    }

    struct Start: Sendable {
        let text: String
        let enrolled: Bool
        let canStart: Bool
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb")) {
            a(m.personName, .href(Routes.person.link(m.personId)))
            " › "
            a("Ärende och samordning", .href(Routes.personCase.link(m.personId)))
        }
        h1("Gemensam behovsbedömning – \(m.personName)")
        if let n = m.notice { notice(n) }
        if let message = m.topError {
            div(.class("error-summary"), .role("alert"), .tabindex(-1), .id("error-summary")) {
                h2("Ändringen kunde inte göras")
                p(message)
            }
        }
        p(
            "Stadsdelen och Jobbtorg bedömer tillsammans hur mycket stöd personen behöver och om insatser behövs parallellt. Reglernas förslag är ett underlag; beslutet fattas av er.",
            .class("lead"))
        if let d = m.declined { declined(m, d) }
        suggestion(m.suggestion)
        switch m.state {
        case .current(let views, let decision):
            self.views(m, views)
            switch decision {
            case .form(let d): self.decision(m, d)
            case .pending(let p): self.pending(m, p)
            case nil: Node.empty
            }

        case .none(let start):
            card("Ingen pågående bedömning", id: "start") {
                p(start.text)
                if start.enrolled { p("Personen är inskriven på Jobbtorg, så bedömningen görs gemensamt och beslutas av en person från varje enhet.") }
                if start.canStart {
                    postForm(Routes.personNeedAssessment.link(m.personId), csrf: m.csrf) { submitButton("Starta behovsbedömning") }
                }
            }
        }
        if !m.proposals.isEmpty {
            card("Förslag till gemensamt beslut", id: "proposals") {
                dataTable(
                    "Förslag till gemensamt beslut, senaste först",
                    headers: ["Föreslaget", "Av", "Ska bekräftas av", "Kategori", "Status", "Besvarat", "Skäl"],
                    rows: m.proposals.map { $0.map(Cell.text) })
            }
        }
        if !m.history.isEmpty {
            card("Tidigare beslut", id: "history") {
                dataTable(
                    "Beslutade behovsbedömningar, senaste först",
                    headers: ["Beslutad", "Kategori", "Förslag", "Skäl till avvikelse", "Leder", "Parallella", "Följs upp", "Beslutad av"],
                    rows: m.history.map { $0.map(Cell.text) })
            }
        }
    }

    static func declined(_ m: Model, _ d: Declined) -> Node {
        card("Ditt förslag avböjdes", id: "declined") {
            p {
                span("Avböjt", .class("tag strong"))
                " \(d.by) bekräftade inte ditt förslag (\(d.category)) \(d.on)."
            }
            facts([("Skäl", d.reason)])
            p("Bedömningen är fortfarande öppen. Föreslå ett nytt beslut nedan, eller stäng uppgiften om ni har kommit överens på annat sätt.")
            p(.class("actions")) { a("Föreslå ett nytt beslut", .class("button"), .href("#decision-disclosure")) }
            postForm(Routes.needDecisionCloseDeclined.link(d.proposalId), csrf: m.csrf, class: "inline") {
                submitButton("Stäng uppgiften utan nytt förslag", secondary: true)
            }
        }
    }

    static func suggestion(_ s: Suggestion) -> Node {
        card("Förslag från reglerna – inte ett beslut", id: "suggestion") {
            switch s.outcome {
            case .category(let label, let f, let reasons):
                p(.class("suggestion")) { strong("Förslag: \(label)") }
                facts(f)
                if reasons.isEmpty {
                    p("Ingen av reglerna för de andra kategorierna slog in på svaren nedan.")
                } else {
                    evidenceTable("Svaren som ledde till förslaget", reasons)
                }
            case .unclear(let about, let missing):
                p(.class("suggestion")) { strong("Förslag: oklart") }
                if missing.isEmpty {
                    p("Ingen regel passade svaren. Bedöm utan förslag.")
                } else {
                    p(
                        "Svar saknas som behövs för att pröva \(about). Reglerna prövas i tur och ordning, så ett förslag kan inte ges förrän de finns. Fyll i dem i bedömningen, eller bedöm utan förslag."
                    )
                    dataTable(
                        "Svar som saknas", showCaption: true, headers: ["Fråga", "Ställs i"],
                        rows: missing.map { x in
                            [
                                Cell.build {
                                    x.question
                                    if x.declined {
                                        " "
                                        em("(personen ville inte svara)")
                                    }
                                }, .text(x.askedIn),
                            ]
                        })
                }
            }
            if !s.checked.isEmpty {
                details {
                    summary("Fler svar som reglerna prövade")
                    evidenceTable("Svar som prövades utan att ge förslaget", s.checked)
                }
            }
            p("Reglerna, version \(s.ruleVersion), läser svar per begrepp och försörjningshinder, aldrig kön, ålder, födelseland eller andra diskrimineringsgrunder.", .class("hint"))
            linkLine(Routes.needRules.link + "#v\(s.ruleVersion)", "Se alla kategorier och regler i tur och ordning")
        }
    }

    static func evidenceTable(_ caption: String, _ items: [Evidence]) -> Node {
        dataTable(
            caption, showCaption: true, headers: ["Fråga", "Svar", "Källa", "Datum"],
            rows: items.map { i in
                [
                    .text(i.label), .text(i.answer),
                    Cell.build {
                        i.source
                        if i.otherCommittee {
                            " "
                            em("(den andra nämnden, med samtycke)")
                        }
                    },
                    .text(i.date),
                ]
            })
    }

    static func views(_ m: Model, _ v: Views) -> Node {
        card("Enheternas bedömningar", id: "views") {
            p(v.started)
            if let d = v.disagreement { p(d, .class("notice warning"), .role("status")) }
            div(.class("two-col")) {
                div {
                    h3(NeedAssessment.Side.district.swedishName)
                    facts(v.district)
                }
                if let j = v.jobbtorg {
                    div {
                        h3("Jobbtorg")
                        facts(j)
                    }
                }
            }
            if v.readOnly {
                p("Din roll kan läsa bedömningen men inte ange enhetens bedömning eller fatta beslut. Det gör socialsekreterare, coacher och enhetschefer.", .class("hint"))
            }
            if let mine = v.mine {
                let f = m.form("view")
                h3(mine.heading, .id("my-view"))
                f.disclosure("Ange er bedömning") {
                    f.errorSummary("Bedömningen sparades inte")
                    postForm(Routes.needAssessmentView.link(v.assessmentId), csrf: m.csrf) {
                        hiddenField("version", String(v.version))
                        f.choices("category", "Vilken kategori bedömer er enhet passar?", options: v.categories, selected: mine.category)
                        f.choices(
                            "parallel", "Behövs insatser från båda enheterna samtidigt?", options: [.init("yes", "Ja"), .init("no", "Nej")], selected: mine.parallel)
                        f.textarea("comment", "Kommentar (frivillig)", hint: "Det ni vill att den andra enheten vet om er bedömning.", value: mine.comment)
                        submitButton("Spara er bedömning")
                    }
                }
            }
        }
    }

    static func decision(_ m: Model, _ d: Decision) -> Node {
        card("Beslut", id: "decision") {
            p(d.intro)
            div(.class("prefill"), .id("decision-suggestion")) {
                p { strong("Reglernas förslag: \(d.suggestion)") }
                if !d.suggestionReasons.isEmpty {
                    ul { for r in d.suggestionReasons { li(r) } }
                }
                p {
                    "Förslaget är inte förvalt. Välj det ni själva bedömer; svaren bakom förslaget står under "
                    a("Förslag från reglerna", .href("#suggestion"))
                    "."
                }
            }
            let f = m.form("decision")
            f.disclosure(d.coDecider == nil ? "Fatta beslut" : "Föreslå ett gemensamt beslut") {
                f.errorSummary("Beslutet sparades inte")
                postForm(Routes.needAssessmentDecision.link(d.assessmentId), csrf: m.csrf) {
                    hiddenField("version", String(d.version))
                    f.choices("category", "Kategori", options: d.categories, selected: d.category)
                    f.choices("lead", "Vem leder arbetet?", options: LeadUnit.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: d.lead)
                    f.choices(
                        "parallel", "Parallella insatser", options: [.init("yes", "Ja, insatser från båda enheterna samtidigt"), .init("no", "Nej")], selected: d.parallel)
                    f.date("reviewOn", "Följ upp bedömningen", hint: d.reviewHint)
                    f.textarea(
                        "deviationReason", "Skäl om beslutet avviker från förslaget", hint: "Minst 10 tecken. Krävs när ni väljer en annan kategori än förslaget.")
                    if let c = d.coDecider {
                        f.select(
                            "coDeciderId", c.label, options: c.options, selected: c.selected,
                            hint: "Beslutet är gemensamt: det gäller först när personen du väljer har loggat in och bekräftat det.")
                        submitButton("Föreslå beslutet för bekräftelse")
                    } else {
                        submitButton("Fatta beslut")
                    }
                }
            }
        }
    }

    static func pending(_ m: Model, _ pend: Pending) -> Node {
        card("Beslut", id: "decision") {
            p {
                span("Väntar på bekräftelse", .class("tag strong"))
                " "
                pend.text
            }
            facts(pend.facts)
            switch pend.role {
            case .coDecider:
                let f = m.form("answer")
                f.errorSummary("Svaret sparades inte")
                postForm(Routes.needDecisionConfirm.link(pend.proposalId), csrf: m.csrf) {
                    submitButton("Bekräfta beslutet")
                }
                h3("Avböj förslaget", .id("decline"))
                f.disclosure("Avböj förslaget med ett skäl") {
                    postForm(Routes.needDecisionDecline.link(pend.proposalId), csrf: m.csrf) {
                        f.textarea(
                            "declineReason", "Skäl till att du inte bekräftar", hint: "Minst 10 tecken. Skälet visas för den som föreslog beslutet.",
                            required: true)
                        submitButton("Avböj förslaget", secondary: true)
                    }
                }
            case .proposer:
                postForm(Routes.needDecisionWithdraw.link(pend.proposalId), csrf: m.csrf) {
                    submitButton("Återkalla förslaget", secondary: true)
                }
            case .other:
                p("Bara den som förslaget namnger kan bekräfta det, och bara den som föreslog det kan återkalla det.", .class("hint"))
            }
        }
    }
}
