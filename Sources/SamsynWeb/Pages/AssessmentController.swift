import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Instrument parts as pages: the person's overview, one area at a time with drafts saved at every step,
/// review and completion, read-only views with revisions, and corrections. Rules live in `AssessmentService`.
struct AssessmentController {
    let services: AppServices
    var assessments: AssessmentService { services.assessments }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.personAssessments, use: overview)
        group.post(Routes.personAssessments, use: start)
        group.get(Routes.assessment, use: show)
        group.post(Routes.assessment, use: save)
        group.get(Routes.assessmentReview, use: review)
        group.post(Routes.assessmentComplete, use: complete)
        group.post(Routes.assessmentRevise, use: revise)
        group.post(Routes.assessmentHeartbeat, use: heartbeat)
        group.get(Routes.assessmentTimes, use: times)
    }

    // MARK: Overview and start

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let personId = try Routes.personAssessments.id(context)
        let view = try await services.directory.read(id: personId, by: actor)
        let responses = try await assessments.responses(personId: personId, by: actor)
        // The other committee's parts that the person's consent shares now (read only).
        let shared = try await assessments.sharedResponses(personId: personId, by: actor)
        let concepts = try await assessments.overview(personId: personId, by: actor)
        let instruments = assessments.instruments.latest.map { def in
            AssessmentOverviewPage.InstrumentBlock(
                title: def.title, description: def.description, version: def.version,
                parts: def.parts.map { part in
                    let current = responses.first { $0.instrumentId == def.id && $0.partId == part.id && $0.status != .superseded }
                    let other = current == nil ? shared.first(where: { $0.instrumentId == def.id && $0.partId == part.id }) : nil
                    return AssessmentOverviewPage.PartRow(
                        title: part.title, owner: part.owner.swedishName, status: current.map(Self.statusText) ?? "Ej påbörjad",
                        href: current.map { Routes.assessment.link($0.id) },
                        canStart: current == nil && other == nil && AssessmentService.mayFill(part, actor),
                        instrumentId: def.id, partId: part.id,
                        shared: other.map { .init(text: sharedStatusText($0), href: Routes.assessment.link($0.id)) })
                })
        }
        let page = AssessmentOverviewPage(
            csrf: context.session?.csrfToken ?? "", personId: personId.uuidString.lowercased(), personName: view.person.fullName,
            instruments: instruments,
            concepts: concepts.map { c in
                AssessmentOverviewPage.ConceptRow(
                    question: c.question.text, answer: c.withheld ? "Känsligt svar – visas inte för din roll" : c.display,
                    source: sourceText(c.source.response, answeredAt: c.source.answer.answeredAt), withheld: c.withheld)
            },
            hasConcepts: !concepts.isEmpty, hasShared: !shared.isEmpty)
        return Page(layout("Bedömningar – \(view.person.fullName)", context, actor), nodes: AssessmentOverviewView.view(page))
            .about(await services.personHeader(personId, actor))
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let personId = try Routes.personAssessments.id(context)
        let form = try context.decodeForm(AssessmentForm.self)
        let (response, _) = try await assessments.start(
            personId: personId, instrumentId: form.instrument ?? "", partId: form.part ?? "", by: actor)
        return redirect(to: Routes.assessment.link(response.id))
    }

    // MARK: One area

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try responseId(context)
        let sheet = try await assessments.open(responseId: id, by: actor)
        guard sheet.canEdit else {
            let completed = request.uri.queryParameters["completed"] != nil
            let notice = completed ? "Delen är slutförd och låst." : nil
            let steps = completed ? await NextStepReader(services: services).steps(personId: sheet.person.id, actor: actor) : []
            return partView(sheet, context, actor, review: false, notice: notice, steps: steps).about(await services.personHeader(sheet.person.id, actor)).htmlResponse
        }
        let index = areaIndex(request.uri.queryParameters["area"].map(String.init), sheet.part)
        let notice: String? =
            switch request.uri.queryParameters["saved"] {
            case "draft": "Utkastet är sparat."
            case "more": "Fler frågor visas utifrån svaren. Fyll i dem eller gå vidare."
            case "revised": "En ny version av delen är skapad. Ändra det som behöver rättas och slutför igen."
            default: nil
            }
        return areaPage(sheet, index, context, actor, raw: nil, errors: [], notice: notice).about(await services.personHeader(sheet.person.id, actor)).htmlResponse
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try responseId(context)
        let form = try context.decodeForm(AssessmentForm.self)
        let autosave = form.action == "autosave"
        let sheet = try await assessments.open(responseId: id, by: actor)
        guard sheet.canEdit else {
            if autosave { return AutosaveReply.refused(DomainError(.conflict, "Delen är låst och kan inte ändras."), context) }
            throw DomainError(.conflict, "Delen är slutförd och låst. Välj ”Rätta” för att göra en ny version med en motivering.")
        }
        let index = areaIndex(form.area, sheet.part)
        let area = sheet.part.areas[index]
        var raw: [String: [String]] = [:]
        var input: [String: AnswerValue?] = [:]
        var errors: [FieldError] = []
        for q in area.questions {
            let values = context.formValues["q.\(q.id)"] ?? []
            raw[q.id] = values
            do {
                input[q.id] = .some(try q.parseForm(values))
            } catch {
                errors.append(FieldError(field: q.id, message: error.message))
            }
        }
        // Answers that could be read are checked too, so the form names every problem of this save at once.
        if !errors.isEmpty { errors = AssessmentService.ordered(errors + AssessmentService.problems(input, in: sheet.part), in: sheet.part) }
        let version = form.expectedVersion
        if errors.isEmpty {
            do {
                let saved = try await assessments.save(responseId: id, expectedVersion: version, answers: input, by: actor)
                if autosave { return AutosaveReply.saved(version: saved.version) }
                return redirect(to: try await nextLocation(after: index, sheet: sheet, form: form, actor: actor))
            } catch let error as DomainError where error.kind == .invalid {
                errors = error.fields
            } catch let error as DomainError where error.kind == .conflict || error.kind == .stale {
                if autosave { return AutosaveReply.refused(error, context) }
                return areaPage(sheet, index, context, actor, raw: raw, errors: [], notice: nil, conflict: error.message, status: .conflict).about(await services.personHeader(sheet.person.id, actor)).htmlResponse
            }
        }
        if autosave { return AutosaveReply.refused(.invalid(errors), context) }
        return areaPage(sheet, index, context, actor, raw: raw, errors: errors, notice: nil, status: .unprocessableContent).about(await services.personHeader(sheet.person.id, actor)).htmlResponse
    }

    /// Where a successful save leads: the next area, the chosen one, the review, or back to this area
    /// when the answers just showed more of its questions.
    private func nextLocation(after index: Int, sheet: AssessmentSheet, form: AssessmentForm, actor: Actor) async throws -> String {
        let base = Routes.assessment.link(sheet.response.id)
        let action = form.action ?? "next"
        if action == "save" { return "\(base)?area=\(index + 1)&saved=draft" }
        if action == "prev" { return "\(base)?area=\(max(index, 1))" }
        if action.hasPrefix("goto-"), let n = Int(action.dropFirst(5)) { return "\(base)?area=\(n)" }
        if action == "review" { return "\(base)/review" }
        // Newly shown questions in this area: stay so they are not skipped.
        let after = try await assessments.open(responseId: sheet.response.id, by: actor)
        let shownBefore = Set((form.shown ?? "").split(separator: ",").map(String.init))
        let area = after.part.areas[index]
        let shownNow = area.questions.filter { isShown($0, in: area, after) }.map(\.id)
        if shownNow.contains(where: { !shownBefore.contains($0) && after.answers[$0] == nil }) {
            return "\(base)?area=\(index + 1)&saved=more"
        }
        return index + 1 < sheet.part.areas.count ? "\(base)?area=\(index + 2)" : "\(base)/review"
    }

    /// A question is shown when its conditions hold on the saved answers, counting proposals only in the
    /// same area (the person confirms those with this very form).
    private func isShown(_ q: QuestionDefinition, in area: AreaDefinition, _ sheet: AssessmentSheet, overrides: [String: AnswerValue?] = [:]) -> Bool {
        var values = sheet.answers.mapValues(\.value)
        for aq in area.questions where values[aq.id] == nil {
            if let p = sheet.proposals[aq.id] { values[aq.id] = p.value }
        }
        for (k, v) in overrides { values[k] = v }
        return Branching.isEnabled(q, answers: values)
    }

    private func areaPage(
        _ sheet: AssessmentSheet, _ index: Int, _ context: AppRequestContext, _ actor: Actor, raw: [String: [String]]?, errors: [FieldError],
        notice: String?, conflict: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Page {
        let part = sheet.part
        let area = part.areas[index]
        // Branching follows what is on the form when it is re-shown after an error.
        var overrides: [String: AnswerValue?] = [:]
        if let raw {
            for q in area.questions { overrides[q.id] = .some((try? q.parseForm(raw[q.id] ?? [])) ?? nil) }
        }
        let errorsById = Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a })
        let questions = area.questions.map { q -> QuestionModel in
            var values: [String]
            var prefill: String?
            if let raw {
                values = raw[q.id] ?? []
            } else if let a = sheet.answers[q.id] {
                values = a.value.formValues
                if let src = a.sourceResponseId, let r = sheet.sourceResponse(src) {
                    prefill = "Bekräftat från \(sourceText(r, answeredAt: nil))."
                }
            } else if let p = sheet.proposals[q.id] {
                values = p.value.formValues
                prefill = prefillText(p, actor)
            } else {
                values = []
            }
            if raw != nil, let p = sheet.proposals[q.id], sheet.answers[q.id] == nil {
                prefill = prefillText(p, actor)
            }
            // The person's own answer given in advance on Mina sidor: proposed while unanswered, and kept beside the
            // instrument's answer afterwards (the same, or what the person said when it differs).
            if let own = sheet.advance[q.id] {
                let label = (q.options?.first { $0.value == own.value.formValues.first }?.label) ?? own.value.formValues.joined(separator: ", ")
                let given = "Personens eget svar via Mina sidor, lämnat \(Format.date(own.answeredAt))"
                if let saved = sheet.answers[q.id] {
                    prefill = saved.value == own.value ? "Samma som \(given.prefix(1).lowercased() + given.dropFirst())." : "\(given): \(label)."
                } else {
                    if raw == nil && sheet.proposals[q.id] == nil { values = own.value.formValues }
                    prefill = "\(given): \(label). Bekräfta med personen eller ändra."
                }
            }
            return QuestionModel(q, raw: values, hidden: !isShown(q, in: area, sheet, overrides: overrides), prefill: prefill, error: errorsById[q.id])
        }
        let saved = sheet.answers
        let nav = part.areas.enumerated().map { i, a in
            let shown = a.questions.filter { isShown($0, in: a, sheet) }
            let answered = shown.filter { saved[$0.id] != nil }.count
            return AreaPage.NavItem(index: i + 1, title: a.title, current: i == index, status: "\(answered) av \(shown.count) besvarade")
        }
        let title = "\(area.title) – \(part.title)"
        var errorItems = errors.map { e in AreaPage.ErrorItem(href: "#q-\(e.field)", message: part.question(e.field).map { "\($0.text): \(e.message)" } ?? e.message) }
        if let conflict { errorItems = [AreaPage.ErrorItem(href: "#answers", message: conflict)] }
        let suggestions = sheet.summary.compactMap(\.suggestedSubGoal)
        let model = AreaPage(
            csrf: context.session?.csrfToken ?? "", responseId: sheet.response.id.uuidString.lowercased(),
            personHref: Routes.personAssessments.link(sheet.person.id), personName: "\(sheet.person.firstName) \(sheet.person.lastName)",
            instrumentTitle: "\(sheet.definition.title) (version \(sheet.definition.version))", partTitle: part.title,
            revisionNote: sheet.response.revisionReason.map { "Rättelse (version \(sheet.response.revision) av delen): \($0)" },
            areaIndex: index + 1, areaTitle: area.title, progress: "Område \(index + 1) av \(part.areas.count)",
            areaGuide: area.guide ?? [], hasAreaGuide: !(area.guide ?? []).isEmpty, questions: questions,
            shown: questions.filter { !$0.hidden }.map(\.id).joined(separator: ","), version: sheet.response.version,
            isFirst: index == 0, isLast: index == part.areas.count - 1, nav: nav, errors: errorItems, hasErrors: !errorItems.isEmpty,
            errorTitle: conflict != nil ? "Svaren sparades inte" : "Svaren sparades inte – rätta felen",
            notice: notice, summary: sheet.summary.map(SummaryLineModel.init), hasSummary: !sheet.summary.isEmpty,
            suggestions: suggestions, hasSuggestions: !suggestions.isEmpty)
        return Page(layout(errorItems.isEmpty ? title : "Fel – \(title)", context, actor), status: status, nodes: AssessmentAreaView.view(model))
    }

    // MARK: Review, complete, revise

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let sheet = try await assessments.open(responseId: try responseId(context), by: actor)
        guard sheet.canEdit else { return redirect(to: Routes.assessment.link(sheet.response.id)) }
        return partView(sheet, context, actor, review: true).about(await services.personHeader(sheet.person.id, actor)).htmlResponse
    }

    @Sendable func complete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try responseId(context)
        do {
            _ = try await assessments.complete(responseId: id, expectedVersion: try context.decodeForm(AssessmentForm.self).expectedVersion, by: actor)
            return redirect(to: Routes.assessment.link(id) + "?completed=1")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict || error.kind == .stale {
            let sheet = try await assessments.open(responseId: id, by: actor)
            guard sheet.canEdit else { throw error }
            return partView(sheet, context, actor, review: true, error: error.message, status: error.kind.pageStatus).about(await services.personHeader(sheet.person.id, actor)).htmlResponse
        }
    }

    @Sendable func revise(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try responseId(context)
        let reason = try context.decodeForm(AssessmentForm.self).reason ?? ""
        do {
            let revision = try await assessments.revise(responseId: id, reason: reason, by: actor)
            return redirect(to: Routes.assessment.link(revision.id) + "?saved=revised")
        } catch let error as DomainError where error.kind == .invalid {
            let sheet = try await assessments.open(responseId: id, by: actor)
            return partView(sheet, context, actor, review: false, reasonError: error.fields.first?.message, reason: reason, status: .unprocessableContent)
                .about(await services.personHeader(sheet.person.id, actor)).htmlResponse
        }
    }

    @Sendable func heartbeat(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await assessments.heartbeat(responseId: try responseId(context), by: try context.actor())
        return Response(status: .noContent)
    }

    private func partView(
        _ sheet: AssessmentSheet, _ context: AppRequestContext, _ actor: Actor, review: Bool, error: String? = nil, reasonError: String? = nil,
        reason: String = "", notice: String? = nil, status: HTTPResponse.Status = .ok, steps: [NextStepLink] = []
    ) -> Page {
        let part = sheet.part
        let base = Routes.assessment.link(sheet.response.id)
        let visible = Branching.visibleAnswers(in: part, answers: sheet.answers.mapValues(\.value))
        let areas = part.areas.enumerated().map { i, area in
            PartViewPage.AreaBlock(
                title: area.title,
                lines: area.questions.compactMap { q -> PartViewPage.AnswerLine? in
                    let withheld = sheet.withheld.contains(q.id)
                    let shown = Branching.isEnabled(q, answers: visible)
                    guard shown || withheld else { return nil }
                    let a = sheet.answers[q.id]
                    return PartViewPage.AnswerLine(
                        questionId: q.id, href: review ? "\(base)?area=\(i + 1)#q-\(q.id)" : nil, text: q.text,
                        answer: withheld ? "Känsligt svar – visas inte för din roll" : a.map { $0.value.display(for: q) } ?? "Inte besvarad",
                        source: a?.sourceResponseId.flatMap { sheet.sourceResponse($0) }.map { "Bekräftat från \(sourceText($0, answeredAt: nil))" },
                        withheld: withheld, unanswered: a == nil && !withheld)
                })
        }
        let missing = sheet.missingRequired.map { q in
            PartViewPage.AnswerLine(
                questionId: q.id, href: "\(base)?area=\((part.areaIndex(of: q.id) ?? 0) + 1)#q-\(q.id)", text: q.text, answer: "", source: nil,
                withheld: false, unanswered: true)
        }
        let revisions = sheet.revisions.map { r in
            PartViewPage.RevisionLine(
                href: Routes.assessment.link(r.id),
                label: "Version \(r.revision): \(Self.statusText(r))", reason: r.revisionReason, current: r.id == sheet.response.id)
        }
        let title = review ? "Granska och slutför – \(part.title)" : part.title
        let sharedNotice =
            sheet.sharedUnderConsent
            ? "Delen hör till \(services.orgNames.committeeName(sheet.response.committeeId)) och visas under personens samtycke, så länge det gäller. Den kan läsas men inte ändras."
            : nil
        let model = PartViewPage(
            csrf: context.session?.csrfToken ?? "", responseId: sheet.response.id.uuidString.lowercased(),
            personHref: Routes.personAssessments.link(sheet.person.id), personName: "\(sheet.person.firstName) \(sheet.person.lastName)",
            instrumentTitle: "\(sheet.definition.title) (version \(sheet.definition.version))", partTitle: part.title,
            statusText: sheet.sharedUnderConsent ? sharedStatusText(sheet.response) : Self.statusText(sheet.response), isReview: review, areas: areas,
            missing: missing, hasMissing: !missing.isEmpty, canComplete: review && missing.isEmpty,
            canRevise: !review && !sheet.sharedUnderConsent && sheet.response.status == .completed && AssessmentService.mayFill(part, actor),
            reasonError: reasonError, reason: reason, revisions: revisions, hasRevisions: revisions.count > 1,
            notice: notice ?? sharedNotice, errorMessage: error,
            summary: sheet.summary.map(SummaryLineModel.init), hasSummary: !sheet.summary.isEmpty, version: sheet.response.version, nextSteps: steps)
        return Page(layout(error != nil || reasonError != nil ? "Fel – \(title)" : title, context, actor), status: status, nodes: AssessmentPartView.view(model))
    }

    // MARK: Unit figures

    @Sendable func times(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let rows = try await assessments.unitTimes(by: actor)
        let unitName = services.orgNames.unitName(actor.user.unitId) ?? actor.user.unitId
        let page = UnitTimesPage(
            unitName: unitName,
            rows: rows.map {
                UnitTimesPage.Row(
                    instrument: "\($0.instrumentTitle), version \($0.instrumentVersion)", part: $0.partTitle, completed: $0.completed,
                    median: Self.minutes($0.medianMilliseconds))
            }, hasRows: !rows.isEmpty)
        return Page(layout("Tid per bedömningsdel", context, actor, nav: .times), nodes: UnitTimesView.view(page))
    }

    static func minutes(_ ms: Double) -> String {
        guard ms.isFinite, ms >= 0, ms < 1e12 else { return "–" }
        let totalSeconds = Int((ms / 1000).rounded())
        let m = totalSeconds / 60, s = totalSeconds % 60
        return m == 0 ? "\(s) s" : "\(m) min \(s) s"
    }

    // MARK: Helpers

    static func statusText(_ r: AssessmentResponse) -> String {
        let revision = r.revision > 1 ? " (rättad, version \(r.revision))" : ""
        switch r.status {
        case .draft: return "Utkast, påbörjat \(Format.date(r.startedAt))\(revision)"
        case .completed: return "Slutförd \(Format.date(r.completedAt ?? r.updatedAt))\(revision)"
        case .superseded: return "Ersatt av en rättad version (slutförd \(Format.date(r.completedAt ?? r.updatedAt)))"
        }
    }

    /// The other committee's part as the overview and its read-only view name it: where and when it was done.
    func sharedStatusText(_ r: AssessmentResponse) -> String {
        let unit = services.orgNames.unitName(r.unitId) ?? services.orgNames.committeeName(r.committeeId)
        switch r.status {
        case .completed, .superseded: return "Slutförd hos \(unit), \(Format.date(r.completedAt ?? r.updatedAt))"
        case .draft: return "Påbörjad hos \(unit), \(Format.date(r.startedAt)) (utkast)"
        }
    }

    /// The proposal's source; one from the other committee says it is shared under consent.
    func prefillText(_ p: Prefill, _ actor: Actor) -> String {
        let shared = p.source.response.committeeId != actor.user.committeeId ? " (delat under samtycke)" : ""
        return "Förifyllt från \(sourceText(p.source.response, answeredAt: p.source.answer.answeredAt))\(shared). Bekräfta eller ändra."
    }

    func sourceText(_ r: AssessmentResponse, answeredAt: Date?) -> String {
        let def = assessments.instruments.definition(r.instrumentId, version: r.instrumentVersion)
        let part = def?.part(r.partId)?.title ?? r.partId
        let unit = services.orgNames.unitName(r.unitId) ?? r.unitId
        return "\(def?.title ?? r.instrumentId), \(part), \(Format.date(answeredAt ?? r.updatedAt)), \(unit)"
    }

    private func layout(_ title: String, _ context: AppRequestContext, _ actor: Actor, nav: MenuItem? = nil) -> Layout {
        Layout(title: title, context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: nav)
    }

    private func responseId(_ context: AppRequestContext) throws -> UUID {
        try Routes.assessment.id(context)
    }

    private func areaIndex(_ raw: String?, _ part: PartDefinition) -> Int {
        guard let raw, let n = Int(raw), n >= 1 else { return 0 }
        return min(n, part.areas.count) - 1
    }

}

extension SummaryLineModel {
    init(_ line: SummaryLine) {
        self.init(part: line.partTitle, area: line.areaTitle, person: line.personView ?? "–", caseworker: line.caseworkerView ?? "–")
    }
}

