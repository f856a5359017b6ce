import Foundation
import Testing

@testable import SamsynDomain

/// The closure's rules (details by reason, Kolada's counting, what the closure may end) and the roll-call's.
@Suite("Closure and roll-call rules")
struct ClosureRulesTests {
    func d(_ s: String) -> LocalDate { LocalDate(s)! }
    let closedOn = LocalDate("2026-11-18")!

    @Test("To work: employer or sector, extent 1–100, a start within six months; subsidised work names its kind")
    func work() {
        let none = ClosureRules.validate(reason: .work, .init(), closedOn: closedOn)
        #expect(Set(none.errors.map(\.field)) == ["employer", "extentPercent", "workStart"] && none.work == nil)
        let sector = ClosureRules.validate(reason: .work, .init(sector: "care", extentPercent: "50", workStart: "2026-12-01"), closedOn: closedOn)
        #expect(sector.errors.isEmpty && sector.work?.sector == .care && sector.work?.employer == nil && sector.work?.subsidy == ClosureOutcome.Subsidy.none)
        let bad = ClosureRules.validate(
            reason: .work, .init(employer: "A", sector: "space", extentPercent: "101", workStart: "2027-06-01", workEnd: "2026-01-01", subsidy: "municipal"),
            closedOn: closedOn)
        #expect(Set(bad.errors.map(\.field)) == ["employer", "sector", "extentPercent", "workStart", "workEnd", "subsidy"])
        let subsidised = ClosureRules.validate(reason: .subsidisedWork, .init(employer: "Staden", extentPercent: "100", workStart: "2026-12-01"), closedOn: closedOn)
        #expect(subsidised.errors.map(\.field) == ["subsidy"])
        let municipal = ClosureRules.validate(
            reason: .subsidisedWork, .init(employer: "Staden", extentPercent: "100", workStart: "2026-12-01", subsidy: "municipal"), closedOn: closedOn)
        #expect(municipal.work?.subsidy == .municipal)
        // Other reasons ask for nothing more.
        #expect(ClosureRules.validate(reason: .moved, .init(), closedOn: closedOn).errors.isEmpty)
    }

    @Test("To studies: the kind and whether they carry study allowance")
    func studies() {
        #expect(Set(ClosureRules.validate(reason: .studies, .init(), closedOn: closedOn).errors.map(\.field)) == ["studyKind", "studyAllowance"])
        let ok = ClosureRules.validate(reason: .studies, .init(studyKind: "folk_high_school", studyAllowance: "yes", studyStart: "2027-01-12"), closedOn: closedOn)
        #expect(ok.studies == ClosureOutcome.Studies(kind: .folkHighSchool, studyAllowance: true, startOn: d("2027-01-12")))
    }

    @Test("Kolada counts work of a month or more that is not municipal, and studies with study allowance")
    func kolada() {
        func closure(work: ClosureOutcome.Work? = nil, studies: ClosureOutcome.Studies? = nil) -> EnrolmentClosure {
            EnrolmentClosure(
                enrolmentId: UUID(), personId: UUID(), referralId: nil, districtCommitteeId: "d", districtUnitId: nil, committeeId: "c", unitId: "u",
                reason: work != nil ? .work : .studies, closedOn: closedOn, work: work, studies: studies, endedEpisodes: 0, releasedPlaces: 0, finalisedMonths: [],
                recordedAt: Date(), recordedByName: "x")
        }
        func job(_ end: String?, _ s: ClosureOutcome.Subsidy) -> ClosureOutcome.Work {
            .init(employer: "A", sector: nil, extentPercent: 100, startOn: d("2026-12-01"), endOn: end.map(d), subsidy: s)
        }
        #expect(closure(work: job(nil, .none)).countsAsWorkOrStudies)
        #expect(closure(work: job("2026-12-31", .subsidised)).countsAsWorkOrStudies)
        #expect(!closure(work: job("2026-12-20", .none)).countsAsWorkOrStudies)
        #expect(!closure(work: job(nil, .municipal)).countsAsWorkOrStudies)
        #expect(closure(studies: .init(kind: .komvux, studyAllowance: true, startOn: nil)).countsAsWorkOrStudies)
        #expect(!closure(studies: .init(kind: .komvux, studyAllowance: false, startOn: nil)).countsAsWorkOrStudies)
    }

