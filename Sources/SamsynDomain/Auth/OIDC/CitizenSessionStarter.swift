import Foundation

/// Starts the session of a person signed in with e-legitimation, keyed on the personnummer or samordningsnummer
/// from the verified ID token (never on `sub` or a name). `Authenticator.startCitizenSession` is the
/// implementation; it throws `DomainError` of kind `.notFound`, with a kind Swedish message, when Samsyn has no
/// file on the person.
public protocol CitizenSessionStarter: Sendable {
    func startCitizenSession(identityNumber: PersonalIdentityNumber, method: String, requestId: String) async throws -> Authenticator.NewSession
}

extension Authenticator: CitizenSessionStarter {}
