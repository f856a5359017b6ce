import Foundation
/// Log review: the latest access-log rows of the manager's committee.
enum AccessLogPage {
    struct Model: Sendable {
        struct Row: Sendable {
            let at: String; let username: String; let role: String; let action: String; let detail: String?; let personId: String; let denied: Bool
        }
        let committeeName: String
        let rows: [Row]

        static let mock = Model(
            committeeName: "Spånga-Tensta stadsdelsnämnd",
            rows: [
                Row(at: "2026-11-30 08:12:01", username: "sara", role: "Socialsekreterare", action: "Läste personakten", detail: "page", personId: "00000000-0000-0000-0000-000000000001", denied: false),
                Row(at: "2026-11-30 08:13:44", username: "kim", role: "Jobbcoach", action: "Läste personakten", detail: nil, personId: "–", denied: true),
            ])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Åtkomstlogg")
        p("De senaste \(m.rows.count) händelserna i \(m.committeeName): vem som läst eller ändrat uppgifter, när och om det var tillåtet.", .class("lead"))
        dataTable(
            "Åtkomstlogg", headers: ["Tid (UTC)", "Användare", "Roll", "Händelse", "Person-id", "Utfall"],
            rows: m.rows.map { r in
                [
                    .text(r.at), .text(r.username), .text(r.role), .text(r.detail.map { "\(r.action) (\($0))" } ?? r.action), .code(r.personId),
                    r.denied ? .build { strong("Nekad") } : "Tillåten",
                ]
            })
    }
}
