import Foundation
import Hummingbird
import SamsynDomain

extension AppRequestContext {
    /// The posted form as a typed struct (`TypedForm.decode`).
    func decodeForm<T: Decodable>(_ type: T.Type) throws -> T { try TypedForm.decode(T.self, from: formText) }
}

enum TypedForm {
    /// A url-encoded form as a typed struct. Fields are optional strings in the structs (a page sends what it
    /// shows; the domain says what is missing, in Swedish); a body that does not decode is refused as
    /// invalid, naming the field, and nothing is changed.
    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch let DecodingError.typeMismatch(_, c), let DecodingError.valueNotFound(_, c), let DecodingError.keyNotFound(_, c),
            let DecodingError.dataCorrupted(c)
        {
            let field = c.codingPath.map(\.stringValue).joined(separator: ".")
            throw DomainError.invalid([FieldError(field: field, message: "Fältet kunde inte läsas. Fyll i formuläret igen.")])
        } catch {
            throw DomainError.invalid([FieldError(field: "", message: "Formuläret kunde inte läsas. Fyll i det igen.")])
        }
    }
}

/// The registration form (`/persons/new`).
struct PersonForm: Decodable {
    var personalIdentityNumber: String?
    var firstName: String?
    var lastName: String?
    var phone: String?
    var email: String?
    var street: String?
    var postalCode: String?
    var city: String?
    var protectedIdentity: String?

    var input: PersonInput {
        PersonInput(
            identityNumber: personalIdentityNumber ?? "", firstName: firstName ?? "", lastName: lastName ?? "", phone: phone ?? "", email: email ?? "",
            street: street ?? "", postalCode: postalCode ?? "", city: city ?? "", protectedIdentity: protectedIdentity != nil)
    }
}

/// Putting a person in a queue.
struct QueueForm: Decodable {
    var intervention: String?
    var priorityReason: String?
}

/// Offering a place: the answer deadline, and the reason when it goes to someone other than the first in line.
struct OfferForm: Decodable {
    var answerBy: String?
    var reason: String?
    var reasonText: String?
}

/// Taking a person out of a queue.
struct WithdrawForm: Decodable {
    var reason: String?
}

/// Starting a participation.
struct StartEpisodeForm: Decodable {
    var entry: String?
    var intervention: String?
    var start: String?
    var plannedEnd: String?
    var subGoal: String?
}

/// Ending a participation.
struct EndEpisodeForm: Decodable {
    var actualEnd: String?
    var outcome: String?
    var interruptionReason: String?
    var version: String?
}

/// A workplace placement in a work-ability testing.
struct PlacementForm: Decodable {
    var workplace: String?
    var tasks: String?
    var support: String?
    var start: String?
    var end: String?
    var hoursPerWeek: String?
    var observations: String?
}

/// The conclusion of a work-ability testing.
struct ConclusionForm: Decodable {
    var abilities: String?
    var adaptations: String?
    var recommendation: String?
    var version: String?
}

/// Renaming a committee, and adding or renaming a unit.
struct CommitteeForm: Decodable {
    var name: String?
}

struct UnitForm: Decodable {
    var id: String?
    var name: String?
    var committeeId: String?
    var kind: String?
}

/// The login form.
struct LoginForm: Decodable {
    var username: String?
    var password: String?
}

/// A form that only carries the version it was read at.
struct VersionForm: Decodable {
    var version: String?
    var expectedVersion: Int { version.flatMap { Int($0) } ?? -1 }
}

/// The fixed fields of the assessment pages' forms; the answers (`q.<id>`, several for check boxes) are read
/// by their questions from `formValues`.
struct AssessmentForm: Decodable {
    var instrument: String?
    var part: String?
    var action: String?
    var area: String?
    var version: String?
    var shown: String?
    var reason: String?

    var expectedVersion: Int? { version.flatMap { Int($0) } }
}

/// A journal note's form: new, a draft's change, or a correction. `action` is the button pressed: `draft`
/// saves a draft, `sign` saves and signs it.
struct JournalNoteForm: Decodable {
    var kind: String?
    var eventDate: String?
    var text: String?
    var version: String?
    var action: String?

    var input: JournalInput { JournalInput(kind: kind ?? "", eventDate: eventDate ?? "", text: text ?? "") }
    var expectedVersion: Int { version.flatMap { Int($0) } ?? -1 }
    var signNow: Bool { action == "sign" }
}
