import Foundation
import SamsynDomain

/// A next step on a page: what to do and where.
struct NextStepLink: Sendable, Equatable {
    let text: String
    let href: String
}

/// The natural next step for the user's role, at the end of a page.
func nextStepSection(_ steps: [NextStepLink]) -> Node {
    group {
        if !steps.isEmpty {
            titledSection("Nästa steg", id: "next-step") {
                ul(.class("next-steps")) {
                    for s in steps { li { a(s.text, .href(s.href)) } }
                }
            }
        }
    }
}
