/// Samsyn's one HTML DSL. A page's view is a pure function from its model to `Node`s; text and attribute
/// values are escaped when the nodes are written, so no caller can forget it. Tag and attribute names are
/// `StaticString`s: they come from the code, never from data. The only way to put markup in unescaped is
/// `Node.unsafeRaw`, which is meant to be found by grep.
public indirect enum Node: Sendable {
    case element(Tag, [Attribute], [Node])
    /// An element without content or end tag (`input`, `meta`, `link`, `br`).
    case void(Tag, [Attribute])
    case text(String)
    case fragment([Node])
    case trusted(String)

    /// Markup written as it is, unescaped. Use only for text that Samsyn itself wrote and escaped.
    public static func unsafeRaw(_ html: String) -> Node { .trusted(html) }

    public static let empty = Node.fragment([])
}

/// A tag name; `block` tags end with a newline, which keeps the source readable and snapshot diffs small.
public struct Tag: Sendable {
    let name: StaticString
    let block: Bool
    init(_ name: StaticString, block: Bool = false) {
        self.name = name
        self.block = block
    }
}

/// One attribute. A `nil` value writes a boolean attribute (`checked`, `hidden`); an attribute that is
/// `omitted` writes nothing, so conditional attributes stay in the argument list.
public struct Attribute: Sendable {
    let name: StaticString
    let prefix: StaticString?
    let value: String?
    let omitted: Bool

    init(_ name: StaticString, _ value: String?, prefix: StaticString? = nil, omitted: Bool = false) {
        self.name = name
        self.value = value
        self.prefix = prefix
        self.omitted = omitted
    }

    public static let none = Attribute("", nil, omitted: true)
}

/// Writes nodes to text.
public enum HTMLWriter {
    public static func render(_ nodes: [Node], capacity: Int = 4096) -> String {
        var out = ""
        out.reserveCapacity(capacity)
        for n in nodes { write(n, into: &out) }
        return out
    }

    public static func render(_ node: Node) -> String { render([node]) }

    static func write(_ node: Node, into out: inout String) {
        switch node {
        case .text(let s): escape(s, into: &out)
        case .trusted(let s): out += s
        case .fragment(let nodes):
            for n in nodes { write(n, into: &out) }
        case .void(let name, let attrs):
            out += "<"
            append(name.name, into: &out)
            writeAttributes(attrs, into: &out)
            out += ">"
            if name.block { out += "\n" }
        case .element(let name, let attrs, let children):
            out += "<"
            append(name.name, into: &out)
            writeAttributes(attrs, into: &out)
            out += ">"
            for c in children { write(c, into: &out) }
            out += "</"
            append(name.name, into: &out)
            out += ">"
            if name.block { out += "\n" }
        }
    }

    private static func writeAttributes(_ attrs: [Attribute], into out: inout String) {
        for a in attrs where !a.omitted {
            out += " "
            if let p = a.prefix { append(p, into: &out) }
            append(a.name, into: &out)
            if let v = a.value {
                out += "=\""
                escape(v, into: &out)
                out += "\""
            }
        }
    }

    @inline(__always) private static func append(_ s: StaticString, into out: inout String) {
        s.withUTF8Buffer { out += String(decoding: $0, as: UTF8.self) }
    }

    /// Escapes `& < > " '`, the same set for text and attribute values.
    public static func escape(_ s: String, into out: inout String) {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            out += s
            return
        }
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        escape(s, into: &out)
        return out
    }
}

@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ n: Node) -> [Node] { [n] }
    public static func buildExpression(_ s: String) -> [Node] { [.text(s)] }
    public static func buildExpression(_ n: [Node]) -> [Node] { n }
    public static func buildBlock(_ c: [Node]...) -> [Node] { c.count == 1 ? c[0] : c.flatMap { $0 } }
    public static func buildOptional(_ c: [Node]?) -> [Node] { c ?? [] }
    public static func buildEither(first c: [Node]) -> [Node] { c }
    public static func buildEither(second c: [Node]) -> [Node] { c }
    public static func buildArray(_ c: [[Node]]) -> [Node] { c.flatMap { $0 } }
    public static func buildLimitedAvailability(_ c: [Node]) -> [Node] { c }
}

/// Nodes written by a builder block, as one node.
public func group(@HTMLBuilder _ content: () -> [Node]) -> Node { .fragment(content()) }
