import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// Forskningsuttag from its mock models: the researcher's list, the administrator's, the application form new and
/// refused, a project waiting for a decision and an approved one with its downloads.
@Suite("Research extract view snapshots")
struct ResearchViewSnapshotTests {
    func page(_ title: String, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: .research), main: nodes)
    }

    @Test("The lists of projects: the researcher's own with the application link, the administrator's applications to decide")
    func lists() throws {
        let researcher = page("Forskningsuttag", ResearchListPage.view(.mockResearcher))
        try Snapshot.check(researcher, "research-list")
        #expect(researcher.contains("href=\"/research/new\"") && researcher.contains("Mina projekt") && !researcher.contains("Ansökningar att besluta"))
        let admin = page("Forskningsuttag", ResearchListPage.view(.mockAdmin))
        try Snapshot.check(admin, "research-list-admin")
        #expect(admin.contains("Ansökningar att besluta") && !admin.contains("href=\"/research/new\"") && admin.contains("Fatima Forskare"))
    }

    @Test("The application form offers exactly the dictionary's variables as check boxes, and a refused one shows the errors beside the fields")
    func applicationForm() throws {
        let html = page("Ansök om forskningsuttag", ResearchApplyPage.view(.mock))
        try Snapshot.check(html, "research-apply")
        for v in ResearchDictionary.variables { #expect(html.contains("name=\"variables\" value=\"\(v.id)\"")) }
        #expect(!html.contains("value=\"personnummer\"") && !html.contains("value=\"name\""))
        let refused = page("Fel – Ansök om forskningsuttag", ResearchApplyPage.view(.mockRefused))
        try Snapshot.check(refused, "research-apply-refused")
        #expect(refused.contains("Inget lämnas ut utan etikgodkännande") && refused.contains("href=\"#approvalNumber\"") && refused.contains("aria-invalid=\"true\""))
        #expect(refused.contains("value=\"gender\" checked"))
    }

    @Test("A project waiting for a decision offers the administrator approve and refuse; an approved one offers its researcher the three files")
    func projectPage() throws {
        let toDecide = page("Vägar ur försörjningsstöd", ResearchProjectPage.view(.mockToDecide))
        try Snapshot.check(toDecide, "research-project-to-decide")
        #expect(toDecide.contains("/research/00000000-0000-0000-0000-0000000000b1/decide") && toDecide.contains("value=\"refuse\""))
        #expect(!toDecide.contains("data.csv") && toDecide.contains("Uttaget kan hämtas när ansökan är godkänd."))
        let approved = page("Vägar ur försörjningsstöd", ResearchProjectPage.view(.mockApproved))
        try Snapshot.check(approved, "research-project-approved")
        for f in ResearchFile.allCases { #expect(approved.contains("/research/00000000-0000-0000-0000-0000000000b1/\(f.rawValue)")) }
        #expect(!approved.contains("/decide") && approved.contains("Godkänt – uttag kan hämtas"))
    }
}
