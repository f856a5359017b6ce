import Foundation
import SamsynDomain

/// Which staff account is linked to which identity at the staff sign-on; the administrator links and unlinks.
enum IdentityLinksPage {
    struct Model: Sendable {
        struct Account: Sendable {
            let id: UUID
            let username: String
            let name: String
            let active: Bool
            let issuer: String?
            let subject: String?
        }
        let csrf: String
        let saved: Bool
        /// The configured staff issuer, offered as the default (nil: no staff sign-on configured).
        let staffIssuer: String?
        let accounts: [Account]
        let errors: [FieldError]

        static let mock = Model(
            csrf: "csrf-token", saved: true, staffIssuer: "https://login.example.se/tenant/v2.0",
            accounts: [
                Account(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, username: "sara", name: "Sara Lind", active: true,
                    issuer: "https://login.example.se/tenant/v2.0", subject: "f3b1c2d4"),
                Account(id: UUID(uuidString: "00000000-0000-0000-0000-0000000000a2")!, username: "ali", name: "Ali Noor", active: false, issuer: nil, subject: nil),
            ], errors: [])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Inloggningskopplingar")
        p(
            "Varje konto kan kopplas till exakt en identitet hos stadens inloggning: utfärdaren och medarbetarens id där. En inloggning som inte är kopplad till ett aktivt konto släpps inte in. Varje ändring loggas.",
            .class("lead"))
        if m.staffIssuer == nil { notice("Stadens inloggning är inte inställd (SAMSYN_OIDC_STAFF_ISSUER). Kopplingar kan ändå göras i förväg.") }
        if m.saved { notice("Ändringen är sparad.") }
        if !m.errors.isEmpty {
            div(.class("error-summary"), .role("alert")) {
                h2("Ändringen sparades inte")
                ul { for e in m.errors { li(e.message) } }
            }
        }
        for a in m.accounts {
            section(.class("card"), .aria("labelledby", "u-\(a.username)")) {
                h2(.id("u-\(a.username)")) {
                    "\(a.name) (\(a.username))"
                    if !a.active {
                        " "
                        span("avstängt", .class("meta"))
                    }
                }
                if let issuer = a.issuer, let subject = a.subject {
                    facts([("Utfärdare", issuer), ("Id hos inloggningen", subject)])
                    postForm(Routes.adminIdentityUnlink.link(a.id), csrf: m.csrf, class: "inline") {
                        submitButton("Ta bort kopplingen", secondary: true)
                    }
                } else {
                    let f = FormState(idPrefix: "link-\(a.username)-")
                    postForm(Routes.adminIdentityLink.link(a.id), csrf: m.csrf) {
                        f.text("issuer", "Utfärdare (issuer)", value: m.staffIssuer ?? "", required: true)
                        f.text("subject", "Medarbetarens id hos inloggningen", required: true)
                        submitButton("Koppla kontot")
                    }
                }
            }
        }
    }
}
