import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

/// Collects the nodes of a page whose sections depend on many small conditions (the case-flow pages),
/// in the order they are added. Everything goes through the HTML DSL and its form components, so text and
/// attributes are escaped by construction; `open`/`close` nest what follows inside an element.
/// (These pages are to become a `Model` and a `View` each, like the rest.)
struct PageBuilder {
    private var stack: [(tag: Tag, attributes: [Attribute], children: [Node])] = [(Tag("root"), [], [])]
    /// Field errors and values of the form being written.
    var errors: [FieldError] = []
    var values: [String: String] = [:]
    var multiValues: [String: [String]] = [:]
    var idPrefix = ""

    var form: FormState {
        var v = values.mapValues { [$0] }
        for (k, m) in multiValues { v[k] = m }
        return FormState(errors: errors, values: v, idPrefix: idPrefix)
    }

    /// Everything added, with open elements closed.
    var nodes: [Node] {
        var s = stack
        while s.count > 1 {
            let top = s.removeLast()
            s[s.count - 1].children.append(.element(top.tag, top.attributes, top.children))
        }
        return s[0].children
    }

    mutating func add(_ node: Node) { stack[stack.count - 1].children.append(node) }
    mutating func add(@HTMLBuilder _ content: () -> [Node]) {
        for n in content() { add(n) }
    }
    mutating func add(_ other: PageBuilder) {
        for n in other.nodes { add(n) }
    }

    /// Opens an element: what is added next goes inside it until `close()`.
    mutating func open(_ element: Node) {
        guard case .element(let tag, let attrs, let children) = element else {
            add(element)
            return
        }
        stack.append((tag, attrs, children))
    }
    mutating func close() {
        guard stack.count > 1 else { return }
        let top = stack.removeLast()
        add(.element(top.tag, top.attributes, top.children))
    }

    mutating func text(_ s: String) { add(.text(s)) }
    mutating func h1(_ t: String) { add(SamsynWeb.h1(t)) }
    mutating func h2(_ t: String, id: String) { add(SamsynWeb.h2(t, .id(id))) }
    mutating func p(_ t: String, cls: String? = nil) { add(SamsynWeb.p(t, .optional(Attribute.class, cls))) }
    mutating func link(_ href: String, _ text: String) { add(a(text, .href(href))) }
    mutating func pLink(_ href: String, _ text: String, cls: String? = nil) { add(linkLine(href, text, class: cls)) }
    mutating func notice(_ t: String) { add(SamsynWeb.notice(t)) }
    mutating func section(_ title: String, id: String, _ body: (inout PageBuilder) -> Void) {
        open(SamsynWeb.section(.class("card"), .aria("labelledby", id)))
        h2(title, id: id)
        body(&self)
        close()
    }

    /// A definition list of label/value pairs.
    mutating func facts(_ pairs: [(String, String)]) { add(SamsynWeb.facts(pairs)) }

    /// A table with a caption (visually hidden when `hiddenCaption`), header cells and typed cells.
    mutating func table(caption: String, hiddenCaption: Bool = true, headers: [String], rows: [[Cell]]) {
        add(dataTable(caption, showCaption: !hiddenCaption, headers: headers, rows: rows))
    }

    /// A table of text cells only.
    mutating func table(caption: String, hiddenCaption: Bool = true, headers: [String], rows: [[String]]) {
        table(caption: caption, hiddenCaption: hiddenCaption, headers: headers, rows: rows.map { $0.map(Cell.text) })
    }

    /// The error summary at the top of a form, each error linking to its field.
    mutating func errorSummary(_ title: String) { add(form.errorSummary(title)) }

    mutating func formStart(action: String, csrf: String, cls: String = "stack") {
        open(SamsynWeb.form(.method("post"), .action(action), .class(cls), .novalidate()))
        add(hiddenField("_csrf", csrf))
    }
    mutating func hidden(_ name: String, _ value: String) { add(hiddenField(name, value)) }
    mutating func submit(_ label: String, secondary: Bool = false) { add(submitButton(label, secondary: secondary)) }
    mutating func formEnd() { close() }

    func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }

    /// A text field, date field or text area.
    mutating func field(_ name: String, _ label: String, hint: String? = nil, value: String = "", textarea: Bool = false, rows: Int = 3, short: Bool = false, inputmode: String? = nil) {
        let f = form
        if textarea {
            add(f.textarea(name, label, hint: hint, value: value, rows: rows))
        } else {
            add(f.text(name, label, hint: hint, value: value, kind: inputmode == "numeric" ? .numeric : .text, short: short))
        }
    }

    mutating func dateField(_ name: String, _ label: String, value: String = "", hint: String = "Skriv som ÅÅÅÅ-MM-DD.") {
        add(form.date(name, label, value: value, hint: hint))
    }

    /// Radio buttons (one choice) or check boxes (several), in a fieldset with a legend.
    mutating func choices(_ name: String, _ legend: String, options: [(value: String, label: String)], selected: [String] = [], multiple: Bool = false, hint: String? = nil) {
        add(form.choices(name, legend, options: options.map { FormState.Option($0.value, $0.label) }, selected: selected, multiple: multiple, hint: hint))
    }

    mutating func select(_ name: String, _ label: String, options: [(value: String, label: String)], selected: String = "", placeholder: String = "Välj", hint: String? = nil) {
        add(form.select(name, label, options: options.map { FormState.Option($0.value, $0.label) }, selected: selected, placeholder: placeholder, hint: hint))
    }

    /// One check box on its own (a yes/no answer).
    mutating func checkbox(_ name: String, _ label: String, checked: Bool = false) {
        add(form.checkbox(name, label, checked: checked))
    }
}

extension AppServices {
    /// Renders a builder page in the frame.
    func bodyPage(_ title: String, _ context: AppRequestContext, nav: MenuItem? = nil, status: HTTPResponse.Status = .ok, _ body: [Node]) -> Page {
        Page(Layout(title: title, context: context, unitName: context.user.flatMap { orgNames.unitName($0.unitId) }, nav: nav), status: status, nodes: body)
    }
}
