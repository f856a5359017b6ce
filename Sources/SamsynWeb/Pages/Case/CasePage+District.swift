import Foundation
import SamsynDomain

/// The district's view of the case page.
extension CasePage {
    struct District: Sendable {
        enum Case: Sendable {
            case active(facts: [(String, String)], responsibility: Responsibility)
            /// No open case; the form to register one when the user may.
            case none(canOpen: Bool)
        }
        struct Check: Sendable {
            let facts: [(String, String)]
            /// The recorded result, in words.
            let result: String?
            /// The check to record, when it has no result and the user may.
            let form: (id: UUID, version: Int, suggested: String)?
        }
        struct EnrolmentStatus: Sendable {
            let facts: [(String, String)]
            /// The attendance shared under consent, or nil when the consent does not cover it.
            let attendance: (enrolmentId: UUID, caption: String, rows: [MonthRow])?
        }
        let activeCase: Case
        let obstacles: [[String]]
        let canRecordObstacles: Bool
        let obstacleCodes: [FormState.Option]
        let aidFacts: [(String, String)]
        let canRecordAidMonths: Bool
        let consents: Consents
        let referrals: Referrals
        let plans: Plans
        let enrolments: [EnrolmentStatus]
        let meetings: [MeetingLine]
        let checks: [Check]
    }

    @HTMLBuilder static func district(_ m: Model, _ d: District) -> [Node] {
        districtCase(m, d)
        obstacles(m, d)
        aidMonths(m, d)
        consents(m, d.consents)
        referrals(m, d.referrals)
        plans(d.plans)
        jobbtorgStatus(d)
        checks(m, d)
    }

    static func districtCase(_ m: Model, _ d: District) -> Node {
        switch d.activeCase {
        case .active(let f, let r):
            // A case opened at intake stays with the intake officer (and so do its tasks, the six-month check
            // too) until the social secretary takes it over at the new visit.
            card("Ärendet", id: "case") {
                facts(f)
                responsibility(m, r)
            }
        case .none(let canOpen):
            card("Aktualisering", id: "case") {
                let f = m.form("case")
                p("Personen har inget öppet ärende hos er.")
                if canOpen {
                    f.disclosure("Registrera aktualisering") {
                        f.errorSummary("Aktualiseringen registrerades inte")
                        postForm(Routes.personCase.link(m.personId), csrf: m.csrf) {
                            f.choices(
                                "source", "Hur aktualiserades ärendet?",
                                options: DistrictCase.Source.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: ["application"])
                            f.select(
                                "channel", "Kontaktväg", options: DistrictCase.Channel.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: "phone")
                            f.date("openedOn", "Datum", value: m.today)
                            submitButton("Registrera aktualisering")
                        }
                    }
                }
            }
        }
    }

    static func obstacles(_ m: Model, _ d: District) -> Node {
        card("Försörjningshinder", id: "obstacles") {
            let f = m.form("obstacles")
            if d.obstacles.isEmpty {
                p("Inget försörjningshinder är registrerat.")
            } else {
                dataTable(
                    "Registrerade försörjningshinder, senast först", headers: ["Vuxen", "Försörjningshinder", "Bedömt", "Av"],
                    rows: d.obstacles.map { $0.map(Cell.text) })
            }
            if d.canRecordObstacles {
                f.disclosure("Registrera försörjningshinder") {
                    f.errorSummary("Försörjningshindret registrerades inte")
                    postForm(Routes.personObstacles.link(m.personId), csrf: m.csrf) {
                        f.choices(
                            "adult", "Vilken vuxen gäller det?", options: SupportObstacle.Adult.allCases.map { .init($0.rawValue, $0.swedishName) },
                            selected: ["applicant"])
                        f.select("code", "Försörjningshinder", options: d.obstacleCodes, hint: "Bedöms på nytt vid varje ansökan.")
                        f.date("judgedOn", "Bedömt datum", value: m.today)
                        submitButton("Registrera försörjningshinder")
                    }
                }
            }
        }
    }

    static func aidMonths(_ m: Model, _ d: District) -> Node {
        card("Månader med försörjningsstöd", id: "aid") {
            let f = m.form("aid")
            facts(d.aidFacts)
            if d.canRecordAidMonths {
                f.disclosure("Registrera månader") {
                    f.errorSummary("Månaderna registrerades inte")
                    postForm(Routes.personAidMonths.link(m.personId), csrf: m.csrf) {
                        f.text(
                            "months", "Lägg till månader", hint: "Skriv månader som ÅÅÅÅ-MM, åtskilda med mellanslag eller komma, till exempel 2026-09 2026-10.")
                        submitButton("Registrera månader")
                    }
                }
            }
        }
    }

    static func jobbtorgStatus(_ d: District) -> Node {
        card("Jobbtorg", id: "jobbtorg") {
            if d.enrolments.isEmpty { p("Personen är inte inskriven på Jobbtorg.") }
            for e in d.enrolments {
                facts(e.facts)
                if let a = e.attendance {
                    attendanceTable(a.rows, caption: a.caption)
                    linkLine(Routes.enrolmentAttendance.link(a.enrolmentId), "Närvaro och rättelser")
                } else {
                    p("Samtycket omfattar inte närvaro, eller gäller inte nu. Närvaron visas inte.")
                }
            }
            if !d.meetings.isEmpty { meetingTable(d.meetings) }
        }
    }

    @HTMLBuilder static func checks(_ m: Model, _ d: District) -> [Node] {
        if !d.checks.isEmpty {
            card("Sexmånadersuppföljning", id: "checks") {
                let f = m.form("checks")
                f.errorSummary("Uppföljningen registrerades inte")
                for c in d.checks {
                    facts(c.facts)
                    if let r = c.result {
                        p(r)
                    } else if let form = c.form {
                        f.disclosure("Registrera uppföljningen", id: "checks-disclosure-\(form.id.uuidString.lowercased())") {
                            postForm(Routes.check.link(form.id), csrf: m.csrf) {
                                hiddenField("version", String(form.version))
                                f.choices(
                                    "result", "Har personen återkommit till försörjningsstöd?",
                                    options: SixMonthCheck.Result.allCases.map { .init($0.rawValue, $0.swedishName) }, selected: [form.suggested],
                                    hint: "Förvalt efter registrerade månader med försörjningsstöd efter avslutet.")
                                submitButton("Registrera uppföljningen")
                            }
                        }
                    }
                }
            }
        }
    }
}
