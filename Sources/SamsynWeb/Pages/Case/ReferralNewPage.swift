import Foundation
import SamsynDomain

/// Referring a person to Jobbtorg: whether they are in the target group, the reason and how they are enrolled.
enum ReferralNewPage {
    struct Model: Sendable {
        let csrf: String
        let personId: UUID
        let personName: String
        /// The target-group check on what is registered now (and the boxes ticked on a refused form).
        let targetGroup: String
        let units: [FormState.Option]
        let sessions: [FormState.Option]
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson",
            targetGroup: "Efter registrerade försörjningshinder hör personen till målgruppen: arbetslös och arbetsför.",
            units: [.init("jobbtorg-vast", "Jobbtorg Väst")],
            sessions: [.init("00000000-0000-0000-0000-0000000000c1", "Jobbtorg Väst 2026-10-12 09:30, rum Informationen – 12 platser kvar")], form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, personId: mock.personId, personName: mock.personName, targetGroup: "Efter det som är registrerat nu: inget försörjningshinder.",
            units: mock.units, sessions: mock.sessions,
            form: FormState(
                refused: [
                    FieldError(field: "reason", message: "Skriv skälet till remissen."),
                    FieldError(field: "consent", message: "Det finns inget samtycke som omfattar remissen."),
                ], submitted: ["toUnit": ["jobbtorg-vast"], "reason": [""], "workShouldBeTried": ["1"], "route": ["group_information"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("Remittera till Jobbtorg – \(m.personName)")
        f.errorSummary("Remissen skickades inte")
        CaseFormParts.generalError(f)
        div(.class("card"), .id("target-group")) {
            h2("Jobbtorgs målgrupp")
            p(m.targetGroup)
        }
        if let consentError = f.error("consent") {
            p(consentError, .class("field-error"), .id("consent"))
            linkLine(Routes.personConsentNew.link(m.personId), "Dokumentera samtycke")
        }
        postForm(Routes.personReferrals.link(m.personId), csrf: m.csrf) {
            f.select("toUnit", "Jobbtorg", options: m.units)
            f.textarea("reason", "Skäl till remissen", hint: "Vad personen och du vill att Jobbtorg ska arbeta med.")
            f.checkbox("workShouldBeTried", "Försörjningsstöd av andra skäl än arbetslöshet, men arbete ska prövas")
            f.checkbox("fullTimeProgramme", "Personen deltar på heltid i ett program hos Arbetsförmedlingen")
            f.checkbox("jointAgreement", "Programmet ingår i en gemensam överenskommelse med Arbetsförmedlingen")
            f.textarea("exceptionReason", "Om personen är utanför målgruppen: varför remitteras hen ändå?")
            f.choices("route", "Hur skrivs personen in?", options: Referral.Route.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: ["group_information"])
            f.select("session", "Gruppinformation: tillfälle", options: m.sessions, hint: "Vid inskrivning via gruppinformation.")
            f.date("meetingDate", "Trepartssamtal: datum", hint: "Vid inskrivning via trepartssamtal. Skriv som ÅÅÅÅ-MM-DD.")
            f.text("meetingTime", "Trepartssamtal: tid", hint: "TT:MM", short: true)
            submitButton("Skicka remissen")
        }
    }
}
