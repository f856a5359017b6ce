import Foundation
import SamsynDomain

/// The effect report as rows: exactly what the page shows (its facts, notices, tables and text), for CSV and XLSX.
enum EffectExport {
    static func rows(_ r: EffectPage.Report) -> [[Spreadsheet.Cell]] {
        var out: [[Spreadsheet.Cell]] = [
            [.text("Effekt av insatser"), .text(r.heading)], [.text("Metod"), .text(r.method)], [.text("Personer"), .text(r.population)],
            [.text("Uppgifter till och med"), .text(r.asOf)],
        ]
        if let n = r.notice { out.append([.text("Anmärkning"), .text(n)]) }
        if r.uncertain { out.append([.text("Anmärkning"), .text("Osäker skattning: minst en standardiserad skillnad över 0,1 efter justeringen.")]) }
        for t in r.tables {
            out.append([])
            out.append([.text(t.title)])
            out.append(t.headers.map { .text($0) })
            for row in t.rows { out.append(row.map { .text($0) }) }
        }
        out.append([])
        out.append([.text("Så ska jämförelsen läsas")])
        for p in r.explanation { out.append([.text(p)]) }
        for n in r.notRecorded { out.append([.text("Finns inte med"), .text(n)]) }
        return out
    }

    static func spreadsheet(_ r: EffectPage.Report) throws -> Spreadsheet {
        try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "Effekt", rows: rows(r))])
    }

    static func fileName(_ r: EffectService.Result, ext: String) -> String {
        let scope = r.request.intervention.replacingOccurrences(of: ":", with: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return "effekt-\(scope)-\(r.from.monthKey)-\(r.to.monthKey).\(ext)"
    }
}
