import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

@testable import SamsynWeb

/// Reads the Swedish-Excel CSV back: BOM, `;`, quoted text, decimal commas.
enum CSVReader {
    static func rows(_ text: String) -> [[String]] {
        var s = Substring(text)
        if s.first == "\u{FEFF}" { s = s.dropFirst() }
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    let n = s.index(after: i)
                    if n < s.endIndex && s[n] == "\"" { field.append("\""); i = n } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == ";" { row.append(field); field = "" } else if c == "\r\n" || c == "\n" || c == "\r" {
                row.append(field); field = ""; rows.append(row); row = []
            } else { field.append(c) }
            i = s.index(after: i)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// An attacker with only the export: for every indicator it writes down what adds up (the period's total is the sum of
/// the groups; for counts of events also the sum of its months, and so is the previous period's), what "<5" says
/// (1–4) and that "–" is 0 or more, and enumerates every set of hidden counts that fits. A hidden count is recovered
/// when only one value fits.
enum RecoveryAttack {
    struct Cell { let key: String; let known: Int?; let low: Int; let high: Int }

    static func cell(_ key: String, _ text: String, cap: Int) -> Cell {
        if let n = Int(text) { return Cell(key: key, known: n, low: n, high: n) }
        if text.hasPrefix("<"), let k = Int(text.dropFirst()) { return Cell(key: key, known: nil, low: 1, high: k - 1) }
        return Cell(key: key, known: nil, low: 0, high: cap)
    }

    /// Each hidden cell's feasible values under the sums (indexes into `cells`).
    static func feasible(_ cells: [Cell], sums: [(total: Int, parts: [Int])]) -> [String: Set<Int>] {
        // A hidden count in no sum can be anything its bounds allow; the others are enumerated.
        let inSums = Set(sums.flatMap { [$0.total] + $0.parts })
        var out: [String: Set<Int>] = [:]
        for i in cells.indices where cells[i].known == nil && !inSums.contains(i) { out[cells[i].key] = Set(cells[i].low...cells[i].high) }
        let hidden = cells.indices.filter { cells[$0].known == nil && inSums.contains($0) }
        var value = cells.map { $0.known ?? 0 }
        var steps = 0
        func consistent(assigned: Set<Int>) -> Bool {
            for s in sums {
                let all = [s.total] + s.parts
                let open = all.filter { cells[$0].known == nil && !assigned.contains($0) }
                let partSum = s.parts.filter { !open.contains($0) }.reduce(0) { $0 + value[$1] }
                if open.isEmpty {
                    if value[s.total] != partSum { return false }
                } else if !open.contains(s.total) {
                    // The open parts can add between their lows and highs.
                    let lo = open.reduce(0) { $0 + cells[$1].low }, hi = open.reduce(0) { $0 + cells[$1].high }
                    if value[s.total] - partSum < lo || value[s.total] - partSum > hi { return false }
                }
            }
            return true
        }
        func search(_ i: Int, _ assigned: Set<Int>) {
            steps += 1
            guard steps < 2_000_000 else { return }
            if i == hidden.count {
                for h in hidden { out[cells[h].key, default: []].insert(value[h]) }
                return
            }
            let h = hidden[i]
            for v in cells[h].low...cells[h].high {
                value[h] = v
                var a = assigned
                a.insert(h)
                if consistent(assigned: a) { search(i + 1, a) }
            }
        }
        search(0, [])
        return out
    }
}

@Suite("Uppföljning: the page, its exports and the Kolada API on both databases")
struct FollowUpWebTests {
    @Test("The page shows every indicator with its chart and table; bad input is refused in Swedish; the exports carry the same figures and do not give a hidden count away", arguments: TestDatabase.kinds)
    func page(kind db: TestDatabase) async throws {
        try await TestApp.run(db) { t, client in
            try await MeasurementFixture.load(t.db)
            t.clock.advance(by: MeasurementFixture.asOf.timeIntervalSince(Fixtures.t0))
            var b = Browser()
            _ = try await b.login(client, "analytiker")
            let home = try await b.get(client, "/")
            #expect(home.text.contains("href=\"/follow-up\""))
            let r = try await b.get(client, "/follow-up?period=2026-K1&breakdown=gender")
            #expect(r.status == .ok)
            let html = r.text
            for s in ["Avslutade vid Jobbtorg", "Utan försörjningsstöd sex månader efter avslut", "role=\"img\"", "id=\"def-ind-jobbtorg-closed\"", "Kvinnor", "&lt;5"] {
                #expect(html.contains(s), "\(s)")
            }
            // Bad input: 422 with the Swedish message at the field, nothing shown.
            for (q, message) in [
                ("period=2026-13", "Månaden ”2026-13” finns inte"), ("period=range&from=2026-03-01&to=2026-02-01", "slutar"),
                ("period=2026&breakdown=hair_colour", "Välj en indelning i listan."), ("period=2026&area=atlantis", "”atlantis” är inte en stadsdelsnämnd."),
            ] {
                let bad = try await b.get(client, "/follow-up?" + q)
                #expect(bad.status == .unprocessableContent && bad.text.contains(message) && !bad.text.contains("role=\"img\""), "\(q)")
            }
            // A district manager may not choose another district.
            var m = Browser()
            _ = try await m.login(client, "enhetschef")
            let other = try await m.get(client, "/follow-up?period=2026&area=rinkeby-kista")
            #expect(other.status == .unprocessableContent && other.text.contains("inte Rinkeby-Kista"))
            let otherCSV = try await m.get(client, "/follow-up/export.csv?period=2026&area=rinkeby-kista")
            #expect(otherCSV.status == .unprocessableContent)
            // A coach has no follow-up.
            var c = Browser()
            _ = try await c.login(client, "coach")
            #expect(try await c.get(client, "/follow-up").status == .forbidden)

            // The CSV: the same figures as the page, and an attacker cannot recover a hidden count from it.
            let csv = try await b.get(client, "/follow-up/export.csv?period=2026-K1&breakdown=gender")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let rows = CSVReader.rows(csv.text)
            #expect(rows.first == FollowUpExport.headers)
            let closed = rows.filter { $0.count > 5 && $0[1] == "jobbtorg.closed" }
            #expect(closed.first { $0[2] == "Perioden" }?[5] == "6")
            #expect(closed.filter { $0[2] == "Kön" }.map { $0[5] } == ["<5", "<5"])
            let xlsx = try await b.get(client, "/follow-up/export.xlsx?period=2026-K1&breakdown=gender")
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])

            var hiddenSeen = 0
            for id in Set(rows.dropFirst().map { $0[1] }) {
                let mine = rows.filter { $0[1] == id }
                let additive = id.hasPrefix("jobbtorg.") || id == "district.returned_from_jobbtorg"
                for column in [6, 7] {
                    // Antal, Underlag (empty for a count: then the value column).
                    let col = mine.allSatisfy { $0[7].isEmpty } ? (column == 6 ? 5 : -1) : column
                    guard col >= 0 else { continue }
                    var cells: [RecoveryAttack.Cell] = []
                    let cap = 60
                    for (i, row) in mine.enumerated() { cells.append(RecoveryAttack.cell("\(id) \(row[2]) \(row[3]) \(row[4]) col\(col) #\(i)", row[col], cap: cap)) }
                    var sums: [(total: Int, parts: [Int])] = []
                    let period = mine.firstIndex { $0[2] == "Perioden" }!, previous = mine.firstIndex { $0[2] == "Föregående period" }!
                    let groups = mine.indices.filter { mine[$0][2] == "Kön" }
                    if !groups.isEmpty { sums.append((period, groups)) }
                    if additive {
                        let q1 = mine.indices.filter { mine[$0][2] == "Månad" && ["2026-01", "2026-02", "2026-03"].contains(mine[$0][3]) }
                        let q4 = mine.indices.filter { mine[$0][2] == "Månad" && ["2025-10", "2025-11", "2025-12"].contains(mine[$0][3]) }
                        sums.append((period, q1))
                        sums.append((previous, q4))
                    }
                    let hidden = cells.filter { $0.known == nil }
                    hiddenSeen += hidden.count
                    guard !hidden.isEmpty, hidden.count <= 12 else { continue }
                    let fits = RecoveryAttack.feasible(cells, sums: sums)
                    for h in hidden {
                        #expect((fits[h.key]?.count ?? 0) >= 2, "recovered \(h.key) = \(fits[h.key].map { Array($0) } ?? [])")
                    }
                }
            }
            #expect(hiddenSeen > 0)
        }
    }

