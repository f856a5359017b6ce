import Foundation
import SamsynDomain

/// Documenting a consent: to whom, what, why, for how long and how it was given.
enum ConsentNewPage {
    struct Model: Sendable {
        let csrf: String
        let personId: UUID
        let personName: String
        let recipients: [FormState.Option]
        let validFrom: String
        let validTo: String
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson",
            recipients: [.init("jobbtorg:jobbtorg-vast", "Arbetsmarknadsnämnden: Jobbtorg Väst")], validFrom: "2026-10-01", validTo: "2027-10-01", form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, personId: mock.personId, personName: mock.personName, recipients: mock.recipients, validFrom: mock.validFrom,
            validTo: mock.validTo,
            form: FormState(
                refused: [FieldError(field: "purpose", message: "Skriv syftet."), FieldError(field: "message", message: "Samtycket kunde inte sparas.")],
                submitted: ["scopes": ["referral", "attendance"], "purpose": [""], "validFrom": ["2026-10-01"], "validTo": ["2029-10-01"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("Dokumentera samtycke – \(m.personName)")
        p("Gå igenom med personen vad som får lämnas, till vem, varför och hur länge. Personen kan när som helst återkalla samtycket, och då upphör delningen direkt.", .class("lead"))
        f.errorSummary("Samtycket dokumenterades inte")
        CaseFormParts.generalError(f)
        postForm(Routes.personConsents.link(m.personId), csrf: m.csrf) {
            f.select("recipient", "Uppgifterna får lämnas till", options: m.recipients)
            f.choices(
                "scopes", "Vilka uppgifter får lämnas?", options: Consent.Scope.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: ["referral"],
                multiple: true, hint: "Välj bara det som behövs för syftet.")
            f.textarea("purpose", "Syfte", hint: "Till exempel: planering och uppföljning av insatser mot arbete tillsammans med Jobbtorg.")
            f.date("validFrom", "Gäller från", value: m.validFrom)
            f.date("validTo", "Gäller till", value: m.validTo, hint: "Skriv som ÅÅÅÅ-MM-DD. Högst två år.")
            f.choices("method", "Hur lämnades samtycket?", options: Consent.Method.allCases.map { .init($0.rawValue, $0.swedishName) })
            submitButton("Dokumentera samtycket")
        }
    }
}
