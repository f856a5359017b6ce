import Foundation
import SamsynDomain

/// The person's journal (journalanteckningar): the notes newest first, the form to write one, drafts to change
/// and sign, and the way to correct a signed note. A signed note is shown as it was signed, with its corrections.
enum JournalPage {
    struct Model: Sendable {
        /// A link to another note on the page, or a plain label when it is not shown here.
        struct Reference: Sendable {
            let label: String
            let href: String?
        }
        struct Note: Sendable {
            let id: UUID
            /// "Telefon 2026-11-30".
            let heading: String
            /// The note this one corrects.
            let correctionOf: Reference?
            let draft: Bool
            /// Who wrote and signed it, and at which unit.
            let byLine: String
            /// The other committee's name, when the note is read under consent.
            let sharedFrom: String?
            let corrections: [Reference]
            let text: String
            let editHref: String?
            /// The version to sign at, when the reader may sign it.
            let signVersion: Int?
            let correctHref: String?
        }
        let csrf: String
        let personId: UUID
        let personName: String
        let committeeName: String
        let notice: String?
        /// Shown when some notes are the other committee's, read under consent.
        let sharedNote: String?
        let canWrite: Bool
        let today: String
        let form: FormState
        let notes: [Note]

        static let kinds: [FormState.Option] = JournalNote.Kind.allCases.map { .init($0.rawValue, $0.swedishName) }

