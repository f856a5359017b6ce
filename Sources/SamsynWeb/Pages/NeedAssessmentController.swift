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
        group.post(Routes.needDecisionConfirm, use: confirm)
        group.post(Routes.needDecisionDecline, use: decline)
        group.post(Routes.needDecisionWithdraw, use: withdrawProposal)
        group.post(Routes.needDecisionCloseDeclined, use: closeDeclined)
        group.get(Routes.needRules, use: rules)
        group.post(Routes.needWhatIf, use: whatIf)
        group.post(Routes.needActivate, use: activate)
        group.get(Routes.needFairness, use: fairness)
    }

    static let notices = [
        "started": "Behovsbedömningen är startad. Se förslaget och ange er enhets bedömning.",
        "view": "Er enhets bedömning är sparad.",
        "decision": "Beslutet är sparat. Uppföljningen ligger på uppgiftslistan när det är dags.",
        "proposed": "Förslaget till gemensamt beslut är skickat. Det gäller när den du valde har bekräftat det; till dess ligger det på hens uppgiftslista.",
        "confirmed": "Du har bekräftat beslutet. Det gäller nu, med er båda som beslutsfattare.",
        "declined": "Du har avböjt förslaget. Skälet visas för den som föreslog beslutet; bedömningen är fortfarande öppen.",
        "withdrawn": "Förslaget är återkallat. Bedömningen är fortfarande öppen.",
        "declined-closed": "Uppgiften om det avböjda förslaget är stängd. Bedömningen är fortfarande öppen.",
        "activated": "Regelversionen används nu för nya förslag.",
    ]

    // MARK: The person's assessment

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Page {
        let notice = request.uri.queryParameters["saved"].flatMap { Self.notices[String($0)] }
        return try await render(context, personId: try CaseController.uuid(context, "id"), notice: notice, form: nil)
    }

    func page(_ title: String, _ context: AppRequestContext, nav: MenuItem? = nil, refused: Bool, status: HTTPResponse.Status, _ nodes: [Node]) -> Page {
        Page(
            Layout(title: refused ? "Fel – \(title)" : title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: nav),
            status: status, nodes: nodes)
    }

    func render(_ context: AppRequestContext, personId: UUID, notice: String?, form: RefusedForm?, status: HTTPResponse.Status = .ok) async throws -> Page {
        let ov = try await needs.overview(personId: personId, by: try context.actor())
        let actor = try context.actor()
        let declinedBox = try await declined(ov, actor)
        let model = NeedAssessmentPage.Model(
            csrf: context.session?.csrfToken ?? "", personId: CaseController.id(personId), personName: "\(ov.person.firstName) \(ov.person.lastName)", notice: notice,
            refused: form, suggestion: suggestion(ov), state: state(ov, userId: actor.user.id),
            history: ov.history.compactMap { a in
                guard let d = a.decision else { return nil }
                let names = [d.deciderName, d.coDeciderName].compactMap { $0 }.joined(separator: " och ")
                return [
                    d.decidedOn.description, ov.rules.category(d.category)?.label ?? d.category, "\(d.suggested) (regler v\(d.ruleVersion))",
                    d.deviationReason ?? (d.deviates ? "" : "–"), d.lead.swedishName, d.parallel ? "Ja" : "Nej", d.reviewOn.description, names,
                ]
            },
            proposals: ((ov.current ?? ov.history.first)?.proposals ?? []).map { p in
                [
                    Format.dateTime(p.proposedAt), p.proposerName, p.coDeciderName, ov.rules.category(p.category)?.label ?? p.category, p.status.swedishName,
                    p.answeredAt.map { "\(p.answeredByName ?? ""), \(Format.dateTime($0))" } ?? "–", p.declineReason ?? "–",
                ]
            }, declined: declinedBox)
        return page("Behovsbedömning", context, refused: !(form?.errors.isEmpty ?? true), status: status, NeedAssessmentPage.view(model))
            .about(await services.personHeader(personId, actor))
    }

    func evidence(_ items: [NeedEvidence]) -> [NeedAssessmentPage.Evidence] {
        items.map { .init(label: $0.label, answer: $0.answer, source: $0.source + ($0.draft ? " (utkast)" : ""), otherCommittee: $0.otherCommittee, date: $0.date.description) }
    }

    func suggestion(_ ov: NeedAssessmentOverview) -> NeedAssessmentPage.Suggestion {
        let s = ov.suggestion
        let outcome: NeedAssessmentPage.Suggestion.Outcome
        if let c = s.category {
            outcome = .category(
                label: c.label,
                facts: [
                    ("Vad det innebär", c.description), ("Leder", c.lead.swedishName), ("Parallella insatser", c.parallel ? "Ja, förväntas" : "Nej"),
                    ("Varför", s.rule?.explanation ?? ""),
                ], reasons: evidence(s.reasons))
        } else {
            outcome = .unclear(
                about: s.rule.flatMap { ov.rules.category($0.category) }.map { "om \($0.label) passar" } ?? "vilken kategori som passar",
                missing: s.missing.map { .init(question: $0.question, declined: $0.declined, askedIn: $0.askedIn.joined(separator: "; ")) })
        }
        return .init(outcome: outcome, checked: evidence(s.checked), ruleVersion: s.ruleVersion)
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

    func state(_ ov: NeedAssessmentOverview, userId: UUID) -> NeedAssessmentPage.Model.State {
        guard let a = ov.current else {
            return .none(
                .init(
                    text: ov.history.isEmpty
                        ? "Personen har ingen behovsbedömning ännu." : "Den senaste bedömningen är beslutad. Starta en ny vid uppföljningen eller när något har ändrats.",
                    enrolled: ov.enrolled, canStart: ov.canAct))
        }
        let categories = ov.rules.categories.map { FormState.Option($0.code, "\($0.label) – \($0.description)") }
        // The district's own assessment, or a joint one: the unit's view and the decision are the user's to give.
        let mayAnswer = ov.canAct && (ov.side == .district || a.isJoint)
        let mine = a.view(ov.side)
        var disagreement: String?
        if a.inDisagreement, let d = a.districtView, let j = a.jobbtorgView {
            disagreement =
                "Enheterna är oeniga (stadsdelen: \(d.category)\(d.parallel ? ", parallella" : ""); Jobbtorg: \(j.category)\(j.parallel ? ", parallella" : "")). Det ligger en uppgift hos båda enheterna tills ni har fattat ett gemensamt beslut."
        }
        let views = NeedAssessmentPage.Views(
            assessmentId: a.id, version: a.version,
            started:
                "Startad \(Format.dateTime(a.startedAt)) av \(a.startedByName). \(a.isJoint ? "Gemensam bedömning med Jobbtorg." : "Stadsdelens bedömning (personen var inte inskriven på Jobbtorg när den startades).")",
            disagreement: disagreement, district: viewText(a.districtView, ov.rules), jobbtorg: a.isJoint ? viewText(a.jobbtorgView, ov.rules) : nil,
            readOnly: !ov.canAct,
            mine: mayAnswer
                ? .init(
                    heading: mine == nil ? "Ange er enhets bedömning" : "Ändra er enhets bedömning", category: mine.map { [$0.category] } ?? [],
                    parallel: mine.map { [$0.parallel ? "yes" : "no"] } ?? [], comment: mine?.comment ?? "") : nil,
            categories: categories)
        if let p = a.pending {
            // A proposal waits: it is shown instead of the form, to everyone who reads the assessment.
            let role: NeedAssessmentPage.Pending.Role = p.coDeciderId == userId ? .coDecider : p.proposerId == userId ? .proposer : .other
            var facts: [(String, String)] = [
                ("Kategori", ov.rules.category(p.category)?.label ?? p.category), ("Leder", p.lead.swedishName), ("Parallella insatser", p.parallel ? "Ja" : "Nej"),
                ("Följs upp", p.reviewOn.description), ("Reglernas förslag", "\(p.suggested) (regler v\(p.ruleVersion))"),
            ]
            if let r = p.deviationReason { facts.append(("Skäl till avvikelse", r)) }
            facts.append(("Föreslaget av", "\(p.proposerName), \(Format.dateTime(p.proposedAt))"))
            facts.append(("Ska bekräftas av", p.coDeciderName))
            let text =
                switch role {
                case .coDecider: "\(p.proposerName) föreslår beslutet nedan och har angett dig som beslutsfattare från den andra enheten. Det gäller först när du bekräftar det."
                case .proposer: "Du har föreslagit beslutet. Det gäller när \(p.coDeciderName) har loggat in och bekräftat det."
                case .other: "\(p.proposerName) har föreslagit beslutet. Det gäller när \(p.coDeciderName) har bekräftat det."
                }
            return .current(views, .pending(.init(proposalId: p.id, text: text, facts: facts, role: role)))
        }
        guard mayAnswer else { return .current(views, nil) }
        let suggested = ov.suggestion.outcome.code
        let preset = ov.suggestion.category
        let months = preset?.reviewMonths ?? 3
        let joint = a.isJoint && ov.enrolled
        // The form starts empty: the rules' suggestion is shown beside it, never chosen for the deciders.
        let decision = NeedAssessmentPage.Decision(
            assessmentId: a.id, version: a.version,
            intro: (suggested == NeedOutcome.unclearCode
                ? "Förslaget är oklart, så beslutet behöver inget skäl för avvikelse. Beskriv gärna vad ni grundar det på."
                : "Beslutar ni en annan kategori än förslaget (\(suggested)) skriver ni varför. Skälen följs upp i rättviserapporten.")
                + (joint ? " Beslutet är gemensamt: du föreslår det, och det gäller när personen från den andra enheten har bekräftat det." : ""),
            categories: categories, category: [], lead: [], parallel: [],
            reviewHint: "Skriv som ÅÅÅÅ-MM-DD, ett datum efter i dag. Förslag: \(ov.today.adding(months: months)) (om \(months) månader).",
            coDecider: joint
                ? .init(
                    label: ov.side == .district ? "Beslutar tillsammans med (Jobbtorg)" : "Beslutar tillsammans med (stadsdelen)",
                    options: ov.coDeciders.map { .init($0.id.uuidString.lowercased(), "\($0.displayName), \($0.role.swedishTitle)") },
                    selected: (ov.side == .district ? a.jobbtorgView?.byId : a.districtView?.byId)?.uuidString.lowercased() ?? "") : nil,
            suggestion: preset.map { "\($0.label) (leder: \($0.lead.swedishName.lowercased()), parallella insatser: \($0.parallel ? "ja" : "nej"))" } ?? "oklart",
            suggestionReasons: ov.suggestion.reasons.map { "\($0.label): \($0.answer)" })
        return .current(views, .form(decision))
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
    /// The proposer's own declined proposal, the latest of the open assessment, while its task is open: the reason,
    /// and the way on (propose again, or close the task).
    func declined(_ ov: NeedAssessmentOverview, _ actor: Actor) async throws -> NeedAssessmentPage.Declined? {
        guard let a = ov.current, let p = a.proposals.first, p.status == .declined, p.proposerId == actor.user.id else { return nil }
        let open = try await services.caseStore.openTasks(personId: a.personId, committeeId: actor.user.committeeId)
        guard open.contains(where: { $0.key == NeedDecisionProposal.declinedTaskKey(p.id) }) else { return nil }
        return .init(
            proposalId: p.id, by: p.answeredByName ?? p.coDeciderName, on: p.answeredAt.map(Format.dateTime) ?? "–", reason: p.declineReason ?? "–",
            category: ov.rules.category(p.category)?.label ?? p.category)
    }

    @Sendable func closeDeclined(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pid = try CaseController.uuid(context, "pid")
        guard let p = try await services.needStore.needDecisionProposal(id: pid) else { throw DomainError.notFound }
        return try await context.refusable(request, kinds: [.conflict, .forbidden], field: "message") {
            try await needs.closeDeclined(id: pid, by: try context.actor())
            return redirect(to: Routes.personNeedAssessment.link(p.personId) + "?saved=declined-closed")
        } refused: { errors, status in
            try await render(context, personId: p.personId, notice: nil, form: RefusedForm(form: "answer", errors: errors, values: context.formValues), status: status)
        }
    }

    func change(_ request: Request, _ context: AppRequestContext, _ a: NeedAssessment, form: String, _ body: () async throws -> Response) async throws -> Response {
        try await context.refusable(request, kinds: [.invalid, .conflict], field: "message", change: body) { errors, status in
            try await render(context, personId: a.personId, notice: nil, form: RefusedForm(form: form, errors: errors, values: context.formValues), status: status)
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
            let saved = try await needs.decide(
                id: id,
                .init(
                    category: f["category"] ?? "", lead: f["lead"] ?? "", parallel: f["parallel"] ?? "", reviewOn: f["reviewOn"] ?? "",
                    deviationReason: f["deviationReason"] ?? "", coDeciderId: f["coDeciderId"] ?? ""),
                expectedVersion: Int(f["version"] ?? "") ?? -1, by: try context.actor())
            return redirect(to: Routes.personNeedAssessment.link(a.personId) + (saved.status == .decided ? "?saved=decision" : "?saved=proposed"))
        }
    }

    /// The named co-decider confirms or declines a proposed joint decision, or its proposer withdraws it. A
    /// refusal (someone else, an answered or withdrawn proposal, a decline without a reason) shows the page
    /// again with the Swedish message and 403, 409 or 422; nothing is saved.
    func answer(_ request: Request, _ context: AppRequestContext, _ answer: NeedDecisionAnswer, done: String) async throws -> Response {
        let pid = try CaseController.uuid(context, "pid")
        guard let p = try await services.needStore.needDecisionProposal(id: pid) else { throw DomainError.notFound }
        return try await context.refusable(request, kinds: [.invalid, .conflict, .forbidden], field: "message") {
            _ = try await needs.answerProposal(id: pid, answer, by: try context.actor())
            return redirect(to: Routes.personNeedAssessment.link(p.personId) + "?saved=\(done)")
        } refused: { errors, status in
            try await render(context, personId: p.personId, notice: nil, form: RefusedForm(form: "answer", errors: errors, values: context.formValues), status: status)
        }
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request, context, .confirm, done: "confirmed")
    }

    @Sendable func decline(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request, context, .decline(reason: context.form["declineReason"] ?? ""), done: "declined")
    }

    @Sendable func withdrawProposal(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await answer(request, context, .withdraw, done: "withdrawn")
    }

    // MARK: Rules and what-if

    @Sendable func rules(_ request: Request, context: AppRequestContext) async throws -> Page {
        let notice = request.uri.queryParameters["saved"].flatMap { Self.notices[String($0)] }
        return try await rulesPage(context, notice: notice, result: nil, errors: [])
    }

    func rulesPage(_ context: AppRequestContext, notice: String?, result: NeedWhatIf?, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let versions = try await needs.ruleVersions(by: actor)
        let model = NeedRulesPage.Model(
            csrf: context.session?.csrfToken ?? "", notice: notice, caps: NeedRulesCapabilities(actor: actor),
            versionOptions: versions.map { .init(String($0.set.version), "Version \($0.set.version)\($0.active ? " (används)" : "")") },
            selectedVersion: versions.first { !$0.active }.map { String($0.set.version) } ?? "", form: CaseFormParts.state(errors, context.formValues),
            result: result.map { r in
                .init(
                    heading: "Resultat: version \(r.candidateVersion) jämfört med version \(r.currentVersion)",
                    facts: [("Personer med svar", String(r.people)), ("Skulle byta kategori", r.changed.description)],
                    transitions: r.transitions.map { [$0.from, $0.to, $0.people.description] },
                    distributionHeaders: ["Kategori", "Version \(r.currentVersion)", "Version \(r.candidateVersion)"],
                    distribution: r.distribution.map { [$0.code, $0.current.description, $0.candidate.description] })
            },
            versions: versions.map { v in
                let s = v.set
                return .init(
                    version: s.version, title: s.title, description: s.description,
                    categories: s.categories.map { c in [c.label, c.description, c.lead.swedishName, c.parallel ? "Ja" : "Nej", "efter \(c.reviewMonths) månader"] },
                    rules: s.rules.map { r in
                        .init(
                            category: r.category,
                            when: r.when.map { NeedRuleText.describe($0, instruments: needs.instruments, obstacles: needs.classification) } ?? "i övriga fall",
                            explanation: r.explanation)
                    }, active: v.active)
            })
        return page("Behovsbedömning – regler", context, nav: .needs, refused: !errors.isEmpty, status: status, NeedRulesPage.view(model))
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
        var errors: [FieldError] = []
        let report: FairnessReport?
        do {
            report = try await needs.fairness(from: from, to: to, by: try context.actor())
        } catch let error as DomainError where error.kind == .invalid {
            errors = error.fields
            report = nil
        }
        let model = FairnessPage.Model(form: FormState(errors: errors, values: ["from": [from], "to": [to]]), sections: report.map(Self.sections))
        return page("Rättviserapport", context, nav: .needs, refused: !errors.isEmpty, status: report == nil ? .unprocessableContent : .ok, FairnessPage.view(model))
    }

    static func sections(_ r: FairnessReport) -> [FairnessPage.Model.Section] {
        let codes = r.categoryCodes
        let suggestedHeaders = ["Grupp", "Beslut"] + codes.map { "Förslag \($0)" } + ["Förslag oklart"]
        let decidedHeaders = ["Grupp"] + codes.map { "Beslut \($0)" } + ["Avvikelser", "Andel avvikelser"]
        func suggestedRow(_ x: FairnessReport.Row) -> [String] { [x.group, x.people.description] + x.suggested.map { $0.description } }
        func decidedRow(_ x: FairnessReport.Row) -> [String] {
            [x.group] + x.decided.map { $0.description } + [x.deviations.description, x.deviationPercent.map { "\($0) %" } ?? "–"]
        }
        return [("Per kön", "by-gender", r.byGender), ("Per åldersgrupp (ålder vid beslutet)", "by-age", r.byAge)].map { title, id, rows in
            FairnessPage.Model.Section(
                title: "\(title), \(r.from)–\(r.to)", id: id,
                suggested: .init(caption: "Förslagen \(title.lowercased())", headers: suggestedHeaders, rows: rows.map(suggestedRow) + [suggestedRow(r.total)]),
                decided: .init(caption: "Besluten och avvikelserna \(title.lowercased())", headers: decidedHeaders, rows: rows.map(decidedRow) + [decidedRow(r.total)]))
        }
    }
}
