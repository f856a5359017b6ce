import SamsynAPI
import SamsynDomain

/// Domain values to the generated API enums and back: total, exhaustive switches, so that a value the
/// contract does not list fails to compile instead of trapping at run time (`U(rawValue:)!` did).
/// `APIEnumMappingTests` checks that every case maps to the value of the same name.
extension APIHandler {
    static func e(_ v: SupportObstacle.Adult) -> Components.Schemas.SupportObstacle.AdultPayload {
        switch v {
        case .applicant: .applicant
        case .coApplicant: .coApplicant
        }
    }

    static func e(_ v: DistrictCase.Source) -> Components.Schemas.DistrictCase.SourcePayload {
        switch v {
        case .application: .application
        case .report: .report
        case .other: .other
        }
    }

    static func e(_ v: DistrictCase.Channel) -> Components.Schemas.DistrictCase.ChannelPayload {
        switch v {
        case .phone: .phone
        case .visit: .visit
        case .eService: .eService
        case .letter: .letter
        case .other: .other
        }
    }

    static func e(_ v: DistrictCase.Status) -> Components.Schemas.DistrictCase.StatusPayload {
        switch v {
        case .active: .active
        case .closed: .closed
        }
    }

    static func e(_ v: SixMonthCheck.Result) -> Components.Schemas.SixMonthCheck.ResultPayload {
        switch v {
        case .returned: .returned
        case .notReturned: .notReturned
        }
    }

    static func e(_ v: Consent.Scope) -> Components.Schemas.Consent.ScopesPayloadPayload {
        switch v {
        case .referral: .referral
        case .assessmentPart1: .assessmentPart1
        case .assessmentPart2: .assessmentPart2
        case .assessmentPart3: .assessmentPart3
        case .fia: .fia
        case .plans: .plans
        case .meetings: .meetings
        case .attendance: .attendance
        case .needAssessment: .needAssessment
        case .journal: .journal
        }
    }

    static func e(_ v: Consent.Method) -> Components.Schemas.Consent.MethodPayload {
        switch v {
        case .written: .written
        case .oral: .oral
        case .digital: .digital
        }
    }

    static func e(_ v: Consent.State) -> Components.Schemas.Consent.StatePayload {
        switch v {
        case .active: .active
        case .upcoming: .upcoming
        case .expired: .expired
        case .withdrawn: .withdrawn
        }
    }

    static func e(_ v: Referral.Route) -> Components.Schemas.Referral.RoutePayload {
        switch v {
        case .groupInformation: .groupInformation
        case .threePartyMeeting: .threePartyMeeting
        }
    }

    static func e(_ v: Referral.Status) -> Components.Schemas.Referral.StatusPayload {
        switch v {
        case .sent: .sent
        case .accepted: .accepted
        case .declined: .declined
        }
    }

    static func e(_ v: Enrolment.Status) -> Components.Schemas.Enrolment.StatusPayload {
        switch v {
        case .active: .active
        case .closed: .closed
        }
    }

    static func e(_ v: Enrolment.ClosureReason) -> Components.Schemas.Enrolment.ClosureReasonPayload {
        switch v {
        case .work: .work
        case .subsidisedWork: .subsidisedWork
        case .studies: .studies
        case .otherIncome: .otherIncome
        case .moved: .moved
        case .returnedToDistrict: .returnedToDistrict
        case .other: .other
        }
    }

    static func e(_ v: Plan.Kind) -> Components.Schemas.Plan.KindPayload {
        switch v {
        case .jobPlan: .jobPlan
        case .workPlan: .workPlan
        }
    }

    static func e(_ v: Meeting.Kind) -> Components.Schemas.Meeting.KindPayload {
        switch v {
        case .threeParty: .threeParty
        case .employmentServiceFollowUp: .employmentServiceFollowUp
        case .followUp: .followUp
        }
    }

    static func e(_ v: AttendanceRecord.Status) -> Components.Schemas.AttendanceRecord.StatusPayload {
        switch v {
        case .present: .present
        case .absentValid: .absentValid
        case .absentInvalid: .absentInvalid
        }
    }

    static func e(_ v: AttendanceRecord.Status) -> Components.Schemas.AttendanceCorrectionRecord.FromPayload {
        switch v {
        case .present: .present
        case .absentValid: .absentValid
        case .absentInvalid: .absentInvalid
        }
    }

    static func e(_ v: AttendanceRecord.Status) -> Components.Schemas.AttendanceCorrectionRecord.ToPayload {
        switch v {
        case .present: .present
        case .absentValid: .absentValid
        case .absentInvalid: .absentInvalid
        }
    }

