import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// A stored row Samsyn cannot read is an internal error: the generic page or the structured API error,
/// with the request id and nothing of the row.
@Suite("Unreadable stored rows on pages and the API")
struct CorruptRowWebTests {
    @Test("A corrupt person row gives the generic 500 page and the API's internal error, without its data", arguments: TestDatabase.kinds)
    func corruptPerson(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            _ = try await b.get(client, "/persons/new")
            let created = try await b.post(
                client, "/persons",
                ["personalIdentityNumber": Fixtures.personnummer(1985, 7, 14, serial: 123), "firstName": "Anna", "lastName": "Öberg"])
            let path = try #require(created.location)
            #expect(path.hasPrefix("/persons/"))
            #expect(try await b.get(client, path).status == .ok)

            try await app.db.write { try await $0.raw("UPDATE persons SET identity_number = 'bortvald-97'").run() }

            let page = try await b.get(client, path)
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("Något gick fel"))
            #expect(!page.text.contains("bortvald-97") && !page.text.contains("Öberg") && !page.text.contains("identity_number"))

            let tokenResponse = try await client.execute(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"username":"mottagning","password":"\#(TestApp.password)"}"#))
            let token = try #require(
                (try JSONSerialization.jsonObject(with: Data(String(buffer: tokenResponse.body).utf8)) as? [String: Any])?["token"] as? String)
            let api = try await client.execute(
                uri: "/api/v1/persons/\(path.dropFirst("/persons/".count))", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            #expect(api.status == .internalServerError)
            let error = (try JSONSerialization.jsonObject(with: Data(String(buffer: api.body).utf8)) as? [String: Any])?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "internal")
            #expect(error?["requestId"] as? String != nil)
            #expect(!String(buffer: api.body).contains("bortvald-97"))
        }
    }
}
