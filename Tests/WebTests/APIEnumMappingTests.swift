import SamsynAPI
import SamsynDomain
import Testing

@testable import SamsynWeb

/// Every domain value maps to the API value with the same wire name, and every API input value to the domain
/// value with the same name: the switches in `APIHandler+Enums.swift` are total and correct.
@Suite("API enum mappings")
struct APIEnumMappingTests {
    func same<D: RawRepresentable<String>, A: RawRepresentable<String>>(_ all: [D], _ map: (D) -> A) -> [String] {
        all.filter { map($0).rawValue != $0.rawValue }.map(\.rawValue)
    }

    @Test("SupportObstacle.Adult → SupportObstacle.AdultPayload")
    func map1() {
        #expect(same(SupportObstacle.Adult.allCases) { (v: SupportObstacle.Adult) -> Components.Schemas.SupportObstacle.AdultPayload in APIHandler.e(v) } == [])
        #expect(SupportObstacle.Adult.allCases.count == Components.Schemas.SupportObstacle.AdultPayload.allCases.count)
    }

    @Test("DistrictCase.Source → DistrictCase.SourcePayload")
    func map2() {
        #expect(same(DistrictCase.Source.allCases) { (v: DistrictCase.Source) -> Components.Schemas.DistrictCase.SourcePayload in APIHandler.e(v) } == [])
        #expect(DistrictCase.Source.allCases.count == Components.Schemas.DistrictCase.SourcePayload.allCases.count)
    }

    @Test("DistrictCase.Channel → DistrictCase.ChannelPayload")
    func map3() {
        #expect(same(DistrictCase.Channel.allCases) { (v: DistrictCase.Channel) -> Components.Schemas.DistrictCase.ChannelPayload in APIHandler.e(v) } == [])
        #expect(DistrictCase.Channel.allCases.count == Components.Schemas.DistrictCase.ChannelPayload.allCases.count)
    }

    @Test("DistrictCase.Status → DistrictCase.StatusPayload")
    func map4() {
        #expect(same(DistrictCase.Status.allCases) { (v: DistrictCase.Status) -> Components.Schemas.DistrictCase.StatusPayload in APIHandler.e(v) } == [])
        #expect(DistrictCase.Status.allCases.count == Components.Schemas.DistrictCase.StatusPayload.allCases.count)
    }

    @Test("SixMonthCheck.Result → SixMonthCheck.ResultPayload")
    func map5() {
        #expect(same(SixMonthCheck.Result.allCases) { (v: SixMonthCheck.Result) -> Components.Schemas.SixMonthCheck.ResultPayload in APIHandler.e(v) } == [])
        #expect(SixMonthCheck.Result.allCases.count == Components.Schemas.SixMonthCheck.ResultPayload.allCases.count)
    }

    @Test("Consent.Scope → Consent.ScopesPayloadPayload")
    func map6() {
        #expect(same(Consent.Scope.allCases) { (v: Consent.Scope) -> Components.Schemas.Consent.ScopesPayloadPayload in APIHandler.e(v) } == [])
        #expect(Consent.Scope.allCases.count == Components.Schemas.Consent.ScopesPayloadPayload.allCases.count)
    }

    @Test("Consent.Method → Consent.MethodPayload")
    func map7() {
        #expect(same(Consent.Method.allCases) { (v: Consent.Method) -> Components.Schemas.Consent.MethodPayload in APIHandler.e(v) } == [])
        #expect(Consent.Method.allCases.count == Components.Schemas.Consent.MethodPayload.allCases.count)
    }

    @Test("Consent.State → Consent.StatePayload")
    func map8() {
        #expect(same(Consent.State.allCases) { (v: Consent.State) -> Components.Schemas.Consent.StatePayload in APIHandler.e(v) } == [])
        #expect(Consent.State.allCases.count == Components.Schemas.Consent.StatePayload.allCases.count)
    }

    @Test("Referral.Route → Referral.RoutePayload")
    func map9() {
        #expect(same(Referral.Route.allCases) { (v: Referral.Route) -> Components.Schemas.Referral.RoutePayload in APIHandler.e(v) } == [])
        #expect(Referral.Route.allCases.count == Components.Schemas.Referral.RoutePayload.allCases.count)
    }

