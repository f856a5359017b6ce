import Foundation

/// A person's place in an intervention's queue, from queueing to an accepted or declined offer.
public struct QueueEntry: Hashable, Sendable, Identifiable {
    public enum Status: String, Sendable, CaseIterable {
        case waiting
        case offered
        case accepted
        case declined
        case withdrawn

        /// Whether the entry holds (or is about to hold) a place.
        public var holdsPlace: Bool { self == .offered || self == .accepted }
        public var isOpen: Bool { self == .waiting || self == .offered || self == .accepted }
    }

    public let id: UUID
    public let interventionId: String
    public let personId: UUID
    /// The committee whose caseworker queued the person (the entry is that committee's record).
    public let committeeId: String
    public let unitId: String
    /// The district whose allotment the place counts against.
    public let districtId: String
    public let queuedAt: Date
    public var priorityReason: String?
    public var status: Status
    public var offeredAt: Date?
    public var decidedAt: Date?

    public init(
        id: UUID, interventionId: String, personId: UUID, committeeId: String, unitId: String, districtId: String, queuedAt: Date,
        priorityReason: String? = nil, status: Status = .waiting, offeredAt: Date? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.interventionId = interventionId
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.districtId = districtId
        self.queuedAt = queuedAt
        self.priorityReason = priorityReason
        self.status = status
        self.offeredAt = offeredAt
        self.decidedAt = decidedAt
    }

    public var isPriority: Bool { priorityReason != nil }

    /// Queue order: prioritised entries (each with a recorded reason) first, then by time in the queue.
    public static func queueOrder(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
        if a.isPriority != b.isPriority { return a.isPriority }
        if a.queuedAt != b.queuedAt { return a.queuedAt < b.queuedAt }
        return a.id.uuidString < b.id.uuidString
    }

    /// A priority needs a reason someone can read later (3–500 characters).
    public static func validatePriorityReason(_ reason: String?) -> [FieldError] {
        guard let reason else { return [] }
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return (3...500).contains(r.count) ? [] : [FieldError(field: "priorityReason", message: "Skriv varför personen ska gå före i kön (3–500 tecken).")]
    }
}

public protocol InterventionStore: Sendable {
    func saveProvider(_ provider: Provider) async throws
    func saveIntervention(_ intervention: Intervention) async throws
    func providers() async throws -> [Provider]
    func interventions() async throws -> [Intervention]
    func intervention(id: String) async throws -> Intervention?
    /// Adds a person to the queue; `conflict` when they already have an open entry for the intervention.
    func enqueue(_ entry: QueueEntry, audit: AccessLogEntry) async throws
    func entry(id: UUID) async throws -> QueueEntry?
    /// The open entries of an intervention in queue order.
    func queue(interventionId: String) async throws -> [QueueEntry]
    /// Offers a place to a waiting entry in one transaction that also counts the places: of two offers of
    /// the last place at the same moment, exactly one succeeds and the other gets `conflict`.
    func offer(entryId: UUID, at: Date, audit: AccessLogEntry) async throws -> QueueEntry
    /// Records the person's answer to an offer.
    func decide(entryId: UUID, accept: Bool, at: Date, audit: AccessLogEntry) async throws -> QueueEntry
    /// Places taken (offered or accepted) per district.
    func occupancy(interventionId: String) async throws -> PlaceRules.Occupancy
}
