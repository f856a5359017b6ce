import Foundation
import SamsynDomain

/// One question of an area, as the form shows it: label or legend, help, pre-fill source, error,
/// the input, "Vill inte svara" where the question is sensitive, and the conversation guide.
enum QuestionView {
    static func view(_ q: QuestionModel) -> Node {
        div(
            .class(q.error != nil ? "question has-error" : "question"), .id("wrap-\(q.domId)"), .data("question", q.id),
            .data("enable-when", q.enableWhen), .data("enable-behavior", q.enableWhen != nil ? q.enableBehavior : nil), .hidden(q.hidden)
        ) {
            if q.isText || q.isNumber || q.isDate {
                label(.for(q.domId), .class("q")) {
                    q.text
                    FormState.requiredMarker(q.required)
                }
                notes(q)
                if q.isText {
                    textarea(
                        .id(q.domId), .name(q.name), .rows(3), .disabled(q.hidden), .aria("invalid", q.error != nil ? "true" : nil),
                        .aria("describedby", q.describedBy)
                    ) { q.value }
                } else {
                    input(
                        .id(q.domId), .name(q.name), .type(q.isNumber ? "text" : "date"), .optional(Attribute.inputmode, q.isNumber ? "decimal" : nil),
                        .class("short"), .value(q.value), .disabled(q.hidden), .aria("invalid", q.error != nil ? "true" : nil),
                        .aria("describedby", q.describedBy))
                }
            } else if q.isRadio || q.isCheckbox {
                fieldset(.aria("describedby", q.describedBy)) {
                    legend(.class("q")) {
                        q.text
                        FormState.requiredMarker(q.required)
                        if q.isCheckbox {
                            " "
                            span("Välj alla som stämmer.", .class("meta"))
                        }
                    }
                    notes(q)
                    div(.class(q.isScale ? "choices scale" : "choices")) {
                        for o in q.options {
                            div(.class("choice")) {
                                input(
                                    .type(q.isRadio ? "radio" : "checkbox"), .id(o.id), .name(q.name), .value(o.value), .checked(o.checked),
                                    .disabled(q.hidden))
                                label(o.label, .for(o.id))
                            }
                        }
                    }
                }
            }
            if q.declineBox {
                div(.class("choice decline")) {
                    input(
                        .type("checkbox"), .id("\(q.domId)-declined"), .name(q.name), .value(AnswerValue.declinedFormValue), .checked(q.declined),
                        .disabled(q.hidden))
                    label("Vill inte svara", .for("\(q.domId)-declined"))
                }
            }
            if q.hasGuide {
                details(.class("guide")) {
                    summary {
                        "Samtalsstöd"
                        span(" för frågan", .class("visually-hidden"))
                    }
                    ul { for line in q.guide { li(line) } }
                }
            }
        }
    }

    @HTMLBuilder static func notes(_ q: QuestionModel) -> [Node] {
        if let help = q.help { p(help, .class("hint"), .id("\(q.domId)-help")) }
        if let prefill = q.prefill { p(prefill, .class("prefill"), .id("\(q.domId)-prefill")) }
        if let error = q.error { FormState.errorLine(id: q.domId, error) }
    }
}

/// The summary of all areas (person's view and caseworker's assessment) in the FIA summary parts.
enum AreaSummaryView {
    static func table(_ lines: [SummaryLineModel]) -> Node {
        SamsynWeb.table(.class("data"), .role("table")) {
            caption("Sammanställning av områdena", .class("visually-hidden"))
            thead(.role("rowgroup")) {
                tr(.role("row")) {
                    th("Område", .scope("col"), .role("columnheader"))
                    th("Personens syn", .scope("col"), .role("columnheader"))
                    th("Handläggarens bedömning", .scope("col"), .role("columnheader"))
                }
            }
            tbody(.role("rowgroup")) {
                for l in lines {
                    tr(.role("row")) {
                        th(.scope("row"), .role("rowheader")) {
                            l.area
                            " "
                            span(l.part, .class("meta"))
                        }
                        td(l.person, .role("cell"), .data("label", "Personens syn"))
                        td(l.caseworker, .role("cell"), .data("label", "Handläggarens bedömning"))
                    }
                }
            }
        }
    }
}

