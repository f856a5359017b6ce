import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

/// Every page's view rendered in the frame from its `.mock` model, without a database.
@Suite("View snapshots")
struct ViewSnapshotTests {
    func page(_ title: String, _ current: MenuItem? = nil, _ nodes: [Node]) -> String {
        PageFrame.render(.mock(title: title, current: current), main: nodes)
    }

    @Test("Frame, start, login, message and accessibility pages")
    func frame() throws {
        try Snapshot.check(page("Start", .start, HomePage.view(.mock)), "home")
        try Snapshot.check(page("Start", .start, HomePage.view(.mockAnalyst)), "home-analyst")
        try Snapshot.check(page("Logga in", nil, LoginPage.view(.mock)), "login")
        try Snapshot.check(page("Logga in", nil, LoginPage.view(.mockRefused)), "login-refused")
        try Snapshot.check(page("Något gick fel", nil, MessagePage.view(.mock)), "message")
        try Snapshot.check(page("Tillgänglighetsredogörelse", nil, AccessibilityPage.view()), "accessibility")
    }

    @Test("Person pages")
    func persons() throws {
        try Snapshot.check(page("Sök person", .search, PersonSearchPage.view(.mock)), "person-search")
        try Snapshot.check(page("Sök person", .search, PersonSearchPage.view(.mockRefused)), "person-search-refused")
        try Snapshot.check(page("Sök person", .search, PersonSearchPage.view(.mockStart)), "person-search-recent")
        try Snapshot.check(page("Sök person", .search, PersonSearchPage.view(.mockOfferRegister)), "person-search-offer-register")
        try Snapshot.check(page("Registrera person", .register, PersonNewPage.view(.mock)), "person-new")
        try Snapshot.check(page("Fel i formuläret – Registrera person", .register, PersonNewPage.view(.mockRefused)), "person-new-refused")
        try Snapshot.check(page("Anna Andersson", nil, PersonPage.view(.mock)), "person")
    }

    @Test("A line chart: an image named by its title and description, a gap where a value is withheld, the figures in a table")
    func chart() throws {
        let c = LineChart(
            id: "closed-to-work", title: "Avslutade till arbete eller studier", summary: "Andel per månad, december 2025 till november 2026, för kvinnor och män.",
            xLabels: ["2025-12", "2026-01", "2026-02", "2026-03"],
            series: [.init(name: "Kvinnor", values: [0.41, nil, 0.44, 0.47]), .init(name: "Män <K&M>", values: [0.38, 0.39, 0.4, 0.42])], target: 0.4,
            format: { String(format: "%.0f %%", $0 * 100) })
        let html = PageFrame.render(.mock(title: "Uppföljning"), main: [lineChart(c)])
        #expect(html.contains("role=\"img\" aria-labelledby=\"closed-to-work-title closed-to-work-desc\""))
        #expect(html.contains("Män &lt;K&amp;M&gt;"))
        #expect(html.components(separatedBy: "<polyline").count - 1 == 3, "Kvinnor's line breaks at the withheld month")
        #expect(html.contains("<td role=\"cell\" data-label=\"Kvinnor\">–</td>"))
        #expect(LineChart.axisMax(0.47) == 0.5 && LineChart.axisMax(7) == 8 && LineChart.axisMax(0) == 1 && LineChart.axisMax(180) == 200)
        try Snapshot.check(html, "chart")
    }

    @Test("The band about the person on every page about them: escaped, with a late deadline and protected identity marked")
    func personHeader() throws {
        let html = PageFrame.render(Layout.mock(title: "Tidslinje").about(.mockLateProtected), main: TimelinePage.view(.mock))
        #expect(html.contains("Bo &lt;Andersson&gt;"))
        #expect(!html.contains("Bo <Andersson>"))
        try Snapshot.check(html, "person-header-late-protected")
        try Snapshot.check(PageFrame.render(Layout.mock(title: "Journal").about(.mock), main: JournalPage.view(.mock)), "person-header")
    }

