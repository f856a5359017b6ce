import Foundation
import SamsynDomain

/// What the case flow's own pages share: the way back to the case, and a refusal that names no field.
enum CaseFormParts {
    static func breadcrumb(personId: UUID, name: String) -> Node {
        p(.class("breadcrumb")) { a("Ärende – \(name)", .href(Routes.personCase.link(personId))) }
    }

    /// A refusal reported at `message` (not at a field), under the error summary.
    @HTMLBuilder static func generalError(_ f: FormState) -> [Node] {
        if let m = f.error("message") { p(m, .class("field-error"), .role("alert"), .id("message")) }
    }

    /// The state of a page's one form: new, or refused with what was typed.
    static func state(_ errors: [FieldError], _ submitted: [String: [String]]) -> FormState {
        errors.isEmpty ? .new : FormState(refused: errors, submitted: submitted)
    }
}
