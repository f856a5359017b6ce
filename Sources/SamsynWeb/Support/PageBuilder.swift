import Foundation
import Hummingbird
import SamsynDomain

/// A page whose main content is written by `PageBuilder` (the case-flow pages: many small sections whose
/// presence depends on role, consent and state), framed by the shared Mustache layout.
struct BodyPage {
    let layout: Layout
    let body: String
}

/// Writes HTML with every text escaped. Its form helpers produce the same markup as the `form-field` and
/// `form-choice` partials: labels, hints and errors wired with `aria-describedby` and `aria-invalid`.
struct PageBuilder {
    private(set) var html = ""
    /// Field errors of the form being written, and the values to show again.
    var errors: [FieldError] = []
    var values: [String: String] = [:]
    var multiValues: [String: [String]] = [:]
    var idPrefix = ""

    static func e(_ s: String) -> String { QuestionHTML.escape(s) }

    mutating func raw(_ s: String) { html += s }
    mutating func text(_ s: String) { html += Self.e(s) }
    mutating func tag(_ name: String, _ text: String, attrs: String = "") { html += "<\(name)\(attrs.isEmpty ? "" : " " + attrs)>\(Self.e(text))</\(name)>\n" }
    mutating func h1(_ t: String) { tag("h1", t) }
    mutating func h2(_ t: String, id: String) { html += "<h2 id=\"\(Self.e(id))\">\(Self.e(t))</h2>\n" }
    mutating func p(_ t: String, cls: String? = nil) { tag("p", t, attrs: cls.map { "class=\"\($0)\"" } ?? "") }
    mutating func link(_ href: String, _ text: String) { html += "<a href=\"\(Self.e(href))\">\(Self.e(text))</a>" }
    mutating func pLink(_ href: String, _ text: String, cls: String? = nil) {
        html += "<p\(cls.map { " class=\"\($0)\"" } ?? "")>"
        link(href, text)
        html += "</p>\n"
    }
    mutating func notice(_ t: String) { html += "<p class=\"notice\" role=\"status\">\(Self.e(t))</p>\n" }
    mutating func section(_ title: String, id: String, _ body: (inout PageBuilder) -> Void) {
        html += "<section class=\"card\" aria-labelledby=\"\(Self.e(id))\">\n"
        h2(title, id: id)
        body(&self)
        html += "</section>\n"
    }

    /// A definition list of label/value pairs.
    mutating func facts(_ pairs: [(String, String)]) {
        html += "<dl class=\"facts\">\n"
        for (k, v) in pairs { html += "<dt>\(Self.e(k))</dt><dd>\(Self.e(v))</dd>\n" }
        html += "</dl>\n"
    }

    /// A table with a caption (visually hidden when `hiddenCaption`), header cells and rows of raw cell HTML.
    mutating func table(caption: String, hiddenCaption: Bool = true, headers: [String], rows: [[String]]) {
        html += "<table>\n<caption\(hiddenCaption ? " class=\"visually-hidden\"" : "")>\(Self.e(caption))</caption>\n<thead><tr>"
        for h in headers { html += "<th scope=\"col\">\(Self.e(h))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for r in rows { html += "<tr>" + r.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        html += "</tbody>\n</table>\n"
    }

    static func cellLink(_ href: String, _ text: String) -> String { "<a href=\"\(e(href))\">\(e(text))</a>" }

    /// The error summary at the top of a form, each error linking to its field.
    mutating func errorSummary(_ title: String) {
        guard !errors.isEmpty else { return }
        html += "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"\(idPrefix)error-summary-title\" tabindex=\"-1\" id=\"\(idPrefix)error-summary\">\n"
        html += "<h2 id=\"\(idPrefix)error-summary-title\">\(Self.e(title))</h2>\n<ul>"
        for f in errors { html += "<li><a href=\"#\(Self.e(idPrefix + f.field))\">\(Self.e(f.message))</a></li>" }
        html += "</ul>\n</div>\n"
    }

    mutating func formStart(action: String, csrf: String, cls: String = "stack") {
        html += "<form method=\"post\" action=\"\(Self.e(action))\" class=\"\(cls)\" novalidate>\n<input type=\"hidden\" name=\"_csrf\" value=\"\(Self.e(csrf))\">\n"
    }
    mutating func hidden(_ name: String, _ value: String) { html += "<input type=\"hidden\" name=\"\(Self.e(name))\" value=\"\(Self.e(value))\">\n" }
    mutating func submit(_ label: String, secondary: Bool = false) {
        html += "<button type=\"submit\"\(secondary ? " class=\"secondary\"" : "")>\(Self.e(label))</button>\n"
    }
    mutating func formEnd() { html += "</form>\n" }

    func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }

    /// A text field, date field or text area.
    mutating func field(_ name: String, _ label: String, hint: String? = nil, value: String = "", textarea: Bool = false, rows: Int = 3, short: Bool = false, inputmode: String? = nil) {
        let id = idPrefix + name
        let err = error(name)
        let v = values[name] ?? value
        let described = [hint != nil ? "\(id)-hint" : nil, err != nil ? "\(id)-error" : nil].compactMap { $0 }.joined(separator: " ")
        let aria = (err != nil ? " aria-invalid=\"true\"" : "") + (described.isEmpty ? "" : " aria-describedby=\"\(described)\"")
        html += "<div class=\"field\(err != nil ? " has-error" : "")\">\n<label for=\"\(Self.e(id))\">\(Self.e(label))</label>\n"
        if let hint { html += "<p class=\"hint\" id=\"\(Self.e(id))-hint\">\(Self.e(hint))</p>\n" }
        if let err { html += "<p class=\"field-error\" id=\"\(Self.e(id))-error\"><span class=\"visually-hidden\">Fel: </span>\(Self.e(err))</p>\n" }
        if textarea {
            html += "<textarea id=\"\(Self.e(id))\" name=\"\(Self.e(name))\" rows=\"\(rows)\"\(aria)>\(Self.e(v))</textarea>\n"
        } else {
            html += "<input id=\"\(Self.e(id))\" name=\"\(Self.e(name))\" type=\"text\" value=\"\(Self.e(v))\"\(inputmode.map { " inputmode=\"\($0)\"" } ?? "")\(short ? " class=\"short\"" : "") autocomplete=\"off\"\(aria)>\n"
        }
        html += "</div>\n"
    }

    mutating func dateField(_ name: String, _ label: String, value: String = "", hint: String = "Skriv som ÅÅÅÅ-MM-DD.") {
        field(name, label, hint: hint, value: value, short: true, inputmode: "numeric")
    }

    /// Radio buttons (one choice) or check boxes (several), in a fieldset with a legend.
    mutating func choices(_ name: String, _ legend: String, options: [(value: String, label: String)], selected: [String] = [], multiple: Bool = false, hint: String? = nil) {
        let id = idPrefix + name
        let err = error(name)
        let chosen = multiple ? (multiValues[name] ?? selected) : (values[name].map { [$0] } ?? selected)
        let described = [hint != nil ? "\(id)-hint" : nil, err != nil ? "\(id)-error" : nil].compactMap { $0 }.joined(separator: " ")
        html += "<div class=\"field\(err != nil ? " has-error" : "")\">\n<fieldset class=\"choices\" id=\"\(Self.e(id))\"\(described.isEmpty ? "" : " aria-describedby=\"\(described)\"")>\n"
        html += "<legend>\(Self.e(legend))</legend>\n"
        if let hint { html += "<p class=\"hint\" id=\"\(Self.e(id))-hint\">\(Self.e(hint))</p>\n" }
        if let err { html += "<p class=\"field-error\" id=\"\(Self.e(id))-error\"><span class=\"visually-hidden\">Fel: </span>\(Self.e(err))</p>\n" }
        for (i, o) in options.enumerated() {
            let oid = "\(id)-\(i + 1)"
            let checked = chosen.contains(o.value) ? " checked" : ""
            html += "<div class=\"\(multiple ? "choice" : "radio")\"><input type=\"\(multiple ? "checkbox" : "radio")\" id=\"\(Self.e(oid))\" name=\"\(Self.e(name))\" value=\"\(Self.e(o.value))\"\(checked)> <label for=\"\(Self.e(oid))\">\(Self.e(o.label))</label></div>\n"
        }
        html += "</fieldset>\n</div>\n"
    }

    mutating func select(_ name: String, _ label: String, options: [(value: String, label: String)], selected: String = "", placeholder: String = "Välj", hint: String? = nil) {
        let id = idPrefix + name
        let err = error(name)
        let chosen = values[name] ?? selected
        let described = [hint != nil ? "\(id)-hint" : nil, err != nil ? "\(id)-error" : nil].compactMap { $0 }.joined(separator: " ")
        html += "<div class=\"field\(err != nil ? " has-error" : "")\">\n<label for=\"\(Self.e(id))\">\(Self.e(label))</label>\n"
        if let hint { html += "<p class=\"hint\" id=\"\(Self.e(id))-hint\">\(Self.e(hint))</p>\n" }
        if let err { html += "<p class=\"field-error\" id=\"\(Self.e(id))-error\"><span class=\"visually-hidden\">Fel: </span>\(Self.e(err))</p>\n" }
        html += "<select id=\"\(Self.e(id))\" name=\"\(Self.e(name))\"\(err != nil ? " aria-invalid=\"true\"" : "")\(described.isEmpty ? "" : " aria-describedby=\"\(described)\"")>\n"
        html += "<option value=\"\">\(Self.e(placeholder))</option>\n"
        for o in options { html += "<option value=\"\(Self.e(o.value))\"\(o.value == chosen ? " selected" : "")>\(Self.e(o.label))</option>\n" }
        html += "</select>\n</div>\n"
    }

    /// One check box on its own (a yes/no answer).
    mutating func checkbox(_ name: String, _ label: String, checked: Bool = false) {
        let id = idPrefix + name
        let on = values.isEmpty ? checked : values[name] != nil
        html += "<div class=\"choice\"><input type=\"checkbox\" id=\"\(Self.e(id))\" name=\"\(Self.e(name))\" value=\"1\"\(on ? " checked" : "")> <label for=\"\(Self.e(id))\">\(Self.e(label))</label></div>\n"
    }
}

extension AppServices {
    /// Renders a builder page in the layout.
    func bodyPage(_ title: String, _ context: AppRequestContext, nav: String? = nil, status: HTTPResponse.Status = .ok, _ body: String) throws -> HTML {
        let layout = Layout(title: title, context: context, unitName: context.user.flatMap { orgNames.unitName($0.unitId) }, nav: nav)
        return HTML(html: try templates.render(BodyPage(layout: layout, body: body), "body-page"), status: status)
    }
}
