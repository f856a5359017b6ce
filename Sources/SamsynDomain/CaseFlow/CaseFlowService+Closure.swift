import Foundation

/// Closure as a short flow (reason, details by reason, and what the closure leaves behind), and attendance for
/// groups (sessions of an intervention, the roll-call, the weekly grid).
extension CaseFlowService {
    public struct CloseInput: Sendable {
        public var reason: String, detail: String, closedOn: String, expectedVersion: Int
        public var details: ClosureRules.Details
        /// Episode ids to end, queue-entry ids to release, `YYYY-MM` months to make final.
        public var endEpisodes: [String], releasePlaces: [String], finaliseMonths: [String]
        public init(
            reason: String, detail: String = "", closedOn: String = "", expectedVersion: Int, details: ClosureRules.Details = .init(), endEpisodes: [String] = [],
            releasePlaces: [String] = [], finaliseMonths: [String] = []
        ) {
            self.reason = reason
            self.detail = detail
            self.closedOn = closedOn
            self.expectedVersion = expectedVersion
            self.details = details
            self.endEpisodes = endEpisodes
            self.releasePlaces = releasePlaces
            self.finaliseMonths = finaliseMonths
        }
    }

    /// The closure's one transaction: the enrolment closed with its details, the six-month check, the closure
    /// row the district reads, and the running episodes, held places and open months the user chose to end.
    public func closeEnrolment(id: UUID, reason: String, detail: String, closedOn: String, expectedVersion: Int, by actor: Actor) async throws -> Enrolment {
        try await closeEnrolment(id: id, CloseInput(reason: reason, detail: detail, closedOn: closedOn, expectedVersion: expectedVersion), by: actor)
    }

