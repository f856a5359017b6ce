import Foundation
import SamsynDomain

/// Forskningsuttag: the researcher's projects (or, for the administrator, the applications to decide and every project).
enum ResearchListPage {
    struct Model: Sendable {
        struct Row: Sendable {
            let id: UUID
            let title: String
            let approvalNumber: String
            let researcher: String
            let period: String
            let status: String
            let applied: String
        }
        let canApply: Bool
        let canDecide: Bool
        let toDecide: [Row]
        let projects: [Row]
        let notice: String?

        static func row(_ p: ResearchProject, today: LocalDate) -> Row {
            Row(
                id: p.id, title: p.title, approvalNumber: p.approvalNumber, researcher: p.researcherName, period: p.periodText,
                status: p.phase(on: today).swedishName, applied: LocalDate(p.appliedAt).description)
        }

        static func make(_ projects: [ResearchProject], canApply: Bool, canDecide: Bool, today: LocalDate, notice: String? = nil) -> Model {
            Model(
                canApply: canApply, canDecide: canDecide, toDecide: canDecide ? projects.filter { $0.status == .applied }.map { row($0, today: today) } : [],
                projects: projects.map { row($0, today: today) }, notice: notice)
        }

        static let mockRow = Row(
            id: UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!, title: "Vägar ur försörjningsstöd", approvalNumber: "2026-01234-01",
            researcher: "Fatima Forskare", period: "2025-01 – 2025-12", status: "Ansökt – väntar på beslut", applied: "2026-11-18")
        static let mockResearcher = Model(canApply: true, canDecide: false, toDecide: [], projects: [mockRow], notice: "Ansökan är skickad.")
        static let mockAdmin = Model(canApply: false, canDecide: true, toDecide: [mockRow], projects: [mockRow], notice: nil)
    }

    static func table(_ caption: String, _ rows: [Model.Row], showResearcher: Bool) -> Node {
        let headers = ["Projekt", "Etikgodkännande (dnr)"] + (showResearcher ? ["Forskare"] : []) + ["Period", "Ansökt", "Status"]
        return dataTable(
            caption, headers: headers,
            rows: rows.map { r in
                [Cell.link(href: Routes.researchProject.link(r.id), text: r.title), Cell.code(r.approvalNumber)] + (showResearcher ? [Cell.text(r.researcher)] : [])
                    + [Cell.text(r.period), Cell.text(r.applied), Cell.text(r.status)]
            })
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1("Forskningsuttag")
        p(
            "Pseudonymiserade uttag för forskningsprojekt med etikgodkännande. Varje person får en pseudonym som bara gäller i projektet; namn, personnummer, adresser, telefonnummer och fritext lämnas aldrig ut. Inget lämnas ut före beslut, och varje ansökan, beslut och nedladdning loggas.",
            .class("lead"))
        if let n = m.notice { notice(n) }
        if m.canApply {
            p { a("Ansök om ett forskningsuttag", .href(Routes.researchNew.link), .class("button")) }
        }
        if m.canDecide {
            titledSection("Ansökningar att besluta", id: "to-decide") {
                if m.toDecide.isEmpty { p("Inga ansökningar väntar på beslut.") } else { table("Ansökningar att besluta", m.toDecide, showResearcher: true) }
            }
        }
        titledSection(m.canDecide ? "Alla projekt" : "Mina projekt", id: "projects") {
            if m.projects.isEmpty {
                p(m.canApply ? "Du har inga projekt ännu." : "Inga projekt har ansökt ännu.")
            } else {
                table(m.canDecide ? "Alla projekt" : "Mina projekt", m.projects, showResearcher: m.canDecide)
            }
        }
    }
}

/// The application form: title, the ethical approval's diary number, purpose, period, end date, population and
/// the variables of the data dictionary as check boxes.
enum ResearchApplyPage {
    struct Model: Sendable {
        let form: FormState
        let csrf: String

