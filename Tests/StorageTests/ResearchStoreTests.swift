import Foundation
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// Research extracts through their service on both real databases: application, decision with the project key,
/// the extract from the stored records (no name, number or address in it, k-anonymous, reproducible), refusals
/// that release nothing, and an access-log row for every step and every refused attempt.
@Suite("Research extracts on real databases")
struct ResearchStoreTests {
    struct World {
        let service: ResearchService
        let store: SQLResearchStore
        let log: SQLAccessLog
        let clock: ManualClock
        let forskare: Actor, forskare2: Actor, admin: Actor, analyst: Actor
        let db: Database
        /// Person id → (personnummer, last name).
        let persons: [UUID: (number: String, name: String)]

        func logRows(_ action: AuditAction) async throws -> [AccessLogRecord] {
            try await log.recent(committeeId: nil, limit: 5000).filter { $0.entry.action == action.rawValue }
        }
        func count(_ sql: String) async throws -> Int {
            struct N: Decodable { let n: Int }
            return try await db.read { db in try await db.raw(SQLQueryString(sql)).first(decoding: N.self)?.n ?? -1 }
        }
    }

    static let districts = ["spanga-tensta", "rinkeby-kista", "bromma"]

    /// 60 registered persons with names, numbers and addresses, and months of aid in 2025 over three districts;
    /// one with protected identity, and two born in 1931 (rare: generalised or withheld).
    func world(_ db: Database) async throws -> World {
        try await Fixtures.organisation(db)
        func actor(_ name: String, _ role: Role, _ unit: String) async throws -> Actor {
            Actor(user: try await Fixtures.user(db, name, role: role, unit: unit), requestId: "t", channel: "test")
        }
        let clock = ManualClock(Fixtures.t0)
        let log = SQLAccessLog(database: db)
        let store = SQLResearchStore(database: db)
        let sara = try await actor("sara", .socialSecretary, "spanga-tensta-ekonomiskt-bistand")
        let directory = PersonDirectory(persons: SQLPersonStore(database: db), log: log, clock: clock)
        var persons: [UUID: (String, String)] = [:]
        for i in 0..<60 {
            let year = i < 2 ? 1931 : 1960 + i % 30
            let number = Fixtures.personnummer(year, 1 + i % 12, 1 + i % 28, serial: 200 + i)
            var input = Fixtures.personInput(number, "Förnamn\(i)", "Efternamnsson\(i)")
            input.protectedIdentity = i == 59
            let id = try await directory.register(input, by: sara).person.id
            persons[id] = (number, "Efternamnsson\(i)")
            let district = Self.districts[i % 3]
            try await db.write { sql in
                for m in 1...(1 + i % 12) {
                    try await sql.raw(
                        "INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: id.uuidString), \(bind: district), \(bind: String(format: "2025-%02d", m)))"
                    ).run()
                }
                if i % 4 == 0 {
                    try await sql.raw(
                        """
                        INSERT INTO enrolments (id, person_id, district_committee_id, committee_id, unit_id, enrolled_on, status, version)
                        VALUES (\(bind: UUID().uuidString), \(bind: id.uuidString), \(bind: district), 'arbetsmarknadsnamnden', 'jobbtorg-kista', '2025-03-17', 'active', 1)
                        """
                    ).run()
                }
            }
        }
        return World(
            service: ResearchService(store: store, log: log, clock: clock), store: store, log: log, clock: clock,
            forskare: try await actor("forskare", .researcher, "analys"), forskare2: try await actor("forskare2", .researcher, "analys"),
            admin: try await actor("admin", .systemAdministrator, "systemforvaltning"), analyst: try await actor("analytiker", .analyst, "analys"), db: db,
            persons: persons)
    }

    static func application(variables: [String] = ["birth_year", "gender", "district", "aid_months", "first_aid_month", "jobbtorg_enrolment_month"]) -> ResearchApplication {
        ResearchApplication(
            title: "Försörjningsstöd 2025", approvalNumber: "Dnr 2026-01234-01", purpose: "Tid med försörjningsstöd per stadsdel.", dataFrom: "2025-01",
            dataTo: "2025-12", endsOn: "2027-06-30", population: "aid", variables: variables)
    }

    func kind(_ error: any Error) -> DomainError.Kind? { (error as? DomainError)?.kind }

