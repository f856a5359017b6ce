import SamsynDomain

/// The state of a form being shown: its field errors (after a refusal) and the values to show again.
/// Every form component reads its error and value from here, so a refused form is re-rendered with what
/// was typed and the errors beside their fields, the same way on every page.
public struct FormState: Sendable {
    public var errors: [FieldError]
    /// Submitted values by field name (several for check boxes); empty when the form is new.
    public var values: [String: [String]]
    /// Prefixed to every element id, for pages with several forms that share field names.
    public var idPrefix: String

    public init(errors: [FieldError] = [], values: [String: [String]] = [:], idPrefix: String = "") {
        self.errors = errors
        self.values = values
        self.idPrefix = idPrefix
    }

    /// A refused form: its errors, and the submitted fields to show again.
    public init(refused errors: [FieldError], submitted: [String: [String]], idPrefix: String = "") {
        self.init(errors: errors, values: submitted, idPrefix: idPrefix)
    }

    public static let new = FormState()

    public var hasErrors: Bool { !errors.isEmpty }
    public func error(_ name: String) -> String? { errors.first { $0.field == name }?.message }
    func id(_ name: String) -> String { idPrefix + name }
    /// What a text field shows: the submitted value after a refusal, otherwise the given one.
    func value(_ name: String, _ fallback: String) -> String { values[name]?.first ?? fallback }
    func chosen(_ name: String, _ fallback: [String]) -> [String] { values[name] ?? fallback }