    @Test("Referral.Status → Referral.StatusPayload")
    func map10() {
        #expect(same(Referral.Status.allCases) { (v: Referral.Status) -> Components.Schemas.Referral.StatusPayload in APIHandler.e(v) } == [])
        #expect(Referral.Status.allCases.count == Components.Schemas.Referral.StatusPayload.allCases.count)
    }

    @Test("Enrolment.Status → Enrolment.StatusPayload")
    func map11() {
        #expect(same(Enrolment.Status.allCases) { (v: Enrolment.Status) -> Components.Schemas.Enrolment.StatusPayload in APIHandler.e(v) } == [])
        #expect(Enrolment.Status.allCases.count == Components.Schemas.Enrolment.StatusPayload.allCases.count)
    }

    @Test("Enrolment.ClosureReason → Enrolment.ClosureReasonPayload")
    func map12() {
        #expect(same(Enrolment.ClosureReason.allCases) { (v: Enrolment.ClosureReason) -> Components.Schemas.Enrolment.ClosureReasonPayload in APIHandler.e(v) } == [])
        #expect(Enrolment.ClosureReason.allCases.count == Components.Schemas.Enrolment.ClosureReasonPayload.allCases.count)
    }

    @Test("Plan.Kind → Plan.KindPayload")
    func map13() {
        #expect(same(Plan.Kind.allCases) { (v: Plan.Kind) -> Components.Schemas.Plan.KindPayload in APIHandler.e(v) } == [])
        #expect(Plan.Kind.allCases.count == Components.Schemas.Plan.KindPayload.allCases.count)
    }

    @Test("Meeting.Kind → Meeting.KindPayload")
    func map14() {
        #expect(same(Meeting.Kind.allCases) { (v: Meeting.Kind) -> Components.Schemas.Meeting.KindPayload in APIHandler.e(v) } == [])
        #expect(Meeting.Kind.allCases.count == Components.Schemas.Meeting.KindPayload.allCases.count)
    }

    @Test("AttendanceRecord.Status → AttendanceRecord.StatusPayload")
    func map15() {
        #expect(same(AttendanceRecord.Status.allCases) { (v: AttendanceRecord.Status) -> Components.Schemas.AttendanceRecord.StatusPayload in APIHandler.e(v) } == [])
        #expect(AttendanceRecord.Status.allCases.count == Components.Schemas.AttendanceRecord.StatusPayload.allCases.count)
    }

    @Test("AttendanceRecord.Status → AttendanceCorrectionRecord.FromPayload")
    func map16() {
        #expect(same(AttendanceRecord.Status.allCases) { (v: AttendanceRecord.Status) -> Components.Schemas.AttendanceCorrectionRecord.FromPayload in APIHandler.e(v) } == [])
        #expect(AttendanceRecord.Status.allCases.count == Components.Schemas.AttendanceCorrectionRecord.FromPayload.allCases.count)
    }

    @Test("AttendanceRecord.Status → AttendanceCorrectionRecord.ToPayload")
    func map17() {
        #expect(same(AttendanceRecord.Status.allCases) { (v: AttendanceRecord.Status) -> Components.Schemas.AttendanceCorrectionRecord.ToPayload in APIHandler.e(v) } == [])
        #expect(AttendanceRecord.Status.allCases.count == Components.Schemas.AttendanceCorrectionRecord.ToPayload.allCases.count)
    }

    @Test("CaseTask.Kind → Task.KindPayload")
    func map18() {
        #expect(same(CaseTask.Kind.allCases) { (v: CaseTask.Kind) -> Components.Schemas.Task.KindPayload in APIHandler.e(v) } == [])
        #expect(CaseTask.Kind.allCases.count == Components.Schemas.Task.KindPayload.allCases.count)
    }

    @Test("CaseTask.Kind → TaskCount.KindPayload")
    func map19() {
        #expect(same(CaseTask.Kind.allCases) { (v: CaseTask.Kind) -> Components.Schemas.TaskCount.KindPayload in APIHandler.e(v) } == [])
        #expect(CaseTask.Kind.allCases.count == Components.Schemas.TaskCount.KindPayload.allCases.count)
    }

    @Test("LeadUnit → NeedDecisionProposal.LeadPayload and NeedDecisionProposal.Status → NeedDecisionProposal.StatusPayload")
    func mapProposal() {
        #expect(same(LeadUnit.allCases) { (v: LeadUnit) -> Components.Schemas.NeedDecisionProposal.LeadPayload in APIHandler.e(v) } == [])
        #expect(LeadUnit.allCases.count == Components.Schemas.NeedDecisionProposal.LeadPayload.allCases.count)
        #expect(same(NeedDecisionProposal.Status.allCases) { (v: NeedDecisionProposal.Status) -> Components.Schemas.NeedDecisionProposal.StatusPayload in APIHandler.e(v) } == [])
        #expect(NeedDecisionProposal.Status.allCases.count == Components.Schemas.NeedDecisionProposal.StatusPayload.allCases.count)
    }

