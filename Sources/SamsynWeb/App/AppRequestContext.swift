import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// The per-request context: the request id, and the logged-in user and session when there is one.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let requestId: String
    public var user: StaffUser?
    public var session: SessionRecord?
    public var sessionToken: String?
    /// Parsed url-encoded form fields of a POST (collected once, by the CSRF check).
    public var form: [String: String] = [:]
    /// All values of each form field, for fields sent more than once (checkboxes).
    public var formValues: [String: [String]] = [:]
    /// The url-encoded body of a POST, for decoding into a typed form (`decodeForm`).
    public var formText: String = ""
    /// The peer's IP address on the connection (the proxy's, behind one: see `LoginConfiguration.trustProxy`).
    public var peerAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        var rng = SystemRandomNumberGenerator()
        self.requestId = Hex.encode(withUnsafeBytes(of: (rng.next() as UInt64).bigEndian) { Array($0) })
        self.logger[metadataKey: "request_id"] = .string(requestId)
        self.peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The acting user for the domain, or `unauthenticated`.
    func actor(channel: String = "page") throws -> Actor {
        guard let user else { throw DomainError.unauthenticated }
        return Actor(user: user, requestId: requestId, channel: channel)
    }
}
