import Foundation
import SamsynDomain

/// The person's journal to print: the signed notes, newest first, with their corrections. Drafts are not printed.
enum JournalPrintPage {
    struct Model: Sendable {
        let personId: UUID
        let personName: String
        let numberLabel: String
        let number: String
        let committeeName: String
        let printedAt: String
        let notes: [JournalPage.Model.Note]

        static let mock = Model(
            personId: JournalPage.Model.mock.personId, personName: "Anna Andersson", numberLabel: "Personnummer", number: "19850714-1237",
            committeeName: "Spånga-Tensta stadsdelsnämnd", printedAt: "2026-12-01 kl. 16:00",
            notes: JournalPage.Model.mock.notes.filter { !$0.draft }.map {
                .init(
                    id: $0.id, heading: $0.heading, correctionOf: $0.correctionOf, draft: false, byLine: $0.byLine, sharedFrom: nil, corrections: $0.corrections,
                    text: $0.text, editHref: nil, signVersion: nil, correctHref: nil)
            })
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        div(.class("no-print actions")) {
            a("Tillbaka till journalen", .href(Routes.personJournal.link(m.personId)))
            button("Skriv ut", .type("button"), .data("print", ""), .hidden())
        }
        h1("Journal – \(m.personName)")
        // Lines, not the two-column facts grid: a committee's long name must wrap at 320 px.
        ul(.class("journal-facts")) {
            li("\(m.numberLabel): \(m.number)")
            li("Personakt hos \(m.committeeName)")
            li("Utskriven \(m.printedAt)")
        }
        p("Signerade journalanteckningar, senast först. Utkast skrivs inte ut.", .class("lead"))
        titledSection("Anteckningar", id: "notes") {
            if m.notes.isEmpty { p("Det finns inga signerade journalanteckningar.") }
            for n in m.notes { JournalPage.noteView(n, csrf: "") }
        }
    }
}
