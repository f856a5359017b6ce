import Foundation

/// Referral to Jobbtorg under consent, and Jobbtorg's answer: acceptance opens the person's file at the
/// labour-market committee and enrols them; a decline carries a reason the district sees.
extension CaseFlowService {
    public struct MakeReferral: Sendable {
        public var toUnitId: String, route: String, sessionId: String, meetingDate: String, meetingTime: String, reason: String
        public var workShouldBeTried: Bool, fullTimeProgramme: Bool, jointAgreement: Bool, exceptionReason: String
        public init(
            toUnitId: String, route: String, sessionId: String, meetingDate: String, meetingTime: String, reason: String, workShouldBeTried: Bool,
            fullTimeProgramme: Bool, jointAgreement: Bool, exceptionReason: String
        ) {
            self.toUnitId = toUnitId
            self.route = route
            self.sessionId = sessionId
            self.meetingDate = meetingDate
            self.meetingTime = meetingTime
            self.reason = reason
            self.workShouldBeTried = workShouldBeTried
            self.fullTimeProgramme = fullTimeProgramme
            self.jointAgreement = jointAgreement
            self.exceptionReason = exceptionReason
        }
    }

    /// The target-group judgement from the person's latest försörjningshinder and the secretary's answers.
    public func targetGroup(personId: UUID, committeeId: String, workShouldBeTried: Bool, fullTimeProgramme: Bool, jointAgreement: Bool) async throws -> TargetGroupRule.Result {
        let obstacles = try await store.obstacles(personId: personId, committeeId: committeeId)
        let latest = Dictionary(grouping: obstacles, by: \.adult).compactMap { $0.value.max { $0.judgedOn < $1.judgedOn }?.code }
        return TargetGroupRule.evaluate(
            .init(obstacleCodes: latest, workShouldBeTried: workShouldBeTried, fullTimeEmploymentServiceProgramme: fullTimeProgramme, jointAgreement: jointAgreement),
            classification: classification)
    }

    /// Upcoming group-information sessions of the Jobbtorg units, with free places.
    public func upcomingSessions() async throws -> [(session: InformationSession, booked: Int)] {
        let units = try await organisation.units().filter { Self.jobbtorgUnits.contains($0.kind) }.map(\.id)
        return try await store.sessions(unitIds: units, from: clock.now())
    }

