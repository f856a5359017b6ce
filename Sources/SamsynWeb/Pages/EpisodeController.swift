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
        group.get(Routes.personInterventions, use: personInterventions)
        group.get(Routes.personEpisodeNew, use: newEpisode)
        group.post(Routes.personEpisodes, use: startEpisode)
        group.get(Routes.episode, use: show)
        group.post(Routes.episodeEnd, use: end)
        group.post(Routes.episodePlacements, use: addPlacement)
        group.get(Routes.episodeAssessmentNew, use: newAssessment)
        group.post(Routes.episodeAssessments, use: addAssessment)
        group.post(Routes.episodeConclusion, use: saveConclusion)
        group.get(Routes.episodeReport, use: report)
        group.get(Routes.interventionFigures, use: figures)
    }

    private func layout(_ title: String, _ context: AppRequestContext, _ actor: Actor, nav: MenuItem? = nil) -> Layout {
        Layout(title: title, context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: nav)
    }

    // MARK: - The person's interventions

    @Sendable func personInterventions(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let id = try Routes.personInterventions.id(context)
        let view = try await services.directory.read(id: id, by: actor)
        async let entries = services.queues.entries(personId: id, by: actor)
        async let episodes = services.queues.episodes(personId: id, by: actor)
        async let all = services.interventions.interventions()
        let (es, eps, interventions) = try await (entries, episodes, all)
        let byId = Dictionary(interventions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let usedEntries = Set(eps.compactMap(\.queueEntryId))
        let model = PersonInterventionsPage.Model(
            personId: id.uuidString.lowercased(), personName: view.person.fullName,
            notice: request.uri.queryParameters["ended"] != nil ? "Deltagandet är avslutat." : nil,
            entries: es.filter { $0.status.isOpen }.sorted { $0.queuedAt < $1.queuedAt }.map { e in
                PersonInterventionsPage.Model.EntryLine(
                    intervention: byId[e.interventionId]?.name ?? e.interventionId, interventionId: e.interventionId, queuedAt: Format.date(e.queuedAt),
                    status: e.status.swedishName, startEntryId: e.status.canStart && !usedEntries.contains(e.id) ? e.id : nil, priorityReason: e.priorityReason)
            },
            episodes: eps.sorted { ($0.start, $0.createdAt) > ($1.start, $1.createdAt) }.map { e in
                let i = byId[e.interventionId]
                return PersonInterventionsPage.Model.EpisodeLine(
                    episodeId: e.id, intervention: i?.name ?? e.interventionId, type: i?.type.swedishName ?? "",
                    period: WorkAbilityReport.period(e.start, e.actualEnd), outcome: Self.outcomeText(e), subGoal: e.subGoal)
            },
            canManage: ParticipationCapabilities(actor).manage)
        return Page(layout("Insatser – \(view.person.fullName)", context, actor), nodes: PersonInterventionsPage.view(model))
            .about(await services.personHeader(id, actor))
    }

    static func outcomeText(_ e: Episode) -> String {
        guard let o = e.outcome else { return "Pågår" }
        return o == .interrupted ? "\(o.swedishName): \(e.interruptionReason ?? "")" : o.swedishName
    }

    // MARK: - Starting an episode

    private func newEpisodePage(
        _ context: AppRequestContext, personId: UUID, entryId: UUID?, form: [String: String], errors: [FieldError], status: HTTPResponse.Status = .ok
    ) async throws -> Page {
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
        let model = EpisodeNewPage.Model(
            csrf: context.session?.csrfToken ?? "", personId: personId.uuidString.lowercased(), personName: view.person.fullName,
            fromPlace: fixed.map { (entryId: entryId?.uuidString.lowercased() ?? "", interventionId: $0.id, interventionName: $0.name) },
            interventions: all.filter { $0.capacity == nil }.map { FormState.Option($0.id, "\($0.name) (\($0.type.swedishName))") }, selected: selected,
            start: form["start"] ?? today.description,
            plannedEnd: form["plannedEnd"] ?? (form.isEmpty ? typical.map { today.adding(days: $0 * 7).description } ?? "" : ""),
            subGoal: form["subGoal"] ?? "", form: FormState(errors: errors))
        return Page(layout(errors.isEmpty ? "Starta deltagande" : "Fel – Starta deltagande", context, actor), status: status, nodes: EpisodeNewPage.view(model))
            .about(await services.personHeader(personId, actor))
    }

    @Sendable func newEpisode(_ request: Request, context: AppRequestContext) async throws -> Page {
        guard ParticipationCapabilities(try context.actor()).manage else { throw DomainError.forbidden }
        let entry = request.uri.queryParameters["entry"].map { UUID(uuidString: String($0)) }
        if case .some(.none) = entry { throw DomainError.notFound }
        return try await newEpisodePage(context, personId: try Routes.personEpisodeNew.id(context), entryId: entry ?? nil, form: [:], errors: [])
    }

    @Sendable func startEpisode(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try Routes.personEpisodes.id(context)
        let f = try context.decodeForm(StartEpisodeForm.self)
        let entryId = f.entry.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
        return try await context.refusable(request, field: "intervention") {
            let e = try await services.queues.startEpisode(
                personId: id,
                .init(
                    interventionId: f.intervention ?? "", queueEntryId: entryId, start: f.start ?? "", plannedEnd: f.plannedEnd ?? "", subGoal: f.subGoal ?? ""),
                by: actor)
            return redirect(to: Routes.episode.link(e.id) + "?started=1")
        } refused: { errors, status in
            try await newEpisodePage(context, personId: id, entryId: entryId, form: context.form, errors: errors, status: status)
        }
    }

    // MARK: - The episode

    private func episodePage(
        _ request: Request, _ context: AppRequestContext, id: UUID, refused: (form: EpisodePage.Form, state: FormState)?, status: HTTPResponse.Status = .ok
    ) async throws -> Page {
        let actor = try context.actor()
        let d = try await services.queues.episodeDetail(id: id, by: actor)
        let e = d.episode
        let person = try await services.directory.read(id: e.personId, by: actor).person
        let intervention = try await services.interventions.intervention(id: e.interventionId)
        var facts = [
            ("Insats", intervention.map { "\($0.name) (\($0.type.swedishName))" } ?? e.interventionId), ("Start", e.start.swedishLong),
            ("Planerat slut", e.plannedEnd?.swedishLong ?? "Inte bestämt"),
        ]
        if let end = e.actualEnd { facts.append(("Slutade", end.swedishLong)) }
        facts.append(("Utfall", Self.outcomeText(e)))
        facts.append(("Delmål", e.subGoal ?? "Inget delmål angivet"))
        let q = request.uri.queryParameters
        let notice: String? =
            if q["started"] != nil { "Deltagandet är startat." }
            else if q["placement"] != nil { "Placeringen är sparad." }
            else if q["assessment"] != nil { "Bedömningen är sparad." }
            else if q["conclusion"] != nil { "Slutsatsen är sparad." }
            else if q["ended"] != nil { "Deltagandet är avslutat." }
            else { nil }
        let model = EpisodePage.Model(
            csrf: context.session?.csrfToken ?? "", episodeId: id, personId: e.personId, personName: person.fullName,
            interventionName: intervention?.name ?? e.interventionId, notice: notice, facts: facts, canWrite: ParticipationCapabilities(actor).manage,
            isOpen: !e.isEnded, version: e.version, today: LocalDate(services.clock.now()).description, isTesting: intervention?.type == .workAbilityTesting,
            placements: d.placements.sorted { $0.start < $1.start }.map {
                EpisodePage.Model.PlacementLine(
                    workplace: $0.workplace, support: $0.support.swedishName, period: WorkAbilityReport.period($0.start, $0.end),
                    hours: $0.hoursPerWeek.map { "\($0) tim/vecka" }, tasks: $0.tasks, observations: $0.observations)
            },
            assessments: d.assessments.sorted { $0.assessedOn < $1.assessedOn }.map { a in
                let def = a.definition
                let ratings = def.items.compactMap { item in
                    a.ratings[item.key].flatMap { r in def.scale.indices.contains(r - 1) ? (item.label, def.scale[r - 1]) : nil }
                }
                return EpisodePage.Model.AssessmentLine(name: a.displayName, date: a.assessedOn.swedishLong, assessor: a.assessor, ratings: ratings, summary: a.summary)
            },
            instruments: WorkAbilityInstrument.all.map { EpisodePage.Model.InstrumentLink(code: $0.code, name: $0.name, purpose: $0.purpose) },
            conclusion: EpisodePage.Model.Conclusion(
                abilities: d.conclusion?.abilities ?? "", adaptations: d.conclusion?.adaptations ?? "", recommendation: d.conclusion?.recommendation ?? "",
                version: d.conclusion?.version ?? 0, writtenBy: d.conclusion.map { "Senast skriven av \($0.writtenBy), \(Format.dateTime($0.writtenAt))." }),
            refused: refused)
        let title = (refused == nil ? "" : "Fel – ") + "\(intervention?.name ?? "Deltagande") – \(person.fullName)"
        return Page(layout(title, context, actor), status: status, nodes: EpisodePage.view(model)).about(await services.personHeader(e.personId, actor))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await episodePage(request, context, id: try Routes.episode.id(context), refused: nil)
    }

    /// Runs a write from the episode page; on a refusal the page comes back with the form's values and errors.
    private func write(
        _ request: Request, _ context: AppRequestContext, form: EpisodePage.Form, done: String, _ body: (UUID) async throws -> Void
    ) async throws -> Response {
        let id = try Routes.episode.id(context)
        return try await context.refusable(request, field: form.firstField) {
            try await body(id)
            return redirect(to: Routes.episode.link(id) + "?\(done)=1")
        } refused: { errors, status in
            let state = FormState(refused: errors, submitted: context.formValues, idPrefix: form.idPrefix)
            return try await episodePage(request, context, id: id, refused: (form, state), status: status)
        }
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let f = try context.decodeForm(EndEpisodeForm.self)
        return try await write(request, context, form: .end, done: "ended") { id in
            _ = try await services.queues.endEpisode(
                id: id, actualEnd: f.actualEnd ?? "", outcome: f.outcome ?? "", reason: f.interruptionReason ?? "",
                expectedVersion: f.version.flatMap { Int($0) } ?? -1, by: actor)
        }
    }

    @Sendable func addPlacement(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let f = try context.decodeForm(PlacementForm.self)
        return try await write(request, context, form: .placement, done: "placement") { id in
            _ = try await services.queues.addPlacement(
                episodeId: id,
                .init(
                    workplace: f.workplace ?? "", tasks: f.tasks ?? "", support: f.support ?? "", start: f.start ?? "", end: f.end ?? "",
                    hoursPerWeek: f.hoursPerWeek ?? "", observations: f.observations ?? ""),
                by: actor)
        }
    }

    @Sendable func saveConclusion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let f = try context.decodeForm(ConclusionForm.self)
        return try await write(request, context, form: .conclusion, done: "conclusion") { id in
            _ = try await services.queues.saveConclusion(
                episodeId: id, abilities: f.abilities ?? "", adaptations: f.adaptations ?? "", recommendation: f.recommendation ?? "",
                expectedVersion: f.version.flatMap { Int($0) } ?? -1, by: actor)
        }
    }

    // MARK: - Instruments

    private func assessmentPage(
        _ context: AppRequestContext, episodeId: UUID, code: String, form: FormState, status: HTTPResponse.Status = .ok
    ) async throws -> Page {
        let actor = try context.actor()
        guard let def = WorkAbilityInstrument.named(code) else { throw DomainError.notFound }
        let d = try await services.queues.episodeDetail(id: episodeId, by: actor)
        let person = try await services.directory.read(id: d.episode.personId, by: actor).person
        var areas: [EpisodeAssessmentPage.Model.Area] = []
        for item in def.items {
            let line = EpisodeAssessmentPage.Model.Item(key: item.key, label: item.label)
            if let last = areas.indices.last, areas[last].name == item.area {
                areas[last] = .init(name: item.area, items: areas[last].items + [line])
            } else {
                areas.append(.init(name: item.area, items: [line]))
            }
        }
        let model = EpisodeAssessmentPage.Model(
            csrf: context.session?.csrfToken ?? "", episodeId: episodeId, personName: person.fullName, code: code, instrumentName: def.name,
            purpose: def.purpose, scale: def.scale, areas: areas, today: LocalDate(services.clock.now()).description, form: form)
        return Page(layout((form.hasErrors ? "Fel – " : "") + "\(def.name) – \(person.fullName)", context, actor), status: status, nodes: EpisodeAssessmentPage.view(model))
            .about(await services.personHeader(person.id, actor))
    }

    @Sendable func newAssessment(_ request: Request, context: AppRequestContext) async throws -> Page {
        guard ParticipationCapabilities(try context.actor()).manage else { throw DomainError.forbidden }
        let code = request.uri.queryParameters["instrument"].map(String.init) ?? ""
        return try await assessmentPage(context, episodeId: try Routes.episodeAssessmentNew.id(context), code: code, form: .new)
    }

    @Sendable func addAssessment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let id = try Routes.episodeAssessments.id(context)
        let f = context.form
        let code = f["instrument"] ?? ""
        var ratings: [String: String] = [:]
        for (k, v) in f where k.hasPrefix("rating.") { ratings[String(k.dropFirst(7))] = v }
        return try await context.refusable(request, field: "summary") {
            _ = try await services.queues.addAssessment(
                episodeId: id, instrument: code, otherName: f["otherName"] ?? "", assessedOn: f["assessedOn"] ?? "", assessor: f["assessor"] ?? "",
                ratings: ratings, summary: f["summary"] ?? "", by: actor)
            return redirect(to: Routes.episode.link(id) + "?assessment=1")
        } refused: { errors, status in
            try await assessmentPage(context, episodeId: id, code: code, form: FormState(refused: errors, submitted: context.formValues), status: status)
        }
    }

    // MARK: - Final report

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let id = try Routes.episodeReport.id(context)
        let (r, person) = try await services.queues.finalReport(episodeId: id, by: actor)
        let model = WorkAbilityReportPage.Model(
            episodeId: id, personName: person.fullName, personNumber: person.identityNumber.formatted, printedOn: LocalDate(services.clock.now()).swedishLong,
            disclaimer: WorkAbilityReport.disclaimer, testingPeriod: WorkAbilityReport.period(r.testing.start, r.testing.actualEnd),
            testingOutcome: Self.outcomeText(r.testing), tried: r.tried, placements: r.placements, instruments: r.instruments, conclusion: r.conclusion,
            writtenBy: r.conclusion.map { "\($0.writtenBy), \(Format.date($0.writtenAt))" } ?? "")
        return Page(layout("Slutrapport arbetsförmågeprövning – \(person.fullName)", context, actor), nodes: WorkAbilityReportPage.view(model))
    }

    // MARK: - Managers' figures

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let (interventions, rows) = try await services.queues.figures(by: actor)
        let names = services.orgNames
        func days(_ d: Double?) -> String {
            guard let d, d.isFinite else { return "–" }
            let n = Int(d.rounded())
            return n == 1 ? "1 dag" : "\(n) dagar"
        }
        let byIntervention = Dictionary(grouping: rows, by: \.interventionId)
        let blocks = interventions.compactMap { i -> InterventionFiguresPage.Model.Block? in
            let rs = byIntervention[i.id] ?? []
            // Interventions nobody has queued for and without allotments have nothing to show per district.
            guard !rs.isEmpty else { return nil }
            return .init(
                id: i.id, name: i.name, type: i.type.swedishName,
                lines: rs.map { r in
                    .init(
                        name: r.districtId.map { names.committeeName($0).replacingOccurrences(of: " stadsdelsnämnd", with: "") } ?? "Hela staden",
                        isTotal: r.districtId == nil, taken: r.places.map { "\(r.placesTaken) av \($0)" } ?? "\(r.placesTaken)", waiting: r.waiting,
                        medianWaiting: days(r.medianWaitingDays), medianToOffer: days(r.medianDaysToOffer))
                })
        }
        // The offers' period: the last 365 days unless another is asked for.
        let q = request.uri.queryParameters
        let today = LocalDate(services.clock.now())
        let from = q["from"].map(String.init) ?? today.adding(days: -364).description
        let to = q["to"].map(String.init) ?? today.description
        var errors: [FieldError] = []
        var offers: InterventionFiguresPage.Model.Offers?
        do {
            let o = try await services.queues.offerFigures(from: from, to: to, by: actor)
            let interventionName = Dictionary(uniqueKeysWithValues: interventions.map { ($0.id, $0.name) })
            offers = .init(
                period: "\(o.from)–\(o.to)", offers: o.offers, outOfOrder: o.outOfOrder, lapsed: o.lapsed,
                byReason: o.byReason.map { [$0.reason.swedishName, String($0.count)] },
                byIntervention: o.byIntervention.map { [interventionName[$0.interventionId] ?? $0.interventionId, String($0.offers), String($0.outOfOrder), String($0.lapsed)] })
        } catch let error as DomainError where error.kind == .invalid {
            errors = error.fields
        }
        var model = InterventionFiguresPage.Model(blocks: blocks, asOf: Format.dateTime(services.clock.now()))
        model.form = FormState(errors: errors, values: ["from": [from], "to": [to]])
        model.offers = offers
        return Page(
            layout(errors.isEmpty ? "Platser och köer" : "Fel – Platser och köer", context, actor, nav: .figures), status: errors.isEmpty ? .ok : .unprocessableContent,
            nodes: InterventionFiguresPage.view(model))
    }
}
