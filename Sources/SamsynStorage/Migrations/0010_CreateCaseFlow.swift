/// The case flow: the district's case with försörjningshinder and aid months, consents, group-information
/// sessions, referrals, enrolments, plans and their versions, meetings, attendance with corrections and
/// final months, six-month checks, and the task list (one row per obligation key).
let m0010_CreateCaseFlow = Migration.statements(10, "CreateCaseFlow") { kind in
    let bool = kind == .postgres ? "BOOLEAN" : "INTEGER"
    return [
        """
        CREATE TABLE district_cases (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            responsible_user_id TEXT REFERENCES users(id),
            opened_on TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('application', 'report', 'other')),
            channel TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
            closed_on TEXT,
            created_at BIGINT NOT NULL,
            version INTEGER NOT NULL
        )
        """,
        "CREATE UNIQUE INDEX district_cases_one_active ON district_cases (person_id, committee_id) WHERE status = 'active'",
        "CREATE INDEX district_cases_person ON district_cases (person_id)",
        "CREATE INDEX district_cases_responsible ON district_cases (responsible_user_id) WHERE status = 'active'",
        "CREATE INDEX district_cases_active ON district_cases (status)",
        """
        CREATE TABLE support_obstacles (
            id TEXT PRIMARY KEY,
            case_id TEXT NOT NULL REFERENCES district_cases(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            adult TEXT NOT NULL CHECK (adult IN ('applicant', 'co_applicant')),
            code TEXT NOT NULL,
            judged_on TEXT NOT NULL,
            recorded_by TEXT NOT NULL
        )
        """,
        "CREATE INDEX support_obstacles_person ON support_obstacles (person_id, committee_id)",
        """
        CREATE TABLE aid_months (
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            month TEXT NOT NULL,
            PRIMARY KEY (person_id, committee_id, month)
        )
        """,
        """
        CREATE TABLE consents (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            recipient_committee_id TEXT NOT NULL REFERENCES committees(id),
            recipient_unit_id TEXT REFERENCES units(id),
            scopes TEXT NOT NULL,
            purpose TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_to TEXT NOT NULL,
            method TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_by_name TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            withdrawn_at BIGINT,
            withdrawn_by_name TEXT,
            version INTEGER NOT NULL,
            CHECK (valid_to >= valid_from)
        )
        """,
        "CREATE INDEX consents_person ON consents (person_id)",
        "CREATE INDEX consents_open ON consents (valid_to) WHERE withdrawn_at IS NULL",
        """
        CREATE TABLE information_sessions (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL REFERENCES units(id),
            starts_at BIGINT NOT NULL,
            location TEXT NOT NULL,
            places INTEGER NOT NULL CHECK (places > 0)
        )
        """,
        "CREATE INDEX information_sessions_unit ON information_sessions (unit_id, starts_at)",
        """
        CREATE TABLE referrals (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            case_id TEXT REFERENCES district_cases(id),
            from_committee_id TEXT NOT NULL REFERENCES committees(id),
            from_unit_id TEXT NOT NULL REFERENCES units(id),
            referred_by TEXT NOT NULL,
            referred_by_name TEXT NOT NULL,
            to_unit_id TEXT NOT NULL REFERENCES units(id),
            consent_id TEXT NOT NULL REFERENCES consents(id),
            route TEXT NOT NULL CHECK (route IN ('group_information', 'three_party_meeting')),
            session_id TEXT REFERENCES information_sessions(id),
            meeting_at BIGINT,
            reason TEXT NOT NULL,
            in_target_group \(bool) NOT NULL,
            target_group_reason TEXT NOT NULL,
            exception_reason TEXT,
            sent_on TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'declined')),
            answered_at BIGINT,
            answered_by_name TEXT,
            decline_reason TEXT,
            enrolment_id TEXT,
            version INTEGER NOT NULL
        )
        """,
        "CREATE INDEX referrals_person ON referrals (person_id)",
        "CREATE INDEX referrals_to_unit ON referrals (to_unit_id, status, sent_on)",
        "CREATE INDEX referrals_session ON referrals (session_id)",
        """
        CREATE TABLE enrolments (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            referral_id TEXT REFERENCES referrals(id),
            district_committee_id TEXT NOT NULL REFERENCES committees(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            responsible_user_id TEXT REFERENCES users(id),
            enrolled_on TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
            closure_reason TEXT,
            closure_detail TEXT,
            closed_on TEXT,
            closed_by_name TEXT,
            version INTEGER NOT NULL,
            CHECK ((status = 'closed') = (closure_reason IS NOT NULL)),
            CHECK (closed_on IS NULL OR closed_on >= enrolled_on)
        )
        """,
        "CREATE UNIQUE INDEX enrolments_one_active ON enrolments (person_id, committee_id) WHERE status = 'active'",
        "CREATE INDEX enrolments_person ON enrolments (person_id)",
        "CREATE INDEX enrolments_active ON enrolments (status)",
        "CREATE INDEX enrolments_responsible ON enrolments (responsible_user_id) WHERE status = 'active'",
        """
        CREATE TABLE plans (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            kind TEXT NOT NULL CHECK (kind IN ('job_plan', 'work_plan')),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            enrolment_id TEXT REFERENCES enrolments(id),
            version INTEGER NOT NULL,
            goal TEXT NOT NULL,
            sub_goals TEXT NOT NULL,
            next_follow_up TEXT NOT NULL,
            saved_at BIGINT NOT NULL,
            saved_by_name TEXT NOT NULL
        )
        """,
        "CREATE INDEX plans_person ON plans (person_id)",
        """
        CREATE TABLE plan_versions (
            plan_id TEXT NOT NULL REFERENCES plans(id),
            version INTEGER NOT NULL,
            goal TEXT NOT NULL,
            sub_goals TEXT NOT NULL,
            next_follow_up TEXT NOT NULL,
            saved_at BIGINT NOT NULL,
            saved_by_name TEXT NOT NULL,
            PRIMARY KEY (plan_id, version)
        )
        """,
        """
        CREATE TABLE meetings (
            id TEXT PRIMARY KEY,
            person_id TEXT NOT NULL REFERENCES persons(id),
            enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
            committee_id TEXT NOT NULL REFERENCES committees(id),
            kind TEXT NOT NULL CHECK (kind IN ('three_party', 'employment_service_follow_up', 'follow_up')),
            date TEXT NOT NULL,
            time TEXT NOT NULL,
            participants TEXT,
            agreed TEXT,
            held \(bool) NOT NULL,
            booked_by_name TEXT NOT NULL,
            recorded_by_name TEXT,
            version INTEGER NOT NULL
        )
        """,
        "CREATE INDEX meetings_person ON meetings (person_id)",
        "CREATE INDEX meetings_enrolment ON meetings (enrolment_id)",
        """
        CREATE TABLE attendance (
            id TEXT PRIMARY KEY,
            enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            date TEXT NOT NULL,
            activity TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('present', 'absent_valid', 'absent_invalid')),
            note TEXT,
            recorded_by_name TEXT NOT NULL,
            version INTEGER NOT NULL
        )
        """,
        "CREATE INDEX attendance_enrolment ON attendance (enrolment_id, date)",
        """
        CREATE TABLE attendance_corrections (
            id TEXT PRIMARY KEY,
            record_id TEXT NOT NULL REFERENCES attendance(id),
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            reason TEXT NOT NULL,
            corrected_at BIGINT NOT NULL,
            corrected_by_name TEXT NOT NULL
        )
        """,
        "CREATE INDEX attendance_corrections_record ON attendance_corrections (record_id)",
        """
        CREATE TABLE attendance_months (
            enrolment_id TEXT NOT NULL REFERENCES enrolments(id),
            month TEXT NOT NULL,
            finalised_at BIGINT NOT NULL,
            finalised_by_name TEXT NOT NULL,
            PRIMARY KEY (enrolment_id, month)
        )
        """,
        """
        CREATE TABLE six_month_checks (
            id TEXT PRIMARY KEY,
            enrolment_id TEXT NOT NULL UNIQUE REFERENCES enrolments(id),
            person_id TEXT NOT NULL REFERENCES persons(id),
            district_committee_id TEXT NOT NULL REFERENCES committees(id),
            closure_reason TEXT NOT NULL,
            closed_on TEXT NOT NULL,
            due_on TEXT NOT NULL,
            result TEXT CHECK (result IS NULL OR result IN ('returned', 'not_returned')),
            recorded_on TEXT,
            recorded_by_name TEXT,
            version INTEGER NOT NULL
        )
        """,
        "CREATE INDEX six_month_checks_person ON six_month_checks (person_id)",
        "CREATE INDEX six_month_checks_open ON six_month_checks (due_on) WHERE result IS NULL",
        """
        CREATE TABLE case_tasks (
            id TEXT PRIMARY KEY,
            task_key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            person_id TEXT NOT NULL REFERENCES persons(id),
            committee_id TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            assignee_id TEXT,
            due_on TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            settled_at BIGINT
        )
        """,
        "CREATE INDEX case_tasks_unit_open ON case_tasks (unit_id, due_on) WHERE settled_at IS NULL",
        // The unit's counts per kind and worker are read from this index alone.
        "CREATE INDEX case_tasks_unit_counts ON case_tasks (unit_id, kind, assignee_id, due_on) WHERE settled_at IS NULL",
        "CREATE INDEX case_tasks_assignee_open ON case_tasks (assignee_id, due_on) WHERE settled_at IS NULL",
        "CREATE INDEX case_tasks_person ON case_tasks (person_id) WHERE settled_at IS NULL",
    ]
}
