import Foundation
import Testing

@testable import SamsynDomain

/// The nybesök booking, the unit inboxes and the next step: the rules of issue 15.
@Suite("Unit inboxes, the nybesök and the next step")
struct InboxRulesTests {
    let district = "spanga-tensta", intakeUnit = "spanga-tensta-mottagning", aidUnit = "spanga-tensta-ekonomiskt-bistand"
    let otherAidUnit = "spanga-tensta-ekonomiskt-bistand-2", jobbtorgUnit = "jobbtorg-kista", amn = "arbetsmarknadsnamnden"
    let person = UUID()

    func d(_ s: String) -> LocalDate { LocalDate(s)! }

    /// 2026-11-18 12:06:40 in Stockholm.
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func user(_ role: Role, unit: String, kind: OrgUnit.Kind, committee: String? = nil, active: Bool = true) -> StaffUser {
        StaffUser(id: UUID(), username: "\(role.rawValue)-\(unit)", displayName: "\(role.swedishTitle) \(unit)", role: role, unitId: unit,
            committeeId: committee ?? (kind == .jobbtorg ? amn : district), active: active, unitKind: kind)
    }

    var kinds: [String: OrgUnit.Kind] { [intakeUnit: .intake, aidUnit: .financialAid, otherAidUnit: .financialAid, jobbtorgUnit: .jobbtorg] }

    func districtCase(unit: String, opened: String = "2026-11-16", status: DistrictCase.Status = .active) -> DistrictCase {
        DistrictCase(
            id: UUID(), personId: person, committeeId: district, unitId: unit, responsibleUserId: nil, openedOn: d(opened), source: .application, channel: .phone,
            status: status, createdAt: now)
    }

    func visit(_ c: DistrictCase, unit: String) -> NewVisit {
        NewVisit(
            id: UUID(), caseId: c.id, personId: c.personId, committeeId: district, unitId: unit, workerId: UUID(), workerName: "Sara", date: d("2026-11-20"),
            time: "09:30", location: "Spånga torg 10", bookedByName: "Maja", bookedAt: now)
    }

    func referral(status: Referral.Status, answeredAt: Date? = nil, from unit: String? = nil) -> Referral {
        Referral(
            id: UUID(), personId: person, caseId: nil, fromCommitteeId: district, fromUnitId: unit ?? aidUnit, referredBy: UUID(), referredByName: "Sara",
            toUnitId: jobbtorgUnit, consentId: UUID(), route: .groupInformation, sessionId: nil, meetingAt: nil, reason: "Arbetslös sedan ett år",
            inTargetGroup: true, targetGroupReason: "Arbetslöshet", exceptionReason: nil, sentOn: d("2026-11-02"), createdAt: now, status: status,
            answeredAt: answeredAt, answeredByName: answeredAt == nil ? nil : "Carl")
    }

    // MARK: Booking

