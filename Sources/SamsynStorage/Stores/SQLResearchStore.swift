import Foundation
import SQLKit
import SamsynDomain

/// Research projects, their keys and deliveries (issue 17), and the population's facts for an extract: one
/// set-based query per extract, streamed row by row into compact values. No name, number or address is read
/// beyond the personnummer's birth date and legal gender, which are derived here and never leave the store.
public struct SQLResearchStore: ResearchStore {
    let database: Database
    public init(database: Database) { self.database = database }

    static let columns: SQLQueryString = """
        id, researcher_user_id, researcher_name, title, approval_number, purpose, data_from, data_to, ends_on, population, variables, k, status,
        applied_at, decided_at, decided_by_user_id, decided_by_name, refusal_reason
        """

    struct Row: Decodable {
        let id: String, researcher_user_id: String, researcher_name: String, title: String, approval_number: String, purpose: String
        let data_from: String, data_to: String, ends_on: String, population: String, variables: String, k: Int, status: String
        let applied_at: Int64, decided_at: Int64?, decided_by_user_id: String?, decided_by_name: String?, refusal_reason: String?

        func project() throws -> ResearchProject {
            let s = Strict("research_projects")
            let variables = variables.split(separator: ",").map(String.init)
            for v in variables where ResearchDictionary.variable(v) == nil { throw s.corrupt("variables", "unknown variable '\(v.prefix(40))'") }
            let status: ResearchProject.Status = try s.value("status", status)
            if status == .refused, refusal_reason == nil { throw s.corrupt("refusal_reason", "missing value") }
            return ResearchProject(
                id: try s.uuid("id", id), researcherId: try s.uuid("researcher_user_id", researcher_user_id), researcherName: researcher_name, title: title,
                approvalNumber: approval_number, purpose: purpose, dataFrom: try s.date("data_from", data_from), dataTo: try s.date("data_to", data_to),
                endsOn: try s.date("ends_on", ends_on), population: try s.value("population", population), variables: variables, k: k, status: status,
                appliedAt: Date(epochMilliseconds: applied_at), decidedAt: decided_at.map { Date(epochMilliseconds: $0) },
                decidedBy: try s.uuid("decided_by_user_id", decided_by_user_id), decidedByName: decided_by_name, refusalReason: refusal_reason)
        }
    }

    public func projects(researcherId: UUID?) async throws -> [ResearchProject] {
        try await database.read { db in
            let q: SQLQueryString =
                researcherId.map { "SELECT \(Self.columns) FROM research_projects WHERE researcher_user_id = \(bind: $0.uuidString) ORDER BY applied_at DESC, id" }
                ?? "SELECT \(Self.columns) FROM research_projects ORDER BY applied_at DESC, id"
            return try await db.raw(q).all(decoding: Row.self).map { try $0.project() }
        }
    }

