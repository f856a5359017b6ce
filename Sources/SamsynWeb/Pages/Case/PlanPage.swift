import Foundation
import SamsynDomain

/// A plan: its goal and sub-goals, a new version at the follow-up (for the committee that owns it) and its
/// versions.
enum PlanPage {
    struct Model: Sendable {
        let csrf: String
        let planId: UUID
        let personId: UUID
        let personName: String
        let kindName: String
        let notice: String?
        let facts: [(String, String)]
        let subGoals: [[String]]
        let values: PlanForm.Values
        let versions: [[String]]
        let caps: PlanCapabilities
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", planId: UUID(uuidString: "00000000-0000-0000-0000-0000000000d1")!,
            personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", kindName: "Jobbplan", notice: "Planen är sparad.",
            facts: [("Mål", "Arbeta som undersköterska"), ("Nästa uppföljning", "2027-01-15"), ("Version", "2, sparad 1 oktober 2026 av Carl Coach")],
            subGoals: [["Gå kursen Vård och omsorg", "Anna", "2026-12-01", "Klart (2026-11-20)"]],
            values: PlanForm.Values(
                version: 2, goal: "Arbeta som undersköterska", subGoals: [.init(what: "Gå kursen Vård och omsorg", responsible: "Anna", date: "2026-12-01")],
                nextFollowUp: "2027-01-15"),
            versions: [
                ["2", "2026-10-01 10:00", "Carl Coach", "Arbeta som undersköterska", "2027-01-15"],
                ["1", "2026-09-01 09:00", "Carl Coach", "Arbeta inom vården", "2026-12-01"],
            ], caps: PlanCapabilities(canRevise: true), form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, planId: mock.planId, personId: mock.personId, personName: mock.personName, kindName: mock.kindName, notice: nil, facts: mock.facts,
            subGoals: mock.subGoals, values: mock.values, versions: mock.versions, caps: mock.caps,
            form: FormState(
                refused: [FieldError(field: "nextFollowUp", message: "Nästa uppföljning ska vara inom sex månader.")],
                submitted: ["goal": ["Arbeta som undersköterska"], "nextFollowUp": ["2028-01-01"]]))
        static let mockReadOnly = Model(
            csrf: mock.csrf, planId: mock.planId, personId: mock.personId, personName: mock.personName, kindName: "Arbetsplan", notice: nil, facts: mock.facts,
            subGoals: mock.subGoals, values: mock.values, versions: mock.versions, caps: PlanCapabilities(canRevise: false), form: .new)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("\(m.kindName) – \(m.personName)")
        if let n = m.notice { notice(n) }
        m.form.errorSummary("Den nya versionen sparades inte")
        CaseFormParts.generalError(m.form)
        facts(m.facts)
        dataTable("Delmål", showCaption: true, headers: ["Vad ska göras", "Vem ansvarar", "När", "Personens markering på Mina sidor"], rows: m.subGoals.map { $0.map(Cell.text) })
        p(.class("actions")) { a("Utskrift för personen", .href(Routes.planPrint.link(m.planId))) }
        if m.caps.canRevise {
            card("Följ upp och spara en ny version", id: "revise") {
                formDisclosure("Följ upp planen", id: "revise-disclosure", open: m.form.hasErrors) {
                    PlanForm.view(action: Routes.plan.link(m.planId), csrf: m.csrf, values: m.values, form: m.form, submit: "Spara ny version", headingLevel: 3)
                }
            }
        }
        card("Versioner", id: "versions") {
            dataTable(
                "Planens versioner, senast först", headers: ["Version", "Sparad", "Av", "Mål", "Nästa uppföljning"], rows: m.versions.map { $0.map(Cell.text) })
        }
    }
}
