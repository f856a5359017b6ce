import Foundation

/// Something due on a person's case, on a worker's and a unit's task list. Tasks are derived from the case
/// records by `DueTasks.compute` and stored by a key that names the obligation, so running the job again —
/// in any number of Samsyn processes — never makes a second task for the same thing.
public struct CaseTask: Hashable, Sendable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case jobPlanDue = "job_plan_due"
        case followUpDue = "follow_up_due"
        case threePartyMeetingDue = "three_party_meeting_due"
        case employmentServiceFollowUpDue = "employment_service_follow_up_due"
        case attendanceReportDue = "attendance_report_due"
        case referralUnanswered = "referral_unanswered"
        case noCurrentPlan = "no_current_plan"
        case noNewIntervention = "no_new_intervention"
        case consentExpiring = "consent_expiring"
        case sixMonthCheckDue = "six_month_check_due"
        case needAssessmentDisagreement = "need_assessment_disagreement"
        case needAssessmentReview = "need_assessment_review"
        case needDecisionToConfirm = "need_decision_to_confirm"
        case offerLapsed = "offer_lapsed"
        case newVisitUnbooked = "new_visit_unbooked"
        /// An answer signalled an acute need (akut behov): same day, first on the lists until someone acts on it.
        case acuteNeed = "acute_need"
        /// The co-decider declined a proposed joint decision: back to its proposer, with the reason, until they propose
        /// again or close it.
        case needDecisionDeclined = "need_decision_declined"

        public var swedishName: String {
            switch self {
            case .jobPlanDue: "Första jobbplanen"
            case .followUpDue: "Uppföljning av planen"
            case .threePartyMeetingDue: "Trepartssamtal"
            case .employmentServiceFollowUpDue: "Tolvmånadersuppföljning med Arbetsförmedlingen"
            case .attendanceReportDue: "Närvarorapport för månaden"
            case .referralUnanswered: "Obesvarad remiss"
            case .noCurrentPlan: "Saknar aktuell plan"
            case .noNewIntervention: "Ingen ny insats på tre månader"
            case .consentExpiring: "Samtycke går ut"
            case .sixMonthCheckDue: "Sexmånadersuppföljning"
            case .needAssessmentDisagreement: "Oenighet i behovsbedömningen"
            case .needAssessmentReview: "Följ upp behovsbedömningen"
            case .needDecisionToConfirm: "Bekräfta gemensamt beslut"
            case .offerLapsed: "Erbjudande förföll utan svar"
            case .newVisitUnbooked: "Boka nybesök"
            case .acuteNeed: "Akut behov"
            case .needDecisionDeclined: "Gemensamt beslut avböjdes"
            }
        }
    }

    public let id: UUID
    public let key: String
    public let kind: Kind
    public let personId: UUID
    public let committeeId: String
    public let unitId: String
    public var assigneeId: UUID?
    public let dueOn: LocalDate
    /// The record the task is about (enrolment, plan, referral, consent, check).
    public let subjectId: UUID
    public let createdAt: Date
    public var settledAt: Date?

    public init(
        id: UUID, key: String, kind: Kind, personId: UUID, committeeId: String, unitId: String, assigneeId: UUID?, dueOn: LocalDate, subjectId: UUID,
        createdAt: Date, settledAt: Date? = nil
    ) {
        self.id = id
        self.key = key
        self.kind = kind
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.assigneeId = assigneeId
        self.dueOn = dueOn
        self.subjectId = subjectId
        self.createdAt = createdAt
        self.settledAt = settledAt
    }

    public func isOverdue(today: LocalDate) -> Bool { dueOn < today }
}

/// A task that should exist now.
public struct TaskSpec: Hashable, Sendable {
    public let key: String
    public let kind: CaseTask.Kind
    public let personId: UUID
    public let committeeId: String
    public let unitId: String
    public let assigneeId: UUID?
    public let dueOn: LocalDate
    public let subjectId: UUID
}

