import Foundation
import SamsynDomain

/// Closing an enrolment as a short flow: step 1 the reason and the date, step 2 the details the reason asks
/// for and what the closure would leave behind (running episodes, held places, attendance months not final),
/// each offered to end in the same transaction.
enum ClosurePage {
    struct Model: Sendable {
        struct Choice: Sendable {
            let id: String
            let label: String
        }
        let csrf: String
        let enrolmentId: UUID
        let personId: UUID
        let personName: String
        let version: Int
        let enrolledOn: String
        /// The chosen reason: nil on step 1.
        let reason: Enrolment.ClosureReason?
        let closedOn: String
        let episodes: [Choice]
        let places: [Choice]
        let months: [String]
        let form: FormState
        /// The enrolment is closed already (a second closure, from another tab): only the refusal is shown.
        var closed = false

        var step: Int { reason == nil ? 1 : 2 }

        static let mockStep1 = Model(
            csrf: "csrf-token", enrolmentId: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!,
            personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", version: 3, enrolledOn: "2026-09-01", reason: nil,
            closedOn: "2026-11-20", episodes: [], places: [], months: [], form: .new)
        static let mockWork = Model(
            csrf: mockStep1.csrf, enrolmentId: mockStep1.enrolmentId, personId: mockStep1.personId, personName: mockStep1.personName, version: 3,
            enrolledOn: mockStep1.enrolledOn, reason: .subsidisedWork, closedOn: "2026-11-20",
            episodes: [.init(id: "00000000-0000-0000-0000-0000000000f1", label: "Arbetsträning Resurs, från 2026-09-15")],
            places: [.init(id: "00000000-0000-0000-0000-0000000000f2", label: "Jobbstart Kista – erbjuden plats")], months: ["2026-10", "2026-11"], form: .new)
        static let mockRefused = Model(
            csrf: mockWork.csrf, enrolmentId: mockWork.enrolmentId, personId: mockWork.personId, personName: mockWork.personName, version: 3,
            enrolledOn: mockWork.enrolledOn, reason: .work, closedOn: "2026-12-24", episodes: mockWork.episodes, places: [], months: ["2026-11"],
            form: FormState(
                refused: [
                    FieldError(field: "closedOn", message: "Ett avslut kan inte registreras i förväg. Ange dagens datum eller ett tidigare."),
                    FieldError(field: "employer", message: "Ange arbetsgivaren, eller välj bransch om arbetsgivaren inte ska anges."),
                    FieldError(field: "extentPercent", message: "Ange omfattningen i procent av heltid (1–100)."),
                ], submitted: ["reason": ["work"], "closedOn": ["2026-12-24"], "employer": [""], "extentPercent": [""], "endEpisodes": []]))
        static let mockClosed = Model(
            csrf: mockStep1.csrf, enrolmentId: mockStep1.enrolmentId, personId: mockStep1.personId, personName: mockStep1.personName, version: 4,
            enrolledOn: mockStep1.enrolledOn, reason: nil, closedOn: "", episodes: [], places: [], months: [],
            form: FormState(refused: [FieldError(field: "message", message: "Inskrivningen är redan avslutad (Arbete, 2026-11-20).")], submitted: [:]), closed: true)
        static let mockStudies = Model(
            csrf: mockStep1.csrf, enrolmentId: mockStep1.enrolmentId, personId: mockStep1.personId, personName: mockStep1.personName, version: 3,
            enrolledOn: mockStep1.enrolledOn, reason: .studies, closedOn: "2026-11-20", episodes: [], places: [], months: [], form: .new)
    }

