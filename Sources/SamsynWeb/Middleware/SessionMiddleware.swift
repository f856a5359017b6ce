import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

enum CookieName {
    static let session = "samsyn_session"
    static let loginCsrf = "samsyn_csrf"
}

/// Loads the logged-in user from the session cookie (server-side session in the database).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[CookieName.session]?.value, !token.isEmpty, token.count <= 100 {
            if let (session, user) = try await auth.resume(sessionToken: token) {
                context.user = user
                context.session = session
                context.sessionToken = token
                context.logger[metadataKey: "user_id"] = .string(user.id.uuidString)
            } else {
                context.sessionToken = nil
                var response = try await next(request, context)
                // The session ended (timeout, logout elsewhere, disabled user): remove the stale cookie.
                if response.headers[.setCookie] == nil {
                    response.headers[.setCookie] = Cookies.expired(CookieName.session)
                }
                return response
            }
        }
        return try await next(request, context)
    }
}

/// Every POST from a page must carry the CSRF token: the session's, or before login the double-submit cookie's.
/// The form is parsed once here and handed to the handler in `context.form`.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let maxFormBytes = 64 * 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        var context = context
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maxFormBytes)
        } catch {
            throw HTTPError(.contentTooLarge, message: "Formuläret är för stort.")
        }
        let text = String(buffer: body)
        context.form = FormParser.parse(text)
        context.formValues = FormParser.parseAll(text)
        context.formText = text
        let sent = context.form["_csrf"] ?? ""
        let expected: String?
        if let session = context.session {
            expected = session.csrfToken
        } else {
            expected = request.cookies[CookieName.loginCsrf]?.value
        }
        guard let expected, !expected.isEmpty, constantTimeEquals(sent, expected) else {
            throw CSRFRejected()
        }
        return try await next(request, context)
    }
}

struct CSRFRejected: Error {}

/// Sends anyone without a valid session to the login page.
struct RequireLoginMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.user != nil else {
            let hadCookie = request.cookies[CookieName.session] != nil
            var response = redirect(to: hadCookie ? "/login?expired=1" : "/login")
            if hadCookie { response.headers[.setCookie] = Cookies.expired(CookieName.session) }
            return response
        }
        return try await next(request, context)
    }
}

enum FormParser {
    /// Parses `application/x-www-form-urlencoded`; the first value of a repeated key wins.
    static func parse(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if out[key] == nil { out[key] = value }
        }
        return out
    }

    /// Every value of every key, in order (checkboxes send one key several times).
    static func parseAll(_ body: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            out[decode(parts[0]), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return out
    }

    private static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}

enum Cookies {
    static func session(_ token: String, secure: Bool) -> String {
        "\(CookieName.session)=\(token); Path=/; HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }
    static func loginCsrf(_ token: String, secure: Bool) -> String {
        "\(CookieName.loginCsrf)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=3600\(secure ? "; Secure" : "")"
    }
    static func expired(_ name: String) -> String {
        "\(name)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
    }
}
