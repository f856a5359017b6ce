import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@testable import SamsynWeb

@Suite("Effekt av insatser: the page, its exports and the API on both databases")
struct EffectWebTests {
    @Test("The page on the hand-counted fixture says too few and shows no estimate; bad input 422 in Swedish; the CSV carries the page; a coach is refused", arguments: TestDatabase.kinds)
    func page(kind db: TestDatabase) async throws {
        try await TestApp.run(db) { t, client in
            try await EffectFixture.load(t.db)
            t.clock.advance(by: EffectFixture.asOf.timeIntervalSince(Fixtures.t0))
            var b = Browser()
            _ = try await b.login(client, "analytiker")
            let empty = try await b.get(client, "/effect")
            #expect(empty.status == .ok && empty.text.contains("Jobbsökarcoachning i grupp") && !empty.text.contains("id=\"rapport\""))
            let q = "intervention=jobbtorg-jobbsokarcoachning&from=2026-03&to=2026-04&method=matching"
            let r = try await b.get(client, "/effect?" + q)
            #expect(r.status == .ok)
            #expect(r.text.contains("Jobbsökarcoachning i grupp – starter mars 2026–april 2026"))
            #expect(r.text.contains("här finns &lt;5 deltagare och 6 i jämförelsegruppen. Ingen skattning visas."))
            #expect(!r.text.contains("role=\"img\"") && r.text.contains("/effect/export.csv?" + q.replacingOccurrences(of: "&", with: "&amp;")))
            let bad = try await b.get(client, "/effect?intervention=jobbtorg-jobbsokarcoachning&from=2026-05&to=2026-03")
            #expect(bad.status == .unprocessableContent && bad.text.contains("Perioden slutar (2026-03) innan den börjar (2026-05)."))
            let unknown = try await b.get(client, "/effect?intervention=nope&from=2026-03&to=2026-04")
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("Insatsen ”nope” finns inte i katalogen."))
            let csv = try await b.get(client, "/effect/export.csv?" + q)
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"effekt-jobbtorg-jobbsokarcoachning-2026-03-2026-04.csv\"")
            let rows = CSVReader.rows(csv.text)
            #expect(rows.first == ["Effekt av insatser", "Jobbsökarcoachning i grupp – starter mars 2026–april 2026"])
            #expect(rows.contains(["Deltagare som började under perioden", "<5"]) && rows.contains(["Möjliga jämförelsepersoner (person och månad)", "6"]))
            let xlsx = try await b.get(client, "/effect/export.xlsx?" + q)
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            // The page and the two exports read the facts: three rows; the refused requests none.
            let logged = try await t.services.accessLog.recent(committeeId: nil, limit: 500).filter { $0.entry.auditAction == .effectReportRead }
            #expect(logged.count == 3)
            var c = Browser()
            _ = try await c.login(client, "coach")
            #expect(try await c.get(client, "/effect").status == .forbidden)
            #expect(try await c.get(client, "/effect/export.csv?" + q).status == .forbidden)
        }
    }

    @Test("The API: too few with small counts left out; bad input structured; a coach refused", arguments: TestDatabase.kinds)
    func api(kind db: TestDatabase) async throws {
        try await TestApp.run(db) { t, client in
            try await EffectFixture.load(t.db)
            t.clock.advance(by: EffectFixture.asOf.timeIntervalSince(Fixtures.t0))
            let api = APITests()
            let token = try await api.token(client, "analytiker")
            let (r, json) = try await api.call(
                client, .get, "/api/v1/statistics/effect?intervention=jobbtorg-jobbsokarcoachning&from=2026-03&to=2026-04&method=weighting", token: token)
            #expect(r.status == .ok)
            #expect(json["status"] as? String == "too_few" && json["method"] as? String == "weighting" && json["name"] as? String == "Jobbsökarcoachning i grupp")
            #expect(json["participants"] == nil && json["candidates"] as? Int == 6 && json["minimumGroupSize"] as? Int == 30)
            #expect((json["balance"] as? [Any])?.isEmpty == true && (json["outcomes"] as? [Any])?.isEmpty == true)
            #expect((json["explanation"] as? [String])?.first?.hasPrefix("Det här är en jämförelse, inte ett experiment.") == true)
            let (bad, err) = try await api.call(client, .get, "/api/v1/statistics/effect?intervention=nope&from=2026-05&to=2026-03", token: token)
            #expect(bad.status == .unprocessableContent)
            let fields = ((err["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(Set(fields) == ["intervention", "to"])
            let coach = try await api.token(client, "coach")
            #expect(try await api.call(client, .get, "/api/v1/statistics/effect?intervention=jobbtorg-jobbsokarcoachning", token: coach).0.status == .forbidden)
        }
    }
}
