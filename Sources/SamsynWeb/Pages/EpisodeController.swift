import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Participation: a person's queue places and episodes, starting and ending an episode, and the
/// work-ability testing (placements, instruments, conclusion, final report). Thin: the rules are in
/// `InterventionService` and the store's transactions.
struct EpisodeController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/persons/:id/interventions", use: personInterventions)
        group.get("/persons/:id/episodes/new", use: newEpisode)
        group.post("/persons/:id/episodes", use: startEpisode)
        group.get("/episodes/:eid", use: show)
        group.post("/episodes/:eid/end", use: end)
        group.post("/episodes/:eid/placements", use: addPlacement)
        group.get("/episodes/:eid/assessments/new", use: newAssessment)
        group.post("/episodes/:eid/assessments", use: addAssessment)
        group.post("/episodes/:eid/conclusion", use: saveConclusion)
        group.get("/episodes/:eid/report", use: report)
        group.get("/interventions/figures", use: figures)
    }

    // MARK: - The person's interventions

    struct PersonInterventionsPage {
        struct EntryLine { let intervention: String; let queueHref: String; let queuedAt: String; let status: String; let startHref: String?; let priorityReason: String? }
        struct EpisodeLine { let href: String; let intervention: String; let type: String; let period: String; let outcome: String; let subGoal: String? }
        let layout: Layout
        let personId: String
        let personName: String
        let notice: String?
        let entries: [EntryLine]
        let episodes: [EpisodeLine]
        let canManage: Bool
        let hasEntries: Bool
        let hasEpisodes: Bool
        init(layout: Layout, personId: String, personName: String, notice: String?, entries: [EntryLine], episodes: [EpisodeLine], canManage: Bool) {
            self.layout = layout
            self.personId = personId
            self.personName = personName
            self.notice = notice
            self.entries = entries
            self.episodes = episodes
            self.canManage = canManage
            hasEntries = !entries.isEmpty
            hasEpisodes = !episodes.isEmpty
        }
    }

    @Sendable func personInterventions(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        let id = try uuid(context, "id")
        let view = try await services.directory.read(id: id, by: actor)
        async let entries = services.queues.entries(personId: id, by: actor)
        async let episodes = services.queues.episodes(personId: id, by: actor)
        async let all = services.interventions.interventions()
        let (es, eps, interventions) = try await (entries, episodes, all)
        let byId = Dictionary(uniqueKeysWithValues: interventions.map { ($0.id, $0) })
        let pid = id.uuidString.lowercased()
        let usedEntries = Set(eps.compactMap(\.queueEntryId))
        let page = PersonInterventionsPage(
            layout: Layout(title: "Insatser – \(view.person.fullName)", context: context, unitName: services.orgNames.unitName(actor.user.unitId)),
            personId: pid, personName: view.person.fullName,
            notice: request.uri.queryParameters["ended"] != nil ? "Deltagandet är avslutat." : nil,
            entries: es.filter { $0.status.isOpen }.sorted { $0.queuedAt < $1.queuedAt }.map { e in
                PersonInterventionsPage.EntryLine(
                    intervention: byId[e.interventionId]?.name ?? e.interventionId, queueHref: "/interventions/\(e.interventionId)/queue",
                    queuedAt: Format.date(e.queuedAt), status: QueueController.statusText(e.status),
                    startHref: e.status == .accepted && !usedEntries.contains(e.id) ? "/persons/\(pid)/episodes/new?entry=\(e.id.uuidString.lowercased())" : nil,
                    priorityReason: e.priorityReason)
            },
            episodes: eps.sorted { ($0.start, $0.createdAt) > ($1.start, $1.createdAt) }.map { e in
                let i = byId[e.interventionId]
                return PersonInterventionsPage.EpisodeLine(
                    href: "/episodes/\(e.id.uuidString.lowercased())", intervention: i?.name ?? e.interventionId, type: i?.type.swedishName ?? "",
                    period: WorkAbilityReport.period(e.start, e.actualEnd), outcome: Self.outcomeText(e), subGoal: e.subGoal)
            },
            canManage: AccessPolicy.allows(actor.user.role, .manageQueue))
        return HTML(html: try services.templates.render(page, "person-interventions"))
    }

    static func outcomeText(_ e: Episode) -> String {
        guard let o = e.outcome else { return "Pågår" }
        return o == .interrupted ? "\(o.swedishName): \(e.interruptionReason ?? "")" : o.swedishName
    }

    // MARK: - Starting an episode

    struct NewEpisodePage {
        struct Option { let id: String; let label: String; let selected: Bool }
        let layout: Layout
        let csrf: String
        let personId: String
        let personName: String
        let fromPlace: Bool
        let entryId: String
        let interventionId: String
        let interventionName: String
        let options: [Option]
        let interventionError: String?
        let fields: [FormField]
        let errors: [FieldError]
        let hasErrors: Bool
    }

    private func newEpisodePage(
        _ context: AppRequestContext, personId: UUID, entryId: UUID?, form: [String: String], errors: [FieldError]
    ) async throws -> NewEpisodePage {
        let actor = try context.actor()
        let view = try await services.directory.read(id: personId, by: actor)
        let all = try await services.interventions.interventions()
        var fixed: Intervention?
        if let entryId {
            let entries = try await services.queues.entries(personId: personId, by: actor)
            guard let e = entries.first(where: { $0.id == entryId }) else { throw DomainError.notFound }
            fixed = all.first { $0.id == e.interventionId }
        }
        let selected = fixed?.id ?? form["intervention"] ?? ""
        let today = LocalDate(services.clock.now())
        let typical = all.first { $0.id == selected }?.typicalWeeks
        let start = form["start"] ?? today.description
        let planned = form["plannedEnd"] ?? (form.isEmpty ? typical.map { today.adding(days: $0 * 7).description } ?? "" : "")
        let fields = [
            FormField.date("start", "Startdatum", value: start, errors: errors),
            FormField.date("plannedEnd", "Planerat slut", value: planned, errors: errors, hint: "Skriv som ÅÅÅÅ-MM-DD. Lämna tomt om det inte är bestämt."),
            FormField(
                "subGoal", "Delmål i planen som insatsen ska leda mot", hint: "Skriv delmålet konkret, till exempel ”Klara fyra timmars arbetsdag tre dagar i veckan”.",
                value: form["subGoal"] ?? "", errors: errors, textarea: true, rows: 2),
        ]
        return NewEpisodePage(
            layout: Layout(title: errors.isEmpty ? "Starta deltagande" : "Fel – Starta deltagande", context: context, unitName: services.orgNames.unitName(actor.user.unitId)),
            csrf: context.session?.csrfToken ?? "", personId: personId.uuidString.lowercased(), personName: view.person.fullName,
            fromPlace: fixed != nil, entryId: entryId?.uuidString.lowercased() ?? "", interventionId: fixed?.id ?? "", interventionName: fixed?.name ?? "",
            options: all.filter { $0.capacity == nil }.map { NewEpisodePage.Option(id: $0.id, label: "\($0.name) (\($0.type.swedishName))", selected: $0.id == selected) },
            interventionError: errors.first { $0.field == "intervention" }?.message, fields: fields, errors: errors, hasErrors: !errors.isEmpty)
    }

    @Sendable func newEpisode(_ request: Request, context: AppRequestContext) async throws -> HTML {
        guard AccessPolicy.allows(try context.actor().user.role, .manageQueue) else { throw DomainError.forbidden }
        let entry = request.uri.queryParameters["entry"].map { UUID(uuidString: String($0)) }
        if case .some(.none) = entry { throw DomainError.notFound }
        let page = try await newEpisodePage(context, personId: try uuid(context, "id"), entryId: entry ?? nil, form: [:], errors: [])
        return HTML(html: try services.templates.render(page, "episode-new"))
    }

    @Sendable func startEpisode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try uuid(context, "id")
        let f = context.form
        let entryId = f["entry"].flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
        do {
            let e = try await services.queues.startEpisode(
                personId: id,
                .init(interventionId: f["intervention"] ?? "", queueEntryId: entryId, start: f["start"] ?? "", plannedEnd: f["plannedEnd"] ?? "", subGoal: f["subGoal"] ?? ""),
                by: actor)
            return redirect(to: "/episodes/\(e.id.uuidString.lowercased())?started=1")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let fields = error.fields.isEmpty ? [FieldError(field: "intervention", message: error.message)] : error.fields
            let page = try await newEpisodePage(context, personId: id, entryId: entryId, form: f, errors: fields)
            return try HTML(html: try services.templates.render(page, "episode-new"), status: error.kind == .conflict ? .conflict : .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    // MARK: - The episode

    struct EpisodePage {
        struct Fact { let label: String; let value: String }
        struct PlacementLine { let workplace: String; let support: String; let period: String; let hours: String?; let tasks: String; let observations: String }
        struct AssessmentLine {
            let name: String; let date: String; let assessor: String; let ratings: [Fact]; let summary: String
            let hasRatings: Bool
        }
        struct InstrumentLink { let href: String; let name: String; let purpose: String }
        let layout: Layout
        let csrf: String
        let episodeId: String
        let personHref: String
        let personName: String
        let interventionName: String
        let notice: String?
        let facts: [Fact]
        let canWrite: Bool
        let isOpen: Bool
        let version: Int
        let errorTitle: String?
        let errors: [ErrorLink]
        let hasErrors: Bool
        let endDate: FormField
        let endReason: FormField
        let outcome: FormChoice
        let isTesting: Bool
        let placements: [PlacementLine]
        let placementFields: [FormField]
        let support: FormChoice
        let assessments: [AssessmentLine]
        let instruments: [InstrumentLink]
        let conclusionFields: [FormField]
        let conclusionVersion: Int
        let conclusionBy: String?
        let reportHref: String
        let placementOpen: Bool
        let hasPlacements: Bool
        let hasAssessments: Bool
    }

    struct ErrorLink { let href: String; let message: String }

    /// Which form on the episode page was sent, with what it held, and what was wrong.
    struct Attempt {
        let form: String
        let values: [String: String]
        let errors: [FieldError]
    }

    private func episodePage(_ request: Request, _ context: AppRequestContext, id: UUID, attempt: Attempt?) async throws -> EpisodePage {
        let actor = try context.actor()
        let d = try await services.queues.episodeDetail(id: id, by: actor)
        let e = d.episode
        let person = try await services.directory.read(id: e.personId, by: actor).person
        let intervention = try await services.interventions.intervention(id: e.interventionId)
        let isTesting = intervention?.type == .workAbilityTesting
        func values(_ form: String) -> [String: String] { attempt?.form == form ? attempt!.values : [:] }
        func errors(_ form: String) -> [FieldError] { attempt?.form == form ? attempt!.errors : [] }
        let ev = values("end"), pv = values("placement"), cv = values("conclusion")
        let today = LocalDate(services.clock.now())
        var facts = [
            EpisodePage.Fact(label: "Insats", value: intervention.map { "\($0.name) (\($0.type.swedishName))" } ?? e.interventionId),
            EpisodePage.Fact(label: "Start", value: e.start.swedishLong),
            EpisodePage.Fact(label: "Planerat slut", value: e.plannedEnd?.swedishLong ?? "Inte bestämt"),
        ]
        if let end = e.actualEnd { facts.append(.init(label: "Slutade", value: end.swedishLong)) }
        facts.append(.init(label: "Utfall", value: Self.outcomeText(e)))
        facts.append(.init(label: "Delmål", value: e.subGoal ?? "Inget delmål angivet"))
        let notice: String? =
            if request.uri.queryParameters["started"] != nil { "Deltagandet är startat." }
            else if request.uri.queryParameters["placement"] != nil { "Placeringen är sparad." }
            else if request.uri.queryParameters["assessment"] != nil { "Bedömningen är sparad." }
            else if request.uri.queryParameters["conclusion"] != nil { "Slutsatsen är sparad." }
            else if request.uri.queryParameters["ended"] != nil { "Deltagandet är avslutat." }
            else { nil }
        let eid = id.uuidString.lowercased()
        let prefix = ["end": "end-", "placement": "pl-", "conclusion": "c-"][attempt?.form ?? ""] ?? ""
        let firstField = ["end": "actualEnd", "placement": "workplace", "conclusion": "abilities"][attempt?.form ?? ""] ?? ""
        let attemptErrors = (attempt?.errors ?? []).map { ErrorLink(href: "#\(prefix)\($0.field.isEmpty ? firstField : $0.field)", message: $0.message) }
        return EpisodePage(
            layout: Layout(
                title: (attempt == nil ? "" : "Fel – ") + "\(intervention?.name ?? "Deltagande") – \(person.fullName)", context: context,
                unitName: services.orgNames.unitName(actor.user.unitId)),
            csrf: context.session?.csrfToken ?? "", episodeId: eid, personHref: "/persons/\(e.personId.uuidString.lowercased())/interventions",
            personName: person.fullName, interventionName: intervention?.name ?? e.interventionId, notice: notice, facts: facts,
            canWrite: AccessPolicy.allows(actor.user.role, .manageQueue), isOpen: !e.isEnded, version: e.version,
            errorTitle: attempt.map {
                switch $0.form {
                case "end": "Deltagandet avslutades inte"
                case "placement": "Placeringen sparades inte"
                default: "Slutsatsen sparades inte"
                }
            }, errors: attemptErrors, hasErrors: !attemptErrors.isEmpty,
            endDate: FormField.date("actualEnd", "Sista dagen i insatsen", value: ev["actualEnd"] ?? today.description, errors: errors("end"), idPrefix: "end-"),
            endReason: FormField(
                "interruptionReason", "Skäl till avbrottet", hint: "Fyll i om deltagandet avbröts.", value: ev["interruptionReason"] ?? "", errors: errors("end"), textarea: true, rows: 2,
                idPrefix: "end-"),
            outcome: FormChoice(
                "outcome", "Utfall", options: Episode.Outcome.allCases.map { ($0.rawValue, $0.swedishName) }, selected: ev["outcome"] ?? "", errors: errors("end"),
                idPrefix: "end-"),
            isTesting: isTesting,
            placements: d.placements.sorted { $0.start < $1.start }.map {
                EpisodePage.PlacementLine(
                    workplace: $0.workplace, support: $0.support.swedishName, period: WorkAbilityReport.period($0.start, $0.end),
                    hours: $0.hoursPerWeek.map { "\($0) tim/vecka" }, tasks: $0.tasks, observations: $0.observations)
            },
            placementFields: [
                FormField("workplace", "Arbetsplats", value: pv["workplace"] ?? "", errors: errors("placement"), idPrefix: "pl-"),
                FormField("tasks", "Arbetsuppgifter", value: pv["tasks"] ?? "", errors: errors("placement"), textarea: true, rows: 2, idPrefix: "pl-"),
                FormField.date("start", "Placeringens första dag", value: pv["start"] ?? "", errors: errors("placement"), idPrefix: "pl-"),
                FormField.date("end", "Placeringens sista dag", value: pv["end"] ?? "", errors: errors("placement"), hint: "Skriv som ÅÅÅÅ-MM-DD. Tomt om placeringen pågår.", idPrefix: "pl-"),
                FormField("hoursPerWeek", "Timmar i veckan", value: pv["hoursPerWeek"] ?? "", errors: errors("placement"), inputmode: "numeric", short: true, idPrefix: "pl-"),
                FormField(
                    "observations", "Iakttagelser", hint: "Vad fungerade, vad var svårt, vilket stöd behövdes.", value: pv["observations"] ?? "",
                    errors: errors("placement"), textarea: true, rows: 3, idPrefix: "pl-"),
            ],
            support: FormChoice(
                "support", "Stöd på arbetsplatsen", options: WorkPlacement.Support.allCases.map { ($0.rawValue, $0.swedishName) }, selected: pv["support"] ?? "",
                errors: errors("placement"), idPrefix: "pl-"),
            assessments: d.assessments.sorted { $0.assessedOn < $1.assessedOn }.map { a in
                let def = a.definition
                let ratings = def.items.compactMap { item in a.ratings[item.key].map { EpisodePage.Fact(label: item.label, value: def.scale[$0 - 1]) } }
                return EpisodePage.AssessmentLine(
                    name: a.displayName, date: a.assessedOn.swedishLong, assessor: a.assessor,
                    ratings: ratings, summary: a.summary, hasRatings: !ratings.isEmpty)
            },
            instruments: WorkAbilityInstrument.all.map { .init(href: "/episodes/\(eid)/assessments/new?instrument=\($0.code)", name: $0.name, purpose: $0.purpose) },
            conclusionFields: [
                FormField(
                    "abilities", "Förmågor: vad personen klarar och vad som fungerade", value: cv["abilities"] ?? d.conclusion?.abilities ?? "",
                    errors: errors("conclusion"), textarea: true, rows: 4, idPrefix: "c-"),
                FormField(
                    "adaptations", "Anpassningar och stöd som behövs", value: cv["adaptations"] ?? d.conclusion?.adaptations ?? "", errors: errors("conclusion"),
                    textarea: true, rows: 3, idPrefix: "c-"),
                FormField(
                    "recommendation", "Rekommendation: vad som kan hjälpa personen vidare", value: cv["recommendation"] ?? d.conclusion?.recommendation ?? "",
                    errors: errors("conclusion"), textarea: true, rows: 3, idPrefix: "c-"),
            ],
            conclusionVersion: d.conclusion?.version ?? 0,
            conclusionBy: d.conclusion.map { "Senast skriven av \($0.writtenBy), \(Format.dateTime($0.writtenAt))." },
            reportHref: "/episodes/\(eid)/report", placementOpen: attempt?.form == "placement",
            hasPlacements: !d.placements.isEmpty, hasAssessments: !d.assessments.isEmpty)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        HTML(html: try services.templates.render(try await episodePage(request, context, id: try uuid(context, "eid"), attempt: nil), "episode"))
    }

    /// Runs a write from the episode page; on a refusal the page comes back with the form's values and errors.
    private func write(
        _ request: Request, _ context: AppRequestContext, form: String, done: String, _ body: (UUID, [String: String]) async throws -> Void
    ) async throws -> Response {
        let id = try uuid(context, "eid")
        do {
            try await body(id, context.form)
            return redirect(to: "/episodes/\(id.uuidString.lowercased())?\(done)=1")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let fields = error.fields.isEmpty ? [FieldError(field: "", message: error.message)] : error.fields
            let page = try await episodePage(request, context, id: id, attempt: Attempt(form: form, values: context.form, errors: fields))
            return try HTML(html: try services.templates.render(page, "episode"), status: error.kind == .conflict ? .conflict : .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        return try await write(request, context, form: "end", done: "ended") { id, f in
            _ = try await services.queues.endEpisode(
                id: id, actualEnd: f["actualEnd"] ?? "", outcome: f["outcome"] ?? "", reason: f["interruptionReason"] ?? "",
                expectedVersion: Int(f["version"] ?? "") ?? -1, by: actor)
        }
    }

    @Sendable func addPlacement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        return try await write(request, context, form: "placement", done: "placement") { id, f in
            _ = try await services.queues.addPlacement(
                episodeId: id,
                .init(
                    workplace: f["workplace"] ?? "", tasks: f["tasks"] ?? "", support: f["support"] ?? "", start: f["start"] ?? "", end: f["end"] ?? "",
                    hoursPerWeek: f["hoursPerWeek"] ?? "", observations: f["observations"] ?? ""),
                by: actor)
        }
    }

    @Sendable func saveConclusion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        return try await write(request, context, form: "conclusion", done: "conclusion") { id, f in
            _ = try await services.queues.saveConclusion(
                episodeId: id, abilities: f["abilities"] ?? "", adaptations: f["adaptations"] ?? "", recommendation: f["recommendation"] ?? "",
                expectedVersion: Int(f["version"] ?? "") ?? -1, by: actor)
        }
    }

    // MARK: - Instruments

    struct AssessmentPage {
        struct Item { let id: String; let name: String; let label: String; let error: String?; let options: [FormChoice.Option] }
        struct Area { let name: String; let items: [Item] }
        let layout: Layout
        let csrf: String
        let episodeId: String
        let personName: String
        let instrument: String
        let instrumentName: String
        let purpose: String
        let isOther: Bool
        let scale: String
        let areas: [Area]
        let fields: [FormField]
        let errors: [FieldError]
        let hasErrors: Bool
    }

    private func assessmentPage(_ context: AppRequestContext, episodeId: UUID, code: String, form: [String: String], errors: [FieldError]) async throws -> AssessmentPage {
        let actor = try context.actor()
        guard let def = WorkAbilityInstrument.named(code) else { throw DomainError.notFound }
        let d = try await services.queues.episodeDetail(id: episodeId, by: actor)
        let person = try await services.directory.read(id: d.episode.personId, by: actor).person
        var areas: [AssessmentPage.Area] = []
        for item in def.items {
            let field = "rating.\(item.key)"
            let id = "r-" + item.key.replacingOccurrences(of: ".", with: "-")
            let line = AssessmentPage.Item(
                id: id, name: field, label: item.label, error: errors.first { $0.field == field }?.message,
                options: def.scale.enumerated().map { i, text in
                    FormChoice.Option(id: "\(id)-\(i + 1)", name: field, value: "\(i + 1)", label: "\(i + 1) – \(text)", checked: form[field] == "\(i + 1)")
                })
            if let last = areas.indices.last, areas[last].name == item.area {
                areas[last] = .init(name: item.area, items: areas[last].items + [line])
            } else {
                areas.append(.init(name: item.area, items: [line]))
            }
        }
        var fields = [
            FormField.date("assessedOn", "Datum för bedömningen", value: form["assessedOn"] ?? LocalDate(services.clock.now()).description, errors: errors),
            FormField("assessor", "Bedömare", hint: "Namn och yrke, till exempel ”Anna Berg, arbetsterapeut”.", value: form["assessor"] ?? "", errors: errors),
        ]
        if code == "other" { fields.insert(FormField("otherName", "Instrumentets namn", value: form["otherName"] ?? "", errors: errors), at: 0) }
        let summary = FormField(
            "summary", code == "other" ? "Resultat" : "Sammanfattning", hint: "Beskriv förmågor och stödbehov, inte brister i personen.", value: form["summary"] ?? "",
            errors: errors, textarea: true, rows: 4)
        return AssessmentPage(
            layout: Layout(title: (errors.isEmpty ? "" : "Fel – ") + "\(def.name) – \(person.fullName)", context: context, unitName: services.orgNames.unitName(actor.user.unitId)),
            csrf: context.session?.csrfToken ?? "", episodeId: episodeId.uuidString.lowercased(), personName: person.fullName, instrument: code,
            instrumentName: def.name, purpose: def.purpose, isOther: code == "other",
            scale: def.scale.enumerated().map { "\($0 + 1) = \($1.lowercased())" }.joined(separator: ", "),
            areas: areas, fields: fields + [summary], errors: errors, hasErrors: !errors.isEmpty)
    }

    @Sendable func newAssessment(_ request: Request, context: AppRequestContext) async throws -> HTML {
        guard AccessPolicy.allows(try context.actor().user.role, .manageQueue) else { throw DomainError.forbidden }
        let code = request.uri.queryParameters["instrument"].map(String.init) ?? ""
        let page = try await assessmentPage(context, episodeId: try uuid(context, "eid"), code: code, form: [:], errors: [])
        return HTML(html: try services.templates.render(page, "episode-assessment"))
    }

    @Sendable func addAssessment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try uuid(context, "eid")
        let f = context.form
        let code = f["instrument"] ?? ""
        var ratings: [String: String] = [:]
        for (k, v) in f where k.hasPrefix("rating.") { ratings[String(k.dropFirst(7))] = v }
        do {
            _ = try await services.queues.addAssessment(
                episodeId: id, instrument: code, otherName: f["otherName"] ?? "", assessedOn: f["assessedOn"] ?? "", assessor: f["assessor"] ?? "",
                ratings: ratings, summary: f["summary"] ?? "", by: actor)
            return redirect(to: "/episodes/\(id.uuidString.lowercased())?assessment=1")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let fields = error.fields.isEmpty ? [FieldError(field: "summary", message: error.message)] : error.fields
            let page = try await assessmentPage(context, episodeId: id, code: code, form: f, errors: fields)
            return try HTML(html: try services.templates.render(page, "episode-assessment"), status: error.kind == .conflict ? .conflict : .unprocessableContent)
                .response(from: request, context: context)
        }
    }

    // MARK: - Final report

    struct ReportPage {
        let layout: Layout
        let episodeHref: String
        let personName: String
        let personNumber: String
        let printedOn: String
        let disclaimer: String
        let testingPeriod: String
        let testingOutcome: String
        let tried: [WorkAbilityReport.Tried]
        let placements: [WorkAbilityReport.Placement]
        let instruments: [WorkAbilityReport.InstrumentResult]
        let conclusion: WorkAbilityConclusion?
        let writtenBy: String
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        let id = try uuid(context, "eid")
        let (r, person) = try await services.queues.finalReport(episodeId: id, by: actor)
        let page = ReportPage(
            layout: Layout(title: "Slutrapport arbetsförmågeprövning – \(person.fullName)", context: context, unitName: services.orgNames.unitName(actor.user.unitId)),
            episodeHref: "/episodes/\(id.uuidString.lowercased())", personName: person.fullName,
            personNumber: person.identityNumber.formatted, printedOn: LocalDate(services.clock.now()).swedishLong,
            disclaimer: WorkAbilityReport.disclaimer, testingPeriod: WorkAbilityReport.period(r.testing.start, r.testing.actualEnd),
            testingOutcome: Self.outcomeText(r.testing), tried: r.tried, placements: r.placements, instruments: r.instruments, conclusion: r.conclusion,
            writtenBy: r.conclusion.map { "\($0.writtenBy), \(Format.date($0.writtenAt))" } ?? "")
        return HTML(html: try services.templates.render(page, "work-ability-report"))
    }

    // MARK: - Managers' figures

    struct FiguresPage {
        struct Line { let name: String; let isTotal: Bool; let taken: String; let waiting: Int; let medianWaiting: String; let medianToOffer: String }
        struct Block { let id: String; let name: String; let type: String; let lines: [Line] }
        let layout: Layout
        let blocks: [Block]
        let asOf: String
    }

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        let (interventions, rows) = try await services.queues.figures(by: actor)
        let names = services.orgNames
        func days(_ d: Double?) -> String {
            guard let d else { return "–" }
            let n = Int(d.rounded())
            return n == 1 ? "1 dag" : "\(n) dagar"
        }
        let byIntervention = Dictionary(grouping: rows, by: \.interventionId)
        let blocks = interventions.compactMap { i -> FiguresPage.Block? in
            let rs = byIntervention[i.id] ?? []
            // Interventions nobody has queued for and without allotments have nothing to show per district.
            guard !rs.isEmpty else { return nil }
            return FiguresPage.Block(
                id: i.id, name: i.name, type: i.type.swedishName,
                lines: rs.map { r in
                    FiguresPage.Line(
                        name: r.districtId.map { names.committeeName($0).replacingOccurrences(of: " stadsdelsnämnd", with: "") } ?? "Hela staden",
                        isTotal: r.districtId == nil, taken: r.places.map { "\(r.placesTaken) av \($0)" } ?? "\(r.placesTaken)", waiting: r.waiting,
                        medianWaiting: days(r.medianWaitingDays), medianToOffer: days(r.medianDaysToOffer))
                })
        }
        let page = FiguresPage(
            layout: Layout(title: "Platser och köer", context: context, unitName: names.unitName(actor.user.unitId), nav: "figures"),
            blocks: blocks, asOf: Format.dateTime(services.clock.now()))
        return HTML(html: try services.templates.render(page, "intervention-figures"))
    }

    private func uuid(_ context: AppRequestContext, _ name: String) throws -> UUID {
        guard let raw = context.parameters.get(name), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        return id
    }
}
