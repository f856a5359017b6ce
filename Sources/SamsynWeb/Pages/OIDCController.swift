import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

extension CookieName {
    /// Binds a sign-in under way to this browser; lives 10 minutes, SameSite=Lax so it comes back on the
    /// provider's redirect (the only cookie that is not SameSite=Strict).
    static let oidcBinding = "samsyn_oidc"
}

extension Cookies {
    static func oidcBinding(_ value: String, secure: Bool) -> String {
        "\(CookieName.oidcBinding)=\(value); Path=/login/oidc; HttpOnly; SameSite=Lax; Max-Age=\(Int(OIDCPendingLogin.lifetime))\(secure ? "; Secure" : "")"
    }
    static var oidcBindingExpired: String { "\(CookieName.oidcBinding)=; Path=/login/oidc; HttpOnly; SameSite=Lax; Max-Age=0" }
}

/// The HTTP flow of signing in through a provider: the redirect to it, and the callback. The relying party's
/// protocol work is `OIDCRelyingParty`, the claim rules `IDTokenRules`; every refusal is shown in Swedish,
/// written to the access log as `auth.login_failed` with its reason, and starts no session.
struct OIDCController {
    let services: AppServices

    func addRoutes(to pages: RouterGroup<AppRequestContext>) {
        pages.get(Routes.oidcStart, use: start)
        pages.get(Routes.oidcCallback, use: callback)
    }

    private func provider(_ context: AppRequestContext) throws -> OIDCProviderKind {
        guard let kind = OIDCProviderKind(rawValue: try Routes.oidcStart.string(context)), services.config.login.provider(kind) != nil else {
            throw DomainError.notFound
        }
        return kind
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let kind = try provider(context)
        let tokens = RandomTokens()
        do {
            let auth = try await services.oidc.newRequest(kind)
            let binding = tokens.newToken()
            try await services.oidcStore.savePending(
                OIDCPendingLogin(
                    stateHash: tokens.hash(auth.state), browserHash: tokens.hash(binding), provider: kind, nonce: auth.nonce, codeVerifier: auth.codeVerifier,
                    createdAt: services.clock.now()))
            var response = redirect(to: auth.url)
            response.headers[.setCookie] = Cookies.oidcBinding(binding, secure: services.config.secureCookies)
            response.headers[.cacheControl] = "no-store"
            return response
        } catch let failure as OIDCLoginFailure {
            return try await refuse(failure, kind: kind, request: request, context: context)
        }
    }

    @Sendable func callback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let kind = try provider(context)
        var q: [String: String] = [:]
        for (k, v) in request.uri.queryParameters where q[String(k)] == nil { q[String(k)] = String(v) }
        do {
            let new = try await complete(kind, query: q, binding: request.cookies[CookieName.oidcBinding]?.value, requestId: context.requestId)
            // One browser, one session: an earlier session of this browser ends.
            if let old = context.sessionToken { try? await services.sessions.delete(tokenHash: RandomTokens().hash(old)) }
            var response = redirect(to: Routes.home.link)
            response.headers[values: .setCookie] = [
                Cookies.session(new.token, secure: services.config.secureCookies), Cookies.oidcBindingExpired,
            ]
            return response
        } catch let failure as OIDCLoginFailure {
            return try await refuse(failure, kind: kind, request: request, context: context)
        } catch let error as DomainError where kind == .citizen && [.notFound, .unauthenticated, .unavailable].contains(error.kind) {
            // Signed in, but Samsyn has no file on the person (a kind message), or their account is disabled: told so.
            // `startCitizenSession` has logged it (`auth.login` denied, `citizen_no_file` or `disabled`).
            let status: HTTPResponse.Status = error.kind == .notFound ? .notFound : error.kind == .unavailable ? .serviceUnavailable : .forbidden
            return try render(error.message, status: status, request: request, context: context)
        }
    }

    /// The callback's checks, in order; a failure is logged by `refuse`.
    private func complete(_ kind: OIDCProviderKind, query q: [String: String], binding: String?, requestId: String) async throws -> Authenticator.NewSession {
        let tokens = RandomTokens()
        // The state is taken (single use) before anything else, also when the provider reports an error.
        let pending: OIDCPendingLogin?
        if let state = q["state"], !state.isEmpty, state.count <= 200 {
            pending = try await services.oidcStore.takePending(stateHash: tokens.hash(state), now: services.clock.now())
        } else {
            pending = nil
        }
        if let error = q["error"] { throw OIDCLoginFailure.providerError(error) }
        guard let pending, pending.provider == kind, let binding, !binding.isEmpty, binding.count <= 100,
            constantTimeEquals(tokens.hash(binding), pending.browserHash)
        else { throw OIDCLoginFailure.stateInvalid }
        guard let code = q["code"], !code.isEmpty, code.count <= 2048 else { throw OIDCLoginFailure.codeRejected }
        guard let settings = services.oidc.settings(kind) else { throw OIDCLoginFailure.providerUnavailable }
        let idToken = try await services.oidc.exchange(kind, code: code, verifier: pending.codeVerifier)
        let claims = try await services.oidc.verify(kind, idToken: idToken)
        let now = services.clock.now()
        try IDTokenRules.check(claims, provider: settings, nonce: pending.nonce, now: now)
        let new: Authenticator.NewSession
        switch kind {
        case .staff:
            let subject = try IDTokenRules.staffSubject(claims, provider: settings)
            new = try await services.auth.startStaffSession(issuer: settings.issuer, subject: subject, links: services.oidcStore, method: "oidc_staff", requestId: requestId)
        case .citizen:
            let number = try IDTokenRules.identityNumber(claims, provider: settings, today: now)
            guard let starter = services.citizenSessions else { throw OIDCLoginFailure.citizenUnavailable }
            new = try await starter.startCitizenSession(identityNumber: number, method: "oidc", requestId: requestId)
        }
        try await services.oidcStore.setLogoutHint(sessionTokenHash: tokens.hash(new.token), provider: kind, idToken: idToken)
        return new
    }

    private func refuse(_ failure: OIDCLoginFailure, kind: OIDCProviderKind, request: Request, context: AppRequestContext) async throws -> Response {
        // `not_linked` is logged where it is decided, with the identity's account lookup.
        if failure != .notLinked { try await services.auth.logLoginFailure(failure, provider: kind, requestId: context.requestId) }
        context.logger.notice("sign-in refused", metadata: ["provider": .string(kind.rawValue), "reason": .string(failure.reason)])
        let status: HTTPResponse.Status =
            switch failure {
            case .providerUnavailable: .serviceUnavailable
            case .stateInvalid, .providerError: .badRequest
            case .notLinked: .forbidden
            default: .unauthorized
            }
        return try render(failure.message, status: status, request: request, context: context)
    }

    private func render(_ message: String, status: HTTPResponse.Status, request: Request, context: AppRequestContext) throws -> Response {
        var response = try LoginController(services: services).render(
            context, request: request, username: "", error: message, status: status, loggedOut: false, expired: false)
        response.headers[values: .setCookie].append(Cookies.oidcBindingExpired)
        return response
    }
}
