import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// What the layout shows: title, the user and the menu entries their role has.
struct Layout {
    struct UserBadge {
        let displayName: String
        let roleTitle: String
        let unitName: String
    }
    let title: String
    let user: UserBadge?
    let csrf: String
    let canSearch: Bool
    let canRegister: Bool
    let canReviewLog: Bool
    let isAdmin: Bool
    var navStart = false
    var navSearch = false
    var navRegister = false
    var navLog = false
    var navAdmin = false

    init(title: String, context: AppRequestContext, unitName: String?, nav: String? = nil) {
        self.title = title
        if let u = context.user {
            user = UserBadge(displayName: u.displayName, roleTitle: u.role.swedishTitle, unitName: unitName ?? u.unitId)
            canSearch = AccessPolicy.allows(u.role, .searchPersons)
            canRegister = AccessPolicy.allows(u.role, .registerPerson)
            canReviewLog = AccessPolicy.allows(u.role, .reviewAccessLog)
            isAdmin = AccessPolicy.allows(u.role, .administerOrganisation)
        } else {
            user = nil
            canSearch = false
            canRegister = false
            canReviewLog = false
            isAdmin = false
        }
        csrf = context.session?.csrfToken ?? ""
        navStart = nav == "start"
        navSearch = nav == "search"
        navRegister = nav == "register"
        navLog = nav == "log"
        navAdmin = nav == "admin"
    }
}

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

struct MessagePage {
    let layout: Layout
    let heading: String
    let text: String
    let requestId: String?
    let linkHref: String
    let linkText: String
}

enum Format {
    static let stockholm = TimeZone(identifier: "Europe/Stockholm") ?? .current

    static func date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "sv_SE")
        f.timeZone = stockholm
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }

    static func utcTimestamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: d)
    }
}
