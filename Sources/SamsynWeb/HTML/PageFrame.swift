import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

/// The main menu's entries, in the order shown. Which ones a user sees is decided in Domain
/// (`MenuCapabilities`); the frame only draws them.
enum MenuItem: CaseIterable, Sendable {
    case start, inbox, tasks, referrals, sessions, search, register, interventions, figures, needs, times, log, admin, followUp, ownPage, ownAnswers, ownMessages, ownLog, messages
    case research

    var label: String {
        switch self {
        case .start: "Start"
        case .inbox: "Inkorg"
        case .tasks: "Att göra"
        case .referrals: "Remisser"
        case .sessions: "Gruppinformation"
        case .search: "Sök person"
        case .register: "Registrera person"
        case .interventions: "Insatser"
        case .figures: "Platser och köer"
        case .needs: "Behovsbedömning"
        case .times: "Tid per del"
        case .log: "Åtkomstlogg"
        case .admin: "Organisation"
        case .followUp: "Uppföljning"
        case .ownPage: "Mina sidor"
        case .ownLog: "Vem har läst mina uppgifter"
        case .ownMessages, .messages: "Meddelanden"
        case .ownAnswers: "Svara i förväg"
        case .research: "Forskningsuttag"
        }
    }

    var href: String {
        switch self {
        case .start: Routes.home.link
        case .inbox: Routes.inbox.link
        case .tasks: Routes.tasks.link
        case .referrals: Routes.referrals.link
        case .sessions: Routes.informationSessions.link
        case .search: Routes.personSearch.link
        case .register: Routes.personNew.link
        case .interventions: Routes.interventions.link
        case .figures: Routes.interventionFigures.link
        case .needs: Routes.needRules.link
        case .times: Routes.assessmentTimes.link
        case .log: Routes.accessLog.link
        case .admin: Routes.adminOrganisation.link
        case .followUp: Routes.followUp.link
        case .ownPage: Routes.ownPage.link
        case .ownLog: Routes.ownAccessLog.link
        case .ownMessages: Routes.ownMessages.link
        case .ownAnswers: Routes.ownAnswers.link
        case .messages: Routes.unitMessages.link
        case .research: Routes.research.link
        }
    }

    func visible(_ m: MenuCapabilities) -> Bool {
        switch self {
        case .start: !m.ownPage
        case .inbox: m.inbox
        case .tasks: m.tasks
        case .referrals, .sessions: m.referrals
        case .search: m.search
        case .register: m.register
        case .interventions: m.catalogue
        case .figures: m.figures
        case .needs: m.needRules
        case .times: m.unitTimes
        case .log: m.accessLog
        case .admin: m.administration
        case .followUp: m.followUp
        case .ownPage, .ownLog, .ownMessages, .ownAnswers: m.ownPage
        case .messages: m.messages
        case .research: m.research
        }
    }
}

/// What the frame around every page shows: the title, who is logged in and the menu.
struct Layout: Sendable {
    struct UserBadge: Sendable {
        let displayName: String
        let roleTitle: String
        let unitName: String
    }
    let title: String
    let user: UserBadge?
    let csrf: String
    let menu: [MenuItem]
    let current: MenuItem?
    /// The person the page is about: drawn as a band at the top of the content.
    var person: PersonHeader.Model? = nil

    init(title: String, user: UserBadge?, csrf: String, menu: [MenuItem], current: MenuItem?) {
        self.title = title
        self.user = user
        self.csrf = csrf
        self.menu = menu
        self.current = current
    }

    init(title: String, context: AppRequestContext, unitName: String?, nav: MenuItem? = nil) {
        // The person on Mina sidor is shown as themself, not as an account of a unit.
        let badge = context.user.map {
            $0.personId != nil
                ? UserBadge(displayName: $0.displayName, roleTitle: "Mina sidor", unitName: "")
                : UserBadge(displayName: $0.displayName, roleTitle: $0.role.swedishTitle, unitName: unitName ?? $0.unitId)
        }
        let caps = context.user.map(MenuCapabilities.init) ?? .none
        self.init(
            title: title, user: badge, csrf: context.session?.csrfToken ?? "", menu: MenuItem.allCases.filter { $0.visible(caps) }, current: nav)
    }

