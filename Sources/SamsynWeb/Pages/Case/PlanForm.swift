import Foundation
import SamsynDomain

/// The plan's form, written once for a new plan and for a new version: the goal, five rows of sub-goals and
/// the next follow-up.
enum PlanForm {
    static let subGoalRows = 5

    /// What the form shows: the saved plan's text, or nothing for a new one.
    struct Values: Sendable {
        struct SubGoal: Sendable {
            let what: String
            let responsible: String
            let date: String
        }
        let version: Int?
        let goal: String
        let subGoals: [SubGoal]
        let nextFollowUp: String

        static let empty = Values(version: nil, goal: "", subGoals: [], nextFollowUp: "")

        init(version: Int?, goal: String, subGoals: [SubGoal], nextFollowUp: String) {
            self.version = version
            self.goal = goal
            self.subGoals = subGoals
            self.nextFollowUp = nextFollowUp
        }

        init(_ p: Plan) {
            self.init(
                version: p.version, goal: p.goal, subGoals: p.subGoals.map { .init(what: $0.what, responsible: $0.responsible, date: $0.date.description) },
                nextFollowUp: p.nextFollowUp.description)
        }
    }

    /// `headingLevel`: the level of the sub-goals' headings, one below the heading the form stands under.
    static func view(action: String, csrf: String, values v: Values, form f: FormState, submit: String, headingLevel: Int) -> Node {
        postForm(action, csrf: csrf) {
            if let version = v.version { hiddenField("version", String(version)) }
            f.textarea(
                "goal", "Personens mål",
                hint: "Individuellt: vad personen vill uppnå, till exempel vilket arbete eller vilken utbildning. Inte bara ”egen försörjning”.", value: v.goal)
            fieldset(.class("subgoals")) {
                legend("Delmål")
                p("Minst ett delmål: vad som ska göras, vem som ansvarar och när. Lämna tomma rader tomma.", .class("hint"))
                for n in 1...subGoalRows {
                    let g = n <= v.subGoals.count ? v.subGoals[n - 1] : nil
                    div(.class("subgoal")) {
                        headingLevel == 2 ? h2("Delmål \(n)") : h3("Delmål \(n)")
                        f.text("sg\(n)What", "Vad ska göras (delmål \(n))", value: g?.what ?? "")
                        f.text("sg\(n)Who", "Vem ansvarar (delmål \(n))", value: g?.responsible ?? "", short: true)
                        f.date("sg\(n)Date", "Datum (delmål \(n))", value: g?.date ?? "")
                    }
                }
            }
            f.date("nextFollowUp", "Nästa uppföljning", value: v.nextFollowUp, hint: "Skriv som ÅÅÅÅ-MM-DD, inom sex månader.")
            submitButton(submit)
        }
    }
}
