import SamsynDomain

/// A text field or text area rendered by the `form-field` partial, with its hint and error wired up
/// for screen readers (`aria-describedby`, `aria-invalid`).
struct FormField {
    let id: String
    let name: String
    let label: String
    let hint: String?
    let value: String
    let error: String?
    let textarea: Bool
    let rows: Int
    let inputmode: String?
    let short: Bool
    let required: Bool
    let describedBy: String?

    init(
        _ name: String, _ label: String, hint: String? = nil, value: String, errors: [FieldError], textarea: Bool = false, rows: Int = 3,
        inputmode: String? = nil, short: Bool = false, required: Bool = false, idPrefix: String = ""
    ) {
        self.id = idPrefix + name
        self.name = name
        self.label = label
        self.hint = hint
        self.value = value
        self.error = errors.first { $0.field == name }?.message
        self.textarea = textarea
        self.rows = rows
        self.inputmode = inputmode
        self.short = short
        self.required = required
        let ids = [hint != nil ? "\(idPrefix + name)-hint" : nil, error != nil ? "\(idPrefix + name)-error" : nil].compactMap { $0 }
        self.describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    /// A date field (`ÅÅÅÅ-MM-DD`).
    static func date(_ name: String, _ label: String, value: String, errors: [FieldError], hint: String = "Skriv som ÅÅÅÅ-MM-DD.", idPrefix: String = "")
        -> FormField
    {
        FormField(name, label, hint: hint, value: value, errors: errors, inputmode: "numeric", short: true, idPrefix: idPrefix)
    }
}

/// Radio buttons rendered by the `form-choice` partial.
struct FormChoice {
    struct Option {
        let id: String
        let name: String
        let value: String
        let label: String
        let checked: Bool
    }
    let id: String
    let label: String
    let error: String?
    let options: [Option]

    init(_ name: String, _ label: String, options: [(value: String, label: String)], selected: String, errors: [FieldError], idPrefix: String = "") {
        self.id = idPrefix + name
        self.label = label
        self.error = errors.first { $0.field == name }?.message
        self.options = options.map { Option(id: "\(idPrefix)\(name)-\($0.value)", name: name, value: $0.value, label: $0.label, checked: $0.value == selected) }
    }
}
