/// Research extracts (issue 17): a researcher's project application with its decision, the project's
/// pseudonym key (made at approval, never shown or released) and every delivered file.
let m0032_ResearchExtracts = Migration.statements(32, "ResearchExtracts") { _ in
    [
        """
        CREATE TABLE research_projects (
            id TEXT PRIMARY KEY,
            researcher_user_id TEXT NOT NULL REFERENCES users(id),
            researcher_name TEXT NOT NULL,
            title TEXT NOT NULL,
            approval_number TEXT NOT NULL,
            purpose TEXT NOT NULL,
            data_from TEXT NOT NULL,
            data_to TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            population TEXT NOT NULL CHECK (population IN ('aid', 'jobbtorg')),
            variables TEXT NOT NULL,
            k INTEGER NOT NULL CHECK (k >= 2),
            status TEXT NOT NULL CHECK (status IN ('applied', 'approved', 'refused')),
            applied_at BIGINT NOT NULL,
            decided_at BIGINT,
            decided_by_user_id TEXT REFERENCES users(id),
            decided_by_name TEXT,
            refusal_reason TEXT,
            CHECK (data_to >= data_from),
            CHECK ((status = 'applied') = (decided_at IS NULL)),
            CHECK (status <> 'refused' OR refusal_reason IS NOT NULL),
            CHECK (decided_by_user_id IS NULL OR decided_by_user_id <> researcher_user_id)
        )
        """,
        "CREATE INDEX research_projects_researcher ON research_projects (researcher_user_id, applied_at)",
        "CREATE INDEX research_projects_status ON research_projects (status, applied_at)",
        """
        CREATE TABLE research_project_keys (
            project_id TEXT PRIMARY KEY REFERENCES research_projects(id),
            key_hex TEXT NOT NULL CHECK (length(key_hex) = 64),
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE research_deliveries (
            id TEXT PRIMARY KEY,
            project_id TEXT NOT NULL REFERENCES research_projects(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            file TEXT NOT NULL CHECK (file IN ('data.csv', 'codebook.csv', 'manifest.json')),
            sha256 TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            delivered_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX research_deliveries_project ON research_deliveries (project_id, delivered_at)",
    ]
}
