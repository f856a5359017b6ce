import Foundation
import SamsynDomain

/// The person search: a field, and the hits in the user's committee.
enum PersonSearchPage {
    struct Model: Sendable {
        let q: String
        let error: String?
        /// nil before a search.
        let hits: [PersonRow]?
        /// The user's recently opened persons (shown before a search).
        let recent: [PersonRow]
        /// A valid number with no hit, for a user who may register: "Registrera 19880315-2340".
        let register: RegisterOffer?

        struct RegisterOffer: Sendable {
            let number: String
            let href: String
        }

        init(q: String, error: String?, hits: [PersonRow]?, recent: [PersonRow] = [], register: RegisterOffer? = nil) {
            self.q = q
            self.error = error
            self.hits = hits
            self.recent = recent
            self.register = register
        }

        static let mock = Model(q: "Andersson", error: nil, hits: [.mock, .mockProtected])
        static let mockRefused = Model(q: "a", error: "Skriv minst två tecken.", hits: nil)
        static let mockStart = Model(q: "", error: nil, hits: nil, recent: [.mock, .mockProtected])
        static let mockOfferRegister = Model(
            q: "19880315-2340", error: nil, hits: [],
            register: RegisterOffer(number: "19880315-2340", href: "/persons/new?personalIdentityNumber=198803152340"))
    }

    static func hitText(_ count: Int) -> String {
        switch count {
        case 0: "Inga träffar"
        case 1: "1 träff"
        case PersonDirectory.searchLimit: "De första \(count) träffarna – gör sökningen mer precis för att se fler"
        default: "\(count) träffar"
        }
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Sök person")
        form(.method("get"), .action(Routes.personSearch.link), .class("search"), .role("search")) {
            div(.class(m.error != nil ? "field has-error" : "field")) {
                label("Personnummer, namn, telefon eller adress", .for("q"))
                p("Till exempel 19850714-1234, 850714, Andersson J, 070-123 45 67 eller Storgatan 12. Stora och små bokstäver och accenter spelar ingen roll.", .class("hint"), .id("q-hint"))
                if let e = m.error { FormState.errorLine(id: "q", e) }
                input(
                    .id("q"), .name("q"), .type("search"), .value(m.q), .aria("describedby", m.error != nil ? "q-hint q-error" : "q-hint"),
                    .aria("invalid", m.error != nil ? "true" : nil), .autofocus())
            }
            submitButton("Sök")
        }
        if let hits = m.hits {
            titledSection(hitText(hits.count), id: "hits") {
                if hits.isEmpty {
                    p("Ingen person i din nämnd matchar sökningen. Kontrollera stavningen eller sök på personnumret.")
                    if let offer = m.register { linkLine(offer.href, "Registrera \(offer.number)", class: "primary-link") }
                } else {
                    PersonRow.table(hits, caption: "Träffar")
                }
            }
        } else if !m.recent.isEmpty {
            titledSection("Senast öppnade", id: "recent") {
                PersonRow.table(m.recent, caption: "Personer du senast har öppnat eller registrerat")
            }
        }
    }
}

/// A person in a list: name linking to the person page, and the number.
struct PersonRow: Sendable {
    let id: String
    let firstName: String
    let lastName: String
    let number: String
    let protectedIdentity: Bool

    init(_ s: PersonSummary) {
        id = s.id.uuidString.lowercased()
        firstName = s.firstName
        lastName = s.lastName
        number = s.identityNumber.formatted
        protectedIdentity = s.protectedIdentity
    }

    init(id: String, firstName: String, lastName: String, number: String, protectedIdentity: Bool) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.number = number
        self.protectedIdentity = protectedIdentity
    }

    static let mock = PersonRow(id: "00000000-0000-0000-0000-000000000001", firstName: "Anna", lastName: "Andersson", number: "19850714-1237", protectedIdentity: false)
    static let mockProtected = PersonRow(
        id: "00000000-0000-0000-0000-000000000002", firstName: "Bo", lastName: "Andersson <b>", number: "19900101-0017", protectedIdentity: true)

    static func table(_ rows: [PersonRow], caption: String) -> Node {
        dataTable(
            caption, headers: ["Namn", "Personnummer"],
            rows: rows.map { r in
                [
                    .build {
                        a("\(r.lastName), \(r.firstName)", .href(Routes.person.link(r.id)))
                        if r.protectedIdentity {
                            " "
                            span("Skyddade personuppgifter", .class("tag"))
                        }
                    },
                    .text(r.number),
                ]
            })
    }
}
