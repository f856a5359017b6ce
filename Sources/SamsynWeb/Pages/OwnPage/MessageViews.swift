import Foundation
import SamsynDomain

/// Messages between the person and a unit: the person's list and thread on Mina sidor, and the unit's.
enum MessageViews {
    struct ThreadRow: Sendable {
        let href: String
        let subject: String
        let with: String
        let last: String
        let unread: Int
    }
    struct MessageLine: Sendable {
        let from: String
        let sent: String
        let body: String
        /// The read receipt of a message sent by the viewer's side; nil for the other side's messages.
        let receipt: String?
        let own: Bool
    }

    struct ListModel: Sendable {
        let csrf: String
        let threads: [ThreadRow]
        let units: [FormState.Option]
        let form: FormState
        static let mock = ListModel(
            csrf: "csrf-token",
            threads: [ThreadRow(href: "/own/messages/00000000-0000-0000-0000-0000000000e1", subject: "Fråga om mötet", with: "Jobbtorg Kista", last: "2026-11-20 kl. 10:02", unread: 1)],
            units: [.init("jobbtorg-kista", "Jobbtorg Kista")], form: .new)
    }

    @HTMLBuilder static func personList(_ m: ListModel) -> [Node] {
        h1("Meddelanden")
        p("Här kan du skriva till din handläggare eller coach. Meddelandet går till hela enheten, så någon svarar även när din kontaktperson är borta.", .class("lead"))
        m.form.errorSummary("Meddelandet skickades inte")
        if m.threads.isEmpty { p("Du har inga meddelanden.") }
        else { threadTable(m.threads, withHeader: "Till") }
        card("Skriv ett nytt meddelande", id: "new-message") {
            if m.units.isEmpty {
                p("Du kan skriva när du har ett pågående ärende hos ekonomiskt bistånd eller är inskriven på Jobbtorg.")
            } else {
                postForm(Routes.ownMessages.link, csrf: m.csrf) {
                    m.form.select("unit", "Till", options: m.units, selected: m.units.count == 1 ? m.units[0].value : "", required: true)
                    m.form.text("subject", "Vad gäller det?", required: true)
                    m.form.textarea("body", "Ditt meddelande", hint: "Skriv inte känsliga uppgifter om andra personer.", rows: 6, required: true)
                    submitButton("Skicka")
                }
            }
        }
        linkLine(Routes.ownPage.link, "Tillbaka till Mina sidor")
    }

    static func threadTable(_ rows: [ThreadRow], withHeader: String) -> Node {
        dataTable(
            "Meddelanden, senaste först", headers: ["Ämne", withHeader, "Senaste", "Olästa"],
            rows: rows.map { r in [.link(href: r.href, text: r.subject), .text(r.with), .text(r.last), .text(r.unread == 0 ? "–" : "\(r.unread) nya")] })
    }

    struct ThreadModel: Sendable {
        let csrf: String
        let subject: String
        let with: String
        let action: String
        let backHref: String
        let backText: String
        let personHref: String?
        let messages: [MessageLine]
        let form: FormState
        static let mock = ThreadModel(
            csrf: "csrf-token", subject: "Fråga om mötet", with: "Jobbtorg Kista", action: "/own/messages/00000000-0000-0000-0000-0000000000e1",
            backHref: "/own/messages", backText: "Alla meddelanden", personHref: nil,
            messages: [
                MessageLine(from: "Du", sent: "2026-11-20 kl. 10:02", body: "Kan vi flytta mötet till torsdag?", receipt: "Läst av Jobbtorg Kista 2026-11-20 kl. 11:15", own: true),
                MessageLine(from: "Jobbtorg Kista (Carl Coach)", sent: "2026-11-20 kl. 11:16", body: "Ja, torsdag kl. 10 går bra.", receipt: nil, own: false),
            ], form: .new)
    }

    @HTMLBuilder static func thread(_ m: ThreadModel) -> [Node] {
        p(.class("breadcrumb")) { a(m.backText, .href(m.backHref)) }
        h1(m.subject)
        p("Med \(m.with).", .class("lead"))
        if let href = m.personHref { linkLine(href, "Till personens sida") }
        m.form.errorSummary("Svaret skickades inte")
        ol(.class("messages")) {
            for line in m.messages {
                li(.class(line.own ? "message own" : "message")) {
                    p { strong(line.from); " · \(line.sent)" }
                    div(.class("message-body")) { for para in line.body.split(separator: "\n", omittingEmptySubsequences: false) { p(String(para)) } }
                    if let r = line.receipt { p(r, .class("muted")) }
                }
            }
        }
        card("Svara", id: "reply") {
            postForm(m.action, csrf: m.csrf) {
                m.form.textarea("body", "Ditt svar", rows: 5, required: true)
                submitButton("Skicka")
            }
        }
    }

    struct UnitListModel: Sendable {
        let unitName: String
        let threads: [ThreadRow]
        static let mock = UnitListModel(
            unitName: "Jobbtorg Kista",
            threads: [ThreadRow(href: "/messages/00000000-0000-0000-0000-0000000000e1", subject: "Fråga om mötet", with: "Anna Andersson", last: "2026-11-20 kl. 10:02", unread: 1)])
    }

    @HTMLBuilder static func unitList(_ m: UnitListModel) -> [Node] {
        h1("Meddelanden")
        p("Meddelanden från personerna till \(m.unitName). De går till hela enheten; den som svarar syns med namn för personen.", .class("lead"))
        if m.threads.isEmpty { p("Inga meddelanden.") } else { threadTable(m.threads, withHeader: "Person") }
    }
}
