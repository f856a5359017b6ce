import Foundation
import SamsynDomain

/// An enrolment's attendance: the months, the corrections, and for the Jobbtorg recording, making a month
/// final and correcting a record while its month is not final.
enum AttendancePage {
    struct Model: Sendable {
        struct Record: Sendable {
            let id: UUID
            let date: String
            let text: String
            let version: Int
            let status: String
            /// The record may still be corrected (its month is not final, and the user may correct).
            let correctable: Bool
        }
        let csrf: String
        let enrolmentId: UUID
        let personId: UUID
        let personName: String
        let notice: String?
        let months: [[String]]
        let corrections: [[String]]
        let today: String
        let caps: AttendanceCapabilities
        /// The enrolment is the user's committee's: its records are shown.
        let own: Bool
        /// Past months not yet final, offered for the final report (empty when the user may not report).
        let openMonths: [String]
        let records: [Record]
        let refused: RefusedForm?

        /// The form to correct a record, named by the record's id.
        static func correctionForm(_ id: UUID) -> String { id.uuidString.lowercased() }

        func form(_ name: String, idPrefix: String) -> FormState { .named(name, idPrefix: idPrefix, refused: refused) }

        static let mock = Model(
            csrf: "csrf-token", enrolmentId: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!,
            personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", notice: "Närvaron är registrerad.",
            months: [["2026-09", "12", "1", "0", "1", "Preliminär – kan rättas"]],
            corrections: [["2026-09-20 14:00", "Carl Coach", "Ogiltig frånvaro", "Giltig frånvaro", "Läkarintyg inlämnat"]], today: "2026-10-05",
            caps: AttendanceCapabilities(canRecord: true, canFinalise: true, canCorrect: true), own: true, openMonths: ["2026-09"],
            records: [
                Record(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000a7")!, date: "2026-09-18", text: " Jobbsökarverkstad: Närvarande – kom i tid",
                    version: 1, status: "present", correctable: true)
            ], refused: nil)
        static let mockRefused = Model(
            csrf: mock.csrf, enrolmentId: mock.enrolmentId, personId: mock.personId, personName: mock.personName, notice: nil, months: mock.months,
            corrections: [], today: mock.today, caps: mock.caps, own: true, openMonths: mock.openMonths, records: mock.records,
            refused: RefusedForm(
                form: "add", errors: [FieldError(field: "activity", message: "Skriv aktiviteten.")],
                values: ["date": ["2026-10-05"], "activity": [""], "status": ["absent_valid"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("Närvaro – \(m.personName)")
        if let n = m.notice { notice(n) }
        if m.own { linkLine(Routes.enrolmentAttendanceWeek.link(m.enrolmentId), "Närvaro per vecka") }
        dataTable("Närvaro per månad", showCaption: true, headers: CasePage.monthHeaders, rows: m.months.map { $0.map(Cell.text) })
        if !m.corrections.isEmpty {
            dataTable("Rättelser", showCaption: true, headers: ["När", "Av", "Från", "Till", "Skäl"], rows: m.corrections.map { $0.map(Cell.text) })
        }
        if m.caps.canRecord { add(m) }
        if m.own {
            if !m.openMonths.isEmpty && m.caps.canFinalise { finalReport(m) }
            card("Registrerad närvaro", id: "records") {
                if m.records.isEmpty { p("Ingen närvaro är registrerad.") }
                for r in m.records {
                    div(.class("attendance-row")) {
                        p {
                            strong(r.date)
                            r.text
                        }
                        if r.correctable { correction(m, r) }
                    }
                }
            }
        }
    }

    @HTMLBuilder static func refusal(_ f: FormState) -> [Node] {
        if let message = f.error("message") { p(message, .class("field-error"), .role("alert")) }
    }

    static func add(_ m: Model) -> Node {
        let f = m.form("add", idPrefix: "add-")
        return card("Registrera närvaro", id: "add") {
            f.errorSummary("Närvaron registrerades inte")
            refusal(f)
            postForm(Routes.enrolmentAttendance.link(m.enrolmentId), csrf: m.csrf) {
                f.date("date", "Datum", value: m.today)
                f.text("activity", "Aktivitet", hint: "Till exempel Jobbsökarverkstad eller Arbetsträning.")
                f.choices("status", "Närvaro", options: AttendanceRecord.Status.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: ["present"])
                f.textarea("note", "Anteckning", rows: 2)
                submitButton("Registrera")
            }
        }
    }

    static func finalReport(_ m: Model) -> Node {
        let f = m.form("final", idPrefix: "final-")
        return card("Slutrapportera en månad", id: "final") {
            p("När månaden är slutrapporterad når sammanställningen stadsdelen och kan inte längre rättas.")
            f.errorSummary("Månaden slutrapporterades inte")
            refusal(f)
            postForm(Routes.enrolmentAttendanceFinal.link(m.enrolmentId), csrf: m.csrf) {
                f.select("month", "Månad", options: m.openMonths.map { .init($0, $0) }, selected: m.openMonths.last ?? "")
                submitButton("Slutrapportera")
            }
        }
    }

    @HTMLBuilder static func correction(_ m: Model, _ r: Model.Record) -> [Node] {
        let f = m.form(Model.correctionForm(r.id), idPrefix: "c\(r.id.uuidString.prefix(8).lowercased())-")
        f.errorSummary("Rättelsen sparades inte")
        refusal(f)
        f.disclosure("Rätta") {
            postForm(Routes.attendanceCorrect.link(r.id), csrf: m.csrf) {
                hiddenField("version", String(r.version))
                f.choices("status", "Rätt närvaro", options: AttendanceRecord.Status.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: [r.status])
                f.text("reason", "Skäl till rättelsen")
                submitButton("Rätta", secondary: true)
            }
        }
    }
}
