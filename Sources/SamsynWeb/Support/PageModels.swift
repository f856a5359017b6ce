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
    let canViewTimes: Bool
    let canViewCatalogue: Bool
    let canViewFigures: Bool
    let canViewTasks: Bool
    let canViewReferrals: Bool
    let canViewNeedRules: Bool
    var navNeeds = false
    var navTasks = false
    var navReferrals = false
    var navSessions = false
    var navFigures = false
    var navTimes = false
    var navInterventions = false
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
            canViewTimes = AccessPolicy.allows(u.role, .viewUnitStatistics)
            canViewCatalogue = AccessPolicy.allows(u.role, .viewCatalogue)
            canViewFigures = AccessPolicy.allows(u.role, .viewInterventionFigures)
            canViewTasks = CaseFlowService.hasTaskList(u)
            canViewReferrals = CaseFlowService.isJobbtorg(u) && [.coach, .unitManager].contains(u.role)
            canViewNeedRules = AccessPolicy.allows(u.role, .viewNeedStatistics) || AccessPolicy.allows(u.role, .manageNeedRules)
        } else {
            canViewNeedRules = false
            canViewTasks = false
            canViewReferrals = false
            canViewFigures = false
            canViewTimes = false
            canViewCatalogue = false
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
        navTimes = nav == "times"
        navInterventions = nav == "interventions"
        navFigures = nav == "figures"
        navTasks = nav == "tasks"
        navReferrals = nav == "referrals"
        navSessions = nav == "sessions"
        navNeeds = nav == "needs"
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