    @Test("Apply, approve, download: the extract is the stored population without protected identities, k-anonymous, with no name, number or address, and the same again", arguments: TestDatabase.kinds)
    func applyApproveDownload(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let p = try await w.service.apply(Self.application(), by: w.forskare)
            #expect(p.status == .applied && p.approvalNumber == "2026-01234-01")
            #expect(try await w.store.project(id: p.id) == p)
            #expect(try await w.service.projects(by: w.forskare).map(\.id) == [p.id])
            #expect(try await w.service.projects(by: w.forskare2).isEmpty)
            #expect(try await w.service.projects(by: w.admin).map(\.id) == [p.id])
            // Nothing before approval, and the attempt is logged.
            await #expect(throws: DomainError.self) { try await w.service.download(p.id, file: .data, by: w.forskare) }
            #expect(try await w.logRows(.researchExtractDownload).map(\.entry.outcome) == [.denied])
            #expect(try await w.store.key(projectId: p.id) == nil)

            w.clock.advance(by: 3600)
            let approved = try await w.service.decide(p.id, approve: true, reason: "", by: w.admin)
            #expect(approved.status == .approved && approved.decidedBy == w.admin.user.id)
            let key = try #require(try await w.store.key(projectId: p.id))
            #expect(key.count == 32)
            #expect(try await w.logRows(.researchDecide).map(\.entry.outcome) == [.allowed])
            // A second decision is refused.
            await #expect(throws: DomainError.self) { try await w.service.decide(p.id, approve: false, reason: "Nej", by: w.admin) }

            let first = try await w.service.download(p.id, file: .data, by: w.forskare).extract
            let text = [first.data, first.codebook, first.manifest].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
            for (_, person) in w.persons {
                #expect(!text.contains(person.number) && !text.contains(person.number.replacingOccurrences(of: "-", with: "")))
                #expect(!text.contains(person.name))
            }
            #expect(!text.contains("Testgatan") && !text.contains("070-123"))
            let rows = String(decoding: first.data, as: UTF8.self).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows[0] == ["pseudonym", "birth_year", "gender", "district", "aid_months", "first_aid_month", "jobbtorg_enrolment_month"])
            let r = first.report
            // 59: the person with protected identity is not in the population.
            #expect(r.rowsInPopulation == 59 && r.rowsDelivered == rows.count - 1 && r.rowsDelivered + r.rowsWithheld == 59)
            #expect(KAnonymity.smallestClass(Array(rows.dropFirst()), quasi: [1, 2, 3]) >= 5)
            #expect(rows.dropFirst().allSatisfy { $0[5].hasPrefix("2025-") && ($0[6].isEmpty || $0[6] == "2025-03") })
            // The pseudonyms are the project key's HMAC of the stored persons.
            let pseudonymiser = try #require(ResearchPseudonymiser(key: key))
            let expected = Set(w.persons.keys.map(pseudonymiser.pseudonym))
            #expect(Set(rows.dropFirst().map { $0[0] }).isSubset(of: expected))

            w.clock.advance(by: 86_400)
            let again = try await w.service.download(p.id, file: .manifest, by: w.forskare).extract
            #expect(again.data == first.data && again.codebook == first.codebook && again.manifest != first.manifest)
            let m = try JSONDecoder().decode(ResearchExtract.Manifest.self, from: Data(again.manifest))
            #expect(m.files.first { $0.name == "data.csv" }?.sha256 == FileChecksum.sha256(first.data))

