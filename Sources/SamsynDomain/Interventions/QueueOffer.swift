import Foundation

/// One offer of a place: to whom, by whom, when, the answer deadline, and — when it went to someone other
/// than the first in line — how many were passed over and why. Offers are kept after they are answered,
/// so the queue's history shows every offer and its reason.
public struct QueueOffer: Hashable, Sendable, Identifiable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        /// Waiting for the person's answer.
        case open
        case accepted
        case declined
        /// No answer by the deadline: the place went back, the person waits on in the queue.
        case lapsed
        /// The entry was taken out of the queue while the offer was open.
        case withdrawn

        public var swedishName: String {
            switch self {
            case .open: "Väntar på svar"
            case .accepted: "Tackade ja"
            case .declined: "Tackade nej"
            case .lapsed: "Förföll (inget svar i tid)"
            case .withdrawn: "Borttagen ur kön"
            }
        }
    }

    /// Why a place went to someone other than the first in line.
    public enum OutOfOrderReason: String, Sendable, CaseIterable, Codable {
        /// The people ahead cannot start now (sick, in another intervention, not reachable).
        case aheadUnavailable = "ahead_unavailable"
        /// The intervention fits this person's plan and needs clearly better than theirs.
        case betterMatch = "better_match"
        /// A time limit in the person's plan or another decision means they must start now.
        case urgent
        case other

        public var swedishName: String {
            switch self {
            case .aheadUnavailable: "De som står före kan inte börja nu"
            case .betterMatch: "Insatsen passar personens plan och behov tydligt bättre"
            case .urgent: "Personen behöver börja nu (tidsgräns i planen eller beslut)"
            case .other: "Annat skäl"
            }
        }
    }

    public let id: UUID
    public let entryId: UUID
    public let interventionId: String
    public let personId: UUID
    public let committeeId: String
    public let unitId: String
    public let districtId: String
    public let offeredAt: Date
    public let offeredById: UUID
    public let offeredByName: String
    /// The last day the person may answer; the offer lapses the day after.
    public let answerBy: LocalDate
    /// Waiting entries ahead in the queue order that could have had the place; 0 when the offer is in order.
    public let passedOver: Int
    public let reason: OutOfOrderReason?
    public let reasonText: String?
    public var status: Status
    public var settledAt: Date?

    public init(
        id: UUID, entryId: UUID, interventionId: String, personId: UUID, committeeId: String, unitId: String, districtId: String, offeredAt: Date,
        offeredById: UUID, offeredByName: String, answerBy: LocalDate, passedOver: Int, reason: OutOfOrderReason?, reasonText: String?,
        status: Status = .open, settledAt: Date? = nil
    ) {
        self.id = id
        self.entryId = entryId
        self.interventionId = interventionId
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.districtId = districtId
        self.offeredAt = offeredAt
        self.offeredById = offeredById
        self.offeredByName = offeredByName
        self.answerBy = answerBy
        self.passedOver = passedOver
        self.reason = reason
        self.reasonText = reasonText
        self.status = status
        self.settledAt = settledAt
    }

    public var outOfOrder: Bool { passedOver > 0 }

    /// An open offer lapses once the day after its deadline has begun.
    public func isDue(today: LocalDate) -> Bool { status == .open && answerBy < today }
}

/// The fair-queue rules for an offer: who is first in line, the reason an offer out of order needs, and the
/// answer deadline.
public enum QueueOfferRules {
    public static let defaultAnswerDays = 7
    public static let maxAnswerDays = 30
    public static let reasonLength = 10...500

    /// What the caseworker sends with an offer (as typed).
    public struct Input: Sendable {
        public var answerBy: String
        public var reason: String
        public var reasonText: String
        public init(answerBy: String = "", reason: String = "", reasonText: String = "") {
            self.answerBy = answerBy
            self.reason = reason
            self.reasonText = reasonText
        }
    }

    public struct Checked: Sendable, Equatable {
        public let answerBy: LocalDate
        public let reason: QueueOffer.OutOfOrderReason?
        public let reasonText: String?
    }

    /// The waiting entries ahead of `entry` in queue order (priority first, then time in the queue) that the
    /// same committee could offer this place to now: the same intervention, a place free for their district.
    /// `waiting` is the committee's waiting entries for the intervention; `hasPlace` says whether a district
    /// has a place now.
    public static func ahead(of entry: QueueEntry, waiting: [QueueEntry], hasPlace: (String) -> Bool) -> [QueueEntry] {
        waiting.filter { other in
            other.id != entry.id && other.status == .waiting && other.committeeId == entry.committeeId && other.interventionId == entry.interventionId
                && QueueEntry.queueOrder(other, entry) && hasPlace(other.districtId)
        }.sorted(by: QueueEntry.queueOrder)
    }