/// What the task job reads: the open case records of the people it runs for.
public struct CaseFlowSnapshot: Sendable {
    public var cases: [DistrictCase] = []
    public var consents: [Consent] = []
    public var referrals: [Referral] = []
    public var enrolments: [Enrolment] = []
    /// The latest version of each plan.
    public var plans: [Plan] = []
    public var meetings: [Meeting] = []
    /// Final attendance months per enrolment.
    public var finalMonths: [UUID: Set<String>] = [:]
    /// The latest episode start per person among the labour-market committee's episodes.
    public var lastEpisodeStart: [UUID: LocalDate] = [:]
    public var checks: [SixMonthCheck] = []
    /// Unit id → committee id.
    public var unitCommittee: [String: String] = [:]
    /// Open need assessments, and the latest decided one per person, of people with an active district case.
    public var needAssessments: [NeedAssessment] = []
    /// Joint decisions waiting for their co-decider's confirmation.
    public var pendingDecisions: [NeedDecisionProposal] = []
    /// Lapsed offers whose person still waits and whose intervention the committee has not offered since.
    public var lapsedOffers: [QueueOffer] = []
    /// Active cases whose nybesök is booked or already held (a försörjningshinder is judged).
    public var newVisitBookedOrHeld: Set<UUID> = []
    /// Declined joint decisions that are the latest proposal of their still open assessment, with the unit their
    /// proposer works at (proposal id → unit id).
    public var declinedDecisions: [NeedDecisionProposal] = []
    public var proposerUnit: [UUID: String] = [:]
    /// Acute needs no one has acted on yet.
    public var acuteNeeds: [AcuteNeed] = []
    /// Unit id → its kind (to find a district's financial-aid unit).
    public var unitKind: [String: OrgUnit.Kind] = [:]
    public init() {}
}

public enum DueTasks {
    /// How many days before its due date a task appears.
    public static let leadDays = 14

