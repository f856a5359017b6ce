import Foundation
import SamsynDomain

/// A person's queue places and participation.
enum PersonInterventionsPage {
    struct Model: Sendable {
        struct EntryLine: Sendable {
            let intervention: String; let interventionId: String; let queuedAt: String; let status: String; let startEntryId: UUID?; let priorityReason: String?
        }
        struct EpisodeLine: Sendable { let episodeId: UUID; let intervention: String; let type: String; let period: String; let outcome: String; let subGoal: String? }
        let personId: String
        let personName: String
        let notice: String?
        let entries: [EntryLine]
        let episodes: [EpisodeLine]
        let canManage: Bool

        static let mock = Model(
            personId: "00000000-0000-0000-0000-000000000001", personName: "Anna Andersson", notice: nil,
            entries: [
                EntryLine(
                    intervention: "Arbetsträning Resurs", interventionId: "resurs-arbetstraning", queuedAt: "2026-10-01", status: "Har plats",
                    startEntryId: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, priorityReason: "Skyddat boende")
            ],
            episodes: [
                EpisodeLine(
                    episodeId: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!, intervention: "Svenska för arbete", type: "Utbildning",
                    period: "1 mars 2026 – 30 juni 2026", outcome: "Genomförd", subGoal: "Klara ett samtal på svenska")
            ], canManage: true)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb")) { a(m.personName, .href(Routes.person.link(m.personId))) }
        h1("Insatser för \(m.personName)")
        if let n = m.notice { notice(n) }
        p("Köplatser och deltagande som din nämnd har registrerat.", .class("lead"))
        if m.canManage {
            p {
                a("Ställ i kö till en insats", .href(Routes.personQueue.link(m.personId)))
                " · "
                a("Starta deltagande i en insats utan kö", .href(Routes.personEpisodeNew.link(m.personId)))
            }
        }
        titledSection("I kö eller med plats", id: "h-queue") {
            if m.entries.isEmpty {
                p("Personen står inte i någon kö.")
            } else {
                dataTable(
                    "Köplatser", headers: ["Insats", "Köade", "Status", "Åtgärd"],
                    rows: m.entries.map { e in
                        [
                            .build {
                                a(e.intervention, .href(Routes.queue.link(e.interventionId)))
                                if let r = e.priorityReason {
                                    br()
                                    span("Förtur: \(r)", .class("tag"))
                                }
                            },
                            .text(e.queuedAt), .text(e.status),
                            .build {
                                if let entry = e.startEntryId {
                                    a(.class("button"), .href(Routes.personEpisodeNew.link(m.personId) + "?entry=\(entry.uuidString.lowercased())")) {
                                        "Starta deltagande"
                                        span(" i \(e.intervention)", .class("visually-hidden"))
                                    }
                                }
                            },
                        ]
                    })
            }
        }
        titledSection("Deltagande", id: "h-episodes") {
            if m.episodes.isEmpty {
                p("Inget deltagande registrerat.")
            } else {
                dataTable(
                    "Deltagande", headers: ["Insats", "Period", "Utfall", "Delmål"],
                    rows: m.episodes.map { e in
                        [
                            .build {
                                a(e.intervention, .href(Routes.episode.link(e.episodeId)))
                                br()
                                span(e.type, .class("meta"))
                            },
                            .text(e.period), .text(e.outcome), .text(e.subGoal ?? ""),
                        ]
                    })
            }
        }
    }
}