/// One area of a part as a form; every move between areas saves.
enum AssessmentAreaView {
    @HTMLBuilder static func view(_ m: AreaPage) -> [Node] {
        p(.class("breadcrumb")) { a("\(m.personName) – bedömningar", .href(m.personHref)) }
        p(m.instrumentTitle, .class("meta"))
        h1 {
            span(m.partTitle, .class("part-title"))
            " \(m.areaTitle)"
        }
        p(m.progress, .class("progress"), .id("progress"))
        if let r = m.revisionNote { p(r, .class("tag strong")) }
        if let n = m.notice { notice(n) }
        if m.hasErrors {
            div(.class("error-summary"), .role("alert"), .aria("labelledby", "error-summary-title"), .tabindex(-1), .id("error-summary")) {
                h2(m.errorTitle, .id("error-summary-title"))
                ul { for e in m.errors { li { a(e.message, .href(e.href)) } } }
            }
        }
        if m.hasSummary {
            section(.class("card"), .aria("labelledby", "summary-title")) {
                h2("Sammanställning av områdena", .id("summary-title"))
                AreaSummaryView.table(m.summary)
                if m.hasSuggestions {
                    h3("Förslag på delmål utifrån områden som står i vägen för arbete")
                    ul(.class("suggestions")) { for s in m.suggestions { li(s) } }
                }
            }
        }
        if m.hasAreaGuide {
            details(.class("guide")) {
                summary("Samtalsstöd för området")
                ul { for g in m.areaGuide { li(g) } }
            }
        }
        form(
            .method("post"), .action(Routes.assessment.link(m.responseId)), .class("stack assessment"), .id("answers"), .novalidate(),
            .data("autosave", "true")
        ) {
            hiddenField("_csrf", m.csrf)
            hiddenField("area", String(m.areaIndex))
            hiddenField("version", String(m.version))
            hiddenField("shown", m.shown)
            m.questions.map(QuestionView.view)
            p(.class("autosave-status meta"), .role("status"), .aria("live", "polite"), .id("autosave-status"))
            div(.class("actions")) {
                if !m.isLast { submitButton("Spara och gå till nästa område", name: "action", value: "next") }
                if m.isLast { submitButton("Spara och granska", name: "action", value: "review") }
                if !m.isFirst { submitButton("Föregående område", secondary: true, name: "action", value: "prev") }
                submitButton("Spara utkast", secondary: true, name: "action", value: "save")
            }
            nav(.aria("label", "Områden i delen"), .class("areas")) {
                h2("Alla områden")
                ol {
                    for i in m.nav {
                        li {
                            button(i.title, .type("submit"), .name("action"), .value("goto-\(i.index)"), .class("link"), .aria("current", i.current ? "step" : nil))
                            " "
                            span(i.status, .class("meta"))
                        }
                    }
                }
            }
        }
    }
}

/// A whole part, read-only (completed, or not the user's to fill in), or for review before completing.
enum AssessmentPartView {
    @HTMLBuilder static func view(_ m: PartViewPage) -> [Node] {
        p(.class("breadcrumb")) { a("\(m.personName) – bedömningar", .href(m.personHref)) }
        p(m.instrumentTitle, .class("meta"))
        h1(m.isReview ? "Granska och slutför: \(m.partTitle)" : m.partTitle)
        p(m.statusText, .class("tag strong"))
        if let n = m.notice { notice(n) }
        if let e = m.errorMessage { div(.class("error-summary"), .role("alert"), .tabindex(-1), .id("error-summary")) { p(e) } }
        if m.hasMissing {
            div(.class("error-summary"), .aria("labelledby", "missing-title"), .id("missing")) {
                h2("Obligatoriska frågor utan svar", .id("missing-title"))
                ul { for l in m.missing { li { a(l.text, .href(l.href ?? "#")) } } }
            }
        }
        if m.hasSummary {
            section(.class("card"), .aria("labelledby", "summary-title")) {
                h2("Sammanställning av områdena", .id("summary-title"))
                AreaSummaryView.table(m.summary)
            }
        }
        for area in m.areas {
            section(.class("card")) {
                h2(area.title)
                dl(.class("answers")) {
                    for l in area.lines {
                        dt { if let h = l.href { a(l.text, .href(h)) } else { l.text } }
                        dd(.class("unanswered", if: l.unanswered)) {
                            l.answer
                            if let s = l.source {
                                " "
                                span("(\(s))", .class("meta"))
                            }
                        }
                    }
                }
            }
        }
        if m.canComplete {
            postForm(Routes.assessmentComplete.link(m.responseId), csrf: m.csrf) {
                hiddenField("version", String(m.version))
                p("När delen är slutförd låses den. En rättelse görs sedan som en ny version med motivering.")
                submitButton("Slutför delen")
            }
        }
        if m.isReview { p { a("Tillbaka till formuläret", .href(Routes.assessment.link(m.responseId))) } }
        if m.canRevise {
            let f = FormState(errors: m.reasonError.map { [FieldError(field: "reason", message: $0)] } ?? [])
            postForm(Routes.assessmentRevise.link(m.responseId), csrf: m.csrf, class: "stack card") {
                h2("Rätta delen")
                f.textarea(
                    "reason", "Varför behöver delen rättas?",
                    hint: "Den slutförda versionen sparas som historik. Motiveringen visas för alla som läser delen.", value: m.reason, rows: 2)
                submitButton("Skapa en rättad version", secondary: true)
            }
        }
        if m.hasRevisions {
            titledSection("Versioner av delen", id: "revisions-title") {
                ul {
                    for r in m.revisions {
                        li {
                            if r.current {
                                strong(r.label)
                                " (visas)"
                            } else {
                                a(r.label, .href(r.href))
                            }
                            if let reason = r.reason { " – motivering: \(reason)" }
                        }
                    }
                }
            }
        }
        nextStepSection(m.nextSteps)
    }
}

