/// The person's own page: a citizen account is linked to exactly one person of the registry (the person who logs
/// in with e-legitimation, or the demo's `aspirant`), and the person's own progress on the sub-goals of a plan.
let m0027_CitizenAccounts = Migration.statements(27, "CitizenAccounts") { _ in
    [
        "ALTER TABLE users ADD COLUMN person_id TEXT REFERENCES persons(id)",
        // One account per person; staff accounts have none (NULLs never collide on either database).
        "CREATE UNIQUE INDEX users_person ON users (person_id)",
        // What the person marked on a sub-goal of a plan, by the sub-goal's text: a new version of the plan that keeps a
        // sub-goal keeps its mark, one that rewrites it starts afresh.
        """
        CREATE TABLE plan_sub_goal_marks (
            plan_id TEXT NOT NULL,
            sub_goal TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            status TEXT NOT NULL,
            marked_at BIGINT NOT NULL,
            PRIMARY KEY (plan_id, sub_goal)
        )
        """,
        "CREATE INDEX plan_sub_goal_marks_person ON plan_sub_goal_marks (person_id)",
    ]
}
