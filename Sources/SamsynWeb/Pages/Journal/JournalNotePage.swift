import Foundation
import SamsynDomain

/// One note: the author's draft to change (or sign), a correction of a signed note, or a signed note shown as
/// it stands (it cannot be changed; the page says so and offers the correction instead).
enum JournalNotePage {
    struct Model: Sendable {
        /// The signed note a correction is about, quoted as it stands.
        struct Original: Sendable {
            let heading: String
            let byLine: String
            let text: String
        }
        let csrf: String
        let personId: UUID
        let personName: String
        let heading: String
        /// Where the form posts; nil when the note is signed and nothing can be changed.
        let action: String?
        let version: Int?
        let original: Original?
        /// Said when the note is signed.
        let signedMessage: String?
        let correctHref: String?
        let submitLabel: String
        let kind: String
        let eventDate: String
        let text: String
        /// What was typed in a change that was refused because the note is signed: shown, so it can go into a correction.
        var unsavedText: String? = nil
        let form: FormState

        static let mockDraft = Model(
            csrf: "csrf-token", personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson",
            heading: "Ändra utkastet – Telefon 2026-12-01", action: Routes.journalNote.link("00000000-0000-0000-0000-0000000000a3"), version: 1, original: nil,
            signedMessage: nil, correctHref: nil, submitLabel: "Spara utkastet", kind: "phone", eventDate: "2026-12-01",
            text: "Anna ringde och bokade om besöket.", form: .new)
        static let mockCorrection = Model(
            csrf: "csrf-token", personId: mockDraft.personId, personName: mockDraft.personName, heading: "Rättelse av anteckning 2026-11-30",
            action: Routes.journalNoteCorrect.link("00000000-0000-0000-0000-0000000000a1"), version: nil,
            original: Original(
                heading: "Besök 2026-11-30",
                byLine: "Skriven av Sara Socialsekreterare, Spånga-Tensta ekonomiskt bistånd. Signerad 2026-11-30 kl. 14:02 av Sara Socialsekreterare.",
                text: "Nybesök. Nästa besök 2026-12-06."),
            signedMessage: nil, correctHref: nil, submitLabel: "Spara rättelsen som utkast", kind: "visit", eventDate: "2026-11-30", text: "", form: .new)
        /// A change of a signed note refused: the text typed is shown again, nothing was saved.
        static let mockSignedRefused = Model(
            csrf: "csrf-token", personId: mockDraft.personId, personName: mockDraft.personName, heading: "Telefon 2026-12-01", action: nil, version: nil,
            original: Original(
                heading: "Telefon 2026-12-01", byLine: "Skriven av Sara Socialsekreterare. Signerad 2026-12-01 kl. 10:12 av Sara Socialsekreterare.",
                text: "Anna ringde och bokade om besöket."),
            signedMessage: JournalNote.signedConflict.message, correctHref: Routes.journalNoteCorrect.link("00000000-0000-0000-0000-0000000000a3"),
            submitLabel: "", kind: "phone", eventDate: "2026-12-01", text: "Ändrad text", unsavedText: "Ändrad text",
            form: FormState(refused: [FieldError(field: "message", message: JournalNote.signedConflict.message)], submitted: ["text": ["Ändrad text"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a("Journal – \(m.personName)", .href(Routes.personJournal.link(m.personId))) }
        h1("\(m.heading) – \(m.personName)")
        f.errorSummary(m.action == nil ? "Anteckningen ändrades inte" : "Anteckningen sparades inte")
        CaseFormParts.generalError(f)
        if let o = m.original {
            section(.class("card"), .aria("labelledby", "original-title")) {
                h2(m.action == nil ? "Anteckningen som den signerades" : "Anteckningen som rättas: \(o.heading)", .id("original-title"))
                p(o.byLine, .class("meta"))
                p(o.text, .class("journal-text"))
            }
        }
        if let s = m.signedMessage, !f.hasErrors { p(s, .class("tag strong")) }
        if let t = m.unsavedText, !t.isEmpty {
            section(.aria("labelledby", "unsaved-title")) {
                h2("Det du skrev – sparades inte", .id("unsaved-title"))
                p(t, .class("journal-text"))
            }
        }
        if let action = m.action {
            postForm(action, csrf: m.csrf) {
                if let v = m.version { hiddenField("version", String(v)) }
                JournalPage.noteFields(f, kind: m.kind, eventDate: m.eventDate, text: m.text)
                div(.class("actions")) {
                    submitButton(m.submitLabel, name: "action", value: "draft")
                    submitButton("Spara och signera", secondary: true, name: "action", value: "sign")
                }
            }
        }
        if let c = m.correctHref { linkLine(c, "Skriv en rättelse av anteckningen", class: "primary-link") }
        linkLine(Routes.personJournal.link(m.personId), "Tillbaka till journalen")
    }
}
