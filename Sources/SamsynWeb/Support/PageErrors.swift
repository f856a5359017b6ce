import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

extension DomainError.Kind {
    /// The status a page answers a refusal with. A stale form is a conflict on a page (the page offers to
    /// read it in again); the API answers it with 412, as its clients send the version they read.
    var pageStatus: HTTPResponse.Status { self == .stale ? .conflict : apiStatus }

    /// The status the API answers a refusal with.
    var apiStatus: HTTPResponse.Status {
        switch self {
        case .invalid: .unprocessableContent
        case .notFound: .notFound
        case .conflict: .conflict
        case .stale: .preconditionFailed
        case .forbidden: .forbidden
        case .unauthenticated: .unauthorized
        case .throttled: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }
}

extension AppRequestContext {
    /// Runs a change from a form. When the domain refuses it with one of `kinds` (invalid input, or a conflict
    /// the person can fix in the form), the form is shown again by `refused` with the errors and the status;
    /// every other error goes to `PageErrorMiddleware`. Nothing was saved in either case.
    func refusable(
        _ request: Request, kinds: Set<DomainError.Kind> = [.invalid, .conflict], field: String = "", change: () async throws -> Response,
        refused: ([FieldError], HTTPResponse.Status) async throws -> Page
    ) async throws -> Response {
        do {
            return try await change()
        } catch let error as DomainError where kinds.contains(error.kind) {
            // A refusal that names no field is shown at `field` (or at the top of the form).
            let fields = error.fields.isEmpty ? [FieldError(field: field, message: error.message)] : error.fields
            return try await refused(fields, error.kind.pageStatus).response(from: request, context: self)
        }
    }
}

/// The answer to a page's background save (the assessment's autosave script): the saved version, or the
/// refusal in the API's error shape, with the status a page gives it (`pageStatus`) and every field's Swedish
/// message at once, for the script to show beside the form. Nothing was saved when it refuses.
enum AutosaveReply {
    private struct Saved: Encodable { let version: Int }
    private struct Refused: Encodable {
        struct Inner: Encodable { let code: String; let message: String; let requestId: String; let fields: [FieldError]? }
        let error: Inner
    }

    static func saved(version: Int) -> Response { json(.ok, Saved(version: version)) }

    static func refused(_ error: DomainError, _ context: AppRequestContext) -> Response {
        let message = error.fields.isEmpty ? error.message : error.fields.map(\.message).joined(separator: " ")
        return json(
            error.kind.pageStatus,
            Refused(error: .init(code: error.kind.rawValue, message: message, requestId: context.requestId, fields: error.fields.isEmpty ? nil : error.fields)))
    }

    private static func json(_ status: HTTPResponse.Status, _ body: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(body)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
