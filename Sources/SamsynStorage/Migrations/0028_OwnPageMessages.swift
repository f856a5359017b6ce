/// Messages between the person and a unit (Mina sidor): threads with the unit, not a single worker, read receipts
/// both ways, and the notification outbox (a notification never holds the message, at most one per thread per 30
/// minutes, none to a person with protected identity), and when a meeting's record was published for the person.
let m0028_OwnPageMessages = Migration.statements(28, "OwnPageMessages") { _ in
    [
        """
        CREATE TABLE message_threads (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            subject TEXT NOT NULL,
            started_by_person BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL,
            last_message_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX message_threads_person ON message_threads (person_id, last_message_at)",
        "CREATE INDEX message_threads_unit ON message_threads (unit_id, last_message_at)",
        """
        CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            thread_id TEXT NOT NULL REFERENCES message_threads(id),
            from_person BOOLEAN NOT NULL,
            author_user_id TEXT REFERENCES users(id),
            author_name TEXT NOT NULL,
            body TEXT NOT NULL,
            sent_at BIGINT NOT NULL,
            read_at BIGINT
        )
        """,
        "CREATE INDEX messages_thread ON messages (thread_id, sent_at)",
        """
        CREATE TABLE notification_outbox (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            thread_id TEXT NOT NULL REFERENCES message_threads(id),
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            outcome TEXT
        )
        """,
        "CREATE INDEX notification_outbox_thread ON notification_outbox (thread_id, created_at)",
        "CREATE INDEX notification_outbox_pending ON notification_outbox (sent_at, created_at)",
        // A meeting's record is shown on Mina sidor once the caseworker publishes it for the person.
        "ALTER TABLE meetings ADD COLUMN published_at BIGINT",
    ]
}
