let m0003_CreatePersons = Migration.statements(3, "CreatePersons") { kind in
    // Byte-wise ordering for the normalised name columns so prefix ranges use the index on PostgreSQL too.
    let bytewise = kind == .postgres ? " COLLATE \"C\"" : ""
    return [
        """
        CREATE TABLE persons (
            id TEXT PRIMARY KEY,
            identity_number TEXT NOT NULL UNIQUE,
            identity_kind TEXT NOT NULL,
            first_name TEXT NOT NULL,
            last_name TEXT NOT NULL,
            first_norm TEXT\(bytewise) NOT NULL,
            last_norm TEXT\(bytewise) NOT NULL,
            phone TEXT,
            email TEXT,
            street TEXT,
            postal_code TEXT,
            city TEXT,
            protected_identity BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            version BIGINT NOT NULL
        )
        """,
        "CREATE INDEX persons_name ON persons (last_norm, first_norm)",
        // Every number a person has had, so a changed personnummer keeps the history and old numbers still find them.
        """
        CREATE TABLE person_identity_numbers (
            person_id TEXT NOT NULL REFERENCES persons(id),
            identity_number TEXT NOT NULL,
            valid_from BIGINT NOT NULL,
            valid_to BIGINT,
            PRIMARY KEY (person_id, identity_number)
        )
        """,
        "CREATE INDEX person_identity_numbers_number ON person_identity_numbers (identity_number)",
        // Name search runs within one committee (secrecy), so its index is per committee: a person's
        // name tokens are written once for every committee that holds a file for them.
        """
        CREATE TABLE person_name_tokens (
            committee_id TEXT NOT NULL REFERENCES committees(id),
            token TEXT\(bytewise) NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            PRIMARY KEY (committee_id, token, person_id)
        )
        """,
        "CREATE INDEX person_name_tokens_person ON person_name_tokens (person_id)",
        """
        CREATE TABLE person_files (
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            opened_at BIGINT NOT NULL,
            opened_by_unit_id TEXT NOT NULL REFERENCES units(id),
            PRIMARY KEY (person_id, committee_id)
        )
        """,
        "CREATE INDEX person_files_committee ON person_files (committee_id, person_id)",
        "CREATE INDEX person_files_unit_opened ON person_files (opened_by_unit_id, opened_at)",
    ]
}
