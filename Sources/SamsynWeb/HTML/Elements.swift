// Generated once from a list of tags; edit by hand when a tag is added.

public func html(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("html", block: true), attributes, content()) }
public func html(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("html", block: true), attributes, [.text(text)]) }
public func head(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("head", block: true), attributes, content()) }
public func head(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("head", block: true), attributes, [.text(text)]) }
public func body(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("body", block: true), attributes, content()) }
public func body(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("body", block: true), attributes, [.text(text)]) }
public func header(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("header", block: true), attributes, content()) }
public func header(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("header", block: true), attributes, [.text(text)]) }
public func footer(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("footer", block: true), attributes, content()) }
public func footer(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("footer", block: true), attributes, [.text(text)]) }
public func nav(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("nav", block: true), attributes, content()) }
public func nav(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("nav", block: true), attributes, [.text(text)]) }
public func main(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("main", block: true), attributes, content()) }
public func main(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("main", block: true), attributes, [.text(text)]) }
public func section(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("section", block: true), attributes, content()) }
public func section(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("section", block: true), attributes, [.text(text)]) }
public func article(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("article", block: true), attributes, content()) }
public func article(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("article", block: true), attributes, [.text(text)]) }
public func aside(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("aside", block: true), attributes, content()) }
public func aside(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("aside", block: true), attributes, [.text(text)]) }
public func div(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("div", block: true), attributes, content()) }
public func div(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("div", block: true), attributes, [.text(text)]) }
public func form(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("form", block: true), attributes, content()) }
public func form(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("form", block: true), attributes, [.text(text)]) }
public func fieldset(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("fieldset", block: true), attributes, content()) }
public func fieldset(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("fieldset", block: true), attributes, [.text(text)]) }
public func legend(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("legend", block: true), attributes, content()) }
public func legend(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("legend", block: true), attributes, [.text(text)]) }
public func table(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("table", block: true), attributes, content()) }
public func table(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("table", block: true), attributes, [.text(text)]) }
public func caption(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("caption", block: true), attributes, content()) }
public func caption(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("caption", block: true), attributes, [.text(text)]) }
public func thead(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("thead", block: true), attributes, content()) }
public func thead(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("thead", block: true), attributes, [.text(text)]) }
public func tbody(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("tbody", block: true), attributes, content()) }
public func tbody(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("tbody", block: true), attributes, [.text(text)]) }
public func tfoot(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("tfoot", block: true), attributes, content()) }
public func tfoot(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("tfoot", block: true), attributes, [.text(text)]) }
public func tr(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("tr", block: true), attributes, content()) }
public func tr(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("tr", block: true), attributes, [.text(text)]) }
public func th(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("th"), attributes, content()) }
public func th(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("th"), attributes, [.text(text)]) }
public func td(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("td"), attributes, content()) }
public func td(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("td"), attributes, [.text(text)]) }
public func ul(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("ul", block: true), attributes, content()) }
public func ul(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("ul", block: true), attributes, [.text(text)]) }
public func ol(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("ol", block: true), attributes, content()) }
public func ol(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("ol", block: true), attributes, [.text(text)]) }
public func li(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("li", block: true), attributes, content()) }
public func li(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("li", block: true), attributes, [.text(text)]) }
public func dl(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("dl", block: true), attributes, content()) }
public func dl(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("dl", block: true), attributes, [.text(text)]) }
public func dt(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("dt"), attributes, content()) }
public func dt(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("dt"), attributes, [.text(text)]) }
public func dd(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("dd", block: true), attributes, content()) }
public func dd(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("dd", block: true), attributes, [.text(text)]) }
public func p(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("p", block: true), attributes, content()) }
public func p(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("p", block: true), attributes, [.text(text)]) }
public func h1(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("h1", block: true), attributes, content()) }
public func h1(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("h1", block: true), attributes, [.text(text)]) }
public func h2(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("h2", block: true), attributes, content()) }
public func h2(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("h2", block: true), attributes, [.text(text)]) }
public func h3(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("h3", block: true), attributes, content()) }
public func h3(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("h3", block: true), attributes, [.text(text)]) }
public func h4(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("h4", block: true), attributes, content()) }
public func h4(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("h4", block: true), attributes, [.text(text)]) }
public func details(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("details", block: true), attributes, content()) }
public func details(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("details", block: true), attributes, [.text(text)]) }
public func summary(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("summary"), attributes, content()) }
public func summary(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("summary"), attributes, [.text(text)]) }
public func label(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("label"), attributes, content()) }
public func label(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("label"), attributes, [.text(text)]) }
public func select(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("select", block: true), attributes, content()) }
public func select(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("select", block: true), attributes, [.text(text)]) }
public func option(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("option", block: true), attributes, content()) }
public func option(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("option", block: true), attributes, [.text(text)]) }
public func textarea(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("textarea", block: true), attributes, content()) }
public func textarea(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("textarea", block: true), attributes, [.text(text)]) }
public func button(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("button", block: true), attributes, content()) }
public func button(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("button", block: true), attributes, [.text(text)]) }
public func a(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("a"), attributes, content()) }
public func a(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("a"), attributes, [.text(text)]) }
public func span(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("span"), attributes, content()) }
public func span(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("span"), attributes, [.text(text)]) }
public func strong(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("strong"), attributes, content()) }
public func strong(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("strong"), attributes, [.text(text)]) }
public func em(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("em"), attributes, content()) }
public func em(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("em"), attributes, [.text(text)]) }
public func small(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("small"), attributes, content()) }
public func small(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("small"), attributes, [.text(text)]) }
public func code(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("code"), attributes, content()) }
public func code(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("code"), attributes, [.text(text)]) }
public func pre(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("pre", block: true), attributes, content()) }
public func pre(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("pre", block: true), attributes, [.text(text)]) }
public func time(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("time"), attributes, content()) }
public func time(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("time"), attributes, [.text(text)]) }
public func abbr(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("abbr"), attributes, content()) }
public func abbr(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("abbr"), attributes, [.text(text)]) }
public func script(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("script", block: true), attributes, content()) }
public func script(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("script", block: true), attributes, [.text(text)]) }
public func figure(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("figure", block: true), attributes, content()) }
public func figure(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("figure", block: true), attributes, [.text(text)]) }
public func figcaption(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("figcaption", block: true), attributes, content()) }
public func figcaption(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("figcaption", block: true), attributes, [.text(text)]) }
public func blockquote(_ attributes: Attribute..., @HTMLBuilder content: () -> [Node] = { [] }) -> Node { .element(Tag("blockquote", block: true), attributes, content()) }
public func blockquote(_ text: String, _ attributes: Attribute...) -> Node { .element(Tag("blockquote", block: true), attributes, [.text(text)]) }
public func documentTitle(_ text: String) -> Node { .element(Tag("title", block: true), [], [.text(text)]) }
public func input(_ attributes: Attribute...) -> Node { .void(Tag("input", block: true), attributes) }
public func meta(_ attributes: Attribute...) -> Node { .void(Tag("meta", block: true), attributes) }
public func link(_ attributes: Attribute...) -> Node { .void(Tag("link", block: true), attributes) }
public func br(_ attributes: Attribute...) -> Node { .void(Tag("br"), attributes) }
public func hr(_ attributes: Attribute...) -> Node { .void(Tag("hr", block: true), attributes) }
public func img(_ attributes: Attribute...) -> Node { .void(Tag("img"), attributes) }
