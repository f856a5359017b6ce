import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain
import SamsynStorage

/// The JSON API, generated from `openapi.json`. Handlers map inputs to domain calls and results to outputs;
/// errors are thrown as `DomainError` and turned into the documented JSON error by `APIErrorMiddleware`.
struct APIHandler: APIProtocol {
    let services: AppServices
    /// `GET /api/v1/persons`'s default `limit` (the spec's).
    static let searchLimit = 20

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        let kind: Components.Schemas.Health.DatabasePayload = services.database.kind == .sqlite ? .sqlite : .postgres
        do {
            try await services.database.ping()
            return .ok(.init(body: .json(.init(status: .ok, database: kind))))
        } catch {
            return .serviceUnavailable(.init(body: .json(.init(status: .unavailable, database: kind))))
        }
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        guard case .json(let body) = input.body else { throw DomainError.invalid([]) }
        let issued = try await services.auth.issueToken(username: body.username, password: body.password, requestId: APIScope.requestId)
        return .created(.init(body: .json(.init(token: issued.token, tokenType: .bearer, expiresAt: issued.expiresAt))))
    }

    func searchPersons(_ input: Operations.SearchPersons.Input) async throws -> Operations.SearchPersons.Output {
        let actor = try APIScope.actor()
        let hits = try await services.directory.search(input.query.q, limit: input.query.limit ?? Self.searchLimit, by: actor)
        return .ok(.init(body: .json(.init(items: hits.map(Self.summary)))))
    }

    func createPerson(_ input: Operations.CreatePerson.Input) async throws -> Operations.CreatePerson.Output {
        let actor = try APIScope.actor()
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let person = PersonInput(
            identityNumber: b.personalIdentityNumber, firstName: b.firstName, lastName: b.lastName, phone: b.phone ?? "", email: b.email ?? "",
            street: b.address?.street ?? "", postalCode: b.address?.postalCode ?? "", city: b.address?.city ?? "",
            protectedIdentity: b.protectedIdentity ?? false)
        let view = try await services.directory.register(person, by: actor)
        return .created(.init(body: .json(Self.person(view))))
    }

    func getPerson(_ input: Operations.GetPerson.Input) async throws -> Operations.GetPerson.Output {
        let actor = try APIScope.actor()
        guard let id = UUID(uuidString: input.path.personId) else { throw DomainError.notFound }
        let view = try await services.directory.read(id: id, by: actor)
        return .ok(.init(body: .json(Self.person(view))))
    }

    static func summary(_ s: PersonSummary) -> Components.Schemas.PersonSummary {
        .init(
            id: s.id.uuidString.lowercased(), personalIdentityNumber: s.identityNumber.digits, firstName: s.firstName, lastName: s.lastName,
            protectedIdentity: s.protectedIdentity)
    }

    static func person(_ v: PersonView) -> Components.Schemas.Person {
        let p = v.person
        let c = v.visibleContact
        let address: Components.Schemas.Address? =
            c.flatMap { c in
                (c.street ?? c.postalCode ?? c.city) == nil ? nil : .init(street: c.street, postalCode: c.postalCode, city: c.city)
            }
        return .init(
            id: p.id.uuidString.lowercased(), personalIdentityNumber: p.identityNumber.digits,
            kind: p.identityNumber.kind == .personnummer ? .personnummer : .samordningsnummer, firstName: p.firstName, lastName: p.lastName,
            phone: c?.phone, email: c?.email, address: address, protectedIdentity: p.protectedIdentity, committeeIds: v.files.map(\.committeeId),
            createdAt: p.createdAt)
    }
}
