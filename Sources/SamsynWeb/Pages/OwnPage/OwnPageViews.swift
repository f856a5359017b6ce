import Foundation
import SamsynDomain

/// Mina sidor: the person's own page, in plain Swedish. The model holds display text only; what the person may do
/// (mark a sub-goal, withdraw a consent) is decided by the service and shown as forms.
enum OwnPageView {
    struct Model: Sendable {
        struct SubGoal: Sendable {
            let index: Int
            let what: String
            let who: String
            let date: String
            let status: String
            /// The statuses the person can set from here, with the button's text.
            let actions: [(value: String, label: String)]
        }
        struct Plan: Sendable {
            let id: UUID
            let anchor: String
            let title: String
            let unitName: String
            let goal: String
            let nextFollowUp: String
            let savedLine: String
            let subGoals: [SubGoal]
            let earlier: [(title: String, goal: String, subGoals: [String])]
        }
        struct Meeting: Sendable {
            let title: String
            let when: String
            let agreed: String?
        }
        struct Attendance: Sendable {
            let title: String
            let rows: [[String]]
            let corrections: [String]
        }
        struct Consent: Sendable {
            let id: UUID
            let title: String
            let state: String
            let covers: [String]
            let purpose: String
            let period: String
            let withdrawn: String?
            let version: Int?
        }
        let csrf: String
        let firstName: String
        let notice: String?
        let plans: [Plan]
        let upcoming: [Meeting]
        let past: [Meeting]
        let attendance: [Attendance]
        let consents: [Consent]