    private func describedBy(_ id: String, hint: Bool, error: Bool) -> String? {
        let ids = [hint ? "\(id)-hint" : nil, error ? "\(id)-error" : nil].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    private func notes(_ id: String, hint: String?, error: String?) -> Node {
        group {
            if let hint { p(hint, .class("hint"), .id("\(id)-hint")) }
            if let error { FormState.errorLine(id: id, error) }
        }
    }

    static func errorLine(id: String, _ message: String) -> Node {
        p(.class("field-error"), .id("\(id)-error")) {
            span("Fel: ", .class("visually-hidden"))
            message
        }
    }

    static func requiredMarker(_ on: Bool) -> Node {
        on ? group { " "; span("(obligatorisk)", .class("req")) } : .empty
    }

    public enum InputKind: Sendable {
        case text, email, tel, numeric, decimal, password

        var type: String {
            switch self {
            case .text, .numeric, .decimal: "text"
            case .email: "email"
            case .tel: "tel"
            case .password: "password"
            }
        }
        var inputmode: String? {
            switch self {
            case .numeric: "numeric"
            case .decimal: "decimal"
            default: nil
            }
        }
    }

    /// A one-line text field with its label, hint and error.
    public func text(
        _ name: String, _ labelText: String, hint: String? = nil, value: String = "", kind: InputKind = .text, required: Bool = false,
        short: Bool = false, autocomplete: String = "off"
    ) -> Node {
        let id = id(name)
        let err = error(name)
        return div(.class(err != nil ? "field has-error" : "field")) {
            label(.for(id)) {
                labelText
                FormState.requiredMarker(required)
            }
            notes(id, hint: hint, error: err)
            input(
                .id(id), .name(name), .type(kind.type), .value(self.value(name, value)), .optional(Attribute.inputmode, kind.inputmode),
                .class("short", if: short), .autocomplete(autocomplete), .aria("required", required ? "true" : nil),
                .aria("invalid", err != nil ? "true" : nil), .aria("describedby", describedBy(id, hint: hint != nil, error: err != nil)))
        }
    }

    /// A date field written as `ÅÅÅÅ-MM-DD`.
    public func date(_ name: String, _ labelText: String, value: String = "", hint: String = "Skriv som ÅÅÅÅ-MM-DD.", required: Bool = false)
        -> Node
    {
        text(name, labelText, hint: hint, value: value, kind: .numeric, required: required, short: true)
    }

    /// A text area.
    public func textarea(_ name: String, _ labelText: String, hint: String? = nil, value: String = "", rows: Int = 3, required: Bool = false)
        -> Node
    {
        let id = id(name)
        let err = error(name)
        return div(.class(err != nil ? "field has-error" : "field")) {
            label(.for(id)) {
                labelText
                FormState.requiredMarker(required)
            }
            notes(id, hint: hint, error: err)
            SamsynWeb.textarea(
                .id(id), .name(name), .rows(rows), .aria("required", required ? "true" : nil), .aria("invalid", err != nil ? "true" : nil),
                .aria("describedby", describedBy(id, hint: hint != nil, error: err != nil))
            ) { self.value(name, value) }
        }
    }

    public struct Option: Sendable {
        public let value: String
        public let label: String
        public init(_ value: String, _ label: String) {
            self.value = value
            self.label = label
        }
    }

    /// Radio buttons (one choice) or check boxes (several) in a fieldset with a legend. Option ids are
    /// the field's id and the option's number from 1.
    public func choices(
        _ name: String, _ legendText: String, options: [Option], selected: [String] = [], multiple: Bool = false, hint: String? = nil,
        required: Bool = false, id explicitId: String? = nil
    ) -> Node {
        let id = explicitId.map { idPrefix + $0 } ?? id(name)
        let err = error(name)
        let chosen = chosen(name, selected)
        return div(.class(err != nil ? "field has-error" : "field")) {
            fieldset(.class("choices"), .id(id), .aria("describedby", describedBy(id, hint: hint != nil, error: err != nil))) {
                legend {
                    legendText
                    FormState.requiredMarker(required)
                }
                notes(id, hint: hint, error: err)
                for (i, o) in options.enumerated() {
                    let oid = "\(id)-\(i + 1)"
                    div(.class(multiple ? "choice" : "radio")) {
                        input(.type(multiple ? "checkbox" : "radio"), .id(oid), .name(name), .value(o.value), .checked(chosen.contains(o.value)))
                        " "
                        label(o.label, .for(oid))
                    }
                }
            }
        }
    }

    /// A drop-down list with an empty first choice.
    public func select(
        _ name: String, _ labelText: String, options: [Option], selected: String = "", placeholder: String = "Välj", hint: String? = nil,
        required: Bool = false
    ) -> Node {
        let id = id(name)
        let err = error(name)
        let chosen = chosen(name, [selected]).first ?? ""
        return div(.class(err != nil ? "field has-error" : "field")) {
            label(.for(id)) {
                labelText
                FormState.requiredMarker(required)
            }
            notes(id, hint: hint, error: err)
            SamsynWeb.select(
                .id(id), .name(name), .aria("invalid", err != nil ? "true" : nil),
                .aria("describedby", describedBy(id, hint: hint != nil, error: err != nil))
            ) {
                option(placeholder, .value(""))
                for o in options { option(o.label, .value(o.value), .selected(o.value == chosen)) }
            }
        }
    }

    /// One check box on its own (a yes/no choice).
    public func checkbox(_ name: String, _ labelText: String, checked: Bool = false, value: String = "1") -> Node {
        let id = id(name)
        let on = values.isEmpty ? checked : values[name] != nil
        return div(.class("choice")) {
            input(.type("checkbox"), .id(id), .name(name), .value(value), .checked(on))
            " "
            label(labelText, .for(id))
        }
    }

    /// The summary at the top of a refused form: each error links to its field; focus moves here.
    public func errorSummary(_ title: String = "Formuläret innehåller fel") -> Node {
        guard !errors.isEmpty else { return .empty }
        let id = idPrefix + "error-summary"
        return div(.class("error-summary"), .role("alert"), .aria("labelledby", "\(id)-title"), .tabindex(-1), .id(id)) {
            h2(title, .id("\(id)-title"))
            ul {
                for f in errors { li { a(f.message, .href("#\(idPrefix + f.field)")) } }
            }
        }
    }
}

/// A form posted to `action`, with its CSRF token. `novalidate`: the server's Swedish messages are the ones shown.
public func postForm(_ action: String, csrf: String, class cls: String = "stack", @HTMLBuilder content: () -> [Node]) -> Node {
    form(.method("post"), .action(action), .class(cls), .novalidate()) {
        hiddenField("_csrf", csrf)
        content()
    }
}

public func hiddenField(_ name: String, _ value: String) -> Node {
    input(.type("hidden"), .name(name), .value(value))
}

public func submitButton(_ text: String, secondary: Bool = false, name: String? = nil, value: String? = nil) -> Node {
    button(text, .type("submit"), .class("secondary", if: secondary), .optional(Attribute.name, name), .optional(Attribute.value, value))
}

/// A form behind a button: a disclosure whose summary reads as the action ("Registrera försörjningshinder"), so a
/// long page shows its headings and facts and opens one form at a time. Works without JavaScript. `open` when the
/// form was refused: it is shown again open, and samsyn.js moves focus to its error summary (put it inside).
public func formDisclosure(_ action: String, id: String, open: Bool = false, @HTMLBuilder content: () -> [Node]) -> Node {
    details(.class("form-disclosure"), .id(id), .open(open)) {
        summary(action)
        div(.class("disclosure-body")) { content() }
    }
}

extension FormState {
    /// This form behind a button (see `formDisclosure`), open when the form was refused. Its id is the form's
    /// id prefix and `disclosure` ("obstacles-disclosure").
    public func disclosure(_ action: String, id: String? = nil, @HTMLBuilder content: () -> [Node]) -> Node {
        formDisclosure(action, id: id ?? idPrefix + "disclosure", open: hasErrors, content: content)
    }
}
