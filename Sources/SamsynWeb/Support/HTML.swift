import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// A rendered HTML page with its status.
struct HTML: ResponseGenerator {
    let html: String
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response { response() }

    func response() -> Response {
        var buffer = ByteBuffer()
        buffer.writeString(html)
        return Self.response(buffer, status: status)
    }

    static func response(_ body: ByteBuffer, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: body))
    }
}

func redirect(to location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}
