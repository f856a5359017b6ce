import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// The unit inbox, the nybesök booking (new, booked and refused) and the letters, from their mock models.
@Suite("Inbox view snapshots")
struct InboxViewSnapshotTests {
    func page(_ title: String, _ current: MenuItem? = nil, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: current), main: nodes)
    }

    @Test("The inbox with arrivals and empty")
    func inbox() throws {
        try Snapshot.check(page("Inkorg", .inbox, InboxPage.view(.mock)), "inbox")
        try Snapshot.check(page("Inkorg", .inbox, InboxPage.view(.mockEmpty)), "inbox-empty")
    }

    @Test("Booking the nybesök: new, booked with its next step, and refused")
    func newVisit() throws {
        try Snapshot.check(page("Boka nybesök", nil, NewVisitPage.view(.mock)), "new-visit")
        try Snapshot.check(page("Boka nybesök", nil, NewVisitPage.view(.mockBooked)), "new-visit-booked")
        try Snapshot.check(page("Fel – Boka nybesök", nil, NewVisitPage.view(.mockRefused)), "new-visit-refused")
    }

    @Test("A letter with the address, and for a protected identity without it")
    func letters() throws {
        try Snapshot.check(page("Kallelse till nybesök", nil, LetterPage.view(.mock)), "letter")
        try Snapshot.check(page("Kallelse till nybesök", nil, LetterPage.view(.mockProtected)), "letter-protected")
        let protected = page("Kallelse till nybesök", nil, LetterPage.view(.mockProtected))
        #expect(protected.contains("Skyddade personuppgifter") && !protected.contains("Storgatan"))
    }

    @Test("The case and person pages end with the next step")
    func nextSteps() throws {
        var m = CasePage.Model.mockDistrict
        m.nextSteps = [NextStepLink(text: "Boka nybesök", href: Routes.personNewVisit.link("00000000-0000-0000-0000-000000000001"))]
        m.newVisit = CasePage.NewVisitBox(facts: nil, bookHref: Routes.personNewVisit.link("00000000-0000-0000-0000-000000000001"), letterHref: nil)
        try Snapshot.check(page("Ärende – Anna Andersson", nil, CasePage.view(m)), "case-district-next-step")
        let html = page("x", nil, CasePage.view(m))
        #expect(html.contains("id=\"next-step\"") && html.contains("/persons/00000000-0000-0000-0000-000000000001/new-visit"))
    }
}
