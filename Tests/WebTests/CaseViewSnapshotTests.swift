import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// The case-flow, need-assessment and task pages rendered in the frame from their mock models, without a database:
/// each view new and, where it has a form, refused.
@Suite("Case view snapshots")
struct CaseViewSnapshotTests {
    func page(_ title: String, _ current: MenuItem? = nil, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: current), main: nodes)
    }

    @Test("The case page: district, Jobbtorg, refused forms and a role without cases")
    func casePage() throws {
        try Snapshot.check(page("Ärende – Anna Andersson", nil, CasePage.view(.mockDistrict)), "case-district")
        try Snapshot.check(page("Fel – Ärende – Anna Andersson", nil, CasePage.view(.mockDistrictRefused)), "case-district-refused")
        try Snapshot.check(page("Ärende – Anna Andersson", nil, CasePage.view(.mockJobbtorg)), "case-jobbtorg")
        try Snapshot.check(page("Fel – Ärende – Anna Andersson", nil, CasePage.view(.mockRefused)), "case-jobbtorg-refused")
        try Snapshot.check(page("Ärende – Anna Andersson", nil, CasePage.view(.mockNoCases)), "case-no-role")
    }

    @Test("Consent and referral pages")
    func consentAndReferral() throws {
        try Snapshot.check(page("Dokumentera samtycke", nil, ConsentNewPage.view(.mock)), "consent-new")
        try Snapshot.check(page("Fel – Dokumentera samtycke", nil, ConsentNewPage.view(.mockRefused)), "consent-new-refused")
        try Snapshot.check(page("Remittera till Jobbtorg", nil, ReferralNewPage.view(.mock)), "referral-new")
        try Snapshot.check(page("Fel – Remittera till Jobbtorg", nil, ReferralNewPage.view(.mockRefused)), "referral-new-refused")
        try Snapshot.check(page("Remisser", .referrals, ReferralInboxPage.view(.mock)), "referral-inbox")
        try Snapshot.check(page("Remiss", .referrals, ReferralPage.view(.mock)), "referral")
        try Snapshot.check(page("Fel – Remiss", .referrals, ReferralPage.view(.mockRefused)), "referral-refused")
        try Snapshot.check(page("Remiss", .referrals, ReferralPage.view(.mockDistrict)), "referral-district")
    }

    @Test("Plans, meetings, attendance and information sessions")
    func plansMeetingsAttendance() throws {
        try Snapshot.check(page("Ny jobbplan", nil, PlanNewPage.view(.mock)), "plan-new")
        try Snapshot.check(page("Fel – Ny arbetsplan", nil, PlanNewPage.view(.mockRefused)), "plan-new-refused")
        try Snapshot.check(page("Jobbplan", nil, PlanPage.view(.mock)), "plan")
        try Snapshot.check(page("Fel – Jobbplan", nil, PlanPage.view(.mockRefused)), "plan-refused")
        try Snapshot.check(page("Arbetsplan", nil, PlanPage.view(.mockReadOnly)), "plan-read-only")
        try Snapshot.check(page("Din jobbplan", nil, PlanPrintPage.view(.mock)), "plan-print")
        try Snapshot.check(page("Möte", nil, MeetingPage.view(.mock)), "meeting")
        try Snapshot.check(page("Fel – Möte", nil, MeetingPage.view(.mockRefused)), "meeting-refused")
        try Snapshot.check(page("Närvaro", nil, AttendancePage.view(.mock)), "attendance")
        try Snapshot.check(page("Fel – Närvaro", nil, AttendancePage.view(.mockRefused)), "attendance-refused")
        try Snapshot.check(page("Gruppinformation", .sessions, SessionsPage.view(.mock)), "sessions")
        try Snapshot.check(page("Fel – Gruppinformation", .sessions, SessionsPage.view(.mockRefused)), "sessions-refused")
    }

    @Test("Need assessment, rule versions and the fairness report")
    func needAssessment() throws {
        try Snapshot.check(page("Behovsbedömning", nil, NeedAssessmentPage.view(.mock)), "need-assessment")
        try Snapshot.check(page("Fel – Behovsbedömning", nil, NeedAssessmentPage.view(.mockRefused)), "need-assessment-refused")
        try Snapshot.check(page("Behovsbedömning", nil, NeedAssessmentPage.view(.mockNone)), "need-assessment-none")
        try Snapshot.check(page("Behovsbedömning", nil, NeedAssessmentPage.view(.mockPendingForCoDecider)), "need-assessment-pending")
        try Snapshot.check(page("Fel – Behovsbedömning", nil, NeedAssessmentPage.view(.mockPendingRefused)), "need-assessment-pending-refused")
        try Snapshot.check(page("Fel – Behovsbedömning", nil, NeedAssessmentPage.view(.mockPendingOther)), "need-assessment-pending-other")
        try Snapshot.check(page("Behovsbedömning", nil, NeedAssessmentPage.view(.mockDeclined)), "need-assessment-declined")
        try Snapshot.check(page("Behovsbedömning – regler", .needs, NeedRulesPage.view(.mock)), "need-rules")
        try Snapshot.check(page("Fel – Behovsbedömning – regler", .needs, NeedRulesPage.view(.mockRefused)), "need-rules-refused")
        try Snapshot.check(page("Rättviserapport", .needs, FairnessPage.view(.mock)), "need-fairness")
        try Snapshot.check(page("Fel – Rättviserapport", .needs, FairnessPage.view(.mockRefused)), "need-fairness-refused")
    }

    @Test("Tasks and the timeline")
    func tasks() throws {
        try Snapshot.check(page("Att göra", .tasks, TasksPage.view(.mock)), "tasks")
        try Snapshot.check(page("Att göra", .tasks, TasksPage.view(.mockManager)), "tasks-manager")
        try Snapshot.check(page("Fel – Att göra", .tasks, TasksPage.view(.mockRefused)), "tasks-refused")
        try Snapshot.check(page("Akut behov", .tasks, AcuteNeedPage.view(.mockOpen)), "acute-need")
        try Snapshot.check(page("Fel – Akut behov", .tasks, AcuteNeedPage.view(.mockRefused)), "acute-need-refused")
        try Snapshot.check(page("Akut behov", .tasks, AcuteNeedPage.view(.mockHandled)), "acute-need-handled")
        try Snapshot.check(page("Tidslinje", nil, TimelinePage.view(.mock)), "timeline")
        try Snapshot.check(page("Tidslinje", nil, TimelinePage.view(.mockEmpty)), "timeline-empty")
    }

    @Test("The closure flow, sessions, the roll-call and the week: new and refused")
    func closureAndRollCall() throws {
        try Snapshot.check(page("Avsluta inskrivningen", nil, ClosurePage.view(.mockStep1)), "closure-step1")
        try Snapshot.check(page("Avsluta inskrivningen", nil, ClosurePage.view(.mockWork)), "closure-work")
        try Snapshot.check(page("Avsluta inskrivningen", nil, ClosurePage.view(.mockStudies)), "closure-studies")
        try Snapshot.check(page("Fel – Avsluta inskrivningen", nil, ClosurePage.view(.mockRefused)), "closure-refused")
        try Snapshot.check(page("Fel – Avsluta inskrivningen", nil, ClosurePage.view(.mockClosed)), "closure-closed")
        try Snapshot.check(page("Pass och upprop", nil, GroupSessionsPage.view(.mock)), "group-sessions")
        try Snapshot.check(page("Fel – Pass och upprop", nil, GroupSessionsPage.view(.mockRefused)), "group-sessions-refused")
        try Snapshot.check(page("Upprop", nil, RollCallPage.view(.mock)), "roll-call")
        try Snapshot.check(page("Fel – Upprop", nil, RollCallPage.view(.mockRefused)), "roll-call-refused")
        try Snapshot.check(page("Närvaro per vecka", nil, AttendanceWeekPage.view(.mock)), "attendance-week")
    }
}
