import Foundation

/// A plan with an individual goal and dated sub-goals: the Jobbtorg jobbplan or the district's arbetsplan.
/// Every save is a new version; earlier versions are kept.
public struct Plan: Hashable, Sendable, Identifiable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case jobPlan = "job_plan"
        case workPlan = "work_plan"
        public var swedishName: String { self == .jobPlan ? "Jobbplan" : "Arbetsplan" }
    }
    public struct SubGoal: Hashable, Sendable, Codable {
        public var what: String
        public var responsible: String
        public var date: LocalDate
        public init(what: String, responsible: String, date: LocalDate) {
            self.what = what
            self.responsible = responsible
            self.date = date
        }
    }

    public let id: UUID
    public let personId: UUID
    public let kind: Kind
    public let committeeId: String
    public let unitId: String
    /// The enrolment a jobbplan belongs to.
    public let enrolmentId: UUID?
    public var goal: String
    public var subGoals: [SubGoal]
    public var nextFollowUp: LocalDate
    public var version: Int
    public var savedAt: Date
    public var savedByName: String

    public init(
        id: UUID, personId: UUID, kind: Kind, committeeId: String, unitId: String, enrolmentId: UUID?, goal: String, subGoals: [SubGoal],
        nextFollowUp: LocalDate, version: Int = 1, savedAt: Date, savedByName: String
    ) {
        self.id = id
        self.personId = personId
        self.kind = kind
        self.committeeId = committeeId
        self.unitId = unitId
        self.enrolmentId = enrolmentId
        self.goal = goal
        self.subGoals = subGoals
        self.nextFollowUp = nextFollowUp
        self.version = version
        self.savedAt = savedAt
        self.savedByName = savedByName
    }
}

/// The rules a plan must meet (the 2011 audit: plans missing, goals generic, no sub-goals, no traceability).
public enum PlanRules {
    public static let maxSubGoals = 8
    /// Goals that say nothing about this person, refused when they stand alone.
    static let genericGoals: Set<String> = [
        "egen försörjning", "självförsörjning", "arbete", "jobb", "ett jobb", "få jobb", "få ett jobb", "arbete eller studier", "studier",
        "bli självförsörjande", "komma ut i arbete", "egenförsörjning",
    ]

    /// One row of the sub-goal form as typed.
    public struct SubGoalInput: Sendable, Equatable {
        public var what: String, responsible: String, date: String
        public init(what: String, responsible: String, date: String) {
            self.what = what
            self.responsible = responsible
            self.date = date
        }
        var isBlank: Bool { [what, responsible, date].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
    }

    public static func validate(goal: String, subGoals: [SubGoalInput], nextFollowUp: String, today: LocalDate)
        -> (plan: (goal: String, subGoals: [Plan.SubGoal], nextFollowUp: LocalDate)?, errors: [FieldError])
    {
        var errors: [FieldError] = []
        let g = goal.trimmingCharacters(in: .whitespacesAndNewlines)
        let normalised = g.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".!"))
        if g.count < 10 || g.count > 1000 {
            errors.append(FieldError(field: "goal", message: "Skriv personens eget mål (10–1 000 tecken): vad personen vill uppnå och hur det ska märkas."))
        } else if genericGoals.contains(normalised) {
            errors.append(
                FieldError(field: "goal", message: "Målet är för allmänt. Skriv vad just den här personen ska uppnå, till exempel vilket arbete eller vilken utbildning."))
        }
        var goals: [Plan.SubGoal] = []
        for (i, row) in subGoals.enumerated() where !row.isBlank {
            let n = i + 1
            let what = row.what.trimmingCharacters(in: .whitespacesAndNewlines)
            let who = row.responsible.trimmingCharacters(in: .whitespacesAndNewlines)
            let dateText = row.date.trimmingCharacters(in: .whitespaces)
            let date = LocalDate(dateText)
            var ok = true
            if !(3...500).contains(what.count) { errors.append(FieldError(field: "sg\(n)What", message: "Delmål \(n): skriv vad som ska göras (3–500 tecken).")); ok = false }
            if !(2...200).contains(who.count) { errors.append(FieldError(field: "sg\(n)Who", message: "Delmål \(n): skriv vem som ansvarar.")); ok = false }
            if date == nil {
                errors.append(
                    FieldError(field: "sg\(n)Date", message: dateText.isEmpty ? "Delmål \(n): ange ett datum." : "Delmål \(n): ange datum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
                ok = false
            }
            if ok, let date { goals.append(Plan.SubGoal(what: what, responsible: who, date: date)) }
        }
        if subGoals.allSatisfy(\.isBlank) {
            errors.append(
                FieldError(field: "sg1What", message: "En plan behöver minst ett individuellt delmål med vad som ska göras, vem som ansvarar och ett datum."))
        }
        if subGoals.filter({ !$0.isBlank }).count > maxSubGoals { errors.append(FieldError(field: "sg1What", message: "En plan kan ha högst \(maxSubGoals) delmål.")) }
        let followText = nextFollowUp.trimmingCharacters(in: .whitespaces)
        let follow = LocalDate(followText)
        if let follow {
            if follow < today { errors.append(FieldError(field: "nextFollowUp", message: "Nästa uppföljning kan inte ligga i det förflutna.")) }
            else if follow > today.adding(months: 6) { errors.append(FieldError(field: "nextFollowUp", message: "Nästa uppföljning ska ligga inom sex månader.")) }
        } else {
            errors.append(
                FieldError(field: "nextFollowUp", message: followText.isEmpty ? "Ange datum för nästa uppföljning." : "Ange nästa uppföljning som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        guard errors.isEmpty, let follow else { return (nil, errors) }
        return ((g, goals, follow), [])
    }
}
