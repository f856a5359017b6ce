/// The attributes Samsyn writes. Values are escaped when written; names are fixed here.
extension Attribute {
    public static func `class`(_ v: String) -> Attribute { Attribute("class", v) }
    /// A class only when `on`: `.class("has-error", if: error != nil)`.
    public static func `class`(_ v: String, if on: Bool) -> Attribute { on ? Attribute("class", v) : .none }
    public static func id(_ v: String) -> Attribute { Attribute("id", v) }
    public static func href(_ v: String) -> Attribute { Attribute("href", v) }
    public static func `for`(_ v: String) -> Attribute { Attribute("for", v) }
    public static func name(_ v: String) -> Attribute { Attribute("name", v) }
    public static func value(_ v: String) -> Attribute { Attribute("value", v) }
    public static func type(_ v: String) -> Attribute { Attribute("type", v) }
    public static func rows(_ n: Int) -> Attribute { Attribute("rows", String(n)) }
    public static func action(_ v: String) -> Attribute { Attribute("action", v) }
    public static func method(_ v: String) -> Attribute { Attribute("method", v) }
    public static func role(_ v: String) -> Attribute { Attribute("role", v) }
    public static func tabindex(_ n: Int) -> Attribute { Attribute("tabindex", String(n)) }
    public static func lang(_ v: String) -> Attribute { Attribute("lang", v) }
    public static func charset(_ v: String) -> Attribute { Attribute("charset", v) }
    public static func content(_ v: String) -> Attribute { Attribute("content", v) }
    public static func rel(_ v: String) -> Attribute { Attribute("rel", v) }
    public static func src(_ v: String) -> Attribute { Attribute("src", v) }
    public static func scope(_ v: String) -> Attribute { Attribute("scope", v) }
    public static func colspan(_ n: Int) -> Attribute { Attribute("colspan", String(n)) }
    public static func inputmode(_ v: String) -> Attribute { Attribute("inputmode", v) }
    public static func autocomplete(_ v: String) -> Attribute { Attribute("autocomplete", v) }
    public static func title(_ v: String) -> Attribute { Attribute("title", v) }
    public static func min(_ v: String) -> Attribute { Attribute("min", v) }
    public static func max(_ v: String) -> Attribute { Attribute("max", v) }
    public static func step(_ v: String) -> Attribute { Attribute("step", v) }
    public static func maxlength(_ n: Int) -> Attribute { Attribute("maxlength", String(n)) }
    public static func datetime(_ v: String) -> Attribute { Attribute("datetime", v) }
    public static func accept(_ v: String) -> Attribute { Attribute("accept", v) }
    public static func enctype(_ v: String) -> Attribute { Attribute("enctype", v) }
    public static func placeholder(_ v: String) -> Attribute { Attribute("placeholder", v) }
    public static func autofocus() -> Attribute { Attribute("autofocus", nil) }
    /// An attribute this list does not name; the name is still fixed in code.
    public static func custom(_ name: StaticString, _ v: String?) -> Attribute { Attribute(name, v) }

    /// Boolean attributes, written only when `on`.
    public static func hidden(_ on: Bool = true) -> Attribute { on ? Attribute("hidden", nil) : .none }
    public static func disabled(_ on: Bool = true) -> Attribute { on ? Attribute("disabled", nil) : .none }
    public static func checked(_ on: Bool = true) -> Attribute { on ? Attribute("checked", nil) : .none }
    public static func selected(_ on: Bool = true) -> Attribute { on ? Attribute("selected", nil) : .none }
    public static func required(_ on: Bool = true) -> Attribute { on ? Attribute("required", nil) : .none }
    public static func novalidate() -> Attribute { Attribute("novalidate", nil) }
    public static func open(_ on: Bool = true) -> Attribute { on ? Attribute("open", nil) : .none }
    public static func multiple(_ on: Bool = true) -> Attribute { on ? Attribute("multiple", nil) : .none }

    /// `aria-NAME="value"`; `nil` omits it.
    public static func aria(_ name: StaticString, _ v: String?) -> Attribute {
        v.map { Attribute(name, $0, prefix: "aria-") } ?? .none
    }
    /// `data-NAME="value"`; `nil` omits it.
    public static func data(_ name: StaticString, _ v: String?) -> Attribute {
        v.map { Attribute(name, $0, prefix: "data-") } ?? .none
    }
    /// An attribute only when `value` is not nil.
    public static func optional(_ make: (String) -> Attribute, _ value: String?) -> Attribute { value.map(make) ?? .none }
}
