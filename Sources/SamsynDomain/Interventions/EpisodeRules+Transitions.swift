import Foundation

/// Starting and ending an episode, decided on the rows the store read in its transaction.
extension EpisodeRules {
    /// What the store read for a start: the intervention, the queue entry the episode names (nil when it
    /// names none or the entry is missing), whether an episode already uses that place, and the person's
    /// episodes of the intervention (read only when it is taken one at a time).
    public struct StartContext: Sendable {
        public let intervention: Intervention
        public let entry: QueueEntry?
        public let placeInUse: Bool
        public let others: [Episode]
        public init(intervention: Intervention, entry: QueueEntry?, placeInUse: Bool, others: [Episode]) {
            self.intervention = intervention
            self.entry = entry
            self.placeInUse = placeInUse
            self.others = others
        }
    }

    /// An episode on a place needs the person's accepted, unused place of the same intervention; an
    /// intervention with places is never started without one; one taken one at a time may not overlap
    /// another episode of the person.
    public static func checkStart(_ e: Episode, _ c: StartContext) throws {
        if e.queueEntryId != nil {
            guard let entry = c.entry, entry.personId == e.personId, entry.interventionId == e.interventionId else {
                throw DomainError.invalid([FieldError(field: "intervention", message: "Platsen hör inte till personen och insatsen.")])
            }
            guard entry.status == .accepted else {
                throw DomainError(.conflict, "Deltagandet kan börja först när personen har tackat ja till en plats.")
            }
            guard !c.placeInUse else { throw DomainError(.conflict, "Platsen används redan av ett deltagande.") }
        } else if c.intervention.capacity != nil {
            throw DomainError(
                .conflict, "Insatsen har ett begränsat antal platser. Ställ personen i kö och erbjud en plats; deltagandet startas från platsen.")
        }
        if c.intervention.oneAtATime, let clash = overlapping(e.span, interventionId: e.interventionId, among: c.others) {
            let until = clash.actualEnd.map { "till \($0)" } ?? "och pågår"
            throw DomainError.invalid([
                FieldError(
                    field: "start", message: "Personen deltar redan i insatsen under den tiden (från \(clash.start) \(until)). Insatsen tas en gång i taget.")
            ])
        }
    }

    /// Ends a running episode read at `expectedVersion`; returns it as it is to be stored.
    public static func end(
        _ episode: Episode, actualEnd: LocalDate, outcome: Episode.Outcome, reason: String?, expectedVersion: Int
    ) throws -> Episode {
        if let ended = episode.actualEnd { throw DomainError(.conflict, "Deltagandet är redan avslutat (\(ended)).") }
        guard episode.version == expectedVersion else {
            throw DomainError(.conflict, "Någon annan har ändrat deltagandet under tiden. Ladda om sidan och försök igen.")
        }
        var e = episode
        e.actualEnd = actualEnd
        e.outcome = outcome
        e.interruptionReason = reason
        e.version += 1
        return e
    }
}

/// The work-ability conclusion is written in versions; a save names the version it was written on.
public enum WorkAbilityRules {
    /// `current` 0: none saved yet. Returns the conclusion as it is to be stored (the next version).
    public static func save(_ conclusion: WorkAbilityConclusion, current: Int, expectedVersion: Int) throws -> WorkAbilityConclusion {
        guard current == expectedVersion else {
            throw DomainError(.conflict, "Någon annan har ändrat slutsatsen under tiden. Ladda om sidan; din text finns kvar i formuläret.")
        }
        var saved = conclusion
        saved.version = current + 1
        return saved
    }
}