        static let mock = Model(
            csrf: "csrf-token", personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson",
            committeeName: "Spånga-Tensta stadsdelsnämnd", notice: nil, sharedNote: nil, canWrite: true, today: "2026-12-01", form: .new,
            notes: [
                Note(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000a3")!, heading: "Telefon 2026-12-01", correctionOf: nil, draft: true,
                    byLine: "Skriven av Sara Socialsekreterare, Spånga-Tensta ekonomiskt bistånd. Inte signerad.", sharedFrom: nil, corrections: [],
                    text: "Anna ringde och bokade om besöket.\nNy tid 2026-12-08.", editHref: Routes.journalNote.link("00000000-0000-0000-0000-0000000000a3"),
                    signVersion: 1, correctHref: nil),
                Note(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000a2")!, heading: "Besök 2026-11-30",
                    correctionOf: Reference(label: "Rättelse av anteckning 2026-11-30", href: "#note-00000000-0000-0000-0000-0000000000a1"), draft: false,
                    byLine: "Skriven av Sara Socialsekreterare, Spånga-Tensta ekonomiskt bistånd. Signerad 2026-11-30 kl. 15:10 av Sara Socialsekreterare.",
                    sharedFrom: nil, corrections: [], text: "Rätt datum för nästa besök är 2026-12-08, inte 2026-12-06.", editHref: nil, signVersion: nil,
                    correctHref: Routes.journalNoteCorrect.link("00000000-0000-0000-0000-0000000000a2")),
                Note(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, heading: "Besök 2026-11-30", correctionOf: nil, draft: false,
                    byLine: "Skriven av Sara Socialsekreterare, Spånga-Tensta ekonomiskt bistånd. Signerad 2026-11-30 kl. 14:02 av Sara Socialsekreterare.",
                    sharedFrom: nil,
                    corrections: [Reference(label: "Rättad genom anteckning Besök 2026-11-30, signerad 2026-11-30 kl. 15:10", href: "#note-00000000-0000-0000-0000-0000000000a2")],
                    text: "Nybesök. Anna söker arbete inom vården. Nästa besök 2026-12-06.", editHref: nil, signVersion: nil,
                    correctHref: Routes.journalNoteCorrect.link("00000000-0000-0000-0000-0000000000a1")),
            ])
        static let mockRefused = Model(
            csrf: mock.csrf, personId: mock.personId, personName: mock.personName, committeeName: mock.committeeName, notice: nil, sharedNote: nil, canWrite: true,
            today: mock.today,
            form: FormState(
                refused: [
                    FieldError(field: "eventDate", message: "Datumet för händelsen kan inte ligga i framtiden (i dag är det 2026-12-01). Anteckna händelsen när den har ägt rum."),
                    FieldError(field: "text", message: "Skriv anteckningen. Den kan inte vara tom."),
                ], submitted: ["kind": ["phone"], "eventDate": ["2026-12-24"], "text": [""]]),
            notes: [])
        /// The other committee's view: read-only, under consent.
        static let mockShared = Model(
            csrf: mock.csrf, personId: mock.personId, personName: mock.personName, committeeName: "Arbetsmarknadsnämnden", notice: nil,
            sharedNote: "Anteckningar från Spånga-Tensta stadsdelsnämnd visas med stöd av personens samtycke. De kan bara läsas här.", canWrite: true,
            today: mock.today, form: .new,
            notes: [
                Note(
                    id: mock.notes[2].id, heading: mock.notes[2].heading, correctionOf: nil, draft: false, byLine: mock.notes[2].byLine,
                    sharedFrom: "Spånga-Tensta stadsdelsnämnd", corrections: [], text: mock.notes[2].text, editHref: nil, signVersion: nil, correctHref: nil)
            ])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a("Personakt – \(m.personName)", .href(Routes.person.link(m.personId))) }
        h1("Journal – \(m.personName)")
        if let n = m.notice { notice(n) }
        f.errorSummary("Anteckningen sparades inte")
        CaseFormParts.generalError(f)
        p(
            "Journalanteckningar i personakten hos \(m.committeeName), senast först. En signerad anteckning kan inte ändras. Ett fel rättas med en ny anteckning som pekar på den gamla.",
            .class("lead"))
        if let s = m.sharedNote { p(s, .class("tag")) }
        p(.class("no-print")) { a("Skriv ut journalen", .href(Routes.personJournalPrint.link(m.personId))) }
        if m.canWrite {
            card("Skriv en anteckning", id: "new-note") {
                postForm(Routes.personJournal.link(m.personId), csrf: m.csrf) {
                    noteFields(f, kind: "", eventDate: m.today, text: "")
                    div(.class("actions")) {
                        submitButton("Spara utkast", name: "action", value: "draft")
                        submitButton("Spara och signera", secondary: true, name: "action", value: "sign")
                    }
                }
            }
        }
        titledSection("Anteckningar", id: "notes") {
            if m.notes.isEmpty { p("Det finns inga journalanteckningar att visa.") }
            for n in m.notes { noteView(n, csrf: m.csrf) }
        }
    }

    /// The fields of a note: kind, date of the event, text. Shared by the new-note, draft and correction forms.
    @HTMLBuilder static func noteFields(_ f: FormState, kind: String, eventDate: String, text: String) -> [Node] {
        f.choices("kind", "Vad gäller anteckningen?", options: Model.kinds, selected: kind.isEmpty ? [] : [kind], required: true)
        f.date("eventDate", "Datum för händelsen", value: eventDate, hint: "Skriv som ÅÅÅÅ-MM-DD. Inte senare än i dag.", required: true)
        f.textarea("text", "Anteckning", hint: "Högst \(JournalRules.maxTextLength) tecken. Skriv vad som hände och vad som sades, sakligt.", value: text, rows: 6, required: true)
    }

    @HTMLBuilder static func noteView(_ n: Model.Note, csrf: String) -> [Node] {
        let headingId = "note-\(n.id.uuidString.lowercased())-title"
        article(.class(n.draft ? "journal-note draft" : "journal-note"), .id("note-\(n.id.uuidString.lowercased())"), .aria("labelledby", headingId)) {
            h3(.id(headingId)) {
                n.heading
                if n.draft { span(" – utkast", .class("tag")) }
            }
            if let c = n.correctionOf { reference(c, class: "correction-of") }
            if let s = n.sharedFrom { p("Från \(s) (läses med samtycke)", .class("meta")) }
            p(n.byLine, .class("meta"))
            if !n.corrections.isEmpty {
                div(.class("corrected")) {
                    p { strong("Anteckningen är rättad.") }
                    for c in n.corrections { reference(c, class: nil) }
                }
            }
            p(n.text, .class("journal-text"))
            if n.editHref != nil || n.signVersion != nil || n.correctHref != nil {
                div(.class("actions no-print")) {
                    if let e = n.editHref {
                        a(.href(e)) {
                            "Ändra utkastet"
                            span(" \(n.heading)", .class("visually-hidden"))
                        }
                    }
                    if let v = n.signVersion {
                        postForm(Routes.journalNoteSign.link(n.id), csrf: csrf, class: "inline") {
                            hiddenField("version", String(v))
                            button(.type("submit")) {
                                "Signera"
                                span(" \(n.heading)", .class("visually-hidden"))
                            }
                        }
                    }
                    if let c = n.correctHref {
                        a(.href(c)) {
                            "Rätta anteckningen"
                            span(" \(n.heading)", .class("visually-hidden"))
                        }
                    }
                }
            }
        }
    }

    static func reference(_ r: Model.Reference, class cls: String?) -> Node {
        p(.optional(Attribute.class, cls)) {
            if let h = r.href { a(r.label, .href(h)) } else { r.label }
        }
    }
}
