/// Indexes in queue order (priority first, then time queued, then id), so that a queue page and the
/// positions on it are read from the index without sorting the whole queue.
let m0009_QueueOrderIndexes = Migration.statements(9, "QueueOrderIndexes") { _ in
    [
        "DROP INDEX intervention_queue_order",
        """
        CREATE INDEX intervention_queue_rank
        ON intervention_queue (intervention_id, status, (CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END), queued_at, id)
        """,
        "DROP INDEX intervention_queue_committee",
        """
        CREATE INDEX intervention_queue_committee
        ON intervention_queue (intervention_id, committee_id, (CASE WHEN priority_reason IS NULL THEN 1 ELSE 0 END), queued_at, id, status)
        """,
    ]
}
