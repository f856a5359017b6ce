import Foundation
import SamsynDomain

/// The Jobbtorg's referrals, those waiting for an answer first.
enum ReferralInboxPage {
    struct Model: Sendable {
        struct Line: Sendable {
            let id: UUID
            let person: String
            let from: String
            let sentOn: String
            let answerDue: String
            let late: Bool
            let status: String
        }
        let waiting: Int
        let lines: [Line]

        static let mock = Model(
            waiting: 1,
            lines: [
                Line(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!, person: "Andersson, Anna", from: "Spånga-Tensta stadsdelsnämnd",
                    sentOn: "2026-10-01", answerDue: "2026-10-08", late: true, status: "Skickad"),
                Line(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000b2")!, person: "Berg, Bo", from: "Rinkeby-Kista stadsdelsnämnd",
                    sentOn: "2026-09-20", answerDue: "2026-09-27", late: false, status: "Antagen"),
            ])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Remisser till Jobbtorg")
        p(m.waiting == 0 ? "Inga remisser väntar på svar." : "\(m.waiting) remiss\(m.waiting == 1 ? "" : "er") väntar på svar. En remiss ska besvaras inom fem arbetsdagar.")
        dataTable(
            "Remisser, obesvarade först", headers: ["Person", "Från", "Skickad", "Svar senast", "Status"],
            rows: m.lines.map { r in
                [
                    .link(href: Routes.referral.link(r.id), text: r.person), .text(r.from), .text(r.sentOn),
                    .build {
                        if r.late {
                            span("Försenad", .class("tag strong"))
                            " "
                        }
                        r.answerDue
                    }, .text(r.status),
                ]
            })
    }
}