    /// The same frame with the band about the person the page is about (none when `header` is nil).
    func about(_ header: PersonHeader.Model?) -> Layout {
        var l = self
        l.person = header
        return l
    }

    static func mock(title: String = "Sida", current: MenuItem? = nil) -> Layout {
        Layout(
            title: title, user: UserBadge(displayName: "Sara Handläggare", roleTitle: "Socialsekreterare", unitName: "Spånga-Tensta ekonomiskt bistånd"),
            csrf: "csrf-token", menu: [.start, .tasks, .search, .register], current: current)
    }
}

/// The frame: head, skip link, header with the menu and logout, the page's main content, footer.
enum PageFrame {
    static func render(_ layout: Layout, main content: [Node]) -> String { String(buffer: bytes(layout, main: content)) }

    static func bytes(_ layout: Layout, main content: [Node]) -> ByteBuffer {
        let page: Node = group {
            Node.unsafeRaw("<!doctype html>\n")
            html(.lang("sv")) {
                head {
                    meta(.charset("utf-8"))
                    meta(.name("viewport"), .content("width=device-width, initial-scale=1"))
                    documentTitle("\(layout.title) – Samsyn")
                    link(.rel("stylesheet"), .href("/static/samsyn.css"))
                    // Small enhancements only (focus to a refused form's errors, autosave, print); every page works without it.
                    script(.src("/static/samsyn.js"), .custom("defer", nil))
                }
                body {
                    a("Hoppa till innehållet", .class("skip"), .href("#main"))
                    header(.class("site")) {
                        div(.class("bar")) {
                            a("Samsyn", .class("brand"), .href(Routes.home.link))
                            if let u = layout.user {
                                p(.class("who")) {
                                    span(u.displayName, .class("name"))
                                    " "
                                    span([u.roleTitle, u.unitName].filter { !$0.isEmpty }.joined(separator: ", "), .class("meta"))
                                }
                            }
                        }
                        if layout.user != nil {
                            nav(.aria("label", "Huvudmeny")) {
                                ul {
                                    for item in layout.menu {
                                        li { a(item.label, .href(item.href), .aria("current", item == layout.current ? "page" : nil)) }
                                    }
                                }
                                form(.method("post"), .action(Routes.logout.link), .class("logout")) {
                                    hiddenField("_csrf", layout.csrf)
                                    submitButton("Logga ut", secondary: true)
                                }
                            }
                        }
                    }
                    SamsynWeb.main(.id("main"), .tabindex(-1)) {
                        if let person = layout.person { PersonHeader.view(person) }
                        content
                    }
                    footer(.class("site")) {
                        p {
                            "Samsyn – gemensam bedömning och samordning för ekonomiskt bistånd och Jobbtorg Stockholm. "
                            a("Tillgänglighetsredogörelse", .href(Routes.accessibility.link))
                        }
                    }
                }
            }
        }
        return HTMLWriter.bytes([page], capacity: 16_384)
    }
}

/// A rendered page with its status: the frame around the view's nodes.
struct Page: ResponseGenerator {
    let layout: Layout
    let content: [Node]
    var status: HTTPResponse.Status = .ok

    init(_ layout: Layout, status: HTTPResponse.Status = .ok, @HTMLBuilder content: () -> [Node]) {
        self.layout = layout
        self.content = content()
        self.status = status
    }

    init(_ layout: Layout, status: HTTPResponse.Status = .ok, nodes: [Node]) {
        self.layout = layout
        self.content = nodes
        self.status = status
    }

    /// The same page with the band about the person it is about.
    func about(_ person: PersonHeader.Model?) -> Page { Page(layout.about(person), status: status, nodes: content) }

    var html: String { PageFrame.render(layout, main: content) }
    var htmlResponse: Response { HTML.response(PageFrame.bytes(layout, main: content), status: status) }

    func response(from request: Request, context: some RequestContext) throws -> Response { htmlResponse }
}
