import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// The read-only views of the other committee's records under consent, rendered in the frame from their models.
@Suite("Shared view snapshots")
struct SharedViewSnapshotTests {
    func page(_ title: String, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: nil), main: nodes)
    }

    @Test("The assessments overview names the district's parts shared under consent: 'Slutförd hos …, date – läs'")
    func overviewWithSharedParts() throws {
        let overview = AssessmentOverviewPage(
            csrf: "csrf-token", personId: "00000000-0000-0000-0000-000000000001", personName: "Anna Andersson",
            instruments: [
                .init(
                    title: "Initial bedömning", description: "Tre delar.", version: 2,
                    parts: [
                        .init(
                            title: "Del 1 – Mottagning per telefon", owner: "Mottagning", status: "Ej påbörjad", href: nil, canStart: false,
                            instrumentId: "initial-bedomning", partId: "del-1",
                            shared: .init(text: "Slutförd hos Spånga-Tensta mottagning, 2026-11-20", href: "/assessments/00000000-0000-0000-0000-0000000000a1")),
                        .init(
                            title: "Del 2 – Jobbtorgs första besök", owner: "Jobbtorg", status: "Utkast, påbörjat 2026-12-01", href: "/assessments/00000000-0000-0000-0000-0000000000a2",
                            canStart: false, instrumentId: "initial-bedomning", partId: "del-2"),
                        .init(
                            title: "Del 3 – Nybesök på ekonomiskt bistånd", owner: "Ekonomiskt bistånd", status: "Ej påbörjad", href: nil, canStart: false,
                            instrumentId: "initial-bedomning", partId: "del-3",
                            shared: .init(text: "Påbörjad hos Spånga-Tensta ekonomiskt bistånd, 2026-11-25 (utkast)", href: "/assessments/00000000-0000-0000-0000-0000000000a3")),
                    ])
            ],
            concepts: [
                .init(
                    question: "Vad gör du på dagarna just nu?", answer: "Arbetssökande",
                    source: "Initial bedömning, Del 1 – Mottagning per telefon, 2026-11-20, Spånga-Tensta mottagning", withheld: false)
            ], hasConcepts: true, hasShared: true)
        try Snapshot.check(page("Bedömningar", AssessmentOverviewView.view(overview)), "shared-assessment-overview")
    }

    @Test("The district's completed part, read only by the coach: where it is held, no correction, sensitive answers hidden")
    func sharedPart() throws {
        let part = PartViewPage(
            csrf: "csrf-token", responseId: "00000000-0000-0000-0000-0000000000a1", personHref: "/persons/00000000-0000-0000-0000-000000000001/assessments",
            personName: "Anna Andersson", instrumentTitle: "Initial bedömning (version 2)", partTitle: "Del 1 – Mottagning per telefon",
            statusText: "Slutförd hos Spånga-Tensta mottagning, 2026-11-20", isReview: false,
            areas: [
                .init(
                    title: "Inledande frågor",
                    lines: [
                        .init(questionId: "p1-occupation", href: nil, text: "Vad gör du på dagarna just nu?", answer: "Arbetssökande", source: nil, withheld: false, unanswered: false)
                    ]),
                .init(
                    title: "Akuta behov",
                    lines: [
                        .init(
                            questionId: "p1-threat", href: nil, text: "Är du utsatt för hot eller våld just nu?", answer: "Känsligt svar – visas inte för din roll",
                            source: nil, withheld: true, unanswered: false)
                    ]),
            ], missing: [], hasMissing: false, canComplete: false, canRevise: false, reasonError: nil, reason: "", revisions: [], hasRevisions: false,
            notice: "Delen hör till Spånga-Tensta stadsdelsnämnd och visas under personens samtycke, så länge det gäller. Den kan läsas men inte ändras.",
            errorMessage: nil, summary: [], hasSummary: false, version: 2)
        let html = page("Del 1 – Mottagning per telefon", AssessmentPartView.view(part))
        #expect(!html.contains("Rätta delen") && !html.contains("Slutför delen"))
        try Snapshot.check(html, "shared-assessment-part")
    }

    @Test("Jobbtorg's meeting, read only by the district: the record without a form")
    func sharedMeeting() throws {
        let html = page("Möte", MeetingPage.view(.mockShared))
        // Only the frame's logout form: no form to record the meeting.
        #expect(html.components(separatedBy: "<form").count == 2 && !html.contains("Spara mötesanteckningen") && html.contains("Genomfört hos Jobbtorg Kista, 2026-10-12"))
        try Snapshot.check(html, "shared-meeting")
    }
}
