import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// Uppföljning from its mock models: figures with a breakdown, the charts and their tables, and a refused period.
@Suite("Follow-up view snapshots")
struct FollowUpViewSnapshotTests {
    func page(_ title: String, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: .followUp), main: nodes)
    }

    @Test("The follow-up with a breakdown by gender, and refused")
    func followUp() throws {
        let html = page("Uppföljning", FollowUpPage.view(.mock))
        try Snapshot.check(html, "follow-up")
        try Snapshot.check(page("Fel – Uppföljning", FollowUpPage.view(.mockRefused)), "follow-up-refused")
        #expect(html.contains("role=\"img\"") && html.contains("siffrorna i diagrammet") && html.contains("/follow-up/export.xlsx?period=2026-10&amp;breakdown=gender"))
        #expect(html.contains("href=\"#def-ind-jobbtorg-closed\"") && html.contains("id=\"def-ind-jobbtorg-closed\""))
        let refused = page("Fel – Uppföljning", FollowUpPage.view(.mockRefused))
        #expect(refused.contains("Månaden ”2026-13” finns inte") && !refused.contains("role=\"img\"") && !refused.contains("export.csv"))
    }

    @Test("The exports carry the page's figures: a hidden count is its text, never a number")
    func exports() throws {
        let set = try IndicatorCatalog.load(files: IndicatorCatalog.bundledFiles())
        let d = try #require(set.indicator("jobbtorg.closed"))
        var facts = MeasurementFacts()
        let born = LocalDate("1990-01-01")!
        for (g, n) in [(LegalGender.women, 2), (.men, 9)] {
            for _ in 0..<n {
                facts.jobbtorg.append(
                    JobbtorgFact(
                        enrolmentId: UUID(), person: MeasuredPerson(gender: g, birthDate: born), districtCommitteeId: "spanga-tensta", unitId: "jobbtorg-kista",
                        enrolledOn: LocalDate("2026-01-01")!, closedOn: LocalDate("2026-03-05")!, reason: .moved, workOrStudies: false, checkReturned: false, aidMonths: []))
            }
        }
        let labels = MeasurementLabels(districts: [("spanga-tensta", "Spånga-Tensta")], jobbtorgUnits: [])
        let r = IndicatorReport.build(d, facts: facts, period: .month(year: 2026, month: 3), breakdown: .gender, area: nil, asOf: LocalDate("2026-11-18")!, labels: labels)
        let report = FollowUpReport(period: r.period, breakdown: .gender, area: nil, areaName: "Stockholms stad", asOf: LocalDate("2026-11-18")!, threshold: 5, reports: [r], notBrokenDown: [])
        let rows = FollowUpExport.rows(report)
        let groups = rows.filter { $0[2] == .text("Kön") }
        // Women 2 → "<5"; men 9 would give it away (11 − 9) → withheld.
        #expect(groups.map { $0[5] } == [.text("<5"), .text("–")])
        #expect(rows[1][5] == .integer(11))
        let csv = Spreadsheet.csv(try FollowUpExport.spreadsheet(report).sheets[0])
        #expect(!csv.contains(";\"9\";") && !csv.contains(";9;"))
        let text = FollowUpExport.text(report)
        #expect(text.contains("Avslutade vid Jobbtorg") && text.contains("  Kvinnor") && !text.contains(" 9\n"))
    }
}
