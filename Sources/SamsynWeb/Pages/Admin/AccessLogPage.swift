import Foundation

/// Log review: the latest access-log rows of the manager's committee.
enum AccessLogPage {
    struct Model: Sendable {
        struct Row: Sendable {
            /// Whom the row is about: one person, a list read's persons (opened on the row's own page), or nobody.
            enum Person: Sendable {
                case none
                case one(String)
                case list(Int)
            }
            let sequence: Int64; let at: String; let username: String; let role: String; let action: String; let detail: String?
            let person: Person; let denied: Bool
        }
        let committeeName: String
        let rows: [Row]

        static let mock = Model(
            committeeName: "Spånga-Tensta stadsdelsnämnd",
            rows: [
                Row(
                    sequence: 41, at: "2026-11-30 08:12:01", username: "sara", role: "Socialsekreterare", action: "Läste personakten", detail: "page",
                    person: .one("00000000-0000-0000-0000-000000000001"), denied: false),
                Row(sequence: 42, at: "2026-11-30 08:12:30", username: "sara", role: "Socialsekreterare", action: "person.search.hit", detail: nil, person: .list(12), denied: false),
                Row(sequence: 43, at: "2026-11-30 08:13:44", username: "kim", role: "Jobbcoach", action: "Läste personakten", detail: nil, person: .none, denied: true),
            ])
    }

    static func personCell(_ r: Model.Row) -> Cell {
        switch r.person {
        case .none: "–"
        case .one(let id): .code(id)
        case .list(let n): .link(href: Routes.accessLogEntry.link(String(r.sequence)), text: "\(n) personer (lista)")
        }
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Åtkomstlogg")
        p("De senaste \(m.rows.count) händelserna i \(m.committeeName): vem som läst eller ändrat uppgifter, när och om det var tillåtet.", .class("lead"))
        dataTable(
            "Åtkomstlogg", headers: ["Nr", "Tid (UTC)", "Användare", "Roll", "Händelse", "Person-id", "Utfall"],
            rows: m.rows.map { r in
                [
                    .link(href: Routes.accessLogEntry.link(String(r.sequence)), text: String(r.sequence)), .text(r.at), .text(r.username), .text(r.role),
                    .text(r.detail.map { "\(r.action) (\($0))" } ?? r.action), personCell(r), r.denied ? .build { strong("Nekad") } : "Tillåten",
                ]
            })
    }
}

/// One row of the access log: what happened, and every person a list read showed.
enum AccessLogEntryPage {
    struct Model: Sendable {
        let row: AccessLogPage.Model.Row
        let persons: [(id: String, href: String)]
        let hash: String
        let previousHash: String

        static let mock = Model(
            row: AccessLogPage.Model.mock.rows[1],
            persons: [
                (id: "00000000-0000-0000-0000-000000000001", href: "/persons/00000000-0000-0000-0000-000000000001"),
                (id: "00000000-0000-0000-0000-000000000002", href: "/persons/00000000-0000-0000-0000-000000000002"),
            ], hash: "ab12", previousHash: "cd34")
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let r = m.row
        p { a("Tillbaka till åtkomstloggen", .href(Routes.accessLog.link)) }
        h1("Logghändelse \(r.sequence)")
        facts([
            ("Tid (UTC)", r.at), ("Användare", r.username), ("Roll", r.role), ("Händelse", r.detail.map { "\(r.action) (\($0))" } ?? r.action),
            ("Utfall", r.denied ? "Nekad" : "Tillåten"), ("Kedjans kontrollsumma", m.hash), ("Föregående kontrollsumma", m.previousHash),
        ])
        titledSection("Personer som visades", id: "personer") {
            if m.persons.isEmpty {
                p("Händelsen gäller ingen enskild person.")
            } else {
                p("\(m.persons.count) \(m.persons.count == 1 ? "person" : "personer"). Att öppna en personakt härifrån loggas som en egen läsning.")
                ul {
                    for person in m.persons { li { a(.href(person.href)) { code(person.id) } } }
                }
            }
        }
    }
}
