import Foundation
import SamsynDomain

/// The unit's inbox: what arrived for it (handovers and answers back), oldest first, each with its next step.
enum InboxPage {
    struct Model: Sendable {
        struct Line: Sendable {
            let key: String
            let kind: String
            let person: String
            /// The person's case page, when the unit holds the person's file.
            let personHref: String?
            let arrived: String
            let late: Bool
            let detail: String
            let action: String
            let actionHref: String
            /// Answers back are marked as read with a button.
            let acknowledge: Bool
            /// An acute need: first, marked "Akut".
            var acute: Bool = false
        }
        let csrf: String
        let unitName: String
        let notice: String?
        /// What makes an item leave this unit's inbox.
        let leaves: String
        let lines: [Line]

        static let mock = Model(
            csrf: "csrf-token", unitName: "Spånga-Tensta ekonomiskt bistånd", notice: nil,
            leaves: "En ny aktualisering lämnar inkorgen när någon på enheten tar över ärendet. Ett svar från Jobbtorg lämnar inkorgen när någon kvitterar det.",
            lines: [
                Line(
                    key: "acute_need:00000000-0000-0000-0000-0000000000a1", kind: "Akut behov", person: "Åkesson, Johan",
                    personHref: Routes.personCase.link("00000000-0000-0000-0000-000000000004"), arrived: "2026-10-02", late: false,
                    detail: "Upptäckt 2026-10-02 i bedömningen. Ska hanteras i dag.", action: "Se behovet och hantera det",
                    actionHref: Routes.acuteNeed.link("00000000-0000-0000-0000-0000000000a1"), acknowledge: false, acute: true),
                Line(
                    key: "new_case:00000000-0000-0000-0000-0000000000c1", kind: "Ny aktualisering", person: "Andersson, Anna",
                    personHref: Routes.personCase.link("00000000-0000-0000-0000-000000000001"), arrived: "2026-10-01", late: false,
                    detail: "Nybesök 2026-10-05 kl. 09:30 hos Sara Socialsekreterare", action: "Öppna ärendet och ta över det",
                    actionHref: Routes.personCase.link("00000000-0000-0000-0000-000000000001"), acknowledge: false),
                Line(
                    key: "new_case:00000000-0000-0000-0000-0000000000c2", kind: "Ny aktualisering", person: "Berg, Bo",
                    personHref: Routes.personCase.link("00000000-0000-0000-0000-000000000002"), arrived: "2026-09-28", late: true,
                    detail: "Inget nybesök bokat", action: "Öppna ärendet och ta över det",
                    actionHref: Routes.personCase.link("00000000-0000-0000-0000-000000000002"), acknowledge: false),
                Line(
                    key: "referral_answer:00000000-0000-0000-0000-0000000000b1", kind: "Remissen antogs", person: "Cederlund, Cecilia",
                    personHref: Routes.personCase.link("00000000-0000-0000-0000-000000000003"), arrived: "2026-09-30", late: false,
                    detail: "Antagen av Carl Coach, Jobbtorg Kista", action: "Läs och kvittera",
                    actionHref: Routes.personCase.link("00000000-0000-0000-0000-000000000003"), acknowledge: true),
            ])
        static let mockEmpty = Model(
            csrf: "csrf-token", unitName: "Jobbtorg Kista", notice: "Kvitterat.", leaves: "En remiss lämnar inkorgen när den antas eller avböjs.", lines: [])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Inkorg – \(m.unitName)")
        if let n = m.notice { notice(n) }
        let acute = m.lines.filter(\.acute).count
        p(
            m.lines.isEmpty
                ? "Inget väntar i inkorgen."
                : "\(m.lines.count) \(m.lines.count == 1 ? "sak väntar" : "saker väntar") på enheten, \(acute > 0 ? "akuta behov först, sedan " : "")den äldsta först.",
            .class("lead"))
        if acute > 0 {
            p(.class("acute-notice"), .role("status")) {
                strong(acute == 1 ? "1 akut behov" : "\(acute) akuta behov")
                acute == 1 ? " väntar på att någon hanterar det i dag. Det står först i inkorgen." : " väntar på att någon hanterar dem i dag. De står först i inkorgen."
            }
        }
        p(m.leaves, .class("meta"))
        if !m.lines.isEmpty {
            dataTable(
                acute > 0 ? "Inkorgen, akuta behov först, sedan äldst först" : "Inkorgen, äldst först", headers: ["Vad", "Person", "Kom in", "Läge", "Nästa steg"],
                rows: m.lines.map { l in
                    [
                        .build {
                            if l.acute {
                                span("Akut", .class("tag acute"))
                                " "
                            }
                            if l.late {
                                span("Försenad", .class("tag strong"))
                                " "
                            }
                            l.kind
                        },
                        l.personHref.map { Cell.link(href: $0, text: l.person) } ?? Cell.text(l.person),
                        .text(l.arrived), .text(l.detail),
                        .build {
                            a(.href(l.actionHref)) {
                                l.action
                                span(": \(l.person)", .class("visually-hidden"))
                            }
                            if l.acknowledge {
                                postForm(Routes.inboxAcknowledge.link, csrf: m.csrf, class: "inline-action") {
                                    hiddenField("key", l.key)
                                    button(.type("submit"), .class("secondary")) {
                                        "Kvittera"
                                        span(": \(l.kind), \(l.person)", .class("visually-hidden"))
                                    }
                                }
                            }
                        },
                    ]
                })
        }
    }
}
