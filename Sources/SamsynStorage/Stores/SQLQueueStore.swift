import Foundation
import SQLKit
import SamsynDomain

/// The queues to interventions with places: entries, offers, answers and withdrawals. Each change re-reads
/// (and on PostgreSQL locks) what it decides on inside its transaction and lets `QueueRules` decide.
public struct SQLQueueStore: QueueStore {
    let database: Database
    public init(database: Database) { self.database = database }

    struct EntryRow: Decodable {
        let id: String, intervention_id: String, person_id: String, committee_id: String, unit_id: String, district_id: String
        let queued_at: Int64, priority_reason: String?, status: String, offered_at: Int64?, decided_at: Int64?, closed_reason: String?

        func entry() throws -> QueueEntry {
            let s = Strict("intervention_queue")
            return try QueueEntry(
                id: s.uuid("id", id), interventionId: intervention_id, personId: s.uuid("person_id", person_id), committeeId: committee_id,
                unitId: unit_id, districtId: district_id, queuedAt: Date(epochMilliseconds: queued_at), priorityReason: priority_reason,
                status: s.value("status", status), offeredAt: offered_at.map(Date.init(epochMilliseconds:)),
                decidedAt: decided_at.map(Date.init(epochMilliseconds:)), closedReason: closed_reason)
        }
    }

    public func enqueue(_ e: QueueEntry, audit: AccessLogEntry) async throws {
        do {
            try await database.write { db in
                try await db.raw(
                    """
                    INSERT INTO intervention_queue (id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason,
                        status, offered_at, decided_at)
                    VALUES (\(bind: e.id.uuidString), \(bind: e.interventionId), \(bind: e.personId.uuidString), \(bind: e.committeeId), \(bind: e.unitId),
                            \(bind: e.districtId), \(bind: e.queuedAt.epochMilliseconds), \(bind: e.priorityReason), \(bind: e.status.rawValue),
                            \(bind: e.offeredAt?.epochMilliseconds), \(bind: e.decidedAt?.epochMilliseconds))
                    """
                ).run()
                try await AccessLogChain.append([audit], on: db, kind: database.kind)
            }
        } catch where error.isUniqueViolation {
            throw QueueRules.alreadyQueued
        }
    }

    static let entryColumns: SQLQueryString =
        "id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason, status, offered_at, decided_at, closed_reason"

