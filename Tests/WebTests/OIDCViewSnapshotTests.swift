import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

@Suite("View snapshots: sign-in through OpenID Connect")
struct OIDCViewSnapshotTests {
    func page(_ title: String, _ current: MenuItem? = nil, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: current), main: nodes)
    }

    @Test("The login page with the providers and without the password form; the identity links page")
    func pages() throws {
        try Snapshot.check(page("Logga in", nil, LoginPage.view(.mockProviders)), "login-providers")
        try Snapshot.check(page("Inloggningskopplingar", .admin, IdentityLinksPage.view(.mock)), "identity-links")
    }
}
