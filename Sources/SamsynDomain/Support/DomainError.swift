/// An error a domain rule raises. The web layer maps it to HTTP in one place; the domain never knows HTTP.
public struct DomainError: Error, Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// Input broke a rule; `fields` says which field and why (Swedish, for the person at the form).
        case invalid
        /// Nothing there that the caller may see (also used for denied reads, so existence is not revealed).
        case notFound
        /// The thing already exists, or the change breaks the record's state (a second closure).
        case conflict
        /// The update named a version that is no longer the current one: someone else changed it first.
        case stale
        /// The caller's role may not do this.
        case forbidden
        /// Not authenticated, or the credentials were wrong.
        case unauthenticated
        /// Too many failed attempts; try later.
        case throttled
        /// A dependency the rule needs (the access log, the database) failed; nothing was returned or changed.
        case unavailable
    }

    public let kind: Kind
    public let message: String
    /// Field name → Swedish message, in the order the form shows them.
    public let fields: [FieldError]

    public init(_ kind: Kind, _ message: String, fields: [FieldError] = []) {
        self.kind = kind
        self.message = message
        self.fields = fields
    }

    public static func invalid(_ fields: [FieldError]) -> DomainError {
        DomainError(.invalid, "Uppgifterna innehåller fel.", fields: fields)
    }
    public static let notFound = DomainError(.notFound, "Det finns inget att visa här.")
    public static let forbidden = DomainError(.forbidden, "Din roll har inte behörighet till detta.")
    public static let unauthenticated = DomainError(.unauthenticated, "Du behöver logga in.")
    public static let stale = DomainError(.stale, "Någon annan har ändrat uppgifterna medan du arbetade. Läs in sidan igen och gör ändringen på nytt.")
}

public struct FieldError: Equatable, Sendable, Codable {
    public let field: String
    public let message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
