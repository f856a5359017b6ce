import Foundation
import SamsynDomain

/// Recording the result of a work-ability instrument (AWP, DOA, WRI or another named one).
enum EpisodeAssessmentPage {
    struct Model: Sendable {
        struct Item: Sendable { let key: String; let label: String }
        struct Area: Sendable { let name: String; let items: [Item] }
        let csrf: String
        let episodeId: UUID
        let personName: String
        let code: String
        let instrumentName: String
        let purpose: String
        let scale: [String]
        let areas: [Area]
        let today: String
        let form: FormState

        var isOther: Bool { code == "other" }

        static let mock = Model(
            csrf: "csrf-token", episodeId: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!, personName: "Anna Andersson", code: "awp",
            instrumentName: "AWP", purpose: "Bedömning av arbetsfärdigheter", scale: ["Klarar inte", "Klarar med stöd", "Klarar"],
            areas: [Area(name: "Motorik", items: [Item(key: "motor.posture", label: "Hållning")])], today: "2026-12-01", form: .new)
        static let mockRefused = Model(
            csrf: "csrf-token", episodeId: mock.episodeId, personName: mock.personName, code: "awp", instrumentName: "AWP", purpose: mock.purpose,
            scale: mock.scale, areas: mock.areas, today: "2026-12-01",
            form: FormState(errors: [FieldError(field: "assessor", message: "Skriv vem som bedömde.")], values: ["rating.motor.posture": ["2"]]))
    }

    static func ratingId(_ key: String) -> String { "r-" + key.replacingOccurrences(of: ".", with: "-") }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a("Arbetsförmågeprövning: \(m.personName)", .href(Routes.episode.link(m.episodeId))) }
        h1(m.instrumentName)
        p(m.purpose, .class("lead"))
        f.errorSummary("Bedömningen sparades inte")
        postForm(Routes.episodeAssessments.link(m.episodeId), csrf: m.csrf) {
            hiddenField("instrument", m.code)
            if m.isOther { f.text("otherName", "Instrumentets namn") }
            f.date("assessedOn", "Datum för bedömningen", value: m.today)
            f.text("assessor", "Bedömare", hint: "Namn och yrke, till exempel ”Anna Berg, arbetsterapeut”.")
            f.textarea("summary", m.isOther ? "Resultat" : "Sammanfattning", hint: "Beskriv förmågor och stödbehov, inte brister i personen.", rows: 4)
            if !m.isOther {
                p("Skala: \(m.scale.enumerated().map { "\($0 + 1) = \($1.lowercased())" }.joined(separator: ", ")). Lämna ett område utan värde om det inte bedömdes.")
                for area in m.areas {
                    h2(area.name)
                    for item in area.items {
                        f.choices(
                            "rating.\(item.key)", item.label, options: m.scale.enumerated().map { FormState.Option(String($0 + 1), "\($0 + 1) – \($1)") },
                            id: ratingId(item.key))
                    }
                }
            }
            submitButton("Spara bedömningen")
        }
    }
}

/// The final report of a work-ability testing, for print.
enum WorkAbilityReportPage {
    struct Model: Sendable {
        let episodeId: UUID
        let personName: String
        let personNumber: String
        let printedOn: String
        let disclaimer: String
        let testingPeriod: String
        let testingOutcome: String
        let tried: [WorkAbilityReport.Tried]
        let placements: [WorkAbilityReport.Placement]
        let instruments: [WorkAbilityReport.InstrumentResult]
        let conclusion: WorkAbilityConclusion?
        let writtenBy: String

