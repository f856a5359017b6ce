import Foundation
import SamsynDomain

/// The plan for the person, in plain words, to print and take home.
enum PlanPrintPage {
    struct Model: Sendable {
        struct SubGoal: Sendable {
            let what: String
            let responsible: String
            let by: String
        }
        let planId: UUID
        /// The plan kind's name in lower case ("jobbplan").
        let kindName: String
        let personName: String
        let goal: String
        let subGoals: [SubGoal]
        let nextFollowUp: String
        let madeBy: String

        static let mock = Model(
            planId: UUID(uuidString: "00000000-0000-0000-0000-0000000000d1")!, kindName: "jobbplan", personName: "Anna Andersson",
            goal: "Arbeta som undersköterska", subGoals: [SubGoal(what: "Gå kursen Vård och omsorg", responsible: "Anna", by: "1 december 2026")],
            nextFollowUp: "15 januari 2027", madeBy: "Planen är upprättad av Jobbtorg Väst och gäller från version 2, 1 oktober 2026. Hör av dig om något ändras.")
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("no-print")) { a("Tillbaka till planen", .href(Routes.plan.link(m.planId))) }
        h1("Din \(m.kindName), \(m.personName)")
        p("Det här är planen vi har gjort tillsammans. Den visar ditt mål, vad som ska göras, vem som ansvarar och när vi följer upp.", .class("lead"))
        h2("Ditt mål")
        p(m.goal)
        h2("Det här ska göras")
        ol {
            for g in m.subGoals {
                li {
                    "\(g.what) – "
                    strong(g.responsible)
                    ", senast \(g.by)"
                }
            }
        }
        h2("Nästa uppföljning")
        p("Vi följer upp planen senast \(m.nextFollowUp).")
        p(m.madeBy, .class("meta"))
    }
}
