import Foundation
import SamsynDomain

/// The Jobbtorg unit's group-information sessions, which the districts book people on when they refer.
enum SessionsPage {
    struct Model: Sendable {
        let csrf: String
        let unitName: String
        let notice: String?
        /// When, where, places and booked.
        let sessions: [[String]]
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", unitName: "Jobbtorg Väst", notice: "Tillfället är tillagt.", sessions: [["2026-10-12 09:30", "Jobbtorg Väst, rum Informationen", "20", "8"]],
            form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, unitName: mock.unitName, notice: nil, sessions: mock.sessions,
            form: FormState(
                refused: [FieldError(field: "startsOn", message: "Skriv ett datum som ÅÅÅÅ-MM-DD.")],
                submitted: ["startsOn": ["i morgon"], "time": ["09:30"], "location": ["Jobbtorg Väst"], "places": ["20"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        h1("Gruppinformation – \(m.unitName)")
        if let n = m.notice { notice(n) }
        p("Stadsdelarna bokar in personer på de här tillfällena när de remitterar. Personen skrivs in på tillfället.", .class("lead"))
        dataTable("Kommande tillfällen", showCaption: true, headers: ["När", "Var", "Platser", "Bokade"], rows: m.sessions.map { $0.map(Cell.text) })
        card("Lägg till ett tillfälle", id: "new-session") {
            f.errorSummary("Tillfället sparades inte")
            postForm(Routes.informationSessions.link, csrf: m.csrf) {
                f.date("startsOn", "Datum")
                f.text("time", "Tid", hint: "TT:MM, till exempel 09:30.", value: "09:30", short: true)
                f.text("location", "Plats", value: "\(m.unitName), rum Informationen")
                f.text("places", "Antal platser", value: "20", kind: .numeric, short: true)
                submitButton("Lägg till tillfället")
            }
        }
    }
}
