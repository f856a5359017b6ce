import Foundation

/// A person's participation in an intervention: start, planned end, actual end and outcome, linked to
/// the plan sub-goal it serves. The case flow's attendance attaches to episodes; the rule "no new
/// intervention in three months" reads them.
public struct Episode: Hashable, Sendable, Identifiable {
    public enum Outcome: String, Sendable, CaseIterable, Codable {
        case completed
        case interrupted
        case work
        case studies

        public var swedishName: String {
            switch self {
            case .completed: "Genomförd"
            case .interrupted: "Avbruten"
            case .work: "Ledde till arbete"
            case .studies: "Ledde till studier"
            }
        }
    }

    public let id: UUID
    public let interventionId: String
    public let personId: UUID
    /// The committee whose caseworker recorded it (the episode is that committee's record).
    public let committeeId: String
    public let unitId: String
    /// The place in the queue the episode uses, when the intervention has places.
    public let queueEntryId: UUID?
    public var start: LocalDate
    public var plannedEnd: LocalDate?
    public var actualEnd: LocalDate?
    public var outcome: Outcome?
    public var interruptionReason: String?
    /// The plan sub-goal the episode serves (free text until plans exist; then the sub-goal's id).
    public var subGoal: String?
    public let createdAt: Date
    public var version: Int

    public init(
        id: UUID, interventionId: String, personId: UUID, committeeId: String, unitId: String, queueEntryId: UUID?, start: LocalDate,
        plannedEnd: LocalDate?, actualEnd: LocalDate? = nil, outcome: Outcome? = nil, interruptionReason: String? = nil, subGoal: String?,
        createdAt: Date, version: Int = 1
    ) {
        self.id = id
        self.interventionId = interventionId
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.queueEntryId = queueEntryId
        self.start = start
        self.plannedEnd = plannedEnd
        self.actualEnd = actualEnd
        self.outcome = outcome
        self.interruptionReason = interruptionReason
        self.subGoal = subGoal
        self.createdAt = createdAt
        self.version = version
    }

    public var isEnded: Bool { actualEnd != nil }

    /// The days the episode covers, for the overlap rule: an open episode runs on without end.
    public var span: ClosedRange<Int> {
        start.dayNumber...(actualEnd?.dayNumber ?? Int.max / 2)
    }
}

/// The rules for starting and ending episodes. Swedish messages per field; nothing is saved when any fails.
public enum EpisodeRules {
    /// How far ahead a start may be booked.
    public static let maxDaysAhead = 366

    public static func validateStart(start: LocalDate?, plannedEnd: LocalDate?, subGoal: String?, today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        guard let start else { return [FieldError(field: "start", message: "Ange startdatum som ÅÅÅÅ-MM-DD.")] }
        if start.dayNumber > today.dayNumber + maxDaysAhead {
            errors.append(FieldError(field: "start", message: "Startdatumet kan ligga högst ett år fram i tiden."))
        }
        if let plannedEnd, plannedEnd < start {
            errors.append(FieldError(field: "plannedEnd", message: "Planerat slut kan inte vara före start."))
        }
        if let s = subGoal, s.count > 500 {
            errors.append(FieldError(field: "subGoal", message: "Delmålet får vara högst 500 tecken."))
        }
        return errors
    }

    public static func validateEnd(_ episode: Episode, actualEnd: LocalDate?, outcome: Episode.Outcome?, reason: String?, today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        if let actualEnd {
            if actualEnd < episode.start {
                errors.append(
                    FieldError(field: "actualEnd", message: "Slutdatumet kan inte vara före startdatumet (\(episode.start))."))
            } else if actualEnd > today {
                errors.append(FieldError(field: "actualEnd", message: "Ett deltagande kan inte avslutas i förväg. Ange dagens datum eller ett tidigare."))
            }
        } else {
            errors.append(FieldError(field: "actualEnd", message: "Ange slutdatum som ÅÅÅÅ-MM-DD."))
        }
        if outcome == nil { errors.append(FieldError(field: "outcome", message: "Välj hur deltagandet slutade.")) }
        let r = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if outcome == .interrupted && !(3...1000).contains(r.count) {
            errors.append(FieldError(field: "interruptionReason", message: "Skriv varför deltagandet avbröts (3–1 000 tecken)."))
        }
        return errors
    }

    /// For an intervention a person takes part in one at a time: an episode may not overlap another of the
    /// same intervention. Returns the conflicting episode.
    public static func overlapping(_ candidate: ClosedRange<Int>, interventionId: String, among others: [Episode], excluding: UUID? = nil) -> Episode? {
        others.first { $0.interventionId == interventionId && $0.id != excluding && $0.span.overlaps(candidate) }
    }
}