    @Test("NeedAssessment.Side → NeedAssessmentOverview.SidePayload")
    func map20() {
        #expect(same(NeedAssessment.Side.allCases) { (v: NeedAssessment.Side) -> Components.Schemas.NeedAssessmentOverview.SidePayload in APIHandler.e(v) } == [])
        #expect(NeedAssessment.Side.allCases.count == Components.Schemas.NeedAssessmentOverview.SidePayload.allCases.count)
    }

    @Test("NeedAssessment.Status → NeedAssessment.StatusPayload")
    func map21() {
        #expect(same(NeedAssessment.Status.allCases) { (v: NeedAssessment.Status) -> Components.Schemas.NeedAssessment.StatusPayload in APIHandler.e(v) } == [])
        #expect(NeedAssessment.Status.allCases.count == Components.Schemas.NeedAssessment.StatusPayload.allCases.count)
    }

    @Test("LeadUnit → NeedDecision.LeadPayload")
    func map22() {
        #expect(same(LeadUnit.allCases) { (v: LeadUnit) -> Components.Schemas.NeedDecision.LeadPayload in APIHandler.e(v) } == [])
        #expect(LeadUnit.allCases.count == Components.Schemas.NeedDecision.LeadPayload.allCases.count)
    }

    @Test("LeadUnit → NeedCategory.LeadPayload")
    func map23() {
        #expect(same(LeadUnit.allCases) { (v: LeadUnit) -> Components.Schemas.NeedCategory.LeadPayload in APIHandler.e(v) } == [])
        #expect(LeadUnit.allCases.count == Components.Schemas.NeedCategory.LeadPayload.allCases.count)
    }

    @Test("QueueEntry.Status → QueueEntry.StatusPayload")
    func map24() {
        #expect(same(QueueEntry.Status.allCases) { (v: QueueEntry.Status) -> Components.Schemas.QueueEntry.StatusPayload in APIHandler.e(v) } == [])
        #expect(QueueEntry.Status.allCases.count == Components.Schemas.QueueEntry.StatusPayload.allCases.count)
    }

    @Test("Episode.Outcome → Episode.OutcomePayload")
    func map25() {
        #expect(same(Episode.Outcome.allCases) { (v: Episode.Outcome) -> Components.Schemas.Episode.OutcomePayload in APIHandler.e(v) } == [])
        #expect(Episode.Outcome.allCases.count == Components.Schemas.Episode.OutcomePayload.allCases.count)
    }

    @Test("AssessmentResponse.Status → Assessment.StatusPayload")
    func map26() {
        #expect(same(AssessmentResponse.Status.allCases) { (v: AssessmentResponse.Status) -> Components.Schemas.Assessment.StatusPayload in APIHandler.e(v) } == [])
        #expect(AssessmentResponse.Status.allCases.count == Components.Schemas.Assessment.StatusPayload.allCases.count)
    }

    @Test("OrgUnit.Kind → InstrumentPartSummary.OwnerPayload")
    func map27() {
        #expect(same(OrgUnit.Kind.allCases) { (v: OrgUnit.Kind) -> Components.Schemas.InstrumentPartSummary.OwnerPayload in APIHandler.e(v) } == [])
        #expect(OrgUnit.Kind.allCases.count == Components.Schemas.InstrumentPartSummary.OwnerPayload.allCases.count)
    }

    @Test("PlanCreate.KindPayload → Plan.Kind")
    func map28() {
        #expect(same(Components.Schemas.PlanCreate.KindPayload.allCases) { (v: Components.Schemas.PlanCreate.KindPayload) -> Plan.Kind in APIHandler.domain(v) } == [])
    }

    @Test("Operations.ListTasks.Input.Query.KindPayload → CaseTask.Kind")
    func map29() {
        #expect(same(Operations.ListTasks.Input.Query.KindPayload.allCases) { (v: Operations.ListTasks.Input.Query.KindPayload) -> CaseTask.Kind in APIHandler.domain(v) } == [])
    }
}
