import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The Hummingbird request's identity and id, handed to the OpenAPI handlers (which see no context).
struct APIScope: Sendable {
    let requestId: String
    let user: StaffUser?

    @TaskLocal static var current: APIScope?

    static func actor() throws -> Actor {
        guard let scope = current, let user = scope.user else { throw DomainError.unauthenticated }
        return Actor(user: user, requestId: scope.requestId, channel: "api")
    }

    static var requestId: String { current?.requestId ?? "-" }
}
