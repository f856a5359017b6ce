import SQLKit
import SamsynDomain

/// Name, contact details and protected identity move from the registry's `persons` row to each committee's
/// `person_files` row: what one committee entered never reaches the other, not even by registering the same
/// number. `persons` keeps the identity (id, personnummer, its history), the link consent relies on. Every
/// existing file gets the values the person had, then the global columns are dropped.
///
/// The search index becomes `person_search_tokens`, per committee as before, with street tokens beside the
/// name tokens, both folded (case and diacritics: "nystrom" finds "Nyström"). SQL cannot fold alike on both
/// dialects, so the tokens of existing files are written by the data step in Swift with the same function
/// new files use. `phone_digits` is the phone's digits (a leading +46 or 0046 as 0), indexed per committee.
/// Persons with protected identity get no street tokens and are never found by phone or street.
/// `access_log_user` lets the search page list a user's recently opened persons from the log itself.
let m0013_PersonFileValues = Migration.statements(13, "PersonFileValues", { kind in
    let bytewise = kind == .postgres ? " COLLATE \"C\"" : ""
    let values = [
        ("first_name", "TEXT"), ("last_name", "TEXT"), ("first_norm", "TEXT\(bytewise)"), ("last_norm", "TEXT\(bytewise)"), ("phone", "TEXT"),
        ("email", "TEXT"), ("street", "TEXT"), ("postal_code", "TEXT"), ("city", "TEXT"), ("protected_identity", "BOOLEAN"),
        ("updated_at", "BIGINT"), ("version", "BIGINT"),
    ]
    let required = ["first_name", "last_name", "first_norm", "last_norm", "protected_identity", "updated_at", "version"]
    var s = values.map { "ALTER TABLE person_files ADD COLUMN \($0.0) \($0.1)" }
    s.append("ALTER TABLE person_files ADD COLUMN phone_digits TEXT\(bytewise)")
    let names = values.map(\.0).joined(separator: ", ")
    s.append(
        """
        UPDATE person_files SET (\(names)) = (SELECT \(values.map { "p." + $0.0 }.joined(separator: ", ")) FROM persons p WHERE p.id = person_files.person_id)
        """)
    // Digits only (registration allows digits and " +-()" in a phone number), a leading +46 or 0046 as 0.
    s += [
        "UPDATE person_files SET phone_digits = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '') WHERE phone IS NOT NULL",
        "UPDATE person_files SET phone_digits = '0' || SUBSTR(phone_digits, 3) WHERE phone LIKE '+46%'",
        "UPDATE person_files SET phone_digits = '0' || SUBSTR(phone_digits, 5) WHERE phone NOT LIKE '+46%' AND phone_digits LIKE '0046%'",
        "UPDATE person_files SET phone_digits = NULL WHERE phone_digits = ''",
    ]
    switch kind {
    case .postgres:
        s.append("ALTER TABLE person_files " + required.map { "ALTER COLUMN \($0) SET NOT NULL" }.joined(separator: ", "))
    case .sqlite:
        // SQLite cannot add NOT NULL to an existing column: triggers refuse the row instead.
        let missing = required.map { "NEW.\($0) IS NULL" }.joined(separator: " OR ")
        s += [
            "CREATE TRIGGER person_files_values_insert BEFORE INSERT ON person_files WHEN \(missing) BEGIN SELECT RAISE(ABORT, 'person_files: name and version are required'); END",
            "CREATE TRIGGER person_files_values_update BEFORE UPDATE ON person_files WHEN \(missing) BEGIN SELECT RAISE(ABORT, 'person_files: name and version are required'); END",
        ]
    }
    s.append("DROP INDEX persons_name")
    for column in ["first_name", "last_name", "first_norm", "last_norm", "phone", "email", "street", "postal_code", "city", "protected_identity"] {
        s.append("ALTER TABLE persons DROP COLUMN \(column)")
    }
    s += [
        """
        CREATE TABLE person_search_tokens (
            committee_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('name', 'street')),
            token TEXT\(bytewise) NOT NULL,
            person_id TEXT NOT NULL,
            PRIMARY KEY (committee_id, kind, token, person_id),
            FOREIGN KEY (person_id, committee_id) REFERENCES person_files(person_id, committee_id)
        )
        """,
        // Per file and kind, with the token: "the other tokens of this person" (an initial beside a surname)
        // is a lookup per candidate, not a scan of every token with that initial.
        "CREATE INDEX person_search_tokens_file ON person_search_tokens (person_id, committee_id, kind, token)",
        "DROP TABLE person_name_tokens",
        "CREATE INDEX person_files_phone ON person_files (committee_id, phone_digits)",
        "CREATE INDEX access_log_user ON access_log (user_id, seq)",
    ]
    return s
}, then: "search-tokens-v1") { db, _ in
    struct Row: Decodable { let person_id: String, committee_id: String, first_name: String, last_name: String, street: String?, protected_identity: Bool }
    let rows = try await db.raw("SELECT person_id, committee_id, first_name, last_name, street, protected_identity FROM person_files ORDER BY person_id, committee_id")
        .all(decoding: Row.self)
    var tokens: [SQLQueryString] = []
    for r in rows {
        let file = SQLPersonStore.FileValues(
            personId: r.person_id, committeeId: r.committee_id, firstName: r.first_name, lastName: r.last_name, street: r.street,
            protectedIdentity: r.protected_identity)
        tokens += file.tokenRows
        if tokens.count >= 500 {
            try await SQLPersonStore.insertTokens(tokens, db)
            tokens = []
        }
    }
    try await SQLPersonStore.insertTokens(tokens, db)
}
