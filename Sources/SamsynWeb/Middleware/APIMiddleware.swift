import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIRuntime
import SamsynDomain
import SamsynStorage

/// Reads the bearer token, if any, and runs the API handler with the caller's identity in `APIScope`.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var user: StaffUser?
        if let header = request.headers[.authorization] {
            guard header.lowercased().hasPrefix("bearer "), let found = try await auth.resume(bearerToken: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
            else { throw DomainError(.unauthenticated, "The bearer token is missing, expired or revoked.") }
            user = found
        }
        return try await APIScope.$current.withValue(APIScope(requestId: context.requestId, user: user)) {
            try await next(request, context)
        }
    }
}

/// Limits the body size and turns every error on an API route into the documented JSON error.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let maxBodyBytes = 64 * 1024

    struct ErrorBody: Encodable {
        struct Inner: Encodable { let code: String; let message: String; let requestId: String; let fields: [FieldError]? }
        let error: Inner
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        do {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.maxBodyBytes {
                return Self.error(.contentTooLarge, "payload_too_large", "The body is larger than \(Self.maxBodyBytes) bytes.", context)
            }
            if request.method == .post || request.method == .put || request.method == .patch {
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: Self.maxBodyBytes)
                } catch {
                    return Self.error(.contentTooLarge, "payload_too_large", "The body is larger than \(Self.maxBodyBytes) bytes.", context)
                }
                // No body and no content type: the documented optional bodies (`…/complete`) may be left out, and
                // the generated decoder would otherwise read the empty body as broken JSON. A required body left
                // out is then refused for its missing fields.
                if body.readableBytes == 0, request.headers[.contentType] == nil {
                    var head = request.head
                    head.headerFields[.contentType] = "application/json"
                    request = Request(head: head, body: .init(buffer: ByteBuffer(string: "{}")))
                }
            }
            return try await next(request, context)
        } catch {
            return Self.map(error, context)
        }
    }

    static func map(_ error: any Error, _ context: Context) -> Response {
        var underlying: any Error = error
        if let server = error as? ServerError { underlying = server.underlyingError }
        switch underlying {
        case let e as DomainError:
            switch e.kind {
            case .invalid: return Self.error(.unprocessableContent, "invalid_fields", "Some values are invalid; see fields.", context, fields: e.fields)
            case .conflict: return Self.error(.conflict, "conflict", e.fields.first?.message ?? e.message, context, fields: e.fields)
            case .stale:
                return Self.error(
                    .preconditionFailed, "stale_version", "The record was changed by someone else; read it again and send its current version.", context)
            case .notFound: return Self.error(.notFound, "not_found", "No such resource that you may see.", context)
            case .forbidden: return Self.error(.forbidden, "forbidden", "Your role may not do this.", context)
            case .unauthenticated: return Self.error(.unauthorized, "unauthenticated", e.message == DomainError.unauthenticated.message ? "Authentication required: send a bearer token." : e.message, context)
            case .throttled: return Self.error(.tooManyRequests, "throttled", e.message, context)
            case .unavailable: return Self.error(.serviceUnavailable, "unavailable", "A dependency failed; nothing was returned or changed.", context)
            }
        case let e as StorageError:
            context.logger.error("api request failed", metadata: e.logMetadata)
            return Self.error(.internalServerError, "internal", "Something went wrong; nothing was changed. Quote the request id.", context)
        case let e as DecodingError:
            // Without a body the value that failed is a query or path parameter (`?version=1e30`): the request
            // does not match the description, as for any other parameter of the wrong type.
            if let server = error as? ServerError, server.request.method == .get || server.requestBody == nil {
                return Self.error(.badRequest, "bad_request", "A parameter is not of the documented type.", context)
            }
            return decoding(e, context)
        case let e as HTTPError:
            if e.status == .notFound { return Self.error(.notFound, "not_found", "No such resource.", context) }
            if e.status == .methodNotAllowed { return Self.error(.methodNotAllowed, "method_not_allowed", "Method not allowed.", context) }
            return Self.error(e.status, "http_\(e.status.code)", e.body ?? "The request could not be handled.", context)
        default:
            let text = String(describing: underlying)
            // Content-type and missing-body errors from the generated code are the client's mistake.
            if text.contains("content type") || text.contains("Content-Type") || text.contains("body") && text.contains("missing") {
                return Self.error(.badRequest, "bad_request", "Send a JSON body with Content-Type: application/json.", context)
            }
            // Only input that could not be decoded is the client's mistake; an error the handler threw after
            // decoding (a database constraint, a bug) is ours and must not hide as a 400.
            if let server = error as? ServerError, server.operationInput == nil {
                return Self.error(.badRequest, "bad_request", "The request does not match the API description.", context)
            }
            // A dependency that failed after the request was read (the database, the access log that every read of
            // personal data must write first): the server's fault, said as 503 so a client may retry; nothing was
            // returned or changed.
            context.logger.error("api request failed", metadata: ["error_type": "\(String(reflecting: type(of: underlying)))"])
            return Self.error(.serviceUnavailable, "unavailable", "A dependency failed; nothing was returned or changed. Try again, and quote the request id if it persists.", context)
        }
    }

    static func decoding(_ e: DecodingError, _ context: Context) -> Response {
        func path(_ p: [any CodingKey]) -> String { p.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            return Self.error(.badRequest, "malformed_json", "The body is not valid JSON.", context)
        case .dataCorrupted(let c):
            let field = path(c.codingPath)
            let msg = c.debugDescription.contains("unknown keys") ? "Unknown field." : "Invalid value."
            return Self.error(.unprocessableContent, "invalid_body", "The body does not match the schema.", context, fields: [FieldError(field: field, message: msg)])
        case .keyNotFound(let key, let c):
            return Self.error(
                .unprocessableContent, "invalid_body", "The body does not match the schema.", context,
                fields: [FieldError(field: path(c.codingPath + [key]), message: "Required field is missing.")])
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return Self.error(
                .unprocessableContent, "invalid_body", "The body does not match the schema.", context,
                fields: [FieldError(field: path(c.codingPath), message: "Wrong type.")])
        @unknown default:
            return Self.error(.badRequest, "bad_request", "The body could not be read.", context)
        }
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String, _ context: Context, fields: [FieldError]? = nil) -> Response {
        let body = ErrorBody(error: .init(code: code, message: message, requestId: context.requestId, fields: fields.flatMap { $0.isEmpty ? nil : $0 }))
        let data = (try? JSONEncoder().encode(body)) ?? Data("{\"error\":{\"code\":\"internal\",\"message\":\"error\"}}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Requests no route matched, on the API's paths: a method the contract does not list for a path it does
/// list gets 405 with `Allow`; any other unknown API path the JSON 404. Added after the routes, so it wraps
/// only the router's not-found responder.
struct APIUnmatchedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// Each documented path as segments (nil for a `{parameter}`) with its methods.
    let paths: [(segments: [String?], methods: [String])]

    init(openAPIDocument data: Data) throws {
        let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let known = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        paths = ((doc?["paths"] as? [String: Any]) ?? [:]).map { path, item in
            let segments: [String?] = path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
            let methods = ((item as? [String: Any]) ?? [:]).keys.filter { known.contains($0) }.map { $0.uppercased() }.sorted()
            return (segments, methods)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            guard path.hasPrefix("/api/") || path == "/health" else { throw error }
            let parts = path.split(separator: "/").map(String.init)
            let match = paths.first { p in
                p.segments.count == parts.count && zip(p.segments, parts).allSatisfy { $0.0 == nil || $0.0 == $0.1 }
            }
            guard let match, !match.methods.contains(request.method.rawValue) else {
                return APIErrorMiddleware.error(.notFound, "not_found", "No such resource.", context)
            }
            var response = APIErrorMiddleware.error(.methodNotAllowed, "method_not_allowed", "Method not allowed; see Allow.", context)
            response.headers[.allow] = match.methods.joined(separator: ", ")
            return response
        }
    }
}
