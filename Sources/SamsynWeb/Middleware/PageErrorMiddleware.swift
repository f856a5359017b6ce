import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Turns errors on page routes into Swedish pages with the right status. Form errors (422) are
/// rendered by the handlers themselves, with the values kept; this is the fallback for the rest.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let unitName: @Sendable (String) -> String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            switch error.kind {
            case .notFound:
                return try page(context, .notFound, "Sidan finns inte", "Det du söker finns inte, eller så har du inte behörighet att se det.")
            case .forbidden:
                return try page(context, .forbidden, "Ingen behörighet", error.message)
            case .unauthenticated:
                return redirect(to: "/login")
            case .invalid:
                return try page(context, .unprocessableContent, "Uppgifterna kunde inte sparas", error.fields.first?.message ?? error.message)
            case .conflict:
                return try page(context, .conflict, "Ändringen kunde inte göras", error.message, link: (request.uri.path, "Tillbaka"))
            case .stale:
                // Back to the page the form was on (a POST path has no page of its own).
                let back = request.headers[.referer].flatMap { URLComponents(string: $0) }.map { c in c.path + (c.query.map { "?\($0)" } ?? "") } ?? "/"
                return try page(context, .conflict, "Någon annan hann före", error.message, link: (back.hasPrefix("/") ? back : "/", "Läs in sidan igen"))
            case .throttled:
                return try page(context, .tooManyRequests, "Försök igen senare", error.message)
            case .unavailable:
                context.logger.error("dependency unavailable", metadata: ["error": "\(error.message)"])
                return try page(context, .serviceUnavailable, "Tjänsten är inte tillgänglig", "Inget visades och inget ändrades. Försök igen om en stund.")
            }
        } catch is CSRFRejected {
            return try page(context, .forbidden, "Formuläret har gått ut", "Sidan var för gammal för att skicka. Ladda om sidan och försök igen.", link: ("/", "Till startsidan"))
        } catch let error as HTTPError {
            if error.status == .notFound {
                return try page(context, .notFound, "Sidan finns inte", "Det du söker finns inte, eller så har du inte behörighet att se det.")
            }
            if error.status.code < 500 {
                return try page(context, error.status, "Något blev fel", error.body ?? "Begäran kunde inte hanteras.")
            }
            context.logger.error("request failed", metadata: ["status": "\(error.status.code)"])
            return try page(context, .internalServerError, "Något gick fel", "Inget ändrades. Försök igen, och uppge referensen om felet finns kvar.", withId: true)
        } catch let error as StorageError {
            // A stored row Samsyn cannot read: the log names table and column, the page says nothing more.
            context.logger.error("request failed", metadata: error.logMetadata)
            return try page(context, .internalServerError, "Något gick fel", "Inget visades och inget ändrades. Försök igen, och uppge referensen om felet finns kvar.", withId: true)
        } catch {
            // Never show internals; the request id connects the page to the log line.
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return try page(context, .serviceUnavailable, "Något gick fel", "Inget visades och inget ändrades. Försök igen, och uppge referensen om felet finns kvar.", withId: true)
        }
    }

    private func page(
        _ context: Context, _ status: HTTPResponse.Status, _ heading: String, _ text: String, withId: Bool = false,
        link: (String, String) = ("/", "Till startsidan")
    ) throws -> Response {
        let model = MessagePage.Model(heading: heading, text: text, requestId: withId ? context.requestId : nil, linkHref: link.0, linkText: link.1)
        let layout = Layout(title: heading, context: context, unitName: context.user.flatMap { unitName($0.unitId) })
        return HTML(html: PageFrame.render(layout, main: MessagePage.view(model)), status: status).response()
    }
}
