/// A list read (a search's hits, a queue or task page) is one access-log row naming every person shown:
/// `person_ids` holds the list as hashed into the chain, and `access_log_persons` indexes it by person, so
/// "who has seen this person" is still one indexed query. Both are append-only, like the log.
let m0012_AccessLogPersonLists = Migration.statements(12, "AccessLogPersonLists") { kind in
    var statements = [
        "ALTER TABLE access_log ADD COLUMN person_ids TEXT",
        """
        CREATE TABLE access_log_persons (
            person_id TEXT NOT NULL,
            seq BIGINT NOT NULL REFERENCES access_log(seq),
            PRIMARY KEY (person_id, seq)
        )
        """,
    ]
    if kind == .postgres {
        statements.append(
            "CREATE TRIGGER access_log_persons_no_change BEFORE UPDATE OR DELETE ON access_log_persons FOR EACH ROW EXECUTE FUNCTION access_log_append_only()")
    } else {
        statements += [
            "CREATE TRIGGER access_log_persons_no_update BEFORE UPDATE ON access_log_persons BEGIN SELECT RAISE(ABORT, 'access_log_persons is append-only'); END",
            "CREATE TRIGGER access_log_persons_no_delete BEFORE DELETE ON access_log_persons BEGIN SELECT RAISE(ABORT, 'access_log_persons is append-only'); END",
        ]
    }
    return statements
}
