import Foundation
import SamsynDomain

/// A Jobbtorg unit's sessions of its group interventions, and adding one.
enum GroupSessionsPage {
    struct Model: Sendable {
        struct Line: Sendable {
            let id: UUID
            let when: String
            let intervention: String
            let group: String
        }
        let csrf: String
        let unitName: String
        let notice: String?
        let sessions: [Line]
        let interventions: [FormState.Option]
        /// The user may add sessions.
        let canSchedule: Bool
        let today: String
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", unitName: "Jobbtorg Kista", notice: "Passet är tillagt.",
            sessions: [.init(id: UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!, when: "2026-11-20 09:00–12:00", intervention: "Jobbtorg matchning", group: "Grupp A")],
            interventions: [.init("jobbtorg-matchning", "Jobbtorg matchning")], canSchedule: true, today: "2026-11-20", form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, unitName: mock.unitName, notice: nil, sessions: mock.sessions, interventions: mock.interventions, canSchedule: true, today: mock.today,
            form: FormState(
                refused: [FieldError(field: "endTime", message: "Sluttiden ska vara efter starttiden.")],
                submitted: ["intervention": ["jobbtorg-matchning"], "date": ["2026-11-21"], "startTime": ["12:00"], "endTime": ["09:00"], "groupName": ["Grupp A"]]))
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Pass och upprop – \(m.unitName)")
        if let n = m.notice { notice(n) }
        p("Passen i era gruppinsatser de senaste två veckorna och de närmaste åtta. Uppropet listar alla som har ett pågående deltagande i insatsen.", .class("lead"))
        dataTable(
            "Pass", showCaption: true, headers: ["När", "Insats", "Grupp", "Upprop"],
            rows: m.sessions.map { s in
                [.text(s.when), .text(s.intervention), .text(s.group), .build { a("Upprop \(s.when)", .href(Routes.groupSession.link(s.id))) }]
            })
        if m.sessions.isEmpty { p("Inga pass är inlagda.") }
        if m.canSchedule {
            let f = m.form
            card("Lägg till ett pass", id: "new-session") {
                f.errorSummary("Passet sparades inte")
                postForm(Routes.groupSessions.link, csrf: m.csrf) {
                    f.select("intervention", "Insats", options: m.interventions, required: true)
                    f.date("date", "Datum", value: m.today, required: true)
                    f.text("startTime", "Starttid", hint: "TT:MM, till exempel 09:00.", value: "09:00", required: true, short: true)
                    f.text("endTime", "Sluttid", hint: "TT:MM, till exempel 12:00.", value: "12:00", required: true, short: true)
                    f.text("groupName", "Grupp", hint: "Till exempel Grupp A eller Förmiddagsgruppen.", value: "Grupp A", required: true)
                    submitButton("Lägg till passet")
                }
            }
        }
    }
}

/// The roll-call of one session: everyone booked, each with present / absent with a valid reason / absent,
/// one click each. Works without JavaScript: one radio group per person and one save.
enum RollCallPage {
    struct Model: Sendable {
        struct Line: Sendable {
            let episodeId: UUID
            let name: String
            /// Set when the person cannot be called now (already recorded, not enrolled, month final).
            let state: String?
            /// The person's week at the Jobbtorg, when enrolled.
            let weekLink: String?
        }
        let csrf: String
        let sessionId: UUID
        let title: String
        let when: String
        let notice: String?
        let lines: [Line]
        /// The user records attendance and the session is not in the future.
        let canRecord: Bool
        let form: FormState

