import Foundation
import SamsynDomain

/// Writing a person's first jobbplan or arbetsplan.
enum PlanNewPage {
    struct Model: Sendable {
        let csrf: String
        let personId: UUID
        let personName: String
        let kind: Plan.Kind
        let form: FormState

        var kindName: String { kind.swedishName.lowercased() }

        static let mock = Model(
            csrf: "csrf-token", personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", kind: .jobPlan, form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, personId: mock.personId, personName: mock.personName, kind: .workPlan,
            form: FormState(
                refused: [FieldError(field: "goal", message: "Skriv personens mål."), FieldError(field: "sg1What", message: "Skriv minst ett delmål.")],
                submitted: ["goal": [""], "sg1Who": ["Anna"], "nextFollowUp": ["2027-01-15"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("Upprätta \(m.kindName) – \(m.personName)")
        m.form.errorSummary("Planen sparades inte")
        CaseFormParts.generalError(m.form)
        PlanForm.view(
            action: Routes.personPlans.link(m.personId) + "?kind=\(m.kind.rawValue)", csrf: m.csrf, values: .empty, form: m.form, submit: "Spara planen",
            headingLevel: 2)
    }
}
