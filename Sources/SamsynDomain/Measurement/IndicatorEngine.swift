import Foundation

/// Legal gender as the personnummer gives it: the second-to-last digit is odd for men, even for women.
public enum LegalGender: String, Sendable, CaseIterable, Hashable {
    case women = "K"
    case men = "M"

    public var swedishName: String { self == .women ? "Kvinnor" : "Män" }

    /// From the twelve stored digits `YYYYMMDDNNNC`.
    public init?(identityDigits d: String) {
        guard d.count == 12, let digit = d.dropLast().last?.wholeNumberValue else { return nil }
        self = digit % 2 == 1 ? .men : .women
    }
}

/// What the engine knows of a person: no name, no number — only what the breakdowns need.
public struct MeasuredPerson: Sendable, Hashable {
    public let gender: LegalGender
    public let birthDate: LocalDate

    public init(gender: LegalGender, birthDate: LocalDate) {
        self.gender = gender
        self.birthDate = birthDate
    }

    /// From the stored personnummer or samordningsnummer.
    public init?(identityDigits d: String) {
        guard let g = LegalGender(identityDigits: d), let pin = PersonalIdentityNumber(storedDigits: d), let y = pin.birthDate.year, let m = pin.birthDate.month,
            let day = pin.birthDate.day, let born = LocalDate(year: y, month: m, day: day)
        else { return nil }
        self.init(gender: g, birthDate: born)
    }

    /// Whole years of age on `day`.
    public func age(on day: LocalDate) -> Int {
        var a = day.year - birthDate.year
        if (day.month, day.day) < (birthDate.month, birthDate.day) { a -= 1 }
        return a
    }
}

/// Age bands at the period's last day.
public enum IndicatorAgeBand: String, Sendable, CaseIterable {
    case under18 = "0-17"
    case b18to24 = "18-24"
    case b25to29 = "25-29"
    case b30to39 = "30-39"
    case b40to49 = "40-49"
    case b50to64 = "50-64"
    case over65 = "65+"

    public init(age: Int) {
        switch age {
        case ..<18: self = .under18
        case 18...24: self = .b18to24
        case 25...29: self = .b25to29
        case 30...39: self = .b30to39
        case 40...49: self = .b40to49
        case 50...64: self = .b50to64
        default: self = .over65
        }
    }

    public var swedishName: String {
        switch self {
        case .under18: "Under 18 år"
        case .over65: "65 år och äldre"
        default: rawValue.replacingOccurrences(of: "-", with: "–") + " år"
        }
    }
}

/// One Jobbtorg enrolment as the indicators read it.
public struct JobbtorgFact: Sendable, Hashable {
    public let enrolmentId: UUID
    public let person: MeasuredPerson
    public let districtCommitteeId: String
    public let unitId: String
    public let enrolledOn: LocalDate
    public let closedOn: LocalDate?
    public let reason: Enrolment.ClosureReason?
    /// Kolada's "började arbeta eller studera" (`EnrolmentClosure.countsAsWorkOrStudies`); for a closure recorded
    /// before the details were, only a closure to (unsubsidised) work counts.
    public let workOrStudies: Bool
    /// The six-month check says the person came back to försörjningsstöd.
    public let checkReturned: Bool
    /// The person's months with försörjningsstöd (any district), `YYYY-MM`.
    public let aidMonths: Set<String>
    /// The day the enrolment's first jobbplan was saved, nil when it has none.
    public let firstJobPlanOn: LocalDate?
    /// The days of the three-party meetings held.
    public let threePartyMeetings: [LocalDate]
    /// The jobbplan's saved versions: the day and whether it had an individual goal and a dated sub-goal.
    public let jobPlanVersions: [PlanVersionFact]
    /// The months whose attendance was reported to the district (`YYYY-MM`) and the day it was.
    public let attendanceReported: [String: LocalDate]