    public func project(id: UUID) async throws -> ResearchProject? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.columns) FROM research_projects WHERE id = \(bind: id.uuidString)").first(decoding: Row.self)?.project()
        }
    }

    public func insert(_ p: ResearchProject, audit: AccessLogEntry) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO research_projects (\(Self.columns))
                VALUES (\(bind: p.id.uuidString), \(bind: p.researcherId.uuidString), \(bind: p.researcherName), \(bind: p.title), \(bind: p.approvalNumber),
                        \(bind: p.purpose), \(bind: p.dataFrom.description), \(bind: p.dataTo.description), \(bind: p.endsOn.description),
                        \(bind: p.population.rawValue), \(bind: p.variables.joined(separator: ",")), \(bind: p.k), \(bind: p.status.rawValue),
                        \(bind: p.appliedAt.epochMilliseconds), NULL, NULL, NULL, NULL)
                """
            ).run()
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }

    public func decide(_ p: ResearchProject, key: [UInt8]?, audit: AccessLogEntry) async throws {
        struct R: Decodable { let id: String }
        try await database.write { db in
            let updated = try await db.raw(
                """
                UPDATE research_projects SET status = \(bind: p.status.rawValue), decided_at = \(bind: p.decidedAt?.epochMilliseconds),
                    decided_by_user_id = \(bind: p.decidedBy?.uuidString), decided_by_name = \(bind: p.decidedByName), refusal_reason = \(bind: p.refusalReason)
                WHERE id = \(bind: p.id.uuidString) AND status = 'applied' RETURNING id
                """
            ).all(decoding: R.self)
            guard !updated.isEmpty else { throw DomainError(.conflict, "Ansökan är redan beslutad. Läs in sidan igen; inget sparades.") }
            if let key {
                try await db.raw(
                    """
                    INSERT INTO research_project_keys (project_id, key_hex, created_at)
                    VALUES (\(bind: p.id.uuidString), \(bind: Hex.encode(key)), \(bind: (p.decidedAt ?? Date()).epochMilliseconds))
                    """
                ).run()
            }
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
        }
    }

    public func key(projectId: UUID) async throws -> [UInt8]? {
        struct R: Decodable { let key_hex: String }
        let hex = try await database.read { db in
            try await db.raw("SELECT key_hex FROM research_project_keys WHERE project_id = \(bind: projectId.uuidString)").first(decoding: R.self)?.key_hex
        }
        guard let hex else { return nil }
        guard let bytes = Self.bytes(hex: hex), bytes.count == ResearchPseudonymiser.keyBytes else {
            throw Strict("research_project_keys").corrupt("key_hex", "malformed key")
        }
        return bytes
    }

    static func bytes(hex: String) -> [UInt8]? {
        let u = Array(hex.utf8)
        guard u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let h = nibble(u[i]), let l = nibble(u[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }

    public func recordDelivery(_ d: ResearchDelivery, audit: [AccessLogEntry]) async throws {
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO research_deliveries (id, project_id, user_id, file, sha256, row_count, delivered_at)
                VALUES (\(bind: d.id.uuidString), \(bind: d.projectId.uuidString), \(bind: d.userId.uuidString), \(bind: d.file.rawValue), \(bind: d.sha256),
                        \(bind: d.rows), \(bind: d.at.epochMilliseconds))
                """
            ).run()
            try await AccessLogChain.append(audit, on: db, kind: database.kind)
        }
    }

    public func deliveries(projectId: UUID) async throws -> [ResearchDelivery] {
        struct R: Decodable { let id: String, project_id: String, user_id: String, file: String, sha256: String, row_count: Int, delivered_at: Int64 }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT id, project_id, user_id, file, sha256, row_count, delivered_at FROM research_deliveries
                WHERE project_id = \(bind: projectId.uuidString) ORDER BY delivered_at DESC, id
                """
            ).all(decoding: R.self).map { r in
                let s = Strict("research_deliveries")
                return ResearchDelivery(
                    id: try s.uuid("id", r.id), projectId: try s.uuid("project_id", r.project_id), userId: try s.uuid("user_id", r.user_id),
                    file: try s.value("file", r.file), sha256: r.sha256, rows: r.row_count, at: Date(epochMilliseconds: r.delivered_at))
            }
        }
    }

    /// Collects streamed rows; the first corrupt row stops the extract.
    final class Collector: @unchecked Sendable {
        let lock = NSLock()
        var facts: [ResearchFact] = []
        var error: (any Error)?
        func add(_ body: () throws -> ResearchFact) {
            lock.withLock {
                guard error == nil else { return }
                do { facts.append(try body()) } catch { self.error = error }
            }
        }
    }

    public func facts(population: ResearchPopulation, from: LocalDate, to: LocalDate) async throws -> [ResearchFact] {
        let f = from.monthKey, t = to.monthKey
        let firstDay = from.firstOfMonth.description, lastDay = to.firstOfMonth.adding(months: 1).adding(days: -1).description
        let base: SQLQueryString =
            population == .aid
            ? "FROM aid JOIN persons p ON p.id = aid.person_id LEFT JOIN enr ON enr.person_id = aid.person_id"
            : "FROM enr JOIN persons p ON p.id = enr.person_id LEFT JOIN aid ON aid.person_id = enr.person_id"
        let query: SQLQueryString = """
            WITH aid AS (
                SELECT person_id, COUNT(DISTINCT month) AS months, MIN(month) AS first_month, MAX(month || ' ' || committee_id) AS last_key
                FROM aid_months WHERE month >= \(bind: f) AND month <= \(bind: t) GROUP BY person_id
            ), enr AS (
                SELECT person_id, MIN(enrolled_on) AS enrolled_on, MIN(district_committee_id) AS enr_district
                FROM enrolments WHERE enrolled_on <= \(bind: lastDay) AND (closed_on IS NULL OR closed_on >= \(bind: firstDay)) GROUP BY person_id
            )
            SELECT p.id, p.identity_number, COALESCE(aid.months, 0) AS months, aid.first_month, aid.last_key, enr.enrolled_on, enr.enr_district
            \(base)
            WHERE NOT EXISTS (SELECT 1 FROM person_files pf WHERE pf.person_id = p.id AND pf.protected_identity = \(bind: true))
            """
        let collector = Collector()
        try await database.read { db in
            try await db.raw(query).run { row in
                collector.add {
                    let s = Strict("persons")
                    let id = try row.decode(column: "id", as: String.self)
                    let digits = try row.decode(column: "identity_number", as: String.self)
                    guard let person = MeasuredPerson(identityDigits: digits) else { throw s.corrupt("identity_number", "not a stored personnummer") }
                    let enrolled = try row.decode(column: "enrolled_on", as: String?.self)
                    // The last month with aid and, that month, the committee last in order (a move within a month): one key.
                    let lastKey = try row.decode(column: "last_key", as: String?.self)
                    let lastMonth = lastKey.map { String($0.prefix(7)) }
                    let aidDistrict = lastKey.flatMap { k in k.firstIndex(of: " ").map { String(k[k.index(after: $0)...]) } }
                    let enrDistrict = try row.decode(column: "enr_district", as: String?.self)
                    return ResearchFact(
                        personId: try s.uuid("id", id), gender: person.gender, birthDate: person.birthDate, district: aidDistrict ?? enrDistrict,
                        aidMonths: try row.decode(column: "months", as: Int.self), firstAidMonth: try row.decode(column: "first_month", as: String?.self),
                        lastAidMonth: lastMonth,
                        jobbtorgEnrolledOn: try Strict("enrolments").date("enrolled_on", enrolled))
                }
            }
        }
        if let e = collector.error { throw e }
        return collector.facts
    }
}
