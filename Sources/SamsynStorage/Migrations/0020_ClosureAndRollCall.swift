/// Closure as a short flow and attendance for groups.
/// - `enrolment_closures`: one row per closed enrolment with what the district and the indicators need: the
///   referral and the referring unit it answers back to, the reason, and for work the employer or sector,
///   extent, start (and end), subsidy; for studies the kind and study allowance; and what the closure ended.
/// - `group_sessions`: a session (pass) of an intervention held by a Jobbtorg unit, with date, time and group.
/// - `attendance` gains the episode a record belongs to and the session it was called in; a person is
///   recorded once per session.
let m0020_ClosureAndRollCall = Migration.statements(20, "ClosureAndRollCall") { kind in
    let bool = kind == .postgres ? "BOOLEAN" : "INTEGER"
    return [
        """
        CREATE TABLE enrolment_closures (
            enrolment_id TEXT PRIMARY KEY REFERENCES enrolments(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            referral_id TEXT REFERENCES referrals(id),
            district_committee_id TEXT NOT NULL REFERENCES committees(id),
            district_unit_id TEXT REFERENCES units(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            reason TEXT NOT NULL,
            closed_on TEXT NOT NULL,
            employer TEXT,
            sector TEXT,
            extent_percent INTEGER CHECK (extent_percent IS NULL OR (extent_percent BETWEEN 1 AND 100)),
            work_start TEXT,
            work_end TEXT,
            subsidy TEXT CHECK (subsidy IS NULL OR subsidy IN ('none', 'subsidised', 'municipal')),
            study_kind TEXT,
            study_allowance \(bool),
            study_start TEXT,
            ended_episodes INTEGER NOT NULL,
            released_places INTEGER NOT NULL,
            finalised_months TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            recorded_by_name TEXT NOT NULL,
            CHECK ((work_start IS NULL) = (subsidy IS NULL)),
            CHECK ((study_kind IS NULL) = (study_allowance IS NULL))
        )
        """,
        "CREATE INDEX enrolment_closures_district ON enrolment_closures (district_unit_id, recorded_at)",
        "CREATE INDEX enrolment_closures_district_committee ON enrolment_closures (district_committee_id, recorded_at)",
        """
        CREATE TABLE group_sessions (
            id TEXT PRIMARY KEY,
            intervention_id TEXT NOT NULL REFERENCES interventions(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            date TEXT NOT NULL,
            start_time TEXT NOT NULL,
            end_time TEXT NOT NULL,
            group_name TEXT NOT NULL,
            created_by_name TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX group_sessions_unit ON group_sessions (unit_id, date, start_time)",
        "CREATE INDEX group_sessions_intervention ON group_sessions (intervention_id, date)",
        "ALTER TABLE attendance ADD COLUMN episode_id TEXT REFERENCES intervention_episodes(id)",
        "ALTER TABLE attendance ADD COLUMN session_id TEXT REFERENCES group_sessions(id)",
        "CREATE UNIQUE INDEX attendance_session_episode ON attendance (session_id, episode_id) WHERE session_id IS NOT NULL",
        "CREATE INDEX attendance_person_date ON attendance (person_id, date)",
    ]
}
