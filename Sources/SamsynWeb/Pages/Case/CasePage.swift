import Foundation
import SamsynDomain

/// The person's case page. The district sees its case, försörjningshinder, aid months, consents, referrals,
/// its arbetsplan, the six-month checks and the status of the Jobbtorg enrolment; the Jobbtorg its
/// enrolment, jobbplan, meetings, attendance and closure. What belongs to the other committee appears only
/// under an active consent that covers it (the model holds only what the domain read returned).
enum CasePage {
    struct Model: Sendable {
        enum Side: Sendable {
            case district(District)
            case jobbtorg(Jobbtorg)
            /// A role that does not work with cases.
            case none
        }
        let csrf: String
        let personId: String
        let personName: String
        let notice: String?
        /// The form that was refused, shown again with its errors and values.
        let refused: RefusedForm?
        let tasks: [TaskLine]
        let side: Side
        let today: String
        /// The district case's nybesök: booked or not, and the way to book it and print its letter.
        var newVisit: NewVisitBox? = nil
        /// The natural next step for the user's role, at the end of the page.
        var nextSteps: [NextStepLink] = []

        /// The state of the form `name` on the page (its ids prefixed with `name-`).
        func form(_ name: String) -> FormState { .named(name, idPrefix: name + "-", refused: refused) }

        /// A refusal that is not about one field (a second closure, a stale version): shown at the top, as the
        /// form it came from may no longer be on the page.
        var topError: String? { refused.flatMap { $0.message(at: "\($0.form)-message") } }
    }

    struct TaskLine: Sendable {
        let late: Bool
        let text: String
        /// An acute need: first, marked "Akut".
        var acute: Bool = false
    }

    /// Taking a case over (the user's own id is posted) and a manager's assigning of it.
    struct Responsibility: Sendable {
        /// The label of the take-over button, when the user may take the case over.
        let takeOver: String?
        let actorId: String
        /// The unit's staff a manager may assign the case to; nil when the user may not assign, or nobody may be.
        let assign: Assign?
    }

    struct Assign: Sendable {
        let staff: [FormState.Option]
        let selected: String
    }

    struct ConsentLine: Sendable {
        let facts: [(String, String)]
        /// The consent's id and version, when the user may withdraw it.
        let withdraw: (id: UUID, version: Int)?
    }

    struct Consents: Sendable {
        let lines: [ConsentLine]
        let canRecord: Bool
    }

    struct ReferralLine: Sendable {
        let facts: [(String, String)]
        /// The referral to answer, when the user may.
        let answer: UUID?
    }

    struct Referrals: Sendable {
        let title: String
        let lines: [ReferralLine]
        let canRefer: Bool
    }

    struct Plans: Sendable {
        enum Own: Sendable {
            case plan(id: UUID, facts: [(String, String)])
            /// No plan yet; the link to write one when the user may.
            case none(newPlan: String?)
        }
        struct Other: Sendable {
            let id: UUID
            let heading: String
            let kindName: String
            let facts: [(String, String)]
        }
        let title: String
        /// The own plan kind's name in lower case ("jobbplan", "arbetsplan").
        let kindName: String
        let own: Own
        let others: [Other]
    }

    struct MeetingLine: Sendable {
        let id: UUID
        let when: String
        /// The meeting's record may be opened (the Jobbtorg's own meetings).
        let canOpen: Bool
        let kind: String
        let status: String
        let agreed: String
    }

    /// A month of attendance as the table shows it.
    typealias MonthRow = [String]

    static func monthRows(_ months: [AttendanceMonthSummary]) -> [MonthRow] {
        months.map { m in
            [m.month, "\(m.present)", "\(m.absentValid)", "\(m.absentInvalid)", "\(m.corrections)", m.final ? "Slutrapporterad" : "Preliminär – kan rättas"]
        }
    }

