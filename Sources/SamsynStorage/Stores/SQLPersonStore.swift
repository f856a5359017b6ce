import Foundation
import SQLKit
import SamsynDomain

public struct SQLPersonStore: PersonStore {
    let database: Database
    public init(database: Database) { self.database = database }

    private static let columns: SQLQueryString = """
        p.id, p.identity_number, p.first_name, p.last_name, p.phone, p.email, p.street, p.postal_code, p.city,
        p.protected_identity, p.created_at, p.updated_at, p.version
        """

    private struct PersonRow: Decodable {
        let id: String, identity_number: String, first_name: String, last_name: String
        let phone: String?, email: String?, street: String?, postal_code: String?, city: String?
        let protected_identity: Bool, created_at: Int64, updated_at: Int64, version: Int

        func person() throws -> Person {
            let s = Strict("persons")
            return try Person(
                id: s.uuid("id", id), identityNumber: s.identityNumber("identity_number", identity_number), firstName: first_name,
                lastName: last_name, contact: ContactDetails(phone: phone, email: email, street: street, postalCode: postal_code, city: city),
                protectedIdentity: protected_identity, createdAt: Date(epochMilliseconds: created_at),
                updatedAt: Date(epochMilliseconds: updated_at), version: version)
        }
    }

    private struct SummaryRow: Decodable {
        let id: String, identity_number: String, first_name: String, last_name: String, protected_identity: Bool
        func summary() throws -> PersonSummary {
            let s = Strict("persons")
            return try PersonSummary(
                id: s.uuid("id", id), identityNumber: s.identityNumber("identity_number", identity_number), firstName: first_name,
                lastName: last_name, protectedIdentity: protected_identity)
        }
    }

    private struct FileRow: Decodable {
        let person_id: String, committee_id: String, opened_at: Int64, opened_by_unit_id: String
        func file() throws -> PersonFile {
            try PersonFile(personId: Strict("person_files").uuid("person_id", person_id), committeeId: committee_id, openedAt: Date(epochMilliseconds: opened_at), openedByUnitId: opened_by_unit_id)
        }
    }

    public func register(
        _ valid: PersonInput.Valid, newPersonId: UUID, file: (committeeId: String, unitId: String), at: Date,
        audit: @Sendable (_ person: Person, _ created: Bool) -> AccessLogEntry
    ) async throws -> (person: Person, files: [PersonFile], created: Bool) {
        let now = at.epochMilliseconds
        do {
            return try await database.write { db in
                let existing = try await db.raw("SELECT \(Self.columns) FROM persons p WHERE p.identity_number = \(bind: valid.identityNumber.digits)")
                    .first(decoding: PersonRow.self)?.person()
                let person: Person
                let created: Bool
                if let existing {
                    let files = try await Self.files(of: existing.id, db)
                    try PersonFile.checkCanOpen(committeeId: file.committeeId, existing: files)
                    person = existing
                    created = false
                } else {
                    person = Person(
                        id: newPersonId, identityNumber: valid.identityNumber, firstName: valid.firstName, lastName: valid.lastName,
                        contact: valid.contact, protectedIdentity: valid.protectedIdentity, createdAt: at, updatedAt: at, version: 1)
                    try await Self.insert(person, db)
                    created = true
                }
                try await db.raw(
                    """
                    INSERT INTO person_files (person_id, committee_id, opened_at, opened_by_unit_id)
                    VALUES (\(bind: person.id.uuidString), \(bind: file.committeeId), \(bind: now), \(bind: file.unitId))
                    """
                ).run()
                try await Self.indexName(of: person, committeeId: file.committeeId, db)
                try await AccessLogChain.append([audit(person, created)], on: db, kind: database.kind)
                return (person, try await Self.files(of: person.id, db), created)
            }
        } catch where error.isUniqueViolation {
            // Someone registered the same number at the same moment: report it like any existing person.
            throw PersonFile.registeredConcurrently
        }
    }