    static func e(_ v: CaseTask.Kind) -> Components.Schemas.Task.KindPayload {
        switch v {
        case .jobPlanDue: .jobPlanDue
        case .followUpDue: .followUpDue
        case .threePartyMeetingDue: .threePartyMeetingDue
        case .employmentServiceFollowUpDue: .employmentServiceFollowUpDue
        case .attendanceReportDue: .attendanceReportDue
        case .referralUnanswered: .referralUnanswered
        case .noCurrentPlan: .noCurrentPlan
        case .noNewIntervention: .noNewIntervention
        case .consentExpiring: .consentExpiring
        case .sixMonthCheckDue: .sixMonthCheckDue
        case .needAssessmentDisagreement: .needAssessmentDisagreement
        case .needAssessmentReview: .needAssessmentReview
        case .needDecisionToConfirm: .needDecisionToConfirm
        case .offerLapsed: .offerLapsed
        case .newVisitUnbooked: .newVisitUnbooked
        case .acuteNeed: .acuteNeed
        case .needDecisionDeclined: .needDecisionDeclined
        }
    }

    static func e(_ v: CaseTask.Kind) -> Components.Schemas.TaskCount.KindPayload {
        switch v {
        case .jobPlanDue: .jobPlanDue
        case .followUpDue: .followUpDue
        case .threePartyMeetingDue: .threePartyMeetingDue
        case .employmentServiceFollowUpDue: .employmentServiceFollowUpDue
        case .attendanceReportDue: .attendanceReportDue
        case .referralUnanswered: .referralUnanswered
        case .noCurrentPlan: .noCurrentPlan
        case .noNewIntervention: .noNewIntervention
        case .consentExpiring: .consentExpiring
        case .sixMonthCheckDue: .sixMonthCheckDue
        case .needAssessmentDisagreement: .needAssessmentDisagreement
        case .needAssessmentReview: .needAssessmentReview
        case .needDecisionToConfirm: .needDecisionToConfirm
        case .offerLapsed: .offerLapsed
        case .newVisitUnbooked: .newVisitUnbooked
        case .acuteNeed: .acuteNeed
        case .needDecisionDeclined: .needDecisionDeclined
        }
    }

    static func e(_ v: NeedAssessment.Side) -> Components.Schemas.NeedAssessmentOverview.SidePayload {
        switch v {
        case .district: .district
        case .jobbtorg: .jobbtorg
        }
    }

    static func e(_ v: NeedAssessment.Status) -> Components.Schemas.NeedAssessment.StatusPayload {
        switch v {
        case .open: .open
        case .decided: .decided
        }
    }

    static func e(_ v: LeadUnit) -> Components.Schemas.NeedDecision.LeadPayload {
        switch v {
        case .jobbtorg: .jobbtorg
        case .district: .district
        case .joint: .joint
        }
    }

    static func e(_ v: LeadUnit) -> Components.Schemas.NeedCategory.LeadPayload {
        switch v {
        case .jobbtorg: .jobbtorg
        case .district: .district
        case .joint: .joint
        }
    }

    static func e(_ v: QueueEntry.Status) -> Components.Schemas.QueueEntry.StatusPayload {
        switch v {
        case .waiting: .waiting
        case .offered: .offered
        case .accepted: .accepted
        case .declined: .declined
        case .withdrawn: .withdrawn
        case .ended: .ended
        }
    }

    static func e(_ v: Episode.Outcome) -> Components.Schemas.Episode.OutcomePayload {
        switch v {
        case .completed: .completed
        case .interrupted: .interrupted
        case .work: .work
        case .studies: .studies
        }
    }

    static func e(_ v: AssessmentResponse.Status) -> Components.Schemas.Assessment.StatusPayload {
        switch v {
        case .draft: .draft
        case .completed: .completed
        case .superseded: .superseded
        }
    }

    static func e(_ v: OrgUnit.Kind) -> Components.Schemas.InstrumentPartSummary.OwnerPayload {
        switch v {
        case .intake: .intake
        case .financialAid: .financialAid
        case .jobbtorg: .jobbtorg
        case .jobbtorgResurs: .jobbtorgResurs
        case .jobbstart: .jobbstart
        case .workPreparation: .workPreparation
        case .administration: .administration
        case .partner: .partner
        }
    }

    static func domain(_ v: Components.Schemas.PlanCreate.KindPayload) -> Plan.Kind {
        switch v {
        case .jobPlan: .jobPlan
        case .workPlan: .workPlan
        }
    }

    static func domain(_ v: Operations.ListTasks.Input.Query.KindPayload) -> CaseTask.Kind {
        switch v {
        case .jobPlanDue: .jobPlanDue
        case .followUpDue: .followUpDue
        case .threePartyMeetingDue: .threePartyMeetingDue
        case .employmentServiceFollowUpDue: .employmentServiceFollowUpDue
        case .attendanceReportDue: .attendanceReportDue
        case .referralUnanswered: .referralUnanswered
        case .noCurrentPlan: .noCurrentPlan
        case .noNewIntervention: .noNewIntervention
        case .consentExpiring: .consentExpiring
        case .sixMonthCheckDue: .sixMonthCheckDue
        case .needAssessmentDisagreement: .needAssessmentDisagreement
        case .needAssessmentReview: .needAssessmentReview
        case .needDecisionToConfirm: .needDecisionToConfirm
        case .offerLapsed: .offerLapsed
        case .newVisitUnbooked: .newVisitUnbooked
        case .acuteNeed: .acuteNeed
        case .needDecisionDeclined: .needDecisionDeclined
        }
    }
}
