import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

struct PersonRowModel {
    let id: String
    let firstName: String
    let lastName: String
    let number: String
    let protectedIdentity: Bool

    init(_ s: PersonSummary) {
        id = s.id.uuidString.lowercased()
        firstName = s.firstName
        lastName = s.lastName
        number = s.identityNumber.formatted
        protectedIdentity = s.protectedIdentity
    }
}

enum Format {
    static let stockholm: Calendar = .swedish
    static let utc: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `YYYY-MM-DD` in Stockholm time.
    static func date(_ d: Date) -> String {
        let c = stockholm.dateComponents([.year, .month, .day], from: d)
        return "\(pad(c.year ?? 0, 4))-\(pad(c.month ?? 0, 2))-\(pad(c.day ?? 0, 2))"
    }

    /// `YYYY-MM-DD kl. HH:MM` in Stockholm time.
    static func dateTime(_ d: Date) -> String {
        let c = stockholm.dateComponents([.hour, .minute], from: d)
        return "\(date(d)) kl. \(pad(c.hour ?? 0, 2)):\(pad(c.minute ?? 0, 2))"
    }

    /// `YYYY-MM-DD HH:MM:SS` in UTC, as the access log keeps time.
    static func utcTimestamp(_ d: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        return "\(pad(c.year ?? 0, 4))-\(pad(c.month ?? 0, 2))-\(pad(c.day ?? 0, 2)) \(pad(c.hour ?? 0, 2)):\(pad(c.minute ?? 0, 2)):\(pad(c.second ?? 0, 2))"
    }
}
