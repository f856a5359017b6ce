let m0001_CreateOrganisation = Migration.statements(1, "CreateOrganisation") { _ in
    [
        """
        CREATE TABLE committees (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('district', 'labour_market', 'administration')),
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE units (
            id TEXT PRIMARY KEY,
            committee_id TEXT NOT NULL REFERENCES committees(id),
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX units_committee ON units (committee_id)",
    ]
}
