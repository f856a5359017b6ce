let m0004_CreateAccessLog = Migration.statements(4, "CreateAccessLog") { kind in
    var s = [
        """
        CREATE TABLE access_log (
            seq BIGINT PRIMARY KEY,
            at BIGINT NOT NULL,
            request_id TEXT NOT NULL,
            user_id TEXT,
            username TEXT,
            role TEXT,
            unit_id TEXT,
            committee_id TEXT,
            person_id TEXT,
            action TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied')),
            detail TEXT,
            before_value TEXT,
            after_value TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """,
        "CREATE INDEX access_log_person ON access_log (person_id, seq)",
        "CREATE INDEX access_log_committee ON access_log (committee_id, seq)",
        // The head of the hash chain: one row, locked by every append so rows chain in order,
        // also across two Samsyn processes on one PostgreSQL.
        "CREATE TABLE access_log_head (id INTEGER PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL)",
        "INSERT INTO access_log_head (id, seq, hash) VALUES (1, 0, '\(String(repeating: "0", count: 64))')",
    ]
    // Append-only: the database itself refuses to change or remove a row.
    switch kind {
    case .sqlite:
        s += [
            "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END",
            "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END",
        ]
    case .postgres:
        s += [
            """
            CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$
            """,
            "CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_append_only()",
        ]
    }
    return s
}