    static let monthHeaders = ["Månad", "Närvarande", "Giltig frånvaro", "Ogiltig frånvaro", "Rättelser", "Status"]

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        p(.class("breadcrumb")) { a(m.personName, .href(Routes.person.link(m.personId))) }
        h1("Ärende och samordning – \(m.personName)")
        if let n = m.notice { notice(n) }
        if let message = m.topError {
            div(.class("error-summary"), .role("alert"), .tabindex(-1), .id("error-summary")) {
                h2("Ändringen kunde inte göras")
                p(message)
            }
        }
        p(.class("actions")) {
            a("Tidslinje: allt som hänt i personakten", .href(Routes.personTimeline.link(m.personId)))
            " "
            a("Bedömningar", .href(Routes.personAssessments.link(m.personId)))
            " "
            a("Gemensam behovsbedömning", .href(Routes.personNeedAssessment.link(m.personId)))
            " "
            a("Insatser", .href(Routes.personInterventions.link(m.personId)))
        }
        tasks(m.tasks)
        if let b = m.newVisit { newVisit(b) }
        switch m.side {
        case .district(let d): district(m, d)
        case .jobbtorg(let j): jobbtorg(m, j)
        case .none: p("Din roll arbetar inte med ärenden. Du ser personens uppgifter på personsidan.")
        }
        nextStepSection(m.nextSteps)
    }

    struct NewVisitBox: Sendable {
        /// The booking's facts; nil when no nybesök is booked.
        let facts: [(String, String)]?
        let bookHref: String?
        let letterHref: String?
    }

    static func newVisit(_ b: NewVisitBox) -> Node {
        card("Nybesök", id: "new-visit") {
            if let f = b.facts { facts(f) } else { p("Inget nybesök är bokat.") }
            if let href = b.letterHref { linkLine(href, "Skriv ut kallelsen till nybesöket") }
            if let href = b.bookHref { linkLine(href, b.facts == nil ? "Boka nybesök" : "Boka om nybesöket") }
        }
    }

    static func tasks(_ tasks: [TaskLine]) -> Node {
        card("Att göra", id: "tasks") {
            if tasks.isEmpty {
                p("Inget är förfallet eller på väg att förfalla för personen hos er.")
            } else {
                ul(.class("tasks")) {
                    for t in tasks {
                        li {
                            if t.acute {
                                span("Akut", .class("tag acute"))
                                " "
                            }
                            if t.late {
                                span("Försenad", .class("tag strong"))
                                " "
                            }
                            t.text
                        }
                    }
                }
            }
        }
    }

    // MARK: Parts both sides show

    @HTMLBuilder static func responsibility(_ m: Model, _ r: Responsibility) -> [Node] {
        if let label = r.takeOver {
            postForm(Routes.personResponsible.link(m.personId), csrf: m.csrf, class: "inline") {
                hiddenField("responsible", r.actorId)
                submitButton(label, secondary: true)
            }
        }
        if let assign = r.assign {
            formDisclosure("Fördela ärendet", id: "assign-disclosure") {
                postForm(Routes.personResponsible.link(m.personId), csrf: m.csrf, class: "inline") {
                    FormState.new.select(
                        "responsible", "Ansvarig handläggare", options: assign.staff, selected: assign.selected, placeholder: "Välj handläggare")
                    submitButton("Fördela ärendet", secondary: true)
                }
            }
        }
    }

    static func consents(_ m: Model, _ c: Consents) -> Node {
        card("Samtycken", id: "consents") {
            if c.lines.isEmpty {
                p("Inget samtycke är dokumenterat. Utan samtycke delas inga uppgifter mellan stadsdelen och Jobbtorg.")
            }
            for line in c.lines {
                div(.class("consent")) {
                    facts(line.facts)
                    if let w = line.withdraw {
                        postForm(Routes.consentWithdraw.link(w.id), csrf: m.csrf, class: "inline") {
                            hiddenField("version", String(w.version))
                            submitButton("Återkalla samtycket", secondary: true)
                        }
                    }
                }
            }
            if c.canRecord { linkLine(Routes.personConsentNew.link(m.personId), "Dokumentera samtycke") }
        }
    }

    static func referrals(_ m: Model, _ r: Referrals) -> Node {
        card(r.title, id: "referrals") {
            if r.lines.isEmpty { p("Ingen remiss.") }
            for line in r.lines {
                facts(line.facts)
                if let id = line.answer { linkLine(Routes.referral.link(id), "Besvara remissen") }
            }
            if r.canRefer { linkLine(Routes.personReferralNew.link(m.personId), "Remittera till Jobbtorg") }
        }
    }

    static func plans(_ p: Plans) -> Node {
        card(p.title, id: "plans") {
            switch p.own {
            case .plan(let id, let f):
                facts(f)
                linkLine(Routes.plan.link(id), "Öppna \(p.kindName)en")
            case .none(let newPlan):
                SamsynWeb.p("Personen har ingen \(p.kindName) ännu.")
                if let href = newPlan { linkLine(href, "Upprätta \(p.kindName)") }
            }
            for o in p.others {
                h3(o.heading)
                facts(o.facts)
                linkLine(Routes.plan.link(o.id), "Läs \(o.kindName)en")
            }
        }
    }

    @HTMLBuilder static func attendanceTable(_ rows: [MonthRow], caption: String) -> [Node] {
        if rows.isEmpty {
            p("Ingen närvaro är registrerad ännu.")
        } else {
            dataTable(caption, headers: monthHeaders, rows: rows.map { $0.map(Cell.text) })
        }
    }

    static func meetingTable(_ meetings: [MeetingLine]) -> Node {
        dataTable(
            "Möten, senast först", headers: ["Datum", "Möte", "Status", "Överenskommet"],
            rows: meetings.map { x in
                [x.canOpen ? .link(href: Routes.meeting.link(x.id), text: x.when) : .text(x.when), .text(x.kind), .text(x.status), .text(x.agreed)]
            })
    }
}
