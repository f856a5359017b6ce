import Foundation
import SamsynDomain
import Testing

/// The rules of Mina sidor: whose page it is, meetings coming and past, marks that follow a sub-goal's text, the
/// person's plain line for an access-log row, and when a message gives a notification.
@Suite("Mina sidor rules")
struct OwnPageRulesTests {
    let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    func user(_ role: Role, person: UUID?) -> StaffUser {
        StaffUser(id: UUID(), username: "u", displayName: "Anna A", role: role, unitId: "jobbtorg-kista", committeeId: "arbetsmarknadsnamnden", active: true, personId: person)
    }

    @Test("Only a citizen account linked to a person has an own page")
    func whoseePage() throws {
        let pid = UUID()
        #expect(try OwnPageRules.personId(Actor(user: user(.citizen, person: pid), requestId: "r", channel: "page")) == pid)
        #expect(throws: DomainError.self) { try OwnPageRules.personId(Actor(user: self.user(.citizen, person: nil), requestId: "r", channel: "page")) }
        #expect(throws: DomainError.self) { try OwnPageRules.personId(Actor(user: self.user(.coach, person: pid), requestId: "r", channel: "page")) }
        #expect(MenuCapabilities(user(.citizen, person: pid)).ownPage && !MenuCapabilities(user(.citizen, person: pid)).search)
        #expect(!MenuCapabilities(user(.coach, person: nil)).ownPage)
    }

    @Test("Meetings: today and later unheld ones are coming, soonest first; held or earlier ones are past, newest first")
    func meetings() {
        let today = LocalDate("2026-11-18")!
        func m(_ d: String, _ t: String, held: Bool = false) -> Meeting {
            Meeting(id: UUID(), personId: UUID(), enrolmentId: UUID(), committeeId: "c", kind: .threeParty, date: LocalDate(d)!, time: t, held: held, bookedByName: "C")
        }
        let a = m("2026-11-18", "13:00"), b = m("2026-11-18", "09:00"), c = m("2026-12-01", "10:00"), d = m("2026-10-01", "10:00", held: true), e = m("2026-11-01", "10:00")
        let (up, past) = OwnPageRules.split([a, b, c, d, e], today: today)
        #expect(up.map(\.id) == [b.id, a.id, c.id])
        #expect(past.map(\.id) == [e.id, d.id])
    }

    @Test("A mark follows the sub-goal's text; a rewritten sub-goal starts afresh; the newest mark wins")
    func marks() {
        let plan = Plan(
            id: UUID(), personId: UUID(), kind: .jobPlan, committeeId: "c", unitId: "u", enrolmentId: nil, goal: "Arbete som chaufför",
            subGoals: [.init(what: "Ta körkort", responsible: "Anna", date: LocalDate("2026-12-01")!), .init(what: "Söka fem jobb", responsible: "Anna", date: LocalDate("2026-12-15")!)],
            nextFollowUp: LocalDate("2026-12-20")!, savedAt: t0, savedByName: "C")
        let old = SubGoalMark(planId: plan.id, subGoal: "Ta körkort", status: .started, markedAt: t0)
        let new = SubGoalMark(planId: plan.id, subGoal: "Ta körkort", status: .done, markedAt: t0 + 60)
        let gone = SubGoalMark(planId: plan.id, subGoal: "Skriva CV", status: .done, markedAt: t0)
        let otherPlan = SubGoalMark(planId: UUID(), subGoal: "Söka fem jobb", status: .done, markedAt: t0)
        let attached = OwnPageRules.attach(plan, marks: [old, gone, otherPlan, new])
        #expect(attached.map { $0.mark?.status } == [.done, nil])
        // From each mark the person can go forward, or back when they marked too early; never to the same mark.
        #expect(SubGoalMark.Status.notStarted.choices.map(\.status) == [.started, .done])
        #expect(SubGoalMark.Status.started.choices.map(\.status) == [.done, .notStarted])
        #expect(SubGoalMark.Status.done.choices.map(\.status) == [.started])
        #expect(SubGoalMark.Status.allCases.allSatisfy { s in !s.choices.contains { $0.status == s } })
    }

    func record(_ action: AuditAction, role: Role?, outcome: AccessLogEntry.Outcome = .allowed, persons: [UUID] = []) -> AccessLogRecord {
        let actor = role.map { user($0, person: nil) }
        var e = AccessLogEntry(at: t0, requestId: "r", actor: actor, personId: persons.isEmpty ? UUID() : nil, action: action, outcome: outcome)
        e.personIds = persons
        return AccessLogRecord(sequence: 1, entry: e, previousHash: "", hash: "")
    }

    @Test("The access-log line says what happened in plain Swedish, with the unit and role and never a name; the person's own rows are left out")
    func accessLines() {
        let read = OwnPageRules.line(record(.personRead, role: .coach))
        #expect(read.what == "Läste dina uppgifter" && read.role == .coach && read.unitId == "jobbtorg-kista" && !read.denied)
        #expect(OwnPageRules.line(record(.planCreate, role: .coach)).what == "Plan upprättades")
        #expect(OwnPageRules.line(record(.personRead, role: .coach, outcome: .denied)).what.contains("fick inte"))
        #expect(OwnPageRules.line(record(.personSearchHit, role: .socialSecretary, persons: [UUID(), UUID()])).what == "Såg ditt namn i en lista")
        #expect(OwnPageRules.line(record(.messageSend, role: .coach)).what == "Skrev ett meddelande till dig")
        let rows = [record(.ownPageRead, role: .citizen), record(.personRead, role: .coach), record(.userCreate, role: nil)]
        #expect(OwnPageRules.shown(rows).count == 2)
    }

    @Test("A notification: not to a person with protected identity, at most one per thread per 30 minutes")
    func notifications() {
        #expect(MessageRules.shouldNotify(lastQueued: nil, now: t0, protectedIdentity: false))
        #expect(!MessageRules.shouldNotify(lastQueued: nil, now: t0, protectedIdentity: true))
        #expect(!MessageRules.shouldNotify(lastQueued: t0, now: t0 + 29 * 60, protectedIdentity: false))
        #expect(MessageRules.shouldNotify(lastQueued: t0, now: t0 + 30 * 60, protectedIdentity: false))
    }

    @Test("A message needs text within its limits; a new thread a subject")
    func messageValidation() {
        #expect(MessageRules.validate(subject: "Fråga", body: "Hej").isEmpty)
        #expect(MessageRules.validate(subject: nil, body: "  ").map(\.field) == ["body"])
        #expect(MessageRules.validate(subject: "a", body: String(repeating: "x", count: MessageRules.maxBody + 1)).map(\.field) == ["subject", "body"])
    }
}