    public init(
        enrolmentId: UUID, person: MeasuredPerson, districtCommitteeId: String, unitId: String, enrolledOn: LocalDate, closedOn: LocalDate?,
        reason: Enrolment.ClosureReason?, workOrStudies: Bool, checkReturned: Bool, aidMonths: Set<String>, firstJobPlanOn: LocalDate? = nil,
        threePartyMeetings: [LocalDate] = [], jobPlanVersions: [PlanVersionFact] = [], attendanceReported: [String: LocalDate] = [:]
    ) {
        self.attendanceReported = attendanceReported
        self.jobPlanVersions = jobPlanVersions
        self.firstJobPlanOn = firstJobPlanOn
        self.threePartyMeetings = threePartyMeetings
        self.enrolmentId = enrolmentId
        self.person = person
        self.districtCommitteeId = districtCommitteeId
        self.unitId = unitId
        self.enrolledOn = enrolledOn
        self.closedOn = closedOn
        self.reason = reason
        self.workOrStudies = workOrStudies
        self.checkReturned = checkReturned
        self.aidMonths = aidMonths
    }

    /// How a closure recorded without details (before migration 0020) maps onto Kolada's definition: work is
    /// counted (an unsubsidised job is normally open-ended); subsidised work and studies are not, because the
    /// record cannot tell a municipal job or studies without study allowance apart.
    public static func legacyWorkOrStudies(_ r: Enrolment.ClosureReason) -> Bool { r == .work }

    /// No month of aid in the `n` months after the closure month, and the six-month check did not find a return.
    func notReturned(within n: Int) -> Bool {
        guard let c = closedOn else { return false }
        let first = c.firstOfMonth
        return !checkReturned && !(1...n).contains { aidMonths.contains(first.adding(months: $0).monthKey) }
    }

    /// The `n` months after the closure month are over on `asOf`.
    func followed(_ n: Int, asOf: LocalDate) -> Bool {
        guard let c = closedOn else { return false }
        return c.firstOfMonth.adding(months: n + 1) <= asOf
    }
}

/// One saved version of a plan: the day, and whether it had an individual goal and at least one dated sub-goal
/// (the 2011 audit's measure of a plan worth the name).
public struct PlanVersionFact: Sendable, Hashable {
    public let savedOn: LocalDate
    public let goalAndDatedSubGoal: Bool
    public init(savedOn: LocalDate, goalAndDatedSubGoal: Bool) {
        self.savedOn = savedOn
        self.goalAndDatedSubGoal = goalAndDatedSubGoal
    }

    /// The plan as it stood on `day`: its latest version saved by then.
    static func current(_ versions: [PlanVersionFact], on day: LocalDate) -> PlanVersionFact? {
        versions.filter { $0.savedOn <= day }.max { $0.savedOn < $1.savedOn }
    }
}

/// A district case (försörjningsstöd) with its arbetsplan's versions, for the plan indicators.
public struct DistrictCaseFact: Sendable, Hashable {
    public let person: MeasuredPerson
    public let committeeId: String
    public let openedOn: LocalDate
    public let closedOn: LocalDate?
    public let workPlanVersions: [PlanVersionFact]
    public init(person: MeasuredPerson, committeeId: String, openedOn: LocalDate, closedOn: LocalDate?, workPlanVersions: [PlanVersionFact]) {
        self.person = person
        self.committeeId = committeeId
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.workPlanVersions = workPlanVersions
    }

    /// Open on `day` (a case closed that day is no longer open).
    func isOpen(on day: LocalDate) -> Bool { openedOn <= day && (closedOn.map { $0 > day } ?? true) }
}

/// A referral from a district to a Jobbtorg, as the answer-time indicator reads it.
public struct ReferralFact: Sendable, Hashable {
    public let person: MeasuredPerson
    public let districtCommitteeId: String
    public let toUnitId: String
    public let sentOn: LocalDate
    /// The day Jobbtorg accepted or declined it; nil while unanswered.
    public let answeredOn: LocalDate?

    public init(person: MeasuredPerson, districtCommitteeId: String, toUnitId: String, sentOn: LocalDate, answeredOn: LocalDate?) {
        self.person = person
        self.districtCommitteeId = districtCommitteeId
        self.toUnitId = toUnitId
        self.sentOn = sentOn
        self.answeredOn = answeredOn
    }

