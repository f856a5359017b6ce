import Foundation
import Testing

@testable import SamsynDomain

/// A joint need decision signed by both, and fair queues: the rules the stores apply in their transactions.
@Suite("Joint decisions confirmed by the co-decider, and offers in queue order")
struct JointDecisionAndFairQueueTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)
    var today: LocalDate { LocalDate(t0) }
    let sara = UUID(), carl = UUID(), other = UUID()

    // MARK: Joint decisions

    func proposal(_ status: NeedDecisionProposal.Status = .pending) -> NeedDecisionProposal {
        NeedDecisionProposal(
            id: UUID(), assessmentId: UUID(), personId: UUID(), category: "K2", lead: .jobbtorg, parallel: false, reviewOn: today.adding(days: 90), suggested: "K3",
            ruleVersion: 1, deviationReason: "Har arbetat tidigare och vill börja med insatser mot arbete.", proposedAt: t0, proposerId: sara,
            proposerName: "Sara Handläggare", coDeciderId: carl, coDeciderName: "Carl Coach", coDeciderCommitteeId: "arbetsmarknadsnamnden",
            coDeciderUnitId: "jobbtorg-kista", status: status, answeredAt: status == .pending ? nil : t0, answeredById: status == .pending ? nil : carl,
            answeredByName: status == .pending ? nil : "Carl Coach")
    }

    func kind(_ body: () throws -> Void) -> DomainError.Kind? {
        do {
            try body()
            return nil
        } catch let e as DomainError {
            return e.kind
        } catch {
            return nil
        }
    }

    @Test("The named co-decider's confirmation makes the decision, with both as deciders, dated at the confirmation")
    func confirm() throws {
        let later = t0.addingTimeInterval(86_400)
        let (answered, decision) = try NeedAssessmentRules.answer(proposal(), .confirm, userId: carl, userName: "Carl Coach", at: later)
        #expect(answered.status == .confirmed && answered.answeredById == carl && answered.answeredAt == later)
        let d = try #require(decision)
        #expect(d.category == "K2" && d.lead == .jobbtorg && !d.parallel && d.suggested == "K3" && d.deviates)
        #expect(d.deciderId == sara && d.deciderName == "Sara Handläggare" && d.coDeciderId == carl && d.coDeciderName == "Carl Coach")
        #expect(d.decidedAt == later && d.decidedOn == LocalDate(later))
    }

    @Test("Anyone but the named co-decider is refused; the proposer cannot confirm their own proposal")
    func onlyTheNamed() {
        for user in [other, sara] {
            #expect(kind { _ = try NeedAssessmentRules.answer(proposal(), .confirm, userId: user, userName: "X", at: t0) } == .forbidden)
            #expect(kind { _ = try NeedAssessmentRules.answer(proposal(), .decline(reason: "Vi behöver prata först."), userId: user, userName: "X", at: t0) } == .forbidden)
        }
        // Only the proposer withdraws.
        #expect(kind { _ = try NeedAssessmentRules.answer(proposal(), .withdraw, userId: carl, userName: "Carl Coach", at: t0) } == .forbidden)
        #expect(NeedAssessmentRules.mayAnswer(proposal(), .withdraw, userId: sara) == nil)
        let message = NeedAssessmentRules.mayAnswer(proposal(), .confirm, userId: other)?.message ?? ""
        #expect(message.contains("Carl Coach"))
    }

    @Test("A proposal confirmed, declined or withdrawn cannot be answered again", arguments: [NeedDecisionProposal.Status.confirmed, .declined, .withdrawn])
    func answeredOnce(status: NeedDecisionProposal.Status) {
        #expect(kind { _ = try NeedAssessmentRules.answer(proposal(status), .confirm, userId: carl, userName: "Carl Coach", at: t0) } == .conflict)
        #expect(kind { _ = try NeedAssessmentRules.answer(proposal(status), .withdraw, userId: sara, userName: "Sara", at: t0) } == .conflict)
    }

    @Test("A decline needs a reason of 10–1000 characters, named at its field")
    func declineReason() throws {
        for reason in ["", "   ", "kort", String(repeating: "x", count: 1001)] {
            do {
                _ = try NeedAssessmentRules.answer(proposal(), .decline(reason: reason), userId: carl, userName: "Carl Coach", at: t0)
                Issue.record("a decline with the reason \(reason.count) characters long was accepted")
            } catch let e as DomainError {
                #expect(e.kind == .invalid && e.fields.map(\.field) == ["declineReason"])
            }
        }
        let (declined, decision) = try NeedAssessmentRules.answer(
            proposal(), .decline(reason: "  Vi behöver prata om uppföljningen först.  "), userId: carl, userName: "Carl Coach", at: t0)
        #expect(decision == nil && declined.status == .declined && declined.declineReason == "Vi behöver prata om uppföljningen först.")
        let (withdrawn, none) = try NeedAssessmentRules.answer(proposal(), .withdraw, userId: sara, userName: "Sara Handläggare", at: t0)
        #expect(none == nil && withdrawn.status == .withdrawn && withdrawn.answeredById == sara)
    }

    @Test("A pending proposal is the co-decider's task from the day it was made, at their unit; an answered one is none")
    func pendingTask() {
        var s = CaseFlowSnapshot()
        let p = proposal()
        s.pendingDecisions = [p]
        let tasks = DueTasks.compute(s, today: today)
        #expect(tasks.count == 1)
        let t = tasks[0]
        #expect(t.kind == .needDecisionToConfirm && t.assigneeId == carl && t.unitId == "jobbtorg-kista" && t.committeeId == "arbetsmarknadsnamnden")
        #expect(t.subjectId == p.id && t.personId == p.personId && t.dueOn == WorkingDayCalendar.adding(workingDays: 5, to: today))
        s.pendingDecisions = [proposal(.confirmed)]
        #expect(DueTasks.compute(s, today: today).isEmpty)
    }

    // MARK: Fair queues

    func entry(_ days: Int, priority: String? = nil, committee: String = "spanga-tensta", district: String = "spanga-tensta") -> QueueEntry {
        QueueEntry(
            id: UUID(), interventionId: "arbetstraning", personId: UUID(), committeeId: committee, unitId: "u", districtId: district,
            queuedAt: t0.addingTimeInterval(Double(-days) * 86_400), priorityReason: priority)
    }

    @Test("First in line is by priority, then time waited, among the committee's waiting who could have the place")
    func ahead() {
        let waited39 = entry(39), waited10 = entry(10), newest = entry(0)
        let prioritised = entry(1, priority: "Skyddat boende")
        let otherCommittee = entry(60, committee: "arbetsmarknadsnamnden")
        let noPlaceDistrict = entry(80, district: "kista")
        let all = [newest, waited10, waited39, prioritised, otherCommittee, noPlaceDistrict]
        let hasPlace: (String) -> Bool = { $0 != "kista" }
        #expect(QueueOfferRules.ahead(of: newest, waiting: all, hasPlace: hasPlace).map(\.id) == [prioritised.id, waited39.id, waited10.id])
        #expect(QueueOfferRules.ahead(of: waited39, waiting: all, hasPlace: hasPlace).map(\.id) == [prioritised.id])
        #expect(QueueOfferRules.ahead(of: prioritised, waiting: all, hasPlace: hasPlace).isEmpty)
        // An entry already offered is not waiting ahead.
        var offered = waited39
        offered.status = .offered
        #expect(QueueOfferRules.ahead(of: newest, waiting: [offered, waited10], hasPlace: hasPlace).map(\.id) == [waited10.id])
    }

    @Test("An offer out of order needs a reason from the list and one in words; in order it needs none")
    func reason() throws {
        guard case .failure(let e) = QueueOfferRules.check(.init(), passedOver: 2, today: today) else {
            Issue.record("an out-of-order offer without a reason was accepted")
            return
        }
        #expect(e.kind == .invalid && e.fields.map(\.field) == ["reason", "reasonText"])
        #expect(e.fields[0].message.hasPrefix("2 personer står före i kön."))
        guard case .failure(let short) = QueueOfferRules.check(.init(reason: "ahead_unavailable", reasonText: "sjuk"), passedOver: 1, today: today) else {
            Issue.record("a nine-character reason was accepted")
            return
        }
        #expect(short.fields.map(\.field) == ["reasonText"])
        #expect(throws: DomainError.self) { try QueueOfferRules.check(.init(reason: "because", reasonText: "Den som står före är sjukskriven."), passedOver: 1, today: today).get() }
        let ok = try QueueOfferRules.check(.init(reason: "ahead_unavailable", reasonText: "  Den som står före är sjukskriven.  "), passedOver: 1, today: today).get()
        #expect(ok.reason == .aheadUnavailable && ok.reasonText == "Den som står före är sjukskriven.")
        let inOrder = try QueueOfferRules.check(.init(), passedOver: 0, today: today).get()
        #expect(inOrder.reason == nil && inOrder.reasonText == nil)
    }

    @Test("The answer deadline is seven days by default, today to 30 days ahead, and lapses the day after")
    func deadline() throws {
        #expect(try QueueOfferRules.check(.init(), passedOver: 0, today: today).get().answerBy == today.adding(days: 7))
        #expect(try QueueOfferRules.check(.init(answerBy: today.adding(days: 30).description), passedOver: 0, today: today).get().answerBy == today.adding(days: 30))
        #expect(try QueueOfferRules.check(.init(answerBy: today.description), passedOver: 0, today: today).get().answerBy == today)
        for bad in [today.adding(days: -1).description, today.adding(days: 31).description, "2026-02-30", "nästa vecka"] {
            guard case .failure(let e) = QueueOfferRules.check(.init(answerBy: bad), passedOver: 0, today: today) else {
                Issue.record("the deadline \(bad) was accepted")
                continue
            }
            #expect(e.fields.map(\.field) == ["answerBy"])
        }
        let offer = QueueOffer(
            id: UUID(), entryId: UUID(), interventionId: "a", personId: UUID(), committeeId: "c", unitId: "u", districtId: "d", offeredAt: t0, offeredById: sara,
            offeredByName: "Sara", answerBy: today.adding(days: 7), passedOver: 0, reason: nil, reasonText: nil)
        #expect(!offer.isDue(today: today.adding(days: 7)))
        #expect(offer.isDue(today: today.adding(days: 8)))
    }

    @Test("QueueRules.offer decides the order on the rows given: full first (conflict), then the reason (invalid)")
    func offerInTransaction() throws {
        let i = Intervention(
            id: "arbetstraning", providerId: "p", name: "Arbetsträning", type: .workTraining, targetGroup: "Alla", description: "", typicalWeeks: 12, capacity: 1)
        let first = entry(39), newest = entry(0)
        #expect(kind { _ = try QueueRules.offer(newest, intervention: i, occupancy: .init(byDistrict: [:]), waiting: [first, newest], input: .init(), today: today, at: t0) } == .invalid)
        #expect(kind { _ = try QueueRules.offer(newest, intervention: i, occupancy: .init(byDistrict: ["spanga-tensta": 1]), waiting: [first, newest], input: .init(), today: today, at: t0) } == .conflict)
        let (offered, passed, checked) = try QueueRules.offer(
            newest, intervention: i, occupancy: .init(byDistrict: [:]), waiting: [first, newest],
            input: .init(reason: "better_match", reasonText: "Platsen är anpassad för personens mål."), today: today, at: t0)
        #expect(offered.status == .offered && passed == 1 && checked.reason == .betterMatch)
        let (_, none, _) = try QueueRules.offer(first, intervention: i, occupancy: .init(byDistrict: [:]), waiting: [first, newest], input: .init(), today: today, at: t0)
        #expect(none == 0)
    }

    @Test("A lapsed offer is the offerer's task from the day it lapsed")
    func lapsedTask() {
        var s = CaseFlowSnapshot()
        var o = QueueOffer(
            id: UUID(), entryId: UUID(), interventionId: "a", personId: UUID(), committeeId: "spanga-tensta", unitId: "spanga-tensta-ekonomiskt-bistand",
            districtId: "spanga-tensta", offeredAt: t0, offeredById: sara, offeredByName: "Sara", answerBy: today.adding(days: 7), passedOver: 0, reason: nil,
            reasonText: nil, status: .lapsed, settledAt: t0)
        s.lapsedOffers = [o]
        #expect(DueTasks.compute(s, today: today.adding(days: 7)).isEmpty)
        let tasks = DueTasks.compute(s, today: today.adding(days: 8))
        #expect(tasks.map(\.kind) == [.offerLapsed] && tasks.first?.assigneeId == sara && tasks.first?.subjectId == o.id)
        o.status = .open
        s.lapsedOffers = [o]
        #expect(DueTasks.compute(s, today: today.adding(days: 9)).isEmpty)
    }

    @Test("The figures count the period's offers, those out of order per reason, and the lapsed")
    func figures() {
        func offer(_ day: Int, passed: Int = 0, reason: QueueOffer.OutOfOrderReason? = nil, status: QueueOffer.Status = .open, intervention: String = "a") -> QueueOffer {
            QueueOffer(
                id: UUID(), entryId: UUID(), interventionId: intervention, personId: UUID(), committeeId: "c", unitId: "u", districtId: "d",
                offeredAt: today.adding(days: day).startDate.addingTimeInterval(3600), offeredById: sara, offeredByName: "Sara", answerBy: today.adding(days: day + 7),
                passedOver: passed, reason: reason, reasonText: reason == nil ? nil : "Ett skäl i ord.", status: status)
        }
        let offers = [
            offer(0), offer(1, passed: 2, reason: .aheadUnavailable), offer(2, passed: 1, reason: .aheadUnavailable, intervention: "b"),
            offer(3, passed: 1, reason: .urgent, status: .lapsed), offer(-1, passed: 1, reason: .other), offer(10),
        ]
        let f = QueueOfferFigures.make(offers, from: today, to: today.adding(days: 3))
        #expect(f.offers == 4 && f.outOfOrder == 3 && f.lapsed == 1)
        #expect(f.byReason.map(\.reason) == QueueOffer.OutOfOrderReason.allCases)
        #expect(f.byReason.map(\.count) == [2, 0, 1, 0])
        #expect(f.byIntervention.map(\.interventionId) == ["a", "b"])
        #expect(f.byIntervention.map(\.outOfOrder) == [2, 1])
    }
}
