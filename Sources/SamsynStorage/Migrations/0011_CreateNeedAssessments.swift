/// The joint need assessment: the rule-set versions as loaded (their text may not change once stored), and
/// one row per assessment with both units' views and the decision.
let m0011_CreateNeedAssessments = Migration.statements(11, "CreateNeedAssessments") { kind in
    let bool = kind == .postgres ? "BOOLEAN" : "INTEGER"
    return [
        """
        CREATE TABLE need_rule_versions (
            version INTEGER PRIMARY KEY,
            json TEXT NOT NULL,
            loaded_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE need_assessments (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            district_unit_id TEXT NOT NULL REFERENCES units(id),
            jobbtorg_committee_id TEXT REFERENCES committees(id),
            jobbtorg_unit_id TEXT REFERENCES units(id),
            status TEXT NOT NULL CHECK (status IN ('open', 'decided')),
            started_at BIGINT NOT NULL,
            started_by_name TEXT NOT NULL,
            district_category TEXT,
            district_parallel \(bool),
            district_comment TEXT,
            district_by TEXT REFERENCES users(id),
            district_by_name TEXT,
            district_at BIGINT,
            jobbtorg_category TEXT,
            jobbtorg_parallel \(bool),
            jobbtorg_comment TEXT,
            jobbtorg_by TEXT REFERENCES users(id),
            jobbtorg_by_name TEXT,
            jobbtorg_at BIGINT,
            decided_category TEXT,
            lead_unit TEXT CHECK (lead_unit IN ('jobbtorg', 'district', 'joint')),
            parallel \(bool),
            review_on TEXT,
            suggested TEXT,
            rule_version INTEGER,
            deviation_reason TEXT,
            decided_on TEXT,
            decided_at BIGINT,
            decided_by TEXT REFERENCES users(id),
            decided_by_name TEXT,
            co_decided_by TEXT REFERENCES users(id),
            co_decided_by_name TEXT,
            version INTEGER NOT NULL,
            CHECK (status = 'open' OR (decided_category IS NOT NULL AND review_on IS NOT NULL AND decided_by IS NOT NULL))
        )
        """,
        "CREATE UNIQUE INDEX need_assessments_one_open ON need_assessments (person_id, committee_id) WHERE status = 'open'",
        "CREATE INDEX need_assessments_person ON need_assessments (person_id, committee_id)",
        "CREATE INDEX need_assessments_decided ON need_assessments (decided_on) WHERE status = 'decided'",
    ]
}