    /// Jobbtorg answers within five working days (the agreed time; `Referral.answerDue`).
    public static let answerWorkingDays = 5
    var due: LocalDate { WorkingDayCalendar.adding(workingDays: Self.answerWorkingDays, to: sentOn) }
}

/// An episode of an intervention, as the intervention indicators read it.
public struct EpisodeFact: Sendable, Hashable {
    public let person: MeasuredPerson
    public let interventionId: String
    /// The committee running the intervention and its unit.
    public let committeeId: String
    public let unitId: String
    public let startOn: LocalDate
    public let endOn: LocalDate?
    public let outcome: Episode.Outcome?
    /// Days from the queue place to the start, when the episode came from a queue.
    public let waitingDays: Int?

    public init(
        person: MeasuredPerson, interventionId: String, committeeId: String, unitId: String, startOn: LocalDate, endOn: LocalDate?, outcome: Episode.Outcome?,
        waitingDays: Int?
    ) {
        self.person = person
        self.interventionId = interventionId
        self.committeeId = committeeId
        self.unitId = unitId
        self.startOn = startOn
        self.endOn = endOn
        self.outcome = outcome
        self.waitingDays = waitingDays
    }
}

/// One person's months with försörjningsstöd: month → the district committee that paid it.
public struct AidFact: Sendable, Hashable {
    public let person: MeasuredPerson
    public let months: [String: String]
    let monthKeys: Set<String>

    public init(person: MeasuredPerson, months: [String: String]) {
        self.person = person
        self.months = months
        monthKeys = Set(months.keys)
    }
}

public struct MeasurementFacts: Sendable {
    // A change of the facts starts a new memo (a copy that changes does not share its parent's).
    public var jobbtorg: [JobbtorgFact] { didSet { memo = MemberMemo() } }
    public var aid: [AidFact] { didSet { memo = MemberMemo() } }
    public var referrals: [ReferralFact] { didSet { memo = MemberMemo() } }
    public var episodes: [EpisodeFact] { didSet { memo = MemberMemo() } }
    public var cases: [DistrictCaseFact] { didSet { memo = MemberMemo() } }
    /// The members of each population per period, computed once for every indicator, breakdown and export that
    /// counts them from these facts.
    var memo = MemberMemo()
    public init(
        jobbtorg: [JobbtorgFact] = [], aid: [AidFact] = [], referrals: [ReferralFact] = [], episodes: [EpisodeFact] = [], cases: [DistrictCaseFact] = []
    ) {
        self.jobbtorg = jobbtorg
        self.aid = aid
        self.referrals = referrals
        self.episodes = episodes
        self.cases = cases
    }
}

/// A memo of the engine's members, shared by the indicators counted from one set of facts.
final class MemberMemo: @unchecked Sendable {
    struct Key: Hashable {
        let population: IndicatorPopulation
        let period: MeasurementPeriod
        let area: String?
        let asOf: LocalDate
    }
    private let lock = NSLock()
    private var store: [Key: [IndicatorEngine.Member]] = [:]

    func members(_ key: Key, _ make: () -> [IndicatorEngine.Member]) -> [IndicatorEngine.Member] {
        if let hit = lock.withLock({ store[key] }) { return hit }
        let made = make()
        lock.withLock { store[key] = made }
        return made
    }
}

/// The names the breakdowns show: the district committees and the Jobbtorg units, in the order to list them.
public struct MeasurementLabels: Sendable, Equatable {
    public let districts: [(id: String, name: String)]
    public let jobbtorgUnits: [(id: String, name: String)]
    public let interventions: [(id: String, name: String)]
    public init(districts: [(id: String, name: String)], jobbtorgUnits: [(id: String, name: String)], interventions: [(id: String, name: String)] = []) {
        self.districts = districts
        self.jobbtorgUnits = jobbtorgUnits
        self.interventions = interventions
    }
    public static func == (a: Self, b: Self) -> Bool {
        a.districts.map(\.id) == b.districts.map(\.id) && a.districts.map(\.name) == b.districts.map(\.name) && a.jobbtorgUnits.map(\.id) == b.jobbtorgUnits.map(\.id)
            && a.interventions.map(\.id) == b.interventions.map(\.id)
    }
    public func districtName(_ id: String) -> String { districts.first { $0.id == id }?.name ?? id }
}

