import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIHummingbird
import SamsynAPI
import SamsynDomain
import SamsynStorage

/// The one composition root, used by `samsyn serve` and by every test.
public func buildApplication(services: AppServices, logger: Logger) async throws -> some ApplicationProtocol {
    try await services.orgNames.refresh()
    let router = try buildRouter(services: services)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(services.config.host, port: services.config.port), serverName: "Samsyn"),
        logger: logger)
    app.addServices(SessionPurgeService(services: services), TaskJobService(services: services), NotificationOutboxService(services: services))
    return app
}

func buildRouter(services: AppServices) throws -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        RequestIdMiddleware()
        SecurityHeadersMiddleware(formActionOrigins: services.config.login.providerOrigins)
        LogRequestsMiddleware(.debug)
    }

    for (name, type) in [("samsyn.css", "text/css; charset=utf-8"), ("samsyn.js", "text/javascript; charset=utf-8")] {
        let text = try PublicFiles.text(name)
        router.get("/static/\(name)") { _, _ in
            var response = Response(
                status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
            response.headers[.contentLength] = String(text.utf8.count)
            return response
        }
    }
    let spec = try OpenAPIDocument.json()
    router.get("/api/openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(bytes: spec)))
    }

    // JSON API, generated from the OpenAPI document.
    let api = router.group()
        .add(middleware: APIErrorMiddleware())
        .add(middleware: BearerAuthMiddleware(auth: services.auth))
    try APIHandler(services: services).registerHandlers(on: api)

    // HTML pages.
    let names = services.orgNames
    let pages = router.group()
        .add(middleware: PageErrorMiddleware(unitName: { names.unitName($0) }))
        .add(middleware: SessionMiddleware(auth: services.auth))
        .add(middleware: CSRFMiddleware())
    let protected = pages.group().add(middleware: RequireLoginMiddleware())

    let login = LoginController(services: services)
    login.addRoutes(to: pages)
    login.addProtectedRoutes(to: protected)
    HomeController(services: services).addRoutes(protected: protected, public: pages)
    PersonController(services: services).addRoutes(to: protected)
    AssessmentController(services: services).addRoutes(to: protected)
    InterventionController(services: services).addRoutes(to: protected)
    QueueController(services: services).addRoutes(to: protected)
    EpisodeController(services: services).addRoutes(to: protected)
    CaseController(services: services).addRoutes(to: protected)
    InboxController(services: services).addRoutes(to: protected)
    AssignmentController(services: services).addRoutes(to: protected)
    NeedAssessmentController(services: services).addRoutes(to: protected)
    JournalController(services: services).addRoutes(to: protected)
    AdminController(services: services).addRoutes(to: protected)
    AccessLogController(services: services).addRoutes(to: protected)
    FollowUpController(services: services).addRoutes(to: protected)
    OwnPageController(services: services).addRoutes(to: protected)
    MessageController(services: services).addRoutes(to: protected)
    OIDCController(services: services).addRoutes(to: pages)
    IdentityLinkController(services: services).addRoutes(to: protected)
    ResearchController(services: services).addRoutes(to: protected)
    EffectController(services: services).addRoutes(to: protected)
    router.add(middleware: try APIUnmatchedMiddleware(openAPIDocument: spec))
    return router
}

/// Builds the application and runs it until SIGINT/SIGTERM.
public func runApplication(services: AppServices, logger: Logger) async throws {
    let app = try await buildApplication(services: services, logger: logger)
    try await app.runService()
}
