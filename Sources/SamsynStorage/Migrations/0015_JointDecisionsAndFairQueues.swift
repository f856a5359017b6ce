/// A joint need decision signed by both: a proposal names the co-decider and takes effect only when they
/// confirm it (or it is declined with a reason, or withdrawn by its proposer). Fair queues: every offer of a
/// place is kept with its answer deadline and, when it passed over people waiting longer, its reason.
let m0015_JointDecisionsAndFairQueues = Migration.statements(15, "JointDecisionsAndFairQueues") { kind in
    let bool = kind == .postgres ? "BOOLEAN" : "INTEGER"
    return [
        """
        CREATE TABLE need_decision_proposals (
            id TEXT PRIMARY KEY,
            assessment_id TEXT NOT NULL REFERENCES need_assessments(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            category TEXT NOT NULL,
            lead_unit TEXT NOT NULL CHECK (lead_unit IN ('jobbtorg', 'district', 'joint')),
            parallel \(bool) NOT NULL,
            review_on TEXT NOT NULL,
            suggested TEXT NOT NULL,
            rule_version INTEGER NOT NULL,
            deviation_reason TEXT,
            proposed_at BIGINT NOT NULL,
            proposed_by TEXT NOT NULL REFERENCES users(id),
            proposed_by_name TEXT NOT NULL,
            co_decider TEXT NOT NULL REFERENCES users(id),
            co_decider_name TEXT NOT NULL,
            co_decider_committee_id TEXT NOT NULL,
            co_decider_unit_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined', 'withdrawn')),
            answered_at BIGINT,
            answered_by TEXT REFERENCES users(id),
            answered_by_name TEXT,
            decline_reason TEXT,
            CHECK (status = 'pending' OR (answered_at IS NOT NULL AND answered_by IS NOT NULL AND answered_by_name IS NOT NULL)),
            CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
        )
        """,
        "CREATE UNIQUE INDEX need_decision_proposals_one_pending ON need_decision_proposals (assessment_id) WHERE status = 'pending'",
        "CREATE INDEX need_decision_proposals_assessment ON need_decision_proposals (assessment_id, proposed_at)",
        "CREATE INDEX need_decision_proposals_pending ON need_decision_proposals (person_id) WHERE status = 'pending'",
        """
        CREATE TABLE queue_offers (
            id TEXT PRIMARY KEY,
            entry_id TEXT NOT NULL REFERENCES intervention_queue(id),
            intervention_id TEXT NOT NULL REFERENCES interventions(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            district_id TEXT NOT NULL,
            offered_at BIGINT NOT NULL,
            offered_by TEXT NOT NULL REFERENCES users(id),
            offered_by_name TEXT NOT NULL,
            answer_by TEXT NOT NULL,
            passed_over INTEGER NOT NULL CHECK (passed_over >= 0),
            reason TEXT CHECK (reason IN ('ahead_unavailable', 'better_match', 'urgent', 'other')),
            reason_text TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'lapsed', 'withdrawn')),
            settled_at BIGINT,
            CHECK (passed_over = 0 OR (reason IS NOT NULL AND reason_text IS NOT NULL)),
            CHECK (status = 'open' OR settled_at IS NOT NULL)
        )
        """,
        "CREATE UNIQUE INDEX queue_offers_one_open ON queue_offers (entry_id) WHERE status = 'open'",
        "CREATE INDEX queue_offers_history ON queue_offers (intervention_id, committee_id, offered_at)",
        "CREATE INDEX queue_offers_due ON queue_offers (answer_by) WHERE status = 'open'",
        "CREATE INDEX queue_offers_made ON queue_offers (offered_at)",
        "CREATE INDEX queue_offers_lapsed ON queue_offers (person_id) WHERE status = 'lapsed'",
    ]
}
