import Foundation

// The case flow's decisions that a store makes inside its transaction, on the rows it read there, and
// the conflicts its unique indexes report. The messages live here, beside the rules they explain.

extension DistrictCase {
    /// The one-active-case index refused a second open case of the committee for the person.
    public static let alreadyOpen = DomainError(.conflict, "Personen har redan ett öppet ärende hos er.")
}

extension Enrolment {
    /// The one-active-enrolment index refused a second enrolment at the committee.
    public static let alreadyEnrolled = DomainError(.conflict, "Personen är redan inskriven hos er.")

    /// Why closing matched no row: the enrolment (re-read in the transaction) is closed already, or changed.
    public static func whyNotClosed(current: Enrolment?) -> DomainError {
        current?.status == .closed ? DomainError(.conflict, "Inskrivningen är redan avslutad.") : .stale
    }
}

extension InformationSession {
    /// A referral to a session takes one of its places: the session must exist (`places` nil: it does not)
    /// and have one left, counted in the same transaction so two referrals never take the last one.
    public static func checkBooking(places: Int?, booked: Int) throws {
        guard let places else { throw DomainError.invalid([FieldError(field: "session", message: "Gruppinformationen finns inte.")]) }
        guard booked < places else {
            throw DomainError.invalid([FieldError(field: "session", message: "Gruppinformationen är fullbokad. Välj ett annat tillfälle.")])
        }
    }
}

extension AttendanceRules {
    /// A month's attendance is final once reported: no record is added to it.
    public static func checkRecordable(month: String, isFinal: Bool) throws {
        if isFinal { throw monthAlreadyFinal(month) }
    }

    /// A record of a final month is not corrected either.
    public static func checkCorrectable(month: String, isFinal: Bool) throws {
        if isFinal { throw DomainError(.conflict, "Närvaron för \(month) är slutrapporterad och kan inte rättas.") }
    }

    public static func monthAlreadyFinal(_ month: String) -> DomainError {
        DomainError(.conflict, "Närvaron för \(month) är redan slutrapporterad.")
    }
}
