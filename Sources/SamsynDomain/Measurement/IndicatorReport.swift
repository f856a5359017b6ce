import Foundation

/// A figure as it may be published: the protected counts and the value (a count, or a share in percent) when it
/// may be shown.
public struct PublishedFigure: Sendable, Equatable {
    public let numerator: Disclosure.Status
    public let denominator: Disclosure.Status?
    public let threshold: Int
    /// For a median: the median (its count, the number of values, is `numerator`).
    public let median: Double?
    public let isMedian: Bool

    public init(numerator: Disclosure.Status, denominator: Disclosure.Status?, threshold: Int, median: Double? = nil, isMedian: Bool = false) {
        self.numerator = numerator
        self.denominator = denominator
        self.threshold = threshold
        self.median = median
        self.isMedian = isMedian
    }

    public var isShare: Bool { denominator != nil }

    /// The count, the share in percent or the median; nil when withheld or small (a median of fewer than k
    /// values is not shown: it could be one person's).
    public var value: Double? {
        if isMedian {
            guard let n = numerator.value, n > 0 else { return nil }
            return median
        }
        guard let d = denominator else { return numerator.value.map(Double.init) }
        return Disclosure.share(numerator: numerator, denominator: d).map { $0 * 100 }
    }

    /// Why a value is not shown, for the page and the Kolada status: "" when it is shown.
    public var status: String {
        if value != nil { return "" }
        if numerator == .small || denominator == .small { return "Färre än \(threshold)" }
        if denominator?.value == 0 || (isMedian && numerator.value == 0) { return "Inga i underlaget" }
        return "Dold för att skydda små tal"
    }

    /// A median as text: "4" or "4,5".
    public static func decimal(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",")
    }

    /// The value as text: "42", "71,4 %", "4,5", "<5" or "–".
    public var text: String {
        if let v = value { return isShare ? Self.percent(v) : isMedian ? Self.decimal(v) : String(Int(v)) }
        if isMedian { return numerator == .small ? "<\(threshold)" : "–" }
        if !isShare { return numerator.text(threshold: threshold) }
        if numerator == .small || denominator == .small { return "<\(threshold)" }
        return "–"
    }

    public static func percent(_ v: Double) -> String {
        String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",") + " %"
    }
}

