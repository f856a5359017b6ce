import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain
import SamsynStorage

/// The joint need assessment pages: the person's assessment (the rules' suggestion with its reasons, both
/// units' views, the decision and the history), the rule versions with the what-if run, and the fairness report.
struct NeedAssessmentController {
    let services: AppServices
    var needs: NeedAssessmentService { services.needs }


    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.personNeedAssessment, use: page)
        group.post(Routes.personNeedAssessment, use: start)
        group.post(Routes.needAssessmentView, use: view)
        group.post(Routes.needAssessmentDecision, use: decide)
        group.get(Routes.needRules, use: rules)
        group.post(Routes.needWhatIf, use: whatIf)
        group.post(Routes.needActivate, use: activate)
        group.get(Routes.needFairness, use: fairness)
    }

    static let notices = [
        "started": "Behovsbedömningen är startad. Se förslaget och ange er enhets bedömning.",
        "view": "Er enhets bedömning är sparad.",
        "decision": "Beslutet är sparat. Uppföljningen ligger på uppgiftslistan när det är dags.",
        "activated": "Regelversionen används nu för nya förslag.",
    ]

    // MARK: The person's assessment

    struct RefusedForm {
        let form: String
        let errors: [FieldError]
        let values: [String: String]
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Page {
        let notice = request.uri.queryParameters["saved"].flatMap { Self.notices[String($0)] }
        return try await render(context, personId: try CaseController.uuid(context, "id"), notice: notice, form: nil)
    }

    func render(_ context: AppRequestContext, personId: UUID, notice: String?, form: RefusedForm?, status: HTTPResponse.Status = .ok) async throws -> Page {
        let ov = try await needs.overview(personId: personId, by: try context.actor())
        let pid = CaseController.id(personId)
        let name = "\(ov.person.firstName) \(ov.person.lastName)"
        let csrf = context.session?.csrfToken ?? ""
        var b = PageBuilder()
        b.open(SamsynWeb.p(.class("breadcrumb")))
        b.link(Routes.person.link(pid), name)
        b.text(" › ")
        b.link(Routes.personCase.link(pid), "Ärende och samordning")
        b.close()
        b.h1("Gemensam behovsbedömning – \(name)")
        if let notice { b.notice(notice) }
        if let form, let m = form.errors.first(where: { $0.field == "message" })?.message {
            b.add(
                div(.class("error-summary"), .role("alert"), .tabindex(-1), .id("error-summary")) {
                    SamsynWeb.h2("Ändringen kunde inte göras")
                    SamsynWeb.p(m)
                })
        }
        b.p(
            "Stadsdelen och Jobbtorg bedömer tillsammans hur mycket stöd personen behöver och om insatser behövs parallellt. Reglernas förslag är ett underlag; beslutet fattas av er.",
            cls: "lead")
        suggestionSection(&b, ov)
        if let current = ov.current {
            viewsSection(&b, ov, current, form: form, csrf: csrf)
            if ov.canAct, ov.side == .district || current.isJoint { decisionSection(&b, ov, current, form: form, csrf: csrf) }
        } else {
            b.section("Ingen pågående bedömning", id: "start") { b in
                b.p(ov.history.isEmpty ? "Personen har ingen behovsbedömning ännu." : "Den senaste bedömningen är beslutad. Starta en ny vid uppföljningen eller när något har ändrats.")
                if ov.enrolled { b.p("Personen är inskriven på Jobbtorg, så bedömningen görs gemensamt och beslutas av en person från varje enhet.") }
                if ov.canAct {
                    b.formStart(action: Routes.personNeedAssessment.link(pid), csrf: csrf)
                    b.submit("Starta behovsbedömning")
                    b.formEnd()
                }
            }
        }
        historySection(&b, ov)
        let title = (form?.errors.isEmpty ?? true) ? "Behovsbedömning" : "Fel – Behovsbedömning"
        return services.bodyPage(title, context, status: status, b.nodes)
    }

    func suggestionSection(_ b: inout PageBuilder, _ ov: NeedAssessmentOverview) {
        let s = ov.suggestion
        b.section("Förslag från reglerna – inte ett beslut", id: "suggestion") { b in
            if let c = s.category {
                b.add(SamsynWeb.p(.class("suggestion")) { strong("Förslag: \(c.label)") })
                b.facts([
                    ("Vad det innebär", c.description), ("Leder", c.lead.swedishName), ("Parallella insatser", c.parallel ? "Ja, förväntas" : "Nej"),
                    ("Varför", s.rule?.explanation ?? ""),
                ])
                if s.reasons.isEmpty {
                    b.p("Ingen av reglerna för de andra kategorierna slog in på svaren nedan.")
                } else {
                    evidenceTable(&b, "Svaren som ledde till förslaget", s.reasons)
                }
            } else {
                b.add(SamsynWeb.p(.class("suggestion")) { strong("Förslag: oklart") })
                if s.missing.isEmpty {
                    b.p("Ingen regel passade svaren. Bedöm utan förslag.")
                } else {
                    let about = s.rule.flatMap { ov.rules.category($0.category) }.map { "om \($0.label) passar" } ?? "vilken kategori som passar"
                    b.p("Svar saknas som behövs för att pröva \(about). Reglerna prövas i tur och ordning, så ett förslag kan inte ges förrän de finns. Fyll i dem i bedömningen, eller bedöm utan förslag.")
                    b.table(
                        caption: "Svar som saknas", hiddenCaption: false, headers: ["Fråga", "Ställs i"],
                        rows: s.missing.map { m in
                            [
                                Cell.build {
                                    m.question
                                    if m.declined {
                                        " "
                                        em("(personen ville inte svara)")
                                    }
                                }, .text(m.askedIn.joined(separator: "; ")),
                            ]
                        })
                }
            }
            if !s.checked.isEmpty {
                b.open(details())
                b.add(summary("Fler svar som reglerna prövade"))
                evidenceTable(&b, "Svar som prövades utan att ge förslaget", s.checked)
                b.close()
            }
            b.p("Reglerna, version \(s.ruleVersion), läser svar per begrepp och försörjningshinder, aldrig kön, ålder, födelseland eller andra diskrimineringsgrunder.", cls: "hint")
            b.pLink("/need-assessment#v\(s.ruleVersion)", "Se alla kategorier och regler i tur och ordning")
        }
    }

    func evidenceTable(_ b: inout PageBuilder, _ caption: String, _ items: [NeedEvidence]) {
        b.table(
            caption: caption, hiddenCaption: false, headers: ["Fråga", "Svar", "Källa", "Datum"],
            rows: items.map { i in
                [
                    .text(i.label), .text(i.answer),
                    Cell.build {
                        i.source + (i.draft ? " (utkast)" : "")
                        if i.otherCommittee {
                            " "
                            em("(den andra nämnden, med samtycke)")
                        }
                    },
                    .text(i.date.description),
                ]
            })
    }

    func viewText(_ v: NeedAssessment.View?, _ rules: NeedRuleSet) -> [(String, String)] {
        guard let v else { return [("Bedömning", "Inte angiven ännu")] }
        var rows = [
            ("Kategori", rules.category(v.category)?.label ?? v.category), ("Parallella insatser", v.parallel ? "Ja" : "Nej"),
            ("Av", "\(v.byName), \(Format.dateTime(v.at))"),
        ]
        if !v.comment.isEmpty { rows.append(("Kommentar", v.comment)) }
        return rows
    }

    func categoryOptions(_ rules: NeedRuleSet) -> [(value: String, label: String)] {
        rules.categories.map { ($0.code, "\($0.label) – \($0.description)") }
    }

    func viewsSection(_ b: inout PageBuilder, _ ov: NeedAssessmentOverview, _ a: NeedAssessment, form: RefusedForm?, csrf: String) {
        b.section("Enheternas bedömningar", id: "views") { b in
            b.p("Startad \(Format.dateTime(a.startedAt)) av \(a.startedByName). \(a.isJoint ? "Gemensam bedömning med Jobbtorg." : "Stadsdelens bedömning (personen var inte inskriven på Jobbtorg när den startades).")")
            if a.inDisagreement, let d = a.districtView, let j = a.jobbtorgView {
                b.add(
                    SamsynWeb.p(
                        "Enheterna är oeniga (stadsdelen: \(d.category)\(d.parallel ? ", parallella" : ""); Jobbtorg: \(j.category)\(j.parallel ? ", parallella" : "")). Det ligger en uppgift hos båda enheterna tills ni har fattat ett gemensamt beslut.",
                        .class("notice warning"), .role("status")))
            }
            b.open(div(.class("two-col")))
            b.open(div())
            b.add(h3(NeedAssessment.Side.district.swedishName))
            b.facts(viewText(a.districtView, ov.rules))
            b.close()
            if a.isJoint {
                b.open(div())
                b.add(h3("Jobbtorg"))
                b.facts(viewText(a.jobbtorgView, ov.rules))
                b.close()
            }
            b.close()
            guard ov.canAct else {
                b.p("Din roll kan läsa bedömningen men inte ange enhetens bedömning eller fatta beslut. Det gör socialsekreterare, coacher och enhetschefer.", cls: "hint")
                return
            }
            guard ov.side == .district || a.isJoint else { return }
            let mine = a.view(ov.side)
            b.add(h3(mine == nil ? "Ange er enhets bedömning" : "Ändra er enhets bedömning", .id("my-view")))
            b.idPrefix = "view-"
            if let form, form.form == "view" {
                b.errors = form.errors.filter { $0.field != "message" }
                b.values = form.values
            }
            b.errorSummary("Bedömningen sparades inte")
            b.formStart(action: Routes.needAssessmentView.link(a.id), csrf: csrf)
            b.hidden("version", String(a.version))
            b.choices(
                "category", "Vilken kategori bedömer er enhet passar?", options: categoryOptions(ov.rules), selected: mine.map { [$0.category] } ?? [])
            b.choices(
                "parallel", "Behövs insatser från båda enheterna samtidigt?", options: [("yes", "Ja"), ("no", "Nej")],
                selected: mine.map { [$0.parallel ? "yes" : "no"] } ?? [])
            b.field("comment", "Kommentar (frivillig)", hint: "Det ni vill att den andra enheten vet om er bedömning.", value: mine?.comment ?? "", textarea: true)
            b.submit("Spara er bedömning")
            b.formEnd()
            b.idPrefix = ""
            b.errors = []
            b.values = [:]
        }
    }

    func decisionSection(_ b: inout PageBuilder, _ ov: NeedAssessmentOverview, _ a: NeedAssessment, form: RefusedForm?, csrf: String) {
        b.section("Beslut", id: "decision") { b in
            let suggested = ov.suggestion.outcome.code
            b.p(
                suggested == NeedOutcome.unclearCode
                    ? "Förslaget är oklart, så beslutet behöver inget skäl för avvikelse. Beskriv gärna vad ni grundar det på."
                    : "Beslutar ni en annan kategori än förslaget (\(suggested)) skriver ni varför. Skälen följs upp i rättviserapporten.")
            b.idPrefix = "decision-"
            if let form, form.form == "decision" {
                b.errors = form.errors.filter { $0.field != "message" }
                b.values = form.values
            }
            b.errorSummary("Beslutet sparades inte")
            b.formStart(action: Routes.needAssessmentDecision.link(a.id), csrf: csrf)
            b.hidden("version", String(a.version))
            let preset = ov.suggestion.category
            b.choices("category", "Kategori", options: categoryOptions(ov.rules), selected: preset.map { [$0.code] } ?? [])
            b.choices("lead", "Vem leder arbetet?", options: LeadUnit.allCases.map { ($0.rawValue, $0.swedishName) }, selected: preset.map { [$0.lead.rawValue] } ?? [])
            b.choices(
                "parallel", "Parallella insatser", options: [("yes", "Ja, insatser från båda enheterna samtidigt"), ("no", "Nej")],
                selected: preset.map { [$0.parallel ? "yes" : "no"] } ?? [])
            let months = preset?.reviewMonths ?? 3
            b.dateField("reviewOn", "Följ upp bedömningen", hint: "Skriv som ÅÅÅÅ-MM-DD, ett datum efter i dag. Förslag: \(ov.today.adding(months: months)) (om \(months) månader).")
            b.field("deviationReason", "Skäl om beslutet avviker från förslaget", hint: "Minst 10 tecken. Krävs när ni väljer en annan kategori än förslaget.", textarea: true)
            if a.isJoint, ov.enrolled {
                b.select(
                    "coDeciderId", ov.side == .district ? "Beslutar tillsammans med (Jobbtorg)" : "Beslutar tillsammans med (stadsdelen)",
                    options: ov.coDeciders.map { ($0.id.uuidString.lowercased(), "\($0.displayName), \($0.role.swedishTitle)") },
                    selected: (ov.side == .district ? a.jobbtorgView?.byId : a.districtView?.byId)?.uuidString.lowercased() ?? "",
                    hint: "Beslutet fattas gemensamt: du och en person från den andra enheten står som beslutsfattare.")
            }
            b.submit("Fatta beslut")
            b.formEnd()
            b.idPrefix = ""
            b.errors = []
            b.values = [:]
        }
    }

    func historySection(_ b: inout PageBuilder, _ ov: NeedAssessmentOverview) {
        let decided = ov.history.filter { $0.decision != nil }
        guard !decided.isEmpty else { return }
        b.section("Tidigare beslut", id: "history") { b in
            b.table(
                caption: "Beslutade behovsbedömningar, senaste först", headers: ["Beslutad", "Kategori", "Förslag", "Skäl till avvikelse", "Leder", "Parallella", "Följs upp", "Beslutad av"],
                rows: decided.compactMap { a in
                    guard let d = a.decision else { return nil }
                    let names = [d.deciderName, d.coDeciderName].compactMap { $0 }.joined(separator: " och ")
                    return [
                        d.decidedOn.description, ov.rules.category(d.category)?.label ?? d.category, "\(d.suggested) (regler v\(d.ruleVersion))",
                        d.deviationReason ?? (d.deviates ? "" : "–"), d.lead.swedishName, d.parallel ? "Ja" : "Nej", d.reviewOn.description, names,
                    ]
                })
        }
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let personId = try CaseController.uuid(context, "id")
        _ = try await needs.start(personId: personId, by: try context.actor())
        return redirect(to: Routes.personNeedAssessment.link(personId) + "?saved=started")
    }

    func assessment(_ context: AppRequestContext) async throws -> (UUID, NeedAssessment) {
        let id = try CaseController.uuid(context, "aid")
        guard let a = try await services.needStore.needAssessment(id: id) else { throw DomainError.notFound }
        return (id, a)
    }

    /// Runs a change from the assessment page; a refusal shows the page again with the errors at the form.
    func change(_ request: Request, _ context: AppRequestContext, _ a: NeedAssessment, form: String, _ body: () async throws -> Response) async throws -> Response {
        try await context.refusable(request, kinds: [.invalid, .conflict], field: "message", change: body) { errors, status in
            try await render(context, personId: a.personId, notice: nil, form: RefusedForm(form: form, errors: errors, values: context.form), status: status)
        }
    }

    @Sendable func view(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, a) = try await assessment(context)
        let f = context.form
        return try await change(request, context, a, form: "view") {
            _ = try await needs.recordView(
                id: id, category: f["category"] ?? "", parallel: f["parallel"] ?? "", comment: f["comment"] ?? "", expectedVersion: Int(f["version"] ?? "") ?? -1,
                by: try context.actor())
            return redirect(to: Routes.personNeedAssessment.link(a.personId) + "?saved=view")
        }
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (id, a) = try await assessment(context)
        let f = context.form
        return try await change(request, context, a, form: "decision") {
            _ = try await needs.decide(
                id: id,
                .init(
                    category: f["category"] ?? "", lead: f["lead"] ?? "", parallel: f["parallel"] ?? "", reviewOn: f["reviewOn"] ?? "",
                    deviationReason: f["deviationReason"] ?? "", coDeciderId: f["coDeciderId"] ?? ""),
                expectedVersion: Int(f["version"] ?? "") ?? -1, by: try context.actor())
            return redirect(to: Routes.personNeedAssessment.link(a.personId) + "?saved=decision")
        }
    }

    // MARK: Rules and what-if

    @Sendable func rules(_ request: Request, context: AppRequestContext) async throws -> Page {
        let notice = request.uri.queryParameters["saved"].flatMap { Self.notices[String($0)] }
        return try await rulesPage(context, notice: notice, result: nil, errors: [])
    }

    func rulesPage(_ context: AppRequestContext, notice: String?, result: NeedWhatIf?, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let versions = try await needs.ruleVersions(by: actor)
        let csrf = context.session?.csrfToken ?? ""
        let mayTry = AccessPolicy.allows(actor.user.role, .viewNeedStatistics) || AccessPolicy.allows(actor.user.role, .manageNeedRules)
        var b = PageBuilder()
        b.h1("Behovsbedömning: kategorier och regler")
        if let notice { b.notice(notice) }
        b.p(
            "Kategorierna och reglerna är data i versioner. En ny version kan prövas på de sparade svaren innan den tas i bruk. Reglerna får aldrig läsa kön, ålder, födelseland eller andra diskrimineringsgrunder; en sådan definition vägras när Samsyn startar.",
            cls: "lead")
        if AccessPolicy.allows(actor.user.role, .viewNeedStatistics) { b.pLink(Routes.needFairness.link, "Rättviserapport: förslag och beslut per kön och åldersgrupp") }
        if mayTry {
            b.open(section(.class("card"), .aria("labelledby", "what-if")))
            b.add(h2("Pröva en regelversion", .id("what-if")))
            b.p("Kör en version över alla sparade svar och se hur många som skulle byta kategori jämfört med versionen som används. Bara antal visas; färre än 5 personer visas som ”<5”.")
            b.errors = errors
            b.values = errors.isEmpty ? [:] : context.form
            b.errorSummary("Regelversionen kunde inte prövas")
            b.formStart(action: Routes.needWhatIf.link, csrf: csrf)
            b.select(
                "version", "Version att pröva", options: versions.map { (String($0.set.version), "Version \($0.set.version)\($0.active ? " (används)" : "")") },
                selected: versions.first { !$0.active }.map { String($0.set.version) } ?? "", placeholder: "Välj en version")
            b.field(
                "definition", "…eller klistra in en ny definition (JSON)", hint: "Prövas utan att sparas. Den kontrolleras som en fil: okända begrepp och diskrimineringsgrunder vägras.",
                textarea: true, rows: 4)
            b.submit("Pröva")
            b.formEnd()
            b.errors = []
            b.values = [:]
            if let result {
                b.add(h3("Resultat: version \(result.candidateVersion) jämfört med version \(result.currentVersion)", .id("what-if-result")))
                b.facts([("Personer med svar", String(result.people)), ("Skulle byta kategori", result.changed.description)])
                b.table(
                    caption: "Byten av kategori", hiddenCaption: false, headers: ["Från", "Till", "Personer"],
                    rows: result.transitions.map { [$0.from, $0.to, $0.people.description] })
                b.table(
                    caption: "Fördelning per kategori", hiddenCaption: false, headers: ["Kategori", "Version \(result.currentVersion)", "Version \(result.candidateVersion)"],
                    rows: result.distribution.map { [$0.code, $0.current.description, $0.candidate.description] })
            }
            b.close()
        }
        for v in versions {
            let s = v.set
            b.section("Version \(s.version): \(s.title)\(v.active ? " – används" : "")", id: "v\(s.version)") { b in
                if let d = s.description { b.p(d) }
                b.table(
                    caption: "Kategorier i version \(s.version)", headers: ["Kategori", "Innebär", "Leder", "Parallella insatser", "Följs upp"],
                    rows: s.categories.map { c in
                        [c.label, c.description, c.lead.swedishName, c.parallel ? "Ja" : "Nej", "efter \(c.reviewMonths) månader"]
                    })
                b.add(h3("Reglerna i tur och ordning"))
                b.open(ol())
                for r in s.rules {
                    let when = r.when.map { NeedRuleText.describe($0, instruments: needs.instruments, obstacles: needs.classification) } ?? "i övriga fall"
                    b.add(
                        li {
                            strong(r.category)
                            " om \(when). "
                            span(r.explanation, .class("hint"))
                        })
                }
                b.close()
                if !v.active, AccessPolicy.allows(actor.user.role, .manageNeedRules) {
                    b.formStart(action: Routes.needActivate.link, csrf: csrf)
                    b.hidden("version", String(s.version))
                    b.submit("Ta version \(s.version) i bruk", secondary: true)
                    b.formEnd()
                }
            }
        }
        return services.bodyPage(errors.isEmpty ? "Behovsbedömning – regler" : "Fel – Behovsbedömning – regler", context, nav: .needs, status: status, b.nodes)
    }

    @Sendable func whatIf(_ request: Request, context: AppRequestContext) async throws -> Response {
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid], field: "definition") {
            let result = try await needs.whatIf(version: Int(f["version"] ?? ""), definition: f["definition"], by: try context.actor())
            return try await rulesPage(context, notice: nil, result: result, errors: []).htmlResponse
        } refused: { errors, status in
            try await rulesPage(context, notice: nil, result: nil, errors: errors, status: status)
        }
    }

    @Sendable func activate(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let v = Int(context.form["version"] ?? "") else { throw DomainError.notFound }
        try await needs.activate(version: v, by: try context.actor())
        return redirect(to: Routes.needRules.link + "?saved=activated")
    }

    // MARK: Fairness

    @Sendable func fairness(_ request: Request, context: AppRequestContext) async throws -> Page {
        let q = request.uri.queryParameters
        let today = needs.today
        let from = q["from"].map(String.init) ?? LocalDate(year: today.year, month: 1, day: 1)!.description
        let to = q["to"].map(String.init) ?? today.description
        var b = PageBuilder()
        b.h1("Rättviserapport för behovsbedömningen")
        b.p(
            "Hur förslagen och besluten fördelar sig per kön (juridiskt kön enligt personnumret) och åldersgrupp, och hur ofta beslutet avviker från förslaget. Reglerna läser inte kön eller ålder; rapporten visar om utfallet ändå skiljer sig. Färre än 5 visas som ”<5”.",
            cls: "lead")
        let report: FairnessReport?
        do {
            report = try await needs.fairness(from: from, to: to, by: try context.actor())
        } catch let error as DomainError where error.kind == .invalid {
            b.errors = error.fields
            report = nil
        }
        b.values = ["from": from, "to": to]
        b.errorSummary("Rapporten kunde inte tas fram")
        b.open(form(.method("get"), .action(Routes.needFairness.link), .class("stack"), .novalidate()))
        b.dateField("from", "Beslut från och med")
        b.dateField("to", "Till och med")
        b.submit("Visa")
        b.close()
        if let r = report {
            let codes = r.categoryCodes
            let suggestedHeaders = ["Grupp", "Beslut"] + codes.map { "Förslag \($0)" } + ["Förslag oklart"]
            let decidedHeaders = ["Grupp"] + codes.map { "Beslut \($0)" } + ["Avvikelser", "Andel avvikelser"]
            func suggestedRow(_ x: FairnessReport.Row) -> [String] { [x.group, x.people.description] + x.suggested.map { $0.description } }
            func decidedRow(_ x: FairnessReport.Row) -> [String] {
                [x.group] + x.decided.map { $0.description } + [x.deviations.description, x.deviationPercent.map { "\($0) %" } ?? "–"]
            }
            for (title, id, rows) in [("Per kön", "by-gender", r.byGender), ("Per åldersgrupp (ålder vid beslutet)", "by-age", r.byAge)] {
                b.section("\(title), \(r.from)–\(r.to)", id: id) { b in
                    b.table(caption: "Förslagen \(title.lowercased())", hiddenCaption: false, headers: suggestedHeaders, rows: rows.map(suggestedRow) + [suggestedRow(r.total)])
                    b.table(caption: "Besluten och avvikelserna \(title.lowercased())", hiddenCaption: false, headers: decidedHeaders, rows: rows.map(decidedRow) + [decidedRow(r.total)])
                }
            }
            b.p("Andel avvikelser räknas på beslut med ett förslag (inte oklart). ”–” betyder att siffran döljs för att en cell med färre än 5 annars skulle kunna räknas fram.", cls: "hint")
        }
        return services.bodyPage(b.errors.isEmpty ? "Rättviserapport" : "Fel – Rättviserapport", context, nav: .needs, status: report == nil ? .unprocessableContent : .ok, b.nodes)
    }
}
