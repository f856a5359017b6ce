import Foundation

/// Research projects, their decisions, keys and deliveries. Every change writes its access-log row in the same transaction.
public protocol ResearchStore: Sendable {
    /// A researcher's projects (nil: every project), newest application first.
    func projects(researcherId: UUID?) async throws -> [ResearchProject]
    func project(id: UUID) async throws -> ResearchProject?
    func insert(_ p: ResearchProject, audit: AccessLogEntry) async throws
    /// Records the decision on a project still waiting for one (else `DomainError` conflict), with the project's
    /// key when approved.
    func decide(_ p: ResearchProject, key: [UInt8]?, audit: AccessLogEntry) async throws
    /// The project's pseudonym key; never shown or released.
    func key(projectId: UUID) async throws -> [UInt8]?
    /// The population's facts, read set-based in one query.
    func facts(population: ResearchPopulation, from: LocalDate, to: LocalDate) async throws -> [ResearchFact]
    /// Records a delivered file with its access-log rows (generation and download).
    func recordDelivery(_ d: ResearchDelivery, audit: [AccessLogEntry]) async throws
    func deliveries(projectId: UUID) async throws -> [ResearchDelivery]
}

/// One delivered file: when, to whom, which file and its checksum.
public struct ResearchDelivery: Sendable, Equatable {
    public let id: UUID
    public let projectId: UUID
    public let userId: UUID
    public let file: ResearchFile
    public let sha256: String
    public let rows: Int
    public let at: Date

    public init(id: UUID, projectId: UUID, userId: UUID, file: ResearchFile, sha256: String, rows: Int, at: Date) {
        self.id = id
        self.projectId = projectId
        self.userId = userId
        self.file = file
        self.sha256 = sha256
        self.rows = rows
        self.at = at
    }
}

/// What a user may do with one project, computed here so views never re-check roles.
public struct ResearchCapabilities: Equatable, Sendable {
    public let decide: Bool
    public let download: Bool
    public init(decide: Bool, download: Bool) {
        self.decide = decide
        self.download = download
    }
    public init(_ u: StaffUser, _ p: ResearchProject, on day: LocalDate) {
        self.init(decide: ResearchRules.mayDecide(u, p), download: ResearchRules.mayDownload(u, p, on: day))
    }
}

public struct ResearchService: Sendable {
    let store: any ResearchStore
    let log: any AccessLog
    let clock: any Clock
    let newKey: @Sendable () -> [UInt8]
    let newId: @Sendable () -> UUID

    public init(
        store: any ResearchStore, log: any AccessLog, clock: any Clock, newKey: @escaping @Sendable () -> [UInt8] = ResearchPseudonymiser.newKey,
        newId: @escaping @Sendable () -> UUID = { UUID() }
    ) {
        self.store = store
        self.log = log
        self.clock = clock
        self.newKey = newKey
        self.newId = newId
    }

    public var today: LocalDate { LocalDate(clock.now()) }

    func entry(_ a: Actor, _ action: AuditAction, _ outcome: AccessLogEntry.Outcome, detail: String, after: String? = nil) -> AccessLogEntry {
        AccessLogEntry(at: clock.now(), requestId: a.requestId, actor: a.user, action: action, outcome: outcome, detail: detail, after: after)
    }

    /// A refused attempt: logged, then the error thrown.
    func refuse(_ a: Actor, _ action: AuditAction, _ reason: String, _ error: DomainError) async throws -> Never {
        try await log.append([entry(a, action, .denied, detail: "\(a.channel):\(reason)")])
        throw error
    }