/// One indicator as a page (and its exports) publishes it: the period's value with its breakdown, the previous
/// period, the target, and 24 months of totals — all protected together, so that no hidden count can be worked
/// out from anything the page shows (the groups add up to the total; for counts of events the months of the
/// series add up to the period's and the previous period's totals).
public struct IndicatorReport: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public let group: BreakdownGroup
        public let figure: PublishedFigure
    }
    public struct Point: Sendable, Equatable {
        public let month: LocalDate
        public let figure: PublishedFigure
    }

    public let definition: IndicatorDefinition
    public let period: MeasurementPeriod
    public let breakdown: Breakdown?
    public let current: PublishedFigure
    public let previous: PublishedFigure
    public let target: Double?
    public let groups: [Group]
    public let series: [Point]

    public init(
        definition: IndicatorDefinition, period: MeasurementPeriod, breakdown: Breakdown?, current: PublishedFigure, previous: PublishedFigure, target: Double?,
        groups: [Group], series: [Point]
    ) {
        self.definition = definition
        self.period = period
        self.breakdown = breakdown
        self.current = current
        self.previous = previous
        self.target = target
        self.groups = groups
        self.series = series
    }

    public static let seriesMonths = 24

    /// Builds and protects the report.
    public static func build(
        _ d: IndicatorDefinition, facts: MeasurementFacts, period: MeasurementPeriod, breakdown: Breakdown?, area: String?, asOf: LocalDate,
        labels: MeasurementLabels, threshold k: Int = Disclosure.defaultThreshold
    ) -> IndicatorReport {
        let current = IndicatorEngine.total(d, facts, period: period, area: area, asOf: asOf)
        let previous = IndicatorEngine.total(d, facts, period: period.previous, area: area, asOf: asOf)
        let groups = breakdown.map { IndicatorEngine.breakdown(d, $0, facts, period: period, area: area, asOf: asOf, labels: labels) } ?? []
        let lastMonth = period.end.firstOfMonth
        let months = (0..<seriesMonths).reversed().map { lastMonth.adding(months: -$0) }
        let series = months.map { m in
            IndicatorEngine.total(d, facts, period: .month(year: m.year, month: m.month), area: area, asOf: asOf)
        }
        // The figures in one list: current, previous, the groups, the months.
        let figures = [current, previous] + groups.map(\.figure) + series
        let groupIndexes = Array(2..<(2 + groups.count))
        let seriesStart = 2 + groups.count
        var sums: [(total: Int, parts: [Int])] = []
        if !groups.isEmpty { sums.append((0, groupIndexes)) }
        if d.knownPopulation?.additiveOverTime == true {
            for (index, p) in [(0, period), (1, period.previous)] {
                guard let whole = p.wholeMonths else { continue }
                let parts = whole.compactMap { m in months.firstIndex(of: m).map { seriesStart + $0 } }
                // Only when every month of the period is in the series (a single month is the same figure twice).
                if parts.count == whole.count && parts.count > 1 { sums.append((index, parts)) }
            }
        }
        let statuses = protect(figures, sums: sums, share: d.isShare, threshold: k)
        func published(_ i: Int) -> PublishedFigure {
            PublishedFigure(numerator: statuses[i].0, denominator: statuses[i].1, threshold: k, median: figures[i].median, isMedian: d.isMedian)
        }
        // A single-month period is the series' last point: publish it with the same status.
        var cur = published(0)
        if case .month = period, let last = months.indices.last {
            cur = merge(cur, published(seriesStart + last))
        }
        var prev = published(1)
        if case .month = period.previous, let i = months.firstIndex(of: period.previous.start) {
            prev = merge(prev, published(seriesStart + i))
        }
        var points = months.enumerated().map { Point(month: $1, figure: published(seriesStart + $0)) }
        if case .month = period, !points.isEmpty { points[points.count - 1] = Point(month: points[points.count - 1].month, figure: cur) }
        if case .month = period.previous, let i = months.firstIndex(of: period.previous.start) { points[i] = Point(month: months[i], figure: prev) }
        return IndicatorReport(
            definition: d, period: period, breakdown: breakdown, current: cur, previous: prev, target: d.target(year: period.end.year),
            groups: zip(groups, groupIndexes).map { Group(group: $0.0.group, figure: published($0.1)) }, series: points)
    }

    /// The same figure published in two places gets the stricter of its two statuses.
    static func merge(_ a: PublishedFigure, _ b: PublishedFigure) -> PublishedFigure {
        func strict(_ x: Disclosure.Status, _ y: Disclosure.Status) -> Disclosure.Status { x.isHidden ? x : y }
        return PublishedFigure(
            numerator: strict(a.numerator, b.numerator), denominator: a.denominator.flatMap { ad in b.denominator.map { strict(ad, $0) } }, threshold: a.threshold,
            median: a.median, isMedian: a.isMedian)
    }

    /// Protects the numerators and the denominators of `figures` under the sums (indexes into `figures`).
    /// A figure set that cannot be protected is withheld whole.
    static func protect(_ figures: [RawFigure], sums: [(total: Int, parts: [Int])], share: Bool, threshold k: Int) -> [(Disclosure.Status, Disclosure.Status?)] {
        let lines = sums.map { Disclosure.Line(total: $0.total, parts: $0.parts) }
        func run(_ counts: [Int]) -> [Disclosure.Status] {
            (try? Disclosure.protect(counts: counts, lines: lines, threshold: k)) ?? counts.map { _ in .withheld }
        }
        let numerators = run(figures.map(\.numerator))
        guard share else { return numerators.map { ($0, nil) } }
        // A share publishes two counts: those counted and the rest of the denominator (e.g. those who came back).
        // Both are protected on their own; the denominator is their sum, shown only when both are — so it tells
        // nothing the two do not.
        let rest = run(figures.map { ($0.denominator ?? 0) - $0.numerator })
        let denominators: [Disclosure.Status] = figures.indices.map { i in
            guard let n = numerators[i].value, let r = rest[i].value else { return (1..<k).contains(figures[i].denominator ?? 0) ? .small : .withheld }
            return .shown(n + r)
        }
        return zip(numerators, denominators).map { ($0, $1) }
    }
}
