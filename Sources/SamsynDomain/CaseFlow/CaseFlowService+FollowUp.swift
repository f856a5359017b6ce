import Foundation

/// Plans, meetings, attendance, closure and the six-month check.
extension CaseFlowService {
    /// The enrolment, when it is the actor's committee's.
    func ownEnrolment(_ id: UUID, _ actor: Actor, _ action: AuditAction) async throws -> Enrolment {
        guard let e = try await store.enrolment(id: id), e.committeeId == actor.user.committeeId, AccessPolicy.allows(actor.user.role, .readPerson) else {
            try await log.append([entry(actor, nil, action, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        return e
    }

    /// An enrolment: its own committee's, or for the district it came from (the status, as on the case page). A logged read.
    public func enrolment(id: UUID, by actor: Actor) async throws -> Enrolment {
        guard AccessPolicy.allows(actor.user.role, .readPerson), let e = try await store.enrolment(id: id),
            e.committeeId == actor.user.committeeId || e.districtCommitteeId == actor.user.committeeId
        else {
            try await log.append([entry(actor, nil, .enrolmentRead, .denied, "not_visible")])
            throw DomainError.notFound
        }
        try await log.append([entry(actor, e.personId, .enrolmentRead, .allowed, actor.channel)])
        return e
    }

    // MARK: Plans

    public struct SavePlan: Sendable {
        public var goal: String, subGoals: [PlanRules.SubGoalInput], nextFollowUp: String
        public init(goal: String, subGoals: [PlanRules.SubGoalInput], nextFollowUp: String) {
            self.goal = goal
            self.subGoals = subGoals
            self.nextFollowUp = nextFollowUp
        }
    }

    /// Creates the person's jobbplan (Jobbtorg, for an active enrolment) or arbetsplan (district, for an open case).
    public func createPlan(personId: UUID, kind: Plan.Kind, _ input: SavePlan, by actor: Actor) async throws -> Plan {
        try await visiblePerson(personId, actor, .planCreate)
        var enrolmentId: UUID?
        switch kind {
        case .jobPlan:
            try require(.writeJobPlan, actor)
            guard let e = try await store.enrolments(personId: personId).first(where: { $0.committeeId == actor.user.committeeId && $0.status == .active }) else {
                throw DomainError(.conflict, "Personen är inte inskriven hos er. En jobbplan görs för en inskriven person.")
            }
            enrolmentId = e.id
        case .workPlan:
            try require(.writeWorkPlan, actor)
            guard try await store.cases(personId: personId).contains(where: { $0.committeeId == actor.user.committeeId && $0.status == .active }) else {
                throw DomainError(.conflict, "Personen har inget öppet ärende hos er. Registrera aktualiseringen först.")
            }
        }
        if try await store.plans(personId: personId).contains(where: { $0.kind == kind && $0.committeeId == actor.user.committeeId && $0.enrolmentId == enrolmentId }) {
            throw DomainError(.conflict, "Personen har redan en \(kind.swedishName.lowercased()). Öppna den och spara en ny version.")
        }
        let (valid, errors) = PlanRules.validate(goal: input.goal, subGoals: input.subGoals, nextFollowUp: input.nextFollowUp, today: today)
        guard let valid else { throw DomainError.invalid(errors) }
        let p = Plan(
            id: newId(), personId: personId, kind: kind, committeeId: actor.user.committeeId, unitId: actor.user.unitId, enrolmentId: enrolmentId,
            goal: valid.goal, subGoals: valid.subGoals, nextFollowUp: valid.nextFollowUp, version: 1, savedAt: clock.now(), savedByName: actor.user.displayName)
        let saved = try await store.savePlan(p, expectedVersion: nil, audit: entry(actor, personId, .planCreate, .allowed, "\(kind.rawValue) v1"))
        await refreshTasks(personId)
        return saved
    }

    /// Saves the next version of a plan; the earlier ones are kept. A stale version changes nothing.
    public func revisePlan(id: UUID, _ input: SavePlan, expectedVersion: Int, by actor: Actor) async throws -> Plan {
        guard var p = try await store.plan(id: id), p.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .planRevise, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        try require(CaseAction.writePlan(p.kind), actor)
        let (valid, errors) = PlanRules.validate(goal: input.goal, subGoals: input.subGoals, nextFollowUp: input.nextFollowUp, today: today)
        guard let valid else { throw DomainError.invalid(errors) }
        guard p.version == expectedVersion else { throw DomainError.stale }
        p.goal = valid.goal
        p.subGoals = valid.subGoals
        p.nextFollowUp = valid.nextFollowUp
        p.version = expectedVersion + 1
        p.savedAt = clock.now()
        p.savedByName = actor.user.displayName
        let saved = try await store.savePlan(p, expectedVersion: expectedVersion, audit: entry(actor, p.personId, .planRevise, .allowed, "\(p.kind.rawValue) v\(p.version)"))
        await refreshTasks(p.personId)
        return saved
    }

    /// A plan with its versions, for its own committee, or for the other under a consent covering plans. A logged read.
    public func plan(id: UUID, by actor: Actor) async throws -> (plan: Plan, versions: [Plan], person: Person) {
        guard AccessPolicy.allows(actor.user.role, .readPerson), let p = try await store.plan(id: id) else {
            try await log.append([entry(actor, nil, .planRead, .denied, "no_such_plan")])
            throw DomainError.notFound
        }
        let consents = try await store.consents(personId: p.personId)
        guard ConsentSharing.sees(.plan, owner: p.committeeId, ownerUnit: p.unitId, viewer: actor.user, consents: consents, on: today),
            let person = try await persons.person(id: p.personId, firstOf: [actor.user.committeeId, p.committeeId])
        else {
            try await log.append([entry(actor, p.personId, .planRead, .denied, "no_consent")])
            throw DomainError.notFound
        }
        let versions = try await store.planVersions(id: id)
        try await log.append([entry(actor, p.personId, .planRead, .allowed, p.committeeId == actor.user.committeeId ? actor.channel : "consent")])
        return (p, versions, person)
    }

    // MARK: Meetings

    public func bookMeeting(enrolmentId: UUID, kind: String, date: String, time: String, by actor: Actor) async throws -> Meeting {
        try require(.bookMeeting, actor)
        let e = try await ownEnrolment(enrolmentId, actor, .meetingBook)
        guard e.status == .active else { throw DomainError(.conflict, "Inskrivningen är avslutad.") }
        let k = Meeting.Kind(rawValue: kind)
        let dateText = Self.trimmed(date)
        let d = LocalDate(dateText)
        let errors = MeetingRules.validateBooking(kind: k, date: d, dateText: dateText, time: time, enrolment: e, today: today)
        guard errors.isEmpty, let k, let d else { throw DomainError.invalid(errors) }
        let m = Meeting(
            id: newId(), personId: e.personId, enrolmentId: e.id, committeeId: e.committeeId, kind: k, date: d, time: Self.trimmed(time),
            bookedByName: actor.user.displayName)
        try await store.addMeeting(m, audit: entry(actor, e.personId, .meetingBook, .allowed, "\(k.rawValue) \(d)"))
        await refreshTasks(e.personId)
        return m
    }

    /// A meeting's record, for its own committee or, read only, for the other under a consent covering meetings
    /// (`ConsentSharing`). A logged read; a denied one is logged and answered as not found.
    /// `sharedFrom` is the unit holding it (the enrolment's) when it is the other committee's.
    public func meeting(id: UUID, by actor: Actor) async throws -> (meeting: Meeting, person: Person, sharedFrom: String?) {
        guard AccessPolicy.allows(actor.user.role, .readPerson), let m = try await store.meeting(id: id) else {
            try await log.append([entry(actor, nil, .meetingRead, .denied, "no_such_meeting")])
            throw DomainError.notFound
        }
        let person = try await visiblePerson(m.personId, actor, .meetingRead)
        let own = m.committeeId == actor.user.committeeId
        var unit: String?
        if !own { unit = try await store.enrolment(id: m.enrolmentId)?.unitId ?? m.committeeId }
        if !own {
            let consents = try await store.consents(personId: m.personId)
            if let refusal = ConsentSharing.refusal(
                .meeting, owner: m.committeeId, ownerUnit: unit, viewerCommittee: actor.user.committeeId, viewerUnit: actor.user.unitId, consents: consents, on: today)
            {
                try await log.append([entry(actor, m.personId, .meetingRead, .denied, refusal.rawValue)])
                throw DomainError.notFound
            }
        }
        try await log.append([entry(actor, m.personId, .meetingRead, .allowed, own ? actor.channel : "\(actor.channel) consent")])
        return (m, person, unit)
    }

    /// Records the meeting; `publish` true shows the record to the person on Mina sidor, false takes it back, nil
    /// leaves it as it was.
    public func recordMeeting(id: UUID, participants: String, agreed: String, expectedVersion: Int, publish: Bool? = nil, by actor: Actor) async throws -> Meeting {
        try require(.recordMeeting, actor)
        guard let m = try await store.meeting(id: id), m.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .meetingRecord, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        let errors = MeetingRules.validateRecord(m, participants: participants, agreed: agreed, today: today)
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        guard m.version == expectedVersion else { throw DomainError.stale }
        let saved = try await store.recordMeeting(
            id: id, participants: Self.trimmed(participants), agreed: Self.trimmed(agreed), byName: actor.user.displayName, expectedVersion: expectedVersion,
            publishedAt: publish.map { $0 ? clock.now() : nil },
            audit: entry(actor, m.personId, .meetingRecord, .allowed, publish == true ? "\(m.kind.rawValue) published" : m.kind.rawValue))
        await refreshTasks(m.personId)
        return saved
    }

    // MARK: Attendance

    public func recordAttendance(enrolmentId: UUID, date: String, activity: String, status: String, note: String, by actor: Actor) async throws -> AttendanceRecord {
        try require(.recordAttendance, actor)
        guard let e = try await store.enrolment(id: enrolmentId), e.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .attendanceRecord, .denied, "not_in_committee")])
            throw DomainError.invalid([FieldError(field: "date", message: "Personen är inte inskriven på Jobbtorg. Närvaro registreras bara för inskrivna.")])
        }
        let dateText = Self.trimmed(date)
        let d = LocalDate(dateText)
        let s = AttendanceRecord.Status(rawValue: status)
        let final = try await store.attendance(enrolmentId: e.id).finalMonths
        let errors = AttendanceRules.validate(enrolment: e, date: d, dateText: dateText, activity: activity, status: s, finalMonths: final, today: today)
        guard errors.isEmpty, let d, let s else { throw DomainError.invalid(errors) }
        let n = Self.trimmed(note)
        let r = AttendanceRecord(
            id: newId(), enrolmentId: e.id, personId: e.personId, date: d, activity: Self.trimmed(activity), status: s, note: n.isEmpty ? nil : n,
            recordedByName: actor.user.displayName)
        try await store.addAttendance(r, audit: entry(actor, e.personId, .attendanceRecord, .allowed, "\(d) \(s.rawValue)"))
        return r
    }

