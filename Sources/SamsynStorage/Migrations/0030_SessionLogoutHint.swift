/// A session signed in through a provider remembers which one and its ID token, for RP-initiated logout
/// (`end_session_endpoint?id_token_hint=…`). Both are empty for a password login.
let m0030_SessionLogoutHint = Migration.statements(30, "SessionLogoutHint") { _ in
    [
        "ALTER TABLE sessions ADD COLUMN oidc_provider TEXT",
        "ALTER TABLE sessions ADD COLUMN oidc_id_token TEXT",
    ]
}
