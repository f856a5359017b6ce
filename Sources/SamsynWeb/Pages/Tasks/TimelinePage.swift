import Foundation
import SamsynDomain

/// Everything registered or changed in the person file at the user's committee, newest first.
enum TimelinePage {
    struct Model: Sendable {
        let personId: UUID
        let personName: String
        let committeeName: String
        /// When, what and who.
        let rows: [[String]]

        static let mock = Model(
            personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", committeeName: "Spånga-Tensta stadsdelsnämnd",
            rows: [["2026-10-01 10:00", "Aktualisering registrerad", "sara, Socialsekreterare"]])
        static let mockEmpty = Model(personId: mock.personId, personName: mock.personName, committeeName: mock.committeeName, rows: [])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("Tidslinje – \(m.personName)")
        p("Allt som har registrerats eller ändrats i personakten hos \(m.committeeName), senast först: vad, vem och när.", .class("lead"))
        if m.rows.isEmpty { p("Inget har registrerats ännu.") }
        dataTable("Händelser i personakten, senast först", headers: ["När", "Vad", "Vem"], rows: m.rows.map { $0.map(Cell.text) })
    }
}
