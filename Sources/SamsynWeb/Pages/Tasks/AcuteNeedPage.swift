import Foundation
import SamsynDomain

/// One acute need (akut behov): what the answers signalled, when and in which part, and — until someone acts
/// on it — the form to mark it handled with a short note of what was done.
enum AcuteNeedPage {
    struct Model: Sendable {
        struct Handled: Sendable {
            let at: String
            let by: String
            let note: String
        }
        let csrf: String
        let id: UUID
        let personId: UUID
        let personName: String
        let numberLabel: String
        let number: String
        let detectedAt: String
        /// The needs the rules found, in plain Swedish.
        let signals: [String]
        let answersHref: String
        let handled: Handled?
        let mayHandle: Bool
        var notice: String? = nil
        let form: FormState

        static let mockOpen = Model(
            csrf: "csrf-token", id: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!,
            personName: "Johan Åkesson", numberLabel: "Personnummer", number: "19900101-2389", detectedAt: "2026-12-02 kl. 09:14",
            signals: ["Saknar pengar till mat i dag", "Riskerar att förlora boendet eller saknar boende"],
            answersHref: Routes.assessment.link("00000000-0000-0000-0000-0000000000r1"), handled: nil, mayHandle: true, form: .new)
        static let mockRefused = Model(
            csrf: "csrf-token", id: mockOpen.id, personId: mockOpen.personId, personName: mockOpen.personName, numberLabel: "Personnummer", number: mockOpen.number,
            detectedAt: mockOpen.detectedAt, signals: mockOpen.signals, answersHref: mockOpen.answersHref, handled: nil, mayHandle: true,
            form: FormState(refused: [FieldError(field: "note", message: "Skriv kort vad som har gjorts (3–500 tecken).")], submitted: ["note": [""]]))
        static let mockHandled = Model(
            csrf: "csrf-token", id: mockOpen.id, personId: mockOpen.personId, personName: mockOpen.personName, numberLabel: "Personnummer", number: mockOpen.number,
            detectedAt: mockOpen.detectedAt, signals: mockOpen.signals, answersHref: mockOpen.answersHref,
            handled: Handled(at: "2026-12-02 kl. 10:40", by: "Sara Socialsekreterare", note: "Beviljat akut bistånd till mat."), mayHandle: false,
            notice: "Det akuta behovet är markerat som hanterat.", form: .new)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        p(.class("breadcrumb")) { a("Att göra", .href(Routes.tasks.link)) }
        h1("Akut behov – \(m.personName)")
        if let n = m.notice { notice(n) }
        f.errorSummary("Det akuta behovet markerades inte som hanterat")
        CaseFormParts.generalError(f)
        section(.class("card"), .aria("labelledby", "signals-title")) {
            h2(.id("signals-title")) {
                if m.handled == nil {
                    span("Akut", .class("tag acute"))
                    " "
                }
                "Det svaren visar"
            }
            ul { for s in m.signals { li(s) } }
            facts([(m.numberLabel, m.number), ("Upptäckt", m.detectedAt), ("Status", m.handled == nil ? "Väntar på åtgärd i dag" : "Hanterat")])
            linkLine(m.answersHref, "Se svaren i bedömningen")
            linkLine(Routes.personCase.link(m.personId), "Gå till ärendet")
        }
        if let h = m.handled {
            section(.class("card"), .aria("labelledby", "handled-title")) {
                h2("Vad som gjordes", .id("handled-title"))
                facts([("Markerat som hanterat", h.at), ("Av", h.by)])
                p(h.note, .class("journal-text"))
            }
        } else if m.mayHandle {
            section(.class("card"), .aria("labelledby", "handle-title")) {
                h2("Markera som hanterat", .id("handle-title"))
                postForm(Routes.acuteNeedHandle.link(m.id), csrf: m.csrf) {
                    f.textarea(
                        "note", "Vad har gjorts?", hint: "Kort, till exempel ”Beviljat akut bistånd till mat” eller ”Kontakt med hyresvärden”. Högst 500 tecken.",
                        value: f.value("note", ""), rows: 3, required: true)
                    div(.class("actions")) { submitButton("Markera som hanterat") }
                }
            }
        } else {
            p("Ett akut behov markeras som hanterat av socialsekreterare, mottagningssekreterare eller enhetschef i stadsdelen.")
        }
    }
}