    /// Corrects a record with a reason, until its month is final; the correction is kept and shown.
    public func correctAttendance(id: UUID, status: String, reason: String, expectedVersion: Int, by actor: Actor) async throws -> AttendanceRecord {
        try require(.correctAttendance, actor)
        guard let r = try await store.attendanceRecord(id: id), let e = try await store.enrolment(id: r.enrolmentId), e.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .attendanceCorrect, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        var errors: [FieldError] = []
        let s = AttendanceRecord.Status(rawValue: status)
        if s == nil { errors.append(FieldError(field: "status", message: "Välj närvaro eller frånvaro.")) }
        else if s == r.status { errors.append(FieldError(field: "status", message: "Välj en annan närvaro än den registrerade.")) }
        if !(5...1000).contains(Self.trimmed(reason).count) { errors.append(FieldError(field: "reason", message: "Skriv varför närvaron rättas (5–1 000 tecken).")) }
        guard errors.isEmpty, let s else { throw DomainError.invalid(errors) }
        try AttendanceRules.checkCorrectable(month: r.date.monthKey, isFinal: try await store.attendance(enrolmentId: e.id).finalMonths.contains(r.date.monthKey))
        guard r.version == expectedVersion else { throw DomainError.stale }
        return try await store.correctAttendance(
            id: id, status: s, reason: Self.trimmed(reason), expectedVersion: expectedVersion, at: clock.now(), byName: actor.user.displayName,
            audit: entry(actor, r.personId, .attendanceCorrect, .allowed, "\(r.status.rawValue)->\(s.rawValue)"))
    }

