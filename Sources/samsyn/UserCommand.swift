import ArgumentParser
import Foundation
import SamsynDomain
import SamsynStorage
import SamsynWeb

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff users.", subcommands: [List.self, Create.self, Disable.self, Enable.self, ResetPassword.self, Link.self, Unlink.self])

    static func audit(_ action: AuditAction, detail: String? = nil) -> AccessLogEntry {
        AccessLogEntry(at: Date(), requestId: "cli", actor: nil, action: action, outcome: .allowed, detail: detail ?? "cli")
    }

    static func find(_ username: String, _ store: SQLUserStore) async throws -> StaffUser {
        guard let found = try await store.credentials(username: username.lowercased()) else { Boot.fail("no user named '\(username)'") }
        return found.user
    }

    /// The password from SAMSYN_NEW_PASSWORD, or a generated one that is printed once.
    static func newPassword() -> (String, generated: Bool) {
        if let pw = ProcessInfo.processInfo.environment["SAMSYN_NEW_PASSWORD"] {
            if let e = PasswordPolicy.validate(pw).first { Boot.fail("SAMSYN_NEW_PASSWORD: \(e.message)") }
            return (pw, false)
        }
        return (Boot.randomPassword(), true)
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One user a line: username, role, unit, and whether disabled.")
        func run() async throws {
            let db = await Boot.open(Boot.config(), logger: Boot.logger())
            for u in try await SQLUserStore(database: db).all() {
                print("\(u.username)\t\(u.role.rawValue)\t\(u.unitId)\(u.active ? "" : "\tdisabled")")
            }
            await db.close()
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password comes from SAMSYN_NEW_PASSWORD or is generated and printed once.")
        @Argument(help: "Username (a–z, digits, . - _).") var username: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Unit id, e.g. spanga-tensta-mottagning.") var unit: String

        func run() async throws {
            guard let role = Role(rawValue: role) else { Boot.fail("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            let new = NewStaffUser(username: username, displayName: name, role: role, unitId: unit)
            if let e = new.validate().first { Boot.fail("\(e.field): \(e.message)") }
            let db = await Boot.open(Boot.config(), logger: Boot.logger())
            guard let unit = try await SQLOrganisationStore(database: db).unit(id: unit) else { Boot.fail("--unit: no unit with id '\(self.unit)'") }
            let (password, generated) = UserCommand.newPassword()
            let hash = try await BcryptHasher().hash(password)
            let user = StaffUser(id: UUID(), username: username, displayName: name, role: role, unitId: unit.id, committeeId: unit.committeeId, active: true)
            do {
                try await SQLUserStore(database: db).create(user, passwordHash: hash, audit: UserCommand.audit(.userCreate))
            } catch let e as DomainError {
                Boot.fail(e.fields.first?.message ?? e.message)
            }
            print("Created \(username) (\(role.swedishTitle), \(unit.name)).")
            if generated { print("Password (shown once): \(password)") }
            await db.close()
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user; their sessions and tokens end at once.")
        @Argument var username: String
        func run() async throws {
            let db = await Boot.open(Boot.config(), logger: Boot.logger())
            let store = SQLUserStore(database: db)
            let user = try await UserCommand.find(username, store)
            try await store.setActive(userId: user.id, active: false, audit: UserCommand.audit(.userDisable))
            print("Disabled \(user.username); their sessions and tokens have ended.")
            await db.close()
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled user.")
        @Argument var username: String
        func run() async throws {
            let db = await Boot.open(Boot.config(), logger: Boot.logger())
            let store = SQLUserStore(database: db)
            let user = try await UserCommand.find(username, store)
            try await store.setActive(userId: user.id, active: true, audit: UserCommand.audit(.userEnable))
            print("Enabled \(user.username).")
            await db.close()
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password (SAMSYN_NEW_PASSWORD or generated); ends the user's sessions.")
        @Argument var username: String
        func run() async throws {
            let db = await Boot.open(Boot.config(), logger: Boot.logger())
            let store = SQLUserStore(database: db)
            let user = try await UserCommand.find(username, store)
            let (password, generated) = UserCommand.newPassword()
            try await store.setPassword(userId: user.id, passwordHash: try await BcryptHasher().hash(password), audit: UserCommand.audit(.userResetPassword))
            print("New password set for \(user.username); their sessions have ended.")
            if generated { print("Password (shown once): \(password)") }
            await db.close()
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link a user to their identity at the staff sign-on (issuer and subject); logged in the access log.")
        @Argument var username: String
        @Option(help: "The sign-on's issuer, exactly as in its ID tokens (default: SAMSYN_OIDC_STAFF_ISSUER).") var issuer: String?
        @Option(help: "The employee's id there (the claim SAMSYN_OIDC_STAFF_SUBJECT_CLAIM names; default sub).") var subject: String
        func run() async throws {
            let config = Boot.config()
            guard let issuer = issuer ?? config.login.staff?.issuer else { Boot.fail("--issuer: needed when SAMSYN_OIDC_STAFF_ISSUER is not set") }
            let db = await Boot.open(config, logger: Boot.logger())
            let user = try await UserCommand.find(username, SQLUserStore(database: db))
            let links = StaffIdentityLinks(store: SQLOIDCStore(database: db), users: SQLUserStore(database: db), clock: SystemClock())
            do {
                try await links.link(userId: user.id, issuer: issuer, subject: subject, actor: nil, requestId: "cli", channel: "cli")
            } catch let e as DomainError {
                Boot.fail(e.fields.first?.message ?? e.message)
            }
            print("Linked \(user.username) to \(subject) at \(issuer).")
            await db.close()
        }
    }

    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user's link to the staff sign-on; their sessions from it end.")
        @Argument var username: String
        func run() async throws {
            let db = await Boot.open(Boot.config(), logger: Boot.logger())
            let user = try await UserCommand.find(username, SQLUserStore(database: db))
            let links = StaffIdentityLinks(store: SQLOIDCStore(database: db), users: SQLUserStore(database: db), clock: SystemClock())
            do {
                try await links.unlink(userId: user.id, actor: nil, requestId: "cli", channel: "cli")
            } catch let e as DomainError {
                Boot.fail(e.message)
            }
            print("Unlinked \(user.username).")
            await db.close()
        }
    }
}
