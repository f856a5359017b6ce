import Foundation
import SQLKit
import SamsynDomain

/// Synthetic demo data: the reference organisation, one user per role and generated persons.
/// Personnummer are synthetic (valid check digits, serials from a fixed seed) and belong to nobody known.
public struct DemoData: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    /// Loads committees and units if the database has none. Returns whether it loaded them.
    @discardableResult
    public func loadOrganisation(at now: Date) async throws -> Bool {
        try await database.write { db in
            struct C: Decodable { let n: Int }
            let n = try await db.raw("SELECT COUNT(*) AS n FROM committees").first(decoding: C.self)?.n ?? 0
            guard n == 0 else { return false }
            let ms = now.epochMilliseconds
            for c in ReferenceOrganisation.committees {
                try await db.raw(
                    "INSERT INTO committees (id, name, kind, created_at, updated_at) VALUES (\(bind: c.id), \(bind: c.name), \(bind: c.kind.rawValue), \(bind: ms), \(bind: ms))"
                ).run()
            }
            for u in ReferenceOrganisation.units {
                try await db.raw(
                    "INSERT INTO units (id, committee_id, name, kind, created_at, updated_at) VALUES (\(bind: u.id), \(bind: u.committeeId), \(bind: u.name), \(bind: u.kind.rawValue), \(bind: ms), \(bind: ms))"
                ).run()
            }
            try await AccessLogChain.append(
                [AccessLogEntry(at: now, requestId: "system", actor: nil, action: .organisationLoadReference, outcome: .allowed, detail: "reference_data")],
                on: db, kind: database.kind)
            return true
        }
    }

    /// Creates the demo users (all with the same password hash) that do not exist yet.
    public func loadUsers(passwordHash: String, at now: Date) async throws -> [String] {
        let store = SQLUserStore(database: database)
        var created: [String] = []
        for d in ReferenceOrganisation.demoUsers {
            if try await store.credentials(username: d.username) != nil { continue }
            guard let unit = try await SQLOrganisationStore(database: database).unit(id: d.unitId) else { continue }
            let user = StaffUser(id: UUID(), username: d.username, displayName: d.name, role: d.role, unitId: unit.id, committeeId: unit.committeeId, active: true)
            try await store.create(
                user, passwordHash: passwordHash,
                audit: AccessLogEntry(at: now, requestId: "system", actor: nil, action: .userCreate, outcome: .allowed, detail: "demo"))
            created.append(d.username)
        }
        return created
    }

    static let firstNames = [
        "Anna", "Maria", "Eva", "Karin", "Sara", "Lena", "Emma", "Fatima", "Amina", "Leila", "Sofia", "Elin", "Hanna", "Ida", "Nour", "Aisha",
        "Johan", "Erik", "Lars", "Anders", "Karl", "Mohamed", "Ali", "Ahmed", "Hassan", "Omar", "Peter", "Mikael", "Daniel", "Oscar", "Yusuf", "Abdi",
    ]
    static let lastNames = [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson",
        "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Lindqvist", "Berg", "Lund", "Axelsson", "Ali", "Mohamed", "Hassan", "Ahmed",
        "Abdi", "Yilmaz", "Nguyen", "Kovač", "Öberg", "Åkesson", "Ekström", "Holm", "Sandberg", "Forsberg", "Sjöberg", "Wallin", "Engström",
        "Danielsson", "Håkansson", "Lindgren",
    ]

    /// A deterministic pseudo-random generator so `demo --persons N` gives the same people on every machine.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Adds `count` synthetic persons, each with a file at a district (and some also at Jobbtorg),
    /// in batches of one transaction each. Numbers already present are skipped. Returns how many were added.
    public func addPersons(_ count: Int, seed: UInt64, at now: Date, progress: (@Sendable (Int) -> Void)? = nil) async throws -> Int {
        var rng = SplitMix(state: seed)
        let units = ReferenceOrganisation.units
        let districtUnits = units.filter { $0.kind == .intake || $0.kind == .financialAid }
        let jobbtorgUnits = units.filter { $0.kind == .jobbtorg }
        var added = 0
        let batchSize = 2000
        var remaining = count
        while remaining > 0 {
            let n = min(batchSize, remaining)
            remaining -= n
            var people: [(Person, OrgUnit, OrgUnit?)] = []
            for _ in 0..<n {
                let year = Int.random(in: 1950...2006, using: &rng)
                let month = Int.random(in: 1...12, using: &rng)
                let day = Int.random(in: 1...28, using: &rng)
                let samordning = Int.random(in: 0..<20, using: &rng) == 0
                let serial = Int.random(in: 1...999, using: &rng)
                let nine = String(format: "%02d%02d%02d%03d", year % 100, month, samordning ? day + 60 : day, serial)
                let digits = String(format: "%04d", year) + nine.dropFirst(2) + String(PersonalIdentityNumber.luhnCheckDigit(nine))
                guard let number = PersonalIdentityNumber(storedDigits: digits) else { continue }
                let first = Self.firstNames.randomElement(using: &rng)!
                let last = Self.lastNames.randomElement(using: &rng)!
                let protected = Int.random(in: 0..<200, using: &rng) == 0
                let created = now.addingTimeInterval(-Double(Int.random(in: 0..<(3 * 365 * 86400), using: &rng)))
                let person = Person(
                    id: UUID(), identityNumber: number, firstName: first, lastName: last,
                    contact: ContactDetails(
                        phone: String(format: "070-%03d %02d %02d", Int.random(in: 0...999, using: &rng), Int.random(in: 0...99, using: &rng), Int.random(in: 0...99, using: &rng)),
                        email: nil, street: "Demogatan \(Int.random(in: 1...120, using: &rng))", postalCode: "163 \(Int.random(in: 10...99, using: &rng))", city: "Stockholm"),
                    protectedIdentity: protected, createdAt: created, updatedAt: created, version: 1)
                let district = districtUnits.randomElement(using: &rng)!
                let jobbtorg = Int.random(in: 0..<3, using: &rng) == 0 ? jobbtorgUnits.randomElement(using: &rng) : nil
                people.append((person, district, jobbtorg))
            }
            let batch = people
            added += try await database.write { db in
                let numbers = batch.map { $0.0.identityNumber.digits }
                struct R: Decodable { let identity_number: String }
                let existing = Set(
                    try await db.raw("SELECT identity_number FROM persons WHERE identity_number IN (\(binds: numbers))").all(decoding: R.self).map(\.identity_number))
                var seen = existing
                var fresh: [(Person, OrgUnit, OrgUnit?)] = []
                for item in batch where !seen.contains(item.0.identityNumber.digits) {
                    seen.insert(item.0.identityNumber.digits)
                    fresh.append(item)
                }
                try await SQLPersonStore.insertMany(fresh.map(\.0), db)
                var files: [(person: Person, committeeId: String, unitId: String, openedAt: Date)] = []
                for (person, district, jobbtorg) in fresh {
                    files.append((person, district.committeeId, district.id, person.createdAt))
                    if let j = jobbtorg { files.append((person, j.committeeId, j.id, person.createdAt + 86_400)) }
                }
                try await SQLPersonStore.insertFiles(files, db)
                let inserted = fresh.count
                try await AccessLogChain.append(
                    [AccessLogEntry(at: now, requestId: "system", actor: nil, action: .demoPersons, outcome: .allowed, detail: "added=\(inserted)")],
                    on: db, kind: database.kind)
                return inserted
            }
            progress?(added)
        }
        try await database.analyze()
        return added
    }
}