    /// Makes a finished month's attendance final: the report reaches the district and no more corrections are made.
    public func finaliseAttendance(enrolmentId: UUID, month: String, by actor: Actor) async throws {
        try require(.finaliseAttendance, actor)
        let e = try await ownEnrolment(enrolmentId, actor, .attendanceFinalise)
        guard let m = AidMonths.parseMonth(month), m >= e.enrolledOn.monthKey else {
            throw DomainError.invalid([FieldError(field: "month", message: "Ange en månad under inskrivningen som ÅÅÅÅ-MM.")])
        }
        guard m < today.monthKey else { throw DomainError.invalid([FieldError(field: "month", message: "Månaden är inte slut ännu.")]) }
        if try await store.attendance(enrolmentId: e.id).finalMonths.contains(m) { throw AttendanceRules.monthAlreadyFinal(m) }
        try await store.finaliseAttendanceMonth(enrolmentId: e.id, month: m, at: clock.now(), byName: actor.user.displayName, audit: entry(actor, e.personId, .attendanceFinalise, .allowed, m))
        await refreshTasks(e.personId)
    }

    /// Attendance of an enrolment: Jobbtorg sees every record; the district sees the monthly summary under a consent covering attendance. A logged read.
    public func attendance(enrolmentId: UUID, by actor: Actor) async throws -> (enrolment: Enrolment, records: [AttendanceRecord], corrections: [AttendanceCorrection], months: [AttendanceMonthSummary]) {
        guard AccessPolicy.allows(actor.user.role, .readPerson), let e = try await store.enrolment(id: enrolmentId) else { throw DomainError.notFound }
        let own = e.committeeId == actor.user.committeeId
        if !own {
            let consents = try await store.consents(personId: e.personId)
            guard ConsentSharing.sees(.attendance, owner: e.committeeId, ownerUnit: e.unitId, viewer: actor.user, consents: consents, on: today) else {
                try await log.append([entry(actor, e.personId, .attendanceRead, .denied, "no_consent")])
                throw DomainError.notFound
            }
        }
        let a = try await store.attendance(enrolmentId: e.id)
        try await log.append([entry(actor, e.personId, .attendanceRead, .allowed, own ? actor.channel : "consent")])
        let months = AttendanceMonthSummary.summarise(a.records, corrections: a.corrections, finalMonths: a.finalMonths)
        return (e, own ? a.records : [], a.corrections, months)
    }

