import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// No request can stop the process: counts, pages and dates out of range are refused with the structured
/// error (422 with the field), change nothing, and Samsyn still answers afterwards.
@Suite("Robustness: bad counts, pages and dates")
struct RobustnessTests {
    let api = APITests()

    @Test("A search with limit=-1, 0 or 101 is a 422 on limit and logs nothing; a good limit caps the hits", arguments: TestDatabase.kinds)
    func searchLimit(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let t = try await api.token(client)
            for n in [APITests.number, Fixtures.personnummer(1990, 1, 2, serial: 234)] {
                let body = #"{"personalIdentityNumber":"\#(n)","firstName":"Anna","lastName":"Andersson"}"#
                #expect(try await api.call(client, .post, "/api/v1/persons", token: t, body: body).0.status == .created)
            }
            let before = try await app.services.accessLog.verify().rowsChecked
            for limit in ["-1", "0", "101", "-9223372036854775808"] {
                let (r, json) = try await api.call(client, .get, "/api/v1/persons?q=andersson&limit=\(limit)", token: t)
                #expect(r.status == .unprocessableContent, "limit=\(limit)")
                #expect(api.errorCode(json) == "invalid_fields")
                #expect(api.fields(json) == ["limit"])
                #expect((json["error"] as? [String: Any])?["requestId"] as? String != nil)
            }
            #expect(try await app.services.accessLog.verify().rowsChecked == before)
            let (one, hits) = try await api.call(client, .get, "/api/v1/persons?q=andersson&limit=1", token: t)
            #expect(one.status == .ok)
            #expect((hits["items"] as? [[String: Any]])?.count == 1)
            // Only the hit returned is logged as seen.
            #expect(try await app.services.accessLog.verify().rowsChecked == before + 1)
            #expect(try await api.call(client, .get, "/health", token: nil).0.status == .ok)
        }
    }

    @Test("Queue and task pages out of range are a 422 on page or pageSize", arguments: TestDatabase.kinds)
    func pages(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            try await EpisodePagesTests.catalogue(app)
            let t = try await api.token(client, "coach")
            for (query, field) in [
                ("page=0", "page"), ("page=-1", "page"), ("page=100001", "page"), ("page=9223372036854775807", "page"), ("pageSize=0", "pageSize"),
                ("pageSize=201", "pageSize"), ("pageSize=-5", "pageSize"),
            ] {
                let (r, json) = try await api.call(client, .get, "/api/v1/interventions/en-plats/queue?\(query)", token: t)
                #expect(r.status == .unprocessableContent, "\(query)")
                #expect(api.fields(json) == [field], "\(query)")
            }
            #expect(try await api.call(client, .get, "/api/v1/interventions/en-plats/queue?page=2&pageSize=200", token: t).0.status == .ok)
            let coach = t
            for page in ["0", "-3", "9223372036854775807"] {
                let (r, json) = try await api.call(client, .get, "/api/v1/tasks?page=\(page)", token: coach)
                #expect(r.status == .unprocessableContent, "page=\(page)")
                #expect(api.fields(json) == ["page"])
            }
            #expect(try await api.call(client, .get, "/api/v1/tasks?page=3", token: coach).0.status == .ok)
        }
    }

    @Test("The task page with a huge page number is a 422 page, not a crash", arguments: TestDatabase.kinds)
    func taskPage(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            var b = Browser()
            _ = try await b.login(client, "coach")
            let r = try await b.get(client, "/tasks?page=9223372036854775807")
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains("Sidnumret"))
            #expect(try await b.get(client, "/tasks?page=2").status == .ok)
            #expect(try await b.get(client, "/interventions/en-plats/queue?page=9223372036854775807").status != .internalServerError)
        }
    }

    @Test("The calendar answers at the end of the accepted range instead of trapping", arguments: TestDatabase.kinds)
    func calendarEdge(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            for date in ["2100-12-31", "2100-12-24", "1900-01-01"] {
                let (r, json) = try await api.call(client, .get, "/api/v1/calendar/\(date)", token: nil)
                #expect(r.status == .ok, "\(date)")
                #expect(json["date"] as? String == date)
            }
            #expect(try await api.call(client, .get, "/api/v1/calendar/2100-12-31", token: nil).1["nextWorkingDay"] as? String == "2101-01-03")
            #expect(try await api.call(client, .get, "/api/v1/calendar/2101-01-01", token: nil).0.status == .unprocessableContent)
        }
    }
}