    public static func compute(_ s: CaseFlowSnapshot, today: LocalDate) -> [TaskSpec] {
        var out: [TaskSpec] = []
        func add(_ key: String, _ kind: CaseTask.Kind, _ person: UUID, _ committee: String, _ unit: String, _ assignee: UUID?, _ due: LocalDate, _ subject: UUID, visibleFrom: LocalDate? = nil) {
            guard today >= (visibleFrom ?? due.adding(days: -leadDays)) else { return }
            out.append(TaskSpec(key: key, kind: kind, personId: person, committeeId: committee, unitId: unit, assigneeId: assignee, dueOn: due, subjectId: subject))
        }
        let plansByPerson = Dictionary(grouping: s.plans, by: \.personId)
        let meetingsByEnrolment = Dictionary(grouping: s.meetings, by: \.enrolmentId)

        for e in s.enrolments where e.status == .active {
            let c = e.committeeId, u = e.unitId, who = e.responsibleUserId, p = e.personId
            let jobPlans = (plansByPerson[p] ?? []).filter { $0.kind == .jobPlan && $0.committeeId == c && $0.enrolmentId == e.id }
            if jobPlans.isEmpty {
                add("job_plan:\(e.id)", .jobPlanDue, p, c, u, who, e.jobPlanDue, e.id, visibleFrom: e.enrolledOn)
            }
            for plan in jobPlans { planTasks(plan, c, u, who, add) }
            let meetings = meetingsByEnrolment[e.id] ?? []
            if let due = MeetingRules.nextThreePartyDue(e, meetings: meetings) {
                add("three_party:\(e.id):\(due)", .threePartyMeetingDue, p, c, u, who, due, e.id)
            }
            if let due = MeetingRules.employmentServiceDue(e, meetings: meetings) {
                add("af_follow_up:\(e.id)", .employmentServiceFollowUpDue, p, c, u, who, due, e.id, visibleFrom: due.adding(days: -30))
            }
            // Every finished month since enrolment needs its attendance report.
            let final = s.finalMonths[e.id] ?? []
            var m = e.enrolledOn.firstOfMonth
            let thisMonth = today.firstOfMonth
            while m < thisMonth {
                if !final.contains(m.monthKey) {
                    add("attendance:\(e.id):\(m.monthKey)", .attendanceReportDue, p, c, u, who, AttendanceRules.reportDue(monthOf: m), e.id, visibleFrom: m.firstOfNextMonth)
                }
                m = m.adding(months: 1)
            }
            // Enrolled over six months with no new intervention in the last three.
            let sixMonths = e.enrolledOn.adding(months: 6)
            let lastStart = s.lastEpisodeStart[p]
            let quietSince = max(lastStart ?? e.enrolledOn, e.enrolledOn)
            let due = max(sixMonths, quietSince.adding(months: 3))
            if today >= due {
                add("no_intervention:\(e.id):\(due)", .noNewIntervention, p, c, u, who, due, e.id, visibleFrom: due)
            }
        }

        for k in s.cases where k.status == .active {
            let c = k.committeeId, u = k.unitId, who = k.responsibleUserId, p = k.personId
            let workPlans = (plansByPerson[p] ?? []).filter { $0.kind == .workPlan && $0.committeeId == c }
            if workPlans.isEmpty {
                let due = k.openedOn.adding(months: 1)
                add("no_current_plan:\(k.id)", .noCurrentPlan, p, c, u, who, due, k.id)
            }
            for plan in workPlans { planTasks(plan, c, u, who, add) }
            for consent in s.consents where consent.personId == p && consent.committeeId == c && consent.withdrawnAt == nil && consent.validTo >= today {
                add("consent_expiring:\(consent.id):\(consent.validTo)", .consentExpiring, p, c, u, who, consent.validTo, consent.id,
                    visibleFrom: consent.validTo.adding(days: -ConsentRules.expiryWarningDays))
            }
        }

        for r in s.referrals where r.status == .sent {
            let due = r.answerDue
            let committee = s.unitCommittee[r.toUnitId] ?? ""
            add("referral_unanswered:\(r.id)", .referralUnanswered, r.personId, committee, r.toUnitId, nil, due, r.id, visibleFrom: due.adding(days: 1))
        }

        let casesByPerson = Dictionary(grouping: s.cases, by: \.personId)
        for check in s.checks where check.result == nil {
            let k = (casesByPerson[check.personId] ?? []).first { $0.committeeId == check.districtCommitteeId }
            let unit = k?.unitId ?? "\(check.districtCommitteeId)-ekonomiskt-bistand"
            add("six_month:\(check.id)", .sixMonthCheckDue, check.personId, check.districtCommitteeId, unit, k?.responsibleUserId, check.dueOn, check.id)
        }
        needAssessmentTasks(s, today: today, add)
        // A proposed joint decision is the named co-decider's to confirm or decline, from the day it was made.
        for p in s.pendingDecisions where p.status == .pending {
            let since = LocalDate(p.proposedAt)
            add(
                "need_decision:\(p.id)", .needDecisionToConfirm, p.personId, p.coDeciderCommitteeId, p.coDeciderUnitId, p.coDeciderId,
                WorkingDayCalendar.adding(workingDays: 5, to: since), p.id, visibleFrom: since)
        }
        // An offer that lapsed unanswered goes back to the one who offered: the place is free to offer on.
        for o in s.lapsedOffers where o.status == .lapsed {
            let lapsedOn = o.answerBy.adding(days: 1)
            add("offer_lapsed:\(o.id)", .offerLapsed, o.personId, o.committeeId, o.unitId, o.offeredById, lapsedOn, o.id, visibleFrom: lapsedOn)
        }
        // An aktualisering whose nybesök is neither booked nor held is the case unit's task from the day it was opened.
        for k in s.cases where k.status == .active && !s.newVisitBookedOrHeld.contains(k.id) {
            add(
                "new_visit_unbooked:\(k.id)", .newVisitUnbooked, k.personId, k.committeeId, k.unitId, k.responsibleUserId,
                WorkingDayCalendar.adding(workingDays: 1, to: k.openedOn), k.id, visibleFrom: k.openedOn)
        }
        // A declined joint decision goes back to its proposer, from the day it was declined, until they propose again
        // (a newer proposal) or close the task.
        for p in s.declinedDecisions where p.status == .declined {
            guard let unit = s.proposerUnit[p.id], let committee = s.unitCommittee[unit] else { continue }
            let since = LocalDate(p.answeredAt ?? p.proposedAt)
            add(
                NeedDecisionProposal.declinedTaskKey(p.id), .needDecisionDeclined, p.personId, committee, unit, p.proposerId,
                WorkingDayCalendar.adding(workingDays: 5, to: since), p.id, visibleFrom: since)
        }
        for need in s.acuteNeeds where need.handledAt == nil {
            let (unit, who) = AcuteNeed.owner(need, cases: casesByPerson[need.personId] ?? [], unitCommittee: s.unitCommittee, unitKind: s.unitKind)
            let day = LocalDate(need.detectedAt)
            add("acute_need:\(need.id)", .acuteNeed, need.personId, need.committeeId, unit, who, day, need.id, visibleFrom: day)
        }
        return out
    }