    static func json(_ fields: [String: String]) -> String {
        let body = fields.keys.sorted().map { k in "\"\(k)\":\"\(fields[k]!.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
        return "{" + body.joined(separator: ",") + "}"
    }

    /// The projects the user's list shows: a researcher's own, or every project for the deciders.
    public func projects(by a: Actor) async throws -> [ResearchProject] {
        if ResearchRules.mayDecide(a.user) { return try await store.projects(researcherId: nil) }
        guard ResearchRules.mayApply(a.user) else { throw DomainError.forbidden }
        return try await store.projects(researcherId: a.user.id)
    }

    /// One project, if the user may see it (another researcher's: not found, and the attempt logged).
    public func project(_ id: UUID, by a: Actor) async throws -> ResearchProject {
        guard ResearchRules.hasResearch(a.user) else { throw DomainError.forbidden }
        guard let p = try await store.project(id: id), ResearchRules.maySee(a.user, p) else {
            try await refuse(a, .researchProjectRead, "not_own_project", .notFound)
        }
        return p
    }

    public func deliveries(_ p: ResearchProject) async throws -> [ResearchDelivery] { try await store.deliveries(projectId: p.id) }

    public func apply(_ application: ResearchApplication, by a: Actor) async throws -> ResearchProject {
        guard ResearchRules.mayApply(a.user) else { try await refuse(a, .researchApply, "role", .forbidden) }
        switch ResearchRules.validate(application, id: newId(), researcher: a.user, today: today, at: clock.now()) {
        case .failure(let e):
            // The fields that were wrong, never what was typed.
            try await refuse(a, .researchApply, "invalid:" + e.fields.map(\.field).joined(separator: "+"), e)
        case .success(let p):
            let after = Self.json([
                "project": p.id.uuidString.lowercased(), "approvalNumber": p.approvalNumber, "population": p.population.rawValue,
                "period": p.periodText, "endsOn": p.endsOn.description, "variables": p.variables.joined(separator: " "),
            ])
            try await store.insert(p, audit: entry(a, .researchApply, .allowed, detail: a.channel, after: after))
            return p
        }
    }

    /// Approves, or refuses with a reason. The project's key is made at approval and never leaves Samsyn.
    public func decide(_ id: UUID, approve: Bool, reason: String, by a: Actor) async throws -> ResearchProject {
        guard ResearchRules.mayDecide(a.user) else { try await refuse(a, .researchDecide, "role", .forbidden) }
        guard var p = try await store.project(id: id) else { try await refuse(a, .researchDecide, "not_found", .notFound) }
        if p.researcherId == a.user.id {
            try await refuse(a, .researchDecide, "own_application", DomainError(.forbidden, "Ingen får besluta om sin egen ansökan."))
        }
        guard p.status == .applied else {
            try await refuse(a, .researchDecide, "already_decided", DomainError(.conflict, "Ansökan är redan beslutad."))
        }
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve, let problem = ResearchRules.refusalProblem(text) {
            try await refuse(a, .researchDecide, "invalid:reason", .invalid([problem]))
        }
        p.status = approve ? .approved : .refused
        p.decidedAt = clock.now()
        p.decidedBy = a.user.id
        p.decidedByName = a.user.displayName
        p.refusalReason = approve ? nil : text
        let after = Self.json(["project": p.id.uuidString.lowercased(), "status": p.status.rawValue])
        try await store.decide(p, key: approve ? newKey() : nil, audit: entry(a, .researchDecide, .allowed, detail: a.channel, after: after))
        return p
    }

    /// Generates the project's extract for its own researcher (approved, before the end date) and logs the
    /// generation and the download of `file` in the same transaction as the delivery record.
    public func download(_ id: UUID, file: ResearchFile, by a: Actor) async throws -> (project: ResearchProject, extract: ResearchExtract) {
        guard ResearchRules.mayApply(a.user) else { try await refuse(a, .researchExtractDownload, "role", .forbidden) }
        guard let p = try await store.project(id: id), p.researcherId == a.user.id else {
            try await refuse(a, .researchExtractDownload, "not_own_project", .notFound)
        }
        switch p.phase(on: today) {
        case .approved: break
        case .applied, .refused:
            try await refuse(a, .researchExtractDownload, "not_approved", DomainError(.forbidden, "Projektet är inte godkänt. Inget lämnas ut före godkännandet."))
        case .ended:
            try await refuse(a, .researchExtractDownload, "ended", DomainError(.forbidden, "Projektets slutdatum har passerats. Uttaget kan inte längre hämtas."))
        }
        guard let key = try await store.key(projectId: p.id), let pseudonymiser = ResearchPseudonymiser(key: key) else {
            throw DomainError(.unavailable, "Projektets nyckel saknas. Inget lämnas ut.")
        }
        let facts = try await store.facts(population: p.population, from: p.dataFrom, to: p.dataTo)
        let extract = ResearchExtract.build(project: p, facts: facts, pseudonymiser: pseudonymiser, generatedAt: clock.now())
        let bytes = extract.bytes(file)
        let sum = FileChecksum.sha256(bytes)
        let rows = file == .data ? extract.report.rowsDelivered : 0
        let fields = [
            "project": p.id.uuidString.lowercased(), "rows": String(extract.report.rowsDelivered), "withheld": String(extract.report.rowsWithheld),
            "data": extract.dataSHA256,
        ]
        let generate = entry(a, .researchExtractGenerate, .allowed, detail: a.channel, after: Self.json(fields))
        let download = entry(
            a, .researchExtractDownload, .allowed, detail: a.channel, after: Self.json(["project": p.id.uuidString.lowercased(), "file": file.rawValue, "sha256": sum]))
        try await store.recordDelivery(
            ResearchDelivery(id: newId(), projectId: p.id, userId: a.user.id, file: file, sha256: sum, rows: rows, at: clock.now()), audit: [generate, download])
        return (p, extract)
    }
}
