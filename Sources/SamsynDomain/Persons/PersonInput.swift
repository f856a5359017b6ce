import Foundation

/// What staff type in when registering a person: raw strings from a form or JSON body.
public struct PersonInput: Sendable, Equatable {
    public var identityNumber: String
    public var firstName: String
    public var lastName: String
    public var phone: String
    public var email: String
    public var street: String
    public var postalCode: String
    public var city: String
    public var protectedIdentity: Bool

    public init(
        identityNumber: String = "", firstName: String = "", lastName: String = "", phone: String = "", email: String = "",
        street: String = "", postalCode: String = "", city: String = "", protectedIdentity: Bool = false
    ) {
        self.identityNumber = identityNumber
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.email = email
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.protectedIdentity = protectedIdentity
    }

    /// Field names as forms and the API use them.
    public enum Field {
        public static let identityNumber = "personalIdentityNumber"
        public static let firstName = "firstName"
        public static let lastName = "lastName"
        public static let phone = "phone"
        public static let email = "email"
        public static let street = "street"
        public static let postalCode = "postalCode"
        public static let city = "city"
    }

    public struct Valid: Sendable, Equatable {
        public let identityNumber: PersonalIdentityNumber
        public let firstName: String
        public let lastName: String
        public let contact: ContactDetails
        public let protectedIdentity: Bool
    }

    /// Validates every field and reports all errors at once, in form order.
    public func validate(today: Date) -> Result<Valid, DomainError> {
        var errors: [FieldError] = []
        var number: PersonalIdentityNumber?
        do {
            number = try PersonalIdentityNumber.parse(identityNumber, today: today)
        } catch {
            errors.append(FieldError(field: Field.identityNumber, message: error.message))
        }
        let first = Self.clean(firstName)
        let last = Self.clean(lastName)
        if first.isEmpty { errors.append(FieldError(field: Field.firstName, message: "Ange förnamn.")) }
        else if first.count > 100 { errors.append(FieldError(field: Field.firstName, message: "Förnamnet får vara högst 100 tecken.")) }
        if last.isEmpty { errors.append(FieldError(field: Field.lastName, message: "Ange efternamn.")) }
        else if last.count > 100 { errors.append(FieldError(field: Field.lastName, message: "Efternamnet får vara högst 100 tecken.")) }

        let phone = Self.clean(phone)
        if !phone.isEmpty, phone.count > 40 || !phone.allSatisfy({ $0.isNumber || " +-()".contains($0) }) || phone.filter(\.isNumber).count < 5 {
            errors.append(FieldError(field: Field.phone, message: "Skriv telefonnumret med siffror, till exempel 070-123 45 67."))
        }
        let email = Self.clean(email)
        if !email.isEmpty, !Self.looksLikeEmail(email) {
            errors.append(FieldError(field: Field.email, message: "Skriv en e-postadress som namn@exempel.se."))
        }
        let street = Self.clean(street)
        if street.count > 200 { errors.append(FieldError(field: Field.street, message: "Adressen får vara högst 200 tecken.")) }
        let postal = Self.clean(postalCode).replacingOccurrences(of: " ", with: "")
        if !postal.isEmpty, postal.count != 5 || !postal.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors.append(FieldError(field: Field.postalCode, message: "Postnumret ska ha fem siffror, till exempel 163 71."))
        }
        let city = Self.clean(city)
        if city.count > 100 { errors.append(FieldError(field: Field.city, message: "Orten får vara högst 100 tecken.")) }

        guard errors.isEmpty, let number else { return .failure(.invalid(errors)) }
        let formattedPostal = postal.isEmpty ? nil : "\(postal.prefix(3)) \(postal.suffix(2))"
        return .success(
            Valid(
                identityNumber: number, firstName: first, lastName: last,
                contact: ContactDetails(
                    phone: phone.nilIfEmpty, email: email.nilIfEmpty, street: street.nilIfEmpty, postalCode: formattedPostal,
                    city: city.nilIfEmpty),
                protectedIdentity: protectedIdentity))
    }

    /// A number handed to the registration form in its address: cleaned, and only digits and the separators
    /// a number is written with, at most 13 characters (it is only shown in the field, never stored from here).
    public static func prefill(_ raw: String) -> String {
        String(clean(raw).filter { ($0.isASCII && $0.isNumber) || $0 == "-" || $0 == "+" }.prefix(13))
    }

    /// Trims and removes control characters (no CR/LF smuggled into names or logs).
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespaces)
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        guard s.count <= 200, !s.contains(" ") else { return false }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
