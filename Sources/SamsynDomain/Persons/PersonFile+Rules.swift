import Foundation

extension PersonFile {
    /// A committee holds one file per person: registering a number the committee already has is a conflict.
    public static func checkCanOpen(committeeId: String, existing: [PersonFile]) throws {
        if existing.contains(where: { $0.committeeId == committeeId }) {
            throw DomainError(
                .conflict, "Personen finns redan i er nämnd.",
                fields: [FieldError(field: PersonInput.Field.identityNumber, message: "Det finns redan en personakt med det här numret i er nämnd.")])
        }
    }

    /// The registry's unique number refused a person registered at the same moment by someone else.
    public static let registeredConcurrently = DomainError(
        .conflict, "Personen finns redan.",
        fields: [FieldError(field: PersonInput.Field.identityNumber, message: "Numret registrerades nyss av någon annan. Sök fram personen i stället.")])
}
