import Foundation
import Testing

@testable import SamsynDomain

@Suite("Research extracts: applications, rules, pseudonyms, k-anonymity, files")
struct ResearchExtractTests {
    static let today = LocalDate("2026-11-18")!
    static let researcher = StaffUser(
        id: UUID(uuidString: "00000000-0000-0000-0000-00000000f001")!, username: "forskare", displayName: "Fia Forskare", role: .researcher, unitId: "u",
        committeeId: "c", active: true)
    static let other = StaffUser(
        id: UUID(uuidString: "00000000-0000-0000-0000-00000000f002")!, username: "forskare2", displayName: "Olle Forskare", role: .researcher, unitId: "u",
        committeeId: "c", active: true)
    static let admin = StaffUser(
        id: UUID(uuidString: "00000000-0000-0000-0000-00000000a001")!, username: "admin", displayName: "Ada Admin", role: .systemAdministrator, unitId: "u",
        committeeId: "c", active: true)

    static func application(
        number: String = "Dnr 2026-01234-01", from: String = "2025-01", to: String = "2025-12", ends: String = "2027-06-30",
        variables: [String] = ["birth_year", "gender", "age_band", "district", "aid_months"]
    ) -> ResearchApplication {
        ResearchApplication(
            title: "Vägar ur försörjningsstöd", approvalNumber: number, purpose: "Att studera tid till egen försörjning.", dataFrom: from, dataTo: to,
            endsOn: ends, population: "aid", variables: variables)
    }

    static func project(id: UUID = UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!, k: Int = 5, variables: [String]? = nil) -> ResearchProject {
        var app = application()
        if let variables { app.variables = variables }
        guard case .success(let p) = ResearchRules.validate(app, id: id, researcher: researcher, today: today, at: Date(timeIntervalSince1970: 1_795_000_000))
        else { fatalError("fixture application refused") }
        return ResearchProject(
            id: p.id, researcherId: p.researcherId, researcherName: p.researcherName, title: p.title, approvalNumber: p.approvalNumber, purpose: p.purpose,
            dataFrom: p.dataFrom, dataTo: p.dataTo, endsOn: p.endsOn, population: p.population, variables: p.variables, k: k, status: .approved,
            appliedAt: p.appliedAt, decidedAt: p.appliedAt, decidedBy: admin.id, decidedByName: admin.displayName)
    }

    static func fields(_ r: Result<ResearchProject, DomainError>) -> [String] {
        if case .failure(let e) = r { return e.fields.map(\.field) }
        return []
    }

