import Foundation
import SamsynDomain

/// Registering a person: the number, the name and contact details.
enum PersonNewPage {
    struct Model: Sendable {
        let committeeName: String
        let csrf: String
        let input: PersonInput
        let form: FormState

        static let mock = Model(committeeName: "Spånga-Tensta stadsdelsnämnd", csrf: "csrf-token", input: PersonInput(), form: .new)
        static let mockRefused = Model(
            committeeName: "Spånga-Tensta stadsdelsnämnd", csrf: "csrf-token",
            input: PersonInput(identityNumber: "19850714-1234", firstName: "Anna \"A\"", lastName: ""),
            form: FormState(errors: [
                FieldError(field: PersonInput.Field.identityNumber, message: "Kontrollsiffran stämmer inte."),
                FieldError(field: PersonInput.Field.lastName, message: "Skriv efternamnet."),
            ]))
    }

    /// The registration form with the number filled in (the search page's offer when a number had no hit).
    static func link(prefilling number: PersonalIdentityNumber) -> String {
        Routes.personNew.link + "?\(PersonInput.Field.identityNumber)=\(number.digits)"
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        let i = m.input
        h1("Registrera person")
        p("Personen får en personakt i \(m.committeeName). Fält som måste fyllas i är markerade (obligatorisk).", .class("lead"))
        f.errorSummary()
        postForm(Routes.persons.link, csrf: m.csrf) {
            f.text(PersonInput.Field.identityNumber, "Personnummer eller samordningsnummer", hint: "10 eller 12 siffror, till exempel 19850714-1234.", value: i.identityNumber, required: true)
            f.text(PersonInput.Field.firstName, "Förnamn", value: i.firstName, required: true)
            f.text(PersonInput.Field.lastName, "Efternamn", value: i.lastName, required: true)
            f.text(PersonInput.Field.phone, "Telefon", value: i.phone, kind: .tel)
            f.text(PersonInput.Field.email, "E-post", value: i.email, kind: .email)
            f.text(PersonInput.Field.street, "Gatuadress", value: i.street)
            f.text(PersonInput.Field.postalCode, "Postnummer", value: i.postalCode)
            f.text(PersonInput.Field.city, "Ort", value: i.city)
            f.checkbox("protectedIdentity", "Skyddade personuppgifter (adress och kontaktuppgifter döljs)", checked: i.protectedIdentity, value: "on")
            submitButton("Registrera")
        }
    }
}
