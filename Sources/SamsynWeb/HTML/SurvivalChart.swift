import Foundation

// The Kaplan–Meier curves of the effect report: the share who have reached an outcome, month by month, for each
// group as a step line with its 95 % confidence band. Accessible as the line charts are: `role="img"` named by its
// <title> and <desc>, the groups told apart by line pattern, marker shape and a label at the line's end as well as
// colour, and the same figures (with the number still followed) in a table beside it.

private func svg(_ name: StaticString, _ attributes: [Attribute], _ content: [Node] = []) -> Node {
    .element(Tag(name), attributes, content)
}

public struct SurvivalChart: Sendable {
    public struct Point: Sendable, Equatable {
        public let month: Int
        public let share: Double
        public let lower: Double
        public let upper: Double
        public let atRisk: Int
        public init(month: Int, share: Double, lower: Double, upper: Double, atRisk: Int) {
            self.month = month
            self.share = share
            self.lower = lower
            self.upper = upper
            self.atRisk = atRisk
        }
    }

    public struct Series: Sendable, Equatable {
        public let name: String
        public let points: [Point]
        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public let id: String
    public let title: String
    public let summary: String
    public let horizon: Int
    public let series: [Series]

    public init(id: String, title: String, summary: String, horizon: Int, series: [Series]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.horizon = horizon
        self.series = series
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f", 100 * x).replacingOccurrences(of: ".", with: ",") + " %" }
}

public func survivalChart(_ c: SurvivalChart) -> Node {
    let w = LineChart.width, h = LineChart.height
    let plotW = w - LineChart.left - LineChart.right, plotH = h - LineChart.top - LineChart.bottom
    let top = max(0.25, c.series.flatMap { $0.points.map(\.upper) }.max() ?? 0)
    let axis = LineChart.axis(min(top, 1))
    let yMax = min(1, axis.step * Double(axis.steps))
    let horizon = max(c.horizon, 1)
    func x(_ m: Int) -> Double { LineChart.left + plotW * Double(m) / Double(horizon) }
    func y(_ v: Double) -> Double { LineChart.top + plotH * (1 - min(v, yMax) / yMax) }
    func num(_ d: Double) -> String { String(format: "%.1f", d) }
    let titleId = "\(c.id)-title", descId = "\(c.id)-desc"
    var parts: [Node] = [svg("title", [.id(titleId)], [.text(c.title)]), svg("desc", [.id(descId)], [.text(c.summary)])]
    for k in 0...axis.steps {
        let v = min(yMax, axis.step * Double(k))
        parts.append(svg("line", [.custom("x1", num(LineChart.left)), .custom("x2", num(w - LineChart.right)), .custom("y1", num(y(v))), .custom("y2", num(y(v))), .class("grid")]))
        parts.append(svg("text", [.custom("x", num(LineChart.left - 8)), .custom("y", num(y(v) + 5)), .class("axis"), .custom("text-anchor", "end")], [.text(SurvivalChart.percent(v))]))
    }
    let every = max(1, Int((Double(horizon) / 12).rounded(.up)))
    for m in stride(from: 0, through: horizon, by: every) {
        parts.append(svg("text", [.custom("x", num(x(m))), .custom("y", num(h - LineChart.bottom + 22)), .class("axis"), .custom("text-anchor", "middle")], [.text("\(m) mån")]))
    }
    var ends: [(y: Double, x: Double, text: String, si: Int)] = []
    for (si, s) in c.series.enumerated() where !s.points.isEmpty {
        let style = LineChart.styles[si % LineChart.styles.count]
        // A step function: flat from each month to the next, then up.
        var upper: [String] = [], lower: [String] = [], line: [String] = []
        for (i, p) in s.points.enumerated() {
            let nextX = i + 1 < s.points.count ? x(s.points[i + 1].month) : x(p.month)
            line += ["\(num(x(p.month))),\(num(y(p.share)))", "\(num(nextX)),\(num(y(p.share)))"]
            upper += ["\(num(x(p.month))),\(num(y(p.upper)))", "\(num(nextX)),\(num(y(p.upper)))"]
            lower += ["\(num(x(p.month))),\(num(y(p.lower)))", "\(num(nextX)),\(num(y(p.lower)))"]
        }
        var group: [Node] = [
            svg("polygon", [.custom("points", (upper + lower.reversed()).joined(separator: " ")), .custom("fill", style.colour), .custom("fill-opacity", "0.12"), .class("band")]),
            svg("polyline", [.custom("points", line.joined(separator: " ")), .custom("stroke", style.colour), .optional({ .custom("stroke-dasharray", $0) }, style.dash), .class("series")]),
        ]
        for p in s.points where p.month % every == 0 || p.month == s.points.last?.month {
            group.append(mark(style.marker, x(p.month), y(p.share), style.colour))
        }
        parts.append(svg("g", [.class("series-\(si + 1)")], group))
        if let last = s.points.last { ends.append((y: y(last.share), x: x(last.month) + 10, text: s.name, si: si)) }
    }
    ends.sort { $0.y < $1.y }
    var placed: [Double] = []
    for l in ends { placed.append(max(l.y, (placed.last ?? -.infinity) + 18)) }
    let overflow = (placed.last ?? 0) - (h - LineChart.bottom)
    if overflow > 0 { placed = placed.map { $0 - overflow } }
    for (l, py) in zip(ends, placed) {
        let style = LineChart.styles[l.si % LineChart.styles.count]
        let lx = min(l.x, w - LineChart.right + 8)
        parts.append(
            svg("g", [.class("end-label")], [mark(style.marker, lx + 4, py, style.colour), svg("text", [.custom("x", num(lx + 14)), .custom("y", num(py + 5)), .class("label")], [.text(l.text)])]))
    }
    let chart = svg(
        "svg",
        [
            .custom("xmlns", "http://www.w3.org/2000/svg"), .custom("viewBox", "0 0 \(Int(w)) \(Int(h))"), .role("img"), .aria("labelledby", "\(titleId) \(descId)"),
            .class("chart"), .id(c.id),
        ], parts)
    let months = Array(Set(c.series.flatMap { $0.points.map(\.month) })).sorted()
    let headers = ["Månader efter start"] + c.series.flatMap { ["\($0.name): andel", "\($0.name): 95 % konfidensintervall", "\($0.name): följs fortfarande"] }
    let rows: [[Cell]] = months.map { m in
        [.rowHeader(String(m))]
            + c.series.flatMap { s -> [Cell] in
                guard let p = s.points.first(where: { $0.month == m }) else { return ["–", "–", "–"] }
                return [.text(SurvivalChart.percent(p.share)), .text("\(SurvivalChart.percent(p.lower))–\(SurvivalChart.percent(p.upper))"), .text(String(p.atRisk))]
            }
    }
    return figure(.class("chart")) {
        chart
        dataTable("\(c.title): siffrorna i diagrammet", headers: headers, rows: rows, id: "\(c.id)-table")
    }
}

private func mark(_ m: LineChart.Marker, _ x: Double, _ y: Double, _ colour: String) -> Node {
    func num(_ d: Double) -> String { String(format: "%.1f", d) }
    switch m {
    case .circle: return svg("circle", [.custom("cx", num(x)), .custom("cy", num(y)), .custom("r", "4"), .custom("fill", colour)])
    case .square: return svg("rect", [.custom("x", num(x - 4)), .custom("y", num(y - 4)), .custom("width", "8"), .custom("height", "8"), .custom("fill", colour)])
    case .triangle: return svg("polygon", [.custom("points", "\(num(x)),\(num(y - 5)) \(num(x - 5)),\(num(y + 4)) \(num(x + 5)),\(num(y + 4))"), .custom("fill", colour)])
    case .diamond: return svg("polygon", [.custom("points", "\(num(x)),\(num(y - 5)) \(num(x - 5)),\(num(y)) \(num(x)),\(num(y + 5)) \(num(x + 5)),\(num(y))"), .custom("fill", colour)])
    }
}