    static let reasons = Enrolment.ClosureReason.allCases.map { FormState.Option($0.rawValue, $0.swedishName) }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("Avsluta inskrivningen – \(m.personName)")
        if m.closed {
            m.form.errorSummary("Inskrivningen avslutades inte")
            CaseFormParts.generalError(m.form)
            p { a("Tillbaka till ärendet", .href(Routes.personCase.link(m.personId))) }
        } else {
            p("Steg \(m.step) av 2: \(m.step == 1 ? "skäl och datum" : "uppgifter om avslutet")", .class("lead"), .id("step"))
            if let r = m.reason { step2(m, r) } else { step1(m) }
        }
    }

    static func step1(_ m: Model) -> Node {
        let f = m.form
        return card("Skäl och datum", id: "closure-reason") {
            f.errorSummary("Välj skäl och datum")
            form(.method("get"), .action(Routes.enrolmentClosure.link(m.enrolmentId)), .class("stack"), .novalidate()) {
                hiddenField("step", "1")
                f.choices("reason", "Skäl till avslut", options: reasons, required: true)
                f.date("closedOn", "Avslutsdatum", value: m.closedOn, hint: "Skriv som ÅÅÅÅ-MM-DD. Tidigast \(m.enrolledOn), senast i dag.", required: true)
                submitButton("Nästa")
            }
        }
    }

    static func step2(_ m: Model, _ r: Enrolment.ClosureReason) -> Node {
        let f = m.form
        return group {
            f.errorSummary("Inskrivningen avslutades inte")
            CaseFormParts.generalError(f)
            postForm(Routes.enrolmentClose.link(m.enrolmentId), csrf: m.csrf) {
                hiddenField("version", String(m.version))
                hiddenField("reason", r.rawValue)
                card("Avslut: \(r.swedishName)", id: "closure-details") {
                    p {
                        a("Ändra skälet", .href(Routes.enrolmentClosure.link(m.enrolmentId) + "?closedOn=\(m.closedOn)"))
                    }
                    f.date("closedOn", "Avslutsdatum", value: m.closedOn, hint: "Skriv som ÅÅÅÅ-MM-DD. Tidigast \(m.enrolledOn), senast i dag.", required: true)
                    reasonDetails(m, r)
                }
                leftovers(m)
                p("Stadsdelen får veta att inskrivningen är avslutad, med skälet och uppgifterna ovan. Sex månader efter avslutet följer stadsdelen upp om personen har återkommit till försörjningsstöd.")
                submitButton("Avsluta inskrivningen")
            }
        }
    }

    @HTMLBuilder static func reasonDetails(_ m: Model, _ r: Enrolment.ClosureReason) -> [Node] {
        let f = m.form
        switch r {
        case .work, .subsidisedWork:
            f.text("employer", "Arbetsgivare", hint: "Lämna tomt och välj bransch om arbetsgivaren inte ska anges.")
            f.select("sector", "Bransch", options: ClosureOutcome.Sector.allCases.map { .init($0.rawValue, $0.swedishName) })
            f.text("extentPercent", "Omfattning i procent av heltid", hint: "1–100, till exempel 100 för heltid eller 50 för halvtid.", kind: .numeric, required: true, short: true)
            f.date("workStart", "Anställningen börjar", required: true)
            f.date("workEnd", "Anställningen slutar", hint: "Skriv som ÅÅÅÅ-MM-DD. Lämna tomt om den gäller tills vidare.")
            if r == .subsidisedWork {
                f.choices(
                    "subsidy", "Vilken sorts anställning?",
                    options: [ClosureOutcome.Subsidy.subsidised, .municipal].map { .init($0.rawValue, $0.swedishName) },
                    hint: "En kommunal arbetsmarknadsanställning (till exempel extratjänst i staden) räknas inte som arbete i Koladas nyckeltal.", required: true)
            }
            f.textarea("detail", "Kommentar", rows: 2)
        case .studies:
            f.choices("studyKind", "Vilka studier?", options: ClosureOutcome.StudyKind.allCases.map { .init($0.rawValue, $0.swedishName) }, required: true)
            f.choices(
                "studyAllowance", "Ger studierna rätt till studiemedel?", options: [.init("yes", "Ja"), .init("no", "Nej")],
                hint: "Koladas nyckeltal räknar studier som ger rätt till studiemedel.", required: true)
            f.date("studyStart", "Studierna börjar", hint: "Skriv som ÅÅÅÅ-MM-DD, om det är känt.")
            f.textarea("detail", "Kommentar", rows: 2)
        case .returnedToDistrict:
            f.textarea("detail", "Varför återremitteras personen?", hint: "5–1 000 tecken. Stadsdelen ser texten.", required: true)
        case .other:
            f.textarea("detail", "Beskriv skälet", hint: "3–1 000 tecken.", required: true)
        case .otherIncome, .moved:
            f.textarea("detail", "Kommentar", rows: 2)
        }
    }

    static func leftovers(_ m: Model) -> Node {
        let f = m.form
        let refused = f.hasErrors
        func chosen(_ name: String, _ all: [String]) -> [String] { refused ? (f.values[name] ?? []) : all }
        return card("Det här pågår fortfarande", id: "closure-leftovers") {
            if m.episodes.isEmpty && m.places.isEmpty && m.months.isEmpty {
                p("Personen har inga pågående deltaganden, inga platser i kö och ingen närvaromånad som väntar på slutrapport.")
            } else {
                p("Kryssa i det som ska avslutas samtidigt som inskrivningen. Det som inte kryssas i fortsätter.")
            }
            if !m.episodes.isEmpty {
                f.choices(
                    "endEpisodes", "Pågående deltaganden – avsluta", options: m.episodes.map { .init($0.id, "Avsluta: \($0.label)") },
                    selected: chosen("endEpisodes", m.episodes.map(\.id)), multiple: true, hint: "Avslutas på avslutsdatumet; platsen blir ledig.")
            }
            if !m.places.isEmpty {
                f.choices(
                    "releasePlaces", "Platser och köer – släpp platsen", options: m.places.map { .init($0.id, "Släpp platsen: \($0.label)") },
                    selected: chosen("releasePlaces", m.places.map(\.id)), multiple: true)
            }
            if !m.months.isEmpty {
                f.choices(
                    "finaliseMonths", "Närvaromånader som inte är slutrapporterade – gör månaden slutlig",
                    options: m.months.map { .init($0, "Gör månaden slutlig: \($0)") }, selected: chosen("finaliseMonths", m.months), multiple: true,
                    hint: "Sammanställningen når stadsdelen och kan inte längre rättas.")
            }
        }
    }
}

