import Foundation
import SamsynDomain

/// Example models of the need-assessment page, with synthetic data, for the view snapshots.
extension NeedAssessmentPage.Model {
    static let mockCategories: [FormState.Option] = [.init("A", "Nära arbete – Kort stöd mot arbete"), .init("B", "Stöd parallellt – Insatser från båda enheterna")]

    static let mockSuggestion = NeedAssessmentPage.Suggestion(
        outcome: .category(
            label: "Stöd parallellt",
            facts: [("Vad det innebär", "Insatser från båda enheterna"), ("Leder", "Jobbtorg"), ("Parallella insatser", "Ja, förväntas"), ("Varför", "Ohälsa och arbetslöshet.")],
            reasons: [
                .init(label: "Försörjningshinder", answer: "Ohälsa", source: "Stadsdelen", otherCommittee: false, date: "2026-08-15"),
                .init(label: "Arbetsförmåga", answer: "Deltid", source: "Jobbtorg (utkast)", otherCommittee: true, date: "2026-09-20"),
            ]),
        checked: [.init(label: "Språk", answer: "Svenska", source: "Stadsdelen", otherCommittee: false, date: "2026-08-15")], ruleVersion: 1)

    static let mockViews = NeedAssessmentPage.Views(
        assessmentId: UUID(uuidString: "00000000-0000-0000-0000-0000000000aa")!, version: 2,
        started: "Startad 2026-09-01 10:00 av Sara Handläggare. Gemensam bedömning med Jobbtorg.",
        disagreement: "Enheterna är oeniga (stadsdelen: A; Jobbtorg: B, parallella). Det ligger en uppgift hos båda enheterna tills ni har fattat ett gemensamt beslut.",
        district: [("Kategori", "Nära arbete"), ("Parallella insatser", "Nej"), ("Av", "Sara Handläggare, 2026-09-02 09:00")],
        jobbtorg: [("Kategori", "Stöd parallellt"), ("Parallella insatser", "Ja"), ("Av", "Carl Coach, 2026-09-03 11:00"), ("Kommentar", "Behöver stöd.")],
        readOnly: false, mine: .init(heading: "Ändra er enhets bedömning", category: ["A"], parallel: ["no"], comment: ""), categories: mockCategories)

    static let mockDecision = NeedAssessmentPage.Decision(
        assessmentId: mockViews.assessmentId, version: 2, intro: "Beslutar ni en annan kategori än förslaget (B) skriver ni varför. Skälen följs upp i rättviserapporten.",
        categories: mockCategories, category: [], lead: [], parallel: [],
        reviewHint: "Skriv som ÅÅÅÅ-MM-DD, ett datum efter i dag. Förslag: 2027-04-05 (om 6 månader).",
        coDecider: .init(
            label: "Beslutar tillsammans med (Jobbtorg)", options: [.init("00000000-0000-0000-0000-000000000203", "Carl Coach, Coach")],
            selected: "00000000-0000-0000-0000-000000000203"),
        suggestion: "Stöd parallellt (leder: jobbtorg, parallella insatser: ja)", suggestionReasons: ["Försörjningshinder: Ohälsa", "Arbetsförmåga: Deltid"])

    static let mockProposals: [[String]] = [
        ["2026-09-10 09:00", "Sara Handläggare", "Carl Coach", "Stöd parallellt", "Avböjt", "Carl Coach, 2026-09-11 10:00", "Vi behöver prata om uppföljningen först."]
    ]

    static let mockPending = NeedAssessmentPage.Pending(
        proposalId: UUID(uuidString: "00000000-0000-0000-0000-0000000000bb")!,
        text: "Sara Handläggare föreslår beslutet nedan och har angett dig som beslutsfattare från den andra enheten. Det gäller först när du bekräftar det.",
        facts: [
            ("Kategori", "Stöd parallellt"), ("Leder", "Jobbtorg"), ("Parallella insatser", "Ja"), ("Följs upp", "2027-04-05"), ("Reglernas förslag", "B (regler v1)"),
            ("Föreslaget av", "Sara Handläggare, 2026-09-12 09:00"), ("Ska bekräftas av", "Carl Coach"),
        ], role: .coDecider)

