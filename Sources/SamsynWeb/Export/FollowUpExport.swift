import Foundation
import SamsynDomain

/// The follow-up as rows: exactly the figures the page shows (the protected values, never a hidden count), for the
/// CSV and XLSX exports and `samsyn report monthly`.
public enum FollowUpExport {
    static let headers = ["Indikator", "Id", "Avsnitt", "Period", "Grupp", "Värde", "Antal", "Underlag", "Mål", "Anmärkning"]

    static func valueCell(_ f: PublishedFigure) -> Spreadsheet.Cell {
        guard let v = f.value else { return .text(f.text) }
        return f.isShare || f.isMedian ? .number(v, decimals: 1) : .integer(Int(v))
    }

    static func countCell(_ s: Disclosure.Status?, threshold: Int) -> Spreadsheet.Cell {
        guard let s else { return .empty }
        return s.value.map { .integer($0) } ?? .text(s.text(threshold: threshold))
    }

    static func targetCell(_ r: IndicatorReport) -> Spreadsheet.Cell {
        guard let t = r.target else { return .empty }
        return r.definition.isShare ? .number(t, decimals: 1) : .number(t, decimals: 0)
    }

    static func row(_ r: IndicatorReport, section: String, period: String, group: String, _ f: PublishedFigure, target: Bool = false) -> [Spreadsheet.Cell] {
        [
            .text(r.definition.name), .text(r.definition.id), .text(section), .text(period), .text(group), valueCell(f), countCell(f.numerator, threshold: f.threshold),
            countCell(f.denominator, threshold: f.threshold), target ? targetCell(r) : .empty, .text(f.status),
        ]
    }

    static func rows(_ report: FollowUpReport) -> [[Spreadsheet.Cell]] {
        var out: [[Spreadsheet.Cell]] = [headers.map { .text($0) }]
        for r in report.reports {
            out.append(row(r, section: "Perioden", period: r.period.description, group: report.areaName, r.current, target: true))
            out.append(row(r, section: "Föregående period", period: r.period.previous.description, group: report.areaName, r.previous))
            for g in r.groups {
                out.append(row(r, section: r.breakdown?.swedishName ?? "Indelning", period: r.period.description, group: g.group.label, g.figure))
            }
            for p in r.series {
                out.append(row(r, section: "Månad", period: p.month.monthKey, group: report.areaName, p.figure))
            }
        }
        return out
    }

    static func spreadsheet(_ report: FollowUpReport) throws -> Spreadsheet {
        try Spreadsheet(sheets: [Spreadsheet.Sheet(name: "Uppföljning", rows: rows(report))])
    }

    static func fileName(_ report: FollowUpReport, ext: String) -> String {
        let area = report.area ?? "0180"
        let period = report.period.description.replacingOccurrences(of: "–", with: "_")
        return "uppfoljning-\(area)-\(period).\(ext)"
    }

    /// The month's follow-up as plain text for the committee meeting (`samsyn report monthly`).
    public static func text(_ report: FollowUpReport) -> String {
        var lines = [
            "Uppföljning \(report.period.swedishName) – \(report.areaName)",
            "Uttag \(report.asOf). Färre än \(report.threshold) visas som <\(report.threshold); – är dolt för att skydda små tal.", "",
        ]
        let w = max(30, (report.reports.map(\.definition.name.count).max() ?? 30) + 2)
        lines.append("Indikator".padding(toLength: w, withPad: " ", startingAt: 0) + "Värde".padding(toLength: 12, withPad: " ", startingAt: 0) + "Föreg.".padding(toLength: 12, withPad: " ", startingAt: 0) + "Mål")
        for r in report.reports {
            let target = r.target.map { r.definition.isShare ? PublishedFigure.percent($0) : String(Int($0)) } ?? ""
            lines.append(
                r.definition.name.padding(toLength: w, withPad: " ", startingAt: 0) + r.current.text.padding(toLength: 12, withPad: " ", startingAt: 0)
                    + r.previous.text.padding(toLength: 12, withPad: " ", startingAt: 0) + target)
            for g in r.groups { lines.append(("  " + g.group.label).padding(toLength: w, withPad: " ", startingAt: 0) + g.figure.text) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
