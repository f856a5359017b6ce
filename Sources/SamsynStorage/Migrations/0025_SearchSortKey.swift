/// The search index carries each file's sort key (last name, first name, personnummer, as the hit list is
/// ordered), so a name search picks its page of hits from the token index alone and joins only the persons it
/// shows. Before, every person with a matching token was joined to its file and identity to be sorted: a
/// common name at 100,000 persons took 3–7 ms in SQLite. The separator is U+0001, below every character a
/// name can hold, so the joined key sorts as the three columns do. Names and numbers are not changed after
/// registration; a new file writes its key with its tokens.
let m0025_SearchSortKey = Migration.statements(25, "SearchSortKey") { kind in
    let bytewise = kind == .postgres ? " COLLATE \"C\"" : ""
    let separator = kind == .postgres ? "chr(1)" : "char(1)"
    var s = [
        "ALTER TABLE person_search_tokens ADD COLUMN sort_key TEXT\(bytewise)",
        """
        UPDATE person_search_tokens SET sort_key = (
            SELECT f.last_norm || \(separator) || f.first_norm || \(separator) || p.identity_number
            FROM person_files f JOIN persons p ON p.id = f.person_id
            WHERE f.person_id = person_search_tokens.person_id AND f.committee_id = person_search_tokens.committee_id)
        """,
        "CREATE INDEX person_search_tokens_sorted ON person_search_tokens (committee_id, kind, token, sort_key, person_id)",
    ]
    switch kind {
    case .postgres:
        s.append("ALTER TABLE person_search_tokens ALTER COLUMN sort_key SET NOT NULL")
    case .sqlite:
        // SQLite cannot add NOT NULL to an existing column: triggers refuse the row instead.
        s += [
            "CREATE TRIGGER person_search_tokens_sort_insert BEFORE INSERT ON person_search_tokens WHEN NEW.sort_key IS NULL BEGIN SELECT RAISE(ABORT, 'person_search_tokens: sort_key is required'); END",
            "CREATE TRIGGER person_search_tokens_sort_update BEFORE UPDATE ON person_search_tokens WHEN NEW.sort_key IS NULL BEGIN SELECT RAISE(ABORT, 'person_search_tokens: sort_key is required'); END",
        ]
    }
    return s
}