/// Starting a participation, from an accepted place or in an intervention without places.
enum EpisodeNewPage {
    struct Model: Sendable {
        let csrf: String
        let personId: String
        let personName: String
        /// The intervention of the accepted place the participation starts from.
        let fromPlace: (entryId: String, interventionId: String, interventionName: String)?
        let interventions: [FormState.Option]
        let selected: String
        let start: String
        let plannedEnd: String
        let subGoal: String
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", personId: "00000000-0000-0000-0000-000000000001", personName: "Anna Andersson", fromPlace: nil,
            interventions: [FormState.Option("svenska-for-arbete", "Svenska för arbete (Utbildning)")], selected: "", start: "2026-12-01", plannedEnd: "",
            subGoal: "", form: .new)
        static let mockRefused = Model(
            csrf: "csrf-token", personId: mock.personId, personName: mock.personName,
            fromPlace: (entryId: "00000000-0000-0000-0000-0000000000a1", interventionId: "resurs-arbetstraning", interventionName: "Arbetsträning Resurs"),
            interventions: [], selected: "resurs-arbetstraning", start: "2026-13-01", plannedEnd: "", subGoal: "",
            form: FormState(errors: [FieldError(field: "start", message: "Skriv ett datum som ÅÅÅÅ-MM-DD.")], values: ["start": ["2026-13-01"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a("Insatser för \(m.personName)", .href(Routes.personInterventions.link(m.personId))) }
        h1("Starta deltagande för \(m.personName)")
        f.errorSummary("Deltagandet startades inte")
        postForm(Routes.personEpisodes.link(m.personId), csrf: m.csrf) {
            if let place = m.fromPlace {
                hiddenField("entry", place.entryId)
                hiddenField("intervention", place.interventionId)
                p(.id("intervention")) {
                    "Insats: "
                    strong(place.interventionName)
                    " (personen har tackat ja till en plats)."
                }
                if let e = f.error("intervention") { FormState.errorLine(id: "intervention", e) }
            } else {
                f.select(
                    "intervention", "Insats", options: m.interventions, selected: m.selected, placeholder: "Välj insats",
                    hint: "Här finns insatser utan platstak. Till en insats med platser ställs personen i kö, och deltagandet startas från platsen.")
            }
            f.date("start", "Startdatum", value: m.start)
            f.date("plannedEnd", "Planerat slut", value: m.plannedEnd, hint: "Skriv som ÅÅÅÅ-MM-DD. Lämna tomt om det inte är bestämt.")
            f.textarea(
                "subGoal", "Delmål i planen som insatsen ska leda mot",
                hint: "Skriv delmålet konkret, till exempel ”Klara fyra timmars arbetsdag tre dagar i veckan”.", value: m.subGoal, rows: 2)
            submitButton("Starta deltagandet")
        }
    }
}

/// One participation: facts, and for a work-ability testing its placements, instruments and conclusion;
/// ending it while it runs.
enum EpisodePage {
    /// The forms on the page; a refused one comes back with its values and errors.
    enum Form: String, Sendable {
        case end, placement, conclusion

        var idPrefix: String {
            switch self {
            case .end: "end-"
            case .placement: "pl-"
            case .conclusion: "c-"
            }
        }
        var firstField: String {
            switch self {
            case .end: "actualEnd"
            case .placement: "workplace"
            case .conclusion: "abilities"
            }
        }
        var refusedTitle: String {
            switch self {
            case .end: "Deltagandet avslutades inte"
            case .placement: "Placeringen sparades inte"
            case .conclusion: "Slutsatsen sparades inte"
            }
        }
    }

    struct Model: Sendable {
        struct PlacementLine: Sendable { let workplace: String; let support: String; let period: String; let hours: String?; let tasks: String; let observations: String }
        struct AssessmentLine: Sendable { let name: String; let date: String; let assessor: String; let ratings: [(String, String)]; let summary: String }
        struct InstrumentLink: Sendable { let code: String; let name: String; let purpose: String }
        struct Conclusion: Sendable { let abilities: String; let adaptations: String; let recommendation: String; let version: Int; let writtenBy: String? }
        let csrf: String
        let episodeId: UUID
        let personId: UUID
        let personName: String
        let interventionName: String
        let notice: String?
        let facts: [(String, String)]
        let canWrite: Bool
        let isOpen: Bool
        let version: Int
        let today: String
        let isTesting: Bool
        let placements: [PlacementLine]
        let assessments: [AssessmentLine]
        let instruments: [InstrumentLink]
        let conclusion: Conclusion
        /// The refused form, if any.
        let refused: (form: Form, state: FormState)?

        func state(_ f: Form) -> FormState { refused?.form == f ? refused!.state : FormState(idPrefix: f.idPrefix) }

        static let mock = Model(
            csrf: "csrf-token", episodeId: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!,
            personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", interventionName: "Arbetsförmågeprövning",
            notice: "Placeringen är sparad.", facts: [("Insats", "Arbetsförmågeprövning (Arbetsförmågeprövning)"), ("Start", "1 oktober 2026")],
            canWrite: true, isOpen: true, version: 3, today: "2026-12-01", isTesting: true,
            placements: [
                PlacementLine(
                    workplace: "Café <Kista>", support: "Supported Employment", period: "1 okt 2026 –", hours: "20 tim/vecka", tasks: "Disk",
                    observations: "Fungerar bra på förmiddagar")
            ],
            assessments: [AssessmentLine(name: "AWP", date: "15 oktober 2026", assessor: "Anna Berg, arbetsterapeut", ratings: [("Hållning", "Klarar")], summary: "Bra uthållighet.")],
            instruments: [InstrumentLink(code: "awp", name: "AWP", purpose: "Bedömning av arbetsfärdigheter")],
            conclusion: Conclusion(abilities: "", adaptations: "", recommendation: "", version: 0, writtenBy: nil), refused: nil)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb")) { a("Insatser för \(m.personName)", .href(Routes.personInterventions.link(m.personId))) }
        h1("\(m.interventionName): \(m.personName)")
        if let n = m.notice { notice(n) }
        if let r = m.refused { r.state.errorSummary(r.form.refusedTitle) }
        facts(m.facts)
        if m.isTesting { testing(m) }
        if m.isOpen && m.canWrite {
            let f = m.state(.end)
            titledSection("Avsluta deltagandet", id: "h-end") {
                formDisclosure("Avsluta deltagandet", id: "end-disclosure", open: m.refused?.form == .end) {
                    postForm(Routes.episodeEnd.link(m.episodeId), csrf: m.csrf) {
                        hiddenField("version", String(m.version))
                        f.date("actualEnd", "Sista dagen i insatsen", value: m.today)
                        f.choices("outcome", "Utfall", options: Episode.Outcome.allCases.map { FormState.Option($0.rawValue, $0.swedishName) })
                        f.textarea("interruptionReason", "Skäl till avbrottet", hint: "Fyll i om deltagandet avbröts.", rows: 2)
                        submitButton("Avsluta deltagandet")
                    }
                }
            }
        }
    }

    @HTMLBuilder static func testing(_ m: Model) -> [Node] {
        titledSection("Placeringar", id: "h-placements") {
            if m.placements.isEmpty {
                p("Ingen placering registrerad ännu.")
            } else {
                dataTable(
                    "Placeringar", headers: ["Arbetsplats", "Stöd", "Period", "Uppgifter och iakttagelser"],
                    rows: m.placements.map { pl in
                        [
                            .build {
                                pl.workplace
                                if let h = pl.hours {
                                    br()
                                    span(h, .class("meta"))
                                }
                            },
                            .text(pl.support), .text(pl.period),
                            .build {
                                pl.tasks
                                br()
                                span(pl.observations, .class("meta"))
                            },
                        ]
                    })
            }
            if m.canWrite {
                let f = m.state(.placement)
                formDisclosure("Lägg till en placering", id: "placement-disclosure", open: m.refused?.form == .placement) {
                    postForm(Routes.episodePlacements.link(m.episodeId), csrf: m.csrf) {
                        f.text("workplace", "Arbetsplats")
                        f.textarea("tasks", "Arbetsuppgifter", rows: 2)
                        f.date("start", "Placeringens första dag")
                        f.date("end", "Placeringens sista dag", hint: "Skriv som ÅÅÅÅ-MM-DD. Tomt om placeringen pågår.")
                        f.text("hoursPerWeek", "Timmar i veckan", kind: .numeric, short: true)
                        f.textarea("observations", "Iakttagelser", hint: "Vad fungerade, vad var svårt, vilket stöd behövdes.", rows: 3)
                        f.choices("support", "Stöd på arbetsplatsen", options: WorkPlacement.Support.allCases.map { FormState.Option($0.rawValue, $0.swedishName) })
                        submitButton("Spara placeringen")
                    }
                }
            }
        }
        titledSection("Bedömningsinstrument", id: "h-instruments") {
            for a in m.assessments {
                div(.class("card")) {
                    h3("\(a.name), \(a.date)")
                    p("Bedömare: \(a.assessor)", .class("meta"))
                    if !a.ratings.isEmpty { facts(a.ratings) }
                    p(a.summary)
                }
            }
            if m.assessments.isEmpty { p("Inget instrument använt ännu.") }
            if m.canWrite {
                p("Registrera resultat:")
                ul {
                    for i in m.instruments {
                        li {
                            a(i.name, .href(Routes.episodeAssessmentNew.link(m.episodeId) + "?instrument=\(i.code)"))
                            " "
                            span(i.purpose, .class("meta"))
                        }
                    }
                }
            }
        }
        titledSection("Slutsats", id: "h-conclusion") {
            p("Beskriv vad personen klarar, vad som fungerade och vilket stöd som behövs. Rapporten är inte ett utlåtande om arbetsoförmåga.")
            if let by = m.conclusion.writtenBy { p(by, .class("meta")) }
            if m.canWrite {
                let f = m.state(.conclusion)
                postForm(Routes.episodeConclusion.link(m.episodeId), csrf: m.csrf) {
                    hiddenField("version", String(m.conclusion.version))
                    f.textarea("abilities", "Förmågor: vad personen klarar och vad som fungerade", value: m.conclusion.abilities, rows: 4)
                    f.textarea("adaptations", "Anpassningar och stöd som behövs", value: m.conclusion.adaptations, rows: 3)
                    f.textarea("recommendation", "Rekommendation: vad som kan hjälpa personen vidare", value: m.conclusion.recommendation, rows: 3)
                    submitButton("Spara slutsatsen")
                }
            }
            p(.class("primary-link")) { a("Slutrapport (utskrift)", .href(Routes.episodeReport.link(m.episodeId))) }
        }
    }
}
