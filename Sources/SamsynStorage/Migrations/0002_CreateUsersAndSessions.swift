let m0002_CreateUsersAndSessions = Migration.statements(2, "CreateUsersAndSessions") { _ in
    [
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            unit_id TEXT NOT NULL REFERENCES units(id),
            password_hash TEXT NOT NULL,
            active BOOLEAN NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX users_unit ON users (unit_id)",
        """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX sessions_user ON sessions (user_id)",
        """
        CREATE TABLE api_tokens (
            token_hash TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
        """
        CREATE TABLE login_failures (
            id TEXT PRIMARY KEY,
            username TEXT NOT NULL,
            at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_failures_username_at ON login_failures (username, at)",
    ]
}
