/// Every migration, in order. Add new ones at the end; never edit or reorder one that has landed.
public enum MigrationRegistry {
    public static let all: [Migration] = [
        m0001_CreateOrganisation,
        m0002_CreateUsersAndSessions,
        m0003_CreatePersons,
        m0004_CreateAccessLog,
        m0005_CreateSettings,
        m0006_CreateAssessments,
        m0007_CreateInterventions,
        m0008_CreateParticipation,
        m0009_QueueOrderIndexes,
        m0010_CreateCaseFlow,
        m0011_CreateNeedAssessments,
        m0012_AccessLogPersonLists,
        m0013_PersonFileValues,
        m0014_CreateJournal,
        m0015_JointDecisionsAndFairQueues,
        m0016_CoveringListIndexes,
        m0018_NewVisitsAndInbox,
        m0019_AcuteNeedsAndTaskLists,
        m0020_ClosureAndRollCall,
        m0025_SearchSortKey,
        m0026_QueueCounts,
        m0029_OIDCIdentityLinks,
        m0030_SessionLogoutHint,
    ]
}