    @Test("Administration and log review")
    func admin() throws {
        try Snapshot.check(page("Åtkomstlogg", .log, AccessLogPage.view(.mock)), "access-log")
        try Snapshot.check(page("Logghändelse 42", .log, AccessLogEntryPage.view(.mock)), "access-log-entry")
        try Snapshot.check(page("Organisation", .admin, OrganisationPage.view(.mock)), "organisation")
        try Snapshot.check(page("Organisation", .admin, OrganisationPage.view(.mockRefused)), "organisation-refused")
    }

    @Test("Interventions, queues and participation")
    func interventions() throws {
        try Snapshot.check(page("Insatser i staden", .interventions, CataloguePage.view(.mock)), "catalogue")
        try Snapshot.check(page("Platser och köer", .figures, InterventionFiguresPage.view(.mock)), "intervention-figures")
        try Snapshot.check(page("Fel – Platser och köer", .figures, InterventionFiguresPage.view(.mockRefused)), "intervention-figures-refused")
        try Snapshot.check(page("Kö", .interventions, QueuePage.view(.mock)), "queue")
        try Snapshot.check(page("Ställ i kö", nil, QueueNewPage.view(.mock)), "queue-new")
        try Snapshot.check(page("Fel – Ställ i kö", nil, QueueNewPage.view(.mockRefused)), "queue-new-refused")
        try Snapshot.check(page("Ta bort ur kön", .interventions, QueueWithdrawPage.view(.mock)), "queue-withdraw")
        try Snapshot.check(page("Fel – Ta bort ur kön", .interventions, QueueWithdrawPage.view(.mockRefused)), "queue-withdraw-refused")
        try Snapshot.check(page("Erbjud plats", .interventions, QueueOfferPage.view(.mock)), "queue-offer")
        try Snapshot.check(page("Erbjud plats", .interventions, QueueOfferPage.view(.mockFirst)), "queue-offer-first")
        try Snapshot.check(page("Fel – Erbjud plats", .interventions, QueueOfferPage.view(.mockRefused)), "queue-offer-refused")
        try Snapshot.check(page("Insatser", nil, PersonInterventionsPage.view(.mock)), "person-interventions")
        try Snapshot.check(page("Starta deltagande", nil, EpisodeNewPage.view(.mock)), "episode-new")
        try Snapshot.check(page("Fel – Starta deltagande", nil, EpisodeNewPage.view(.mockRefused)), "episode-new-refused")
        try Snapshot.check(page("Deltagande", nil, EpisodePage.view(.mock)), "episode")
        try Snapshot.check(page("AWP", nil, EpisodeAssessmentPage.view(.mock)), "episode-assessment")
        try Snapshot.check(page("Fel – AWP", nil, EpisodeAssessmentPage.view(.mockRefused)), "episode-assessment-refused")
        try Snapshot.check(page("Slutrapport", nil, WorkAbilityReportPage.view(.mock)), "work-ability-report")
    }

