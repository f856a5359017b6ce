import Foundation

/// Drafts, locking and revisions, decided on the response the store read (and locked) in its transaction.
extension AssessmentResponse {
    /// Answers go only into a draft, and only from someone who read its current version.
    public static func checkChangeable(_ r: AssessmentResponse, expectedVersion: Int?) throws {
        guard r.status == .draft else {
            throw DomainError(.conflict, "Delen är slutförd och låst. Välj ”Rätta” för att göra en ny version med en motivering.")
        }
        if let expectedVersion, expectedVersion != r.version {
            throw DomainError(
                .stale, "Någon annan har sparat svar i delen sedan du öppnade den. Dina senaste ändringar sparades inte; ladda om sidan och gör dem igen.")
        }
    }

    /// A revision starts from the completed response that is still the current one.
    public static func checkRevisable(_ original: AssessmentResponse) throws {
        guard original.status == .completed else { throw DomainError(.conflict, "Det finns redan en senare version av delen.") }
    }

    /// The one-open-revision index refused a second revision started at the same moment.
    public static let revisionAlreadyStarted = DomainError(.conflict, "Någon har redan börjat rätta delen; fortsätt i den versionen.")
}