    public func closeEnrolment(id: UUID, _ input: CloseInput, by actor: Actor) async throws -> Enrolment {
        try require(.closeEnrolment, actor)
        let e = try await ownEnrolment(id, actor, .enrolmentClose)
        guard e.status == .active else { throw DomainError(.conflict, "Inskrivningen är redan avslutad (\(e.closureReason?.swedishName ?? ""), \(e.closedOn?.description ?? "")).") }
        let r = Enrolment.ClosureReason(rawValue: input.reason)
        let t = Self.trimmed(input.closedOn)
        let d = t.isEmpty ? today : LocalDate(t)
        var errors = Enrolment.validateClosure(e, reason: r, detail: input.detail, closedOn: d, dateText: t, today: today)
        let parsed = ClosureRules.validate(reason: r, input.details, closedOn: d)
        errors += parsed.errors
        let dateOK = !errors.contains { $0.field == "closedOn" }
        var leftovers = ClosureLeftovers(episodes: [], places: [], openMonths: [])
        if dateOK {
            leftovers = try await store.closureLeftovers(enrolment: e, closedOn: d ?? today)
            errors += ClosureRules.validateChoices(leftovers, endEpisodes: input.endEpisodes, releasePlaces: input.releasePlaces, finaliseMonths: input.finaliseMonths, closedOn: d)
        }
        guard errors.isEmpty, let r, let d else { throw DomainError.invalid(errors) }
        guard e.version == input.expectedVersion else { throw DomainError.stale }

        var closed = e
        closed.status = .closed
        closed.closureReason = r
        let det = Self.trimmed(input.detail)
        closed.closureDetail = det.isEmpty ? nil : det
        closed.closedOn = d
        closed.closedByName = actor.user.displayName
        closed.version = input.expectedVersion + 1
        let check = SixMonthCheck(
            id: newId(), enrolmentId: e.id, personId: e.personId, districtCommitteeId: e.districtCommitteeId, closureReason: r, closedOn: d,
            dueOn: SixMonthCheck.due(closedOn: d))
        let chosenEpisodes = Set(input.endEpisodes.map { $0.lowercased() })
        let chosenPlaces = Set(input.releasePlaces.map { $0.lowercased() })
        let chosenMonths = Set(input.finaliseMonths)
        let (outcome, interruption) = ClosureRules.episodeOutcome(r)
        let ends = leftovers.episodes.filter { chosenEpisodes.contains($0.id.uuidString.lowercased()) }.map { ep in
            ClosurePlan.EpisodeEnd(
                episodeId: ep.id, expectedVersion: ep.version, actualEnd: d, outcome: outcome, reason: interruption,
                audit: entry(actor, e.personId, .episodeEnd, .allowed, "\(ep.interventionId) \(outcome.rawValue)"))
        }
        let releases = leftovers.places.filter { chosenPlaces.contains($0.id.uuidString.lowercased()) }.map { q in
            ClosurePlan.Release(entryId: q.id, reason: "Inskrivningen avslutades (\(r.swedishName))", audit: entry(actor, e.personId, .interventionWithdraw, .allowed, q.interventionId))
        }
        let months = leftovers.openMonths.filter { chosenMonths.contains($0) }
        let finalise = months.map { ClosurePlan.Finalise(month: $0, audit: entry(actor, e.personId, .attendanceFinalise, .allowed, $0)) }
        let districtUnit = try await e.referralId.asyncFlatMap { try await store.referral(id: $0) }?.fromUnitId
        let row = EnrolmentClosure(
            enrolmentId: e.id, personId: e.personId, referralId: e.referralId, districtCommitteeId: e.districtCommitteeId, districtUnitId: districtUnit,
            committeeId: e.committeeId, unitId: e.unitId, reason: r, closedOn: d, work: parsed.work, studies: parsed.studies, endedEpisodes: ends.count,
            releasedPlaces: releases.count, finalisedMonths: months, recordedAt: clock.now(), recordedByName: actor.user.displayName)
        let plan = ClosurePlan(
            enrolment: closed, expectedVersion: input.expectedVersion, check: check, closure: row, endEpisodes: ends, releases: releases, finalise: finalise,
            audit: entry(actor, e.personId, .enrolmentClose, .allowed, r.rawValue + (parsed.work.map { " \($0.subsidy.rawValue)" } ?? "")))
        let saved = try await store.close(plan)
        await refreshTasks(e.personId)
        return saved
    }

    /// What closing the enrolment on a day would leave behind, for the closure page's warnings. A logged read of
    /// the enrolment.
    public func closurePreview(enrolmentId: UUID, closedOn: LocalDate?, by actor: Actor) async throws -> (enrolment: Enrolment, leftovers: ClosureLeftovers) {
        try require(.closeEnrolment, actor)
        let e = try await ownEnrolment(enrolmentId, actor, .enrolmentRead)
        let day = closedOn.map { min(max($0, e.enrolledOn), today) } ?? today
        var leftovers = ClosureLeftovers(episodes: [], places: [], openMonths: [])
        if e.status == .active { leftovers = try await store.closureLeftovers(enrolment: e, closedOn: day) }
        try await log.append([entry(actor, e.personId, .enrolmentRead, .allowed, "closure")])
        return (e, leftovers)
    }

    /// The closure row of an enrolment, for its own committee and the district it came from. A logged read.
    public func closure(enrolmentId: UUID, by actor: Actor) async throws -> EnrolmentClosure? {
        let e = try await enrolment(id: enrolmentId, by: actor)
        return try await store.closure(enrolmentId: e.id)
    }

