import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP the relying party needs from a provider: reading discovery and the key set, and posting to the token
/// endpoint. One small seam, so tests run a real provider inside the test process.
public protocol OIDCTransport: Sendable {
    func get(_ url: String) async throws -> (status: Int, body: Data)
    func postForm(_ url: String, fields: [(String, String)], basicAuth: (user: String, password: String)?) async throws -> (status: Int, body: Data)
}

/// The transport over async-http-client: 10 s timeout, answers of at most 1 MiB.
public struct HTTPClientTransport: OIDCTransport {
    let client: HTTPClient
    public init(client: HTTPClient = .shared) { self.client = client }

    public func get(_ url: String) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json")
        return try await run(request)
    }

    public func postForm(_ url: String, fields: [(String, String)], basicAuth: (user: String, password: String)?) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        if let basicAuth {
            // RFC 6749 2.3.1: each part form-encoded before base64.
            let pair = "\(FormEncoding.encode(basicAuth.user)):\(FormEncoding.encode(basicAuth.password))"
            request.headers.add(name: "Authorization", value: "Basic " + Data(pair.utf8).base64EncodedString())
        }
        request.body = .bytes(ByteBuffer(string: FormEncoding.body(fields)))
        return try await run(request)
    }

    private func run(_ request: HTTPClientRequest) async throws -> (status: Int, body: Data) {
        var request = request
        // A sign-in makes two or three requests to a provider: no connection is kept open between sign-ins (nor left
        // idle when a provider, such as the tests' one, shuts down).
        request.headers.replaceOrAdd(name: "Connection", value: "close")
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(body.readableBytesView))
    }
}

enum FormEncoding {
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    static func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
    static func body(_ fields: [(String, String)]) -> String { fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&") }
}