    /// A joint decision waiting for the co-decider, as the co-decider sees it.
    static let mockPendingForCoDecider = NeedAssessmentPage.Model(
        csrf: mock.csrf, personId: mock.personId, personName: mock.personName, notice: nil, refused: nil, suggestion: mockSuggestion,
        state: .current(mockViews, .pending(mockPending)), history: [], proposals: mockProposals)

    /// The co-decider declined without a reason: the error at the field.
    static let mockPendingRefused = NeedAssessmentPage.Model(
        csrf: mock.csrf, personId: mock.personId, personName: mock.personName, notice: nil,
        refused: RefusedForm(
            form: "answer", errors: [FieldError(field: "declineReason", message: "Skriv varför du inte bekräftar beslutet, så att Sara Handläggare vet vad ni behöver prata om.")],
            values: ["declineReason": [""]]),
        suggestion: mockSuggestion, state: .current(mockViews, .pending(mockPending)), history: [], proposals: [])

    /// Someone other than the named co-decider tried to confirm: the refusal at the top, the proposal read-only.
    static let mockPendingOther = NeedAssessmentPage.Model(
        csrf: mock.csrf, personId: mock.personId, personName: mock.personName, notice: nil,
        refused: RefusedForm(
            form: "answer",
            errors: [FieldError(field: "message", message: "Förslaget väntar på bekräftelse av Carl Coach. Bara den som förslaget namnger kan bekräfta eller avböja det, inloggad själv.")],
            values: [:]),
        suggestion: mockSuggestion,
        state: .current(
            mockViews,
            .pending(.init(proposalId: mockPending.proposalId, text: "Sara Handläggare har föreslagit beslutet. Det gäller när Carl Coach har bekräftat det.", facts: mockPending.facts, role: .other))),
        history: [], proposals: [])

    static let mock = NeedAssessmentPage.Model(
        csrf: "csrf-token", personId: "00000000-0000-0000-0000-000000000001", personName: "Anna Andersson", notice: "Er enhets bedömning är sparad.", refused: nil,
        suggestion: mockSuggestion, state: .current(mockViews, .form(mockDecision)),
        history: [["2026-03-01", "Nära arbete", "A (regler v1)", "–", "Stadsdelen", "Nej", "2026-06-01", "Sara Handläggare"]], proposals: mockProposals)

    /// The proposer's own proposal declined by the co-decider: the reason first, the decision form to propose again.
    static let mockDeclined: NeedAssessmentPage.Model = {
        var m = NeedAssessmentPage.Model(
            csrf: mock.csrf, personId: mock.personId, personName: mock.personName, notice: nil, refused: nil, suggestion: mockSuggestion,
            state: .current(mockViews, .form(mockDecision)), history: [], proposals: mockProposals)
        m.declined = .init(
            proposalId: UUID(uuidString: "00000000-0000-0000-0000-0000000000bb")!, by: "Carl Coach", on: "2026-09-11 10:00",
            reason: "Vi behöver prata om uppföljningen först.", category: "Stöd parallellt")
        return m
    }()

    /// The decision refused: a field error at the form, and one that names no field at the top.
    static let mockRefused = NeedAssessmentPage.Model(
        csrf: mock.csrf, personId: mock.personId, personName: mock.personName, notice: nil,
        refused: RefusedForm(
            form: "decision",
            errors: [
                FieldError(field: "deviationReason", message: "Skriv skälet till att beslutet avviker från förslaget (minst 10 tecken)."),
                FieldError(field: "message", message: "Bedömningen har ändrats sedan du läste den."),
            ], values: ["category": ["A"], "lead": ["district"], "parallel": ["no"], "reviewOn": ["2027-01-01"], "deviationReason": ["kort"]]),
        suggestion: mockSuggestion, state: .current(mockViews, .form(mockDecision)), history: [], proposals: [])

    /// No assessment going on, the suggestion unclear for want of answers, for a role that only reads.
    static let mockNone = NeedAssessmentPage.Model(
        csrf: mock.csrf, personId: mock.personId, personName: mock.personName, notice: nil, refused: nil,
        suggestion: .init(
            outcome: .unclear(
                about: "om Nära arbete passar", missing: [.init(question: "Hur många timmar kan du arbeta?", declined: true, askedIn: "Inledande bedömning; Jobbtorg")]),
            checked: [], ruleVersion: 1),
        state: .none(.init(text: "Personen har ingen behovsbedömning ännu.", enrolled: true, canStart: true)), history: [], proposals: [])
}
