import Foundation
import Testing

@testable import SamsynDomain

@Suite("The typed audit actions")
struct AuditActionTests {
    @Test("Every code is unique and stays exactly as stored in the hash-chained log")
    func codes() {
        let codes = AuditAction.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.range(of: #"^[a-z_]+(\.[a-z_]+)+$"#, options: .regularExpression) != nil })
        #expect(AuditAction.personRead.rawValue == "person.read")
        #expect(AuditAction.organisationCommitteeSave.rawValue == "organisation.committee.save")
        #expect(AuditAction.workAbilityConclusion.rawValue == "workability.conclusion")
    }

    @Test("The timeline shows exactly the changes it showed before, with the same Swedish lines")
    func timeline() {
        let shown = Set(AuditAction.timelineActions.map(\.rawValue))
        #expect(
            shown == [
                "person.create", "person_file.open", "case.open", "case.obstacle", "case.aid_months", "consent.record", "consent.withdraw",
                "referral.create", "referral.accept", "referral.decline", "plan.create", "plan.revise", "meeting.book", "meeting.record",
                "attendance.record", "attendance.correct", "attendance.finalise", "enrolment.close", "check.record", "need_assessment.start",
                "need_assessment.view", "need_assessment.decide", "need_decision.propose", "need_decision.confirm", "need_decision.decline",
                "need_decision.withdraw", "assessment.start", "assessment.complete", "assessment.revise",
                "assessment.write", "intervention.enqueue", "intervention.offer", "intervention.accept", "intervention.decline",
                "intervention.withdraw", "intervention.offer_lapse", "episode.start", "episode.end", "workability.placement", "workability.assessment",
                "workability.conclusion", "journal.create", "journal.edit", "journal.sign", "journal.correct",
                "new_visit.book",
                "acute_need.detect", "acute_need.handle",
            ])
        #expect(AuditAction.timelineActions.allSatisfy { $0.isChange })
        #expect(TimelineText.changeActions["referral.accept"] == "Remissen antogs – personen skrevs in")
        #expect(TimelineText.changeActions.count == shown.count)
        #expect(!AuditAction.personRead.isChange && AuditAction.caseAssign.isChange && AuditAction.caseAssign.timelineText == nil)
    }

    @Test("A stored row with a code this Samsyn does not know keeps it and has no typed action")
    func unknownStoredCode() {
        let old = AccessLogEntry(at: Date(), requestId: "r", actor: nil, storedAction: "person.merge", outcome: .allowed)
        #expect(old.action == "person.merge")
        #expect(old.auditAction == nil)
        let new = AccessLogEntry(at: Date(), requestId: "r", actor: nil, action: .personRead, outcome: .allowed)
        #expect(new.action == "person.read" && new.auditAction == .personRead)
    }
}