/// The person's assessments: each instrument's parts with status, and every known answer with its source.
enum AssessmentOverviewView {
    @HTMLBuilder static func view(_ m: AssessmentOverviewPage) -> [Node] {
        p(.class("breadcrumb")) { a(m.personName, .href(Routes.person.link(m.personId))) }
        h1("Bedömningar – \(m.personName)")
        if m.hasShared {
            p(
                "Delar som den andra nämnden har gjort visas under personens samtycke, så länge samtycket gäller. De kan läsas men inte ändras.",
                .class("lead"), .id("shared-note"))
        }
        for i in m.instruments {
            section(.class("card")) {
                h2 {
                    i.title
                    " "
                    span("version \(i.version)", .class("meta"))
                }
                if let d = i.description { p(d, .class("lead")) }
                dataTable(
                    "Delar av \(i.title)", headers: ["Del", "Fylls i av", "Status", "Åtgärd"],
                    rows: i.parts.map { part in
                        [
                            .text(part.title), .text(part.owner),
                            .build {
                                if let shared = part.shared {
                                    span(.class("shared-record"), .data("shared-part", part.partId)) {
                                        "\(shared.text) – "
                                        a(.href(shared.href)) {
                                            "läs"
                                            span(" \(part.title)", .class("visually-hidden"))
                                        }
                                    }
                                } else {
                                    part.status
                                }
                            },
                            .build {
                                if let h = part.href {
                                    a(.href(h), .data("part", part.partId)) {
                                        "Öppna"
                                        span(" \(part.title)", .class("visually-hidden"))
                                    }
                                }
                                if part.canStart {
                                    postForm(Routes.personAssessments.link(m.personId), csrf: m.csrf, class: "inline-action") {
                                        hiddenField("instrument", part.instrumentId)
                                        hiddenField("part", part.partId)
                                        button(.type("submit")) {
                                            "Starta"
                                            span(" \(part.title)", .class("visually-hidden"))
                                        }
                                    }
                                }
                            },
                        ]
                    })
            }
        }
        titledSection("Det som redan är känt", id: "known-title") {
            p(
                "Senaste svaret på varje fråga som återkommer i bedömningarna, med var det kommer ifrån. Svaren fylls i i nästa del där frågan ställs, så att ingen fråga behöver ställas två gånger.",
                .class("lead"))
            if m.hasConcepts {
                dataTable("Kända svar", headers: ["Fråga", "Svar", "Källa"], rows: m.concepts.map { [.text($0.question), .text($0.answer), .text($0.source)] })
            } else {
                p("Inga svar ännu.")
            }
        }
    }
}

/// The unit's median active time per completed part.
enum UnitTimesView {
    @HTMLBuilder static func view(_ m: UnitTimesPage) -> [Node] {
        h1("Tid per bedömningsdel")
        p(
            "Mediantid för slutförda delar i \(m.unitName): aktiv tid från att delen öppnas tills den slutförs. Pauser längre än fem minuter räknas inte. Rättelser räknas inte.",
            .class("lead"))
        if m.hasRows {
            dataTable(
                "Tid per bedömningsdel", headers: ["Bedömning", "Del", "Slutförda", "Mediantid"],
                rows: m.rows.map { [.text($0.instrument), .text($0.part), .text(String($0.completed)), .text($0.median)] })
        } else {
            p("Enheten har inga slutförda delar ännu.")
        }
    }
}
