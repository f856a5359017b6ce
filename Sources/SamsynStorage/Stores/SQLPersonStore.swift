import Foundation
import SQLKit
import SamsynDomain

/// The registry (`persons`: id and personnummer) and the committees' files (`person_files`: the name, contact
/// details and protected identity each committee entered). Every read names the committee whose file it reads.
public struct SQLPersonStore: PersonStore {
    let database: Database
    public init(database: Database) { self.database = database }

    private static let columns: SQLQueryString = """
        p.id, p.identity_number, f.committee_id, f.opened_at, f.opened_by_unit_id, f.first_name, f.last_name, f.phone, f.email, f.street,
        f.postal_code, f.city, f.protected_identity, f.updated_at, f.version
        """

    private struct FileRow: Decodable {
        let id: String, identity_number: String, committee_id: String, opened_at: Int64, opened_by_unit_id: String
        let first_name: String, last_name: String
        let phone: String?, email: String?, street: String?, postal_code: String?, city: String?
        let protected_identity: Bool, updated_at: Int64, version: Int

        func value() throws -> (person: Person, file: PersonFile) {
            let s = Strict("person_files")
            let id = try s.uuid("person_id", id)
            let person = try Person(
                id: id, identityNumber: Strict("persons").identityNumber("identity_number", identity_number), firstName: first_name,
                lastName: last_name, contact: ContactDetails(phone: phone, email: email, street: street, postalCode: postal_code, city: city),
                protectedIdentity: protected_identity, createdAt: Date(epochMilliseconds: opened_at),
                updatedAt: Date(epochMilliseconds: updated_at), version: version)
            return (person, PersonFile(personId: id, committeeId: committee_id, openedAt: Date(epochMilliseconds: opened_at), openedByUnitId: opened_by_unit_id))
        }
    }

    private struct SummaryRow: Decodable {
        let id: String, identity_number: String, first_name: String, last_name: String, protected_identity: Bool
        func summary() throws -> PersonSummary {
            let s = Strict("person_files")
            return try PersonSummary(
                id: s.uuid("person_id", id), identityNumber: Strict("persons").identityNumber("identity_number", identity_number), firstName: first_name,
                lastName: last_name, protectedIdentity: protected_identity)
        }
    }

    public func register(
        _ valid: PersonInput.Valid, newPersonId: UUID, file: (committeeId: String, unitId: String), at: Date,
        audit: @Sendable (_ person: Person) -> AccessLogEntry
    ) async throws -> (person: Person, file: PersonFile) {
        // A unique violation means someone registered the same number at the same moment. Once more: the
        // registry's row then exists and only the committee's file is opened (or, at the same committee, the
        // file exists and it is a conflict), so the answer does not depend on who came first.
        do {
            return try await registerOnce(valid, newPersonId: newPersonId, file: file, at: at, audit: audit)
        } catch where error.isUniqueViolation {
            do {
                return try await registerOnce(valid, newPersonId: newPersonId, file: file, at: at, audit: audit)
            } catch where error.isUniqueViolation {
                throw PersonFile.registeredConcurrently
            }
        }
    }

    private func registerOnce(
        _ valid: PersonInput.Valid, newPersonId: UUID, file: (committeeId: String, unitId: String), at: Date,
        audit: @Sendable (_ person: Person) -> AccessLogEntry
    ) async throws -> (person: Person, file: PersonFile) {
        struct Id: Decodable { let id: String }
        return try await database.write { db in
            // Only the id is read: nothing of another committee's file.
            let existing = try await db.raw("SELECT id FROM persons WHERE identity_number = \(bind: valid.identityNumber.digits)").first(decoding: Id.self)
            let personId: UUID
            if let existing {
                personId = try Strict("persons").uuid("id", existing.id)
                let hasFile = try await db.raw(
                    "SELECT person_id FROM person_files WHERE person_id = \(bind: existing.id) AND committee_id = \(bind: file.committeeId)"
                ).first() != nil
                if hasFile {
                    try PersonFile.checkCanOpen(
                        committeeId: file.committeeId, existing: [PersonFile(personId: personId, committeeId: file.committeeId, openedAt: at, openedByUnitId: file.unitId)])
                }
            } else {
                personId = newPersonId
                try await Self.insertIdentity(id: personId, number: valid.identityNumber, at: at, db)
            }
            let person = Person(
                id: personId, identityNumber: valid.identityNumber, firstName: valid.firstName, lastName: valid.lastName, contact: valid.contact,
                protectedIdentity: valid.protectedIdentity, createdAt: at, updatedAt: at, version: 1)
            let opened = PersonFile(personId: personId, committeeId: file.committeeId, openedAt: at, openedByUnitId: file.unitId)
            try await Self.insertFiles([(person, file.committeeId, file.unitId, at)], db)
            try await AccessLogChain.append([audit(person)], on: db, kind: database.kind)
            return (person, opened)
        }
    }

