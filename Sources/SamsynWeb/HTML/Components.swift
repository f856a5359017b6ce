/// The page components every view uses: cards, facts, notices and tables with typed cells.

/// A card with a heading that labels it.
public func card(_ title: String, id: String, @HTMLBuilder content: () -> [Node]) -> Node {
    section(.class("card"), .aria("labelledby", id)) {
        h2(title, .id(id))
        content()
    }
}

/// A section (no card frame) with a heading that labels it.
public func titledSection(_ title: String, id: String, @HTMLBuilder content: () -> [Node]) -> Node {
    section(.aria("labelledby", id)) {
        h2(title, .id(id))
        content()
    }
}

/// A definition list of label/value pairs.
public func facts(_ pairs: [(String, String)]) -> Node {
    dl(.class("facts")) {
        for (k, v) in pairs {
            dt(k)
            dd(v)
        }
    }
}

/// A status message after a change ("Sparat.").
public func notice(_ text: String) -> Node {
    p(text, .class("notice"), .role("status"))
}

/// A link in a paragraph.
public func linkLine(_ href: String, _ text: String, class cls: String? = nil) -> Node {
    p(.optional(Attribute.class, cls)) { a(text, .href(href)) }
}

/// One table cell. Text is escaped like everything else; there is no raw cell.
public enum Cell: Sendable {
    case text(String)
    case link(href: String, text: String)
    /// A header cell for the row (`<th scope="row">`).
    case rowHeader(String)
    /// Codes and ids, in a monospace font.
    case code(String)
    case nodes([Node])

    public static func build(@HTMLBuilder _ content: () -> [Node]) -> Cell { .nodes(content()) }

    var node: Node { node(label: nil) }

    /// The cell with its column's name in `data-label`: on a narrow screen each row is shown as a block of
    /// label/value lines instead of a table wider than the screen (WCAG 1.4.10).
    func node(label: String?) -> Node {
        // The roles are explicit because the narrow layout changes the cells' display, and browsers then drop the
        // table's semantics (a screen reader would no longer announce rows, columns and headers).
        let l = Attribute.data("label", label)
        let cell = Attribute.role("cell")
        switch self {
        case .text(let s): return td(s, cell, l)
        case .link(let href, let text): return td(cell, l) { a(text, .href(href)) }
        case .rowHeader(let s): return th(s, .scope("row"), .role("rowheader"), l)
        case .code(let s): return td(s, .class("mono"), cell, l)
        case .nodes(let n): return td(cell, l) { n }
        }
    }
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
}

/// A table with a caption (visually hidden unless `showCaption`), column headers and typed cells.
/// On a narrow screen (`table.data` in the style sheet) each row becomes a block with the column names beside the values.
public func dataTable(_ caption: String, showCaption: Bool = false, headers: [String], rows: [[Cell]], id: String? = nil) -> Node {
    table(.class("data"), .role("table"), .optional(Attribute.id, id)) {
        SamsynWeb.caption(caption, .class("visually-hidden", if: !showCaption))
        thead(.role("rowgroup")) {
            tr(.role("row")) {
                for h in headers { th(h, .scope("col"), .role("columnheader")) }
            }
        }
        tbody(.role("rowgroup")) {
            for r in rows {
                tr(.role("row")) {
                    for (i, cell) in r.enumerated() { cell.node(label: i < headers.count ? headers[i] : nil) }
                }
            }
        }
    }
}
