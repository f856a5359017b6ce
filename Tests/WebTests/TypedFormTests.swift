import Foundation
import HTTPTypes
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@testable import SamsynWeb

@Suite("Typed forms")
struct TypedFormTests {
    @Test("A form field in a shape the page never sends is refused with 422 and a Swedish message; nothing is saved", arguments: TestDatabase.kinds)
    func malformedField(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var b = Browser()
            _ = try await b.login(client, "mottagning")
            _ = try await b.get(client, "/persons/new")
            let number = Fixtures.personnummer(1985, 7, 14, serial: 123)
            let bad = try await b.post(client, "/persons", pairs: [("personalIdentityNumber", number), ("firstName[x]", "Anna"), ("lastName", "Öberg")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("kunde inte läsas"))
            #expect(try await app.services.persons.count() == 0)
            // The same form as the page sends it goes through.
            let good = try await b.post(client, "/persons", pairs: [("personalIdentityNumber", number), ("firstName", "Anna"), ("lastName", "Öberg")])
            #expect(good.status == .seeOther)
        }
    }

    @Test("Typed forms decode what the pages send, with missing fields as nil")
    func decoding() throws {
        let f = try TypedForm.decode(PersonForm.self, from: "_csrf=x&personalIdentityNumber=19850714-1237&firstName=%C3%85sa&protectedIdentity=on")
        #expect(f.input.identityNumber == "19850714-1237" && f.input.firstName == "Åsa" && f.input.lastName == "" && f.input.protectedIdentity)
        let end = try TypedForm.decode(EndEpisodeForm.self, from: "version=3&outcome=completed")
        #expect(end.version == "3" && end.actualEnd == nil)
    }
}

