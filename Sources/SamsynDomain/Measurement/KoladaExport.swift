import Foundation

/// The year's figures in Kolada's data format: one object per indicator and area (the city as "0180", each district
/// committee by its id), with a row per gender (T, K, M). A withheld value is `null` with a non-empty status.
public struct KoladaDocument: Sendable, Equatable {
    public struct Value: Sendable, Equatable {
        public let gender: String
        public let count: Int
        public let status: String
        public let value: Double?
    }
    public struct Item: Sendable, Equatable {
        public let kpi: String
        public let municipality: String
        public let period: String
        public let values: [Value]
    }
    public let values: [Item]
    public var count: Int { values.count }

    /// Stockholm's municipality code.
    public static let stockholm = "0180"
}

extension MeasurementService {
    /// The year's figures for the indicators `kpis` (comma-separated ids; empty = all), for the areas the user may see.
    /// Every area and gender of one indicator is protected as one cross table (districts × K/M with their margins,
    /// the city's figures), so that no hidden cell follows from the city's figures and the districts' shown ones.
    public func kolada(year: String, kpis: String, by a: Actor) async throws -> KoladaDocument {
        guard let viewer = MeasurementViewer(a.user) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        let y = year.trimmingCharacters(in: .whitespaces)
        var chosenYear: Int?
        if y.count == 4, y.allSatisfy(\.isASCII), let n = Int(y), (2000...2100).contains(n) { chosenYear = n } else {
            errors.append(FieldError(field: "year", message: "Ange året som ÅÅÅÅ, t.ex. 2026."))
        }
        var chosen: [IndicatorDefinition] = []
        for id in kpis.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }) {
            if let d = indicators.indicator(id) { chosen.append(d) } else { errors.append(FieldError(field: "kpi", message: "Indikatorn ”\(id)” finns inte.")) }
        }
        guard errors.isEmpty, let year = chosenYear else { throw DomainError.invalid(errors) }
        if chosen.isEmpty { chosen = indicators.indicators }
        let period = MeasurementPeriod.year(year)
        let labels = try await self.labels()
        let facts = try await facts(for: chosen, period: period)
        let asOf = LocalDate(clock.now())
        var items: [KoladaDocument.Item] = []
        for d in chosen {
            guard let p = d.knownPopulation else { continue }
            let rows = Self.koladaTable(d, facts: facts, period: period, asOf: asOf, labels: labels, threshold: threshold)
            let areas: [(code: String, area: String?)] = [(KoladaDocument.stockholm, nil)] + labels.districts.map { ($0.id, $0.id) }
            for (code, area) in areas {
                // The city for everyone who may see figures; a district for those who may see that district's figures.
                guard area == nil || viewer.maySee(p, area: area, breakdown: .gender), let row = rows[code] else { continue }
                items.append(
                    KoladaDocument.Item(
                        kpi: d.id, municipality: code, period: String(year),
                        values: [("T", row.total), ("K", row.women), ("M", row.men)].map { g, f in
                            KoladaDocument.Value(gender: g, count: 1, status: f.status, value: f.value.map { ($0 * 10).rounded() / 10 })
                        }))
            }
        }
        return KoladaDocument(values: items)
    }

    /// The districts × gender cross table of one indicator, protected: area code → (T, K, M).
    static func koladaTable(
        _ d: IndicatorDefinition, facts: MeasurementFacts, period: MeasurementPeriod, asOf: LocalDate, labels: MeasurementLabels, threshold k: Int
    ) -> [String: (total: PublishedFigure, women: PublishedFigure, men: PublishedFigure)] {
        let byDistrict = IndicatorEngine.breakdown(d, .district, facts, period: period, area: nil, asOf: asOf, labels: labels)
        var cells: [[RawFigure]] = []
        for g in byDistrict {
            let genders = IndicatorEngine.breakdown(d, .gender, facts, period: period, area: g.group.key, asOf: asOf, labels: labels)
            cells.append(genders.map(\.figure))
        }
        guard !cells.isEmpty else { return [:] }
        func protect(_ counts: [[Int]]) -> [Disclosure.Status] {
            let t = CrossTable(cells: counts)
            return (try? Disclosure.protect(counts: t.counts, lines: t.lines, threshold: k)) ?? t.counts.map { _ in .withheld }
        }
        let table = CrossTable(cells: cells.map { $0.map(\.numerator) })
        let numerators = protect(cells.map { $0.map(\.numerator) })
        let raw = CrossTable(cells: cells.map { $0.map { $0.denominator ?? 0 } }).counts
        let rest: [Disclosure.Status]? = d.isShare ? protect(cells.map { $0.map { ($0.denominator ?? 0) - $0.numerator } }) : nil
        // A median is not a sum of its cells: each total's median is taken over its own members.
        var medians: [Int: Double] = [:]
        if d.isMedian {
            let cityByGender = IndicatorEngine.breakdown(d, .gender, facts, period: period, area: nil, asOf: asOf, labels: labels)
            medians[table.grandTotalIndex] = IndicatorEngine.total(d, facts, period: period, area: nil, asOf: asOf).median
            for (c, g) in cityByGender.enumerated() where c < 2 { medians[table.columnTotalIndex(c)] = g.figure.median }
            for (r, g) in byDistrict.enumerated() {
                medians[table.rowTotalIndex(r)] = g.figure.median
                for (c, f) in cells[r].enumerated() where c < 2 { medians[table.cellIndex(r, c)] = f.median }
            }
        }
        func figure(_ i: Int) -> PublishedFigure {
            guard let rest else { return PublishedFigure(numerator: numerators[i], denominator: nil, threshold: k, median: medians[i], isMedian: d.isMedian) }
            let den: Disclosure.Status =
                if let n = numerators[i].value, let r = rest[i].value { .shown(n + r) } else { (1..<k).contains(raw[i]) ? .small : .withheld }
            return PublishedFigure(numerator: numerators[i], denominator: den, threshold: k)
        }
        var out: [String: (total: PublishedFigure, women: PublishedFigure, men: PublishedFigure)] = [:]
        for (r, g) in byDistrict.enumerated() {
            out[g.group.key] = (figure(table.rowTotalIndex(r)), figure(table.cellIndex(r, 0)), figure(table.cellIndex(r, 1)))
        }
        out[KoladaDocument.stockholm] = (figure(table.grandTotalIndex), figure(table.columnTotalIndex(0)), figure(table.columnTotalIndex(1)))
        return out
    }
}
