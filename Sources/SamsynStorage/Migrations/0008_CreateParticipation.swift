/// Participation episodes, work-ability testing (placements, instrument results, conclusion), and the
/// queue's `ended` status (the place is free again when the participation on it ends) with a reason column.
let m0008_CreateParticipation = Migration.statements(8, "CreateParticipation") { kind in
    let statuses = "'waiting', 'offered', 'accepted', 'declined', 'withdrawn', 'ended'"
    let queue: [String] =
        kind == .postgres
        ? [
            "ALTER TABLE intervention_queue DROP CONSTRAINT intervention_queue_status_check",
            "ALTER TABLE intervention_queue ADD CONSTRAINT intervention_queue_status_check CHECK (status IN (\(statuses)))",
            "ALTER TABLE intervention_queue ADD COLUMN closed_reason TEXT",
        ]
        // SQLite cannot change a CHECK constraint: rebuild the table with the same rows.
        : [
            """
            CREATE TABLE intervention_queue_v2 (
                id TEXT PRIMARY KEY,
                intervention_id TEXT NOT NULL REFERENCES interventions(id),
                person_id TEXT NOT NULL REFERENCES persons(id),
                committee_id TEXT NOT NULL REFERENCES committees(id),
                unit_id TEXT NOT NULL REFERENCES units(id),
                district_id TEXT NOT NULL REFERENCES committees(id),
                queued_at BIGINT NOT NULL,
                priority_reason TEXT,
                status TEXT NOT NULL CHECK (status IN (\(statuses))),
                offered_at BIGINT,
                decided_at BIGINT,
                closed_reason TEXT
            )
            """,
            """
            INSERT INTO intervention_queue_v2 (id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason,
                status, offered_at, decided_at)
            SELECT id, intervention_id, person_id, committee_id, unit_id, district_id, queued_at, priority_reason, status, offered_at, decided_at
            FROM intervention_queue
            """,
            "DROP TABLE intervention_queue",
            "ALTER TABLE intervention_queue_v2 RENAME TO intervention_queue",
            """
            CREATE UNIQUE INDEX intervention_queue_one_open ON intervention_queue (intervention_id, person_id)
            WHERE status IN ('waiting', 'offered', 'accepted')
            """,
            "CREATE INDEX intervention_queue_order ON intervention_queue (intervention_id, status, queued_at)",
        ]
    return queue + [
        // A committee's queue page reads its own open entries of one intervention.
        "CREATE INDEX intervention_queue_committee ON intervention_queue (intervention_id, committee_id, status)",
        "CREATE INDEX intervention_queue_person ON intervention_queue (person_id)",
        """
        CREATE TABLE intervention_episodes (
            id TEXT PRIMARY KEY,
            intervention_id TEXT NOT NULL REFERENCES interventions(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            queue_entry_id TEXT REFERENCES intervention_queue(id),
            start_date TEXT NOT NULL,
            planned_end TEXT,
            actual_end TEXT,
            outcome TEXT CHECK (outcome IS NULL OR outcome IN ('completed', 'interrupted', 'work', 'studies')),
            interruption_reason TEXT,
            sub_goal TEXT,
            created_at BIGINT NOT NULL,
            version INTEGER NOT NULL,
            CHECK (actual_end IS NULL OR actual_end >= start_date),
            CHECK ((actual_end IS NULL) = (outcome IS NULL))
        )
        """,
        "CREATE INDEX intervention_episodes_person ON intervention_episodes (person_id, intervention_id)",
        // A place is used by one episode.
        "CREATE UNIQUE INDEX intervention_episodes_entry ON intervention_episodes (queue_entry_id)",
        """
        CREATE TABLE work_placements (
            id TEXT PRIMARY KEY,
            episode_id TEXT NOT NULL REFERENCES intervention_episodes(id),
            workplace TEXT NOT NULL,
            tasks TEXT NOT NULL,
            support TEXT NOT NULL CHECK (support IN ('supported_employment', 'work_training', 'praktik')),
            start_date TEXT NOT NULL,
            end_date TEXT,
            hours_per_week INTEGER,
            observations TEXT NOT NULL,
            CHECK (end_date IS NULL OR end_date >= start_date)
        )
        """,
        "CREATE INDEX work_placements_episode ON work_placements (episode_id)",
        """
        CREATE TABLE work_ability_assessments (
            id TEXT PRIMARY KEY,
            episode_id TEXT NOT NULL REFERENCES intervention_episodes(id),
            instrument TEXT NOT NULL,
            other_name TEXT,
            assessed_on TEXT NOT NULL,
            assessor TEXT NOT NULL,
            ratings TEXT NOT NULL,
            summary TEXT NOT NULL
        )
        """,
        "CREATE INDEX work_ability_assessments_episode ON work_ability_assessments (episode_id)",
        """
        CREATE TABLE work_ability_conclusions (
            episode_id TEXT PRIMARY KEY REFERENCES intervention_episodes(id),
            abilities TEXT NOT NULL,
            adaptations TEXT NOT NULL,
            recommendation TEXT NOT NULL,
            written_by TEXT NOT NULL,
            written_at BIGINT NOT NULL,
            version INTEGER NOT NULL
        )
        """,
    ]
}
