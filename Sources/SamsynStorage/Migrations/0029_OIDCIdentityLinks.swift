/// Sign-in through OpenID Connect (issue 18): the staff accounts' links to one identity each at the staff
/// sign-on, the sign-ins under way (state, nonce, PKCE verifier, single use), and the client address of a failed
/// password login (the throttle counts per address as well as per account).
let m0029_OIDCIdentityLinks = Migration.statements(29, "OIDCIdentityLinks") { _ in
    [
        """
        CREATE TABLE staff_identity_links (
            user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            issuer TEXT NOT NULL,
            subject TEXT NOT NULL,
            linked_at BIGINT NOT NULL,
            UNIQUE (issuer, subject)
        )
        """,
        """
        CREATE TABLE oidc_pending_logins (
            state_hash TEXT PRIMARY KEY,
            browser_hash TEXT NOT NULL,
            provider TEXT NOT NULL,
            nonce TEXT NOT NULL,
            code_verifier TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX oidc_pending_logins_created ON oidc_pending_logins (created_at)",
        "ALTER TABLE login_failures ADD COLUMN client TEXT",
        "CREATE INDEX login_failures_client_at ON login_failures (client, at)",
    ]
}
