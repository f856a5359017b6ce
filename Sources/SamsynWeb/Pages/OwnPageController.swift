import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

/// Mina sidor: the person's own page. Handlers only translate HTTP to `OwnPageService`, which reads for the person of
/// the citizen account and nobody else.
struct OwnPageController {
    let services: AppServices
    var own: OwnPageService { services.ownPage }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.ownPage, use: show)
        group.post(Routes.ownSubGoal, use: markSubGoal)
        group.post(Routes.ownConsentWithdraw, use: withdrawConsent)
        group.get(Routes.ownAccessLog, use: accessLog)
        group.get(Routes.ownAnswers, use: answers)
        group.post(Routes.ownAnswers, use: saveAnswers)
    }

    func answersPage(_ context: AppRequestContext, notice: String?, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let (groups, given) = try await own.advanceQuestions(by: actor)
        var instruments: [OwnAnswersView.Model.Instrument] = []
        var defs: [InstrumentDefinition] = []
        for g in groups where !defs.contains(where: { $0.id == g.instrument.id }) { defs.append(g.instrument) }
        for def in defs {
            let areas = groups.filter { $0.instrument.id == def.id }.map { g in
                OwnAnswersView.Model.Area(
                    title: g.area.title,
                    questions: g.questions.map { q in
                        let a = given["\(def.id)/\(q.id)"]
                        return .init(
                            id: q.id, text: q.text, options: (q.options ?? []).map { .init($0.value, $0.label) }, chosen: a?.value.formValues.first,
                            given: a.map { "Du svarade \(Format.date($0.answeredAt))." })
                    })
            }
            instruments.append(.init(id: def.id, title: def.title, areas: areas))
        }
        let model = OwnAnswersView.Model(csrf: context.session?.csrfToken ?? "", notice: notice, instruments: instruments, form: CaseFormParts.state(errors, context.formValues))
        return page("Svara i förväg", context, status: status, nav: .ownAnswers, OwnAnswersView.view(model))
    }

    @Sendable func answers(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await answersPage(context, notice: request.uri.queryParameters["saved"] != nil ? "Dina svar är sparade. Din handläggare eller coach ser dem inför ert möte." : nil, errors: [])
    }

    @Sendable func saveAnswers(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await context.refusable(request) {
            try await own.saveAdvanceAnswers(instrumentId: context.form["instrument"] ?? "", form: context.formValues, by: try context.actor())
            return redirect(to: Routes.ownAnswers.link + "?saved=1")
        } refused: { errors, status in
            try await answersPage(context, notice: nil, errors: errors, status: status)
        }
    }

    static let notices: [String: String] = [
        "started": "Delmålet är markerat som påbörjat. Din handläggare ser det.",
        "done": "Delmålet är markerat som klart. Din handläggare ser det.",
        "not_started": "Markeringen är borttagen.",
        "withdrawn": "Samtycket är återkallat. Det gäller från och med nu.",
    ]

    func page(_ title: String, _ context: AppRequestContext, status: HTTPResponse.Status = .ok, nav: MenuItem, _ nodes: [Node]) -> Page {
        Page(Layout(title: title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: nav), status: status, nodes: nodes)
    }

    func model(_ o: OwnPage, csrf: String, notice: String?) -> OwnPageView.Model {
        let names = services.orgNames
        let plans = o.plans.map { v -> OwnPageView.Model.Plan in
            let p = v.plan
            return .init(
                id: p.id, anchor: "plan-\(p.id.uuidString.lowercased())", title: p.kind.swedishName, unitName: names.unitName(p.unitId) ?? p.unitId, goal: p.goal,
                nextFollowUp: p.nextFollowUp.description, savedLine: "Version \(p.version), sparad \(Format.date(p.savedAt)) av \(p.savedByName).",
                subGoals: v.subGoals.enumerated().map { i, s in
                    let status = s.mark?.status ?? .notStarted
                    let actions = status.choices.map { (value: $0.status.rawValue, label: $0.label) }
                    let when = s.mark.map { " (\(Format.date($0.markedAt)))" } ?? ""
                    return .init(index: i, what: s.goal.what, who: s.goal.responsible, date: s.goal.date.description, status: status.swedishName + when, actions: actions)
                },
                earlier: v.earlier.map { e in
                    (title: "Version \(e.version), sparad \(Format.date(e.savedAt))", goal: e.goal, subGoals: e.subGoals.map { "\($0.what) (\($0.responsible), \($0.date))" })
                })
        }
        func meeting(_ m: Meeting) -> OwnPageView.Model.Meeting {
            .init(title: m.kind.swedishName, when: m.time.isEmpty ? m.date.description : "\(m.date) kl. \(m.time)", agreed: m.held && m.publishedAt != nil ? m.agreed : nil)
        }
        let attendance = o.attendance.map { a in
            OwnPageView.Model.Attendance(
                title: "\(names.unitName(a.enrolment.unitId) ?? a.enrolment.unitId), inskriven \(a.enrolment.enrolledOn)",
                rows: a.months.map { [$0.month, String($0.present), String($0.absentValid), String($0.absentInvalid), $0.final ? "Ja" : "Inte än"] },
                corrections: a.corrections.map {
                    "\($0.record.date) (\($0.record.activity)): ändrat från \($0.correction.from.swedishName.lowercased()) till \($0.correction.to.swedishName.lowercased()) den \(Format.date($0.correction.correctedAt)). Skäl: \($0.correction.reason)"
                })
        }
        let consents = o.consents.map { c in
            let recipient = names.committeeName(c.recipientCommitteeId) + (c.recipientUnitId.flatMap { names.unitName($0) }.map { ", \($0)" } ?? "")
            let state = c.state(on: o.today)
            return OwnPageView.Model.Consent(
                id: c.id, title: "Från \(names.committeeName(c.committeeId)) till \(recipient)", state: state.swedishName,
                covers: c.scopes.sorted().map(\.swedishName), purpose: c.purpose, period: "\(c.validFrom) – \(c.validTo)",
                withdrawn: c.withdrawnAt.map { "Återkallat \(Format.dateTime($0))\(c.withdrawnByName.map { " av \($0)" } ?? "")." },
                version: state == .active || state == .upcoming ? c.version : nil)
        }
        return OwnPageView.Model(
            csrf: csrf, firstName: o.person.firstName, notice: notice, plans: plans, upcoming: o.upcomingMeetings.map(meeting), past: o.pastMeetings.map(meeting),
            attendance: attendance, consents: consents)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await render(request, context, notice: request.uri.queryParameters["saved"].flatMap { Self.notices[String($0)] })
    }

    func render(_ request: Request, _ context: AppRequestContext, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        await services.orgNames.refreshIfStale()
        let o = try await own.page(by: actor)
        return page("Mina sidor", context, status: status, nav: .ownPage, OwnPageView.view(model(o, csrf: context.session?.csrfToken ?? "", notice: notice)))
    }

    struct SubGoalForm: Decodable {
        var planId: String?
        var index: String?
        var text: String?
        var status: String?
    }

    @Sendable func markSubGoal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let f = try context.decodeForm(SubGoalForm.self)
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale]) {
            let actor = try context.actor()
            guard let planId = f.planId.flatMap(UUID.init(uuidString:)), let index = f.index.flatMap({ Int($0) }), let text = f.text,
                let status = f.status.flatMap(SubGoalMark.Status.init(rawValue:))
            else { throw DomainError.invalid([FieldError(field: "", message: "Vi kunde inte läsa vad du valde. Läs in sidan igen och försök på nytt.")]) }
            try await own.markSubGoal(planId: planId, subGoal: index, text: text, status: status, by: actor)
            return redirect(to: Routes.ownPage.link + "?saved=\(status.rawValue)#plan-\(planId.uuidString.lowercased())")
        } refused: { errors, status in
            try await render(request, context, notice: errors.map(\.message).joined(separator: " "), status: status)
        }
    }

    struct WithdrawForm: Decodable { var version: String? }

    @Sendable func withdrawConsent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Routes.ownConsentWithdraw.id(context)
        let f = try context.decodeForm(WithdrawForm.self)
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale]) {
            let actor = try context.actor()
            guard let version = f.version.flatMap({ Int($0) }) else {
                throw DomainError.invalid([FieldError(field: "", message: "Vi kunde inte läsa vad du valde. Läs in sidan igen och försök på nytt.")])
            }
            _ = try await own.withdrawConsent(id: id, expectedVersion: version, by: actor)
            return redirect(to: Routes.ownPage.link + "?saved=withdrawn#consents")
        } refused: { errors, status in
            try await render(request, context, notice: errors.map(\.message).joined(separator: " "), status: status)
        }
    }

    @Sendable func accessLog(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        await services.orgNames.refreshIfStale()
        let lines = try await own.accessHistory(by: actor)
        let names = services.orgNames
        let rows = lines.map { l in
            [Format.dateTime(l.at), l.unitId.flatMap { names.unitName($0) } ?? "Samsyn (automatiskt)", l.role?.swedishTitle ?? "–", l.what]
        }
        return page("Vem har läst mina uppgifter", context, nav: .ownLog, OwnAccessLogView.view(.init(rows: rows)))
    }
}
