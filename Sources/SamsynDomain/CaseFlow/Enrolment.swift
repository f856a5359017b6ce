import Foundation

/// Inskrivning: the person's enrolment at a Jobbtorg after an accepted referral. It belongs to the
/// labour-market committee; its deadlines (first jobbplan, meetings, attendance reports) are counted from it.
public struct Enrolment: Hashable, Sendable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable { case active, closed }
    public enum ClosureReason: String, Sendable, CaseIterable, Codable {
        case work
        case subsidisedWork = "subsidised_work"
        case studies
        case otherIncome = "other_income"
        case moved
        case returnedToDistrict = "returned_to_district"
        case other
        public var swedishName: String {
            switch self {
            case .work: "Arbete"
            case .subsidisedWork: "Subventionerat arbete eller extratjänst"
            case .studies: "Studier"
            case .otherIncome: "Annan försörjning"
            case .moved: "Flyttat"
            case .returnedToDistrict: "Återremittering till stadsdelen"
            case .other: "Annat"
            }
        }
        /// Work or studies: the closures that end the three-party meeting cycle as a success.
        public var isWorkOrStudies: Bool { self == .work || self == .subsidisedWork || self == .studies }
    }

    public let id: UUID
    public let personId: UUID
    public let referralId: UUID?
    /// The district the person came from (its committee sees the status and, under consent, more).
    public let districtCommitteeId: String
    public let committeeId: String
    public let unitId: String
    public var responsibleUserId: UUID?
    public let enrolledOn: LocalDate
    public var status: Status
    public var closureReason: ClosureReason?
    public var closureDetail: String?
    public var closedOn: LocalDate?
    public var closedByName: String?
    public var version: Int

    public init(
        id: UUID, personId: UUID, referralId: UUID?, districtCommitteeId: String, committeeId: String, unitId: String, responsibleUserId: UUID?,
        enrolledOn: LocalDate, status: Status = .active, closureReason: ClosureReason? = nil, closureDetail: String? = nil, closedOn: LocalDate? = nil,
        closedByName: String? = nil, version: Int = 1
    ) {
        self.id = id
        self.personId = personId
        self.referralId = referralId
        self.districtCommitteeId = districtCommitteeId
        self.committeeId = committeeId
        self.unitId = unitId
        self.responsibleUserId = responsibleUserId
        self.enrolledOn = enrolledOn
        self.status = status
        self.closureReason = closureReason
        self.closureDetail = closureDetail
        self.closedOn = closedOn
        self.closedByName = closedByName
        self.version = version
    }

    /// The first jobbplan is due five working days after enrolment (enrolment day is day 0).
    public static let jobPlanWorkingDays = 5
    public var jobPlanDue: LocalDate { WorkingDayCalendar.adding(workingDays: Self.jobPlanWorkingDays, to: enrolledOn) }

    public static func validateClosure(_ e: Enrolment, reason: ClosureReason?, detail: String, closedOn: LocalDate?, dateText: String, today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        if reason == nil { errors.append(FieldError(field: "reason", message: "Välj skälet till avslutet.")) }
        let d = detail.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason == .returnedToDistrict && !(5...1000).contains(d.count) {
            errors.append(FieldError(field: "detail", message: "Skriv varför personen återremitteras till stadsdelen (5–1 000 tecken)."))
        }
        if reason == .other && !(3...1000).contains(d.count) {
            errors.append(FieldError(field: "detail", message: "Beskriv skälet till avslutet (3–1 000 tecken)."))
        }
        if let closedOn {
            if closedOn < e.enrolledOn { errors.append(FieldError(field: "closedOn", message: "Avslutsdatumet kan inte vara före inskrivningen (\(e.enrolledOn)).")) }
            else if closedOn > today { errors.append(FieldError(field: "closedOn", message: "Ett avslut kan inte registreras i förväg. Ange dagens datum eller ett tidigare.")) }
        } else {
            errors.append(FieldError(field: "closedOn", message: dateText.isEmpty ? "Ange avslutsdatum." : "Ange avslutsdatum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        return errors
    }
}

/// The six-month check after a closure: did the person come back to försörjningsstöd? Answered by the district,
/// which knows the aid months.
public struct SixMonthCheck: Hashable, Sendable, Identifiable {
    public enum Result: String, Sendable, CaseIterable, Codable {
        case returned, notReturned = "not_returned"
        public var swedishName: String { self == .returned ? "Ja, har återkommit till försörjningsstöd" : "Nej, har inte återkommit" }
    }
    public let id: UUID
    public let enrolmentId: UUID
    public let personId: UUID
    public let districtCommitteeId: String
    public let closureReason: Enrolment.ClosureReason
    public let closedOn: LocalDate
    public let dueOn: LocalDate
    public var result: Result?
    public var recordedOn: LocalDate?
    public var recordedByName: String?
    public var version: Int

    public init(
        id: UUID, enrolmentId: UUID, personId: UUID, districtCommitteeId: String, closureReason: Enrolment.ClosureReason, closedOn: LocalDate,
        dueOn: LocalDate, result: Result? = nil, recordedOn: LocalDate? = nil, recordedByName: String? = nil, version: Int = 1
    ) {
        self.id = id
        self.enrolmentId = enrolmentId
        self.personId = personId
        self.districtCommitteeId = districtCommitteeId
        self.closureReason = closureReason
        self.closedOn = closedOn
        self.dueOn = dueOn
        self.result = result
        self.recordedOn = recordedOn
        self.recordedByName = recordedByName
        self.version = version
    }

    public static func due(closedOn: LocalDate) -> LocalDate { closedOn.adding(months: 6) }

    /// What the aid months say: any month with aid after the closure month, up to the due month.
    public static func suggestedResult(aidMonths: Set<String>, closedOn: LocalDate, dueOn: LocalDate) -> Result {
        var m = closedOn.firstOfNextMonth
        while m <= dueOn {
            if aidMonths.contains(m.monthKey) { return .returned }
            m = m.adding(months: 1)
        }
        return .notReturned
    }
}