    static func insertIdentity(id: UUID, number: PersonalIdentityNumber, at: Date, _ db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO persons (id, identity_number, identity_kind, created_at, updated_at, version)
            VALUES (\(bind: id.uuidString), \(bind: number.digits), \(bind: number.kind.rawValue), \(bind: at.epochMilliseconds), \(bind: at.epochMilliseconds), 1)
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO person_identity_numbers (person_id, identity_number, valid_from, valid_to)
            VALUES (\(bind: id.uuidString), \(bind: number.digits), \(bind: at.epochMilliseconds), NULL)
            """
        ).run()
    }

    /// What the search index holds for one file: folded name tokens, and street tokens unless the person has
    /// protected identity.
    struct FileValues {
        let personId: String, committeeId: String, firstName: String, lastName: String, street: String?, protectedIdentity: Bool

        /// The tokens by kind, each once.
        var tokens: [(kind: String, token: String)] {
            var all = Set(PersonSearchQuery.searchTokens(firstName + " " + lastName)).sorted().map { (kind: "name", token: $0) }
            if !protectedIdentity, let street {
                all += Set(PersonSearchQuery.searchTokens(street)).sorted().map { (kind: "street", token: $0) }
            }
            return all
        }

        /// Rows for migration 0013's table (before the sort key).
        var tokenRows: [SQLQueryString] {
            tokens.map { "(\(bind: committeeId), \(unsafeRaw: $0.kind == "name" ? "'name'" : "'street'"), \(bind: $0.token), \(bind: personId))" }
        }

        /// Rows with the file's sort key (migration 0025): what a new file writes.
        func tokenRows(sortKey: String) -> [SQLQueryString] {
            tokens.map { "(\(bind: committeeId), \(unsafeRaw: $0.kind == "name" ? "'name'" : "'street'"), \(bind: $0.token), \(bind: personId), \(bind: sortKey))" }
        }
    }

    /// The key a hit list is ordered by, as migration 0025 computes it for existing files.
    static func sortKey(firstName: String, lastName: String, identityNumber: PersonalIdentityNumber) -> String {
        PersonSearchQuery.sortKey(lastName) + "\u{1}" + PersonSearchQuery.sortKey(firstName) + "\u{1}" + identityNumber.digits
    }

    static func insertTokens(_ rows: [SQLQueryString], _ db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: rows.count, by: 500).map({ Array(rows[$0..<min($0 + 500, rows.count)]) }) where !chunk.isEmpty {
            try await db.raw("INSERT INTO person_search_tokens (committee_id, kind, token, person_id) VALUES \(chunk.joined(separator: ", "))").run()
        }
    }

    static func insertSortedTokens(_ rows: [SQLQueryString], _ db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: rows.count, by: 500).map({ Array(rows[$0..<min($0 + 500, rows.count)]) }) where !chunk.isEmpty {
            try await db.raw("INSERT INTO person_search_tokens (committee_id, kind, token, person_id, sort_key) VALUES \(chunk.joined(separator: ", "))").run()
        }
    }

    /// Inserts many new persons' identities with multi-row statements (bulk loading: demo data, imports).
    /// Their files, with the values, and the search index per file, are written by `insertFiles`.
    static func insertMany(_ persons: [Person], _ db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: persons.count, by: 100).map({ Array(persons[$0..<min($0 + 100, persons.count)]) }) {
            var rows: [SQLQueryString] = []
            var numbers: [SQLQueryString] = []
            for person in chunk {
                rows.append(
                    """
                    (\(bind: person.id.uuidString), \(bind: person.identityNumber.digits), \(bind: person.identityNumber.kind.rawValue),
                     \(bind: person.createdAt.epochMilliseconds), \(bind: person.updatedAt.epochMilliseconds), \(bind: person.version))
                    """)
                numbers.append("(\(bind: person.id.uuidString), \(bind: person.identityNumber.digits), \(bind: person.createdAt.epochMilliseconds), NULL)")
            }
            try await db.raw(
                "INSERT INTO persons (id, identity_number, identity_kind, created_at, updated_at, version) VALUES \(rows.joined(separator: ", "))"
            ).run()
            try await db.raw("INSERT INTO person_identity_numbers (person_id, identity_number, valid_from, valid_to) VALUES \(numbers.joined(separator: ", "))").run()
        }
    }

    /// Opens files in bulk, each with the person's values as given (the committee's own), and indexes them
    /// per committee.
    static func insertFiles(_ files: [(person: Person, committeeId: String, unitId: String, openedAt: Date)], _ db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: files.count, by: 100).map({ Array(files[$0..<min($0 + 100, files.count)]) }) where !chunk.isEmpty {
            let rows = chunk.map { f -> SQLQueryString in
                let p = f.person, c = p.contact
                return """
                    (\(bind: p.id.uuidString), \(bind: f.committeeId), \(bind: f.openedAt.epochMilliseconds), \(bind: f.unitId),
                     \(bind: p.firstName), \(bind: p.lastName), \(bind: PersonSearchQuery.sortKey(p.firstName)), \(bind: PersonSearchQuery.sortKey(p.lastName)),
                     \(bind: c.phone), \(bind: c.phone.flatMap(PersonSearchQuery.phoneDigits)), \(bind: c.email), \(bind: c.street), \(bind: c.postalCode),
                     \(bind: c.city), \(bind: p.protectedIdentity), \(bind: f.openedAt.epochMilliseconds), 1)
                    """
            }
            try await db.raw(
                """
                INSERT INTO person_files (person_id, committee_id, opened_at, opened_by_unit_id, first_name, last_name, first_norm, last_norm,
                                          phone, phone_digits, email, street, postal_code, city, protected_identity, updated_at, version)
                VALUES \(rows.joined(separator: ", "))
                """
            ).run()
            let tokens = chunk.flatMap { f in
                FileValues(
                    personId: f.person.id.uuidString, committeeId: f.committeeId, firstName: f.person.firstName, lastName: f.person.lastName,
                    street: f.person.contact.street, protectedIdentity: f.person.protectedIdentity
                ).tokenRows(sortKey: sortKey(firstName: f.person.firstName, lastName: f.person.lastName, identityNumber: f.person.identityNumber))
            }
            try await insertSortedTokens(tokens, db)
        }
    }

    public func person(id: UUID, committeeId: String) async throws -> (person: Person, file: PersonFile)? {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.columns) FROM person_files f JOIN persons p ON p.id = f.person_id
                WHERE f.person_id = \(bind: id.uuidString) AND f.committee_id = \(bind: committeeId)
                """
            ).first(decoding: FileRow.self)?.value()
        }
    }

    public func exists(id: UUID) async throws -> Bool {
        try await database.read { db in try await db.raw("SELECT id FROM persons WHERE id = \(bind: id.uuidString)").first() != nil }
    }

    public func search(_ query: PersonSearchQuery, committeeId: String, limit: Int) async throws -> [PersonSummary] {
        let select: SQLQueryString = "SELECT DISTINCT p.id, p.identity_number, f.first_name, f.last_name, f.protected_identity, f.last_norm, f.first_norm"
        let files: SQLQueryString = "FROM person_files f JOIN persons p ON p.id = f.person_id"
        let q: SQLQueryString
        switch query {
        case .identityNumber(let number, let orPhone):
            // Current number, or any number the person has had; ten digits beginning with 0 also as a phone number.
            let byNumber: SQLQueryString = "f.person_id IN (SELECT person_id FROM person_identity_numbers WHERE identity_number = \(bind: number.digits))"
            let alsoPhone: SQLQueryString = orPhone.map { " OR (f.phone_digits = \(bind: $0) AND NOT f.protected_identity)" } ?? ""
            q = "\(select) \(files) WHERE f.committee_id = \(bind: committeeId) AND (\(byNumber)\(alsoPhone))"
        case .birthDate(let digits):
            // Ranges over the 12-digit number; samordningsnummer carry day + 60.
            var prefixes: [String] = []
            let candidates = digits.count == 8 ? [digits] : ["18", "19", "20"].map { $0 + digits }
            for c in candidates {
                prefixes.append(c)
                if let day = Int(c.suffix(2)), day <= 31 { prefixes.append(String(c.prefix(6)) + String(format: "%02d", day + 60)) }
            }
            let ranges = prefixes.map { p -> SQLQueryString in "(p.identity_number >= \(bind: p) AND p.identity_number < \(bind: p + "a"))" }
            q = "\(select) \(files) WHERE f.committee_id = \(bind: committeeId) AND (\(ranges.joined(separator: " OR ")))"
        case .phone(let digits):
            // The committee's phone index; never a person with protected identity.
            q = """
                \(select) \(files)
                WHERE f.committee_id = \(bind: committeeId) AND f.phone_digits >= \(bind: digits) AND f.phone_digits < \(bind: digits + "a")
                    AND NOT f.protected_identity
                """
        case .name(let tokens):
            q = Self.tokenQuery(select: select, kind: "name", tokens: tokens, committeeId: committeeId, limit: limit, excludeProtected: false)
        case .street(let tokens):
            q = Self.tokenQuery(select: select, kind: "street", tokens: tokens, committeeId: committeeId, limit: limit, excludeProtected: true)
        }
        return try await database.read { db in
            try await db.raw("\(q) ORDER BY f.last_norm, f.first_norm, p.identity_number LIMIT \(literal: limit)").all(decoding: SummaryRow.self).map { try $0.summary() }
        }
    }

    /// The committee's own token index: the longest token drives the index range, each other token must begin
    /// some other token of the same kind of the person ("andersson j": a J-name besides Andersson). The page of
    /// hits is chosen from the index by the tokens' sort key (migration 0025); only those are joined.
    static func tokenQuery(select: SQLQueryString, kind: String, tokens: [String], committeeId: String, limit: Int, excludeProtected: Bool) -> SQLQueryString {
        let ordered = tokens.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
        let first = ordered[0]
        var conditions: [SQLQueryString] = []
        for (i, t) in ordered.enumerated() where i > 0 {
            let alias = "t\(i)"
            conditions.append(
                """
                EXISTS (SELECT 1 FROM person_search_tokens \(unsafeRaw: alias) WHERE \(unsafeRaw: alias).committee_id = \(bind: committeeId)
                    AND \(unsafeRaw: alias).kind = \(bind: kind) AND \(unsafeRaw: alias).person_id = t0.person_id
                    AND \(unsafeRaw: alias).token >= \(bind: t) AND \(unsafeRaw: alias).token < \(bind: t + "\u{10FFFF}") AND \(unsafeRaw: alias).token <> t0.token)
                """)
        }
        let more: SQLQueryString = conditions.isEmpty ? "" : " AND \(conditions.joined(separator: " AND "))"
        // A condition on the file (protected identity) needs the file in the inner query.
        let file: SQLQueryString = excludeProtected ? " JOIN person_files f ON f.person_id = t0.person_id AND f.committee_id = t0.committee_id" : ""
        let extra: SQLQueryString = excludeProtected ? " AND NOT f.protected_identity" : ""
        return """
            \(select) FROM (
                SELECT DISTINCT t0.sort_key, t0.person_id FROM person_search_tokens t0\(file)
                WHERE t0.committee_id = \(bind: committeeId) AND t0.kind = \(bind: kind) AND t0.token >= \(bind: first) AND t0.token < \(bind: first + "\u{10FFFF}")\(more)\(extra)
                ORDER BY t0.sort_key LIMIT \(literal: limit)
            ) h
            JOIN person_files f ON f.person_id = h.person_id AND f.committee_id = \(bind: committeeId) JOIN persons p ON p.id = h.person_id
            """
    }

    public func recentFiles(unitId: String, limit: Int) async throws -> [PersonSummary] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT p.id, p.identity_number, f.first_name, f.last_name, f.protected_identity
                FROM person_files f JOIN persons p ON p.id = f.person_id
                WHERE f.opened_by_unit_id = \(bind: unitId)
                ORDER BY f.opened_at DESC, p.id LIMIT \(literal: limit)
                """
            ).all(decoding: SummaryRow.self).map { try $0.summary() }
        }
    }

    public func recentlySeen(userId: UUID, committeeId: String, limit: Int) async throws -> [PersonSummary] {
        struct Seen: Decodable { let person_id: String, seq: Int64 }
        return try await database.read { db in
            // The user's newest log rows by the `access_log_user` index; only person-page reads and registrations.
            let seen = try await db.raw(
                """
                SELECT person_id, seq FROM access_log
                WHERE user_id = \(bind: userId.uuidString) AND action IN ('person.read', 'person.create') AND outcome = 'allowed'
                    AND person_id IS NOT NULL AND committee_id = \(bind: committeeId)
                ORDER BY seq DESC LIMIT 200
                """
            ).all(decoding: Seen.self)
            var order: [String] = []
            for s in seen where !order.contains(s.person_id) {
                order.append(s.person_id)
                if order.count == limit { break }
            }
            guard !order.isEmpty else { return [] }
            let rows = try await db.raw(
                """
                SELECT p.id, p.identity_number, f.first_name, f.last_name, f.protected_identity
                FROM person_files f JOIN persons p ON p.id = f.person_id
                WHERE f.committee_id = \(bind: committeeId) AND f.person_id IN (\(binds: order))
                """
            ).all(decoding: SummaryRow.self)
            let byId = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return try order.compactMap { byId[$0] }.map { try $0.summary() }
        }
    }

    public func count() async throws -> Int {
        struct C: Decodable { let n: Int }
        return try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM persons").first(decoding: C.self)?.n ?? 0 }
    }
}