    /// A generated population: `n` persons from a seeded generator, over 5 districts, born 1950–2005, a few rare combinations.
    static func population(_ n: Int, seed: UInt64 = 42) -> [ResearchFact] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let districts = ["spanga-tensta", "rinkeby-kista", "hasselby-vallingby", "bromma", "enskede-arsta-vantor"]
        return (0..<n).map { i in
            let rare = i % 97 == 0
            let year = rare ? 1930 + Int(next() % 10) : 1950 + Int(next() % 56)
            let first = 1 + Int(next() % 12)
            return ResearchFact(
                personId: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", i))!, gender: next() % 2 == 0 ? .women : .men,
                birthDate: LocalDate(year: year, month: 1 + Int(next() % 12), day: 1 + Int(next() % 28))!,
                district: rare ? "skarpnack" : districts[Int(next() % UInt64(districts.count))], aidMonths: 13 - first,
                firstAidMonth: String(format: "2025-%02d", first), lastAidMonth: "2025-12",
                jobbtorgEnrolledOn: i % 3 == 0 ? LocalDate(year: 2025, month: first, day: 1 + i % 28) : nil)
        }
    }

    static let personnummerShape = #"(?<![0-9A-Za-z-])(\d{2})?\d{6}[-+]?\d{4}(?![0-9A-Za-z-])"#
    static let key1 = Array(UInt8(0)..<UInt8(32))
    static let key2 = Array(UInt8(1)..<UInt8(33))

    @Test("The pseudonym is HMAC-SHA-256 over the person id with the project's key (checked against Python's hmac), stable within a project and different across projects")
    func pseudonyms() throws {
        let person = UUID(uuidString: "6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b")!
        let a = try #require(ResearchPseudonymiser(key: Self.key1)), b = try #require(ResearchPseudonymiser(key: Self.key2))
        // python3: hmac.new(bytes(range(32)), uuid.UUID('6f1c…5a6b').bytes, hashlib.sha256).hexdigest()[:16] is 60ffc2b56bc29306,
        // and with bytes(range(1, 33)) a0da154a91d876e0; written with the letters a–p for 0–f.
        #expect(a.pseudonym(person) == "gappmclfglmcjdag")
        #expect(b.pseudonym(person) == "kankbfekjbnihgoa")
        #expect(a.pseudonym(person) == ResearchPseudonymiser(key: Self.key1)!.pseudonym(person))
        let people = Self.population(2_000).map(\.personId)
        let inA = people.map(a.pseudonym), inB = people.map(b.pseudonym)
        #expect(Set(inA).count == people.count)
        #expect(Set(inA).isDisjoint(with: inB))
        #expect(ResearchPseudonymiser(key: Array(Self.key1.prefix(16))) == nil)
        let k1 = ResearchPseudonymiser.newKey(), k2 = ResearchPseudonymiser.newKey()
        #expect(k1.count == 32 && k1 != k2)
    }

    @Test("An application needs a title, an ethical approval number of the authority's shape, a purpose, a period in order, an end date ahead, a population and variables from the dictionary")
    func validation() {
        let ok = ResearchRules.validate(Self.application(), id: UUID(), researcher: Self.researcher, today: Self.today, at: Date())
        guard case .success(let p) = ok else { Issue.record("valid application refused"); return }
        #expect(p.approvalNumber == "2026-01234-01" && p.status == .applied && p.k == 5)
        #expect(p.variables == ["birth_year", "gender", "age_band", "district", "aid_months"])
        for shape in ["2019-01234", "Dnr 2021-05678-02", "dnr: 2023-00001-01", "2017/1234-31/5", "2015/12-32"] {
            #expect(ResearchRules.normaliseApprovalNumber(shape) != nil, "\(shape)")
        }
        for bad in ["", "1234", "2026-1234-01", "abc-01234-01", "2026-01234-1", "2026/abc-31"] {
            #expect(ResearchRules.normaliseApprovalNumber(bad) == nil, "\(bad)")
        }
        func check(_ a: ResearchApplication) -> [String] {
            Self.fields(ResearchRules.validate(a, id: UUID(), researcher: Self.researcher, today: Self.today, at: Date()))
        }
        #expect(check(Self.application(number: "")) == ["approvalNumber"])
        #expect(check(Self.application(number: "12345")) == ["approvalNumber"])
        #expect(check(Self.application(from: "2025-06", to: "2025-01")) == ["dataTo"])
        #expect(check(Self.application(to: "2027-01")) == ["dataTo"])
        #expect(check(Self.application(from: "2025-13")) == ["dataFrom"])
        #expect(check(Self.application(ends: "2026-01-01")) == ["endsOn"])
        #expect(check(Self.application(variables: ["gender", "telefon"])) == ["variables"])
        #expect(check(Self.application(variables: [])) == ["variables"])
        var blank = Self.application()
        blank.title = "  "
        blank.purpose = ""
        blank.population = "alla"
        #expect(check(blank) == ["title", "purpose", "population"])
    }

    @Test("Names, numbers, addresses, phone numbers and free text are not in the dictionary and a form asking for them is refused saying so")
    func neverIdentifiers() {
        for id in ResearchDictionary.forbidden {
            #expect(ResearchDictionary.variable(id) == nil)
            guard case .refused(let e) = ResearchDictionary.choose([id]) else { Issue.record("\(id) accepted"); continue }
            #expect(e.message.contains("lämnas aldrig ut"))
        }
        #expect(Set(ResearchDictionary.variables.map(\.id)).isDisjoint(with: ResearchDictionary.forbidden))
        #expect(Set(ResearchDictionary.variables.filter(\.quasiIdentifier).map(\.id)) == ["birth_year", "gender", "age_band", "district"])
    }

    @Test("Researchers apply and see their own; the administrator decides but never their own; downloads only for the own researcher, approved, up to the end date")
    func rules() {
        var p = Self.project()
        p.status = .applied
        #expect(ResearchRules.mayApply(Self.researcher) && !ResearchRules.mayApply(Self.admin))
        #expect(ResearchRules.maySee(Self.researcher, p) && !ResearchRules.maySee(Self.other, p) && ResearchRules.maySee(Self.admin, p))
        #expect(ResearchRules.mayDecide(Self.admin, p) && !ResearchRules.mayDecide(Self.researcher, p))
        #expect(!ResearchRules.mayDownload(Self.researcher, p, on: Self.today))
        let own = ResearchProject(
            id: UUID(), researcherId: Self.admin.id, researcherName: "Ada", title: "t", approvalNumber: "2026-01234-01", purpose: "p", dataFrom: p.dataFrom,
            dataTo: p.dataTo, endsOn: p.endsOn, population: .aid, variables: ["gender"], k: 5, status: .applied, appliedAt: Date())
        #expect(!ResearchRules.mayDecide(Self.admin, own))
        p.status = .approved
        #expect(!ResearchRules.mayDecide(Self.admin, p))
        #expect(ResearchRules.mayDownload(Self.researcher, p, on: Self.today))
        #expect(ResearchRules.mayDownload(Self.researcher, p, on: p.endsOn))
        #expect(!ResearchRules.mayDownload(Self.researcher, p, on: p.endsOn.adding(days: 1)))
        #expect(p.phase(on: p.endsOn.adding(days: 1)) == .ended)
        #expect(!ResearchRules.mayDownload(Self.other, p, on: Self.today) && !ResearchRules.mayDownload(Self.admin, p, on: Self.today))
        p.status = .refused
        #expect(!ResearchRules.mayDownload(Self.researcher, p, on: Self.today))
        #expect(ResearchRules.refusalProblem("  ") != nil && ResearchRules.refusalProblem("Etikgodkännandet täcker inte Jobbtorgs uppgifter.") == nil)
    }

    @Test("k-anonymity on a generated population: every combination of quasi-identifiers has at least k rows after generalising or withholding, and the report adds up")
    func kAnonymity() {
        for (n, k) in [(3_000, 5), (500, 5), (200, 10), (40, 5)] {
            let p = Self.project(k: k)
            let extract = ResearchExtract.build(project: p, facts: Self.population(n), pseudonymiser: ResearchPseudonymiser(key: Self.key1)!, generatedAt: Date())
            let rows = Self.rows(extract.data)
            let header = rows[0]
            let quasi = ["birth_year", "gender", "age_band", "district"].map { header.firstIndex(of: $0)! }
            let body = Array(rows.dropFirst())
            let r = extract.report
            #expect(r.rowsInPopulation == n && r.rowsDelivered == body.count && r.rowsDelivered + r.rowsWithheld == n)
            #expect(r.k == k && r.quasiIdentifiers == ["birth_year", "gender", "age_band", "district"])
            if !body.isEmpty { #expect(KAnonymity.smallestClass(body, quasi: quasi) >= k, "n \(n) k \(k)") }
            #expect(r.steps.map(\.variable) == ["district", "birth_year", "age_band"] || r.steps.count < 3)
            // The rare birth years of 1930–1939 cannot stay as single years next to districts.
            #expect(!body.contains { $0[quasi[0]].hasPrefix("193") && $0[quasi[0]].count == 4 && $0[quasi[3]] == "skarpnack" })
        }
        // Generalised values are the documented ones.
        #expect(KAnonymity.fiveYears("1983") == "1980-1984" && KAnonymity.wideAgeBand("40-49") == "30-49")
        // Without quasi-identifiers the check is on the whole population: fewer than k persons are all withheld.
        var four = [["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"]]
        let report = KAnonymity.apply(&four, quasi: [], variables: ["pseudonym", "aid_months"], steps: [], k: 5)
        #expect(four.isEmpty && report.rowsWithheld == 4)
    }

    static func rows(_ bytes: [UInt8]) -> [[String]] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("The extract holds no personnummer-shaped string and no name, dates are months, the birth date is only a year")
    func noIdentifiers() throws {
        let p = Self.project(variables: ResearchDictionary.variables.map(\.id))
        let facts = Self.population(1_000)
        let extract = ResearchExtract.build(project: p, facts: facts, pseudonymiser: ResearchPseudonymiser(key: Self.key1)!, generatedAt: Date())
        let all = [extract.data, extract.codebook, extract.manifest].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        // Personnummer and samordningsnummer shapes: YYMMDD-NNNN, YYYYMMDDNNNN, with or without the hyphen or plus, standing
        // alone (not inside a uuid or a checksum, such as the project's id "00000000-0000-…").
        let shaped = all.range(of: Self.personnummerShape, options: .regularExpression)
        let context: String = shaped.map { r in String(all[all.index(r.lowerBound, offsetBy: -60)..<r.upperBound]) } ?? ""
        #expect(shaped == nil, "\(context)")
        // No full date in the data or the codebook: dates are months (the manifest says when it was generated).
        let files = [extract.data, extract.codebook].map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
        #expect(files.range(of: #"(19|20)\d{2}-\d{2}-\d{2}"#, options: .regularExpression) == nil)
        for name in ["Fia", "Forskare", "Ada", "Admin"] { #expect(!String(decoding: extract.data, as: UTF8.self).contains(name)) }
        let rows = Self.rows(extract.data)
        #expect(rows[0] == ["pseudonym"] + ResearchDictionary.variables.map(\.id))
        let month = rows[0].firstIndex(of: "jobbtorg_enrolment_month")!
        #expect(rows.dropFirst().allSatisfy { $0[month].isEmpty || $0[month].range(of: #"^\d{4}-\d{2}$"#, options: .regularExpression) != nil })
        // Pseudonyms in order, unique.
        let pseudonyms = rows.dropFirst().map { $0[0] }
        #expect(pseudonyms == pseudonyms.sorted() && Set(pseudonyms).count == pseudonyms.count)
        #expect(pseudonyms.allSatisfy { $0.count == 16 && $0.allSatisfy { ("a"..."p").contains($0) } })
        #expect(!pseudonyms.contains { p in facts.contains { $0.personId.uuidString.lowercased().contains(p) } })
    }

    @Test("The manifest names the project, approval, variables, period, row count and suppression, and its checksums are those of the files")
    func manifest() throws {
        let p = Self.project()
        let extract = ResearchExtract.build(project: p, facts: Self.population(800), pseudonymiser: ResearchPseudonymiser(key: Self.key1)!, generatedAt: Date(timeIntervalSince1970: 1_795_000_000))
        let m = try JSONDecoder().decode(ResearchExtract.Manifest.self, from: Data(extract.manifest))
        #expect(m.project == p.id.uuidString.lowercased() && m.approvalNumber == "2026-01234-01" && m.title == p.title)
        #expect(m.periodFrom == "2025-01" && m.periodTo == "2025-12" && m.population == "aid")
        #expect(m.variables == ["pseudonym", "birth_year", "gender", "age_band", "district", "aid_months"])
        #expect(m.rows == Self.rows(extract.data).count - 1 && m.suppression == extract.report)
        #expect(m.generatedAt == "2026-11-18T11:06:40Z")
        let files = Dictionary(uniqueKeysWithValues: m.files.map { ($0.name, $0) })
        #expect(files["data.csv"]?.sha256 == FileChecksum.sha256(extract.data) && files["data.csv"]?.bytes == extract.data.count)
        #expect(files["codebook.csv"]?.sha256 == FileChecksum.sha256(extract.codebook))
        // SHA-256 itself, against the standard test vector ("abc").
        #expect(FileChecksum.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let codebook = Self.rows(extract.codebook)
        #expect(codebook.map { $0[0] } == ["variable", "pseudonym", "birth_year", "gender", "age_band", "district", "aid_months"])
    }

    @Test("The same project's extract is produced again byte for byte (only the manifest's generation time differs); another project's is unlinkable")
    func reproducible() {
        let p = Self.project()
        let facts = Self.population(1_500)
        let a = ResearchExtract.build(project: p, facts: facts, pseudonymiser: ResearchPseudonymiser(key: Self.key1)!, generatedAt: Date(timeIntervalSince1970: 1_000))
        let b = ResearchExtract.build(
            project: p, facts: facts.reversed(), pseudonymiser: ResearchPseudonymiser(key: Self.key1)!, generatedAt: Date(timeIntervalSince1970: 2_000))
        #expect(a.data == b.data && a.codebook == b.codebook && a.report == b.report)
        #expect(a.manifest != b.manifest)
        let c = ResearchExtract.build(project: p, facts: facts, pseudonymiser: ResearchPseudonymiser(key: Self.key2)!, generatedAt: Date(timeIntervalSince1970: 1_000))
        let pa = Set(Self.rows(a.data).dropFirst().map { $0[0] }), pc = Set(Self.rows(c.data).dropFirst().map { $0[0] })
        #expect(pa.isDisjoint(with: pc))
    }
}
