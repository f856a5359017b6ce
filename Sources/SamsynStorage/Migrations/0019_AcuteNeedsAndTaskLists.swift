/// Acute needs (akut behov) found in completed instrument parts, each open until a caseworker marks it
/// handled with a note of what was done; and the task lists' upgrades: a task a manager handed to another
/// worker keeps that worker until its case changes hands, and the list pages read acute tasks first from
/// the index.
let m0019_AcuteNeedsAndTaskLists = Migration.statements(19, "AcuteNeedsAndTaskLists") { _ in
    [
        """
        CREATE TABLE acute_needs (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            response_id TEXT NOT NULL REFERENCES assessment_responses(id),
            rule_version INTEGER NOT NULL,
            rule_ids TEXT NOT NULL,
            detected_at BIGINT NOT NULL,
            detected_by TEXT NOT NULL REFERENCES users(id),
            handled_at BIGINT,
            handled_by TEXT REFERENCES users(id),
            handled_by_name TEXT,
            handled_note TEXT,
            version INTEGER NOT NULL,
            CHECK ((handled_at IS NULL AND handled_by IS NULL AND handled_note IS NULL)
                OR (handled_at IS NOT NULL AND handled_by IS NOT NULL AND handled_by_name IS NOT NULL AND handled_note IS NOT NULL))
        )
        """,
        // One open acute need per person and committee: a later part's signals join it until it is handled.
        "CREATE UNIQUE INDEX acute_needs_one_open ON acute_needs (person_id, committee_id) WHERE handled_at IS NULL",
        "CREATE INDEX acute_needs_person ON acute_needs (person_id, detected_at)",
        "ALTER TABLE case_tasks ADD COLUMN reassigned_at BIGINT",
        "ALTER TABLE case_tasks ADD COLUMN derived_assignee_id TEXT",
        "CREATE INDEX case_tasks_unit_acute_page ON case_tasks (unit_id, (CASE WHEN kind = 'acute_need' THEN 0 ELSE 1 END), due_on, task_key) WHERE settled_at IS NULL",
        "CREATE INDEX case_tasks_assignee_acute_page ON case_tasks (assignee_id, (CASE WHEN kind = 'acute_need' THEN 0 ELSE 1 END), due_on, task_key) WHERE settled_at IS NULL",
    ]
}
