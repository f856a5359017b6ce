let m0007_CreateInterventions = Migration.statements(7, "CreateInterventions") { _ in
    [
        """
        CREATE TABLE providers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            committee_id TEXT NOT NULL REFERENCES committees(id)
        )
        """,
        """
        CREATE TABLE interventions (
            id TEXT PRIMARY KEY,
            provider_id TEXT NOT NULL REFERENCES providers(id),
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            target_group TEXT NOT NULL,
            description TEXT NOT NULL,
            typical_weeks INTEGER,
            capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
            one_at_a_time BOOLEAN NOT NULL
        )
        """,
        """
        CREATE TABLE intervention_allotments (
            intervention_id TEXT NOT NULL REFERENCES interventions(id),
            district_id TEXT NOT NULL REFERENCES committees(id),
            places INTEGER NOT NULL CHECK (places >= 0),
            PRIMARY KEY (intervention_id, district_id)
        )
        """,
        """
        CREATE TABLE intervention_queue (
            id TEXT PRIMARY KEY,
            intervention_id TEXT NOT NULL REFERENCES interventions(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            district_id TEXT NOT NULL REFERENCES committees(id),
            queued_at BIGINT NOT NULL,
            priority_reason TEXT,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted', 'declined', 'withdrawn')),
            offered_at BIGINT,
            decided_at BIGINT
        )
        """,
        // One open entry per person and intervention.
        """
        CREATE UNIQUE INDEX intervention_queue_one_open ON intervention_queue (intervention_id, person_id)
        WHERE status IN ('waiting', 'offered', 'accepted')
        """,
        "CREATE INDEX intervention_queue_order ON intervention_queue (intervention_id, status, queued_at)",
    ]
}
