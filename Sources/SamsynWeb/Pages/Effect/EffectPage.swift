import Foundation
import SamsynDomain

/// Effekt av insatser: the effect report of an intervention (or a type) for a start period against a comparison group
/// built by propensity-score matching or weighting. Every figure with its sample size, the balance table, the
/// Kaplan–Meier curves with their bands and tables, the shares at 6 and 12 months, the hazard ratios and the text
/// that says what the comparison can and cannot show. The exports carry exactly the tables the page shows.
enum EffectPage {
    /// A table of the report: the page shows it and the exports write it.
    struct Table: Sendable, Equatable {
        let id: String
        let title: String
        let headers: [String]
        let rows: [[String]]
    }

    struct Report: Sendable {
        let heading: String
        let method: String
        let population: String
        let asOf: String
        let estimated: Bool
        let uncertain: Bool
        /// Why nothing is estimated (too few, or the model could not be fitted).
        let notice: String?
        let sizes: Table
        let balance: Table?
        let curves: [SurvivalChart]
        let hazards: Table?
        let shares: Table?
        let explanation: [String]
        let notRecorded: [String]

        /// Every table in the page's order (the curves' tables included), as the exports write them.
        var tables: [Table] {
            var out = [sizes]
            if let balance { out.append(balance) }
            if let hazards { out.append(hazards) }
            if let shares { out.append(shares) }
            for c in curves { out.append(EffectPage.curveTable(c)) }
            return out
        }
    }

    struct Model: Sendable {
        let form: FormState
        let choices: [FormState.Option]
        let exportQuery: String?
        let report: Report?
    }

