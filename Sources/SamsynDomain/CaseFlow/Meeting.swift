import Foundation

/// A meeting about the person's case: the three-party meeting (socialsekreterare, coach, the person), the
/// joint follow-up with Arbetsförmedlingen, or another follow-up. Booking it settles its task; the record
/// holds who took part and what was agreed.
public struct Meeting: Hashable, Sendable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case threeParty = "three_party"
        case employmentServiceFollowUp = "employment_service_follow_up"
        case followUp = "follow_up"
        public var swedishName: String {
            switch self {
            case .threeParty: "Trepartssamtal"
            case .employmentServiceFollowUp: "Gemensam uppföljning med Arbetsförmedlingen"
            case .followUp: "Uppföljning"
            }
        }
    }
    public let id: UUID
    public let personId: UUID
    public let enrolmentId: UUID
    public let committeeId: String
    public let kind: Kind
    public var date: LocalDate
    public var time: String
    public var participants: String?
    public var agreed: String?
    public var held: Bool
    public let bookedByName: String
    public var recordedByName: String?
    public var version: Int
    /// When the caseworker published the record for the person (Mina sidor shows what was agreed from then on).
    public var publishedAt: Date?

    public init(
        id: UUID, personId: UUID, enrolmentId: UUID, committeeId: String, kind: Kind, date: LocalDate, time: String, participants: String? = nil,
        agreed: String? = nil, held: Bool = false, bookedByName: String, recordedByName: String? = nil, version: Int = 1, publishedAt: Date? = nil
    ) {
        self.id = id
        self.personId = personId
        self.enrolmentId = enrolmentId
        self.committeeId = committeeId
        self.kind = kind
        self.date = date
        self.time = time
        self.participants = participants
        self.agreed = agreed
        self.held = held
        self.bookedByName = bookedByName
        self.recordedByName = recordedByName
        self.version = version
        self.publishedAt = publishedAt
    }
}

public enum MeetingRules {
    /// A three-party meeting is due three months after enrolment, then every three months.
    public static let threePartyMonths = 3
    /// The joint follow-up with Arbetsförmedlingen at twelve months.
    public static let employmentServiceMonths = 12

    /// The next three-party meeting's due date: three months after the later of the enrolment and the last
    /// booked three-party meeting. Nil once the enrolment is closed.
    public static func nextThreePartyDue(_ e: Enrolment, meetings: [Meeting]) -> LocalDate? {
        guard e.status == .active else { return nil }
        let last = meetings.filter { $0.kind == .threeParty && $0.enrolmentId == e.id }.map(\.date).max()
        let base = max(last ?? e.enrolledOn, e.enrolledOn)
        return base.adding(months: threePartyMonths)
    }

    /// Every three-party meeting an enrolment owed up to `asOf` (or its closure), with whether it was held in
    /// time: the first is due three months after the enrolment, each next one three months after the meeting
    /// held (or, when none was held, after the missed due date). A due date after the closure was never owed.
    public static func threePartyDues(enrolledOn: LocalDate, closedOn: LocalDate?, held: [LocalDate], asOf: LocalDate) -> [(due: LocalDate, onTime: Bool)] {
        let end = min(closedOn ?? asOf, asOf)
        let meetings = held.filter { $0 <= asOf }.sorted()
        var out: [(due: LocalDate, onTime: Bool)] = []
        var base = enrolledOn
        while true {
            let due = base.adding(months: threePartyMonths)
            guard due <= end else { break }
            if let next = meetings.first(where: { $0 > base }) {
                // Held in time, or late: the count restarts from the day it was held.
                out.append((due, next <= due))
                base = next
            } else {
                out.append((due, false))
                base = due
            }
        }
        return out
    }

    /// The twelve-month joint follow-up with Arbetsförmedlingen, unless one is booked.
    public static func employmentServiceDue(_ e: Enrolment, meetings: [Meeting]) -> LocalDate? {
        guard e.status == .active, !meetings.contains(where: { $0.kind == .employmentServiceFollowUp && $0.enrolmentId == e.id }) else { return nil }
        return e.enrolledOn.adding(months: employmentServiceMonths)
    }

    public static func validateBooking(kind: Meeting.Kind?, date: LocalDate?, dateText: String, time: String, enrolment: Enrolment, today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        if kind == nil { errors.append(FieldError(field: "kind", message: "Välj vilket slags möte det är.")) }
        if let date {
            if date < enrolment.enrolledOn { errors.append(FieldError(field: "date", message: "Mötet kan inte ligga före inskrivningen (\(enrolment.enrolledOn)).")) }
            else if date > today.adding(months: 6) { errors.append(FieldError(field: "date", message: "Boka mötet högst sex månader fram i tiden.")) }
        } else {
            errors.append(FieldError(field: "date", message: dateText.isEmpty ? "Ange mötesdatum." : "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        let t = time.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty && !isTime(t) { errors.append(FieldError(field: "time", message: "Ange tid som TT:MM, till exempel 09:30.")) }
        return errors
    }

    static func isTime(_ t: String) -> Bool { parseTime(t) != nil }

    /// Strict `HH:MM` (00:00–23:59), ASCII digits only: ":09:30", "+1:30" and "09:30:" are not times.
    static func parseTime(_ t: String) -> (hour: Int, minute: Int)? {
        let p = t.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, p.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }), let h = Int(p[0]), let m = Int(p[1]),
            (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return (h, m)
    }

    public static func validateRecord(_ m: Meeting, participants: String, agreed: String, today: LocalDate) -> [FieldError] {
        var errors: [FieldError] = []
        if m.date > today { errors.append(FieldError(field: "agreed", message: "Mötet har inte ägt rum ännu (\(m.date)). Anteckna det efteråt.")) }
        if !(3...1000).contains(participants.trimmingCharacters(in: .whitespacesAndNewlines).count) {
            errors.append(FieldError(field: "participants", message: "Skriv vilka som deltog."))
        }
        if !(3...4000).contains(agreed.trimmingCharacters(in: .whitespacesAndNewlines).count) {
            errors.append(FieldError(field: "agreed", message: "Skriv vad ni kom överens om (3–4 000 tecken)."))
        }
        return errors
    }
}
