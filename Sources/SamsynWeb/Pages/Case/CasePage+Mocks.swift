import Foundation
import SamsynDomain

/// Example models of the case page, with synthetic data, for the view snapshots.
extension CasePage.Model {
    static let mockPersonId = "00000000-0000-0000-0000-000000000001"
    static func mockUUID(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }

    static let mockConsents = CasePage.Consents(
        lines: [
            .init(
                facts: [
                    ("Till", "Arbetsmarknadsnämnden: Jobbtorg Väst"), ("Omfattar", "Närvaro; Remiss"), ("Syfte", "Planering med Jobbtorg"),
                    ("Giltigt", "2026-09-01 – 2027-09-01"), ("Hur det lämnades", "Skriftligt"), ("Dokumenterat av", "Sara Handläggare, 1 september 2026"),
                    ("Status", "Gäller"),
                ], withdraw: (mockUUID(301), 1))
        ], canRecord: true)

    static let mockReferrals = CasePage.Referrals(
        title: "Remiss till Jobbtorg",
        lines: [
            .init(
                facts: [
                    ("Skickad", "2026-09-02 av Sara Handläggare, Spånga-Tensta ekonomiskt bistånd"), ("Till", "Jobbtorg Väst"),
                    ("Inskrivning via", "Gruppinformation 2026-09-09 09:30"), ("Skäl", "Vill arbeta inom vården."),
                    ("Målgrupp", "Inom Jobbtorgs målgrupp: arbetslös"), ("Status", "Antagen (Carl Coach)"),
                ], answer: nil)
        ], canRefer: false)

    static let mockMeetings = [
        CasePage.MeetingLine(id: mockUUID(401), when: "2026-10-12 09:30", canOpen: false, kind: "Trepartssamtal", status: "Bokat", agreed: "–")
    ]

    static let mockDistrict = CasePage.Model(
        csrf: "csrf-token", personId: mockPersonId, personName: "Anna Andersson", notice: "Försörjningshindret är registrerat.", refused: nil,
        tasks: [.init(late: true, text: "Uppföljning av planen – senast 2026-10-01")],
        side: .district(
            CasePage.District(
                activeCase: .active(
                    facts: [
                        ("Aktualiserat", "2026-08-15"), ("Hur", "Ansökan"), ("Kontaktväg", "Telefon"), ("Ansvarig handläggare", "Ingrid Intag"),
                        ("Enhet", "Spånga-Tensta ekonomiskt bistånd"),
                    ],
                    responsibility: .init(
                        takeOver: "Ta över ärendet", actorId: "00000000-0000-0000-0000-000000000201",
                        assign: .init(staff: [.init("00000000-0000-0000-0000-000000000202", "Sara Handläggare (Socialsekreterare)")], selected: ""))),
                obstacles: [["Sökande", "Arbetslös", "2026-08-15", "Sara Handläggare"]], canRecordObstacles: true,
                obstacleCodes: [.init("unemployed", "Arbetslös"), .init("ill_health", "Ohälsa")],
                aidFacts: [("Månader med försörjningsstöd 2026", "8"), ("Månader 2025", "11 – långvarigt bistånd"), ("De senaste 36 månaderna", "19")],
                canRecordAidMonths: true, consents: mockConsents, referrals: mockReferrals,
                plans: .init(title: "Arbetsplan", kindName: "arbetsplan", own: .none(newPlan: "/persons/\(mockPersonId)/plans/new?kind=work_plan"), others: [
                    .init(
                        id: mockUUID(501), heading: "Jobbplan från Arbetsmarknadsnämnden (delas med samtycke)", kindName: "jobbplan",
                        facts: [("Mål", "Arbeta som undersköterska"), ("Nästa uppföljning", "2027-01-15")])
                ]),
                enrolments: [
                    .init(
                        facts: [("Jobbtorg", "Jobbtorg Väst"), ("Inskriven", "2026-09-09"), ("Status", "Inskriven")],
                        attendance: (mockUUID(601), "Närvaro per månad på Jobbtorg Väst", [["2026-09", "12", "1", "0", "0", "Slutrapporterad"]]))
                ], meetings: mockMeetings,
                checks: [
                    .init(
                        facts: [("Avslutad på Jobbtorg", "2026-03-01 – Arbete"), ("Uppföljning", "senast 2026-09-01")], result: nil,
                        form: (mockUUID(701), 1, "no_aid"))
                ])), today: "2026-10-05")

