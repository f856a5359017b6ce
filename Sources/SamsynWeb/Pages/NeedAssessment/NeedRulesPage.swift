import Foundation
import SamsynDomain

/// The need assessment's categories and rules, version by version; trying a version on the stored answers
/// (what-if) and taking one into use.
enum NeedRulesPage {
    struct Model: Sendable {
        struct WhatIf: Sendable {
            let heading: String
            let facts: [(String, String)]
            let transitions: [[String]]
            let distributionHeaders: [String]
            let distribution: [[String]]
        }
        struct Rule: Sendable {
            let category: String
            let when: String
            let explanation: String
        }
        struct Version: Sendable {
            let version: Int
            let title: String
            let description: String?
            let categories: [[String]]
            let rules: [Rule]
            /// In use now (it cannot be taken into use again).
            let active: Bool
        }
        let csrf: String
        let notice: String?
        let caps: NeedRulesCapabilities
        let versionOptions: [FormState.Option]
        let selectedVersion: String
        let form: FormState
        let result: WhatIf?
        let versions: [Version]

        static let mock = Model(
            csrf: "csrf-token", notice: "Regelversionen används nu för nya förslag.",
            caps: NeedRulesCapabilities(canTry: true, canReadFairness: true, canActivate: true),
            versionOptions: [.init("1", "Version 1 (används)"), .init("2", "Version 2")], selectedVersion: "2", form: .new,
            result: WhatIf(
                heading: "Resultat: version 2 jämfört med version 1", facts: [("Personer med svar", "12"), ("Skulle byta kategori", "<5")],
                transitions: [["A", "B", "<5"]], distributionHeaders: ["Kategori", "Version 1", "Version 2"], distribution: [["A", "7", "5"], ["B", "5", "7"]]),
            versions: [
                Version(
                    version: 1, title: "Första versionen", description: "Fyra kategorier.",
                    categories: [["Nära arbete", "Kort stöd mot arbete", "Jobbtorg", "Nej", "efter 3 månader"]],
                    rules: [Rule(category: "A", when: "i övriga fall", explanation: "Utgångsläget.")], active: true),
                Version(
                    version: 2, title: "Andra versionen", description: nil, categories: [["Nära arbete", "Kort stöd mot arbete", "Jobbtorg", "Ja", "efter 6 månader"]],
                    rules: [Rule(category: "B", when: "försörjningshinder är Ohälsa", explanation: "Hälsan först.")], active: false),
            ])
        static let mockRefused = Model(
            csrf: mock.csrf, notice: nil, caps: NeedRulesCapabilities(canTry: true, canReadFairness: false, canActivate: false),
            versionOptions: mock.versionOptions, selectedVersion: "2",
            form: FormState(
                refused: [FieldError(field: "definition", message: "Regelversionen kan inte användas: rad 1: ogiltig JSON")],
                submitted: ["version": [""], "definition": ["{"]]), result: nil, versions: mock.versions)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Behovsbedömning: kategorier och regler")
        if let n = m.notice { notice(n) }
        p(
            "Kategorierna och reglerna är data i versioner. En ny version kan prövas på de sparade svaren innan den tas i bruk. Reglerna får aldrig läsa kön, ålder, födelseland eller andra diskrimineringsgrunder; en sådan definition vägras när Samsyn startar.",
            .class("lead"))
        if m.caps.canReadFairness { linkLine(Routes.needFairness.link, "Rättviserapport: förslag och beslut per kön och åldersgrupp") }
        if m.caps.canTry { whatIf(m) }
        for v in m.versions {
            card("Version \(v.version): \(v.title)\(v.active ? " – används" : "")", id: "v\(v.version)") {
                if let d = v.description { p(d) }
                dataTable(
                    "Kategorier i version \(v.version)", headers: ["Kategori", "Innebär", "Leder", "Parallella insatser", "Följs upp"],
                    rows: v.categories.map { $0.map(Cell.text) })
                h3("Reglerna i tur och ordning")
                ol {
                    for r in v.rules {
                        li {
                            strong(r.category)
                            " om \(r.when). "
                            span(r.explanation, .class("hint"))
                        }
                    }
                }
                if !v.active, m.caps.canActivate {
                    postForm(Routes.needActivate.link, csrf: m.csrf) {
                        hiddenField("version", String(v.version))
                        submitButton("Ta version \(v.version) i bruk", secondary: true)
                    }
                }
            }
        }
    }

    static func whatIf(_ m: Model) -> Node {
        let f = m.form
        return card("Pröva en regelversion", id: "what-if") {
            p("Kör en version över alla sparade svar och se hur många som skulle byta kategori jämfört med versionen som används. Bara antal visas; färre än 5 personer visas som ”<5”.")
            f.errorSummary("Regelversionen kunde inte prövas")
            postForm(Routes.needWhatIf.link, csrf: m.csrf) {
                f.select("version", "Version att pröva", options: m.versionOptions, selected: m.selectedVersion, placeholder: "Välj en version")
                f.textarea(
                    "definition", "…eller klistra in en ny definition (JSON)",
                    hint: "Prövas utan att sparas. Den kontrolleras som en fil: okända begrepp och diskrimineringsgrunder vägras.", rows: 4)
                submitButton("Pröva")
            }
            if let r = m.result {
                h3(r.heading, .id("what-if-result"))
                facts(r.facts)
                dataTable("Byten av kategori", showCaption: true, headers: ["Från", "Till", "Personer"], rows: r.transitions.map { $0.map(Cell.text) })
                dataTable("Fördelning per kategori", showCaption: true, headers: r.distributionHeaders, rows: r.distribution.map { $0.map(Cell.text) })
            }
        }
    }
}