extension CasePage {
    /// The closure's details as both sides' case pages show them.
    static func closureFacts(_ c: EnrolmentClosure) -> [(String, String)] {
        var out: [(String, String)] = []
        if let w = c.work {
            out.append(("Arbetsgivare", [w.employer, w.sector?.swedishName].compactMap { $0 }.joined(separator: ", ")))
            out.append(("Omfattning", "\(w.extentPercent) % av heltid"))
            out.append(("Anställning", "från \(w.startOn)\(w.endOn.map { " till \($0)" } ?? ", tills vidare"), \(w.subsidy.swedishName.lowercased())"))
        }
        if let st = c.studies {
            out.append(("Studier", "\(st.kind.swedishName)\(st.startOn.map { ", från \($0)" } ?? ""), \(st.studyAllowance ? "ger rätt till studiemedel" : "ger inte rätt till studiemedel")"))
        }
        if c.work != nil || c.studies != nil {
            out.append(("Räknas som arbete eller studier (Kolada)", c.countsAsWorkOrStudies ? "Ja" : "Nej"))
        }
        if c.endedEpisodes + c.releasedPlaces + c.finalisedMonths.count > 0 {
            out.append(
                ("Avslutat samtidigt", "\(c.endedEpisodes) deltagande, \(c.releasedPlaces) platser i kö\(c.finalisedMonths.isEmpty ? "" : ", slutrapporterat \(c.finalisedMonths.joined(separator: ", "))")"))
        }
        return out
    }
}