    @Test("Assessment pages: an area with every kind of question, a part for review, the overview, unit times")
    func assessments() throws {
        let questions: [QuestionDefinition] = [
            QuestionDefinition(id: "q1", text: "Har du <arbete>?", type: .yesNo, required: true, help: "Svara ja eller nej.", guide: ["Fråga öppet."]),
            QuestionDefinition(
                id: "q2", text: "Vad hindrar?", type: .multipleChoice, sensitive: true,
                options: [AnswerOption(value: "a", label: "Hälsa"), AnswerOption(value: "b", label: "Skulder")]),
            QuestionDefinition(id: "q3", text: "Antal timmar", type: .number),
            QuestionDefinition(id: "q4", text: "Beskriv", type: .text, sensitive: true),
        ]
        let models = [
            QuestionModel(questions[0], raw: ["yes"], hidden: false, prefill: "Förifyllt från del 1.", error: nil),
            QuestionModel(questions[1], raw: ["b"], hidden: false, prefill: nil, error: "Välj minst ett."),
            QuestionModel(questions[2], raw: ["12"], hidden: true, prefill: nil, error: nil),
            QuestionModel(questions[3], raw: [AnswerValue.declinedFormValue], hidden: false, prefill: nil, error: nil),
        ]
        let area = AreaPage(
            csrf: "csrf-token", responseId: "00000000-0000-0000-0000-0000000000c1", personHref: "/persons/00000000-0000-0000-0000-000000000001/assessments",
            personName: "Anna Andersson", instrumentTitle: "Initial bedömning (version 1)", partTitle: "Del 2", revisionNote: nil, areaIndex: 1,
            areaTitle: "Arbete", progress: "Område 1 av 2", areaGuide: ["Börja med det som fungerar."], hasAreaGuide: true, questions: models,
            shown: "q1,q2,q4", version: 3, isFirst: true, isLast: false,
            nav: [.init(index: 1, title: "Arbete", current: true, status: "1 av 3 besvarade"), .init(index: 2, title: "Hälsa", current: false, status: "0 av 2 besvarade")],
            errors: [.init(href: "#q-q2", message: "Vad hindrar?: Välj minst ett.")], hasErrors: true, errorTitle: "Svaren sparades inte – rätta felen",
            notice: nil, summary: [], hasSummary: false, suggestions: [], hasSuggestions: false)
        try Snapshot.check(page("Arbete – Del 2", nil, AssessmentAreaView.view(area)), "assessment-area-refused")
        let part = PartViewPage(
            csrf: "csrf-token", responseId: "00000000-0000-0000-0000-0000000000c1", personHref: "/persons/00000000-0000-0000-0000-000000000001/assessments",
            personName: "Anna Andersson", instrumentTitle: "Initial bedömning (version 1)", partTitle: "Del 2", statusText: "Utkast, påbörjat 2026-11-30",
            isReview: true,
            areas: [
                .init(
                    title: "Arbete",
                    lines: [
                        .init(questionId: "q1", href: "/assessments/x?area=1#q-q1", text: "Har du arbete?", answer: "Ja", source: "Bekräftat från del 1", withheld: false, unanswered: false),
                        .init(questionId: "q4", href: nil, text: "Beskriv", answer: "Känsligt svar – visas inte för din roll", source: nil, withheld: true, unanswered: false),
                    ])
            ], missing: [], hasMissing: false, canComplete: true, canRevise: false, reasonError: nil, reason: "",
            revisions: [.init(href: "/assessments/y", label: "Version 1: Slutförd", reason: nil, current: false), .init(href: "/assessments/x", label: "Version 2", reason: "Fel datum", current: true)],
            hasRevisions: true, notice: nil, errorMessage: nil, summary: [SummaryLineModel(part: "Del 3", area: "Ekonomi", person: "Oro", caseworker: "Stöd behövs")],
            hasSummary: true, version: 4)
        try Snapshot.check(page("Granska och slutför – Del 2", nil, AssessmentPartView.view(part)), "assessment-part-review")
        let overview = AssessmentOverviewPage(
            csrf: "csrf-token", personId: "00000000-0000-0000-0000-000000000001", personName: "Anna Andersson",
            instruments: [
                .init(
                    title: "Initial bedömning", description: "Tre delar.", version: 1,
                    parts: [
                        .init(title: "Del 1", owner: "Mottagning", status: "Slutförd 2026-11-01", href: "/assessments/a", canStart: false, instrumentId: "initial", partId: "del-1"),
                        .init(title: "Del 3", owner: "Ekonomiskt bistånd", status: "Ej påbörjad", href: nil, canStart: true, instrumentId: "initial", partId: "del-3"),
                    ])
            ],
            concepts: [.init(question: "Har du körkort?", answer: "Ja", source: "Initial bedömning, Del 1, 2026-11-01, Mottagning", withheld: false)], hasConcepts: true)
        try Snapshot.check(page("Bedömningar", nil, AssessmentOverviewView.view(overview)), "assessment-overview")
        let times = UnitTimesPage(unitName: "Jobbtorg Kista", rows: [.init(instrument: "Initial bedömning, version 1", part: "Del 2", completed: 12, median: "14 min 5 s")], hasRows: true)
        try Snapshot.check(page("Tid per bedömningsdel", .times, UnitTimesView.view(times)), "unit-times")
    }
}
