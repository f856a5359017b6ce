import Foundation
import SamsynDomain

/// The organisation's committees and units, edited by system administrators.
enum OrganisationPage {
    struct Model: Sendable {
        struct Unit: Sendable { let id: String; let name: String; let kindName: String; let staff: Int }
        struct Committee: Sendable { let id: String; let name: String; let kindName: String; let units: [Unit] }
        let csrf: String
        let saved: Bool
        let committees: [Committee]
        let unitKinds: [FormState.Option]
        let errors: [FieldError]

        static let mock = Model(
            csrf: "csrf-token", saved: true,
            committees: [
                Committee(
                    id: "sdn-spanga-tensta", name: "Spånga-Tensta stadsdelsnämnd", kindName: "Stadsdelsnämnd",
                    units: [Unit(id: "st-eko", name: "Spånga-Tensta ekonomiskt bistånd", kindName: "Ekonomiskt bistånd", staff: 12)])
            ], unitKinds: [FormState.Option("financial_aid", "Ekonomiskt bistånd")], errors: [])
        static let mockRefused = Model(
            csrf: "csrf-token", saved: false, committees: mock.committees, unitKinds: mock.unitKinds,
            errors: [FieldError(field: "name", message: "Skriv ett namn.")])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Organisation")
        p("Nämnder och enheter. Ändringar loggas med värdet före och efter.", .class("lead"))
        if m.saved { notice("Ändringen är sparad.") }
        if !m.errors.isEmpty {
            div(.class("error-summary"), .role("alert")) {
                h2("Ändringen sparades inte")
                ul { for e in m.errors { li(e.message) } }
            }
        }
        for c in m.committees {
            section(.class("card"), .aria("labelledby", "c-\(c.id)")) {
                h2(.id("c-\(c.id)")) {
                    c.name
                    " "
                    span(c.kindName, .class("meta"))
                }
                postForm(Routes.adminCommittee.link(c.id), csrf: m.csrf, class: "inline") {
                    label("Nytt namn för nämnden", .for("name-\(c.id)"))
                    input(.id("name-\(c.id)"), .name("name"), .type("text"), .value(c.name), .required())
                    submitButton("Byt namn", secondary: true)
                }
                dataTable(
                    "Enheter i \(c.name)", headers: ["Enhet", "Typ", "Kod", "Personal"],
                    rows: c.units.map { [.text($0.name), .text($0.kindName), .code($0.id), .text(String($0.staff))] })
            }
        }
        card("Lägg till eller byt namn på en enhet", id: "new-unit") {
            let f = FormState(idPrefix: "unit-")
            postForm(Routes.adminUnits.link, csrf: m.csrf) {
                f.text("id", "Kod (små bokstäver, siffror och bindestreck)", required: true)
                f.text("name", "Namn", required: true)
                f.select("committeeId", "Nämnd", options: m.committees.map { FormState.Option($0.id, $0.name) })
                f.select("kind", "Typ", options: m.unitKinds)
                submitButton("Spara enheten")
            }
        }
        p {
            a("Koppla konton till stadens inloggning", .href(Routes.adminIdentityLinks.link))
        }
    }
}