    public func refer(personId: UUID, _ input: MakeReferral, by actor: Actor) async throws -> Referral {
        try require(.refer, actor)
        try await visiblePerson(personId, actor, .referralCreate)
        let own = actor.user.committeeId
        let unit = try await organisation.unit(id: input.toUnitId)
        var errors: [FieldError] = []
        if unit == nil || !Self.jobbtorgUnits.contains(unit!.kind) { errors.append(FieldError(field: "toUnit", message: "Välj det Jobbtorg som personen remitteras till.")) }
        // The consent must be active and cover the referral, to the labour-market committee (or the chosen unit).
        let consents = try await store.consents(personId: personId)
        let consent = consents.first { c in
            c.committeeId == own && c.isActive(on: today) && c.scopes.contains(.referral) && c.recipientCommitteeId == unit?.committeeId
                && (c.recipientUnitId == nil || c.recipientUnitId == unit?.id)
        }
        if unit != nil && consent == nil {
            throw DomainError.invalid([
                FieldError(field: "consent", message: "Det finns inget giltigt samtycke som täcker en remiss till \(unit!.name). Dokumentera samtycket med personen först.")
            ])
        }
        let route = Referral.Route(rawValue: input.route)
        var sessionId: UUID?
        var meetingAt: Date?
        switch route {
        case .groupInformation:
            if let id = UUID(uuidString: input.sessionId), let s = try await upcomingSessions().first(where: { $0.session.id == id }), s.session.unitId == input.toUnitId {
                sessionId = id
            } else {
                errors.append(FieldError(field: "session", message: "Välj ett kommande gruppinformationstillfälle på det valda Jobbtorget."))
            }
        case .threePartyMeeting:
            let d = LocalDate(Self.trimmed(input.meetingDate))
            let t = Self.trimmed(input.meetingTime)
            if d == nil { errors.append(FieldError(field: "meetingDate", message: "Ange datum för trepartssamtalet som ÅÅÅÅ-MM-DD (ett datum som finns).")) }
            else if d! < today { errors.append(FieldError(field: "meetingDate", message: "Trepartssamtalet kan inte bokas bakåt i tiden.")) }
            let hm = MeetingRules.parseTime(t)
            if hm == nil { errors.append(FieldError(field: "meetingTime", message: "Ange tid som TT:MM, till exempel 10:00.")) }
            if let d, let hm {
                var comps = DateComponents(year: d.year, month: d.month, day: d.day, hour: hm.hour, minute: hm.minute)
                comps.timeZone = Calendar.swedish.timeZone
                meetingAt = Calendar.swedish.date(from: comps)
            }
        case nil:
            errors.append(FieldError(field: "route", message: "Välj hur personen skrivs in: gruppinformation eller trepartssamtal."))
        }
        let reason = Self.trimmed(input.reason)
        if !(10...2000).contains(reason.count) { errors.append(FieldError(field: "reason", message: "Skriv skälet till remissen (10–2 000 tecken).")) }
        let tg = try await targetGroup(personId: personId, committeeId: own, workShouldBeTried: input.workShouldBeTried, fullTimeProgramme: input.fullTimeProgramme, jointAgreement: input.jointAgreement)
        let exception = Self.trimmed(input.exceptionReason)
        if !tg.inTargetGroup && exception.count < 10 {
            errors.append(FieldError(field: "exceptionReason", message: "Personen ser inte ut att höra till Jobbtorgs målgrupp: \(tg.reason) Skriv varför du ändå remitterar (minst 10 tecken)."))
        }
        if try await store.referrals(personId: personId).contains(where: { $0.status == .sent && $0.fromCommitteeId == own }) {
            throw DomainError(.conflict, "Det finns redan en remiss som väntar på svar för personen.")
        }
        if try await store.enrolments(personId: personId).contains(where: { $0.status == .active }) {
            throw DomainError(.conflict, "Personen är redan inskriven på Jobbtorg.")
        }
        guard errors.isEmpty, let unit, let consent, let route else { throw DomainError.invalid(errors) }
        let cases = try await store.cases(personId: personId)
        let r = Referral(
            id: newId(), personId: personId, caseId: cases.first { $0.committeeId == own && $0.status == .active }?.id, fromCommitteeId: own,
            fromUnitId: actor.user.unitId, referredBy: actor.user.id, referredByName: actor.user.displayName, toUnitId: unit.id, consentId: consent.id,
            route: route, sessionId: sessionId, meetingAt: meetingAt, reason: reason, inTargetGroup: tg.inTargetGroup, targetGroupReason: tg.reason,
            exceptionReason: tg.inTargetGroup ? nil : exception, sentOn: today, createdAt: clock.now())
        try await store.addReferral(r, audit: entry(actor, personId, .referralCreate, .allowed, unit.id))
        await refreshTasks(personId)
        return r
    }

    /// Whether the referral may be shown to the actor: the referring committee always; the receiving
    /// committee while the consent behind it is active.
    func referralVisible(_ r: Referral, _ actor: Actor) async throws -> Bool {
        if r.fromCommitteeId == actor.user.committeeId { return true }
        guard let unit = try await organisation.unit(id: r.toUnitId), unit.committeeId == actor.user.committeeId else { return false }
        if r.status == .accepted { return true }
        return try await store.consent(id: r.consentId)?.isActive(on: today) == true
    }

    /// One referral with the person, for the referring district or the receiving Jobbtorg (under the consent). A logged read.
    public func referral(id: UUID, by actor: Actor) async throws -> (referral: Referral, person: Person, consent: Consent?) {
        guard AccessPolicy.allows(actor.user.role, .readPerson), let r = try await store.referral(id: id), try await referralVisible(r, actor),
            let person = try await persons.person(id: r.personId, firstOf: [actor.user.committeeId, r.fromCommitteeId])
        else {
            try await log.append([entry(actor, nil, .referralRead, .denied, "not_visible")])
            throw DomainError.notFound
        }
        try await log.append([entry(actor, r.personId, .referralRead, .allowed, actor.channel)])
        return (r, person, try await store.consent(id: r.consentId))
    }

