import Foundation

/// The questions of an area as HTML, written directly: the form is the hottest page a caseworker uses,
/// and rendering its many small sections through Mustache cost more than all its database reads.
/// Mirrors the markup the Mustache templates use elsewhere; every text is escaped here.
enum QuestionHTML {
    static func escape(_ s: String) -> String {
        // Most texts need nothing: return them as they are.
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
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
        return out
    }

    static func render(_ questions: [QuestionModel]) -> String {
        var h = ""
        h.reserveCapacity(questions.count * 1200)
        for q in questions { render(q, into: &h) }
        return h
    }

    static func render(_ q: QuestionModel, into h: inout String) {
        let e = escape
        let disabled = q.hidden ? " disabled" : ""
        let invalid = q.error != nil ? " aria-invalid=\"true\"" : ""
        let described = q.describedBy.map { " aria-describedby=\"\(e($0))\"" } ?? ""
        let required = q.required ? " <span class=\"req\">(obligatorisk)</span>" : ""
        h += "<div class=\"question\(q.error != nil ? " has-error" : "")\" id=\"wrap-\(e(q.domId))\" data-question=\"\(e(q.id))\""
        if let when = q.enableWhen { h += " data-enable-when=\"\(e(when))\" data-enable-behavior=\"\(e(q.enableBehavior))\"" }
        h += q.hidden ? " hidden>\n" : ">\n"
        func notes() {
            if let help = q.help { h += "<p class=\"hint\" id=\"\(e(q.domId))-help\">\(e(help))</p>\n" }
            if let prefill = q.prefill { h += "<p class=\"prefill\" id=\"\(e(q.domId))-prefill\">\(e(prefill))</p>\n" }
            if let error = q.error {
                h += "<p class=\"field-error\" id=\"\(e(q.domId))-error\"><span class=\"visually-hidden\">Fel: </span>\(e(error))</p>\n"
            }
        }
        if q.isText || q.isNumber || q.isDate {
            h += "<label for=\"\(e(q.domId))\" class=\"q\">\(e(q.text))\(required)</label>\n"
            notes()
            if q.isText {
                h += "<textarea id=\"\(e(q.domId))\" name=\"\(e(q.name))\" rows=\"3\"\(disabled)\(invalid)\(described)>\(e(q.value))</textarea>\n"
            } else {
                let type = q.isNumber ? "type=\"text\" inputmode=\"decimal\"" : "type=\"date\""
                h += "<input id=\"\(e(q.domId))\" name=\"\(e(q.name))\" \(type) class=\"short\" value=\"\(e(q.value))\"\(disabled)\(invalid)\(described)>\n"
            }
        } else if q.isRadio || q.isCheckbox {
            let inputType = q.isRadio ? "radio" : "checkbox"
            h += "<fieldset\(described)>\n<legend class=\"q\">\(e(q.text))\(required)"
            if q.isCheckbox { h += " <span class=\"meta\">Välj alla som stämmer.</span>" }
            h += "</legend>\n"
            notes()
            h += "<div class=\"choices\(q.isScale ? " scale" : "")\">\n"
            for o in q.options {
                h += "<div class=\"choice\"><input type=\"\(inputType)\" id=\"\(e(o.id))\" name=\"\(e(q.name))\" value=\"\(e(o.value))\"\(o.checked ? " checked" : "")\(disabled)>"
                h += "<label for=\"\(e(o.id))\">\(e(o.label))</label></div>\n"
            }
            h += "</div>\n</fieldset>\n"
        }
        if q.declineBox {
            h += "<div class=\"choice decline\"><input type=\"checkbox\" id=\"\(e(q.domId))-declined\" name=\"\(e(q.name))\" value=\"__declined\"\(q.declined ? " checked" : "")\(disabled)>"
            h += "<label for=\"\(e(q.domId))-declined\">Vill inte svara</label></div>\n"
        }
        if q.hasGuide {
            h += "<details class=\"guide\"><summary>Samtalsstöd<span class=\"visually-hidden\"> för frågan</span></summary><ul>"
            for line in q.guide { h += "<li>\(e(line))</li>" }
            h += "</ul></details>\n"
        }
        h += "</div>\n"
    }

    /// The list of the part's areas as submit buttons (moving to another area saves this one first).
    static func nav(_ items: [AreaPage.NavItem]) -> String {
        var h = ""
        for i in items {
            h += "<li><button type=\"submit\" name=\"action\" value=\"goto-\(i.index)\" class=\"link\"\(i.current ? " aria-current=\"step\"" : "")>"
            h += "\(escape(i.title))</button> <span class=\"meta\">\(escape(i.status))</span></li>\n"
        }
        return h
    }
}
