let m0005_CreateSettings = Migration.statements(5, "CreateSettings") { _ in
    ["CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"]
}
