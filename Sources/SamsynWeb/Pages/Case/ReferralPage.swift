import Foundation
import SamsynDomain

/// One referral, and for the Jobbtorg while it waits: accepting it (enrolling the person) or declining it.
enum ReferralPage {
    struct Model: Sendable {
        let csrf: String
        let referralId: UUID
        let personId: UUID
        let personName: String
        let facts: [(String, String)]
        let version: Int
        let today: String
        let caps: ReferralCapabilities
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", referralId: UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!,
            personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson",
            facts: [
                ("Personnummer", "19900101-1234"), ("Från", "Spånga-Tensta stadsdelsnämnd, Sara Handläggare"), ("Skickad", "2026-10-01"),
                ("Ska besvaras senast", "2026-10-08"), ("Skäl", "Vill arbeta inom vården."), ("Målgrupp", "Inom målgruppen: arbetslös"),
                ("Inskrivning via", "Gruppinformation 2026-10-12 09:30"), ("Samtycke", "Remiss, gäller till 2027-10-01"), ("Status", "Skickad"),
                ("Skäl till avböjande", "–"),
            ], version: 1, today: "2026-10-05", caps: ReferralCapabilities(canAnswer: true, readsInbox: true), form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, referralId: mock.referralId, personId: mock.personId, personName: mock.personName, facts: mock.facts, version: 1, today: mock.today,
            caps: mock.caps,
            form: FormState(
                refused: [FieldError(field: "declineReason", message: "Skriv skälet att avböja.")], submitted: ["decision": ["decline"], "declineReason": [""]]))
        static let mockDistrict = Model(
            csrf: mock.csrf, referralId: mock.referralId, personId: mock.personId, personName: mock.personName, facts: mock.facts, version: 1, today: mock.today,
            caps: ReferralCapabilities(canAnswer: false, readsInbox: false), form: .new)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        if m.caps.readsInbox {
            linkLine(Routes.referrals.link, "Alla remisser", class: "breadcrumb")
        } else {
            linkLine(Routes.personCase.link(m.personId), "Ärendet", class: "breadcrumb")
        }
        h1("Remiss – \(m.personName)")
        f.errorSummary("Svaret sparades inte")
        CaseFormParts.generalError(f)
        facts(m.facts)
        if m.caps.canAnswer {
            postForm(Routes.referralAnswer.link(m.referralId), csrf: m.csrf) {
                hiddenField("version", String(m.version))
                hiddenField("decision", "accept")
                f.date(
                    "enrolledOn", "Inskrivningsdatum", value: m.today,
                    hint: "Dagen för gruppinformationen eller trepartssamtalet. Första jobbplanen ska vara klar fem arbetsdagar senare.")
                submitButton("Anta remissen och skriv in personen")
            }
            postForm(Routes.referralAnswer.link(m.referralId), csrf: m.csrf) {
                hiddenField("version", String(m.version))
                hiddenField("decision", "decline")
                f.textarea("declineReason", "Skäl att avböja", hint: "Stadsdelen ser skälet.")
                submitButton("Avböj remissen", secondary: true)
            }
        }
    }
}
