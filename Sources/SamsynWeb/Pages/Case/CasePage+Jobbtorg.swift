import Foundation
import SamsynDomain

/// The Jobbtorg's view of the case page.
extension CasePage {
    struct Jobbtorg: Sendable {
        struct EnrolmentLine: Sendable {
            let facts: [(String, String)]
            /// Take-over and assigning, while the enrolment is active.
            let responsibility: Responsibility?
        }
        /// Booking a meeting in the active enrolment.
        struct Booking: Sendable {
            let enrolmentId: UUID
            let nextThreePartyDue: String?
        }
        struct Attendance: Sendable {
            let enrolmentId: UUID
            let rows: [MonthRow]
        }
        let enrolments: [EnrolmentLine]
        let plans: Plans
        let meetings: [MeetingLine]
        let booking: Booking?
        let attendance: [Attendance]
        /// The active enrolment to close (id and version), when the user may.
        let closure: (enrolmentId: UUID, version: Int)?
        let referrals: Referrals
        let consents: Consents
    }

    @HTMLBuilder static func jobbtorg(_ m: Model, _ j: Jobbtorg) -> [Node] {
        card("Inskrivning", id: "enrolment") {
            if j.enrolments.isEmpty { p("Personen är inte inskriven hos er.") }
            for e in j.enrolments {
                facts(e.facts)
                if let r = e.responsibility { responsibility(m, r) }
            }
        }
        plans(j.plans)
        meetings(m, j)
        card("Närvaro", id: "attendance") {
            for a in j.attendance {
                attendanceTable(a.rows, caption: "Närvaro per månad")
                linkLine(Routes.enrolmentAttendance.link(a.enrolmentId), "Registrera och rätta närvaro")
                linkLine(Routes.enrolmentAttendanceWeek.link(a.enrolmentId), "Närvaro per vecka")
            }
        }
        if let c = j.closure { closure(m, c) }
        referrals(m, j.referrals)
        consents(m, j.consents)
    }

    static func meetings(_ m: Model, _ j: Jobbtorg) -> Node {
        card("Möten", id: "meetings") {
            if j.meetings.isEmpty { p("Inga möten är bokade.") } else { meetingTable(j.meetings) }
            if let b = j.booking {
                if let due = b.nextThreePartyDue { p("Nästa trepartssamtal ska hållas senast \(due).") }
                let f = m.form("meetings")
                f.disclosure("Boka ett möte") {
                    f.errorSummary("Mötet bokades inte")
                    postForm(Routes.enrolmentMeetings.link(b.enrolmentId), csrf: m.csrf) {
                        f.choices("kind", "Vilket möte?", options: Meeting.Kind.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: ["three_party"])
                        f.date("date", "Datum")
                        f.text("time", "Tid", hint: "TT:MM, till exempel 09:30.", short: true)
                        submitButton("Boka mötet")
                    }
                }
            }
        }
    }

    static func closure(_ m: Model, _ c: (enrolmentId: UUID, version: Int)) -> Node {
        card("Avsluta inskrivningen", id: "closure") {
            p("Avslutet görs i två steg: skälet, sedan uppgifterna om arbete eller studier. Pågående deltaganden, platser och närvaromånader som inte är slutrapporterade visas och kan avslutas samtidigt.")
            let f = m.form("closure")
            f.errorSummary("Inskrivningen avslutades inte")
            a("Avsluta inskrivningen", .class("button"), .href(Routes.enrolmentClosure.link(c.enrolmentId)), .id("closure-start"))
        }
    }
}
