import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@testable import SamsynWeb

/// Forskningsuttag through the pages and the API on both databases: the researcher applies, the administrator
/// decides, the researcher downloads; bad input and the wrong person get a Swedish form error or a 404, nothing released.
@Suite("Research extracts on the pages and the API")
struct ResearchWebTests {
    static func users(_ t: TestApp) async throws {
        let hash = try await t.services.hasher.hash(TestApp.password)
        try await Fixtures.user(t.db, "forskare", role: .researcher, unit: "analys", passwordHash: hash)
        try await Fixtures.user(t.db, "forskare2", role: .researcher, unit: "analys", passwordHash: hash)
        try await Fixtures.user(t.db, "admin", role: .systemAdministrator, unit: "systemforvaltning", passwordHash: hash)
        // Twelve persons with aid in the first quarter of 2026, every third enrolled at Jobbtorg.
        try await t.db.write { sql in
            for i in 0..<12 {
                let id = UUID().uuidString
                let digits = Fixtures.personnummer(1970 + i, 1 + i, 1 + i, serial: 300 + i).replacingOccurrences(of: "-", with: "")
                try await sql.raw(
                    "INSERT INTO persons (id, identity_number, identity_kind, created_at, updated_at, version) VALUES (\(bind: id), \(bind: digits), 'personnummer', 0, 0, 1)"
                ).run()
                for m in ["2026-01", "2026-02", "2026-03"] {
                    try await sql.raw("INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: id), 'spanga-tensta', \(bind: m))").run()
                }
                if i % 3 == 0 {
                    try await sql.raw(
                        """
                        INSERT INTO enrolments (id, person_id, district_committee_id, committee_id, unit_id, enrolled_on, status, version)
                        VALUES (\(bind: UUID().uuidString), \(bind: id), 'spanga-tensta', 'arbetsmarknadsnamnden', 'jobbtorg-kista', '2026-02-02', 'active', 1)
                        """
                    ).run()
                }
            }
        }
    }

    static let form: [(String, String)] = [
        ("title", "Vägar ur försörjningsstöd"), ("approvalNumber", "2026-01234-01"), ("purpose", "Tid till egen försörjning."), ("dataFrom", "2026-01"),
        ("dataTo", "2026-03"), ("endsOn", "2027-06-30"), ("population", "aid"), ("variables", "gender"), ("variables", "aid_months"),
    ]

    func count(_ t: TestApp, _ sql: String) async throws -> Int {
        struct N: Decodable { let n: Int }
        return try await t.db.read { db in try await db.raw(SQLQueryString(sql)).first(decoding: N.self)?.n ?? -1 }
    }

