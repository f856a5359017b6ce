import Foundation
import SamsynDomain

/// A printable letter to the person in plain Swedish: a kallelse to the nybesök or a meeting, or an offered
/// place. For a person with protected identity (skyddade personuppgifter) no address is shown: the letter
/// must not be sent by post from here, and the page says so; it can be handed over in person.
enum LetterPage {
    struct Model: Sendable {
        let backHref: String
        let backText: String
        let sender: String
        /// The person's name and address lines; nil when the person has protected identity.
        let address: [String]?
        let date: String
        let heading: String
        let greeting: String
        let paragraphs: [String]
        let facts: [(String, String)]
        let closing: [String]

        static let mock = Model(
            backHref: Routes.personNewVisit.link("00000000-0000-0000-0000-000000000001"), backText: "Tillbaka till nybesöket",
            sender: "Spånga-Tensta stadsdelsförvaltning, ekonomiskt bistånd", address: ["Anna Andersson", "Storgatan 1", "163 00 Spånga"], date: "2 oktober 2026",
            heading: "Välkommen till ett första besök", greeting: "Hej Anna Andersson!",
            paragraphs: [
                "Du har kontaktat oss om ekonomiskt bistånd. Nu vill vi träffa dig för ett första besök, ett nybesök.",
                "Vi pratar om din situation och vad du behöver för att kunna försörja dig själv. Ta med legitimation och papper om dina inkomster och kostnader.",
            ],
            facts: [("När", "måndag 5 oktober 2026 kl. 09:30"), ("Var", "Spånga torg 10, anmäl dig i receptionen"), ("Du träffar", "Sara Socialsekreterare")],
            closing: ["Om tiden inte passar, ring oss så bokar vi en ny tid.", "Välkommen!", "Maja Mottagare, Spånga-Tensta mottagning"])
        static let mockProtected = Model(
            backHref: mock.backHref, backText: mock.backText, sender: mock.sender, address: nil, date: mock.date, heading: mock.heading, greeting: mock.greeting,
            paragraphs: mock.paragraphs, facts: mock.facts, closing: mock.closing)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("no-print")) { a(m.backText, .href(m.backHref)) }
        if m.address == nil {
            p(
                "Skyddade personuppgifter – brevet visas utan adress och får inte skickas med post härifrån. Lämna det till personen vid ett besök, eller skicka det enligt rutinen för skyddade personuppgifter.",
                .class("tag strong no-print"), .role("note"))
        }
        div(.class("letter")) {
            p(m.sender, .class("meta"))
            if let lines = m.address {
                p(.class("letter-address")) {
                    for (i, line) in lines.enumerated() {
                        if i > 0 { br() }
                        line
                    }
                }
            }
            p(m.date, .class("meta"))
            h1(m.heading)
            p(m.greeting)
            for text in m.paragraphs { p(text) }
            facts(m.facts)
            for text in m.closing { p(text) }
        }
    }
}
