import Foundation
import Testing

@testable import SamsynDomain

/// The band at the top of a person's pages: which record gives the status and the responsible worker,
/// which task is the next deadline, and that the other committee's records never count.
@Suite("Person heading")
struct PersonHeadingTests {
    let district = "spanga-tensta"
    let jobbtorg = "arbetsmarknad"
    let today = LocalDate("2026-12-02")!
    let sara = UUID()
    let kalle = UUID()
    let person = PersonSummary(
        id: UUID(), identityNumber: PersonalIdentityNumber(storedDigits: "198503152384")!, firstName: "Ida", lastName: "Forsberg", protectedIdentity: false)

    func districtCase(_ status: DistrictCase.Status, _ opened: String, committee: String? = nil, responsible: UUID?) -> DistrictCase {
        DistrictCase(
            id: UUID(), personId: person.id, committeeId: committee ?? district, unitId: "unit", responsibleUserId: responsible, openedOn: LocalDate(opened)!,
            source: .application, channel: .visit, status: status, createdAt: Date(timeIntervalSince1970: 0))
    }

    func enrolment(_ status: Enrolment.Status, _ on: String, responsible: UUID?) -> Enrolment {
        Enrolment(
            id: UUID(), personId: person.id, referralId: nil, districtCommitteeId: district, committeeId: jobbtorg, unitId: "jobbtorg-kista",
            responsibleUserId: responsible, enrolledOn: LocalDate(on)!, status: status)
    }

    func task(_ kind: CaseTask.Kind, _ due: String, committee: String? = nil, settled: Bool = false) -> CaseTask {
        CaseTask(
            id: UUID(), key: UUID().uuidString, kind: kind, personId: person.id, committeeId: committee ?? district, unitId: "unit", assigneeId: nil,
            dueOn: LocalDate(due)!, subjectId: UUID(), createdAt: Date(timeIntervalSince1970: 0), settledAt: settled ? Date(timeIntervalSince1970: 1) : nil)
    }

    @Test("The district sees its active case and its responsible worker, and the open task due first")
    func activeCase() {
        let h = PersonHeading.compute(
            person: person, committeeId: district,
            cases: [districtCase(.closed, "2025-01-10", responsible: kalle), districtCase(.active, "2026-11-21", responsible: sara)],
            enrolments: [enrolment(.active, "2026-11-25", responsible: kalle)],
            openTasks: [
                task(.followUpDue, "2026-12-20"), task(.noCurrentPlan, "2026-12-05"), task(.jobPlanDue, "2026-11-01", settled: true),
                task(.jobPlanDue, "2026-11-02", committee: jobbtorg),
            ], today: today)
        #expect(h.status == .districtCase(.active, openedOn: LocalDate("2026-11-21")!))
        #expect(h.status.swedishName == "Aktualiserad 2026-11-21")
        #expect(h.responsibleUserId == sara)
        #expect(h.nextTask?.kind == .noCurrentPlan)
        #expect(!h.nextTaskIsLate)
    }

    @Test("Jobbtorg sees its own enrolment, never the district's case; a task past its date is late")
    func jobbtorgSide() {
        let h = PersonHeading.compute(
            person: person, committeeId: jobbtorg, cases: [districtCase(.active, "2026-11-21", responsible: sara)],
            enrolments: [enrolment(.active, "2026-11-25", responsible: kalle)],
            openTasks: [task(.jobPlanDue, "2026-12-01", committee: jobbtorg), task(.followUpDue, "2026-11-30")], today: today)
        #expect(h.status == .enrolment(.active, enrolledOn: LocalDate("2026-11-25")!))
        #expect(h.responsibleUserId == kalle)
        #expect(h.nextTask?.kind == .jobPlanDue)
        #expect(h.nextTaskIsLate)
    }

    @Test("With only closed records the newest closed one counts; with none the person has no case and nobody responsible")
    func closedAndNone() {
        let closed = PersonHeading.compute(
            person: person, committeeId: district,
            cases: [districtCase(.closed, "2024-03-01", responsible: kalle), districtCase(.closed, "2025-06-01", responsible: sara)], enrolments: [],
            openTasks: [], today: today)
        #expect(closed.status == .districtCase(.closed, openedOn: LocalDate("2025-06-01")!))
        #expect(closed.status.swedishName == "Ärendet är avslutat")
        #expect(closed.responsibleUserId == sara)
        #expect(closed.nextTask == nil)

        let none = PersonHeading.compute(
            person: person, committeeId: district, cases: [districtCase(.active, "2026-11-21", committee: "other", responsible: kalle)], enrolments: [],
            openTasks: [], today: today)
        #expect(none.status == .noCase)
        #expect(none.responsibleUserId == nil)
    }
}
