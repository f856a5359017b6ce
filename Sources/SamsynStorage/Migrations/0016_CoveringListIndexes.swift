/// Indexes that answer the hot list pages from the index alone.
/// - The queue-order indexes gain `priority_reason`: the order key's first column is an expression over it,
///   and without the column the database visits the table for every entry it counts or skips. With it, a
///   queue page's positions are counted from index ranges instead of a window over the whole queue.
/// - The task lists are ordered by due date and then task key; the key joins their indexes, so a page is
///   read in order without sorting every open task of the unit.
let m0016_CoveringListIndexes = Migration.statements(16, "CoveringListIndexes") { _ in
    [
        """
        CREATE INDEX intervention_queue_rank_cover
        ON intervention_queue (intervention_id, status, (CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END), queued_at, id, priority_reason)
        """,
        "DROP INDEX intervention_queue_rank",
        """
        CREATE INDEX intervention_queue_committee_cover
        ON intervention_queue (intervention_id, committee_id, (CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END), queued_at, id, status, priority_reason)
        """,
        "DROP INDEX intervention_queue_committee",
        "CREATE INDEX case_tasks_unit_page ON case_tasks (unit_id, due_on, task_key) WHERE settled_at IS NULL",
        "DROP INDEX case_tasks_unit_open",
        "CREATE INDEX case_tasks_assignee_page ON case_tasks (assignee_id, due_on, task_key) WHERE settled_at IS NULL",
        "DROP INDEX case_tasks_assignee_open",
    ]
}