/// A figure before protection: the count (or a share's numerator) and, for a share, its denominator; for a
/// median, the number of values it is the median of and the median itself.
public struct RawFigure: Sendable, Equatable {
    public var numerator: Int
    public var denominator: Int?
    public var median: Double?
    public init(numerator: Int, denominator: Int? = nil, median: Double? = nil) {
        self.numerator = numerator
        self.denominator = denominator
        self.median = median
    }

    /// The median of `xs` (the mean of the two middle values for an even count); nil when empty.
    public static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}

/// A group of a breakdown: its key (a gender letter, an age band, a committee or unit id, a closure reason).
public struct BreakdownGroup: Sendable, Equatable {
    public let key: String
    public let label: String
    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// Pure counting: which facts a figure covers and what it counts. Nothing here reads a database.
public enum IndicatorEngine {
    /// One unit of the population in a period, with what the breakdowns and the fields read.
    struct Member {
        let person: MeasuredPerson
        let district: String
        let unit: String?
        let reason: Enrolment.ClosureReason?
        let fields: Set<String>
        var values: [String: Double] = [:]
        var intervention: String? = nil
    }

    static func members(_ p: IndicatorPopulation, _ facts: MeasurementFacts, period: MeasurementPeriod, area: String?, asOf: LocalDate) -> [Member] {
        facts.memo.members(MemberMemo.Key(population: p, period: period, area: area, asOf: asOf)) { computeMembers(p, facts, period: period, area: area, asOf: asOf) }
    }

