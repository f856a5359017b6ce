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
        guard services.config.login.passwordLogin else { throw DomainError.notFound }
        let form = (try? context.decodeForm(LoginForm.self)) ?? LoginForm()
        let username = form.username ?? ""
        let password = form.password ?? ""
        do {
            let new = try await services.auth.login(username: username, password: password, requestId: context.requestId, client: clientAddress(request, context))
            // Drop any earlier session of this browser: one browser, one session.
            if let old = context.sessionToken { try? await services.sessions.delete(tokenHash: RandomTokens().hash(old)) }
            var response = redirect(to: Routes.home.link)
            response.headers[.setCookie] = Cookies.session(new.token, secure: services.config.secureCookies)
            return response
        } catch let throttled as ThrottledLogin {
            var response = try render(
                context, request: request, username: String(username.prefix(100)), error: throttled.message, status: .tooManyRequests, loggedOut: false,
                expired: false)
            response.headers[.retryAfter] = String(throttled.retryAfter)
            return response
        } catch let error as DomainError where error.kind == .unauthenticated || error.kind == .throttled {
            return try render(
                context, request: request, username: String(username.prefix(100)), error: error.message,
                status: error.kind == .throttled ? .tooManyRequests : .unauthorized, loggedOut: false, expired: false)
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        var next = "/login?loggedOut=1"
        if let token = context.sessionToken {
            // A session from a provider ends there too (RP-initiated logout), after it has ended here.
            let hint = try await services.oidcStore.logoutHint(sessionTokenHash: RandomTokens().hash(token))
            try await services.auth.logout(sessionToken: token, user: context.user, requestId: context.requestId)
            if let hint, let base = services.config.login.publicURL,
                let url = await services.oidc.endSessionURL(hint.provider, idToken: hint.idToken, postLogoutRedirect: base + "/login?loggedOut=1")
            {
                next = url
            }
        }
        var response = redirect(to: next)
        response.headers[.setCookie] = Cookies.expired(CookieName.session)
        return response
    }

    /// The address the login throttle counts: the connection's peer, or behind a trusted proxy the last
    /// `X-Forwarded-For` entry (the one the proxy appended; earlier ones are the client's to forge).
    func clientAddress(_ request: Request, _ context: AppRequestContext) -> String? {
        if services.config.login.trustProxy, let header = request.headers[values: HTTPField.Name("X-Forwarded-For")!].last,
            let last = header.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty, last.count <= 64
        {
            return last
        }
        return context.peerAddress
    }

    func render(
        _ context: AppRequestContext, request: Request, username: String, error: String?, status: HTTPResponse.Status, loggedOut: Bool, expired: Bool
    ) throws -> Response {
        var context = context
        context.user = nil
        context.session = nil
        let existing = request.cookies[CookieName.loginCsrf]?.value
        let csrf = (existing?.count ?? 0) >= 32 ? existing! : RandomTokens().newToken()
        let login = services.config.login
        let model = LoginPage.Model(
            csrf: csrf, username: username, error: error, loggedOut: loggedOut, expired: expired,
            providers: login.providers.map { LoginPage.Model.Provider(text: $0.kind.buttonText, hint: $0.kind.hint, link: Routes.oidcStart.link($0.kind.rawValue)) },
            passwordLogin: login.passwordLogin)
        var response = Page(Layout(title: "Logga in", context: context, unitName: nil), status: status, nodes: LoginPage.view(model)).htmlResponse
        if existing != csrf {
            response.headers[.setCookie] = Cookies.loginCsrf(csrf, secure: services.config.secureCookies)
        }
        return response
    }
}
