/// The journal: one row per note. A signed row can never be updated or deleted — the database refuses it
/// with a trigger on both dialects — so a signed note has no UPDATE path even outside Samsyn's stores; a
/// correction is a new row whose `corrects_id` points to the signed note it corrects.
let m0014_CreateJournal = Migration.statements(14, "CreateJournal") { kind in
    var statements = [
        """
        CREATE TABLE journal_notes (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            kind TEXT NOT NULL CHECK (kind IN ('phone', 'visit', 'meeting', 'letter', 'decision', 'other')),
            event_date TEXT NOT NULL,
            text TEXT NOT NULL CHECK (length(text) > 0),
            author_id TEXT NOT NULL REFERENCES users(id),
            author_name TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            signed_at BIGINT,
            signed_by_name TEXT,
            corrects_id TEXT REFERENCES journal_notes(id),
            version INTEGER NOT NULL,
            CHECK ((signed_at IS NULL) = (signed_by_name IS NULL))
        )
        """,
        "CREATE INDEX journal_notes_person ON journal_notes (person_id, event_date)",
        "CREATE INDEX journal_notes_corrects ON journal_notes (corrects_id) WHERE corrects_id IS NOT NULL",
    ]
    if kind == .postgres {
        statements += [
            """
            CREATE FUNCTION journal_notes_signed_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'a signed journal note cannot be changed or deleted'; END $$
            """,
            "CREATE TRIGGER journal_notes_signed_no_change BEFORE UPDATE OR DELETE ON journal_notes FOR EACH ROW WHEN (OLD.signed_at IS NOT NULL) EXECUTE FUNCTION journal_notes_signed_unchanged()",
        ]
    } else {
        statements += [
            "CREATE TRIGGER journal_notes_signed_no_update BEFORE UPDATE ON journal_notes WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a signed journal note cannot be changed'); END",
            "CREATE TRIGGER journal_notes_signed_no_delete BEFORE DELETE ON journal_notes WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a signed journal note cannot be deleted'); END",
        ]
    }
    return statements
}