        static let mock = Model(form: .new, csrf: "csrf-token")
        static let mockRefused = Model(
            form: FormState(
                refused: [
                    FieldError(field: "approvalNumber", message: "Skriv etikprövningsmyndighetens diarienummer för godkännandet. Inget lämnas ut utan etikgodkännande."),
                    FieldError(field: "dataTo", message: "Periodens sista månad ligger före den första."),
                ],
                submitted: ["title": ["Vägar ur försörjningsstöd"], "dataFrom": ["2025-06"], "dataTo": ["2025-01"], "variables": ["gender", "district"]]),
            csrf: "csrf-token")
    }

    static let variableOptions = ResearchDictionary.variables.map { FormState.Option($0.id, "\($0.label) – \($0.coarsening)") }
    static let populationOptions = ResearchPopulation.allCases.map { FormState.Option($0.rawValue, $0.swedishName) }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        h1("Ansök om forskningsuttag")
        p(
            "Fyll i projektets uppgifter och välj variablerna ur datakatalogen. Systemadministratören beslutar; inget lämnas ut före beslut. Uttaget kontrolleras för k-anonymitet (k = \(ResearchRules.defaultK)) på födelseår, kön, åldersgrupp och stadsdelsnämnd.",
            .class("lead"))
        f.errorSummary("Ansökan kunde inte skickas")
        postForm(Routes.research.link, csrf: m.csrf) {
            f.text("title", "Projektets titel", required: true)
            f.text(
                "approvalNumber", "Etikprövningsmyndighetens diarienummer", hint: "Till exempel 2026-01234-01. Ett beslut från en regional etikprövningsnämnd skrivs som 2017/1234-31/5.",
                required: true, short: true)
            f.textarea("purpose", "Syfte", hint: "Vad projektet ska studera och varför uppgifterna behövs. Skriv inga personuppgifter.", rows: 4, required: true)
            f.text("dataFrom", "Periodens första månad", hint: "ÅÅÅÅ-MM.", kind: .numeric, required: true, short: true)
            f.text("dataTo", "Periodens sista månad", hint: "ÅÅÅÅ-MM.", kind: .numeric, required: true, short: true)
            f.date("endsOn", "Projektets slutdatum", hint: "ÅÅÅÅ-MM-DD. Efter slutdatumet kan uttaget inte längre hämtas.", required: true)
            f.choices("population", "Population", options: populationOptions, required: true)
            f.choices(
                "variables", "Variabler ur datakatalogen", options: variableOptions, multiple: true,
                hint: "Pseudonymen ingår alltid. Datum lämnas ut som månad och födelsedatum som födelseår.", required: true)
            submitButton("Skicka ansökan")
        }
    }
}

/// One project: its facts, status and decision; the administrator's decision form; the researcher's downloads.
enum ResearchProjectPage {
    struct Model: Sendable {
        struct Delivery: Sendable {
            let at: String
            let file: String
            let sha256: String
        }
        let id: UUID
        let title: String
        let facts: [(String, String)]
        let variables: [(label: String, coarsening: String)]
        let status: String
        let refusalReason: String?
        let capabilities: ResearchCapabilities
        let downloadNote: String?
        let deliveries: [Delivery]
        let form: FormState
        let csrf: String
        let notice: String?

        static func make(
            _ p: ResearchProject, capabilities: ResearchCapabilities, today: LocalDate, deliveries: [ResearchDelivery], form: FormState = .new, csrf: String,
            notice: String? = nil
        ) -> Model {
            var facts: [(String, String)] = [
                ("Etikprövningsmyndighetens diarienummer", p.approvalNumber), ("Forskare", p.researcherName), ("Syfte", p.purpose),
                ("Population", p.population.swedishName), ("Period", p.periodText), ("Slutdatum", p.endsOn.description),
                ("k-anonymitet", "k = \(p.k)"), ("Ansökt", LocalDate(p.appliedAt).description),
            ]
            if let at = p.decidedAt { facts.append(("Beslutat", "\(LocalDate(at).description) av \(p.decidedByName ?? "")")) }
            let phase = p.phase(on: today)
            let note: String? =
                switch phase {
                case .applied: "Uttaget kan hämtas när ansökan är godkänd."
                case .refused: "Ansökan är avslagen. Inget lämnas ut."
                case .ended: "Projektets slutdatum har passerats. Uttaget kan inte längre hämtas."
                case .approved: capabilities.download ? nil : "Uttaget hämtas av projektets forskare."
                }
            return Model(
                id: p.id, title: p.title, facts: facts, variables: p.chosenVariables.map { ($0.label, $0.coarsening) }, status: phase.swedishName,
                refusalReason: p.refusalReason, capabilities: capabilities, downloadNote: note,
                deliveries: deliveries.map { Delivery(at: LocalDate($0.at).description, file: $0.file.rawValue, sha256: $0.sha256) }, form: form, csrf: csrf,
                notice: notice)
        }

