import Foundation

/// Every active case has a responsible worker: a caseworker takes a case over, a unit manager assigns it.
/// Group-information sessions are scheduled by the Jobbtorg.
extension CaseFlowService {
    public func assignResponsible(personId: UUID, userId: UUID, users: [StaffUser], assignments: any CaseAssignmentStore, by actor: Actor) async throws {
        guard Self.isDistrict(actor) || Self.isJobbtorg(actor) else { throw DomainError.forbidden }
        try await visiblePerson(personId, actor, .caseAssign)
        let manager = actor.user.role == .unitManager
        guard manager || (Self.caseworkers.contains(actor.user.role) && userId == actor.user.id) else { throw DomainError.forbidden }
        // A manager assigns within the unit; a caseworker takes over a case of the committee (intake → financial aid).
        guard let target = users.first(where: { $0.id == userId }), Self.mayBeResponsible(target, assignedBy: actor) else {
            throw DomainError.invalid([FieldError(field: "responsible", message: "Välj en aktiv handläggare på din enhet.")])
        }
        guard try await assignments.setResponsible(
            personId: personId, committeeId: actor.user.committeeId, userId: userId, unitId: target.unitId, audit: entry(actor, personId, .caseAssign, .allowed, target.username))
        else { throw DomainError(.conflict, "Personen har inget aktivt ärende eller inskrivning hos er.") }
        await refreshTasks(personId)
    }

    /// Whom a case can be given to: an active caseworker or manager of the committee; when a manager assigns,
    /// of the manager's own unit.
    public static func mayBeResponsible(_ target: StaffUser, assignedBy actor: Actor) -> Bool {
        target.active && target.committeeId == actor.user.committeeId
            && (actor.user.role == .unitManager ? target.unitId == actor.user.unitId : true)
            && (caseworkers.contains(target.role) || target.role == .unitManager)
    }

    public func scheduleSession(startsOn: String, time: String, location: String, places: String, by actor: Actor) async throws -> InformationSession {
        try require(.scheduleSessions, actor)
        var errors: [FieldError] = []
        let d = LocalDate(Self.trimmed(startsOn))
        if d == nil { errors.append(FieldError(field: "startsOn", message: "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns).")) }
        else if d! < today || d! > today.adding(months: 12) { errors.append(FieldError(field: "startsOn", message: "Ange ett datum från i dag och högst ett år fram.")) }
        let t = Self.trimmed(time)
        let hm = MeetingRules.parseTime(t)
        if hm == nil { errors.append(FieldError(field: "time", message: "Ange tid som TT:MM, till exempel 09:30.")) }
        let loc = Self.trimmed(location)
        if !(2...200).contains(loc.count) { errors.append(FieldError(field: "location", message: "Skriv var gruppinformationen hålls.")) }
        let n = Int(Self.trimmed(places))
        if n == nil || !(1...200).contains(n!) { errors.append(FieldError(field: "places", message: "Ange antal platser, 1–200.")) }
        var comps = DateComponents(year: d?.year, month: d?.month, day: d?.day, hour: hm?.hour, minute: hm?.minute)
        comps.timeZone = Calendar.swedish.timeZone
        guard errors.isEmpty, let d, let n, let startsAt = Calendar.swedish.date(from: comps) else { throw DomainError.invalid(errors) }
        let s = InformationSession(id: newId(), unitId: actor.user.unitId, startsAt: startsAt, location: loc, places: n)
        try await store.addSession(s)
        try await log.append([entry(actor, nil, .sessionSchedule, .allowed, "\(d) \(t)")])
        return s
    }
}
