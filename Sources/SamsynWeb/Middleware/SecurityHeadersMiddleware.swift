import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Headers every response carries: no framing, no sniffing, a strict CSP, and no caching of personal data.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let csp: String

    /// `formActionOrigins`: the sign-in providers' origins, where the logout form's redirect goes on (RP-initiated
    /// logout); `form-action` also governs a form's redirects.
    init(formActionOrigins: [String] = []) {
        let formAction = (["'self'"] + formActionOrigins).joined(separator: " ")
        csp =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action \(formAction); frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = csp
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

/// Adds the request id to every response so a person can quote it and staff can find the log lines.
struct RequestIdMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[HTTPField.Name("X-Request-Id")!] = context.requestId
        return response
    }
}
