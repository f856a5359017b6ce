import Crypto
import CryptoExtras
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import NIOCore
import SamsynDomain
import SamsynWeb

/// A claim value in a test token.
enum ClaimValue: Sendable, Encodable {
    case string(String)
    case number(Double)
    case strings([String])
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        case .strings(let l): try c.encode(l)
        }
    }
}

/// The payload the fake provider signs: any claims, by name.
struct TestClaims: JWTPayload {
    var values: [String: ClaimValue]
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    init(_ values: [String: ClaimValue]) { self.values = values }
    init(from decoder: any Decoder) throws { values = [:] }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in values { try c.encode(v, forKey: Key(stringValue: k)) }
    }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Signing keys made once per test process (RSA key generation is slow in a debug build).
enum TestKeys {
    static let rsaA = try! JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    static let rsaB = try! JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    /// Never published: a token signed with it under a published `kid` has a bad signature.
    static let rsaRogue = try! JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    static let ec = ES256PrivateKey()

    static func jwk(rsa key: JWTKit.Insecure.RSA.PrivateKey, kid: String) -> JWK {
        let (n, e) = try! key.publicKey.getKeyPrimitives()
        return JWK.rsa(nil, identifier: JWKIdentifier(string: kid), modulus: b64(n), exponent: b64(e))
    }
    static func jwk(ec key: ES256PrivateKey, kid: String) -> JWK {
        let p = key.publicKey.parameters!
        return JWK.ecdsa(nil, identifier: JWKIdentifier(string: kid), x: p.x, y: p.y, curve: .p256)
    }
    static func b64(_ d: Data) -> String {
        d.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

/// An OpenID Connect provider inside the test process, on loopback: discovery, the key set and the token endpoint
/// over real HTTP; the authorization step (the person at the provider) is `authorize`, called by the test.
final class FakeProvider: @unchecked Sendable {
    struct Grant {
        let challenge: String
        let nonce: String
        let redirectURI: String
        var used = false
    }

    private let lock = NSLock()
    private(set) var issuer = ""
    let clientId = "samsyn-test"
    let clientSecret = "test-secret"
    let clock: any SamsynDomain.Clock
    private var published: [JWK]
    private var grants: [String: Grant] = [:]
    private var fetches = 0
    /// The ID token for a grant; by default a good one signed RS256 with key `rsa-a`.
    private var mint: (@Sendable (FakeProvider, String) async throws -> String)?

    init(clock: any SamsynDomain.Clock) {
        self.clock = clock
        published = [TestKeys.jwk(rsa: TestKeys.rsaA, kid: "rsa-a"), TestKeys.jwk(ec: TestKeys.ec, kid: "ec-1")]
    }

    var jwksFetches: Int { lock.withLock { fetches } }
    func publish(_ keys: [JWK]) { lock.withLock { published = keys } }
    func setMint(_ f: (@Sendable (FakeProvider, String) async throws -> String)?) { lock.withLock { mint = f } }

    /// The claims of a good token for this nonce (times from Samsyn's clock).
    func claims(nonce: String, extra: [String: ClaimValue] = [:]) -> [String: ClaimValue] {
        let now = clock.now().timeIntervalSince1970
        var c: [String: ClaimValue] = [
            "iss": .string(issuer), "aud": .strings([clientId]), "sub": .string("staff-sub-1"), "exp": .number(now + 300), "iat": .number(now),
            "auth_time": .number(now - 5), "nonce": .string(nonce), "acr": .string(OIDCProviderSettings.loa3),
            OIDCProviderSettings.defaultPersonNumberClaim: .string("199001012385"),
        ]
        for (k, v) in extra { c[k] = v }
        return c
    }

    func sign(_ claims: [String: ClaimValue], rsa key: JWTKit.Insecure.RSA.PrivateKey = TestKeys.rsaA, kid: String? = "rsa-a") async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: .sha256, kid: kid.map { JWKIdentifier(string: $0) })
        return try await keys.sign(TestClaims(claims), kid: kid.map { JWKIdentifier(string: $0) })
    }

    func sign(_ claims: [String: ClaimValue], ec kid: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: TestKeys.ec, kid: JWKIdentifier(string: kid))
        return try await keys.sign(TestClaims(claims), kid: JWKIdentifier(string: kid))
    }

    /// The person consents at the provider: a code for the authorization request Samsyn redirected to.
    /// Returns the callback's query (code and state).
    func authorize(_ url: String) throws -> (code: String, state: String, nonce: String) {
        let q = Dictionary(uniqueKeysWithValues: (URLComponents(string: url)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        guard q["response_type"] == "code", q["client_id"] == clientId, q["code_challenge_method"] == "S256", let challenge = q["code_challenge"],
            let state = q["state"], let nonce = q["nonce"], let redirect = q["redirect_uri"]
        else { throw HTTPError(.badRequest) }
        let code = UUID().uuidString
        lock.withLock { grants[code] = Grant(challenge: challenge, nonce: nonce, redirectURI: redirect) }
        return (code, state, nonce)
    }

    /// Serves the provider until `body` returns.
    func run(_ body: @Sendable (FakeProvider) async throws -> Void) async throws {
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ -> Response in
            let i = self.issuer
            return Self.json([
                "issuer": i, "authorization_endpoint": i + "/authorize", "token_endpoint": i + "/token", "jwks_uri": i + "/jwks",
                "end_session_endpoint": i + "/logout",
            ])
        }
        router.get("/jwks") { _, _ -> Response in
            let keys = self.lock.withLock { self.fetches += 1; return self.published }
            let data = try JSONEncoder().encode(["keys": keys])
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/token") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 65536))
            var f: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
                if kv.count == 2 { f[kv[0]] = kv[1] }
            }
            let auth = request.headers[.authorization] ?? ""
            let expected = "Basic " + Data("\(self.clientId):\(self.clientSecret)".utf8).base64EncodedString()
            guard auth == expected else { return Self.json(["error": "invalid_client"], status: .unauthorized) }
            guard f["grant_type"] == "authorization_code", let code = f["code"], let verifier = f["code_verifier"] else {
                return Self.json(["error": "invalid_request"], status: .badRequest)
            }
            // A code works once, with the PKCE verifier of its challenge and the same redirect URI.
            let grant: Grant? = self.lock.withLock {
                guard var g = self.grants[code], !g.used else { return nil }
                g.used = true
                self.grants[code] = g
                return g
            }
            guard let grant, grant.redirectURI == f["redirect_uri"], OIDCRelyingParty.codeChallenge(verifier) == grant.challenge else {
                return Self.json(["error": "invalid_grant"], status: .badRequest)
            }
            let mint = self.lock.withLock { self.mint }
            let token: String
            if let mint { token = try await mint(self, grant.nonce) } else { token = try await self.sign(self.claims(nonce: grant.nonce)) }
            return Self.json(["id_token": token, "token_type": "Bearer", "access_token": "opaque"])
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            self.lock.withLock { self.issuer = "http://127.0.0.1:\(client.port!)" }
            try await body(self)
        }
    }

    static func json(_ value: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        let data = try! JSONEncoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
