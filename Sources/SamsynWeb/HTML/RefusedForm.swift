import SamsynDomain

/// A page with several forms, one of which was refused: which one, its errors and the values typed.
public struct RefusedForm: Sendable {
    public let form: String
    public let errors: [FieldError]
    public let values: [String: [String]]

    public init(form: String, errors: [FieldError], values: [String: [String]]) {
        self.form = form
        self.errors = errors
        self.values = values
    }

    /// The message of a refusal that names no field, reported at `field`.
    public func message(at field: String) -> String? { errors.first { $0.field == field }?.message }
}

extension FormState {
    /// The state of the form `name` on a page with several: the refused one's errors (less those at `except`)
    /// and values when it is `name`, otherwise a new form. `idPrefix` keeps the forms' ids apart.
    public static func named(_ name: String, idPrefix: String, refused: RefusedForm?, except: String? = nil) -> FormState {
        guard let refused, refused.form == name else { return FormState(idPrefix: idPrefix) }
        return FormState(errors: refused.errors.filter { $0.field != except }, values: refused.values, idPrefix: idPrefix)
    }
}