    static func computeMembers(_ p: IndicatorPopulation, _ facts: MeasurementFacts, period: MeasurementPeriod, area: String?, asOf: LocalDate) -> [Member] {
        switch p {
        case .jobbtorgEnrolments:
            return facts.jobbtorg.filter { period.contains($0.enrolledOn) && (area == nil || $0.districtCommitteeId == area) }.map { f in
                var s: Set<String> = ["all"]
                var values: [String: Double] = [:]
                let fifth = WorkingDayCalendar.adding(workingDays: 5, to: f.enrolledOn)
                if let plan = f.firstJobPlanOn {
                    s.insert("followed_5_working_days")
                    if plan <= fifth { s.insert("jobplan_within_5_working_days") }
                    values["working_days_to_first_jobplan"] = Double(WorkingDayCalendar.workingDays(from: f.enrolledOn, to: plan))
                } else if fifth < asOf {
                    s.insert("followed_5_working_days")
                }
                return Member(person: f.person, district: f.districtCommitteeId, unit: f.unitId, reason: nil, fields: s, values: values)
            }
        case .jobbtorgClosures:
            return facts.jobbtorg.compactMap { f in
                guard let c = f.closedOn, period.contains(c), area == nil || f.districtCommitteeId == area else { return nil }
                var s: Set<String> = ["all"]
                if f.workOrStudies { s.insert("work_or_studies") }
                if f.workOrStudies && c <= f.enrolledOn.adding(months: 3) { s.insert("work_or_studies_within_3_months") }
                if f.followed(6, asOf: asOf) {
                    s.insert("followed_6_months")
                    if f.notReturned(within: 6) { s.insert("not_returned_6_months") }
                }
                if f.followed(12, asOf: asOf) {
                    s.insert("followed_12_months")
                    if f.notReturned(within: 12) { s.insert("not_returned_12_months") }
                }
                if f.reason == .returnedToDistrict { s.insert("returned_to_district") }
                return Member(person: f.person, district: f.districtCommitteeId, unit: f.unitId, reason: f.reason, fields: s)
            }
        case .activeCases:
            let end = period.end
            return facts.cases.compactMap { c in
                guard c.isOpen(on: end), area == nil || c.committeeId == area else { return nil }
                let ok = PlanVersionFact.current(c.workPlanVersions, on: end)?.goalAndDatedSubGoal == true
                return Member(person: c.person, district: c.committeeId, unit: nil, reason: nil, fields: ok ? ["all", "plan_with_dated_subgoal"] : ["all"])
            }
        case .activeEnrolments:
            let end = period.end
            return facts.jobbtorg.compactMap { f in
                guard f.enrolledOn <= end, f.closedOn.map({ $0 > end }) ?? true, area == nil || f.districtCommitteeId == area else { return nil }
                let ok = PlanVersionFact.current(f.jobPlanVersions, on: end)?.goalAndDatedSubGoal == true
                return Member(person: f.person, district: f.districtCommitteeId, unit: f.unitId, reason: nil, fields: ok ? ["all", "plan_with_dated_subgoal"] : ["all"])
            }
        case .attendanceMonths:
            return facts.jobbtorg.flatMap { f -> [Member] in
                guard area == nil || f.districtCommitteeId == area else { return [] }
                var out: [Member] = []
                var m = f.enrolledOn.firstOfMonth
                let last = min(f.closedOn ?? asOf, asOf).firstOfMonth
                while m <= last {
                    let due = AttendanceRules.reportDue(monthOf: m)
                    if period.contains(m), due < asOf {
                        let onTime = f.attendanceReported[m.monthKey].map { $0 <= due } ?? false
                        out.append(Member(person: f.person, district: f.districtCommitteeId, unit: f.unitId, reason: nil, fields: onTime ? ["all", "on_time"] : ["all"]))
                    }
                    m = m.adding(months: 1)
                }
                return out
            }
        case .threePartyDue:
            return facts.jobbtorg.flatMap { f -> [Member] in
                guard area == nil || f.districtCommitteeId == area else { return [] }
                return MeetingRules.threePartyDues(enrolledOn: f.enrolledOn, closedOn: f.closedOn, held: f.threePartyMeetings, asOf: asOf).compactMap { d in
                    guard period.contains(d.due) else { return nil }
                    return Member(person: f.person, district: f.districtCommitteeId, unit: f.unitId, reason: nil, fields: d.onTime ? ["all", "on_time"] : ["all"])
                }
            }
        case .referrals:
            return facts.referrals.compactMap { r in
                guard period.contains(r.sentOn), area == nil || r.districtCommitteeId == area else { return nil }
                var s: Set<String> = ["all"]
                if let a = r.answeredOn {
                    s.insert("due")
                    if a <= r.due { s.insert("answered_within_5_working_days") }
                } else if r.due < asOf {
                    s.insert("due")
                }
                return Member(person: r.person, district: r.districtCommitteeId, unit: r.toUnitId, reason: nil, fields: s)
            }
        case .episodesStarted:
            return facts.episodes.compactMap { e in
                guard period.contains(e.startOn), area == nil || e.committeeId == area else { return nil }
                var values: [String: Double] = [:]
                if let w = e.waitingDays { values["waiting_days"] = Double(w) }
                return Member(person: e.person, district: e.committeeId, unit: e.unitId, reason: nil, fields: ["all"], values: values, intervention: e.interventionId)
            }
        case .episodesEnded:
            return facts.episodes.compactMap { e in
                guard let end = e.endOn, period.contains(end), area == nil || e.committeeId == area else { return nil }
                var s: Set<String> = ["all"]
                if e.outcome == .work || e.outcome == .studies { s.insert("work_or_studies") }
                return Member(person: e.person, district: e.committeeId, unit: e.unitId, reason: nil, fields: s, intervention: e.interventionId)
            }
        case .aidRecipients:
            let end = period.end
            let yearPrefix = "\(end.year)-"
            let endKey = end.monthKey
            var keys: [String] = []
            var m = period.start.firstOfMonth
            while m <= end {
                keys.append(m.monthKey)
                m = m.adding(months: 1)
            }
            return facts.aid.compactMap { a in
                guard a.person.age(on: end) >= 18, let last = keys.last(where: { a.months[$0] != nil }), let district = a.months[last] else { return nil }
                guard area == nil || district == area else { return nil }
                var s: Set<String> = ["all"]
                let inYear = a.months.keys.filter { $0.hasPrefix(yearPrefix) && $0 <= endKey }.count
                if inYear >= 10 { s.insert("long_term") }
                if AidMonths.monthsInLast36(months: a.monthKeys, upTo: end) >= 27 { s.insert("very_long_term") }
                return Member(person: a.person, district: district, unit: nil, reason: nil, fields: s)
            }
        }
    }