        static let mock = Model(
            csrf: "csrf-token", sessionId: UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!, title: "Jobbtorg matchning, Grupp A",
            when: "fredag 20 november 2026, 09:00–12:00", notice: nil,
            lines: [
                .init(episodeId: UUID(uuidString: "00000000-0000-0000-0000-0000000000d1")!, name: "Andersson, Anna", state: nil, weekLink: "/enrolments/e1/attendance/week?week=2026-11-20"),
                .init(
                    episodeId: UUID(uuidString: "00000000-0000-0000-0000-0000000000d2")!, name: "Berg, Bo", state: "Registrerad: Närvarande (rätta på närvarosidan)",
                    weekLink: nil),
            ], canRecord: true, form: .new)
        static let mockRefused = Model(
            csrf: mock.csrf, sessionId: mock.sessionId, title: mock.title, when: mock.when, notice: nil, lines: mock.lines, canRecord: true,
            form: FormState(
                refused: [FieldError(field: "message", message: "Cecilia Ceder är inte bokad på passet. Inget sparades.")],
                submitted: ["status-00000000-0000-0000-0000-0000000000d1": ["present"]]))
    }

    static let options = [AttendanceRecord.Status.present, .absentValid, .absentInvalid].map { s in
        FormState.Option(s.rawValue, s == .absentInvalid ? "Frånvarande" : s.swedishName)
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb")) { a("Pass och upprop", .href(Routes.groupSessions.link)) }
        h1("Upprop – \(m.title)")
        p(m.when, .class("lead"))
        if let n = m.notice { notice(n) }
        let f = m.form
        f.errorSummary("Närvaron sparades inte")
        CaseFormParts.generalError(f)
        if m.lines.isEmpty { p("Ingen har ett pågående deltagande i insatsen den dagen.") }
        let open = m.lines.filter { $0.state == nil }
        if m.canRecord && !open.isEmpty {
            postForm(Routes.groupSession.link(m.sessionId), csrf: m.csrf, class: "stack roll-call") {
                for l in open {
                    div(.class("roll-call-row")) {
                        f.choices(GroupSessionRules.field(l.episodeId), l.name, options: options)
                        if let w = l.weekLink { p(.class("hint")) { a("Veckan för \(l.name)", .href(w)) } }
                    }
                }
                submitButton("Spara närvaron")
            }
        } else if !open.isEmpty {
            p("Närvaro registreras på passets dag eller efteråt, av personens coach.")
        }
        let done = m.lines.filter { $0.state != nil }
        if !done.isEmpty {
            dataTable("Redan registrerade eller utan inskrivning", showCaption: true, headers: ["Deltagare", "Närvaro"], rows: done.map { [.text($0.name), .text($0.state ?? "")] })
        }
    }
}

/// A person's attendance week: Monday–Friday, a row per episode.
enum AttendanceWeekPage {
    struct Model: Sendable {
        let enrolmentId: UUID
        let personId: UUID
        let personName: String
        let caption: String
        let days: [String]
        let rows: [[String]]
        let previous: String
        let next: String

        static let mock = Model(
            enrolmentId: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!, personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!,
            personName: "Anna Andersson", caption: "Vecka 47, 16–20 november 2026", days: ["Mån 16/11", "Tis 17/11", "Ons 18/11", "Tor 19/11", "Fre 20/11"],
            rows: [["Jobbtorg matchning", "Närvarande", "–", "Frånvarande med giltigt skäl", "–", "Närvarande"], ["Utan insats", "–", "Närvarande", "–", "–", "–"]],
            previous: "2026-11-09", next: "2026-11-23")
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb")) { a("Närvaro – \(m.personName)", .href(Routes.enrolmentAttendance.link(m.enrolmentId))) }
        h1("Närvaro per vecka – \(m.personName)")
        dataTable(m.caption, showCaption: true, headers: ["Insats"] + m.days, rows: m.rows.map { $0.map(Cell.text) })
        if m.rows.isEmpty { p("Inga deltaganden eller registreringar den här veckan.") }
        p {
            a("Föregående vecka", .href(Routes.enrolmentAttendanceWeek.link(m.enrolmentId) + "?week=\(m.previous)"))
            " · "
            a("Nästa vecka", .href(Routes.enrolmentAttendanceWeek.link(m.enrolmentId) + "?week=\(m.next)"))
        }
    }
}
