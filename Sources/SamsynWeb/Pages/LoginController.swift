import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Log in and out. The login form is protected by a double-submit CSRF cookie; a successful login
/// always starts a new session with a new id.
struct LoginController {
    let services: AppServices

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get(Routes.login, use: show)
        pages.post(Routes.login, use: login)
    }

    func addProtectedRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(Routes.logout, use: logout)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.user != nil { return redirect(to: Routes.home.link) }
        let q = request.uri.queryParameters
        return try render(context, request: request, username: "", error: nil, status: .ok, loggedOut: q["loggedOut"] != nil, expired: q["expired"] != nil)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = (try? context.decodeForm(LoginForm.self)) ?? LoginForm()
        let username = form.username ?? ""
        let password = form.password ?? ""
        do {
            let new = try await services.auth.login(username: username, password: password, requestId: context.requestId)
            // Drop any earlier session of this browser: one browser, one session.
            if let old = context.sessionToken { try? await services.sessions.delete(tokenHash: RandomTokens().hash(old)) }
            var response = redirect(to: Routes.home.link)
            response.headers[.setCookie] = Cookies.session(new.token, secure: services.config.secureCookies)
            return response
        } catch let error as DomainError where error.kind == .unauthenticated || error.kind == .throttled {
            return try render(
                context, request: request, username: String(username.prefix(100)), error: error.message,
                status: error.kind == .throttled ? .tooManyRequests : .unauthorized, loggedOut: false, expired: false)
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = context.sessionToken {
            try await services.auth.logout(sessionToken: token, user: context.user, requestId: context.requestId)
        }
        var response = redirect(to: "/login?loggedOut=1")
        response.headers[.setCookie] = Cookies.expired(CookieName.session)
        return response
    }

    private func render(
        _ context: AppRequestContext, request: Request, username: String, error: String?, status: HTTPResponse.Status, loggedOut: Bool, expired: Bool
    ) throws -> Response {
        var context = context
        context.user = nil
        context.session = nil
        let existing = request.cookies[CookieName.loginCsrf]?.value
        let csrf = (existing?.count ?? 0) >= 32 ? existing! : RandomTokens().newToken()
        let model = LoginPage.Model(csrf: csrf, username: username, error: error, loggedOut: loggedOut, expired: expired)
        var response = Page(Layout(title: "Logga in", context: context, unitName: nil), status: status, nodes: LoginPage.view(model)).htmlResponse
        if existing != csrf {
            response.headers[.setCookie] = Cookies.loginCsrf(csrf, secure: services.config.secureCookies)
        }
        return response
    }
}
