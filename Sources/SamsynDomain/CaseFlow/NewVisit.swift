import Foundation

/// The nybesök: the first visit at the financial-aid unit after an aktualisering (part 3 of the initial
/// assessment, försörjningshinder). Intake books it from the case: the day, the time, where, and the social
/// secretary who meets the person. One booking per case; booking again moves it (a new version).
public struct NewVisit: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let caseId: UUID
    public let personId: UUID
    public let committeeId: String
    /// The financial-aid unit of the worker who holds the visit: the case lands in this unit's inbox.
    public let unitId: String
    public let workerId: UUID
    public let workerName: String
    public let date: LocalDate
    public let time: String
    public let location: String
    public let bookedByName: String
    public let bookedAt: Date
    public var version: Int

    public init(
        id: UUID, caseId: UUID, personId: UUID, committeeId: String, unitId: String, workerId: UUID, workerName: String, date: LocalDate, time: String,
        location: String, bookedByName: String, bookedAt: Date, version: Int = 1
    ) {
        self.id = id
        self.caseId = caseId
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.workerId = workerId
        self.workerName = workerName
        self.date = date
        self.time = time
        self.location = location
        self.bookedByName = bookedByName
        self.bookedAt = bookedAt
        self.version = version
    }
}

/// The rules of booking a nybesök: a day from today and at most `maxDaysAhead` days ahead, a time that has
/// not passed, a place, and a worker who may hold it.
public enum NewVisitRules {
    public static let maxDaysAhead = 90

    public struct Booking: Sendable, Equatable {
        public let date: LocalDate
        public let time: String
        public let location: String
        public let worker: StaffUser
    }

    /// Who may hold a nybesök: an active social secretary or unit manager of a financial-aid unit of the committee.
    public static func mayHold(_ u: StaffUser, committeeId: String) -> Bool {
        u.active && u.committeeId == committeeId && u.unitKind == .financialAid && (u.role == .socialSecretary || u.role == .unitManager)
    }

    /// Checks every field at once and names each one that is wrong (Swedish messages for the form).
    public static func validate(date: String, time: String, location: String, workerId: String, staff: [StaffUser], committeeId: String, now: Date) throws -> Booking {
        var errors: [FieldError] = []
        let today = LocalDate(now)
        let dateText = date.trimmingCharacters(in: .whitespacesAndNewlines)
        let timeText = time.trimmingCharacters(in: .whitespacesAndNewlines)
        let day = LocalDate(dateText)
        if dateText.isEmpty {
            errors.append(FieldError(field: "date", message: "Ange datum för nybesöket som ÅÅÅÅ-MM-DD."))
        } else if day == nil {
            errors.append(FieldError(field: "date", message: "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        } else if day! < today {
            errors.append(FieldError(field: "date", message: "Nybesöket kan inte bokas bakåt i tiden. Välj ett datum från i dag."))
        } else if day! > today.adding(days: maxDaysAhead) {
            errors.append(FieldError(field: "date", message: "Boka nybesöket högst \(maxDaysAhead) dagar fram."))
        }
        let hm = MeetingRules.parseTime(timeText)
        if timeText.isEmpty {
            errors.append(FieldError(field: "time", message: "Ange en tid för nybesöket, till exempel 09:30."))
        } else if hm == nil {
            errors.append(FieldError(field: "time", message: "Ange tid som TT:MM, till exempel 09:30."))
        } else if let day, day == today {
            let c = Calendar.swedish.dateComponents([.hour, .minute], from: now)
            if hm!.hour * 60 + hm!.minute <= (c.hour ?? 0) * 60 + (c.minute ?? 0) {
                errors.append(FieldError(field: "time", message: "Tiden har redan passerat. Välj en senare tid i dag eller en annan dag."))
            }
        }
        let place = location.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(2...200).contains(place.count) { errors.append(FieldError(field: "location", message: "Skriv var nybesöket hålls (2–200 tecken).")) }
        let worker = UUID(uuidString: workerId.trimmingCharacters(in: .whitespaces)).flatMap { id in staff.first { $0.id == id } }
        if worker == nil || !mayHold(worker!, committeeId: committeeId) {
            errors.append(FieldError(field: "worker", message: "Välj en socialsekreterare på enheten för ekonomiskt bistånd."))
        }
        guard errors.isEmpty, let day, let hm, let worker else { throw DomainError.invalid(errors) }
        return Booking(date: day, time: String(format: "%02d:%02d", hm.hour, hm.minute), location: place, worker: worker)
    }
}