    static func figure(_ d: IndicatorDefinition, _ ms: [Member]) -> RawFigure {
        switch d.measure {
        case .count(let f): RawFigure(numerator: ms.filter { $0.fields.contains(f) }.count)
        case .share(let n, let den):
            RawFigure(numerator: ms.filter { $0.fields.contains(n) && $0.fields.contains(den) }.count, denominator: ms.filter { $0.fields.contains(den) }.count)
        case .median(let f):
            {
                let xs = ms.compactMap { $0.values[f] }
                return RawFigure(numerator: xs.count, median: RawFigure.median(xs))
            }()
        }
    }

    /// The figure for the whole population in the period (within `area`, a district committee, when given).
    public static func total(_ d: IndicatorDefinition, _ facts: MeasurementFacts, period: MeasurementPeriod, area: String?, asOf: LocalDate) -> RawFigure {
        guard let p = d.knownPopulation else { return RawFigure(numerator: 0, denominator: d.isShare ? 0 : nil) }
        return figure(d, members(p, facts, period: period, area: area, asOf: asOf))
    }

    /// The groups a breakdown lists, every one even when empty (so that the groups add up to the total and a
    /// zero is shown as 0); a group the labels do not know but the facts hold is added at the end.
    public static func groups(_ b: Breakdown, labels: MeasurementLabels, present: [String] = []) -> [BreakdownGroup] {
        var out: [BreakdownGroup]
        switch b {
        case .gender: out = LegalGender.allCases.map { BreakdownGroup(key: $0.rawValue, label: $0.swedishName) }
        case .ageBand: out = IndicatorAgeBand.allCases.map { BreakdownGroup(key: $0.rawValue, label: $0.swedishName) }
        case .district: out = labels.districts.map { BreakdownGroup(key: $0.id, label: $0.name) }
        case .jobbtorgUnit: out = labels.jobbtorgUnits.map { BreakdownGroup(key: $0.id, label: $0.name) }
        case .closureReason: out = Enrolment.ClosureReason.allCases.map { BreakdownGroup(key: $0.rawValue, label: $0.swedishName) }
        case .intervention: out = labels.interventions.map { BreakdownGroup(key: $0.id, label: $0.name) }
        }
        for k in present where !out.contains(where: { $0.key == k }) { out.append(BreakdownGroup(key: k, label: k)) }
        return out
    }

    static func key(_ b: Breakdown, _ m: Member, end: LocalDate) -> String {
        switch b {
        case .gender: m.person.gender.rawValue
        case .ageBand: IndicatorAgeBand(age: m.person.age(on: end)).rawValue
        case .district: m.district
        case .jobbtorgUnit: m.unit ?? ""
        case .closureReason: m.reason?.rawValue ?? ""
        case .intervention: m.intervention ?? ""
        }
    }

    /// The figure per group of the breakdown, the groups adding up to the total.
    public static func breakdown(
        _ d: IndicatorDefinition, _ b: Breakdown, _ facts: MeasurementFacts, period: MeasurementPeriod, area: String?, asOf: LocalDate, labels: MeasurementLabels
    ) -> [(group: BreakdownGroup, figure: RawFigure)] {
        guard let p = d.knownPopulation else { return [] }
        let ms = members(p, facts, period: period, area: area, asOf: asOf)
        let byKey = Dictionary(grouping: ms) { key(b, $0, end: period.end) }
        // Under-18s appear only when there are any (Jobbtorg and the adult figures have none by definition).
        let present = byKey.keys.sorted().filter { !$0.isEmpty }
        return groups(b, labels: labels, present: present).filter { b != .ageBand || $0.key != IndicatorAgeBand.under18.rawValue || byKey[$0.key] != nil }.map {
            ($0, figure(d, byKey[$0.key] ?? []))
        }
    }
}
