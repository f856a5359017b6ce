import Foundation
import SamsynDomain

/// Uppföljning: every indicator for a period with its value, the previous period and the target, an optional
/// breakdown, a 24-month chart with its table, and a link to how it is counted. Exports carry the same figures.
enum FollowUpPage {
    struct Model: Sendable {
        struct Indicator: Sendable {
            let id: String
            let anchor: String
            let name: String
            let definition: String
            let value: String
            let status: String
            let previous: String
            let target: String?
            /// The breakdown's table: the group, the value, the count and what it is counted of.
            let groupHeaders: [String]
            let groups: [[String]]
            let note: String?
            let chart: LineChart
        }
        let form: FormState
        let heading: String
        let threshold: Int
        let areaOptions: [FormState.Option]
        let breakdownOptions: [FormState.Option]
        /// Query string of the shown figures, for the export links; nil when the form was refused.
        let exportQuery: String?
        let indicators: [Indicator]

        static func anchor(_ id: String) -> String { "ind-" + id.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-") }

        static func indicator(_ x: IndicatorReport, _ r: FollowUpReport) -> Indicator {
            let d = x.definition
            let share = d.isShare
            let format: @Sendable (Double) -> String
            if share { format = { PublishedFigure.percent($0) } } else if d.isMedian { format = { PublishedFigure.decimal($0) } } else { format = { String(Int($0.rounded())) } }
            let first = MeasurementPeriod.shortMonth(x.series.first?.month ?? x.period.start)
            let last = MeasurementPeriod.shortMonth(x.series.last?.month ?? x.period.end)
            let values: [Double?] = x.series.map { $0.figure.value }
            let chart = LineChart(
                id: anchor(d.id) + "-chart", title: "\(d.name), 24 månader",
                summary: "\(d.name) per månad från \(first) till \(last), \(r.areaName). Månader med dolda värden saknar punkt.",
                xLabels: x.series.map { MeasurementPeriod.shortMonth($0.month) }, series: [LineChart.Series(name: r.areaName, values: values)],
                target: x.target, format: format)
            var headers: [String] = []
            if let b = x.breakdown { headers = [b.swedishName, share ? "Andel" : d.isMedian ? "Median" : "Antal"] + (share ? ["Antal", "Underlag"] : d.isMedian ? ["Antal"] : []) }
            var groups: [[String]] = []
            for g in x.groups {
                var row = [g.group.label, g.figure.text]
                if share { row += [g.figure.numerator.text(threshold: r.threshold), g.figure.denominator?.text(threshold: r.threshold) ?? ""] }
                if d.isMedian { row.append(g.figure.numerator.text(threshold: r.threshold)) }
                groups.append(row)
            }
            var note: String?
            if let b = r.breakdown, r.notBrokenDown.contains(d.id) {
                note = "Visas inte per \(b.swedishName.lowercased()): indikatorn tillåter inte den indelningen, eller siffrorna tillhör en annan nämnd."
            }
            return Indicator(
                id: d.id, anchor: anchor(d.id), name: d.name, definition: d.definition, value: x.current.text, status: x.current.status,
                previous: x.previous.text, target: x.target.map(format), groupHeaders: headers, groups: groups, note: note, chart: chart)
        }

        static func make(
            _ r: FollowUpReport, form: FormState, areaOptions: [FormState.Option], breakdownOptions: [FormState.Option], exportQuery: String?
        ) -> Model {
            let indicators = r.reports.map { indicator($0, r) }
            return Model(
                form: form, heading: "\(r.period.swedishName.prefix(1).uppercased() + r.period.swedishName.dropFirst()) – \(r.areaName)", threshold: r.threshold,
                areaOptions: areaOptions, breakdownOptions: breakdownOptions, exportQuery: exportQuery, indicators: indicators)
        }

        static let mockAreas = [FormState.Option("spanga-tensta", "Spånga-Tensta stadsdelsnämnd")]
        static let mockBreakdowns = [FormState.Option("gender", "Kön"), FormState.Option("age_band", "Åldersgrupp")]

        static var mock: Model {
            let set = try! IndicatorCatalog.load(files: IndicatorCatalog.bundledFiles())
            let labels = MeasurementLabels(districts: [("spanga-tensta", "Spånga-Tensta stadsdelsnämnd"), ("rinkeby-kista", "Rinkeby-Kista stadsdelsnämnd")], jobbtorgUnits: [("jobbtorg-kista", "Jobbtorg Kista")])
            var facts = MeasurementFacts()
            // Two years of closures: 6–17 a month, every third to work, women and men alternating.
            var month = LocalDate("2024-12-01")!
            var n = 0
            while month <= LocalDate("2026-10-01")! {
                for i in 0..<(6 + (month.month * 7) % 12) {
                    n += 1
                    let closed = month.adding(days: i % 27)
                    facts.jobbtorg.append(
                        JobbtorgFact(
                            enrolmentId: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!,
                            person: MeasuredPerson(gender: n % 2 == 0 ? .women : .men, birthDate: LocalDate(year: 1970 + n % 35, month: 1 + n % 12, day: 1)!),
                            districtCommitteeId: n % 3 == 0 ? "rinkeby-kista" : "spanga-tensta", unitId: "jobbtorg-kista", enrolledOn: closed.adding(days: -(30 + n % 90)),
                            closedOn: closed, reason: n % 3 == 0 ? .work : .moved, workOrStudies: n % 3 == 0, checkReturned: n % 5 == 0, aidMonths: []))
                }
                month = month.adding(months: 1)
            }
            let asOf = LocalDate("2026-11-18")!
            let period = MeasurementPeriod.month(year: 2026, month: 10)
            let ids = ["jobbtorg.closed", "jobbtorg.closed_to_work_or_studies"]
            let reports = ids.compactMap { set.indicator($0) }.map {
                IndicatorReport.build($0, facts: facts, period: period, breakdown: .gender, area: nil, asOf: asOf, labels: labels)
            }
            let report = FollowUpReport(
                period: period, breakdown: .gender, area: nil, areaName: "Stockholms stad", asOf: asOf, threshold: 5, reports: reports, notBrokenDown: [])
            return make(
                report, form: FormState(values: ["period": ["2026-10"], "breakdown": ["gender"]]), areaOptions: mockAreas,
                breakdownOptions: mockBreakdowns, exportQuery: "period=2026-10&breakdown=gender")
        }

        static let mockRefused = Model(
            form: FormState(errors: [FieldError(field: "period", message: "Månaden ”2026-13” finns inte: månaderna är 01–12.")], values: ["period": ["2026-13"]]),
            heading: "Stockholms stad", threshold: 5, areaOptions: mockAreas, breakdownOptions: mockBreakdowns, exportQuery: nil, indicators: [])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        h1("Uppföljning")
        p(
            "Stadens indikatorer för ekonomiskt bistånd och Jobbtorg. Inga namn eller personnummer visas. Färre än \(m.threshold) visas som ”<\(m.threshold)”, och ”–” betyder att siffran döljs så att en liten grupp inte kan räknas fram ur de andra.",
            .class("lead"))
        linkLine(Routes.effect.link, "Effekt av insatser: deltagare jämförda med liknande personer som inte deltog")
        f.errorSummary("Uppföljningen kunde inte visas")
        form(.method("get"), .action(Routes.followUp.link), .class("stack filters"), .novalidate()) {
            f.text("period", "Period", hint: "ÅÅÅÅ-MM för en månad, ÅÅÅÅ-K1 till ÅÅÅÅ-K4 för ett kvartal, ÅÅÅÅ för ett år. Lämna tomt och fyll i datumen för ett eget intervall.", short: true)
            f.date("from", "Eget intervall från och med", hint: "ÅÅÅÅ-MM-DD, bara för ett eget intervall.")
            f.date("to", "Till och med", hint: "ÅÅÅÅ-MM-DD.")
            f.select("breakdown", "Indelning", options: m.breakdownOptions, placeholder: "Ingen indelning")
            f.select("area", "Område", options: m.areaOptions, placeholder: "Stockholms stad")
            submitButton("Visa")
        }
        if let q = m.exportQuery {
            h2(m.heading, .id("period-heading"))
            p(.class("exports")) {
                "Ladda ner det som visas: "
                a("CSV (Excel)", .href(Routes.followUpCSV.link + "?" + q))
                " · "
                a("Excel-arbetsbok (XLSX)", .href(Routes.followUpXLSX.link + "?" + q))
            }
            for i in m.indicators {
                card(i.name, id: i.anchor) {
                    facts(
                        [("Värde", i.value), ("Föregående period", i.previous)] + (i.target.map { [("Mål", $0)] } ?? [])
                            + (i.status.isEmpty ? [] : [("Anmärkning", i.status)]))
                    p { a(.href("#def-\(i.anchor)")) { "Så räknas "; span(i.name, .class("visually-hidden")); "indikatorn" } }
                    if !i.groups.isEmpty {
                        dataTable("\(i.name) per \(i.groupHeaders.first?.lowercased() ?? "grupp")", showCaption: true, headers: i.groupHeaders, rows: i.groups.map { r in
                            [Cell.rowHeader(r[0])] + r.dropFirst().map { Cell.text($0) }
                        })
                    }
                    if let n = i.note { p(n, .class("hint")) }
                    lineChart(i.chart)
                }
            }
            titledSection("Så räknas indikatorerna", id: "definitioner") {
                for i in m.indicators {
                    h3(i.name, .id("def-\(i.anchor)"))
                    p(i.definition)
                    p(.class("meta")) { "Id: "; code(i.id) }
                }
            }
        }
    }
}