    /// Checks the offer's deadline and, when `passedOver` people are ahead, its reason. Every problem at once.
    public static func check(_ input: Input, passedOver: Int, today: LocalDate) -> Result<Checked, DomainError> {
        var errors: [FieldError] = []
        let raw = input.answerBy.trimmingCharacters(in: .whitespaces)
        var answerBy: LocalDate? = raw.isEmpty ? today.adding(days: defaultAnswerDays) : LocalDate(raw)
        if let d = answerBy {
            if d < today {
                errors.append(FieldError(field: "answerBy", message: "Svarsdagen har redan passerat. Välj i dag eller ett senare datum."))
                answerBy = nil
            } else if d > today.adding(days: maxAnswerDays) {
                errors.append(FieldError(field: "answerBy", message: "Ge personen högst \(maxAnswerDays) dagar att svara."))
                answerBy = nil
            }
        } else {
            errors.append(FieldError(field: "answerBy", message: "Ange sista svarsdag som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        var reason: QueueOffer.OutOfOrderReason?
        var text: String?
        let typed = input.reasonText.trimmingCharacters(in: .whitespacesAndNewlines)
        if passedOver > 0 {
            reason = QueueOffer.OutOfOrderReason(rawValue: input.reason)
            if reason == nil {
                errors.append(
                    FieldError(
                        field: "reason",
                        message: "\(passedOver == 1 ? "En person" : "\(passedOver) personer") står före i kön. Välj skälet till att platsen ändå erbjuds den här personen."
                    ))
            }
            if !reasonLength.contains(typed.count) {
                errors.append(
                    FieldError(
                        field: "reasonText",
                        message: typed.isEmpty
                            ? "Beskriv varför platsen erbjuds före de som väntat längre (minst 10 tecken)."
                            : "Beskriv skälet med 10–500 tecken."))
            } else {
                text = typed
            }
        } else if !typed.isEmpty || !input.reason.isEmpty {
            // The first in line needs no reason; one given anyway is kept only if it reads as one.
            if typed.count > reasonLength.upperBound { errors.append(FieldError(field: "reasonText", message: "Beskriv skälet med högst 500 tecken.")) }
        }
        guard errors.isEmpty, let answerBy else { return .failure(.invalid(errors)) }
        return .success(Checked(answerBy: answerBy, reason: reason, reasonText: text))
    }
}

/// Offers of a period, for the managers' figures: the order rule and its deviations (counts only).
public struct QueueOfferFigures: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let interventionId: String
        public let offers: Int
        public let outOfOrder: Int
        public let lapsed: Int
    }
    public let from: LocalDate
    public let to: LocalDate
    public let offers: Int
    public let outOfOrder: Int
    public let lapsed: Int
    /// Out-of-order offers per reason, every reason listed (zero included), in the reasons' order.
    public let byReason: [(reason: QueueOffer.OutOfOrderReason, count: Int)]
    public let byIntervention: [Line]

    public static func == (a: Self, b: Self) -> Bool {
        a.from == b.from && a.to == b.to && a.offers == b.offers && a.outOfOrder == b.outOfOrder && a.lapsed == b.lapsed
            && a.byReason.map(\.reason) == b.byReason.map(\.reason) && a.byReason.map(\.count) == b.byReason.map(\.count) && a.byIntervention == b.byIntervention
    }

    /// Counts the offers made from `from` through `to` (both days included).
    public static func make(_ offers: [QueueOffer], from: LocalDate, to: LocalDate) -> QueueOfferFigures {
        let inPeriod = offers.filter { let d = LocalDate($0.offeredAt); return d >= from && d <= to }
        let out = inPeriod.filter(\.outOfOrder)
        let byReason = QueueOffer.OutOfOrderReason.allCases.map { r in (reason: r, count: out.filter { $0.reason == r }.count) }
        let lines = Dictionary(grouping: inPeriod, by: \.interventionId).map { id, os in
            Line(interventionId: id, offers: os.count, outOfOrder: os.filter(\.outOfOrder).count, lapsed: os.filter { $0.status == .lapsed }.count)
        }.sorted { $0.interventionId < $1.interventionId }
        return QueueOfferFigures(
            from: from, to: to, offers: inPeriod.count, outOfOrder: out.count, lapsed: inPeriod.filter { $0.status == .lapsed }.count, byReason: byReason,
            byIntervention: lines)
    }
}

extension LocalDate {
    /// The instant the day begins in Sweden.
    public var startDate: Date { Calendar.swedish.date(from: DateComponents(year: year, month: month, day: day))! }
}
