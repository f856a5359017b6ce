import Foundation

/// A person as one committee's file holds them. The registry's row is only the identity (the internal id
/// and the personnummer, the link that consent between committees relies on); the name, the contact details
/// and protected identity belong to each committee's file, so nothing one committee entered reaches the
/// other (not even by registering the same number). `createdAt`, `updatedAt` and `version` are the file's.
/// The internal id stays when the personnummer changes, so the history follows the person.
public struct Person: Hashable, Sendable {
    public let id: UUID
    public var identityNumber: PersonalIdentityNumber
    public var firstName: String
    public var lastName: String
    public var contact: ContactDetails
    /// Skyddade personuppgifter (as this committee's file records it): address and contact details are
    /// hidden in every view and the person is never found by phone or address.
    public var protectedIdentity: Bool
    public let createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, identityNumber: PersonalIdentityNumber, firstName: String, lastName: String, contact: ContactDetails,
        protectedIdentity: Bool, createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.identityNumber = identityNumber
        self.firstName = firstName
        self.lastName = lastName
        self.contact = contact
        self.protectedIdentity = protectedIdentity
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    public var fullName: String { "\(firstName) \(lastName)" }
}

public struct ContactDetails: Hashable, Sendable {
    public var phone: String?
    public var email: String?
    public var street: String?
    public var postalCode: String?
    public var city: String?

    public init(phone: String? = nil, email: String? = nil, street: String? = nil, postalCode: String? = nil, city: String? = nil) {
        self.phone = phone
        self.email = email
        self.street = street
        self.postalCode = postalCode
        self.city = city
    }

    public static let none = ContactDetails()
}

/// A person file (personakt): the person's record at one committee. A user sees a person only
/// where their committee holds a file (consent across committees comes with the case flow).
public struct PersonFile: Hashable, Sendable {
    public let personId: UUID
    public let committeeId: String
    public let openedAt: Date
    public let openedByUnitId: String

    public init(personId: UUID, committeeId: String, openedAt: Date, openedByUnitId: String) {
        self.personId = personId
        self.committeeId = committeeId
        self.openedAt = openedAt
        self.openedByUnitId = openedByUnitId
    }
}

/// A person as a particular viewer may see them: contact details are left out for protected identities.
public struct PersonView: Sendable, Equatable {
    public let person: Person
    public let files: [PersonFile]
    /// Nil when the person has protected identity (skyddade personuppgifter).
    public let visibleContact: ContactDetails?

    public init(person: Person, files: [PersonFile]) {
        self.person = person
        self.files = files
        self.visibleContact = person.protectedIdentity ? nil : person.contact
    }
}

/// A search hit: just enough to pick the right person.
public struct PersonSummary: Hashable, Sendable {
    public let id: UUID
    public let identityNumber: PersonalIdentityNumber
    public let firstName: String
    public let lastName: String
    public let protectedIdentity: Bool

    public init(id: UUID, identityNumber: PersonalIdentityNumber, firstName: String, lastName: String, protectedIdentity: Bool) {
        self.id = id
        self.identityNumber = identityNumber
        self.firstName = firstName
        self.lastName = lastName
        self.protectedIdentity = protectedIdentity
    }
}
