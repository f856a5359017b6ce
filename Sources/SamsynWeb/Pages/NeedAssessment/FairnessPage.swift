import Foundation
import SamsynDomain

/// The fairness report: suggestions and decisions per gender and age group, and how often a decision departs
/// from the suggestion, for a period.
enum FairnessPage {
    struct Model: Sendable {
        struct Table: Sendable {
            let caption: String
            let headers: [String]
            let rows: [[String]]
        }
        struct Section: Sendable {
            let title: String
            let id: String
            let suggested: Table
            let decided: Table
        }
        /// The period asked for, and its errors when it could not be read.
        let form: FormState
        /// The report's sections, or nil when the period was refused.
        let sections: [Section]?

        static let mock = Model(
            form: FormState(values: ["from": ["2026-01-01"], "to": ["2026-10-05"]]),
            sections: [
                Section(
                    title: "Per kön, 2026-01-01–2026-10-05", id: "by-gender",
                    suggested: Table(
                        caption: "Förslagen per kön", headers: ["Grupp", "Beslut", "Förslag A", "Förslag oklart"],
                        rows: [["Kvinna", "12", "7", "5"], ["Man", "<5", "<5", "<5"], ["Totalt", "15", "9", "6"]]),
                    decided: Table(
                        caption: "Besluten och avvikelserna per kön", headers: ["Grupp", "Beslut A", "Avvikelser", "Andel avvikelser"],
                        rows: [["Kvinna", "12", "<5", "–"], ["Man", "<5", "0", "0 %"], ["Totalt", "15", "<5", "–"]]))
            ])
        static let mockRefused = Model(
            form: FormState(errors: [FieldError(field: "from", message: "Skriv ett datum som ÅÅÅÅ-MM-DD.")], values: ["from": ["2026-13-01"], "to": ["2026-10-05"]]),
            sections: nil)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        h1("Rättviserapport för behovsbedömningen")
        p(
            "Hur förslagen och besluten fördelar sig per kön (juridiskt kön enligt personnumret) och åldersgrupp, och hur ofta beslutet avviker från förslaget. Reglerna läser inte kön eller ålder; rapporten visar om utfallet ändå skiljer sig. Färre än 5 visas som ”<5”.",
            .class("lead"))
        f.errorSummary("Rapporten kunde inte tas fram")
        form(.method("get"), .action(Routes.needFairness.link), .class("stack"), .novalidate()) {
            f.date("from", "Beslut från och med")
            f.date("to", "Till och med")
            submitButton("Visa")
        }
        if let sections = m.sections {
            for s in sections {
                card(s.title, id: s.id) {
                    dataTable(s.suggested.caption, showCaption: true, headers: s.suggested.headers, rows: s.suggested.rows.map { $0.map(Cell.text) })
                    dataTable(s.decided.caption, showCaption: true, headers: s.decided.headers, rows: s.decided.rows.map { $0.map(Cell.text) })
                }
            }
            p("Andel avvikelser räknas på beslut med ett förslag (inte oklart). ”–” betyder att siffran döljs för att en cell med färre än 5 annars skulle kunna räknas fram.", .class("hint"))
        }
    }
}