    @Test("Open months run from the enrolment month to the closure month; chosen leftovers must be the person's")
    func leftovers() {
        #expect(ClosureLeftovers.openMonths(enrolledOn: d("2026-08-20"), closedOn: d("2026-11-18"), finalMonths: ["2026-08", "2026-09"]) == ["2026-10", "2026-11"])
        let e = Episode(
            id: UUID(), interventionId: "i", personId: UUID(), committeeId: "c", unitId: "u", queueEntryId: nil, start: d("2026-11-25"), plannedEnd: nil, subGoal: nil,
            createdAt: Date())
        let l = ClosureLeftovers(episodes: [e], places: [], openMonths: ["2026-11"])
        #expect(ClosureRules.validateChoices(l, endEpisodes: [], releasePlaces: [], finaliseMonths: ["2026-11"], closedOn: closedOn).isEmpty)
        #expect(ClosureRules.validateChoices(l, endEpisodes: [e.id.uuidString], releasePlaces: [], finaliseMonths: [], closedOn: closedOn).map(\.field) == ["endEpisodes"])
        #expect(
            Set(ClosureRules.validateChoices(l, endEpisodes: [], releasePlaces: [UUID().uuidString], finaliseMonths: ["2026-10"], closedOn: closedOn).map(\.field))
                == ["releasePlaces", "finaliseMonths"])
        #expect(ClosureRules.episodeOutcome(.studies).outcome == .studies && ClosureRules.episodeOutcome(.moved).outcome == .interrupted)
    }

    @Test("Roll-call: booked is the same intervention and committee, running on the date; a stray mark refuses everything")
    func rollCall() {
        let s = GroupSession(
            id: UUID(), interventionId: "i", committeeId: "c", unitId: "u", date: d("2026-11-18"), startTime: "09:00", endTime: "12:00", groupName: "Grupp A",
            createdByName: "x", createdAt: Date())
        func ep(_ i: String, _ start: String, _ end: String? = nil) -> Episode {
            Episode(
                id: UUID(), interventionId: i, personId: UUID(), committeeId: "c", unitId: "u", queueEntryId: nil, start: d(start), plannedEnd: nil,
                actualEnd: end.map(d), subGoal: nil, createdAt: Date())
        }
        let booked = ep("i", "2026-11-01"), ended = ep("i", "2026-10-01", "2026-11-10"), other = ep("j", "2026-11-01")
        #expect(GroupSessionRules.isBooked(booked, on: s) && !GroupSessionRules.isBooked(ended, on: s) && !GroupSessionRules.isBooked(other, on: s))
        let enrolment = Enrolment(
            id: UUID(), personId: booked.personId, referralId: nil, districtCommitteeId: "d", committeeId: "c", unitId: "u", responsibleUserId: nil,
            enrolledOn: d("2026-10-01"))
        let line = RollCallLine(episode: booked, person: nil, enrolment: enrolment, record: nil, monthFinal: false)
        let all = [booked.id: booked, ended.id: ended, other.id: other]
        let ok = GroupSessionRules.validate(session: s, marks: [booked.id.uuidString: "present"], lines: [line], allEpisodes: all, names: [:])
        #expect(ok.errors.isEmpty && ok.marks.map { $0.status } == [.present])
        let stray = GroupSessionRules.validate(
            session: s, marks: [booked.id.uuidString: "present", other.id.uuidString: "present", ended.id.uuidString: "absent_valid"], lines: [line], allEpisodes: all,
            names: [:])
        #expect(stray.marks.isEmpty && stray.errors.count == 2)
        #expect(stray.errors.contains { $0.message.contains("inte bokad") } && stray.errors.contains { $0.message.contains("utanför") })
        let final = RollCallLine(episode: booked, person: nil, enrolment: enrolment, record: nil, monthFinal: true)
        #expect(GroupSessionRules.validate(session: s, marks: [booked.id.uuidString: "present"], lines: [final], allEpisodes: all, names: [:]).errors.map(\.field)
            == [GroupSessionRules.field(booked.id)])
        #expect(GroupSessionRules.validate(session: s, marks: [:], lines: [line], allEpisodes: all, names: [:]).errors.map(\.field) == ["message"])
        #expect(
            Set(GroupSessionRules.validate(interventionKnown: false, date: nil, dateText: "x", start: "9", end: "12:00", group: "A", today: d("2026-11-18")).map(\.field))
                == ["intervention", "date", "startTime", "groupName"])
    }

    @Test("The week starts on Monday and has a row per running episode")
    func week() {
        #expect(AttendanceWeek.monday(of: d("2026-11-22")) == d("2026-11-16") && AttendanceWeek.monday(of: d("2026-11-16")) == d("2026-11-16"))
        let e = Episode(
            id: UUID(), interventionId: "i", personId: UUID(), committeeId: "c", unitId: "u", queueEntryId: nil, start: d("2026-11-01"), plannedEnd: nil, subGoal: nil,
            createdAt: Date())
        let r = AttendanceRecord(
            id: UUID(), enrolmentId: UUID(), personId: e.personId, date: d("2026-11-18"), activity: "x", status: .present, note: nil, recordedByName: "x", episodeId: e.id)
        let loose = AttendanceRecord(id: UUID(), enrolmentId: UUID(), personId: e.personId, date: d("2026-11-20"), activity: "y", status: .absentInvalid, note: nil, recordedByName: "x")
        let w = AttendanceWeek.build(monday: d("2026-11-16"), records: [r, loose], episodes: [e], interventionNames: ["i": "Insatsen"])
        #expect(w.rows.map(\.title) == ["Insatsen", "Utan insats"] && w.rows[0].days[2] == [r] && w.rows[1].days[4] == [loose])
    }

    @Test("Recording a week: each mark on a running episode of the person, a weekday of the week, not yet recorded; any error refuses all")
    func weekMarks() {
        let person = UUID()
        let e = Episode(
            id: UUID(), interventionId: "i", personId: person, committeeId: "c", unitId: "u", queueEntryId: nil, start: d("2026-11-17"), plannedEnd: nil, subGoal: nil,
            createdAt: Date())
        let foreign = Episode(
            id: UUID(), interventionId: "i", personId: person, committeeId: "other", unitId: "x", queueEntryId: nil, start: d("2026-11-01"), plannedEnd: nil, subGoal: nil,
            createdAt: Date())
        let enrolment = Enrolment(
            id: UUID(), personId: person, referralId: nil, districtCommitteeId: "d", committeeId: "c", unitId: "u", responsibleUserId: nil, enrolledOn: d("2026-11-01"))
        let done = AttendanceRecord(
            id: UUID(), enrolmentId: enrolment.id, personId: person, date: d("2026-11-18"), activity: "x", status: .present, note: nil, recordedByName: "x", episodeId: e.id)
        func check(_ marks: [AttendanceWeekRules.Mark], final: Set<String> = []) -> (marks: [AttendanceWeekRules.Valid], errors: [FieldError]) {
            AttendanceWeekRules.validate(
                enrolment: enrolment, monday: d("2026-11-16"), marks: marks, episodes: [e, foreign], existing: [done], finalMonths: final, interventionNames: ["i": "Insatsen"],
                today: d("2026-11-20"))
        }
        func m(_ date: String, _ status: String = "present", _ ep: Episode? = nil) -> AttendanceWeekRules.Mark {
            .init(episodeId: (ep ?? e).id.uuidString, date: date, status: status)
        }
        let ok = check([m("2026-11-17"), m("2026-11-19", "absent_valid")])
        #expect(ok.errors.isEmpty && ok.marks.map(\.date) == [d("2026-11-17"), d("2026-11-19")] && ok.marks.allSatisfy { $0.episode.id == e.id })
        // Before the episode, after the week, ahead of today, already recorded, twice, another committee's episode, a bad status.
        #expect(check([m("2026-11-16")]).errors.map(\.field) == ["marks[0].date"])
        #expect(check([m("2026-11-23")]).errors.map(\.field) == ["marks[0].date"])
        #expect(check([m("2026-11-18")]).errors.map(\.field) == ["marks[0]"])
        #expect(check([m("2026-11-19"), m("2026-11-19", "absent_invalid")]).errors.map(\.field) == ["marks[1]"])
        #expect(check([m("2026-11-19", "present", foreign)]).errors.map(\.field) == ["marks[0].episodeId"])
        #expect(check([m("2026-11-19", "late")]).errors.map(\.field) == ["marks[0].status"])
        #expect(check([m("2026-11-19")], final: ["2026-11"]).errors.map(\.field) == ["marks[0].date"])
        let mixed = check([m("2026-11-17"), m("2026-11-16")])
        #expect(mixed.marks.isEmpty && mixed.errors.count == 1)
        #expect(check([]).errors.map(\.field) == ["marks"])
    }
}
