import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Intervention catalogue page")
struct InterventionPagesTests {
    @Test("Every unit sees the whole city's catalogue with places and queue lengths", arguments: TestDatabase.kinds)
    func catalogue(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            try await ReferenceCatalogue.load(into: app.db)
            #expect(try await ReferenceCatalogue.load(into: app.db) == false)  // loads once
            for user in ["socialsekreterare", "coach", "analytiker"] {
                var b = Browser()
                _ = try await b.login(client, user)
                let page = try await b.get(client, "/interventions")
                #expect(page.status == .ok, "\(user)")
                #expect(page.text.contains("Arbetsträning med handledare"))
                #expect(page.text.contains("0 av 400 tagna"))
                #expect(page.text.contains("Spånga-Tensta 50"))
                #expect(page.text.contains("Språkpraktik"))  // a district's own intervention, visible to Jobbtorg too
                #expect(page.text.contains(#"href="/interventions""#))
            }
        }
    }
}