    // MARK: Closure and the six-month check

    /// The district answers the six-month check (the aid months suggest the answer).
    public func recordCheck(id: UUID, result: String, expectedVersion: Int, by actor: Actor) async throws -> SixMonthCheck {
        try require(.recordCheck, actor)
        guard let c = try await store.check(id: id), c.districtCommitteeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .checkRecord, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        guard let r = SixMonthCheck.Result(rawValue: result) else {
            throw DomainError.invalid([FieldError(field: "result", message: "Välj om personen har återkommit till försörjningsstöd.")])
        }
        guard c.result == nil else { throw DomainError(.conflict, "Sexmånadersuppföljningen är redan gjord.") }
        guard today >= c.dueOn.adding(days: -DueTasks.leadDays) else {
            throw DomainError.invalid([FieldError(field: "result", message: "Uppföljningen görs sex månader efter avslutet, tidigast \(c.dueOn.adding(days: -DueTasks.leadDays)).")])
        }
        guard c.version == expectedVersion else { throw DomainError.stale }
        let saved = try await store.recordCheck(
            id: id, result: r, on: today, byName: actor.user.displayName, expectedVersion: expectedVersion, audit: entry(actor, c.personId, .checkRecord, .allowed, r.rawValue))
        await refreshTasks(c.personId)
        return saved
    }
}
