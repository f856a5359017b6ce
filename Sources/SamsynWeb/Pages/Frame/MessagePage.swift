import Foundation
/// A page with one message: errors, refusals without a form, confirmations.
enum MessagePage {
    struct Model: Sendable {
        let heading: String
        let text: String
        let requestId: String?
        let linkHref: String
        let linkText: String

        static let mock = Model(
            heading: "Något gick fel", text: "Inget ändrades. Försök igen, och uppge referensen om felet finns kvar.", requestId: "0123456789abcdef",
            linkHref: "/", linkText: "Till startsidan")
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1(m.heading)
        p(m.text)
        if let id = m.requestId { p("Referens: \(id)", .class("meta")) }
        p { a(m.linkText, .href(m.linkHref)) }
    }
}
