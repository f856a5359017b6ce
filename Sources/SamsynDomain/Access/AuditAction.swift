/// What an access-log row records, as one typed value. The raw value is the stable code stored in the
/// log and hashed into its chain: it is never renamed (the chain must still verify), only added to.
///
/// A stored row whose code is not a case here (an action Samsyn no longer writes, or one written by a
/// newer Samsyn) still reads: `AccessLogEntry.action` keeps the code verbatim and `auditAction` is nil, so
/// the log stays readable and verifiable; it is shown by its code and never on the timeline.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    // Sign-in and tokens.
    case authLogin = "auth.login"
    case authLogout = "auth.logout"
    case authToken = "auth.token"

    // Organisation and users.
    case organisationCommitteeSave = "organisation.committee.save"
    case organisationUnitSave = "organisation.unit.save"
    case organisationLoadReference = "organisation.load_reference"
    case userCreate = "user.create"
    case userDisable = "user.disable"
    case userEnable = "user.enable"
    case userResetPassword = "user.reset_password"
    case accessLogRead = "access_log.read"
    case demoPersons = "demo.persons"
    case demoAssessments = "demo.assessments"
    case demoParticipation = "demo.participation"

    // Persons.
    case personCreate = "person.create"
    case personFileOpen = "person_file.open"
    case personRead = "person.read"
    case personSearch = "person.search"
    case personSearchHit = "person.search_hit"
    case personListHit = "person.list_hit"

    // Assessments.
    case assessmentStart = "assessment.start"
    case assessmentWrite = "assessment.write"
    case assessmentComplete = "assessment.complete"
    case assessmentRevise = "assessment.revise"
    case assessmentRead = "assessment.read"
    case assessmentList = "assessment.list"
    case assessmentOverview = "assessment.overview"

    // Interventions, queues, episodes, work-ability testing.
    case interventionEnqueue = "intervention.enqueue"
    case interventionOffer = "intervention.offer"
    case interventionAccept = "intervention.accept"
    case interventionDecline = "intervention.decline"
    case interventionWithdraw = "intervention.withdraw"
    /// An offer lapsed unanswered at its deadline (no actor: evaluated when a queue or task list is read).
    case interventionOfferLapse = "intervention.offer_lapse"
    case interventionEntries = "intervention.entries"
    case interventionQueueHit = "intervention.queue_hit"
    case episodeStart = "episode.start"
    case episodeEnd = "episode.end"
    case episodeRead = "episode.read"
    case episodeList = "episode.list"
    case workAbilityPlacement = "workability.placement"
    case workAbilityAssessment = "workability.assessment"
    case workAbilityConclusion = "workability.conclusion"
    case workAbilityReport = "workability.report"

    // The case flow.
    case caseOpen = "case.open"
    case caseObstacle = "case.obstacle"
    case caseAidMonths = "case.aid_months"
    case caseAssign = "case.assign"
    case caseRead = "case.read"
    case caseTimeline = "case.timeline"
    case consentRecord = "consent.record"
    case consentWithdraw = "consent.withdraw"
    case sessionSchedule = "session.schedule"
    case referralCreate = "referral.create"
    case referralAccept = "referral.accept"
    case referralDecline = "referral.decline"
    /// Answering a referral (accept or decline) that the caller may not see: logged as denied.
    case referralAnswer = "referral.answer"
    case referralRead = "referral.read"
    case referralInboxHit = "referral.inbox_hit"
    case enrolmentClose = "enrolment.close"
    case enrolmentRead = "enrolment.read"
    case planCreate = "plan.create"
    case planRevise = "plan.revise"
    case planRead = "plan.read"
    case meetingBook = "meeting.book"
    case meetingRecord = "meeting.record"
    case attendanceRecord = "attendance.record"
    case attendanceCorrect = "attendance.correct"
    case attendanceFinalise = "attendance.finalise"
    case attendanceRead = "attendance.read"
    case checkRecord = "check.record"
    case taskListHit = "task.list_hit"

    // The joint need assessment.
    case needAssessmentStart = "need_assessment.start"
    case needAssessmentView = "need_assessment.view"
    case needAssessmentDecide = "need_assessment.decide"
    case needAssessmentRead = "need_assessment.read"
    /// A joint decision proposed, naming the co-decider; it takes effect when the co-decider confirms it.
    case needDecisionPropose = "need_decision.propose"
    case needDecisionConfirm = "need_decision.confirm"
    case needDecisionDecline = "need_decision.decline"
    case needDecisionWithdraw = "need_decision.withdraw"
    case needRulesActivate = "need_rules.activate"
    case needRulesWhatIf = "need_rules.what_if"
    case needFairnessRead = "need_fairness.read"

    // The journal (journalanteckningar). The rows name the note, its kind and date, never its text.
    case journalCreate = "journal.create"
    case journalEdit = "journal.edit"
    case journalSign = "journal.sign"
    case journalCorrect = "journal.correct"
    case journalRead = "journal.read"

    // Group sessions of interventions and their roll-call (the records themselves are attendance.record).
    case groupSessionSchedule = "group_session.schedule"
    case groupSessionRead = "group_session.read"
    // Records shared under consent (delning under samtycke).
    /// A meeting's record read, by its own committee or by the other under a consent covering meetings.
    case meetingRead = "meeting.read"
    // Unit inboxes, the nybesök and letters.
    case newVisitBook = "new_visit.book"
    case inboxListHit = "inbox.list_hit"
    /// An answer back to the district marked as read in the unit's inbox.
    case inboxAcknowledge = "inbox.acknowledge"
    /// A letter to the person (nybesök, meeting, offered place) shown for printing.
    case letterPrint = "letter.print"
    // Acute needs and the task lists. The rows name the need's rules and the tasks, never a note's text.
    /// A completed part signalled an acute need (the rules that held).
    case acuteNeedDetect = "acute_need.detect"
    case acuteNeedRead = "acute_need.read"
    /// A caseworker marked an acute need handled (what was done stays in the need, not in the log).
    case acuteNeedHandle = "acute_need.handle"
    /// A unit manager handed open tasks to another worker of the unit (one row per person).
    case taskReassign = "task.reassign"
    /// The proposer closed the task a declined joint decision gave them (without proposing again).
    case needDecisionDeclinedClose = "need_decision.declined_close"
    // The person's own page (Mina sidor) and citizen accounts. A consent the person withdraws is consent.withdraw.
    case ownPageRead = "own_page.read"
    /// The person marked a sub-goal of their plan started or done (the row names the plan kind and the status).
    case ownSubGoalMark = "own_page.sub_goal_mark"
    case ownAccessLogRead = "own_page.access_log_read"
    /// A citizen account was created at the person's first login with e-legitimation (or linked for the demo).
    case citizenAccountCreate = "citizen_account.create"
    // Messages between the person and a unit; the rows name the thread's person, never the text.
    case messageSend = "message.send"
    case messageRead = "message.read"
    case messageListHit = "message.list_hit"
    /// The person saved answers in advance (Svara i förväg); the row names the instrument and how many, never the answers.
    case ownAdvanceAnswers = "own_page.advance_answers"

    // Sign-in through OpenID Connect (issue 18).
    /// A refused sign-in through a provider; the detail is `<provider>:<reason>` (`staff:wrong_iss`, `citizen:invalid_pnr`).
    case authLoginFailed = "auth.login_failed"
    /// A staff account linked to, or unlinked from, its identity at the staff sign-on.
    case staffIdentityLink = "staff_identity.link"
    case staffIdentityUnlink = "staff_identity.unlink"
    /// A password login slowed or refused by the throttle (per account or per client address).
    case authThrottled = "auth.throttled"

    // Research extracts (issue 17): applications, decisions, generation and download of an extract.
    case researchApply = "research.apply"
    case researchDecide = "research.decide"
    case researchProjectRead = "research.project_read"
    case researchExtractGenerate = "research.extract_generate"
    case researchExtractDownload = "research.extract_download"
    // The effect report of an intervention (issue 17): personal data read in aggregate; the detail names the
    // intervention or type, the start period, the method and the group sizes, never a person.
    case effectReportRead = "effect_report.read"

    /// Whether the action changes stored data (its row may carry before/after values); otherwise it is a
    /// read, a search hit or a sign-in.
    public var isChange: Bool {
        switch self {
        case .authLogin, .authLogout, .authToken, .accessLogRead, .personRead, .personSearch, .personSearchHit, .personListHit,
            .assessmentRead, .assessmentList, .assessmentOverview, .interventionEntries, .interventionQueueHit, .episodeRead, .episodeList,
            .workAbilityReport, .caseRead, .caseTimeline, .referralRead, .referralInboxHit, .enrolmentRead, .planRead, .attendanceRead,
            .taskListHit, .needAssessmentRead, .needRulesWhatIf, .needFairnessRead, .journalRead,
            .groupSessionRead, .meetingRead, .inboxListHit, .letterPrint:
            false
        case .acuteNeedRead, .ownPageRead, .ownAccessLogRead, .messageRead, .messageListHit, .authLoginFailed, .authThrottled:
            false
        case .effectReportRead:
            false
        default:
            true
        }
    }

    /// The Swedish line on the person file's timeline (every change in the person's records, who and
    /// when); nil for actions the timeline does not show. The timeline's query selects exactly these.
    public var timelineText: String? {
        switch self {
        case .personCreate: "Personen registrerades"
        case .personFileOpen: "Personakt öppnades"
        case .caseOpen: "Aktualisering registrerades"
        case .caseObstacle: "Försörjningshinder registrerades"
        case .caseAidMonths: "Månader med försörjningsstöd registrerades"
        case .consentRecord: "Samtycke dokumenterades"
        case .consentWithdraw: "Samtycke återkallades"
        case .referralCreate: "Remiss till Jobbtorg skickades"
        case .referralAccept: "Remissen antogs – personen skrevs in"
        case .referralDecline: "Remissen avböjdes"
        case .planCreate: "Plan upprättades"
        case .planRevise: "Planen reviderades"
        case .meetingBook: "Möte bokades"
        case .meetingRecord: "Mötesanteckning sparades"
        case .attendanceRecord: "Närvaro registrerades"
        case .attendanceCorrect: "Närvaro rättades"
        case .attendanceFinalise: "Månadens närvaro slutrapporterades"
        case .enrolmentClose: "Inskrivningen avslutades"
        case .checkRecord: "Sexmånadersuppföljning gjordes"
        case .needAssessmentStart: "Gemensam behovsbedömning startades"
        case .needAssessmentView: "En enhets bedömning i behovsbedömningen sparades"
        case .needAssessmentDecide: "Behovsbedömningen beslutades"
        case .needDecisionPropose: "Förslag till gemensamt beslut lämnades"
        case .needDecisionConfirm: "Gemensamt beslut bekräftades av den andra enheten"
        case .needDecisionDecline: "Förslag till gemensamt beslut avböjdes"
        case .needDecisionWithdraw: "Förslag till gemensamt beslut återkallades"
        case .assessmentStart: "Bedömning påbörjades"
        case .assessmentComplete: "Bedömningsdel slutfördes"
        case .assessmentRevise: "Bedömningsdel rättades"
        case .assessmentWrite: "Bedömningssvar sparades"
        case .interventionEnqueue: "Ställdes i kö till insats"
        case .interventionOffer: "Plats erbjöds"
        case .interventionAccept: "Plats accepterades"
        case .interventionDecline: "Plats tackades nej till"
        case .interventionWithdraw: "Togs bort ur kö"
        case .interventionOfferLapse: "Erbjudandet förföll utan svar"
        case .episodeStart: "Deltagande i insats startade"
        case .episodeEnd: "Deltagande i insats avslutades"
        case .workAbilityPlacement: "Arbetsplacering registrerades"
        case .workAbilityAssessment: "Instrumentresultat registrerades"
        case .workAbilityConclusion: "Slutsats för arbetsförmågeprövning sparades"
        case .journalCreate: "Journalanteckning påbörjades (utkast)"
        case .journalEdit: "Utkast till journalanteckning ändrades"
        case .journalSign: "Journalanteckning signerades"
        case .journalCorrect: "Rättelse av journalanteckning påbörjades (utkast)"
        case .newVisitBook: "Nybesök bokades"
        case .acuteNeedDetect: "Akut behov upptäcktes i bedömningen"
        case .acuteNeedHandle: "Akut behov markerades som hanterat"
        default: nil
        }
    }

    /// The actions on the timeline, in declaration order.
    public static let timelineActions: [AuditAction] = allCases.filter { $0.timelineText != nil }
}
