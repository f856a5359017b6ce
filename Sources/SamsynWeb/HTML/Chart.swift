import Foundation

// Server-rendered charts for the follow-up pages: SVG in the same DSL (text and attribute values escaped),
// accessible by construction — `role="img"` named by its <title> and <desc>, series told apart by line pattern
// and marker shape as well as colour, each line labelled at its end, and the same figures in a table beside it.

private func svgElement(_ name: StaticString, _ attributes: [Attribute], _ content: [Node] = []) -> Node {
    .element(Tag(name), attributes, content)
}

/// A time series chart (one line per series) with an optional target line.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public let name: String
        /// One value per x label; nil where there is no published value (a suppressed count, no data): the line breaks.
        public let values: [Double?]
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public let id: String
    public let title: String
    /// What the chart shows, in words (read by screen readers as the image's description).
    public let summary: String
    public let xLabels: [String]
    public let series: [Series]
    /// The target the administration set (e.g. 0.7), drawn as a dashed line.
    public let target: Double?
    /// How a value is written on the axis, in the table and on the target line ("71 %", "12 dagar").
    public let format: @Sendable (Double) -> String

    public init(
        id: String, title: String, summary: String, xLabels: [String], series: [Series], target: Double? = nil,
        format: @escaping @Sendable (Double) -> String
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.xLabels = xLabels
        self.series = series
        self.target = target
        self.format = format
    }

    static let width = 640.0, height = 300.0
    static let left = 64.0, right = 132.0, top = 16.0, bottom = 40.0
    /// Colours with at least 3:1 against white, and a dash pattern and marker for each, so colour is never the only cue.
    static let styles: [(colour: String, dash: String?, marker: Marker)] = [
        ("#1a4f8b", nil, .circle), ("#a1261b", "8 4", .square), ("#1f5d2a", "2 4", .triangle), ("#6b4200", "12 4 2 4", .diamond),
        ("#5b2a86", "4 2", .circle), ("#0f5e66", "1 3", .square),
    ]

    enum Marker { case circle, square, triangle, diamond }

    /// The value axis: the smallest round step (1, 2, 2.5 or 5 × 10ⁿ) that covers the largest value or target in at
    /// most five steps, and the axis top that many steps up.
    static func axis(_ m: Double) -> (step: Double, steps: Int) {
        guard m > 0, m.isFinite else { return (0.25, 4) }
        var p = pow(10, floor(log10(m / 5)))
        while true {
            for f in [1, 2, 2.5, 5] {
                let step = f * p
                let steps = Int((m / step - 1e-9).rounded(.up))
                if steps <= 5 { return (step, max(steps, 1)) }
            }
            p *= 10
        }
    }

    static func axisMax(_ m: Double) -> Double { let a = axis(m); return a.step * Double(a.steps) }
}

