import Hummingbird

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

/// Writes nodes to UTF-8 bytes, straight into the response's buffer (no intermediate string).
public enum HTMLWriter {
    public static func render(_ nodes: [Node], capacity: Int = 4096) -> String {
        String(buffer: bytes(nodes, capacity: capacity))
    }

    public static func render(_ node: Node) -> String { render([node]) }

    /// The nodes as a buffer ready to send.
    public static func bytes(_ nodes: [Node], capacity: Int = 4096) -> ByteBuffer {
        var out = ByteBufferAllocator().buffer(capacity: capacity)
        for n in nodes { write(n, into: &out) }
        return out
    }

    static func write(_ node: Node, into out: inout ByteBuffer) {
        switch node {
        case .text(let s): escape(s, into: &out)
        case .trusted(let s): out.writeString(s)
        case .fragment(let nodes):
            for n in nodes { write(n, into: &out) }
        case .void(let name, let attrs):
            out.writeInteger(UInt8(ascii: "<"))
            out.writeStaticString(name.name)
            writeAttributes(attrs, into: &out)
            out.writeStaticString(name.block ? ">\n" : ">")
        case .element(let name, let attrs, let children):
            out.writeInteger(UInt8(ascii: "<"))
            out.writeStaticString(name.name)
            writeAttributes(attrs, into: &out)
            out.writeInteger(UInt8(ascii: ">"))
            for c in children { write(c, into: &out) }
            out.writeStaticString("</")
            out.writeStaticString(name.name)
            out.writeStaticString(name.block ? ">\n" : ">")
        }
    }

    private static func writeAttributes(_ attrs: [Attribute], into out: inout ByteBuffer) {
        for a in attrs where !a.omitted {
            out.writeInteger(UInt8(ascii: " "))
            if let p = a.prefix { out.writeStaticString(p) }
            out.writeStaticString(a.name)
            if let v = a.value {
                out.writeStaticString("=\"")
                escape(v, into: &out)
                out.writeInteger(UInt8(ascii: "\""))
            }
        }
    }

    /// Escapes `& < > " '`, the same set for text and attribute values, in one pass over the bytes: the runs
    /// between special characters are copied as they are.
    public static func escape(_ s: String, into out: inout ByteBuffer) {
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            for i in bytes.indices {
                let entity: StaticString
                switch bytes[i] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                if start < i { out.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                out.writeStaticString(entity)
                start = i + 1
            }
            if start < bytes.count { out.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...])) }
        }
    }

    public static func escape(_ s: String) -> String {
        var out = ByteBufferAllocator().buffer(capacity: s.utf8.count + 16)
        escape(s, into: &out)
        return String(buffer: out)
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
