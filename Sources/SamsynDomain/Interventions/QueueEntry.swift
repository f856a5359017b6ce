import Foundation

/// A person's place in an intervention's queue, from queueing to an accepted or declined offer.
public struct QueueEntry: Hashable, Sendable, Identifiable {
    public enum Status: String, Sendable, CaseIterable {
        case waiting
        case offered
        case accepted
        case declined
        case withdrawn
        /// The participation that used the place has ended; the place is free again.
        case ended

        /// Offering a place is for those waiting; an answer is to an offer; a participation starts from an accepted place.
        /// The store's transaction checks the same rules.
        public var canOffer: Bool { self == .waiting }
        public var canAnswer: Bool { self == .offered }
        public var canStart: Bool { self == .accepted }

        public var swedishName: String {
            switch self {
            case .waiting: "Väntar"
            case .offered: "Erbjuden plats"
            case .accepted: "Har plats"
            case .declined: "Tackade nej"
            case .withdrawn: "Borttagen ur kön"
            case .ended: "Deltagandet avslutat"
            }
        }

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
    /// Why the entry was withdrawn from the queue.
    public var closedReason: String?

    public init(
        id: UUID, interventionId: String, personId: UUID, committeeId: String, unitId: String, districtId: String, queuedAt: Date,
        priorityReason: String? = nil, status: Status = .waiting, offeredAt: Date? = nil, decidedAt: Date? = nil, closedReason: String? = nil
    ) {
        self.closedReason = closedReason
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

public struct QueuePageResult: Sendable {
    public let lines: [QueueListing]
    /// The committee's open entries in the queue.
    public let total: Int
    /// Everyone waiting for the intervention, all committees.
    public let waitingAll: Int
    public init(lines: [QueueListing], total: Int, waitingAll: Int) {
        self.lines = lines
        self.total = total
        self.waitingAll = waitingAll
    }
}

/// A row of a committee's queue page.
public struct QueueListing: Sendable {
    public let entry: QueueEntry
    /// 1-based position among everyone waiting for the intervention (all committees); nil when not waiting.
    public let position: Int?
    public let person: PersonSummary
    public init(entry: QueueEntry, position: Int?, person: PersonSummary) {
        self.entry = entry
        self.position = position
        self.person = person
    }
}

/// One queue entry reduced to what the figures need.
public struct QueueFigureRow: Sendable {
    public let interventionId: String
    public let districtId: String
    public let status: QueueEntry.Status
    public let queuedAt: Date
    public let offeredAt: Date?
    public init(interventionId: String, districtId: String, status: QueueEntry.Status, queuedAt: Date, offeredAt: Date?) {
        self.interventionId = interventionId
        self.districtId = districtId
        self.status = status
        self.queuedAt = queuedAt
        self.offeredAt = offeredAt
    }
}
