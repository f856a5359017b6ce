import Foundation

/// Rules for editing the organisation's reference data.
public enum OrganisationValidation {
    public static func validateName(_ name: String, field: String = "name") -> [FieldError] {
        let t = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return [FieldError(field: field, message: "Ange ett namn.")] }
        if t.count > 100 { return [FieldError(field: field, message: "Namnet får vara högst 100 tecken.")] }
        return []
    }

    /// Ids are short lowercase slugs (`spanga-tensta-mottagning`) used in configuration and imports.
    public static func validateId(_ id: String, field: String = "id") -> [FieldError] {
        let ok = !id.isEmpty && id.count <= 60 && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        return ok ? [] : [FieldError(field: field, message: "Ange en kod med små bokstäver a–z, siffror och bindestreck (högst 60 tecken).")]
    }
}