    static func number(_ x: Double, _ decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f", x).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−")
    }
    static func percent(_ x: Double) -> String { number(100 * x, 1) + " %" }
    static func points(_ x: Double) -> String { number(100 * x, 1) }

    static func curveTable(_ c: SurvivalChart) -> Table {
        let months = Array(Set(c.series.flatMap { $0.points.map(\.month) })).sorted()
        return Table(
            id: c.id + "-data", title: c.title,
            headers: ["Månader efter start"] + c.series.flatMap { ["\($0.name): andel", "\($0.name): 95 % konfidensintervall", "\($0.name): följs fortfarande"] },
            rows: months.map { m in
                [String(m)]
                    + c.series.flatMap { s -> [String] in
                        guard let p = s.points.first(where: { $0.month == m }) else { return ["–", "–", "–"] }
                        return [percent(p.share), "\(percent(p.lower))–\(percent(p.upper))", String(p.atRisk)]
                    }
            })
    }

    static func make(_ r: EffectService.Result) -> Report {
        let e = r.report
        let k = e.disclosureThreshold
        func count(_ n: Int) -> String { (1..<max(k, 1)).contains(n) ? "<\(k)" : String(n) }
        var notice: String?
        switch e.status {
        case .estimated: break
        case .tooFew(let participants, let comparison, let minimum):
            notice =
                "För få för att visa en effekt: det krävs minst \(minimum) personer i varje grupp, och här finns \(count(participants)) deltagare och \(count(comparison)) i jämförelsegruppen. Ingen skattning visas."
        case .failed:
            notice = "Ingen effekt kan visas: modellen gick inte att skatta på de här uppgifterna."
        }
        let estimated = e.status == .estimated
        var sizeRows: [[String]] = [["Deltagare som började under perioden", count(e.participantCount)], ["Möjliga jämförelsepersoner (person och månad)", count(e.candidateCount)]]
        if e.balance != nil {
            switch e.method {
            case .matching:
                sizeRows += [
                    ["Matchade deltagare", count(e.matchedParticipantCount)], ["Jämförelsepersoner i matchningen", count(e.comparisonCount)],
                    ["Deltagare utan tillräckligt lik jämförelseperson", count(e.unmatchedParticipantCount)],
                ]
            case .weighting:
                sizeRows += [
                    ["Deltagare i viktningen", count(e.matchedParticipantCount)], ["Jämförelsepersoner med vikt", count(e.comparisonCount)],
                    ["Jämförelsegruppens effektiva storlek", number(e.comparisonEffectiveSize, 0)],
                ]
            }
        }
        let sizes = Table(id: "underlag", title: "Underlag", headers: ["Grupp", "Antal"], rows: sizeRows)
        var balance: Table?
        if let b = e.balance {
            func mean(_ row: BalanceRow, _ x: Double) -> String { row.binary ? percent(x) : number(x, 1) }
            balance = Table(
                id: "balans", title: "Balans före och efter \(e.method.isWeighting ? "viktning" : "matchning")",
                headers: [
                    "Variabel", "Deltagare före", "Jämförelse före", "Standardiserad skillnad före", "Deltagare efter", "Jämförelse efter",
                    "Standardiserad skillnad efter", "Över 0,1 efter",
                ],
                rows: b.rows.map { row in
                    [
                        row.name, mean(row, row.treatedMeanBefore), mean(row, row.controlMeanBefore), number(row.standardisedDifferenceBefore),
                        mean(row, row.treatedMeanAfter), mean(row, row.controlMeanAfter), number(row.standardisedDifferenceAfter), row.flagged ? "Ja, osäker" : "Nej",
                    ]
                })
        }
        var curves: [SurvivalChart] = []
        var hazardRows: [[String]] = []
        for o in e.outcomes {
            func series(_ name: String, _ c: EffectReport.Curve) -> SurvivalChart.Series {
                SurvivalChart.Series(
                    name: name, points: c.points.map { SurvivalChart.Point(month: $0.month, share: $0.share, lower: $0.lower, upper: $0.upper, atRisk: $0.atRisk) })
            }
            let id = o.outcome == .leavingAid ? "kurva-bistand" : "kurva-arbete"
            curves.append(
                SurvivalChart(
                    id: id, title: "\(o.outcome.swedish): andel per månad efter start",
                    summary:
                        "Andelen som \(o.outcome == .leavingAid ? "lämnat försörjningsstöd" : "börjat arbeta eller studera") månad för månad efter start, deltagare (\(count(o.participants.count)) personer) och jämförelsegrupp (\(count(o.comparison.count)) personer), med 95 % konfidensband. Kurvorna slutar där färre än \(k) följs.",
                    horizon: max(1, (o.participants.points + o.comparison.points).map(\.month).max() ?? 1),
                    series: [series("Deltagare", o.participants), series("Jämförelsegrupp", o.comparison)]))
            let hr = o.hazardRatio.map { number($0) } ?? "Visas inte"
            let ci = o.hazardRatioInterval.map { "\(number($0.lower))–\(number($0.upper))" } ?? (o.hazardRatio == nil ? "För få händelser (under \(k) i en grupp)" : "")
            hazardRows.append([
                o.outcome.swedish, "\(count(o.participants.count)) (\(count(o.participants.events)) nådde utfallet)",
                "\(count(o.comparison.count)) (\(count(o.comparison.events)) nådde utfallet)", hr, ci,
            ])
        }
        var shareRows: [[String]] = []
        for s in e.shares {
            if let d = s.difference {
                shareRows.append([
                    "\(s.month) månader", percent(d.treatedMean), percent(d.controlMean), points(d.difference.value),
                    "\(points(d.difference.lower)) till \(points(d.difference.upper))", "\(count(s.participantsFollowed)) och \(count(s.comparisonFollowed))",
                ])
            } else {
                shareRows.append([
                    "\(s.month) månader", "–", "–", "–", s.withheldReason ?? "Visas inte", "\(count(s.participantsFollowed)) och \(count(s.comparisonFollowed))",
                ])
            }
        }
        return Report(
            heading: "\(r.scopeName) – starter \(e.period)", method: e.method.swedishDescription, population: r.populationName, asOf: r.asOf.description,
            estimated: estimated, uncertain: estimated && e.uncertain, notice: notice, sizes: sizes, balance: balance, curves: curves,
            hazards: hazardRows.isEmpty
                ? nil
                : Table(
                    id: "riskkvot", title: "Riskkvot (Cox), deltagare jämfört med jämförelsegrupp",
                    headers: ["Utfall", "Deltagare", "Jämförelsegrupp", "Riskkvot", "95 % konfidensintervall"], rows: hazardRows),
            shares: shareRows.isEmpty
                ? nil
                : Table(
                    id: "andelar", title: "Utan försörjningsstöd 6 och 12 månader efter start",
                    headers: ["Tid efter start", "Deltagare", "Jämförelsegrupp", "Skillnad (procentenheter)", "95 % konfidensintervall", "Följda (deltagare och jämförelse)"],
                    rows: shareRows),
            explanation: e.explanation, notRecorded: r.notRecorded)
    }

    static let methodOptions = [FormState.Option("matching", "Matchning på benägenhetspoäng (närmaste granne)"), FormState.Option("weighting", "Viktning (invers sannolikhet)")]

    @HTMLBuilder static func tableNode(_ t: Table) -> [Node] {
        dataTable(t.title, showCaption: true, headers: t.headers, rows: t.rows.map { r in [Cell.rowHeader(r[0])] + r.dropFirst().map { Cell.text($0) } }, id: t.id)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        h1("Effekt av insatser")
        p(
            "Jämför dem som började i en insats med liknande personer som vid samma tid inte gjorde det. Inga namn eller personnummer visas; grupper under 30 personer redovisas inte.",
            .class("lead"))
        f.errorSummary("Rapporten kunde inte visas")
        form(.method("get"), .action(Routes.effect.link), .class("stack filters no-print"), .novalidate()) {
            f.select("intervention", "Insats eller typ av insats", options: m.choices, placeholder: "Välj insats")
            f.text("from", "Första startmånad", hint: "ÅÅÅÅ-MM. Lämna båda månaderna tomma för tolv månader som går att följa ett år.", short: true)
            f.text("to", "Sista startmånad", hint: "ÅÅÅÅ-MM.", short: true)
            f.select("method", "Metod för jämförelsegruppen", options: methodOptions, placeholder: "Matchning (förval)")
            f.text("caliper", "Största avstånd vid matchning", hint: "I standardavvikelser på logitskalan, förval 0,2. Gäller bara matchning.", kind: .decimal, short: true)
            submitButton("Visa")
        }
        if let r = m.report {
            h2(r.heading, .id("rapport"))
            facts([("Metod", r.method), ("Personer", r.population), ("Uppgifter till och med", r.asOf)])
            if let q = m.exportQuery {
                p(.class("exports no-print")) {
                    "Ladda ner det som visas: "
                    a("CSV (Excel)", .href(Routes.effectCSV.link + "?" + q))
                    " · "
                    a("Excel-arbetsbok (XLSX)", .href(Routes.effectXLSX.link + "?" + q))
                }
            }
            if let n = r.notice { p(n, .class("notice"), .role("status"), .id("too-few")) }
            if r.uncertain {
                p("Osäker skattning: grupperna skiljer sig fortfarande i minst en variabel efter justeringen (standardiserad skillnad över 0,1, se balanstabellen).", .class("warning"), .id("uncertain"))
            }
            card("Underlag", id: "underlag-rubrik") {
                tableNode(r.sizes)
            }
            if let b = r.balance {
                card("Balans", id: "balans-rubrik") {
                    p("En standardiserad skillnad över 0,1 efter justeringen markeras ”Ja, osäker”: där är grupperna inte lika nog för att jämföras utan förbehåll.", .class("hint"))
                    tableNode(b)
                }
            }
            for c in r.curves {
                card(c.title, id: "\(c.id)-rubrik") {
                    survivalChart(c)
                }
            }
            if let h = r.hazards {
                card("Riskkvot", id: "riskkvot-rubrik") {
                    p("En riskkvot över 1 betyder att deltagarna nådde utfallet snabbare än jämförelsegruppen.", .class("hint"))
                    tableNode(h)
                }
            }
            if let s = r.shares {
                card("Utan försörjningsstöd efter 6 och 12 månader", id: "andelar-rubrik") {
                    tableNode(s)
                }
            }
            titledSection("Så ska jämförelsen läsas", id: "tolkning") {
                for t in r.explanation { p(t) }
                if !r.notRecorded.isEmpty {
                    p("Det här finns inte med i jämförelsen eftersom staden inte registrerar det så att det går att jämföra:")
                    ul {
                        for n in r.notRecorded { li(n) }
                    }
                }
            }
        }
    }
}

extension EffectMethod {
    var isWeighting: Bool { if case .weighting = self { true } else { false } }
}
