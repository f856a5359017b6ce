import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// Mina sidor and the messages rendered in the frame from their mock models, without a database.
@Suite("Mina sidor view snapshots")
struct OwnPageViewSnapshotTests {
    func page(_ title: String, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: nil), main: nodes)
    }

    @Test("The own page, who has read my file, the person's and the unit's messages, a refused message")
    func views() throws {
        try Snapshot.check(page("Mina sidor", OwnPageView.view(.mock)), "own-page")
        try Snapshot.check(page("Vem har läst mina uppgifter", OwnAccessLogView.view(.mock)), "own-access-log")
        try Snapshot.check(page("Meddelanden", MessageViews.personList(.mock)), "own-messages")
        try Snapshot.check(page("Fråga om mötet", MessageViews.thread(.mock)), "message-thread")
        try Snapshot.check(page("Meddelanden", MessageViews.unitList(.mock)), "unit-messages")
        let refused = MessageViews.ListModel(
            csrf: "csrf-token", threads: [], units: MessageViews.ListModel.mock.units,
            form: FormState(refused: [FieldError(field: "body", message: "Skriv ditt meddelande.")], submitted: ["subject": ["Fråga <om> mötet"]]))
        let html = page("Meddelanden", MessageViews.personList(refused))
        #expect(html.contains("Fråga &lt;om&gt; mötet") && html.contains("Skriv ditt meddelande."))
        try Snapshot.check(html, "own-messages-refused")
    }
}
