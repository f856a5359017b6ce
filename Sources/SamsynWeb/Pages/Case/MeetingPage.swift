import Foundation
import SamsynDomain

/// A meeting's record: who took part and what was agreed.
enum MeetingPage {
    struct Model: Sendable {
        let csrf: String
        let meetingId: UUID
        let personId: UUID
        let personName: String
        let heading: String
        let facts: [(String, String)]
        let version: Int
        let participantsHint: String
        let participants: String
        let agreed: String
        let form: FormState
        /// Whether the record is shown to the person on Mina sidor.
        var published: Bool = false
        /// The other committee's meeting, read only under the person's consent: "Genomfört hos …, 2026-10-12".
        var shared: String? = nil

        static let mock = Model(
            csrf: "csrf-token", meetingId: UUID(uuidString: "00000000-0000-0000-0000-0000000000f1")!,
            personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", heading: "Trepartssamtal 2026-10-12",
            facts: [("Bokat av", "Carl Coach"), ("Datum och tid", "2026-10-12 09:30"), ("Status", "Bokat")], version: 1,
            participantsHint: "Socialsekreterare, coach och personen – skriv namn och roll.", participants: "", agreed: "", form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, meetingId: mock.meetingId, personId: mock.personId, personName: mock.personName, heading: mock.heading, facts: mock.facts,
            version: 1, participantsHint: mock.participantsHint, participants: "", agreed: "",
            form: FormState(
                refused: [FieldError(field: "agreed", message: "Skriv vad ni kom överens om.")], submitted: ["participants": ["Anna, Carl Coach"], "agreed": [""]]))
        static let mockShared = Model(
            csrf: mock.csrf, meetingId: mock.meetingId, personId: mock.personId, personName: mock.personName, heading: mock.heading,
            facts: [("Bokat av", "Carl Coach"), ("Datum och tid", "2026-10-12 09:30"), ("Status", "Genomfört, antecknat av Carl Coach")], version: 2,
            participantsHint: mock.participantsHint, participants: "Anna Andersson, Sara Socialsekreterare, Carl Coach",
            agreed: "Anna börjar arbetsträning på lagret i november.", form: .new, shared: "Genomfört hos Jobbtorg Kista, 2026-10-12")
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("\(m.heading) – \(m.personName)")
        f.errorSummary("Anteckningen sparades inte")
        CaseFormParts.generalError(f)
        facts(m.facts)
        if let shared = m.shared {
            p(shared, .class("tag strong"))
            p("Mötet hör till den andra nämnden och visas under personens samtycke, så länge det gäller. Det kan läsas men inte ändras.", .class("lead"))
            titledSection("Mötesanteckning", id: "meeting-record-title") {
                facts([("Deltagare", m.participants.isEmpty ? "–" : m.participants), ("Det här kom vi överens om", m.agreed.isEmpty ? "–" : m.agreed)])
            }
        } else {
            linkLine(Routes.meetingLetter.link(m.meetingId), "Skriv ut kallelsen till mötet")
            recordForm(m, f)
        }
    }

    @HTMLBuilder static func recordForm(_ m: Model, _ f: FormState) -> [Node] {
        postForm(Routes.meeting.link(m.meetingId), csrf: m.csrf) {
            hiddenField("version", String(m.version))
            f.textarea("participants", "Deltagare", hint: m.participantsHint, value: m.participants, rows: 2)
            f.textarea("agreed", "Det här kom vi överens om", value: m.agreed, rows: 5)
            f.checkbox("publish", "Visa anteckningen för personen på Mina sidor", checked: m.published)
            submitButton("Spara mötesanteckningen")
        }
    }
}