        static let mock = Model(
            episodeId: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!, personName: "Anna Andersson", personNumber: "19850714-1237",
            printedOn: "1 december 2026", disclaimer: WorkAbilityReport.disclaimer, testingPeriod: "1 oktober 2026 –", testingOutcome: "Pågår", tried: [],
            placements: [], instruments: [], conclusion: nil, writtenBy: "")
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb no-print")) { a("Tillbaka till prövningen", .href(Routes.episode.link(m.episodeId))) }
        article(.class("report")) {
            h1("Slutrapport: arbetsförmågeprövning")
            facts([
                ("Person", "\(m.personName), \(m.personNumber)"), ("Prövningens period", m.testingPeriod), ("Utfall", m.testingOutcome), ("Utskriven", m.printedOn),
            ])
            p(m.disclaimer, .class("notice"))
            titledSection("Insatser som har prövats", id: "r-tried") {
                dataTable(
                    "Insatser som har prövats", headers: ["Insats", "Anordnare", "Period", "Utfall", "Delmål"],
                    rows: m.tried.map { t in
                        [
                            .build {
                                t.intervention
                                br()
                                span(t.type, .class("meta"))
                            }, .text(t.provider), .text(t.period), .text(t.outcome), .text(t.subGoal ?? ""),
                        ]
                    })
            }
            titledSection("Placeringar under prövningen", id: "r-placements") {
                for pl in m.placements {
                    h3(pl.workplace)
                    p("\(pl.support), \(pl.period)\(pl.hours.map { ", \($0)" } ?? "")", .class("meta"))
                    p {
                        strong("Uppgifter:")
                        " \(pl.tasks)"
                    }
                    p {
                        strong("Iakttagelser:")
                        " \(pl.observations)"
                    }
                }
                if m.placements.isEmpty { p("Inga placeringar registrerade.") }
            }
            titledSection("Bedömningsinstrument", id: "r-instruments") {
                for i in m.instruments {
                    h3("\(i.name), \(i.date)")
                    p("Bedömare: \(i.assessor)", .class("meta"))
                    h4("Det som fungerar")
                    ul {
                        for s in i.strengths { li(s) }
                        if i.strengths.isEmpty { li("Inga områden bedömdes som styrkor.") }
                    }
                    h4("Där personen behöver stöd")
                    ul {
                        for s in i.supportNeeds { li(s) }
                        if i.supportNeeds.isEmpty { li("Inga områden med stödbehov.") }
                    }
                    p(i.summary)
                }
                if m.instruments.isEmpty { p("Inga instrument använda.") }
            }
            titledSection("Slutsats", id: "r-conclusion") {
                if let c = m.conclusion {
                    h3("Förmågor")
                    p(c.abilities)
                    h3("Anpassningar och stöd")
                    p(c.adaptations)
                    h3("Rekommendation")
                    p(c.recommendation)
                    p("Skriven av \(m.writtenBy).", .class("meta"))
                } else {
                    p("Slutsatsen är inte skriven ännu.")
                }
            }
        }
        p("Skriv ut med webbläsarens utskrift (Ctrl+P). Menyer och länkar kommer inte med på papperet.", .class("no-print hint"))
    }
}

/// Managers' figures: occupancy, queue length and waiting times per intervention and district.
enum InterventionFiguresPage {
    struct Model: Sendable {
        struct Line: Sendable { let name: String; let isTotal: Bool; let taken: String; let waiting: Int; let medianWaiting: String; let medianToOffer: String }
        struct Block: Sendable { let id: String; let name: String; let type: String; let lines: [Line] }
        /// Offers in the period and how many went to someone other than the first in line, with reasons.
        struct Offers: Sendable {
            let period: String
            let offers: Int
            let outOfOrder: Int
            let lapsed: Int
            let byReason: [[String]]
            let byIntervention: [[String]]
        }
        let blocks: [Block]
        let asOf: String
        /// The period asked for (and its errors); the offers' figures, or nil when the period was refused.
        var form: FormState = FormState(values: ["from": ["2026-01-01"], "to": ["2026-12-01"]])
        var offers: Offers? = nil

        static let mock = Model(
            blocks: [
                Block(
                    id: "resurs-arbetstraning", name: "Arbetsträning Resurs", type: "Arbetsträning",
                    lines: [
                        Line(name: "Spånga-Tensta", isTotal: false, taken: "4 av 6", waiting: 12, medianWaiting: "39 dagar", medianToOffer: "21 dagar"),
                        Line(name: "Hela staden", isTotal: true, taken: "12 av 20", waiting: 41, medianWaiting: "30 dagar", medianToOffer: "1 dag"),
                    ])
            ], asOf: "2026-12-01 kl. 08:00",
            offers: Offers(
                period: "2026-01-01–2026-12-01", offers: 14, outOfOrder: 3, lapsed: 1,
                byReason: [
                    ["De som står före kan inte börja nu", "2"], ["Insatsen passar personens plan och behov tydligt bättre", "1"],
                    ["Personen behöver börja nu (tidsgräns i planen eller beslut)", "0"], ["Annat skäl", "0"],
                ],
                byIntervention: [["Arbetsträning Resurs", "14", "3", "1"]]))

        static let mockRefused = Model(
            blocks: [], asOf: "2026-12-01 kl. 08:00",
            form: FormState(errors: [FieldError(field: "to", message: "Periodens sista dag kan inte vara före den första.")], values: ["from": ["2026-12-01"], "to": ["2026-01-01"]]),
            offers: nil)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Platser och köer")
        p("Beläggning, kölängd och väntetider per insats och stadsdel, \(m.asOf). Bara antal, inga personer.", .class("lead"))
        p(
            "Tagna platser är erbjudna och accepterade platser. Väntetid i kön är medianen för dem som väntar nu; tid till erbjudande är medianen för erbjudanden det senaste året."
        )
        for b in m.blocks {
            section(.class("card"), .aria("labelledby", "f-\(b.id)")) {
                h2(.id("f-\(b.id)")) {
                    b.name
                    " "
                    span(b.type, .class("meta"))
                }
                table(.class("data"), .role("table")) {
                    caption("Platser och köer för \(b.name)", .class("visually-hidden"))
                    thead(.role("rowgroup")) {
                        tr(.role("row")) {
                            for h in ["Stadsdel", "Tagna platser", "Väntar", "Väntat hittills (median)", "Tid till erbjudande (median)"] { th(h, .scope("col"), .role("columnheader")) }
                        }
                    }
                    tbody(.role("rowgroup")) {
                        for l in b.lines {
                            tr(.class("total", if: l.isTotal), .role("row")) {
                                th(l.name, .scope("row"), .role("rowheader"))
                                td(l.taken, .role("cell"), .data("label", "Tagna platser"))
                                td(String(l.waiting), .role("cell"), .data("label", "Väntar"))
                                td(l.medianWaiting, .role("cell"), .data("label", "Väntat hittills (median)"))
                                td(l.medianToOffer, .role("cell"), .data("label", "Tid till erbjudande (median)"))
                            }
                        }
                    }
                }
            }
        }
        if m.blocks.isEmpty { p("Ingen står i kö till någon insats.") }
        offers(m)
    }

