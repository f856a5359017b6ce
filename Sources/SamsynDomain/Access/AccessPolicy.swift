/// What a role may do. Deny by default: a permission not listed for a role is refused.
public enum Permission: String, Sendable, CaseIterable {
    case searchPersons = "search_persons"
    case readPerson = "read_person"
    case registerPerson = "register_person"
    case administerOrganisation = "administer_organisation"
    case administerUsers = "administer_users"
    case reviewAccessLog = "review_access_log"
}

public enum AccessPolicy {
    static let grants: [Role: Set<Permission>] = [
        .intakeOfficer: [.searchPersons, .readPerson, .registerPerson],
        .socialSecretary: [.searchPersons, .readPerson, .registerPerson],
        .coach: [.searchPersons, .readPerson, .registerPerson],
        .unitManager: [.searchPersons, .readPerson, .reviewAccessLog],
        .systemAdministrator: [.administerOrganisation, .administerUsers],
        // Analysts, researchers, partners and the person themself get no access to person files here:
        // aggregated statistics, research extracts, consented sharing and the person's own page come later.
        .analyst: [],
        .researcher: [],
        .partner: [],
        .citizen: [],
    ]

    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        grants[role]?.contains(permission) ?? false
    }

    /// Secrecy between committees: a person is visible only where the user's committee holds a file.
    public static func canSee(files: [PersonFile], committeeId: String) -> Bool {
        files.contains { $0.committeeId == committeeId }
    }
}
