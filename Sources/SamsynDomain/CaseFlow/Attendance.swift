import Foundation

/// Närvaro: Jobbtorg's record of the person's attendance at one scheduled activity. A monthly summary
/// reaches the district under the consent; Jobbtorg may correct a record with a reason until the month
/// is final, and every correction is kept and shown.
public struct AttendanceRecord: Hashable, Sendable, Identifiable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case present
        case absentValid = "absent_valid"
        case absentInvalid = "absent_invalid"
        public var swedishName: String {
            switch self {
            case .present: "Närvarande"
            case .absentValid: "Frånvarande med giltigt skäl"
            case .absentInvalid: "Frånvarande utan giltigt skäl"
            }
        }
    }
    public let id: UUID
    public let enrolmentId: UUID
    public let personId: UUID
    public let date: LocalDate
    public let activity: String
    public var status: Status
    public var note: String?
    public var recordedByName: String
    public var version: Int
    /// The episode (participation in an intervention) the record belongs to, when it was recorded for one.
    public var episodeId: UUID?
    /// The group session it was called in (roll-call), if any.
    public var sessionId: UUID?

    public init(
        id: UUID, enrolmentId: UUID, personId: UUID, date: LocalDate, activity: String, status: Status, note: String?, recordedByName: String, version: Int = 1,
        episodeId: UUID? = nil, sessionId: UUID? = nil
    ) {
        self.episodeId = episodeId
        self.sessionId = sessionId
        self.id = id
        self.enrolmentId = enrolmentId
        self.personId = personId
        self.date = date
        self.activity = activity
        self.status = status
        self.note = note
        self.recordedByName = recordedByName
        self.version = version
    }
}

/// A kept correction of an attendance record.
public struct AttendanceCorrection: Hashable, Sendable {
    public let recordId: UUID
    public let from: AttendanceRecord.Status
    public let to: AttendanceRecord.Status
    public let reason: String
    public let correctedAt: Date
    public let correctedByName: String
    public init(recordId: UUID, from: AttendanceRecord.Status, to: AttendanceRecord.Status, reason: String, correctedAt: Date, correctedByName: String) {
        self.recordId = recordId
        self.from = from
        self.to = to
        self.reason = reason
        self.correctedAt = correctedAt
        self.correctedByName = correctedByName
    }
}

/// One month of a person's attendance, as the district sees it.
public struct AttendanceMonthSummary: Hashable, Sendable {
    public let month: String
    public let present: Int
    public let absentValid: Int
    public let absentInvalid: Int
    public let corrections: Int
    public let final: Bool

    public static func summarise(_ records: [AttendanceRecord], corrections: [AttendanceCorrection], finalMonths: Set<String>) -> [AttendanceMonthSummary] {
        let byMonth = Dictionary(grouping: records) { $0.date.monthKey }
        let recordMonth = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0.date.monthKey) })
        let correctionCount = Dictionary(grouping: corrections) { recordMonth[$0.recordId] ?? "" }.mapValues(\.count)
        return byMonth.keys.sorted(by: >).map { m in
            let rs = byMonth[m] ?? []
            return AttendanceMonthSummary(
                month: m, present: rs.filter { $0.status == .present }.count, absentValid: rs.filter { $0.status == .absentValid }.count,
                absentInvalid: rs.filter { $0.status == .absentInvalid }.count, corrections: correctionCount[m] ?? 0, final: finalMonths.contains(m))
        }
    }
}

public enum AttendanceRules {
    /// The month's attendance report is due on this working day of the next month.
    public static let reportWorkingDay = 5

    public static func reportDue(month: String) -> LocalDate {
        // `YYYY-MM` of a stored or computed month; read leniently so that no month string can stop a task run.
        let parts = month.split(separator: "-").map { Int($0) ?? 1 }
        return reportDue(monthOf: LocalDate(computedYear: parts.first ?? 1970, month: parts.count > 1 ? parts[1] : 1, day: 1))
    }

    public static func reportDue(monthOf date: LocalDate) -> LocalDate {
        let first = date.firstOfNextMonth
        return WorkingDayCalendar.workingDay(reportWorkingDay, ofMonth: first.month, year: first.year)
    }

    public static func validate(enrolment: Enrolment?, date: LocalDate?, dateText: String, activity: String, status: AttendanceRecord.Status?, finalMonths: Set<String>, today: LocalDate)
        -> [FieldError]
    {
        guard let enrolment, enrolment.status == .active || date.map({ d in enrolment.closedOn.map { d <= $0 } ?? false }) == true else {
            return [FieldError(field: "date", message: "Personen är inte inskriven på Jobbtorg. Närvaro registreras bara för inskrivna.")]
        }
        var errors: [FieldError] = []
        if let date {
            if date < enrolment.enrolledOn { errors.append(FieldError(field: "date", message: "Datumet är före inskrivningen (\(enrolment.enrolledOn)).")) }
            else if date > today { errors.append(FieldError(field: "date", message: "Närvaro kan inte registreras i förväg.")) }
            else if let closed = enrolment.closedOn, date > closed { errors.append(FieldError(field: "date", message: "Datumet är efter avslutet (\(closed)).")) }
            else if finalMonths.contains(date.monthKey) {
                errors.append(FieldError(field: "date", message: "Närvaron för \(date.monthKey) är redan slutrapporterad och kan inte ändras."))
            }
        } else {
            errors.append(FieldError(field: "date", message: dateText.isEmpty ? "Ange datum." : "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        if !(2...200).contains(activity.trimmingCharacters(in: .whitespacesAndNewlines).count) {
            errors.append(FieldError(field: "activity", message: "Skriv vilken aktivitet det gäller."))
        }
        if status == nil { errors.append(FieldError(field: "status", message: "Välj närvaro eller frånvaro.")) }
        return errors
    }
}