/// The chart and, beside it, the table of the same figures.
public func lineChart(_ c: LineChart) -> Node {
    let w = LineChart.width, h = LineChart.height
    let plotW = w - LineChart.left - LineChart.right, plotH = h - LineChart.top - LineChart.bottom
    let all = c.series.flatMap { $0.values.compactMap { $0 } } + (c.target.map { [$0] } ?? [])
    let axis = LineChart.axis(all.max() ?? 0)
    let yMax = axis.step * Double(axis.steps)
    let n = max(c.xLabels.count, 1)
    func x(_ i: Int) -> Double { LineChart.left + (n == 1 ? plotW / 2 : plotW * Double(i) / Double(n - 1)) }
    func y(_ v: Double) -> Double { LineChart.top + plotH * (1 - v / yMax) }
    func num(_ d: Double) -> String { String(format: "%.1f", d) }
    let titleId = "\(c.id)-title", descId = "\(c.id)-desc"
    // At most about twelve x labels, evenly spaced, always the last.
    let every = max(1, Int((Double(n) / 12).rounded(.up)))

    var parts: [Node] = [
        svgElement("title", [.id(titleId)], [.text(c.title)]),
        svgElement("desc", [.id(descId)], [.text(c.summary)]),
    ]
    // Grid and value axis.
    for k in 0...axis.steps {
        let v = axis.step * Double(k)
        parts.append(svgElement("line", [.custom("x1", num(LineChart.left)), .custom("x2", num(w - LineChart.right)), .custom("y1", num(y(v))), .custom("y2", num(y(v))), .class("grid")]))
        parts.append(svgElement("text", [.custom("x", num(LineChart.left - 8)), .custom("y", num(y(v) + 5)), .class("axis"), .custom("text-anchor", "end")], [.text(c.format(v))]))
    }
    for (i, label) in c.xLabels.enumerated() where i % every == 0 || i == n - 1 {
        parts.append(svgElement("text", [.custom("x", num(x(i))), .custom("y", num(h - LineChart.bottom + 22)), .class("axis"), .custom("text-anchor", "middle")], [.text(label)]))
    }
    if let t = c.target {
        parts.append(svgElement("line", [.custom("x1", num(LineChart.left)), .custom("x2", num(w - LineChart.right)), .custom("y1", num(y(t))), .custom("y2", num(y(t))), .class("target")]))
    }
    var endLabels: [(y: Double, x: Double, text: String, marker: (LineChart.Marker, String)?)] = []
    for (si, s) in c.series.enumerated() {
        let style = LineChart.styles[si % LineChart.styles.count]
        // Runs of consecutive values; a missing value breaks the line.
        var runs: [[(Int, Double)]] = [[]]
        for (i, v) in s.values.enumerated() {
            if let v { runs[runs.count - 1].append((i, v)) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        var group: [Node] = []
        for run in runs where !run.isEmpty {
            let points = run.map { "\(num(x($0.0))),\(num(y($0.1)))" }.joined(separator: " ")
            group.append(svgElement("polyline", [.custom("points", points), .custom("stroke", style.colour), .optional({ .custom("stroke-dasharray", $0) }, style.dash), .class("series")]))
            for (i, v) in run { group.append(marker(style.marker, x(i), y(v), style.colour)) }
        }
        if let last = s.values.indices.last(where: { s.values[$0] != nil }), let v = s.values[last] {
            endLabels.append((y: y(v), x: x(last) + 10, text: s.name, marker: (style.marker, style.colour)))
        }
        parts.append(svgElement("g", [.class("series-\(si + 1)")], group))
    }
    if let t = c.target { endLabels.append((y: y(t), x: w - LineChart.right + 8, text: "Mål \(c.format(t))", marker: nil)) }
    // The labels at the lines' ends, moved apart so they never overlap (at least 18 units between baselines).
    endLabels.sort { $0.y < $1.y }
    var placed: [Double] = []
    for l in endLabels { placed.append(max(l.y, (placed.last ?? -.infinity) + 18)) }
    let overflow = (placed.last ?? 0) - (h - LineChart.bottom)
    if overflow > 0 { placed = placed.map { $0 - overflow } }
    for (l, py) in zip(endLabels, placed) {
        var label: [Node] = []
        if let (m, colour) = l.marker { label.append(marker(m, l.x + 4, py, colour)) }
        label.append(svgElement("text", [.custom("x", num(l.x + (l.marker == nil ? 0 : 14))), .custom("y", num(py + 5)), .class("label")], [.text(l.text)]))
        parts.append(svgElement("g", [.class("end-label")], label))
    }
    let chart = svgElement(
        "svg",
        [
            .custom("xmlns", "http://www.w3.org/2000/svg"), .custom("viewBox", "0 0 \(Int(w)) \(Int(h))"), .role("img"),
            .aria("labelledby", "\(titleId) \(descId)"), .class("chart"), .id(c.id),
        ], parts)
    let headers = ["Period"] + c.series.map(\.name) + (c.target == nil ? [] : ["Mål"])
    let rows: [[Cell]] = c.xLabels.enumerated().map { i, label in
        [.rowHeader(label)] + c.series.map { s in .text(i < s.values.count ? s.values[i].map(c.format) ?? "–" : "–") }
            + (c.target.map { [.text(c.format($0))] } ?? [])
    }
    return figure(.class("chart")) {
        chart
        dataTable("\(c.title): siffrorna i diagrammet", headers: headers, rows: rows, id: "\(c.id)-table")
    }
}

private func marker(_ m: LineChart.Marker, _ x: Double, _ y: Double, _ colour: String) -> Node {
    func num(_ d: Double) -> String { String(format: "%.1f", d) }
    switch m {
    case .circle:
        return svgElement("circle", [.custom("cx", num(x)), .custom("cy", num(y)), .custom("r", "4"), .custom("fill", colour)])
    case .square:
        return svgElement("rect", [.custom("x", num(x - 4)), .custom("y", num(y - 4)), .custom("width", "8"), .custom("height", "8"), .custom("fill", colour)])
    case .triangle:
        return svgElement("polygon", [.custom("points", "\(num(x)),\(num(y - 5)) \(num(x - 5)),\(num(y + 4)) \(num(x + 5)),\(num(y + 4))"), .custom("fill", colour)])
    case .diamond:
        return svgElement("polygon", [.custom("points", "\(num(x)),\(num(y - 5)) \(num(x - 5)),\(num(y)) \(num(x)),\(num(y + 5)) \(num(x + 5)),\(num(y))"), .custom("fill", colour)])
    }
}
