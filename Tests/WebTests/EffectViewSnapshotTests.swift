import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// Effekt av insatser from its mock models: an estimated report with the balance table, the curves with their
/// tables, the shares and hazard ratios; too few participants; a refused period. And the exports.
@Suite("Effect report view snapshots")
struct EffectViewSnapshotTests {
    func page(_ title: String, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: .followUp), main: nodes)
    }

    @Test("The estimated report, too few participants, and refused")
    func views() throws {
        let model = EffectPage.Model.mock
        let report = try #require(model.report)
        #expect(report.estimated && report.balance != nil && report.curves.count == 2 && report.hazards != nil && report.shares != nil)
        let html = page("Effekt av insatser", EffectPage.view(model))
        try Snapshot.check(html, "effect")
        #expect(html.contains("role=\"img\"") && html.contains("<title id=\"kurva-bistand-title\">") && html.contains("siffrorna i diagrammet"))
        #expect(html.contains("Standardiserad skillnad efter") && html.contains("Det här är en jämförelse, inte ett experiment"))
        #expect(html.contains("/effect/export.xlsx?intervention=jobbtorg-jobbsokarcoachning&amp;from=2025-01"))
        let tooFew = page("Effekt av insatser", EffectPage.view(.mockTooFew))
        try Snapshot.check(tooFew, "effect-too-few")
        #expect(tooFew.contains("För få för att visa en effekt: det krävs minst 30 personer i varje grupp, och här finns 12 deltagare"))
        #expect(!tooFew.contains("role=\"img\"") && !tooFew.contains("Riskkvot"))
        let refused = page("Fel – Effekt av insatser", EffectPage.view(.mockRefused))
        try Snapshot.check(refused, "effect-refused")
        #expect(refused.contains("Perioden slutar (2026-03) innan den börjar (2026-05).") && !refused.contains("export.csv"))
    }

    @Test("The exports carry exactly the page's tables, formulas neutralised")
    func exports() throws {
        let report = try #require(EffectPage.Model.mock.report)
        let sheet = try EffectExport.spreadsheet(report).sheets[0]
        let csv = Spreadsheet.csv(sheet)
        for t in report.tables {
            #expect(csv.contains("\"\(t.title)\""))
            for row in t.rows { #expect(csv.contains(row.map { "\"\(Spreadsheet.neutralised($0))\"" }.joined(separator: ";"))) }
        }
        // Negative differences are written with a minus sign (U+2212), never a leading "-" a spreadsheet would read as a formula.
        #expect(!csv.contains(";\"-"))
        let xlsx = try EffectExport.spreadsheet(report).xlsx(title: "Effekt", modified: Date(timeIntervalSince1970: 0))
        #expect(xlsx.starts(with: [0x50, 0x4B]))
    }
}
