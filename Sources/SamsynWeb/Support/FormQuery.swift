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