    @Test("Apply on the form, approve, download the three files; refused input is shown again in Swedish and nothing is saved", arguments: TestDatabase.kinds)
    func pages(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { t, client in
            try await Self.users(t)
            var f = Browser()
            _ = try await f.login(client, "forskare")
            #expect(try await f.get(client, "/").text.contains("href=\"/research\""))
            _ = try await f.get(client, "/research/new")
            // No approval number, a variable outside the dictionary, the period backwards.
            var bad = Self.form.filter { $0.0 != "approvalNumber" && $0.0 != "dataTo" }
            bad += [("dataTo", "2025-06"), ("variables", "personnummer")]
            let refused = try await f.post(client, "/research", pairs: bad)
            #expect(refused.status == .unprocessableContent)
            for s in ["Inget lämnas ut utan etikgodkännande", "Periodens sista månad ligger före den första", "lämnas aldrig ut i ett forskningsuttag"] {
                #expect(refused.text.contains(s), "\(s)")
            }
            #expect(refused.text.contains("value=\"Vägar ur försörjningsstöd\""))
            #expect(try await count(t, "SELECT COUNT(*) AS n FROM research_projects") == 0)

            let sent = try await f.post(client, "/research", pairs: Self.form)
            #expect(sent.status == .seeOther)
            let path = try #require(sent.location?.split(separator: "?").first.map(String.init))
            let page = try await f.get(client, path)
            #expect(page.status == .ok && page.text.contains("Ansökt – väntar på beslut") && !page.text.contains("data.csv"))
            // Nothing before approval: refused, logged.
            #expect(try await f.get(client, path + "/data.csv").status == .forbidden)

            var other = Browser()
            _ = try await other.login(client, "forskare2")
            #expect(try await other.get(client, path).status == .notFound)
            #expect(try await other.get(client, path + "/data.csv").status == .notFound)
            #expect(!(try await other.get(client, "/research")).text.contains("Vägar ur försörjningsstöd"))

            var a = Browser()
            _ = try await a.login(client, "admin")
            let list = try await a.get(client, "/research")
            #expect(list.text.contains("Ansökningar att besluta") && list.text.contains("Vägar ur försörjningsstöd"))
            _ = try await a.get(client, path)
            let noReason = try await a.post(client, path + "/decide", ["decision": "refuse", "reason": ""])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("Skriv skälet till avslaget"))
            let approve = try await a.post(client, path + "/decide", ["decision": "approve", "reason": ""])
            #expect(approve.status == .seeOther)
            #expect(try await a.get(client, path + "/data.csv").status == .forbidden)

            let approved = try await f.get(client, path)
            #expect(approved.text.contains("Godkänt – uttag kan hämtas") && approved.text.contains(path + "/data.csv"))
            let data = try await f.get(client, path + "/data.csv")
            #expect(data.status == .ok && data.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(data.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(data.text.hasPrefix("pseudonym,gender,aid_months\r\n"))
            let manifest = try await f.get(client, path + "/manifest.json")
            let m = try JSONDecoder().decode(ResearchExtract.Manifest.self, from: Data(manifest.text.utf8))
            #expect(m.files.first { $0.name == "data.csv" }?.sha256 == FileChecksum.sha256(Array(data.text.utf8)))
            #expect(try await f.get(client, path + "/codebook.csv").text.contains("Månader med försörjningsstöd"))
            let downloads = try await t.services.accessLog.recent(committeeId: nil, limit: 500).filter { $0.entry.action == AuditAction.researchExtractDownload.rawValue }
            #expect(downloads.filter { $0.entry.outcome == .allowed }.count == 3 && downloads.filter { $0.entry.outcome == .denied }.count == 3)
        }
    }

    @Test("The API: list, apply, decide, download, under the same rules, with structured errors", arguments: TestDatabase.kinds)
    func api(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { t, client in
            try await Self.users(t)
            let api = APITests()
            let researcher = try await api.token(client, "forskare"), admin = try await api.token(client, "admin"), other = try await api.token(client, "forskare2")
            let body =
                #"{"title":"Jobbtorg 2026","approvalNumber":"Dnr 2026-04321-01","purpose":"Studie.","periodFrom":"2026-01","periodTo":"2026-03","endsOn":"2027-01-31","population":"jobbtorg","variables":["gender","jobbtorg_enrolment_month"]}"#
            let (bad, badJSON) = try await api.call(
                client, .post, "/api/v1/research/projects", token: researcher, body: body.replacingOccurrences(of: #""gender""#, with: #""first_name""#))
            #expect(bad.status == .unprocessableContent && api.fields(badJSON) == ["variables"])
            let (r, p) = try await api.call(client, .post, "/api/v1/research/projects", token: researcher, body: body)
            #expect(r.status == .created && p["status"] as? String == "applied" && p["approvalNumber"] as? String == "2026-04321-01")
            let id = try #require(p["id"] as? String)
            #expect(try await api.call(client, .post, "/api/v1/research/projects", token: admin, body: body).0.status == .forbidden)
            #expect(try await api.call(client, .get, "/api/v1/research/projects/\(id)/files/data.csv", token: researcher).0.status == .forbidden)
            #expect(try await api.call(client, .get, "/api/v1/research/projects/\(id)", token: other).0.status == .notFound)
            let (selfDecide, _) = try await api.call(client, .post, "/api/v1/research/projects/\(id)/decision", token: researcher, body: #"{"decision":"approve"}"#)
            #expect(selfDecide.status == .forbidden)
            let (decided, d) = try await api.call(client, .post, "/api/v1/research/projects/\(id)/decision", token: admin, body: #"{"decision":"approve"}"#)
            #expect(decided.status == .ok && d["status"] as? String == "approved" && d["canDecide"] as? Bool == false)
            let (again, againJSON) = try await api.call(client, .post, "/api/v1/research/projects/\(id)/decision", token: admin, body: #"{"decision":"refuse","reason":"x"}"#)
            #expect(again.status == .conflict && api.errorCode(againJSON) != nil)
            let (list, l) = try await api.call(client, .get, "/api/v1/research/projects", token: researcher)
            #expect(list.status == .ok && (l["items"] as? [[String: Any]])?.first?["canDownload"] as? Bool == true)
            let (csv, _) = try await api.call(client, .get, "/api/v1/research/projects/\(id)/files/data.csv", token: researcher)
            #expect(csv.status == .ok && csv.text.hasPrefix("pseudonym,gender,jobbtorg_enrolment_month\r\n"))
            let (mr, manifest) = try await api.call(client, .get, "/api/v1/research/projects/\(id)/manifest", token: researcher)
            #expect(mr.status == .ok && manifest["approvalNumber"] as? String == "2026-04321-01")
            let files = try #require(manifest["files"] as? [[String: Any]])
            #expect(files.first { $0["name"] as? String == "data.csv" }?["sha256"] as? String == FileChecksum.sha256(Array(csv.text.utf8)))
            #expect(try await api.call(client, .get, "/api/v1/research/projects/\(id)/files/data.csv", token: other).0.status == .notFound)
            #expect(try await api.call(client, .get, "/api/v1/research/projects/not-a-uuid", token: researcher).0.status == .notFound)
        }
    }
}