    static let mockJobbtorg = CasePage.Model(
        csrf: "csrf-token", personId: mockPersonId, personName: "Anna Andersson", notice: nil, refused: nil, tasks: [],
        side: .jobbtorg(
            CasePage.Jobbtorg(
                enrolments: [
                    .init(
                        facts: [
                            ("Jobbtorg", "Jobbtorg Väst"), ("Inskriven", "2026-09-09"), ("Första jobbplanen senast", "2026-09-16 (fem arbetsdagar)"),
                            ("Ansvarig", "Carl Coach"), ("Från stadsdel", "Spånga-Tensta stadsdelsnämnd"),
                        ], responsibility: .init(takeOver: "Bli ansvarig coach", actorId: "00000000-0000-0000-0000-000000000203", assign: nil))
                ],
                plans: .init(
                    title: "Jobbplan", kindName: "jobbplan",
                    own: .plan(
                        id: mockUUID(501),
                        facts: [("Mål", "Arbeta som undersköterska"), ("Delmål", "2"), ("Nästa uppföljning", "2027-01-15"), ("Version", "1, sparad 16 september 2026 av Carl Coach")]),
                    others: []),
                meetings: [
                    .init(id: mockUUID(401), when: "2026-10-12 09:30", canOpen: true, kind: "Trepartssamtal", status: "Genomfört", agreed: "Praktik i november")
                ], booking: .init(enrolmentId: mockUUID(601), nextThreePartyDue: "2027-01-12"),
                attendance: [.init(enrolmentId: mockUUID(601), rows: [])], closure: (mockUUID(601), 3),
                referrals: .init(title: "Remiss från stadsdelen", lines: mockReferrals.lines, canRefer: false),
                consents: .init(lines: mockConsents.lines.map { .init(facts: $0.facts, withdraw: nil) }, canRecord: false))), today: "2026-10-05")

    /// The Jobbtorg view with the meeting booking refused, and a refusal that names no field (at the top).
    static let mockRefused = CasePage.Model(
        csrf: "csrf-token", personId: mockPersonId, personName: "Anna Andersson", notice: nil,
        refused: RefusedForm(
            form: "meetings",
            errors: [
                FieldError(field: "date", message: "Skriv ett datum som ÅÅÅÅ-MM-DD."),
                FieldError(field: "meetings-message", message: "Mötet kan inte bokas efter att inskrivningen avslutats."),
            ], values: ["kind": ["follow_up"], "date": ["12 oktober"], "time": ["09:30"]]), tasks: mockJobbtorg.tasks, side: mockJobbtorg.side,
        today: "2026-10-05")

    /// The district view without an open case, the registration refused.
    static let mockDistrictRefused = CasePage.Model(
        csrf: "csrf-token", personId: mockPersonId, personName: "Anna Andersson", notice: nil,
        refused: RefusedForm(form: "case", errors: [FieldError(field: "openedOn", message: "Datumet kan inte vara i framtiden.")], values: ["source": ["application"], "channel": ["visit"], "openedOn": ["2027-01-01"]]),
        tasks: [],
        side: .district(
            CasePage.District(
                activeCase: .none(canOpen: true), obstacles: [], canRecordObstacles: false, obstacleCodes: [], aidFacts: [("Månader med försörjningsstöd 2026", "0")],
                canRecordAidMonths: true, consents: .init(lines: [], canRecord: true), referrals: .init(title: "Remiss till Jobbtorg", lines: [], canRefer: false),
                plans: .init(title: "Arbetsplan", kindName: "arbetsplan", own: .none(newPlan: nil), others: []), enrolments: [], meetings: [], checks: [])),
        today: "2026-10-05")

    static let mockNoCases = CasePage.Model(
        csrf: "csrf-token", personId: mockPersonId, personName: "Anna Andersson", notice: nil, refused: nil, tasks: [], side: .none, today: "2026-10-05")
}
