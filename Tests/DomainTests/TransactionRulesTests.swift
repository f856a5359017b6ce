import Foundation
import Testing

@testable import SamsynDomain

/// The decisions a store makes inside its transaction, on the rows it read there: pure, so tested here.
@Suite("Queue, episode and case-flow decisions made in the stores' transactions")
struct TransactionRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    func d(_ s: String) -> LocalDate { LocalDate(s)! }

    func entry(_ status: QueueEntry.Status, district: String = "spanga-tensta") -> QueueEntry {
        QueueEntry(
            id: UUID(), interventionId: "arbetstraning", personId: UUID(), committeeId: district, unitId: "u", districtId: district, queuedAt: t0,
            status: status)
    }

    func intervention(capacity: Int?, allotments: [String: Int] = [:], oneAtATime: Bool = true) -> Intervention {
        Intervention(
            id: "arbetstraning", providerId: "p", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla", description: "", typicalWeeks: 12,
            capacity: capacity, allotments: allotments, oneAtATime: oneAtATime)
    }

    @Test("An offer goes only to a waiting entry while a place is free for its district, and marks it offered")
    func offer() throws {
        let two = intervention(capacity: 2)
        let offered = try QueueRules.offer(entry(.waiting), intervention: two, occupancy: .init(byDistrict: ["kista": 1]), at: t0)
        #expect(offered.status == .offered && offered.offeredAt == t0)
        #expect(throws: DomainError(.conflict, "Det finns ingen ledig plats i insatsen just nu. Personen står kvar i kön.")) {
            try QueueRules.offer(entry(.waiting), intervention: two, occupancy: .init(byDistrict: ["kista": 2]), at: t0)
        }
        // Another district's allotment is not free for this one.
        #expect(throws: DomainError.self) {
            try QueueRules.offer(
                entry(.waiting), intervention: intervention(capacity: 2, allotments: ["kista": 2]), occupancy: .init(byDistrict: [:]), at: t0)
        }
        for status in [QueueEntry.Status.offered, .accepted, .declined, .withdrawn, .ended] {
            let error = #expect(throws: DomainError.self) { try QueueRules.offer(entry(status), intervention: two, occupancy: .init(byDistrict: [:]), at: t0) }
            #expect(error?.kind == .conflict)
            #expect(error?.message.contains("bara ges till den som väntar") == true)
        }
    }

    @Test("Only an offer can be answered; yes accepts, no declines")
    func answer() throws {
        #expect(try QueueRules.answer(entry(.offered), accept: true, at: t0).status == .accepted)
        #expect(try QueueRules.answer(entry(.offered), accept: false, at: t0).status == .declined)
        #expect(try QueueRules.answer(entry(.offered), accept: true, at: t0).decidedAt == t0)
        #expect(throws: DomainError(.conflict, "Det finns inget erbjudande att svara på.")) { try QueueRules.answer(entry(.waiting), accept: true, at: t0) }
    }

    @Test("An open entry can be withdrawn, but not a place an episode runs on")
    func withdraw() throws {
        let w = try QueueRules.withdraw(entry(.accepted), placeInUse: false, reason: "Flyttat", at: t0)
        #expect(w.status == .withdrawn && w.closedReason == "Flyttat")
        #expect(try QueueRules.withdraw(entry(.waiting), placeInUse: true, reason: "x", at: t0).status == .withdrawn)
        #expect(throws: DomainError.self) { try QueueRules.withdraw(entry(.accepted), placeInUse: true, reason: "x", at: t0) }
        #expect(throws: DomainError(.conflict, "Personen står inte längre i kön.")) { try QueueRules.withdraw(entry(.declined), placeInUse: false, reason: "x", at: t0) }
    }

    func episode(_ person: UUID, start: String, end: String? = nil, place: UUID? = nil) -> Episode {
        Episode(
            id: UUID(), interventionId: "arbetstraning", personId: person, committeeId: "c", unitId: "u", queueEntryId: place, start: d(start),
            plannedEnd: nil, actualEnd: end.map(d), outcome: end == nil ? nil : .completed, subGoal: nil, createdAt: t0)
    }

    @Test("An episode starts on the person's own accepted, unused place; without places only when the intervention has none")
    func start() throws {
        var place = entry(.accepted)
        let e = episode(place.personId, start: "2026-11-18", place: place.id)
        try EpisodeRules.checkStart(e, .init(intervention: intervention(capacity: 2), entry: place, placeInUse: false, others: []))
        #expect(throws: DomainError(.conflict, "Platsen används redan av ett deltagande.")) {
            try EpisodeRules.checkStart(e, .init(intervention: self.intervention(capacity: 2), entry: place, placeInUse: true, others: []))
        }
        let someoneElses = #expect(throws: DomainError.self) {
            try EpisodeRules.checkStart(
                self.episode(UUID(), start: "2026-11-18", place: place.id), .init(intervention: self.intervention(capacity: 2), entry: place, placeInUse: false, others: []))
        }
        #expect(someoneElses?.fields.map(\.field) == ["intervention"])
        place.status = .offered
        #expect(throws: DomainError.self) {
            try EpisodeRules.checkStart(e, .init(intervention: self.intervention(capacity: 2), entry: place, placeInUse: false, others: []))
        }
        let direct = episode(UUID(), start: "2026-11-18")
        #expect(throws: DomainError.self) { try EpisodeRules.checkStart(direct, .init(intervention: self.intervention(capacity: 2), entry: nil, placeInUse: false, others: [])) }
        try EpisodeRules.checkStart(direct, .init(intervention: intervention(capacity: nil), entry: nil, placeInUse: false, others: []))
    }

    @Test("One at a time: no overlap with the person's other episodes of the intervention, ended or running")
    func oneAtATime() throws {
        let p = UUID()
        let running = episode(p, start: "2026-10-01")
        let ended = episode(p, start: "2026-09-01", end: "2026-09-30")
        let open = intervention(capacity: nil)
        let error = #expect(throws: DomainError.self) {
            try EpisodeRules.checkStart(self.episode(p, start: "2026-11-18"), .init(intervention: open, entry: nil, placeInUse: false, others: [running]))
        }
        #expect(error?.fields.first?.message.contains("från 2026-10-01 och pågår") == true)
        try EpisodeRules.checkStart(self.episode(p, start: "2026-10-01"), .init(intervention: open, entry: nil, placeInUse: false, others: [ended]))
        // Taken side by side: overlap allowed.
        try EpisodeRules.checkStart(
            self.episode(p, start: "2026-11-18"), .init(intervention: intervention(capacity: nil, oneAtATime: false), entry: nil, placeInUse: false, others: [running]))
    }

    @Test("Ending: once, and only from the version read")
    func end() throws {
        let e = episode(UUID(), start: "2026-10-01")
        let ended = try EpisodeRules.end(e, actualEnd: d("2026-11-18"), outcome: .work, reason: nil, expectedVersion: e.version)
        #expect(ended.actualEnd == d("2026-11-18") && ended.outcome == .work && ended.version == e.version + 1)
        #expect(throws: DomainError(.conflict, "Deltagandet är redan avslutat (2026-11-18).")) {
            try EpisodeRules.end(ended, actualEnd: self.d("2026-11-18"), outcome: .work, reason: nil, expectedVersion: ended.version)
        }
        #expect(throws: DomainError.self) { try EpisodeRules.end(e, actualEnd: self.d("2026-11-18"), outcome: .work, reason: nil, expectedVersion: e.version + 1) }
    }

    @Test("A conclusion is saved on the version it was written on and becomes the next one")
    func conclusion() throws {
        let c = WorkAbilityConclusion(abilities: "a", adaptations: "b", recommendation: "c", writtenBy: "Coach", writtenAt: t0, version: 0)
        #expect(try WorkAbilityRules.save(c, current: 0, expectedVersion: 0).version == 1)
        #expect(try WorkAbilityRules.save(c, current: 3, expectedVersion: 3).version == 4)
        #expect(throws: DomainError.self) { try WorkAbilityRules.save(c, current: 1, expectedVersion: 0) }
    }

    @Test("A group-information session takes referrals while it has places, counted in the transaction")
    func sessionBooking() throws {
        try InformationSession.checkBooking(places: 10, booked: 9)
        let full = #expect(throws: DomainError.self) { try InformationSession.checkBooking(places: 10, booked: 10) }
        #expect(full?.fields == [FieldError(field: "session", message: "Gruppinformationen är fullbokad. Välj ett annat tillfälle.")])
        let missing = #expect(throws: DomainError.self) { try InformationSession.checkBooking(places: nil, booked: 0) }
        #expect(missing?.fields.first?.message == "Gruppinformationen finns inte.")
    }

    @Test("A final month takes no records and no corrections; a refused update says why from the re-read row")
    func finalMonthsAndWhyNot() throws {
        try AttendanceRules.checkRecordable(month: "2026-10", isFinal: false)
        #expect(throws: DomainError(.conflict, "Närvaron för 2026-10 är redan slutrapporterad.")) { try AttendanceRules.checkRecordable(month: "2026-10", isFinal: true) }
        #expect(throws: DomainError(.conflict, "Närvaron för 2026-10 är slutrapporterad och kan inte rättas.")) {
            try AttendanceRules.checkCorrectable(month: "2026-10", isFinal: true)
        }
        #expect(Enrolment.whyNotClosed(current: nil) == .stale)
        #expect(NeedAssessmentRules.whyNotUpdated(current: nil) == .notFound)
    }

    @Test("A person file opens once per committee")
    func personFile() throws {
        let f = PersonFile(personId: UUID(), committeeId: "spanga-tensta", openedAt: t0, openedByUnitId: "u")
        try PersonFile.checkCanOpen(committeeId: "rinkeby-kista", existing: [f])
        let e = #expect(throws: DomainError.self) { try PersonFile.checkCanOpen(committeeId: "spanga-tensta", existing: [f]) }
        #expect(e?.kind == .conflict && e?.fields.first?.field == PersonInput.Field.identityNumber)
    }
}
