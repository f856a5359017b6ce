import Foundation

/// A member of staff (or a demo citizen/partner account) who logs in to Samsyn.
public struct StaffUser: Hashable, Sendable {
    public let id: UUID
    public var username: String
    public var displayName: String
    public var role: Role
    public var unitId: String
    public var committeeId: String
    public var active: Bool
    /// The kind of the user's unit (which instrument parts they fill in); read with the user.
    public var unitKind: OrgUnit.Kind?
    /// The person of the registry a citizen account belongs to (the own page shows that person's file and nothing
    /// else); nil for every staff account.
    public var personId: UUID?

    public init(
        id: UUID, username: String, displayName: String, role: Role, unitId: String, committeeId: String, active: Bool, unitKind: OrgUnit.Kind? = nil,
        personId: UUID? = nil
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.unitId = unitId
        self.committeeId = committeeId
        self.active = active
        self.unitKind = unitKind
        self.personId = personId
    }
}

/// What a new user needs; validated before anything is stored.
public struct NewStaffUser: Sendable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var unitId: String

    public init(username: String, displayName: String, role: Role, unitId: String) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.unitId = unitId
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        let u = username
        if u.isEmpty || u.count > 40 || !u.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "." || $0 == "-" || $0 == "_" }) {
            errors.append(FieldError(field: "username", message: "Användarnamnet ska ha 1–40 tecken: små bokstäver a–z, siffror, punkt, bindestreck eller understreck."))
        }
        errors += OrganisationValidation.validateName(displayName, field: "displayName")
        return errors
    }
}

public enum PasswordPolicy {
    public static let minimumLength = 12
    public static func validate(_ password: String) -> [FieldError] {
        if password.count < minimumLength {
            return [FieldError(field: "password", message: "Lösenordet ska ha minst \(minimumLength) tecken.")]
        }
        if password.count > 200 {
            return [FieldError(field: "password", message: "Lösenordet får vara högst 200 tecken.")]
        }
        return []
    }
}

extension StaffUser {
    /// The unique username refused a second user of the same name.
    public static let usernameTaken = DomainError(
        .conflict, "Användarnamnet finns redan.", fields: [FieldError(field: "username", message: "Användarnamnet finns redan.")])
}