    /// The closures answering back to the user's unit (the referring unit), newest first: a list read logged as one
    /// row naming every person shown.
    public func closuresToUnit(since: Date, limit: Int = 100, by actor: Actor) async throws -> [EnrolmentClosure] {
        guard Self.isDistrict(actor), AccessPolicy.allows(actor.user.role, .readPerson) else { throw DomainError.forbidden }
        let list = try await store.closures(districtUnitIds: [actor.user.unitId], districtCommitteeId: actor.user.committeeId, since: since, limit: limit)
        try await log.append([.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: list.map(\.personId), action: .enrolmentRead)])
        return list
    }

    // MARK: Group sessions and roll-call

    public struct NewGroupSession: Sendable {
        public var interventionId: String, date: String, startTime: String, endTime: String, groupName: String
        public init(interventionId: String, date: String, startTime: String, endTime: String, groupName: String) {
            self.interventionId = interventionId
            self.date = date
            self.startTime = startTime
            self.endTime = endTime
            self.groupName = groupName
        }
    }

    public func interventionNames() async throws -> [String: String] { try await store.interventionNames() }

    /// A coach (or the unit's manager) adds a session of an intervention for the unit.
    public func addGroupSession(_ input: NewGroupSession, by actor: Actor) async throws -> GroupSession {
        try require(.scheduleGroupSessions, actor)
        let names = try await store.interventionNames()
        let dateText = Self.trimmed(input.date)
        let date = LocalDate(dateText)
        let errors = GroupSessionRules.validate(
            interventionKnown: names[input.interventionId] != nil, date: date, dateText: dateText, start: input.startTime, end: input.endTime, group: input.groupName,
            today: today)
        guard errors.isEmpty, let date else { throw DomainError.invalid(errors) }
        let s = GroupSession(
            id: newId(), interventionId: input.interventionId, committeeId: actor.user.committeeId, unitId: actor.user.unitId, date: date,
            startTime: Self.trimmed(input.startTime), endTime: Self.trimmed(input.endTime), groupName: Self.trimmed(input.groupName),
            createdByName: actor.user.displayName, createdAt: clock.now())
        try await store.addGroupSession(s, audit: entry(actor, nil, .groupSessionSchedule, .allowed, "\(s.interventionId) \(s.date)"))
        return s
    }

    /// The unit's sessions around today (two weeks back, eight weeks ahead). Sessions name no person.
    public func groupSessions(by actor: Actor) async throws -> [GroupSession] {
        guard Self.isJobbtorg(actor) else { throw DomainError.forbidden }
        return try await store.groupSessions(unitId: actor.user.unitId, from: today.adding(days: -14), to: today.adding(days: 56))
    }

    func ownSession(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> GroupSession {
        guard Self.isJobbtorg(actor), AccessPolicy.allows(actor.user.role, .readPerson), let s = try await store.groupSession(id: id), s.unitId == actor.user.unitId
        else {
            try await log.append([entry(actor, nil, action, .denied, "not_in_unit")])
            throw DomainError.notFound
        }
        return s
    }

    /// A session's roll-call: everyone booked, each with their enrolment and any record already made. A list read.
    public func rollCall(sessionId: UUID, by actor: Actor) async throws -> (session: GroupSession, lines: [RollCallLine]) {
        let s = try await ownSession(sessionId, actor, .groupSessionRead)
        let lines = try await store.rollCall(s)
        try await log.append([.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: lines.map(\.episode.personId), action: .groupSessionRead)])
        return (s, lines)
    }

    /// Saves a roll-call: one attendance record per marked person, tied to the episode and the session. A mark for
    /// someone not booked (or outside their episode), a final month or a second record in the session refuses the
    /// whole roll-call: nothing is saved.
    public func saveRollCall(sessionId: UUID, marks: [String: String], by actor: Actor) async throws -> Int {
        try require(.recordAttendance, actor)
        let s = try await ownSession(sessionId, actor, .attendanceRecord)
        guard s.date <= today else {
            throw DomainError.invalid([FieldError(field: "message", message: "Passet är \(s.date). Närvaro kan inte registreras i förväg.")])
        }
        let lines = try await store.rollCall(s)
        let ids = marks.keys.compactMap(UUID.init(uuidString:))
        let all = try await store.episodes(ids: ids)
        let names = try await store.names(personIds: Array(Set(all.values.map(\.personId))), committeeId: actor.user.committeeId).mapValues { "\($0.firstName) \($0.lastName)" }
        let (valid, errors) = GroupSessionRules.validate(session: s, marks: marks, lines: lines, allEpisodes: all, names: names)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        let activity = s.activity(interventionName: try await store.interventionNames()[s.interventionId] ?? s.interventionId)
        var records: [AttendanceRecord] = []
        var audits: [AccessLogEntry] = []
        for (line, status) in valid {
            guard let enrolment = line.enrolment else { continue }
            records.append(
                AttendanceRecord(
                    id: newId(), enrolmentId: enrolment.id, personId: line.episode.personId, date: s.date, activity: activity, status: status, note: nil,
                    recordedByName: actor.user.displayName, episodeId: line.episode.id, sessionId: s.id))
            audits.append(entry(actor, line.episode.personId, .attendanceRecord, .allowed, "\(s.date) \(status.rawValue) session"))
        }
        try await store.saveRollCall(records, audit: audits)
        return records.count
    }

    /// A person's week at the enrolment's committee: Monday–Friday, a row per episode. A logged read.
    public func attendanceWeek(enrolmentId: UUID, week: LocalDate?, by actor: Actor) async throws -> (enrolment: Enrolment, week: AttendanceWeek) {
        let e = try await ownEnrolment(enrolmentId, actor, .attendanceRead)
        let monday = AttendanceWeek.monday(of: week ?? today)
        async let records = store.attendance(personId: e.personId, committeeId: e.committeeId, from: monday, to: monday.adding(days: 4))
        async let episodes = store.episodes(personId: e.personId, committeeId: e.committeeId)
        async let names = store.interventionNames()
        let w = AttendanceWeek.build(monday: monday, records: try await records, episodes: try await episodes, interventionNames: try await names)
        try await log.append([entry(actor, e.personId, .attendanceRead, .allowed, "week \(monday)")])
        return (e, w)
    }
}

