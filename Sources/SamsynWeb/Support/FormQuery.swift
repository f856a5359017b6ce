import Foundation
import Hummingbird

extension Request {
    /// A query parameter as an HTML form with `method="get"` sends it (application/x-www-form-urlencoded):
    /// "+" is a space and "%2B" a plus. Hummingbird's `queryParameters` only percent-decodes, so a search for
    /// "Andersson J" typed into the page would arrive as "Andersson+J".
    func formQueryValue(_ name: String) -> String? {
        guard let query = uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.map(String.init) == name else { continue }
            let raw = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
            return raw.removingPercentEncoding ?? raw
        }
        return nil
    }
}

/// A GET form's fields (the follow-up's and the effect report's): read as the browser sends them, and repeated as a
/// query string in the export links.
enum GetForm {
    /// Each field's value as typed ("" when absent), for `FormState(values:)`.
    static func values(_ request: Request, fields: [String]) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for k in fields { values[k] = [request.formQueryValue(k) ?? ""] }
        return values
    }

    /// The query string the export links repeat: the non-empty fields in order, a "+" sent as "%2B" (a bare "+"
    /// would come back as a space).
    static func query(_ values: [String: [String]], fields: [String]) -> String {
        var c = URLComponents()
        c.queryItems = fields.compactMap { k in values[k]?.first.flatMap { $0.isEmpty ? nil : URLQueryItem(name: k, value: $0) } }
        return (c.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}
