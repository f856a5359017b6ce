import Foundation

/// The queue's state machine: waiting → offered → accepted or declined; an open entry may be withdrawn;
/// an accepted place ends with its episode. A store calls these inside its transaction with the rows it
/// read there (locked on PostgreSQL), so a decision is made on what is stored, not on an earlier read.
public enum QueueRules {
    /// The queue's unique index refused a second open entry for the person and intervention.
    public static let alreadyQueued = DomainError(.conflict, "Personen står redan i kö till, eller deltar redan i, insatsen.")

    /// An offer goes only to a waiting entry, and only while the intervention has a free place for the
    /// entry's district. `occupancy` is counted in the same transaction, so two offers of the last place
    /// never both succeed.
    public static func offer(_ entry: QueueEntry, intervention: Intervention, occupancy: PlaceRules.Occupancy, at: Date) throws -> QueueEntry {
        guard entry.status == .waiting else {
            throw DomainError(.conflict, "Personen står inte i kö till insatsen (erbjudande kan bara ges till den som väntar).")
        }
        guard PlaceRules.hasPlace(intervention, occupancy: occupancy, district: entry.districtId) else {
            throw DomainError(.conflict, "Det finns ingen ledig plats i insatsen just nu. Personen står kvar i kön.")
        }
        var e = entry
        e.status = .offered
        e.offeredAt = at
        return e
    }

    /// An offer under the fair-queue rule: the state and place checks above, then — when waiting entries of
    /// the same committee that could have the place come before this one in queue order — a reason is
    /// required; the answer deadline is checked either way. `waiting` is the committee's waiting entries for
    /// the intervention, read in the same transaction.
    public static func offer(
        _ entry: QueueEntry, intervention: Intervention, occupancy: PlaceRules.Occupancy, waiting: [QueueEntry], input: QueueOfferRules.Input,
        today: LocalDate, at: Date
    ) throws -> (entry: QueueEntry, passedOver: Int, checked: QueueOfferRules.Checked) {
        let offered = try offer(entry, intervention: intervention, occupancy: occupancy, at: at)
        let ahead = QueueOfferRules.ahead(of: entry, waiting: waiting) { PlaceRules.hasPlace(intervention, occupancy: occupancy, district: $0) }
        let checked = try QueueOfferRules.check(input, passedOver: ahead.count, today: today).get()
        return (offered, ahead.count, checked)
    }

    /// The person answers an offer: only an offered entry can be answered.
    public static func answer(_ entry: QueueEntry, accept: Bool, at: Date) throws -> QueueEntry {
        guard entry.status == .offered else { throw DomainError(.conflict, "Det finns inget erbjudande att svara på.") }
        var e = entry
        e.status = accept ? .accepted : .declined
        e.decidedAt = at
        return e
    }

    /// Takes an open entry out of the queue or gives back its place; a place an episode runs on is freed by
    /// ending the episode instead. `placeInUse`: an episode uses the entry's place.
    public static func withdraw(_ entry: QueueEntry, placeInUse: Bool, reason: String, at: Date) throws -> QueueEntry {
        guard entry.status.isOpen else { throw DomainError(.conflict, "Personen står inte längre i kön.") }
        if entry.status == .accepted && placeInUse {
            throw DomainError(.conflict, "Personen deltar redan på platsen. Avsluta deltagandet i stället; då blir platsen ledig.")
        }
        var e = entry
        e.status = .withdrawn
        e.decidedAt = at
        e.closedReason = reason
        return e
    }
}