    @Test("A booking in the past, a missing or passed time, no place and a worker outside financial aid are each refused by field")
    func bookingValidation() throws {
        let sara = user(.socialSecretary, unit: aidUnit, kind: .financialAid)
        let manager = user(.unitManager, unit: aidUnit, kind: .financialAid)
        let maja = user(.intakeOfficer, unit: intakeUnit, kind: .intake)
        let coach = user(.coach, unit: jobbtorgUnit, kind: .jobbtorg)
        let other = user(.socialSecretary, unit: "rinkeby-kista-ekonomiskt-bistand", kind: .financialAid, committee: "rinkeby-kista")
        let gone = user(.socialSecretary, unit: aidUnit, kind: .financialAid, active: false)
        let staff = [sara, manager, maja, coach, other, gone]
        func fields(_ date: String, _ time: String, _ place: String, _ worker: StaffUser?) -> [String] {
            do {
                _ = try NewVisitRules.validate(
                    date: date, time: time, location: place, workerId: worker?.id.uuidString ?? "", staff: staff, committeeId: district, now: now)
                return []
            } catch let e as DomainError {
                #expect(e.kind == .invalid)
                return e.fields.map(\.field)
            } catch { return ["?"] }
        }
        #expect(fields("2026-11-17", "09:30", "Spånga torg 10", sara) == ["date"])
        #expect(fields("2026-11-31", "09:30", "Spånga torg 10", sara) == ["date"])
        #expect(fields("", "09:30", "Spånga torg 10", sara) == ["date"])
        #expect(fields("2027-03-01", "09:30", "Spånga torg 10", sara) == ["date"], "more than 90 days ahead")
        #expect(fields("2026-11-20", "", "Spånga torg 10", sara) == ["time"])
        #expect(fields("2026-11-20", "9.30", "Spånga torg 10", sara) == ["time"])
        #expect(fields("2026-11-18", "12:06", "Spånga torg 10", sara) == ["time"], "12:06 has passed at 12:06:40")
        #expect(fields("2026-11-18", "12:07", "Spånga torg 10", sara).isEmpty)
        #expect(fields("2026-11-20", "09:30", " ", sara) == ["location"])
        for w in [maja, coach, other, gone] { #expect(fields("2026-11-20", "09:30", "Spånga torg 10", w) == ["worker"]) }
        #expect(fields("2026-11-20", "09:30", "Spånga torg 10", nil) == ["worker"])
        #expect(fields("2026-11-17", "", "", coach) == ["date", "time", "location", "worker"])
        let ok = try NewVisitRules.validate(date: " 2026-11-20 ", time: "09:30", location: " Spånga torg 10 ", workerId: manager.id.uuidString, staff: staff, committeeId: district, now: now)
        #expect(ok.date == d("2026-11-20") && ok.time == "09:30" && ok.location == "Spånga torg 10" && ok.worker == manager)
        #expect(CaseAction.bookNewVisit.allows(maja) && CaseAction.bookNewVisit.allows(sara) && !CaseAction.bookNewVisit.allows(coach))
    }

    @Test("An aktualisering without a booked or held nybesök is the case unit's task from the day it was opened")
    func unbookedTask() {
        let c = districtCase(unit: intakeUnit, opened: "2026-11-16")
        var s = CaseFlowSnapshot()
        s.cases = [c]
        let t = DueTasks.compute(s, today: d("2026-11-16")).filter { $0.kind == .newVisitUnbooked }
        #expect(t.count == 1 && t.first?.unitId == intakeUnit && t.first?.subjectId == c.id && t.first?.dueOn == d("2026-11-17"))
        #expect(DueTasks.compute(s, today: d("2026-11-15")).filter { $0.kind == .newVisitUnbooked }.isEmpty, "not before it was opened")
        s.newVisitBookedOrHeld = [c.id]
        #expect(DueTasks.compute(s, today: d("2026-11-18")).filter { $0.kind == .newVisitUnbooked }.isEmpty)
        s.newVisitBookedOrHeld = []
        s.cases = [districtCase(unit: intakeUnit, status: .closed)]
        #expect(DueTasks.compute(s, today: d("2026-11-18")).filter { $0.kind == .newVisitUnbooked }.isEmpty)
        #expect(CaseTask.Kind.allCases.contains(.newVisitUnbooked))
    }

    // MARK: Inboxes

    @Test("A new case from intake is in every financial-aid inbox until booked at one; in intake's inbox until booked")
    func newCases() {
        let c = districtCase(unit: intakeUnit)
        var s = InboxSnapshot()
        s.unitKinds = kinds
        s.cases = [c]
        let today = d("2026-11-18")
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).map(\.kind) == [.newCase])
        #expect(UnitInbox.items(unitId: otherAidUnit, s, today: today).map(\.kind) == [.newCase])
        #expect(UnitInbox.items(unitId: intakeUnit, s, today: today).map(\.kind) == [.visitToBook])
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).first?.late == true, "opened on Monday, not booked by Tuesday")
        #expect(UnitInbox.items(unitId: jobbtorgUnit, s, today: today).isEmpty)
        // Booked with a worker of one unit: in that unit's inbox only, with the booking; gone from intake's.
        s.newVisits = [c.id: visit(c, unit: aidUnit)]
        let booked = UnitInbox.items(unitId: aidUnit, s, today: today)
        #expect(booked.map(\.kind) == [.newCase] && booked.first?.newVisit?.time == "09:30" && booked.first?.late == false && booked.first?.action == .takeOver)
        #expect(UnitInbox.items(unitId: otherAidUnit, s, today: today).isEmpty)
        #expect(UnitInbox.items(unitId: intakeUnit, s, today: today).isEmpty)
        // Taken over: the case moved to the financial-aid unit, so it leaves every inbox.
        var taken = c
        s.cases = [DistrictCase(
            id: c.id, personId: c.personId, committeeId: c.committeeId, unitId: aidUnit, responsibleUserId: UUID(), openedOn: c.openedOn, source: c.source,
            channel: c.channel, createdAt: c.createdAt)]
        taken.responsibleUserId = nil
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).isEmpty)
        #expect(UnitInbox.items(unitId: intakeUnit, s, today: today).isEmpty)
    }

    @Test("Referrals wait in the Jobbtorg's inbox until answered; answers go back to the referring unit until acknowledged, for 90 days")
    func referralsAndAnswers() {
        var s = InboxSnapshot()
        s.unitKinds = kinds
        let today = d("2026-11-18")
        let waiting = referral(status: .sent)
        s.referralsToUnit = [waiting]
        let j = UnitInbox.items(unitId: jobbtorgUnit, s, today: today)
        #expect(j.map(\.kind) == [.referral] && j.first?.late == true && j.first?.action == .answerReferral)
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).isEmpty)
        let accepted = referral(status: .accepted, answeredAt: now)
        let declined = referral(status: .declined, answeredAt: now.addingTimeInterval(-100 * 86_400))
        let elsewhere = referral(status: .declined, answeredAt: now, from: otherAidUnit)
        s.referralsToUnit = []
        s.answeredReferrals = [accepted, declined, elsewhere]
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).map(\.kind) == [.referralAccepted], "older than 90 days and another unit's are left out")
        #expect(UnitInbox.items(unitId: otherAidUnit, s, today: today).map(\.kind) == [.referralDeclined])
        var returned = Enrolment(
            id: UUID(), personId: person, referralId: accepted.id, districtCommitteeId: district, committeeId: amn, unitId: jobbtorgUnit, responsibleUserId: nil,
            enrolledOn: d("2026-09-01"), status: .closed, closureReason: .returnedToDistrict, closedOn: d("2026-11-10"))
        s.closedEnrolments = [returned]
        s.referringUnit = [accepted.id: aidUnit]
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).map(\.kind) == [.returnedToDistrict, .referralAccepted])
        returned.closureReason = .work
        s.closedEnrolments = [returned]
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).map(\.kind) == [.enrolmentClosed, .referralAccepted])
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).allSatisfy { $0.action == .acknowledge })
        s.acknowledged = [InboxItem.answerKey(accepted), InboxItem.closureKey(returned)]
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).isEmpty)
    }

    // MARK: Next step

    @Test("The next step follows the role: aktualisering and part 1, then the nybesök; take over; part 2 and the jobbplan")
    func nextStep() {
        let maja = user(.intakeOfficer, unit: intakeUnit, kind: .intake)
        let sara = user(.socialSecretary, unit: aidUnit, kind: .financialAid)
        let carl = user(.coach, unit: jobbtorgUnit, kind: .jobbtorg)
        let analyst = user(.analyst, unit: "analys", kind: .administration, committee: "kommunstyrelsen")
        let c = districtCase(unit: intakeUnit)
        #expect(NextStep.choose(for: maja, .init()) == [.registerCase, .fillPart1])
        #expect(NextStep.choose(for: maja, .init(activeCase: c, caseAtIntake: true)) == [.fillPart1, .bookNewVisit])
        #expect(NextStep.choose(for: maja, .init(activeCase: c, caseAtIntake: true, part1Completed: true)) == [.bookNewVisit])
        #expect(NextStep.choose(for: maja, .init(activeCase: c, caseAtIntake: true, newVisit: visit(c, unit: aidUnit), part1Completed: true)) == [.printNewVisitLetter])
        #expect(NextStep.choose(for: sara, .init(activeCase: c, caseAtIntake: true, newVisit: visit(c, unit: aidUnit))) == [.takeOverCase, .recordObstacles])
        #expect(NextStep.choose(for: sara, .init(activeCase: c, caseAtIntake: false)) == [.bookNewVisit, .recordObstacles])
        #expect(NextStep.choose(for: sara, .init(activeCase: c, obstaclesRecorded: true)).isEmpty)
        #expect(NextStep.choose(for: carl, .init(referralWaiting: true)) == [.answerReferral])
        #expect(NextStep.choose(for: carl, .init(activeEnrolment: true)) == [.fillPart2, .writeJobPlan])
        #expect(NextStep.choose(for: carl, .init(part2Completed: true, activeEnrolment: true, jobPlanExists: true)).isEmpty)
        #expect(NextStep.choose(for: analyst, .init()).isEmpty)
        #expect(UnitInbox.hasInbox(maja) && UnitInbox.hasInbox(sara) && UnitInbox.hasInbox(carl) && !UnitInbox.hasInbox(analyst))
        #expect(MenuCapabilities(sara).inbox && !MenuCapabilities(analyst).inbox)
    }

    @Test("An open acute need is first in its unit's inbox, marked as acute, until its task settles; other units do not see it")
    func acuteFirstInInbox() {
        let today = d("2026-11-18")
        var s = InboxSnapshot()
        s.unitKinds = kinds
        let older = districtCase(unit: intakeUnit, opened: "2026-11-10")
        s.cases = [older]
        let needId = UUID()
        func task(settled: Date? = nil, unit: String? = nil) -> CaseTask {
            CaseTask(
                id: UUID(), key: "acute_need:\(needId)", kind: .acuteNeed, personId: UUID(), committeeId: district, unitId: unit ?? aidUnit, assigneeId: nil,
                dueOn: today, subjectId: needId, createdAt: now, settledAt: settled)
        }
        s.acuteTasks = [task()]
        let items = UnitInbox.items(unitId: aidUnit, s, today: today)
        // The acute need arrived today, after the new case, and still comes first.
        #expect(items.map(\.kind) == [.acuteNeed, .newCase])
        #expect(items.first?.subjectId == needId && items.first?.action == .handleAcuteNeed && items.first?.late == false)
        #expect(UnitInbox.items(unitId: otherAidUnit, s, today: today).map(\.kind) == [.newCase])
        s.acuteTasks = [task(settled: now)]
        #expect(UnitInbox.items(unitId: aidUnit, s, today: today).map(\.kind) == [.newCase])
        // Not handled by the next day: still first, and late.
        s.acuteTasks = [task()]
        #expect(UnitInbox.items(unitId: aidUnit, s, today: d("2026-11-19")).first?.late == true)
        #expect(InboxItem.Kind.acuteNeed.swedishName == "Akut behov" && InboxItem.Kind.enrolmentClosed.swedishName == "Avslutad hos Jobbtorg")
    }

    @Test("A declined joint proposal is its proposer's task at the proposer's unit, from the day it was declined; a withdrawn one is nobody's")
    func declinedProposalTask() {
        let today = d("2026-11-18")
        let proposer = UUID()
        func proposal(_ status: NeedDecisionProposal.Status) -> NeedDecisionProposal {
            NeedDecisionProposal(
                id: UUID(), assessmentId: UUID(), personId: person, category: "K2", lead: .jobbtorg, parallel: false, reviewOn: d("2027-02-18"), suggested: "K2",
                ruleVersion: 1, deviationReason: nil, proposedAt: now.addingTimeInterval(-86_400), proposerId: proposer, proposerName: "Carl Coach",
                coDeciderId: UUID(), coDeciderName: "Sara", coDeciderCommitteeId: district, coDeciderUnitId: aidUnit, status: status, answeredAt: now,
                answeredById: UUID(), answeredByName: "Sara", declineReason: status == .declined ? "Vi behöver prata först." : nil)
        }
        var s = CaseFlowSnapshot()
        s.unitCommittee = [aidUnit: district, jobbtorgUnit: amn]
        let declined = proposal(.declined), withdrawn = proposal(.withdrawn)
        s.declinedDecisions = [declined, withdrawn]
        s.proposerUnit = [declined.id: jobbtorgUnit, withdrawn.id: jobbtorgUnit]
        let tasks = DueTasks.compute(s, today: today).filter { $0.kind == .needDecisionDeclined }
        #expect(tasks.count == 1)
        #expect(tasks.first?.assigneeId == proposer && tasks.first?.unitId == jobbtorgUnit && tasks.first?.committeeId == amn)
        #expect(tasks.first?.subjectId == declined.id && tasks.first?.key == NeedDecisionProposal.declinedTaskKey(declined.id))
        #expect(tasks.first?.dueOn == WorkingDayCalendar.adding(workingDays: 5, to: today))
        // A proposer whose unit is unknown (a removed account) gets no task rather than one at no unit.
        s.proposerUnit = [:]
        #expect(DueTasks.compute(s, today: today).filter { $0.kind == .needDecisionDeclined }.isEmpty)
    }
}
