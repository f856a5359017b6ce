import Foundation
import SamsynDomain

/// The start page: who you are, and the people your unit has opened a file for.
enum HomePage {
    struct Model: Sendable {
        let firstName: String
        let roleTitle: String
        let unitName: String
        let committeeName: String
        let canSearch: Bool
        let roleNote: String
        let people: [PersonRow]

        static let mock = Model(
            firstName: "Sara", roleTitle: "socialsekreterare", unitName: "Spånga-Tensta ekonomiskt bistånd", committeeName: "Spånga-Tensta stadsdelsnämnd",
            canSearch: true, roleNote: "", people: [.mock, .mockProtected])
        static let mockAnalyst = Model(
            firstName: "Ali", roleTitle: "analytiker", unitName: "Stadsledningskontoret", committeeName: "Kommunstyrelsen", canSearch: false,
            roleNote: "Statistik och indikatorer på aggregerad nivå kommer i en senare version.", people: [])
    }

    /// What a role without person files is told on the start page.
    static func roleNote(_ role: Role) -> String {
        switch role {
        case .analyst: "Statistik och indikatorer på aggregerad nivå kommer i en senare version."
        case .researcher: "Pseudonymiserade forskningsuttag kommer i en senare version."
        case .partner: "Du kommer att se det som en person har samtyckt till att dela med ert samverkansteam."
        case .citizen: "Din egen sida med plan, möten och samtycken kommer i en senare version."
        case .systemAdministrator: "Du administrerar organisationen och användarna."
        default: ""
        }
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Start")
        p("Välkommen, \(m.firstName). Du arbetar som \(m.roleTitle) på \(m.unitName) (\(m.committeeName)).", .class("lead"))
        if m.canSearch {
            titledSection("Personer i din enhet", id: "unit-people") {
                if m.people.isEmpty {
                    p {
                        "Din enhet har inte öppnat någon personakt ännu. "
                        a("Registrera en person", .href(Routes.personNew.link))
                        "."
                    }
                } else {
                    PersonRow.table(m.people, caption: "Personer vars personakt din enhet har öppnat, senast först")
                }
            }
        } else {
            p("Din roll ger inte tillgång till personakter. \(m.roleNote)")
        }
    }
}

/// The accessibility statement (tillgänglighetsredogörelse).
enum AccessibilityPage {
    @HTMLBuilder static func view() -> [Node] {
        h1("Tillgänglighetsredogörelse")
        p(
            "Samsyn ska kunna användas av alla medarbetare, också med tangentbord, skärmläsare och förstoring. Tjänsten ska uppfylla WCAG 2.1 nivå AA enligt lagen (2018:1937) om tillgänglighet till digital offentlig service."
        )
        h2("Så testar vi")
        p("Varje sida testas automatiskt i en riktig webbläsare med tillgänglighetsgranskaren axe vid varje ändring. Sidorna fungerar utan JavaScript.")
        h2("Kända brister")
        p("Inga kända brister just nu. Om du hittar något som inte fungerar, kontakta stadens systemförvaltning så rättar vi det.")
        h2("Kontakt")
        p(
            "Skicka synpunkter på tillgängligheten till din systemförvaltare. Om du inte är nöjd med svaret kan du anmäla det till Myndigheten för digital förvaltning (Digg)."
        )
    }
}

/// The login form.
enum LoginPage {
    struct Model: Sendable {
        let csrf: String
        let username: String
        let error: String?
        let loggedOut: Bool
        let expired: Bool
        /// The configured providers, as buttons (issue 18).
        var providers: [Provider] = []
        /// Whether the password form is offered (`SAMSYN_PASSWORD_LOGIN`).
        var passwordLogin = true

        struct Provider: Sendable {
            let text: String
            let hint: String
            let link: String
        }

        static let mock = Model(csrf: "csrf-token", username: "", error: nil, loggedOut: true, expired: false)
        static let mockProviders = Model(
            csrf: "csrf-token", username: "", error: nil, loggedOut: false, expired: false,
            providers: [
                Provider(text: "Logga in med e-legitimation", hint: "För dig som har kontakt med socialtjänsten eller Jobbtorg: BankID eller Freja eID+.", link: "/login/oidc/citizen"),
                Provider(text: "Logga in med stadens inloggning", hint: "För medarbetare i staden.", link: "/login/oidc/staff"),
            ], passwordLogin: false)
        static let mockRefused = Model(csrf: "csrf-token", username: "sara<", error: "Fel användarnamn eller lösenord.", loggedOut: false, expired: false)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        div(.class("narrow")) {
            h1("Logga in")
            if m.loggedOut { notice("Du är utloggad.") }
            if m.expired { notice("Du har blivit utloggad eftersom sessionen gick ut. Logga in igen.") }
            if let e = m.error { div(.class("error-summary"), .role("alert")) { p(e) } }
            if !m.providers.isEmpty {
                ul(.class("stack"), .custom("aria-label", "Sätt att logga in")) {
                    for provider in m.providers {
                        li {
                            a(.class("button"), .href(provider.link)) { provider.text }
                            p(provider.hint, .class("hint"))
                        }
                    }
                }
                if m.passwordLogin { h2("Logga in med användarnamn och lösenord") }
            }
            if m.passwordLogin { passwordForm(m) }
        }
    }

    @HTMLBuilder static func passwordForm(_ m: Model) -> [Node] {
            form(.method("post"), .action(Routes.login.link), .class("stack")) {
                hiddenField("_csrf", m.csrf)
                div(.class("field")) {
                    label("Användarnamn", .for("username"))
                    input(
                        .id("username"), .name("username"), .type("text"), .autocomplete("username"), .custom("autocapitalize", "none"),
                        .custom("spellcheck", "false"), .value(m.username), .required(), .autofocus())
                }
                div(.class("field")) {
                    label("Lösenord", .for("password"))
                    input(.id("password"), .name("password"), .type("password"), .autocomplete("current-password"), .required())
                }
                submitButton("Logga in")
            }
    }
}