    static func insert(_ person: Person, _ db: any SQLDatabase) async throws {
        let c = person.contact
        let firstNorm = PersonSearchQuery.normalizedNameTokens(person.firstName).joined(separator: " ")
        let lastNorm = PersonSearchQuery.normalizedNameTokens(person.lastName).joined(separator: " ")
        try await db.raw(
            """
            INSERT INTO persons (id, identity_number, identity_kind, first_name, last_name, first_norm, last_norm, phone, email, street,
                                 postal_code, city, protected_identity, created_at, updated_at, version)
            VALUES (\(bind: person.id.uuidString), \(bind: person.identityNumber.digits), \(bind: person.identityNumber.kind.rawValue),
                    \(bind: person.firstName), \(bind: person.lastName), \(bind: firstNorm), \(bind: lastNorm), \(bind: c.phone), \(bind: c.email),
                    \(bind: c.street), \(bind: c.postalCode), \(bind: c.city), \(bind: person.protectedIdentity),
                    \(bind: person.createdAt.epochMilliseconds), \(bind: person.updatedAt.epochMilliseconds), \(bind: person.version))
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO person_identity_numbers (person_id, identity_number, valid_from, valid_to)
            VALUES (\(bind: person.id.uuidString), \(bind: person.identityNumber.digits), \(bind: person.createdAt.epochMilliseconds), NULL)
            """
        ).run()
    }

    /// Writes the person's name tokens into the committee's search index (when a file opens there).
    static func indexName(of person: Person, committeeId: String, _ db: any SQLDatabase) async throws {
        let tokens = Set(PersonSearchQuery.normalizedNameTokens(person.firstName + " " + person.lastName)).sorted()
        guard !tokens.isEmpty else { return }
        let values = tokens.map { t -> SQLQueryString in "(\(bind: committeeId), \(bind: t), \(bind: person.id.uuidString))" }
        try await db.raw("INSERT INTO person_name_tokens (committee_id, token, person_id) VALUES \(values.joined(separator: ", "))").run()
    }