        static let mock = Model(
            csrf: "csrf-token", firstName: "Alva", notice: "Delmålet är markerat som klart. Din coach ser det.",
            plans: [
                Plan(
                    id: UUID(uuidString: "00000000-0000-0000-0000-00000000a001")!, anchor: "plan-1", title: "Jobbplan", unitName: "Jobbtorg Kista",
                    goal: "Få ett arbete inom lager och logistik på heltid i Stockholm", nextFollowUp: "2026-12-15", savedLine: "Version 2, sparad 2026-11-20 av Carl Coach.",
                    subGoals: [
                        SubGoal(index: 0, what: "Skriva CV och personligt brev med coach", who: "Personen", date: "2026-11-30", status: "Klart", actions: [("started", "Jag har börjat")]),
                        SubGoal(index: 1, what: "Ta teoriprov för körkort", who: "Personen", date: "2026-12-20", status: "Inte påbörjat", actions: [("started", "Jag har börjat"), ("done", "Klart")]),
                    ], earlier: [(title: "Version 1", goal: "Få ett arbete inom lager", subGoals: ["Skriva CV (Personen, 2026-11-30)"])])
            ],
            upcoming: [Meeting(title: "Trepartssamtal", when: "2026-12-10 kl. 10:00", agreed: nil)],
            past: [Meeting(title: "Trepartssamtal", when: "2026-09-10 kl. 10:00", agreed: "Fortsätta jobbsökarcoachning.")],
            attendance: [Attendance(title: "Jobbtorg Kista, inskriven 2026-05-02", rows: [["2026-11", "3", "0", "1", "Ja"]], corrections: [])],
            consents: [
                Consent(
                    id: UUID(uuidString: "00000000-0000-0000-0000-00000000c001")!, title: "Till Arbetsmarknadsnämnden", state: "Gäller",
                    covers: ["Planer: arbetsplan och jobbplan"], purpose: "Planering tillsammans med Jobbtorg.", period: "2026-01-01 – 2027-06-30", withdrawn: nil, version: 1)
            ])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Mina sidor")
        p("Hej \(m.firstName)! Här ser du din plan, dina möten, din närvaro och dina samtycken.", .class("lead"))
        if let n = m.notice { notice(n) }
        nav(.aria("label", "Innehåll på sidan")) {
            ul(.class("inline-links")) {
                li { a("Min plan", .href("#plan")) }
                li { a("Mina möten", .href("#meetings")) }
                li { a("Närvaro", .href("#attendance")) }
                li { a("Samtycken", .href("#consents")) }
                li { a("Vem har läst mina uppgifter", .href(Routes.ownAccessLog.link)) }
            }
        }
        card("Min plan", id: "plan") {
            if m.plans.isEmpty {
                p("Du har ingen plan ännu. Den görs tillsammans med din handläggare eller coach.")
            }
            for plan in m.plans {
                article(.id(plan.anchor), .class("own-plan")) {
                    h3("\(plan.title) hos \(plan.unitName)")
                    facts([("Ditt mål", plan.goal), ("Nästa uppföljning", plan.nextFollowUp)])
                    h4("Delmål")
                    ul(.class("sub-goals")) {
                        for g in plan.subGoals {
                            li {
                                p { strong(g.what) }
                                p("Vem gör det: \(g.who). Klart senast: \(g.date). Läge: \(g.status).")
                                if !g.actions.isEmpty {
                                    postForm(Routes.ownSubGoal.link, csrf: m.csrf, class: "inline") {
                                        hiddenField("planId", plan.id.uuidString)
                                        hiddenField("index", String(g.index))
                                        hiddenField("text", g.what)
                                        for action in g.actions { submitButton(action.label, secondary: action.value != "done", name: "status", value: action.value) }
                                    }
                                }
                            }
                        }
                    }
                    p(plan.savedLine, .class("muted"))
                    if !plan.earlier.isEmpty {
                        details {
                            summary("Tidigare versioner av planen")
                            for v in plan.earlier {
                                p { strong(v.title) }
                                p("Mål: \(v.goal)")
                                ul { for s in v.subGoals { li(s) } }
                            }
                        }
                    }
                }
            }
        }
        card("Mina möten", id: "meetings") {
            h3("Kommande möten")
            if m.upcoming.isEmpty { p("Du har inga bokade möten.") }
            else { ul { for x in m.upcoming { li("\(x.title): \(x.when)") } } }
            h3("Tidigare möten")
            if m.past.isEmpty { p("Inga tidigare möten.") }
            else {
                ul {
                    for x in m.past {
                        li {
                            p { strong("\(x.title): \(x.when)") }
                            p(x.agreed.map { "Det här kom ni överens om: \($0)" } ?? "Anteckningen från mötet visas här när din handläggare har gjort klart den.")
                        }
                    }
                }
            }
        }
        card("Närvaro", id: "attendance") {
            if m.attendance.isEmpty { p("Du har ingen närvaro registrerad.") }
            for a in m.attendance {
                h3(a.title)
                if a.rows.isEmpty { p("Ingen närvaro registrerad ännu.") }
                else {
                    dataTable(
                        "Närvaro per månad", headers: ["Månad", "Närvarande", "Frånvaro med skäl", "Frånvaro utan skäl", "Rapporterad till ekonomiskt bistånd"],
                        rows: a.rows.map { $0.map { Cell.text($0) } })
                }
                if !a.corrections.isEmpty {
                    h4("Rättelser")
                    ul { for c in a.corrections { li(c) } }
                }
            }
        }
        card("Samtycken", id: "consents") {
            p("Ett samtycke betyder att du har sagt ja till att uppgifter om dig får lämnas mellan ekonomiskt bistånd och Jobbtorg. Du kan ta tillbaka ett samtycke när du vill. Det gäller direkt.")
            if m.consents.isEmpty { p("Du har inga samtycken.") }
            for c in m.consents {
                article(.class("own-consent")) {
                    h3(c.title)
                    facts([("Läge", c.state), ("Gäller", c.period), ("Syfte", c.purpose)])
                    p("Det här får lämnas:")
                    ul { for s in c.covers { li(s) } }
                    if let w = c.withdrawn { p(w) }
                    if let v = c.version {
                        postForm(Routes.ownConsentWithdraw.link(c.id), csrf: m.csrf, class: "inline") {
                            hiddenField("version", String(v))
                            submitButton("Ta tillbaka samtycket", secondary: true)
                        }
                    }
                }
            }
        }
    }
}

/// "Vem har läst mina uppgifter": the person's own access log (date, unit and role; never the employee's name).
enum OwnAccessLogView {
    struct Model: Sendable {
        let rows: [[String]]
        static let mock = Model(rows: [["2026-11-20 10:02", "Jobbtorg Kista", "Coach", "Läste dina uppgifter"]])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Vem har läst mina uppgifter")
        p("Här ser du när någon i Stockholms stad har läst eller ändrat dina uppgifter i Samsyn: datum, enhet och yrkesroll. Namnet på den som läste visas inte här. Vill du veta mer, kontakta enheten.", .class("lead"))
        if m.rows.isEmpty { p("Ingen har läst dina uppgifter ännu.") }
        else { dataTable("Läsningar och ändringar av dina uppgifter, senaste först", headers: ["När", "Enhet", "Roll", "Vad"], rows: m.rows.map { $0.map { Cell.text($0) } }) }
        linkLine(Routes.ownPage.link, "Tillbaka till Mina sidor")
    }
}
