/// The nybesök booked from a case (one row per case; booking again moves it and bumps the version), and the
/// answers back to a district that a unit has marked as read in its inbox.
let m0018_NewVisitsAndInbox = Migration.statements(18, "NewVisitsAndInbox") { _ in
    [
        """
        CREATE TABLE new_visits (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL UNIQUE REFERENCES district_cases(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            worker_id TEXT NOT NULL REFERENCES users(id),
            worker_name TEXT NOT NULL,
            visit_date TEXT NOT NULL,
            visit_time TEXT NOT NULL,
            location TEXT NOT NULL CHECK (length(location) > 0),
            booked_by_name TEXT NOT NULL,
            booked_at BIGINT NOT NULL,
            version INTEGER NOT NULL
        )
        """,
        "CREATE INDEX new_visits_person ON new_visits (person_id)",
        "CREATE INDEX new_visits_committee ON new_visits (committee_id, unit_id)",
        """
        CREATE TABLE inbox_acknowledgements (
            unit_id TEXT NOT NULL REFERENCES units(id),
            item_key TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            acknowledged_by TEXT NOT NULL REFERENCES users(id),
            acknowledged_by_name TEXT NOT NULL,
            acknowledged_at BIGINT NOT NULL,
            PRIMARY KEY (unit_id, item_key)
        )
        """,
        "CREATE INDEX referrals_from_committee_answered ON referrals (from_committee_id, answered_at)",
        "CREATE INDEX enrolments_district_closed ON enrolments (district_committee_id, closed_on)",
    ]
}
