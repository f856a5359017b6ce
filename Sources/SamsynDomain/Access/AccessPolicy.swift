/// What a role may do. Deny by default: a permission not listed for a role is refused.
public enum Permission: String, Sendable, CaseIterable {
    case searchPersons = "search_persons"
    case readPerson = "read_person"
    case registerPerson = "register_person"
    case administerOrganisation = "administer_organisation"
    case administerUsers = "administer_users"
    case reviewAccessLog = "review_access_log"
    /// Fill in the parts of an instrument owned by the user's unit type.
    case fillAssessment = "fill_assessment"
    /// Read the committee's assessment answers (sensitive ones only with `readSensitiveAnswers`).
    case readAssessment = "read_assessment"
    /// See answers to sensitive questions (violence, substance use, mental health): the caseworkers who ask them.
    case readSensitiveAnswers = "read_sensitive_answers"
    /// See the unit's figures, e.g. the median time per instrument part.
    case viewUnitStatistics = "view_unit_statistics"
    /// See the city's intervention catalogue with places and queue lengths (no personal data).
    case viewCatalogue = "view_catalogue"
    /// Queue the committee's people for interventions, offer places and record the answers.
    case manageQueue = "manage_queue"
    /// Occupancy, queue lengths and waiting times per intervention and district (counts, no persons).
    case viewInterventionFigures = "view_intervention_figures"
    /// The need-assessment fairness report and what-if runs of a rule version (counts, small cells suppressed).
    case viewNeedStatistics = "view_need_statistics"
    /// Take a need-assessment rule version into use.
    case manageNeedRules = "manage_need_rules"
}

public enum AccessPolicy {
    static let grants: [Role: Set<Permission>] = [
        .intakeOfficer: [.searchPersons, .readPerson, .registerPerson, .fillAssessment, .readAssessment, .readSensitiveAnswers, .viewCatalogue],
        .socialSecretary: [.searchPersons, .readPerson, .registerPerson, .fillAssessment, .readAssessment, .readSensitiveAnswers, .viewCatalogue, .manageQueue],
        .coach: [.searchPersons, .readPerson, .registerPerson, .fillAssessment, .readAssessment, .readSensitiveAnswers, .viewCatalogue, .manageQueue],
        // Managers steer by caseload and figures; they read answers but not the sensitive ones.
        .unitManager: [.searchPersons, .readPerson, .reviewAccessLog, .readAssessment, .viewUnitStatistics, .viewCatalogue, .manageQueue, .viewInterventionFigures, .viewNeedStatistics],
        .systemAdministrator: [.administerOrganisation, .administerUsers, .viewCatalogue, .manageNeedRules],
        // Analysts, researchers, partners and the person themself get no access to person files here:
        // aggregated statistics, research extracts, consented sharing and the person's own page come later.
        .analyst: [.viewCatalogue, .viewInterventionFigures, .viewNeedStatistics],
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