    /// Inserts many new persons with multi-row statements (bulk loading: demo data, imports).
    /// Their files, and the name index per file, are written by `insertFiles`.
    static func insertMany(_ persons: [Person], _ db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: persons.count, by: 100).map({ Array(persons[$0..<min($0 + 100, persons.count)]) }) {
            var rows: [SQLQueryString] = []
            var numbers: [SQLQueryString] = []
            for person in chunk {
                let c = person.contact
                let firstNorm = PersonSearchQuery.normalizedNameTokens(person.firstName).joined(separator: " ")
                let lastNorm = PersonSearchQuery.normalizedNameTokens(person.lastName).joined(separator: " ")
                rows.append(
                    """
                    (\(bind: person.id.uuidString), \(bind: person.identityNumber.digits), \(bind: person.identityNumber.kind.rawValue),
                     \(bind: person.firstName), \(bind: person.lastName), \(bind: firstNorm), \(bind: lastNorm), \(bind: c.phone), \(bind: c.email),
                     \(bind: c.street), \(bind: c.postalCode), \(bind: c.city), \(bind: person.protectedIdentity),
                     \(bind: person.createdAt.epochMilliseconds), \(bind: person.updatedAt.epochMilliseconds), \(bind: person.version))
                    """)
                numbers.append("(\(bind: person.id.uuidString), \(bind: person.identityNumber.digits), \(bind: person.createdAt.epochMilliseconds), NULL)")
            }
            try await db.raw(
                """
                INSERT INTO persons (id, identity_number, identity_kind, first_name, last_name, first_norm, last_norm, phone, email, street,
                                     postal_code, city, protected_identity, created_at, updated_at, version)
                VALUES \(rows.joined(separator: ", "))
                """
            ).run()
            try await db.raw("INSERT INTO person_identity_numbers (person_id, identity_number, valid_from, valid_to) VALUES \(numbers.joined(separator: ", "))").run()
        }
    }

    /// Opens files in bulk and indexes the names per committee.
    static func insertFiles(_ files: [(person: Person, committeeId: String, unitId: String, openedAt: Date)], _ db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: files.count, by: 200).map({ Array(files[$0..<min($0 + 200, files.count)]) }) where !chunk.isEmpty {
            let rows = chunk.map { f -> SQLQueryString in
                "(\(bind: f.person.id.uuidString), \(bind: f.committeeId), \(bind: f.openedAt.epochMilliseconds), \(bind: f.unitId))"
            }
            try await db.raw("INSERT INTO person_files (person_id, committee_id, opened_at, opened_by_unit_id) VALUES \(rows.joined(separator: ", "))").run()
            var tokens: [SQLQueryString] = []
            for f in chunk {
                for t in Set(PersonSearchQuery.normalizedNameTokens(f.person.firstName + " " + f.person.lastName)).sorted() {
                    tokens.append("(\(bind: f.committeeId), \(bind: t), \(bind: f.person.id.uuidString))")
                }
            }
            if !tokens.isEmpty {
                try await db.raw("INSERT INTO person_name_tokens (committee_id, token, person_id) VALUES \(tokens.joined(separator: ", "))").run()
            }
        }
    }

    private static func files(of personId: UUID, _ db: any SQLDatabase) async throws -> [PersonFile] {
        try await db.raw(
            "SELECT person_id, committee_id, opened_at, opened_by_unit_id FROM person_files WHERE person_id = \(bind: personId.uuidString) ORDER BY opened_at"
        ).all(decoding: FileRow.self).map { try $0.file() }
    }

    public func person(id: UUID) async throws -> (person: Person, files: [PersonFile])? {
        try await database.read { db in
            guard let p = try await db.raw("SELECT \(Self.columns) FROM persons p WHERE p.id = \(bind: id.uuidString)").first(decoding: PersonRow.self)
            else { return nil }
            return (try p.person(), try await Self.files(of: id, db))
        }
    }

    public func search(_ query: PersonSearchQuery, committeeId: String, limit: Int) async throws -> [PersonSummary] {
        let select: SQLQueryString = "SELECT DISTINCT p.id, p.identity_number, p.first_name, p.last_name, p.protected_identity, p.last_norm, p.first_norm"
        let inCommittee: SQLQueryString = "JOIN person_files f ON f.person_id = p.id AND f.committee_id = \(bind: committeeId)"
        let q: SQLQueryString
        switch query {
        case .identityNumber(let number):
            // Current number, or any number the person has had.
            q = """
                \(select) FROM persons p \(inCommittee)
                WHERE p.id IN (SELECT person_id FROM person_identity_numbers WHERE identity_number = \(bind: number.digits))
                """
        case .birthDate(let digits):
            // Ranges over the 12-digit number; samordningsnummer carry day + 60.
            var prefixes: [String] = []
            let candidates = digits.count == 8 ? [digits] : ["18", "19", "20"].map { $0 + digits }
            for c in candidates {
                prefixes.append(c)
                if let day = Int(c.suffix(2)), day <= 31 { prefixes.append(String(c.prefix(6)) + String(format: "%02d", day + 60)) }
            }
            let ranges = prefixes.map { p -> SQLQueryString in "(p.identity_number >= \(bind: p) AND p.identity_number < \(bind: p + "a"))" }
            q = "\(select) FROM persons p \(inCommittee) WHERE \(ranges.joined(separator: " OR "))"
        case .name(let tokens):
            // The committee's own name index: each token must begin some name of the person.
            var conditions: [SQLQueryString] = []
            for (i, t) in tokens.enumerated() where i > 0 {
                let alias = "t\(i)"
                conditions.append(
                    "EXISTS (SELECT 1 FROM person_name_tokens \(unsafeRaw: alias) WHERE \(unsafeRaw: alias).committee_id = \(bind: committeeId) AND \(unsafeRaw: alias).person_id = p.id AND \(unsafeRaw: alias).token >= \(bind: t) AND \(unsafeRaw: alias).token < \(bind: t + "\u{10FFFF}"))"
                )
            }
            let extra: SQLQueryString = conditions.isEmpty ? "" : " AND \(conditions.joined(separator: " AND "))"
            q = """
                \(select) FROM person_name_tokens t0 JOIN persons p ON p.id = t0.person_id
                WHERE t0.committee_id = \(bind: committeeId) AND t0.token >= \(bind: tokens[0]) AND t0.token < \(bind: tokens[0] + "\u{10FFFF}")\(extra)
                """
        }
        return try await database.read { db in
            try await db.raw("\(q) ORDER BY p.last_norm, p.first_norm, p.identity_number LIMIT \(literal: limit)").all(decoding: SummaryRow.self).map { try $0.summary() }
        }
    }

    public func recentFiles(unitId: String, limit: Int) async throws -> [PersonSummary] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT p.id, p.identity_number, p.first_name, p.last_name, p.protected_identity
                FROM person_files f JOIN persons p ON p.id = f.person_id
                WHERE f.opened_by_unit_id = \(bind: unitId)
                ORDER BY f.opened_at DESC, p.id LIMIT \(literal: limit)
                """
            ).all(decoding: SummaryRow.self).map { try $0.summary() }
        }
    }

    public func count() async throws -> Int {
        struct C: Decodable { let n: Int }
        return try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM persons").first(decoding: C.self)?.n ?? 0 }
    }
}
