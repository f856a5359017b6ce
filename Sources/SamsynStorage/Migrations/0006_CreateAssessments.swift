let m0006_CreateAssessments = Migration.statements(6, "CreateAssessments") { _ in
    [
        // Every instrument version ever loaded, as canonical JSON: responses are always shown in the
        // wording of their version, and a version's text cannot change once it is in use.
        """
        CREATE TABLE instrument_versions (
            instrument_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            loaded_at BIGINT NOT NULL,
            PRIMARY KEY (instrument_id, version)
        )
        """,
        """
        CREATE TABLE assessment_responses (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            instrument_id TEXT NOT NULL,
            instrument_version INTEGER NOT NULL,
            part_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'completed', 'superseded')),
            revision INTEGER NOT NULL,
            replaces_id TEXT REFERENCES assessment_responses(id),
            revision_reason TEXT,
            started_by TEXT NOT NULL REFERENCES users(id),
            started_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            completed_at BIGINT,
            completed_by TEXT REFERENCES users(id),
            active_ms BIGINT NOT NULL,
            last_activity_at BIGINT NOT NULL,
            version BIGINT NOT NULL,
            FOREIGN KEY (person_id, committee_id) REFERENCES person_files(person_id, committee_id)
        )
        """,
        "CREATE INDEX assessment_responses_person ON assessment_responses (person_id, committee_id, started_at)",
        // At most one draft of a part per person and committee (two people starting at once get the same one).
        """
        CREATE UNIQUE INDEX assessment_responses_one_draft ON assessment_responses (person_id, committee_id, instrument_id, part_id)
        WHERE status = 'draft'
        """,
        "CREATE INDEX assessment_responses_unit_completed ON assessment_responses (unit_id, status)",
        """
        CREATE TABLE assessment_answers (
            response_id TEXT NOT NULL REFERENCES assessment_responses(id),
            question_id TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            concept TEXT,
            value TEXT NOT NULL,
            sensitive BOOLEAN NOT NULL,
            answered_at BIGINT NOT NULL,
            answered_by TEXT NOT NULL REFERENCES users(id),
            source_response_id TEXT REFERENCES assessment_responses(id),
            PRIMARY KEY (response_id, question_id)
        )
        """,
        // Pre-fill looks up a person's answers by concept within the committee.
        "CREATE INDEX assessment_answers_concept ON assessment_answers (person_id, committee_id, concept)",
    ]
}