    /// A disagreement between the units' views stays on both units' lists until a decision settles it; a
    /// decided assessment is followed up on its review date by the unit(s) that lead.
    static func needAssessmentTasks(
        _ s: CaseFlowSnapshot, today: LocalDate, _ add: (String, CaseTask.Kind, UUID, String, String, UUID?, LocalDate, UUID, LocalDate?) -> Void
    ) {
        for a in s.needAssessments {
            let districtCase = s.cases.first { $0.personId == a.personId && $0.committeeId == a.committeeId && $0.status == .active }
            guard let districtCase else { continue }
            // The Jobbtorg's side of the tasks only while a consent lets it read the assessment: a task it cannot open is
            // a dead end on its list.
            let enrolment = s.enrolments.first { $0.personId == a.personId && $0.status == .active && $0.unitId == a.jobbtorgUnitId }.flatMap { e in
                ConsentSharing.sees(
                    .needAssessment, owner: e.districtCommitteeId, viewerCommittee: e.committeeId, viewerUnit: e.unitId,
                    consents: s.consents.filter { $0.personId == a.personId }, on: today) ? e : nil
            }
            if a.inDisagreement, let d = a.districtView, let j = a.jobbtorgView {
                let since = LocalDate(max(d.at, j.at))
                let due = WorkingDayCalendar.adding(workingDays: 5, to: since)
                add("need_disagreement:\(a.id):district", .needAssessmentDisagreement, a.personId, a.committeeId, a.districtUnitId, districtCase.responsibleUserId, due, a.id, since)
                if let e = enrolment {
                    add("need_disagreement:\(a.id):jobbtorg", .needAssessmentDisagreement, a.personId, e.committeeId, e.unitId, e.responsibleUserId, due, a.id, since)
                }
            }
            if a.status == .decided, let decision = a.decision {
                let due = decision.reviewOn
                if decision.lead != .jobbtorg || enrolment == nil {
                    add("need_review:\(a.id):district", .needAssessmentReview, a.personId, a.committeeId, a.districtUnitId, districtCase.responsibleUserId, due, a.id, nil)
                }
                if decision.lead != .district, let e = enrolment {
                    add("need_review:\(a.id):jobbtorg", .needAssessmentReview, a.personId, e.committeeId, e.unitId, e.responsibleUserId, due, a.id, nil)
                }
            }
        }
    }

    private static func planTasks(
        _ plan: Plan, _ c: String, _ u: String, _ who: UUID?,
        _ add: (String, CaseTask.Kind, UUID, String, String, UUID?, LocalDate, UUID, LocalDate?) -> Void
    ) {
        add("follow_up:\(plan.id):v\(plan.version)", .followUpDue, plan.personId, c, u, who, plan.nextFollowUp, plan.id, plan.nextFollowUp.adding(days: -7))
        // A plan whose follow-up is a month overdue is no longer a current plan.
        let stale = plan.nextFollowUp.adding(months: 1)
        add("no_current_plan:\(plan.id):v\(plan.version)", .noCurrentPlan, plan.personId, c, u, who, stale, plan.id, stale)
    }
}