extension DemoData {
    /// Links the demo's citizen account (`aspirant`) to one of the demo's persons, one enrolled at Jobbtorg with a
    /// jobbplan, an arbetsplan, meetings and a consent, so the own page has something to show. Returns the person's
    /// personnummer (for logging in with a test e-legitimation), or nil when the account is already linked or no
    /// such person exists.
    @discardableResult
    public func linkCitizenDemo(username: String = "aspirant", at now: Date) async throws -> String? {
        struct U: Decodable { let person_id: String? }
        struct P: Decodable { let id: String, first_name: String, last_name: String, identity_number: String }
        let linked = try await database.read { db in
            try await db.raw("SELECT person_id FROM users WHERE username = \(bind: username) AND role = 'citizen'").first(decoding: U.self)
        }
        guard let linked, linked.person_id == nil else { return nil }
        let person = try await database.read { db in
            try await db.raw(
                """
                SELECT p.id, f.first_name, f.last_name, p.identity_number FROM persons p JOIN enrolments e ON e.person_id = p.id
                JOIN person_files f ON f.person_id = p.id AND f.committee_id = e.district_committee_id
                WHERE e.status = 'active' AND f.protected_identity = \(bind: false)
                  AND EXISTS (SELECT 1 FROM plans l WHERE l.person_id = p.id AND l.kind = 'job_plan')
                  AND EXISTS (SELECT 1 FROM plans l WHERE l.person_id = p.id AND l.kind = 'work_plan')
                  AND EXISTS (SELECT 1 FROM meetings m WHERE m.person_id = p.id)
                  AND EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.withdrawn_at IS NULL)
                ORDER BY e.enrolled_on, p.id LIMIT 1
                """
            ).first(decoding: P.self)
        }
        guard let person, let personId = UUID(uuidString: person.id) else { return nil }
        try await SQLUserStore(database: database).linkCitizen(
            username: username, personId: personId, displayName: "\(person.first_name) \(person.last_name)",
            audit: AccessLogEntry(at: now, requestId: "demo", actor: nil, personId: personId, action: .citizenAccountCreate, outcome: .allowed, detail: "demo"))
        return person.identity_number
    }
}
