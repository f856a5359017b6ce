/// The roles of MISSION.md. A staff user has one role and belongs to one unit.
public enum Role: String, Sendable, Codable, CaseIterable {
    case intakeOfficer = "intake_officer"
    case socialSecretary = "social_secretary"
    case coach
    case unitManager = "unit_manager"
    case analyst
    case researcher
    case partner
    case citizen
    case systemAdministrator = "system_administrator"

    /// The title shown in the interface.
    public var swedishTitle: String {
        switch self {
        case .intakeOfficer: "Mottagningssekreterare"
        case .socialSecretary: "Socialsekreterare"
        case .coach: "Coach"
        case .unitManager: "Enhetschef"
        case .analyst: "Analytiker"
        case .researcher: "Forskare"
        case .partner: "Samverkanspartner"
        case .citizen: "Aspirant"
        case .systemAdministrator: "Systemadministratör"
        }
    }
}