    /// The order rule and the offers that departed from it, for a period.
    @HTMLBuilder static func offers(_ m: Model) -> [Node] {
        let f = m.form
        card("Erbjudanden och köordningen", id: "offer-order") {
            p(
                "Platser erbjuds i tur och ordning: först de med förtur (med ett skriftligt skäl), sedan den som väntat längst. Den som erbjuder en plats till någon annan än den första i tur, bland sin nämnds väntande som kan få platsen, skriver ett skäl. Ett erbjudande som inte besvaras senast sista svarsdagen förfaller; personen står kvar i kön med sin kötid."
            )
            f.errorSummary("Siffrorna kunde inte tas fram")
            form(.method("get"), .action(Routes.interventionFigures.link + "#offer-order"), .class("stack"), .novalidate()) {
                f.date("from", "Erbjudanden från och med")
                f.date("to", "Till och med")
                submitButton("Visa")
            }
            if let o = m.offers {
                facts([
                    ("Period", o.period), ("Erbjudanden", String(o.offers)), ("Erbjudanden utanför ordning", String(o.outOfOrder)),
                    ("Förfallna utan svar", String(o.lapsed)),
                ])
                dataTable(
                    "Erbjudanden utanför ordning per skäl, \(o.period)", showCaption: true, headers: ["Skäl", "Erbjudanden utanför ordning"],
                    rows: o.byReason.map { $0.map(Cell.text) })
                if !o.byIntervention.isEmpty {
                    dataTable(
                        "Erbjudanden per insats, \(o.period)", showCaption: true, headers: ["Insats", "Erbjudanden", "Utanför ordning", "Förfallna"],
                        rows: o.byIntervention.map { $0.map(Cell.text) })
                }
            }
        }
    }
}

/// The city's intervention catalogue: counts only, no personal data.
enum CataloguePage {
    struct Model: Sendable {
        struct Row: Sendable {
            let id: String; let name: String; let type: String; let targetGroup: String; let description: String; let length: String; let places: String
            let waiting: Int; let allotments: String?
        }
        struct Provider: Sendable { let name: String; let kind: String; let committee: String; let rows: [Row] }
        let providers: [Provider]
        let count: Int
        let canQueue: Bool
        /// A Jobbtorg caseworker or manager: the unit's sessions and roll-call are linked.
        var showSessions = false

        static let mock = Model(
            providers: [
                Provider(
                    name: "Jobbtorg Resurs", kind: "Kommunal", committee: "Arbetsmarknadsnämnden",
                    rows: [
                        Row(
                            id: "resurs-arbetstraning", name: "Arbetsträning Resurs", type: "Arbetsträning", targetGroup: "Långt från arbetsmarknaden",
                            description: "Träning i arbete med handledare.", length: "Cirka 12 veckor", places: "12 av 20 tagna", waiting: 41,
                            allotments: "Reserverade: Spånga-Tensta 6")
                    ])
            ], count: 1, canQueue: true)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Insatser i staden")
        p(
            "Hela stadens utbud, \(m.count) insatser: se vad som redan finns innan en ny insats byggs upp. Platser och köer visas som antal.",
            .class("lead"))
        if m.showSessions { linkLine(Routes.groupSessions.link, "Pass och upprop för era gruppinsatser") }
        for pr in m.providers {
            section(.class("card")) {
                h2 {
                    pr.name
                    " "
                    span("\(pr.kind), \(pr.committee)", .class("meta"))
                }
                dataTable(
                    "Insatser hos \(pr.name)", headers: ["Insats", "Typ", "Målgrupp", "Längd", "Platser", "I kö"],
                    rows: pr.rows.map { r in
                        [
                            .build {
                                strong { m.canQueue ? a(r.name, .href(Routes.queue.link(r.id))) : .text(r.name) }
                                br()
                                span(r.description, .class("meta"))
                            },
                            .text(r.type), .text(r.targetGroup), .text(r.length),
                            .build {
                                r.places
                                if let al = r.allotments {
                                    br()
                                    span(al, .class("meta"))
                                }
                            },
                            .text(String(r.waiting)),
                        ]
                    })
            }
        }
        if m.providers.isEmpty { p("Katalogen är tom.") }
    }
}