    @Test("The Kolada JSON: the shape, the city as 0180 and each district, a withheld value null with a status; bad input structured", arguments: TestDatabase.kinds)
    func kolada(kind db: TestDatabase) async throws {
        try await TestApp.run(db) { t, client in
            try await MeasurementFixture.load(t.db)
            t.clock.advance(by: MeasurementFixture.asOf.timeIntervalSince(Fixtures.t0))
            let api = APITests()
            let token = try await api.token(client, "analytiker")
            let (r, json) = try await api.call(client, .get, "/api/v1/statistics/kolada?year=2026&kpi=jobbtorg.closed,district.adults_with_aid", token: token)
            #expect(r.status == .ok)
            let values = try #require(json["values"] as? [[String: Any]])
            #expect(json["count"] as? Int == values.count && values.count == 2 * 14)
            let city = try #require(values.first { $0["kpi"] as? String == "jobbtorg.closed" && $0["municipality"] as? String == "0180" })
            #expect(city["period"] as? String == "2026")
            let rows = try #require(city["values"] as? [[String: Any]])
            #expect(rows.map { $0["gender"] as? String } == ["T", "K", "M"])
            // 2026: closed 7 (the six of Q1 and E7): T shown; K 5, M 2 (small) → M "<5" and K withheld with it.
            #expect(rows[0]["value"] as? Double == 7 && rows[0]["status"] as? String == "")
            for row in rows.dropFirst() {
                #expect(row["value"] is NSNull && !(row["status"] as? String ?? "").isEmpty && row["count"] as? Int == 1)
            }
            // Every row names the four keys, the value as a number or an explicit null.
            for item in values { for v in item["values"] as? [[String: Any]] ?? [] { #expect(Set(v.keys) == ["gender", "count", "status", "value"]) } }
            let (bad, err) = try await api.call(client, .get, "/api/v1/statistics/kolada?year=2026-13&kpi=nope", token: token)
            #expect(bad.status == .unprocessableContent)
            let fields = ((err["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(Set(fields) == ["year", "kpi"])
            // A coach may not read it.
            let coach = try await api.token(client, "coach")
            #expect(try await api.call(client, .get, "/api/v1/statistics/kolada?year=2026", token: coach).0.status == .forbidden)
        }
    }
}