        static var mockProject: ResearchProject {
            ResearchProject(
                id: UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!, researcherId: UUID(uuidString: "00000000-0000-0000-0000-00000000f001")!,
                researcherName: "Fatima Forskare", title: "Vägar ur försörjningsstöd", approvalNumber: "2026-01234-01",
                purpose: "Att studera tid till egen försörjning efter insatser.", dataFrom: LocalDate("2025-01-01")!, dataTo: LocalDate("2025-12-01")!,
                endsOn: LocalDate("2027-06-30")!, population: .aid, variables: ["birth_year", "gender", "district", "aid_months"], k: 5, status: .applied,
                appliedAt: Date(timeIntervalSince1970: 1_795_000_000))
        }
        static var mockApproved: Model {
            var p = mockProject
            p.status = .approved
            p.decidedAt = Date(timeIntervalSince1970: 1_795_050_000)
            p.decidedByName = "Adam Administratör"
            return make(
                p, capabilities: ResearchCapabilities(decide: false, download: true), today: LocalDate("2026-11-19")!,
                deliveries: [
                    ResearchDelivery(
                        id: UUID(), projectId: p.id, userId: p.researcherId, file: .data, sha256: String(repeating: "ab", count: 32), rows: 120,
                        at: Date(timeIntervalSince1970: 1_795_060_000))
                ], csrf: "csrf-token")
        }
        static var mockToDecide: Model {
            make(mockProject, capabilities: ResearchCapabilities(decide: true, download: false), today: LocalDate("2026-11-18")!, deliveries: [], csrf: "csrf-token")
        }
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        h1(m.title)
        if let n = m.notice { notice(n) }
        p(.class("status")) {
            "Status: "
            strong(m.status)
        }
        if let r = m.refusalReason {
            card("Skäl till avslaget", id: "refusal") { p(r) }
        }
        card("Projektet", id: "project") { facts(m.facts) }
        card("Variabler", id: "variables") {
            dataTable(
                "Valda variabler", headers: ["Variabel", "Så grovindelas den"],
                rows: [[.rowHeader(ResearchDictionary.pseudonym.label), .text("Pseudonym per projekt; nyckeln lämnas aldrig ut.")]]
                    + m.variables.map { [.rowHeader($0.label), .text($0.coarsening)] })
        }
        if m.capabilities.decide {
            let f = m.form
            card("Beslut", id: "decision") {
                f.errorSummary("Beslutet kunde inte sparas")
                postForm(Routes.researchDecide.link(m.id), csrf: m.csrf) {
                    f.textarea("reason", "Skäl vid avslag", hint: "Krävs för att avslå. Forskaren ser skälet.", rows: 3)
                    div(.class("actions")) {
                        submitButton("Godkänn", name: "decision", value: "approve")
                        " "
                        submitButton("Avslå", secondary: true, name: "decision", value: "refuse")
                    }
                }
            }
        }
        card("Uttag", id: "extract") {
            if m.capabilities.download {
                p("Filerna räknas fram ur registret varje gång de hämtas. Data och kodbok blir byte för byte desamma för samma underlag; manifestet anger kontrollsummorna (SHA-256).")
                ul(.class("downloads")) {
                    for file in ResearchFile.allCases {
                        li { a(file.swedishName, .href(Routes.researchFile(file).link(m.id))) }
                    }
                }
            } else if let note = m.downloadNote {
                p(note)
            }
            if !m.deliveries.isEmpty {
                dataTable(
                    "Hämtade filer", showCaption: true, headers: ["Hämtad", "Fil", "SHA-256"],
                    rows: m.deliveries.map { [.text($0.at), .text($0.file), .code($0.sha256)] })
            }
        }
        p { a("Tillbaka till forskningsuttag", .href(Routes.research.link)) }
    }
}
