import Foundation

/// Participation episodes and work-ability testing, under the same rules as the queue: the person must be
/// visible to the user's committee, the records are that committee's, and every read and write is logged.
extension InterventionService {
    public struct StartEpisode: Sendable {
        public var interventionId: String
        public var queueEntryId: UUID?
        public var start: String
        public var plannedEnd: String
        public var subGoal: String
        public init(interventionId: String, queueEntryId: UUID?, start: String, plannedEnd: String, subGoal: String) {
            self.interventionId = interventionId
            self.queueEntryId = queueEntryId
            self.start = start
            self.plannedEnd = plannedEnd
            self.subGoal = subGoal
        }
    }

    var today: LocalDate { LocalDate(clock.now()) }

    public func startEpisode(personId: UUID, _ input: StartEpisode, by actor: Actor) async throws -> Episode {
        guard AccessPolicy.allows(actor.user.role, .manageQueue) else { throw DomainError.forbidden }
        try await visiblePerson(personId, actor, .episodeStart)
        var errors: [FieldError] = []
        let intervention = try await store.intervention(id: input.interventionId)
        if intervention == nil { errors.append(FieldError(field: "intervention", message: "Välj en insats i katalogen.")) }
        let start = LocalDate(input.start)
        let plannedText = input.plannedEnd.trimmingCharacters(in: .whitespaces)
        let plannedEnd = plannedText.isEmpty ? nil : LocalDate(plannedText)
        if !plannedText.isEmpty && plannedEnd == nil {
            errors.append(FieldError(field: "plannedEnd", message: "Ange planerat slut som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        let subGoal = input.subGoal.trimmingCharacters(in: .whitespacesAndNewlines).nonEmptyValue
        errors += EpisodeRules.validateStart(start: start, plannedEnd: plannedEnd, subGoal: subGoal, today: today)
        if let raw = LocalDate(input.start) == nil ? input.start : nil, !raw.isEmpty, let i = errors.firstIndex(where: { $0.field == "start" }) {
            errors[i] = FieldError(field: "start", message: "Ange startdatum som ÅÅÅÅ-MM-DD (ett datum som finns).")
        }
        guard errors.isEmpty, let start else { throw DomainError.invalid(errors) }
        if let entryId = input.queueEntryId {
            guard let e = try await store.entry(id: entryId), e.committeeId == actor.user.committeeId, e.personId == personId,
                e.interventionId == input.interventionId
            else { throw DomainError.invalid([FieldError(field: "intervention", message: "Platsen hör inte till personen och insatsen.")]) }
        }
        let episode = Episode(
            id: newId(), interventionId: input.interventionId, personId: personId, committeeId: actor.user.committeeId, unitId: actor.user.unitId,
            queueEntryId: input.queueEntryId, start: start, plannedEnd: plannedEnd, subGoal: subGoal, createdAt: clock.now())
        try await store.startEpisode(episode, audit: entry(actor, personId, .episodeStart, .allowed, input.interventionId))
        return episode
    }

    public func endEpisode(
        id: UUID, actualEnd: String, outcome: String, reason: String, expectedVersion: Int, by actor: Actor
    ) async throws -> Episode {
        let episode = try await ownEpisode(id, actor, .episodeEnd, write: true)
        let end = LocalDate(actualEnd)
        let o = Episode.Outcome(rawValue: outcome)
        var errors = EpisodeRules.validateEnd(episode, actualEnd: end, outcome: o, reason: reason, today: today)
        if end == nil && !actualEnd.trimmingCharacters(in: .whitespaces).isEmpty, let i = errors.firstIndex(where: { $0.field == "actualEnd" }) {
            errors[i] = FieldError(field: "actualEnd", message: "Ange slutdatum som ÅÅÅÅ-MM-DD (ett datum som finns).")
        }
        guard errors.isEmpty, let end, let o else { throw DomainError.invalid(errors) }
        let r = o == .interrupted ? reason.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        return try await store.endEpisode(
            id: id, actualEnd: end, outcome: o, reason: r, expectedVersion: expectedVersion,
            audit: entry(actor, episode.personId, .episodeEnd, .allowed, "\(episode.interventionId) \(o.rawValue)"))
    }

    /// The person's episodes recorded by the user's committee (a logged read).
    public func episodes(personId: UUID, by actor: Actor) async throws -> [Episode] {
        guard AccessPolicy.allows(actor.user.role, .readPerson) else { throw DomainError.forbidden }
        try await visiblePerson(personId, actor, .episodeList)
        let list = try await store.episodes(personId: personId, committeeId: actor.user.committeeId)
        try await log.append([entry(actor, personId, .episodeList, .allowed, nil)])
        return list
    }

    /// An episode of the user's committee with its work-ability records (a logged read).
    public func episodeDetail(id: UUID, by actor: Actor) async throws -> (episode: Episode, placements: [WorkPlacement], assessments: [WorkAbilityAssessment], conclusion: WorkAbilityConclusion?) {
        let e = try await ownEpisode(id, actor, .episodeRead, write: false)
        async let p = store.placements(episodeId: id)
        async let a = store.assessments(episodeId: id)
        async let c = store.conclusion(episodeId: id)
        let result = (e, try await p, try await a, try await c)
        try await log.append([entry(actor, e.personId, .episodeRead, .allowed, e.interventionId)])
        return result
    }

    public struct PlacementInput: Sendable {
        public var workplace: String, tasks: String, support: String, start: String, end: String, hoursPerWeek: String, observations: String
        public init(workplace: String, tasks: String, support: String, start: String, end: String, hoursPerWeek: String, observations: String) {
            self.workplace = workplace
            self.tasks = tasks
            self.support = support
            self.start = start
            self.end = end
            self.hoursPerWeek = hoursPerWeek
            self.observations = observations
        }
    }

    public func addPlacement(episodeId: UUID, _ input: PlacementInput, by actor: Actor) async throws -> WorkPlacement {
        let e = try await testingEpisode(episodeId, actor, .workAbilityPlacement)
        let start = LocalDate(input.start)
        let endText = input.end.trimmingCharacters(in: .whitespaces)
        let end = endText.isEmpty ? nil : LocalDate(endText)
        let hours = Int(input.hoursPerWeek.trimmingCharacters(in: .whitespaces))
        var errors = WorkPlacement.validate(
            workplace: input.workplace, tasks: input.tasks, start: start, end: end, hoursPerWeek: hours, hoursText: input.hoursPerWeek,
            observations: input.observations, episode: e)
        if !endText.isEmpty && end == nil { errors.append(FieldError(field: "end", message: "Ange slutdatum som ÅÅÅÅ-MM-DD (ett datum som finns).")) }
        let support = WorkPlacement.Support(rawValue: input.support)
        if support == nil { errors.append(FieldError(field: "support", message: "Välj Supported Employment, arbetsträning eller praktik.")) }
        guard errors.isEmpty, let start, let support else { throw DomainError.invalid(errors) }
        let p = WorkPlacement(
            id: newId(), episodeId: episodeId, workplace: input.workplace.trimmingCharacters(in: .whitespacesAndNewlines),
            tasks: input.tasks.trimmingCharacters(in: .whitespacesAndNewlines), support: support, start: start, end: end, hoursPerWeek: hours,
            observations: input.observations.trimmingCharacters(in: .whitespacesAndNewlines))
        try await store.addPlacement(p, audit: entry(actor, e.personId, .workAbilityPlacement, .allowed, e.interventionId))
        return p
    }

    public func addAssessment(
        episodeId: UUID, instrument: String, otherName: String, assessedOn: String, assessor: String, ratings: [String: String], summary: String,
        by actor: Actor
    ) async throws -> WorkAbilityAssessment {
        let e = try await testingEpisode(episodeId, actor, .workAbilityAssessment)
        let date = LocalDate(assessedOn)
        let other = otherName.trimmingCharacters(in: .whitespacesAndNewlines).nonEmptyValue
        let (parsed, errors) = WorkAbilityAssessment.validate(
            instrument: instrument, otherName: other, assessedOn: date, assessor: assessor, ratings: ratings, summary: summary, episode: e, today: today)
        guard errors.isEmpty, let date else { throw DomainError.invalid(errors) }
        let a = WorkAbilityAssessment(
            id: newId(), episodeId: episodeId, instrument: instrument, otherName: instrument == "other" ? other : nil, assessedOn: date,
            assessor: assessor.trimmingCharacters(in: .whitespacesAndNewlines), ratings: parsed, summary: summary.trimmingCharacters(in: .whitespacesAndNewlines))
        try await store.addAssessment(a, audit: entry(actor, e.personId, .workAbilityAssessment, .allowed, instrument))
        return a
    }

    public func saveConclusion(
        episodeId: UUID, abilities: String, adaptations: String, recommendation: String, expectedVersion: Int, by actor: Actor
    ) async throws -> WorkAbilityConclusion {
        let e = try await testingEpisode(episodeId, actor, .workAbilityConclusion)
        let errors = WorkAbilityConclusion.validate(abilities: abilities, adaptations: adaptations, recommendation: recommendation)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let c = WorkAbilityConclusion(
            abilities: abilities.trimmingCharacters(in: .whitespacesAndNewlines), adaptations: adaptations.trimmingCharacters(in: .whitespacesAndNewlines),
            recommendation: recommendation.trimmingCharacters(in: .whitespacesAndNewlines), writtenBy: actor.user.displayName, writtenAt: clock.now(),
            version: expectedVersion + 1)
        return try await store.saveConclusion(
            episodeId: episodeId, c, expectedVersion: expectedVersion, audit: entry(actor, e.personId, .workAbilityConclusion, .allowed, nil))
    }

    /// The final report of a work-ability testing: every intervention the committee recorded for the person,
    /// the placements, instrument results and conclusion. A logged read.
    public func finalReport(episodeId: UUID, by actor: Actor) async throws -> (report: WorkAbilityReport, person: Person) {
        let testing = try await ownEpisode(episodeId, actor, .workAbilityReport, write: false)
        guard let intervention = try await store.intervention(id: testing.interventionId), intervention.type == .workAbilityTesting else {
            throw DomainError.notFound
        }
        guard let person = try await persons.person(id: testing.personId, firstOf: [actor.user.committeeId]) else { throw DomainError.notFound }
        async let episodes = store.episodes(personId: testing.personId, committeeId: actor.user.committeeId)
        async let interventions = store.interventions()
        async let providers = store.providers()
        async let placements = store.placements(episodeId: episodeId)
        async let assessments = store.assessments(episodeId: episodeId)
        async let conclusion = store.conclusion(episodeId: episodeId)
        let report = WorkAbilityReport.assemble(
            testing: testing, episodes: try await episodes, interventions: Dictionary(uniqueKeysWithValues: try await interventions.map { ($0.id, $0) }),
            providers: Dictionary(uniqueKeysWithValues: try await providers.map { ($0.id, $0) }), placements: try await placements,
            assessments: try await assessments, conclusion: try await conclusion)
        try await log.append([entry(actor, testing.personId, .workAbilityReport, .allowed, nil)])
        return (report, person)
    }

    private func ownEpisode(_ id: UUID, _ actor: Actor, _ action: AuditAction, write: Bool) async throws -> Episode {
        guard AccessPolicy.allows(actor.user.role, write ? .manageQueue : .readPerson) else { throw DomainError.forbidden }
        guard let e = try await store.episode(id: id), e.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return e
    }

    private func testingEpisode(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> Episode {
        let e = try await ownEpisode(id, actor, action, write: true)
        guard let i = try await store.intervention(id: e.interventionId), i.type == .workAbilityTesting else {
            throw DomainError(.conflict, "Placeringar, instrument och slutrapport hör till en arbetsförmågeprövning.")
        }
        return e
    }
}

/// The managers' figures per intervention and district: places taken, queue length and waiting times.
public enum QueueFigures {
    public struct Row: Sendable, Equatable {
        public let interventionId: String
        /// Nil for the intervention's total row.
        public let districtId: String?
        public let placesTaken: Int
        /// The district's allotment, or the intervention's capacity on the total row.
        public let places: Int?
        public let waiting: Int
        /// Median days the people waiting now have waited.
        public let medianWaitingDays: Double?
        /// Median days from queueing to an offer, over offers in the last 365 days.
        public let medianDaysToOffer: Double?
    }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    public static func compute(interventions: [Intervention], rows: [QueueFigureRow], now: Date) -> [Row] {
        let byIntervention = Dictionary(grouping: rows, by: \.interventionId)
        let yearAgo = now.addingTimeInterval(-365 * 86_400)
        func figures(_ id: String, _ district: String?, _ rs: [QueueFigureRow], places: Int?) -> Row {
            let waiting = rs.filter { $0.status == .waiting }
            let taken = rs.filter { $0.status.holdsPlace }.count
            let offered = rs.compactMap { r -> Double? in
                guard let o = r.offeredAt, o >= yearAgo else { return nil }
                return o.timeIntervalSince(r.queuedAt) / 86_400
            }
            return Row(
                interventionId: id, districtId: district, placesTaken: taken, places: places, waiting: waiting.count,
                medianWaitingDays: median(waiting.map { now.timeIntervalSince($0.queuedAt) / 86_400 }), medianDaysToOffer: median(offered))
        }
        var out: [Row] = []
        for i in interventions {
            let rs = byIntervention[i.id] ?? []
            out.append(figures(i.id, nil, rs, places: i.capacity))
            let districts = Set(rs.map(\.districtId)).union(i.allotments.keys).sorted()
            for d in districts {
                out.append(figures(i.id, d, rs.filter { $0.districtId == d }, places: i.allotments[d]))
            }
        }
        return out
    }
}