    /// Referrals to the actor's Jobbtorg unit (or, for a manager, any unit of the committee), unanswered first.
    public func referralInbox(by actor: Actor) async throws -> [(referral: Referral, person: PersonSummary?)] {
        try require(.readReferralInbox, actor)
        let units = try await organisation.units().filter { $0.committeeId == actor.user.committeeId && Self.jobbtorgUnits.contains($0.kind) }.map(\.id)
        let list = try await store.referrals(toUnitIds: actor.user.role == .unitManager ? units : [actor.user.unitId], status: nil, limit: 200)
        var visible: [Referral] = []
        for r in list where try await referralVisible(r, actor) { visible.append(r) }
        // The name the referring committee's file holds (shared with the referral under its consent), or
        // Jobbtorg's own file once it has one.
        var names: [UUID: PersonSummary] = [:]
        for from in Set(visible.map(\.fromCommitteeId)) {
            names.merge(try await store.names(personIds: visible.filter { $0.fromCommitteeId == from }.map(\.personId), committeeId: from)) { a, _ in a }
        }
        names.merge(try await store.names(personIds: visible.map(\.personId), committeeId: actor.user.committeeId)) { _, own in own }
        if !visible.isEmpty {
            try await log.append([.list(at: clock.now(), requestId: actor.requestId, actor: actor.user, persons: visible.map(\.personId), action: .referralInboxHit)])
        }
        return visible.map { ($0, names[$0.personId]) }
    }

    public func answerReferral(id: UUID, accept: Bool, declineReason: String, enrolledOn: String, expectedVersion: Int, by actor: Actor) async throws -> Referral {
        try require(.answerReferral, actor)
        guard let r = try await store.referral(id: id), try await referralVisible(r, actor), r.fromCommitteeId != actor.user.committeeId else {
            try await log.append([entry(actor, nil, .referralAnswer, .denied, "not_visible")])
            throw DomainError.notFound
        }
        guard r.status == .sent else { throw DomainError(.conflict, "Remissen är redan besvarad (\(r.status.swedishName.lowercased())).") }
        guard r.version == expectedVersion else { throw DomainError.stale }
        let now = clock.now()
        if accept {
            let t = Self.trimmed(enrolledOn)
            let day = t.isEmpty ? today : LocalDate(t)
            guard let day else { throw DomainError.invalid([FieldError(field: "enrolledOn", message: "Ange inskrivningsdatum som ÅÅÅÅ-MM-DD (ett datum som finns).")]) }
            guard day <= today, day >= r.sentOn else {
                throw DomainError.invalid([FieldError(field: "enrolledOn", message: "Inskrivningsdatumet ska ligga mellan remissdatumet (\(r.sentOn)) och i dag.")])
            }
            let e = Enrolment(
                id: newId(), personId: r.personId, referralId: r.id, districtCommitteeId: r.fromCommitteeId, committeeId: actor.user.committeeId,
                unitId: r.toUnitId, responsibleUserId: actor.user.role == .coach ? actor.user.id : nil, enrolledOn: day)
            let file = PersonFile(personId: r.personId, committeeId: actor.user.committeeId, openedAt: now, openedByUnitId: r.toUnitId)
            // The file Jobbtorg opens starts from what the district shared with the referral (under its consent).
            guard let person = try await persons.person(id: r.personId, firstOf: [actor.user.committeeId, r.fromCommitteeId]) else { throw DomainError.notFound }
            let done = try await store.acceptReferral(
                id: id, expectedVersion: expectedVersion, enrolment: e, person: person, file: file, at: now, byName: actor.user.displayName,
                audit: entry(actor, r.personId, .referralAccept, .allowed, "enrolled \(day)"))
            await refreshTasks(r.personId)
            return done
        }
        let reason = Self.trimmed(declineReason)
        guard (10...2000).contains(reason.count) else {
            throw DomainError.invalid([FieldError(field: "declineReason", message: "Skriv varför remissen avböjs (10–2 000 tecken). Stadsdelen ser skälet.")])
        }
        let done = try await store.declineReferral(
            id: id, expectedVersion: expectedVersion, reason: reason, at: now, byName: actor.user.displayName, audit: entry(actor, r.personId, .referralDecline, .allowed, nil))
        await refreshTasks(r.personId)
        return done
    }
}