    public func entry(id: UUID) async throws -> QueueEntry? {
        try await database.read { db in
            try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: id.uuidString)").first(decoding: EntryRow.self)?.entry()
        }
    }

    public func queue(interventionId: String) async throws -> [QueueEntry] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.entryColumns) FROM intervention_queue
                WHERE intervention_id = \(bind: interventionId) AND status IN ('waiting', 'offered', 'accepted')
                """
            ).all(decoding: EntryRow.self).map { try $0.entry() }.sorted(by: QueueEntry.queueOrder)
        }
    }

    static func occupancy(_ interventionId: String, _ db: any SQLDatabase) async throws -> PlaceRules.Occupancy {
        struct Row: Decodable { let district_id: String, n: Int }
        // From the counts the triggers of migration 0026 keep beside the entries.
        let rows = try await db.raw(
            """
            SELECT district_id, CAST(SUM(n) AS BIGINT) AS n FROM intervention_queue_counts
            WHERE intervention_id = \(bind: interventionId) AND status IN ('offered', 'accepted')
            GROUP BY district_id HAVING SUM(n) > 0
            """
        ).all(decoding: Row.self)
        return PlaceRules.Occupancy(byDistrict: Dictionary(uniqueKeysWithValues: rows.map { ($0.district_id, $0.n) }))
    }

    public func occupancy(interventionId: String) async throws -> PlaceRules.Occupancy {
        try await database.read { db in try await Self.occupancy(interventionId, db) }
    }

    public func offer(_ r: QueueOfferRequest, audit: @Sendable (QueueOffer) -> AccessLogEntry) async throws -> QueueOffer {
        try await database.write { db in
            guard let entry = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: r.entryId.uuidString)")
                .first(decoding: EntryRow.self)?.entry()
            else { throw DomainError.notFound }
            // Serialise offers for the intervention: SQLite's write transaction already does; on PostgreSQL the
            // intervention row is locked, so a concurrent offer counts the places only after this one commits.
            if database.kind == .postgres {
                _ = try await db.raw("SELECT id FROM interventions WHERE id = \(bind: entry.interventionId) FOR UPDATE").all()
            }
            // The entry is re-read after the lock: a concurrent offer of the same entry has committed by now.
            guard let current = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: r.entryId.uuidString)")
                .first(decoding: EntryRow.self)?.entry(),
                let intervention = try await SQLInterventionCatalogueStore.interventions(where: entry.interventionId, db).first
            else { throw DomainError.notFound }
            // Who else of the committee waits for the intervention: the order rule is decided on these rows.
            let waiting = try await db.raw(
                """
                SELECT \(Self.entryColumns) FROM intervention_queue
                WHERE intervention_id = \(bind: entry.interventionId) AND committee_id = \(bind: entry.committeeId) AND status = 'waiting'
                """
            ).all(decoding: EntryRow.self).map { try $0.entry() }
            let (_, passedOver, checked) = try QueueRules.offer(
                current, intervention: intervention, occupancy: try await Self.occupancy(entry.interventionId, db), waiting: waiting, input: r.input,
                today: r.today, at: r.at)
            try await db.raw(
                "UPDATE intervention_queue SET status = 'offered', offered_at = \(bind: r.at.epochMilliseconds) WHERE id = \(bind: r.entryId.uuidString) AND status = 'waiting'"
            ).run()
            let offer = QueueOffer(
                id: r.offerId, entryId: current.id, interventionId: current.interventionId, personId: current.personId, committeeId: current.committeeId,
                unitId: current.unitId, districtId: current.districtId, offeredAt: r.at, offeredById: r.byId, offeredByName: r.byName, answerBy: checked.answerBy,
                passedOver: passedOver, reason: checked.reason, reasonText: checked.reasonText)
            try await db.raw(
                """
                INSERT INTO queue_offers (id, entry_id, intervention_id, person_id, committee_id, unit_id, district_id, offered_at, offered_by, offered_by_name,
                    answer_by, passed_over, reason, reason_text, status)
                VALUES (\(bind: offer.id.uuidString), \(bind: offer.entryId.uuidString), \(bind: offer.interventionId), \(bind: offer.personId.uuidString),
                    \(bind: offer.committeeId), \(bind: offer.unitId), \(bind: offer.districtId), \(bind: r.at.epochMilliseconds), \(bind: r.byId.uuidString),
                    \(bind: r.byName), \(bind: offer.answerBy.description), \(bind: passedOver), \(bind: offer.reason?.rawValue), \(bind: offer.reasonText), 'open')
                """
            ).run()
            try await AccessLogChain.append([audit(offer)], on: db, kind: database.kind)
            return offer
        }
    }

    struct OfferRow: Decodable {
        let id: String, entry_id: String, intervention_id: String, person_id: String, committee_id: String, unit_id: String, district_id: String
        let offered_at: Int64, offered_by: String, offered_by_name: String, answer_by: String, passed_over: Int, reason: String?, reason_text: String?
        let status: String, settled_at: Int64?

        func value() throws -> QueueOffer {
            let s = Strict("queue_offers")
            return try QueueOffer(
                id: s.uuid("id", id), entryId: s.uuid("entry_id", entry_id), interventionId: intervention_id, personId: s.uuid("person_id", person_id),
                committeeId: committee_id, unitId: unit_id, districtId: district_id, offeredAt: Date(epochMilliseconds: offered_at),
                offeredById: s.uuid("offered_by", offered_by), offeredByName: offered_by_name, answerBy: s.date("answer_by", answer_by), passedOver: passed_over,
                reason: s.value("reason", reason, as: QueueOffer.OutOfOrderReason.self), reasonText: reason_text,
                status: s.value("status", status), settledAt: settled_at.map(Date.init(epochMilliseconds:)))
        }
    }

    static let offerColumns: SQLQueryString =
        "id, entry_id, intervention_id, person_id, committee_id, unit_id, district_id, offered_at, offered_by, offered_by_name, answer_by, passed_over, reason, reason_text, status, settled_at"

    public func offers(interventionId: String, committeeId: String, limit: Int) async throws -> [QueueOffer] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.offerColumns) FROM queue_offers WHERE intervention_id = \(bind: interventionId) AND committee_id = \(bind: committeeId)
                ORDER BY offered_at DESC, id LIMIT \(literal: limit)
                """
            ).all(decoding: OfferRow.self).map { try $0.value() }
        }
    }

    public func openOffers(entryIds: [UUID]) async throws -> [UUID: QueueOffer] {
        guard !entryIds.isEmpty else { return [:] }
        return try await database.read { db in
            var out: [UUID: QueueOffer] = [:]
            for chunk in stride(from: 0, to: entryIds.count, by: 500).map({ Array(entryIds[$0..<min($0 + 500, entryIds.count)]) }) {
                for o in try await db.raw(
                    "SELECT \(Self.offerColumns) FROM queue_offers WHERE status = 'open' AND entry_id IN (\(binds: chunk.map(\.uuidString)))"
                ).all(decoding: OfferRow.self).map({ try $0.value() }) {
                    out[o.entryId] = o
                }
            }
            return out
        }
    }

    public func offers(madeFrom from: Date, to: Date) async throws -> [QueueOffer] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.offerColumns) FROM queue_offers
                WHERE offered_at >= \(bind: from.epochMilliseconds) AND offered_at < \(bind: to.epochMilliseconds) ORDER BY offered_at
                """
            ).all(decoding: OfferRow.self).map { try $0.value() }
        }
    }

    public func lapseDueOffers(today: LocalDate, at: Date, audit: @Sendable (QueueOffer) -> AccessLogEntry) async throws -> [QueueOffer] {
        // A cheap read first: most of the time nothing is due and nothing is written.
        let due = try await database.read { db in
            try await db.raw("SELECT id FROM queue_offers WHERE status = 'open' AND answer_by < \(bind: today.description)").all()
        }
        guard !due.isEmpty else { return [] }
        return try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            let offers = try await db.raw(
                "SELECT \(Self.offerColumns) FROM queue_offers WHERE status = 'open' AND answer_by < \(bind: today.description) ORDER BY offered_at\(forUpdate)"
            ).all(decoding: OfferRow.self).map { try $0.value() }
            var lapsed: [QueueOffer] = []
            for var o in offers where o.isDue(today: today) {
                try await db.raw(
                    "UPDATE queue_offers SET status = 'lapsed', settled_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: o.id.uuidString) AND status = 'open'"
                ).run()
                // The person waits again with their original queue time: not answering a letter costs the place, not the wait.
                try await db.raw(
                    "UPDATE intervention_queue SET status = 'waiting', offered_at = NULL WHERE id = \(bind: o.entryId.uuidString) AND status = 'offered'"
                ).run()
                o.status = .lapsed
                o.settledAt = at
                lapsed.append(o)
            }
            try await AccessLogChain.append(lapsed.map(audit), on: db, kind: database.kind)
            return lapsed
        }
    }

    public func personsWithLapsedOffers(interventionId: String, committeeId: String) async throws -> [UUID] {
        struct Row: Decodable { let person_id: String }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT DISTINCT person_id FROM queue_offers
                WHERE status = 'lapsed' AND intervention_id = \(bind: interventionId) AND committee_id = \(bind: committeeId)
                """
            ).all(decoding: Row.self).map { try Strict("queue_offers").uuid("person_id", $0.person_id) }
        }
    }

    /// Settles the entry's open offer with the person's answer or the withdrawal.
    static func settleOpenOffer(_ entryId: UUID, _ status: QueueOffer.Status, at: Date, _ db: any SQLDatabase) async throws {
        try await db.raw(
            "UPDATE queue_offers SET status = \(bind: status.rawValue), settled_at = \(bind: at.epochMilliseconds) WHERE entry_id = \(bind: entryId.uuidString) AND status = 'open'"
        ).run()
    }

    public func decide(entryId: UUID, accept: Bool, at: Date, audit: AccessLogEntry) async throws -> QueueEntry {
        try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            guard let entry = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: entryId.uuidString)\(forUpdate)")
                .first(decoding: EntryRow.self)?.entry()
            else { throw DomainError.notFound }
            let answered = try QueueRules.answer(entry, accept: accept, at: at)
            try await db.raw(
                "UPDATE intervention_queue SET status = \(bind: answered.status.rawValue), decided_at = \(bind: at.epochMilliseconds) WHERE id = \(bind: entryId.uuidString)"
            ).run()
            try await Self.settleOpenOffer(entryId, accept ? .accepted : .declined, at: at, db)
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            return answered
        }
    }

    public func withdraw(entryId: UUID, reason: String, at: Date, audit: AccessLogEntry) async throws -> QueueEntry {
        try await database.write { db in
            let forUpdate: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
            guard let entry = try await db.raw("SELECT \(Self.entryColumns) FROM intervention_queue WHERE id = \(bind: entryId.uuidString)\(forUpdate)")
                .first(decoding: EntryRow.self)?.entry()
            else { throw DomainError.notFound }
            let placeInUse = try await db.raw("SELECT id FROM intervention_episodes WHERE queue_entry_id = \(bind: entryId.uuidString)").first() != nil
            let withdrawn = try QueueRules.withdraw(entry, placeInUse: placeInUse, reason: reason, at: at)
            try await db.raw(
                """
                UPDATE intervention_queue SET status = 'withdrawn', decided_at = \(bind: at.epochMilliseconds), closed_reason = \(bind: reason)
                WHERE id = \(bind: entryId.uuidString)
                """
            ).run()
            try await Self.settleOpenOffer(entryId, .withdrawn, at: at, db)
            try await AccessLogChain.append([audit], on: db, kind: database.kind)
            return withdrawn
        }
    }

    struct ListingRow: Decodable {
        let id: String, intervention_id: String, person_id: String, committee_id: String, unit_id: String, district_id: String
        let queued_at: Int64, priority_reason: String?, status: String, offered_at: Int64?, decided_at: Int64?, closed_reason: String?
        let identity_number: String, first_name: String, last_name: String, protected_identity: Bool
    }

    /// Queue order, matching the `intervention_queue_rank_cover` and `intervention_queue_committee_cover` indexes.
    static let queueOrder: SQLQueryString = "CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END, queued_at, id"
    /// The first column of the queue order: 0 for a prioritised entry, 1 for the others.
    private static let rankFlag: SQLQueryString = "CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END"

    /// An entry's place in queue order, compared as the indexes order it.
    struct QueueKey: Comparable {
        let prioritised: Bool, queuedAt: Int64, id: String
        var flag: Int { prioritised ? 0 : 1 }
        static func < (a: QueueKey, b: QueueKey) -> Bool { (a.flag, a.queuedAt, a.id) < (b.flag, b.queuedAt, b.id) }
    }

    /// The place in the whole queue (every committee's waiting entries) of each given waiting entry, given in
    /// queue order. Counted from index ranges: the waiting entries before the first one, then every waiting
    /// entry from the first to the last (a page's span, including other committees' entries between them).
    static func positions(of keys: [QueueKey], interventionId: String, _ db: any SQLDatabase) async throws -> [String: Int] {
        guard let first = keys.first, let last = keys.last else { return [:] }
        struct Count: Decodable { let n: Int }
        struct Entry: Decodable { let id: String, queued_at: Int64, flag: Int }
        let waiting: SQLQueryString = "intervention_id = \(bind: interventionId) AND status = 'waiting'"
        let before = try await db.raw(
            """
            SELECT (SELECT COUNT(*) FROM intervention_queue WHERE \(waiting) AND \(rankFlag) < \(bind: first.flag))
                + (SELECT COUNT(*) FROM intervention_queue WHERE \(waiting) AND \(rankFlag) = \(bind: first.flag) AND queued_at < \(bind: first.queuedAt))
                + (SELECT COUNT(*) FROM intervention_queue WHERE \(waiting) AND \(rankFlag) = \(bind: first.flag) AND queued_at = \(bind: first.queuedAt)
                    AND id < \(bind: first.id)) AS n
            """
        ).first(decoding: Count.self)?.n ?? 0
        // The span, one index range per rank flag it covers; the ends are trimmed to the exact keys below.
        var span: [QueueKey] = []
        for flag in first.flag...last.flag {
            let from: SQLQueryString = flag == first.flag ? " AND queued_at >= \(bind: first.queuedAt)" : ""
            let to: SQLQueryString = flag == last.flag ? " AND queued_at <= \(bind: last.queuedAt)" : ""
            span += try await db.raw(
                "SELECT id, queued_at, \(rankFlag) AS flag FROM intervention_queue WHERE \(waiting) AND \(rankFlag) = \(bind: flag)\(from)\(to)"
            ).all(decoding: Entry.self).map { QueueKey(prioritised: $0.flag == 0, queuedAt: $0.queued_at, id: $0.id) }
        }
        let wanted = Set(keys.map(\.id))
        var out: [String: Int] = [:]
        for (i, key) in span.filter({ $0 >= first && $0 <= last }).sorted().enumerated() where wanted.contains(key.id) { out[key.id] = before + i + 1 }
        return out
    }

    public func queuePage(interventionId: String, committeeId: String, offset: Int, limit: Int) async throws -> QueuePageResult {
        return try await database.read { db in
            // The committee's page, read in queue order from its covering index (prioritised entries first,
            // then by time in the queue); only the page's ids leave the index, then rows and persons are joined.
            let rows = try await db.raw(
                """
                SELECT q.id, q.intervention_id, q.person_id, q.committee_id, q.unit_id, q.district_id, q.queued_at, q.priority_reason, q.status,
                    q.offered_at, q.decided_at, q.closed_reason, p.identity_number, f.first_name, f.last_name, f.protected_identity
                FROM (
                    SELECT id FROM intervention_queue
                    WHERE intervention_id = \(bind: interventionId) AND committee_id = \(bind: committeeId) AND status IN ('waiting', 'offered', 'accepted')
                    ORDER BY \(Self.queueOrder) LIMIT \(literal: limit) OFFSET \(literal: offset)
                ) k JOIN intervention_queue q ON q.id = k.id JOIN persons p ON p.id = q.person_id
                JOIN person_files f ON f.person_id = q.person_id AND f.committee_id = q.committee_id
                ORDER BY CASE WHEN q.priority_reason IS NULL THEN 1 ELSE 0 END, q.queued_at, q.id
                """
            ).all(decoding: ListingRow.self)
            let positions = try await Self.positions(
                of: rows.filter { $0.status == QueueEntry.Status.waiting.rawValue }.map { QueueKey(prioritised: $0.priority_reason != nil, queuedAt: $0.queued_at, id: $0.id) },
                interventionId: interventionId, db)
            // Both totals from the counts the triggers of migration 0026 keep, in one statement.
            struct Totals: Decodable { let total: Int, waiting_all: Int }
            let totals = try await db.raw(
                """
                SELECT CAST(COALESCE(SUM(CASE WHEN committee_id = \(bind: committeeId) AND status IN ('waiting', 'offered', 'accepted') THEN n ELSE 0 END), 0) AS BIGINT) AS total,
                    CAST(COALESCE(SUM(CASE WHEN status = 'waiting' THEN n ELSE 0 END), 0) AS BIGINT) AS waiting_all
                FROM intervention_queue_counts WHERE intervention_id = \(bind: interventionId)
                """
            ).first(decoding: Totals.self)
            let total = totals?.total ?? 0, waitingAll = totals?.waiting_all ?? 0
            let lines = try rows.map { r in
                try QueueListing(
                    entry: EntryRow(
                        id: r.id, intervention_id: r.intervention_id, person_id: r.person_id, committee_id: r.committee_id, unit_id: r.unit_id,
                        district_id: r.district_id, queued_at: r.queued_at, priority_reason: r.priority_reason, status: r.status,
                        offered_at: r.offered_at, decided_at: r.decided_at, closed_reason: r.closed_reason
                    ).entry(), position: positions[r.id],
                    person: PersonSummary(
                        id: Strict("intervention_queue").uuid("person_id", r.person_id),
                        identityNumber: Strict("persons").identityNumber("identity_number", r.identity_number),
                        firstName: r.first_name, lastName: r.last_name, protectedIdentity: r.protected_identity))
            }
            return QueuePageResult(lines: lines, total: total, waitingAll: waitingAll)
        }
    }

    public func entries(personId: UUID, committeeId: String) async throws -> [QueueEntry] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT \(Self.entryColumns) FROM intervention_queue
                WHERE person_id = \(bind: personId.uuidString) AND committee_id = \(bind: committeeId) ORDER BY queued_at
                """
            ).all(decoding: EntryRow.self).map { try $0.entry() }
        }
    }

    public func queueFigures(offeredSince: Date) async throws -> [QueueFigureRow] {
        struct Row: Decodable { let intervention_id: String, district_id: String, status: String, queued_at: Int64, offered_at: Int64? }
        return try await database.read { db in
            try await db.raw(
                """
                SELECT intervention_id, district_id, status, queued_at, offered_at FROM intervention_queue
                WHERE status IN ('waiting', 'offered', 'accepted') OR offered_at >= \(bind: offeredSince.epochMilliseconds)
                """
            ).all(decoding: Row.self).map { r in
                try QueueFigureRow(
                    interventionId: r.intervention_id, districtId: r.district_id, status: Strict("intervention_queue").value("status", r.status),
                    queuedAt: Date(epochMilliseconds: r.queued_at), offeredAt: r.offered_at.map(Date.init(epochMilliseconds:)))
            }
        }
    }

    /// Open queue entries per intervention and status (aggregated: no personal data).
    public func queueCounts() async throws -> [String: [QueueEntry.Status: Int]] {
        struct Row: Decodable { let intervention_id: String, status: String, n: Int }
        let rows = try await database.read { db in
            try await db.raw(
                """
                SELECT intervention_id, status, COUNT(*) AS n FROM intervention_queue
                WHERE status IN ('waiting', 'offered', 'accepted') GROUP BY intervention_id, status
                """
            ).all(decoding: Row.self)
        }
        var out: [String: [QueueEntry.Status: Int]] = [:]
        for r in rows { out[r.intervention_id, default: [:]][try Strict("intervention_queue").value("status", r.status, as: QueueEntry.Status.self)] = r.n }
        return out
    }
}