// MARK: Recording a week

extension CaseFlowService {
    /// Records a person's week at once (the weekly grid): one attendance record per mark, each tied to its
    /// episode, under `AttendanceWeekRules`. Any refused mark refuses the week: nothing is saved. One audit row
    /// per record, in the same transaction. Returns the records made.
    public func recordAttendanceWeek(enrolmentId: UUID, week: LocalDate?, marks: [AttendanceWeekRules.Mark], by actor: Actor) async throws -> [AttendanceRecord] {
        try require(.recordAttendance, actor)
        let e = try await ownEnrolment(enrolmentId, actor, .attendanceRecord)
        let monday = AttendanceWeek.monday(of: week ?? today)
        async let episodes = store.episodes(personId: e.personId, committeeId: e.committeeId)
        async let existing = store.attendance(personId: e.personId, committeeId: e.committeeId, from: monday, to: monday.adding(days: 4))
        async let report = store.attendance(enrolmentId: e.id)
        async let names = store.interventionNames()
        let interventionNames = try await names
        let (valid, errors) = AttendanceWeekRules.validate(
            enrolment: e, monday: monday, marks: marks, episodes: try await episodes, existing: try await existing, finalMonths: try await report.finalMonths,
            interventionNames: interventionNames, today: today)
        guard errors.isEmpty else { throw DomainError(.invalid, "Veckan sparades inte.", fields: errors) }
        let records = valid.map { v in
            AttendanceRecord(
                id: newId(), enrolmentId: e.id, personId: e.personId, date: v.date, activity: interventionNames[v.episode.interventionId] ?? v.episode.interventionId,
                status: v.status, note: nil, recordedByName: actor.user.displayName, episodeId: v.episode.id)
        }
        try await store.saveRollCall(records, audit: records.map { entry(actor, e.personId, .attendanceRecord, .allowed, "\($0.date) \($0.status.rawValue) week") })
        return records
    }
}
