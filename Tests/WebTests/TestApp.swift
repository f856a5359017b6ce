import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// A test app on a real database, with a clock the test moves and cheap bcrypt.
struct TestApp {
    let services: AppServices
    let clock: ManualClock
    let db: Database
    static let password = "rätt lösenord 123"

    static func run(
        _ kind: TestDatabase, secureCookies: Bool = false, shippedInstruments: Bool = false, accessLog: (@Sendable (Database) -> any AccessLog)? = nil,
        login: LoginConfiguration? = nil, citizenSessions: (any CitizenSessionStarter)? = nil,
        _ body: @Sendable (TestApp, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await kind.with { db, url in
            try await Fixtures.organisation(db)
            let clock = ManualClock(Fixtures.t0)
            let hasher = try await BcryptHasher(cost: 4)
            let hash = try await hasher.hash(password)
            try await Fixtures.user(db, "mottagning", role: .intakeOfficer, unit: "spanga-tensta-mottagning", passwordHash: hash)
            try await Fixtures.user(db, "coach", role: .coach, unit: "jobbtorg-kista", passwordHash: hash)
            try await Fixtures.user(db, "socialsekreterare", role: .socialSecretary, unit: "spanga-tensta-ekonomiskt-bistand", passwordHash: hash)
            try await Fixtures.user(db, "analytiker", role: .analyst, unit: "analys", passwordHash: hash)
            try await Fixtures.user(db, "enhetschef", role: .unitManager, unit: "spanga-tensta-ekonomiskt-bistand", passwordHash: hash)
            var config = AppConfig(host: "127.0.0.1", port: 0, database: url, secureCookies: secureCookies, loadDemoData: false)
            if !shippedInstruments { config.instrumentFiles = TestInstruments.files().map { InstrumentFile(name: $0.name, data: $0.data) } }
            if let login { config.login = login }
            var services = try await AppServices(config: config, database: db, clock: clock, hasher: hasher, accessLog: accessLog?(db))
            if let citizenSessions { services.citizenSessions = citizenSessions }
            let app = try await buildApplication(services: services, logger: TestDatabase.logger)
            let t = TestApp(services: services, clock: clock, db: db)
            try await app.test(.router) { client in try await body(t, client) }
        }
    }
}

/// A browser's cookie jar and the last page's CSRF token.
struct Browser {
    var cookies: [String: String] = [:]
    var csrf: String = ""

    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    mutating func absorb(_ response: TestResponse) {
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count >= 1 else { continue }
            let value = parts.count == 2 ? parts[1] : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = value }
        }
        let body = String(buffer: response.body)
        if let r = body.range(of: #"name="_csrf" value=""#) {
            csrf = String(body[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    mutating func get(_ client: some TestClientProtocol, _ uri: String) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookieHeader], body: nil)
        absorb(response)
        return response
    }

    mutating func post(_ client: some TestClientProtocol, _ uri: String, _ form: [String: String], csrf: String? = nil) async throws -> TestResponse {
        try await post(client, uri, pairs: form.map { ($0.key, $0.value) }, csrf: csrf)
    }

    /// Posts fields in order; a name may repeat (checkboxes).
    mutating func post(_ client: some TestClientProtocol, _ uri: String, pairs: [(String, String)], csrf: String? = nil) async throws -> TestResponse {
        let fields = [("_csrf", csrf ?? self.csrf)] + pairs
        let body = fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: [.cookie: cookieHeader, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    private func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// Logs in through the form, as a person would.
    mutating func login(_ client: some TestClientProtocol, _ username: String, password: String = TestApp.password) async throws -> TestResponse {
        _ = try await get(client, "/login")
        return try await post(client, "/login", ["username": username, "password": password])
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}
