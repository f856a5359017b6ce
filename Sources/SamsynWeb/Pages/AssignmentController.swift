import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Who is responsible for a case (take over, or a manager assigns), and the Jobbtorg's group-information sessions.
struct AssignmentController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(Routes.personResponsible, use: assign)
        group.get(Routes.informationSessions, use: sessions)
        group.post(Routes.informationSessions, use: schedule)
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let personId = try CaseController.uuid(context, "id")
        guard let userId = UUID(uuidString: context.form["responsible"] ?? "") else {
            throw DomainError.invalid([FieldError(field: "responsible", message: "Välj en handläggare.")])
        }
        try await services.caseFlow.assignResponsible(
            personId: personId, userId: userId, users: try await services.users.all(), assignments: services.caseStore, by: actor)
        return redirect(to: Routes.personCase.link(personId) + "?saved=assigned")
    }

    func sessionsPage(_ context: AppRequestContext, errors: [FieldError], notice: String?, status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        guard CaseAction.scheduleSessions.allows(actor) else { throw DomainError.forbidden }
        let list = try await services.caseFlow.upcomingSessions().filter { $0.session.unitId == actor.user.unitId }
        let unitName = services.orgNames.unitName(actor.user.unitId)
        let model = SessionsPage.Model(
            csrf: context.session?.csrfToken ?? "", unitName: unitName ?? "", notice: notice,
            sessions: list.map { [Format.dateTime($0.session.startsAt), $0.session.location, "\($0.session.places)", "\($0.booked)"] },
            form: CaseFormParts.state(errors, context.formValues))
        let title = errors.isEmpty ? "Gruppinformation" : "Fel – Gruppinformation"
        return Page(Layout(title: title, context: context, unitName: unitName, nav: .sessions), status: status, nodes: SessionsPage.view(model))
    }

    @Sendable func sessions(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await sessionsPage(context, errors: [], notice: request.uri.queryParameters["saved"] != nil ? "Tillfället är tillagt." : nil)
    }

    @Sendable func schedule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid]) {
            _ = try await services.caseFlow.scheduleSession(
                startsOn: f["startsOn"] ?? "", time: f["time"] ?? "", location: f["location"] ?? "", places: f["places"] ?? "", by: try context.actor())
            return redirect(to: Routes.informationSessions.link + "?saved=1")
        } refused: { errors, status in
            try await sessionsPage(context, errors: errors, notice: nil, status: status)
        }
    }
}