            let deliveries = try await w.service.deliveries(approved)
            #expect(deliveries.map(\.file) == [.manifest, .data])
            #expect(try await w.logRows(.researchExtractGenerate).count == 2)
            #expect(try await w.logRows(.researchExtractDownload).map(\.entry.outcome) == [.allowed, .allowed, .denied])
            #expect(try await w.logRows(.researchApply).map(\.entry.outcome) == [.allowed])
            // The key never reaches a log row.
            let hex = key.map { String(format: "%02x", $0) }.joined()
            #expect(try await w.log.recent(committeeId: nil, limit: 5000).allSatisfy { !($0.entry.after ?? "").contains(hex) && !($0.entry.detail ?? "").contains(hex) })
            #expect(try await w.log.verify().isIntact)
        }
    }

    @Test("The population's facts from the stored rows: months counted, first and last month, the last month's district, the Jobbtorg enrolment", arguments: TestDatabase.kinds)
    func facts(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            // A move within the last month: the committee last in order is the district.
            let moved = try #require(w.persons.first { $0.value.name == "Efternamnsson11" }?.key)
            try await db.write { sql in
                try await sql.raw("INSERT INTO aid_months (person_id, committee_id, month) VALUES (\(bind: moved.uuidString), 'spanga-tensta', '2025-12')").run()
            }
            let facts = try await w.store.facts(population: .aid, from: LocalDate("2025-01-01")!, to: LocalDate("2025-12-01")!)
            #expect(facts.count == 59)
            for (id, person) in w.persons {
                guard let i = Int(person.name.dropFirst("Efternamnsson".count)), i != 59 else { continue }
                let f = try #require(facts.first { $0.personId == id })
                let n = 1 + i % 12
                #expect(f.aidMonths == n && f.firstAidMonth == "2025-01" && f.lastAidMonth == String(format: "2025-%02d", n), "\(i)")
                #expect(f.district == (id == moved ? "spanga-tensta" : Self.districts[i % 3]), "\(i)")
                #expect((f.jobbtorgEnrolledOn == LocalDate("2025-03-17")) == (i % 4 == 0), "\(i)")
            }
            let jobbtorg = try await w.store.facts(population: .jobbtorg, from: LocalDate("2025-01-01")!, to: LocalDate("2025-12-01")!)
            #expect(jobbtorg.count == 15 && jobbtorg.allSatisfy { $0.jobbtorgEnrolledOn != nil && $0.aidMonths > 0 })
        }
    }

    @Test("Another project's key gives other pseudonyms: two projects' extracts cannot be linked", arguments: TestDatabase.kinds)
    func unlinkable(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let a = try await w.service.apply(Self.application(variables: ["aid_months"]), by: w.forskare)
            let b = try await w.service.apply(Self.application(variables: ["aid_months"]), by: w.forskare)
            _ = try await w.service.decide(a.id, approve: true, reason: "", by: w.admin)
            _ = try await w.service.decide(b.id, approve: true, reason: "", by: w.admin)
            func pseudonyms(_ id: UUID) async throws -> Set<String> {
                let data = try await w.service.download(id, file: .data, by: w.forskare).extract.data
                return Set(String(decoding: data, as: UTF8.self).split(separator: "\r\n").dropFirst().map { String($0.prefix(16)) })
            }
            let pa = try await pseudonyms(a.id), pb = try await pseudonyms(b.id)
            #expect(pa.count == 59 && pb.count == 59 && pa.isDisjoint(with: pb))
        }
    }

    @Test("Bad input and the wrong person release nothing and are logged: no approval number, unknown variables, end before start, another researcher, after the end date, a refusal without reason, the own application", arguments: TestDatabase.kinds)
    func refusals(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            var bad = Self.application()
            bad.approvalNumber = ""
            bad.variables = ["gender", "personnummer"]
            bad.dataFrom = "2025-10"
            bad.dataTo = "2025-02"
            do {
                _ = try await w.service.apply(bad, by: w.forskare)
                Issue.record("accepted")
            } catch let e as DomainError {
                #expect(e.kind == .invalid && e.fields.map(\.field) == ["approvalNumber", "dataTo", "variables"])
            }
            await #expect(throws: DomainError.self) { try await w.service.apply(Self.application(), by: w.analyst) }
            await #expect(throws: DomainError.self) { try await w.service.apply(Self.application(), by: w.admin) }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM research_projects") == 0)
            let denied = try await w.logRows(.researchApply)
            #expect(denied.map(\.entry.outcome) == [.denied, .denied, .denied])
            #expect(denied.last?.entry.detail == "test:invalid:approvalNumber+dataTo+variables")

            let p = try await w.service.apply(Self.application(), by: w.forskare)
            // Only the administrator decides; a refusal needs its reason.
            await #expect(throws: DomainError.self) { try await w.service.decide(p.id, approve: true, reason: "", by: w.forskare) }
            do {
                _ = try await w.service.decide(p.id, approve: false, reason: "  ", by: w.admin)
                Issue.record("refused without reason")
            } catch let e as DomainError { #expect(e.fields.map(\.field) == ["reason"]) }
            // Another researcher sees nothing of it and gets nothing.
            await #expect(throws: DomainError.self) { try await w.service.project(p.id, by: w.forskare2) }
            await #expect(throws: DomainError.self) { try await w.service.download(p.id, file: .data, by: w.forskare2) }
            _ = try await w.service.decide(p.id, approve: true, reason: "", by: w.admin)
            do {
                _ = try await w.service.download(p.id, file: .data, by: w.forskare2)
                Issue.record("released to another researcher")
            } catch let e as DomainError { #expect(e.kind == .notFound) }
            // After the end date: nothing.
            w.clock.set(Date(timeIntervalSince1970: 1_814_400_000))  // 2027-07-01
            do {
                _ = try await w.service.download(p.id, file: .data, by: w.forskare)
                Issue.record("released after the end date")
            } catch let e as DomainError { #expect(e.kind == .forbidden) }
            #expect(try await w.count("SELECT COUNT(*) AS n FROM research_deliveries") == 0)
            let downloads = try await w.logRows(.researchExtractDownload).map { $0.entry.detail ?? "" }
            #expect(downloads == ["test:ended", "test:not_own_project", "test:not_own_project"])
            #expect(try await w.logRows(.researchProjectRead).map(\.entry.outcome) == [.denied])

            // A refusal with its reason; the researcher sees the reason, and no key is made.
            w.clock.set(Fixtures.t0)
            let q = try await w.service.apply(Self.application(), by: w.forskare)
            let refused = try await w.service.decide(q.id, approve: false, reason: "Etikgodkännandet omfattar inte Jobbtorg.", by: w.admin)
            #expect(try await w.service.project(q.id, by: w.forskare).refusalReason == "Etikgodkännandet omfattar inte Jobbtorg.")
            let refusedKey = try await w.store.key(projectId: q.id)
            #expect(refused.status == .refused && refusedKey == nil)
        }
    }

    @Test("A stored project with an unknown variable or status stops the read, naming the column", arguments: TestDatabase.kinds)
    func strictRows(kind: TestDatabase) async throws {
        try await kind.with { db, _ in
            let w = try await world(db)
            let p = try await w.service.apply(Self.application(), by: w.forskare)
            try await db.write { sql in try await sql.raw("UPDATE research_projects SET variables = 'gender,first_name' WHERE id = \(bind: p.id.uuidString)").run() }
            await #expect(throws: StorageError.corruptRow(table: "research_projects", column: "variables", value: "unknown variable 'first_name'")) {
                try await w.store.project(id: p.id)
            }
        }
    }
}
