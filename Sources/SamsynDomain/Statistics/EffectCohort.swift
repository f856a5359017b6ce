import Foundation

/// The participants and the comparison candidates of an effect report, built from the stored facts.
///
/// - A **participant** started an episode of the intervention (or type) in the period; a person counts once, at
///   their first start in the period. Covariates are read as they were the day before the start; times run from the start.
/// - A **candidate** was active (a Jobbtorg enrolment or a district case) on the first day of a month in which
///   someone started, at the unit of an episode started that month or in the district of a participant who started
///   that month, and had not started the intervention by that
///   month's end. A person can be a candidate in several months (once per month); times run from the month's first day.
/// - **Leaving försörjningsstöd:** the first month after the start month without aid (any district), in whole months.
///   **Work or studies:** the first closure to work or studies (Kolada's rule) or episode ended to work or studies
///   on or after the start, in months (days / 30.44). Both are censored at the data's end (the last whole month
///   before `asOf`) or when the person moved (a closure because of a move).
/// - **Self-supporting at 6 and 12 months:** no aid in the month 6 (12) months after the start month; nil when not
///   followed that long.
public struct EffectCohort: Sendable {
    public var participants: [EffectUnit]
    public var candidates: [EffectUnit]
    /// The last whole month with data (`YYYY-MM`).
    public var lastMonth: LocalDate

    public static let daysPerMonth = 30.436875

    public init(_ facts: EffectFacts, from: LocalDate, to: LocalDate, asOf: LocalDate) {
        let last = asOf.firstOfMonth.adding(months: -1)
        lastMonth = last
        let placesByPerson = Dictionary(grouping: facts.places, by: \.personId)
        let exitsByPerson = Dictionary(grouping: facts.exits, by: \.personId).mapValues { $0.sorted { $0.on < $1.on } }
        func latest(_ list: [EffectFacts.Dated]) -> [String: [EffectFacts.Dated]] {
            Dictionary(grouping: list, by: \.personId).mapValues { $0.sorted { $0.on < $1.on } }
        }
        let needs = latest(facts.needCategories), education = latest(facts.education), swedish = latest(facts.swedish)
        func before(_ list: [EffectFacts.Dated]?, _ d: LocalDate) -> String? { list?.last { $0.on < d }?.value }

        var firstStart: [String: LocalDate] = [:]
        var inPeriod: [String: EffectFacts.Episode] = [:]
        for e in facts.episodes where facts.persons[e.personId] != nil {
            if firstStart[e.personId].map({ e.start < $0 }) ?? true { firstStart[e.personId] = e.start }
            if e.start >= from && e.start <= to, inPeriod[e.personId].map({ e.start < $0.start || (e.start == $0.start && e.unitId < $0.unitId) }) ?? true {
                inPeriod[e.personId] = e
            }
        }

        // Months as numbers (year × 12 + month − 1): one parse per stored month, none per look-up.
        let aidByPerson = facts.aidMonths.mapValues { Set($0.compactMap(Self.monthNumber)) }
        func unit(key: String, personId: String, index: LocalDate, place: EffectFacts.Place?) -> EffectUnit {
            let person = facts.persons[personId]!
            let aid = aidByPerson[personId] ?? []
            let m0 = index.firstOfMonth
            let n0 = index.year * 12 + index.month - 1
            func count(_ n: Int) -> Int { (1...n).filter { aid.contains(n0 - $0) }.count }
            let enrolled = place.map { Double($0.from.days(until: index)) / Self.daysPerMonth } ?? 0
            let covariates = EffectCovariates(
                ageBand: IndicatorAgeBand(age: person.age(on: index.adding(days: -1))).swedishName, legalGender: person.gender.swedishName,
                district: place?.districtId ?? "uppgift saknas", aidMonthsLast12: count(12), aidMonthsLast36: count(36),
                monthsSinceEnrolment: max(0, enrolled), needCategory: before(needs[personId], index), educationLevel: before(education[personId], index),
                swedish: before(swedish[personId], index))
            let exits = (exitsByPerson[personId] ?? []).filter { $0.on >= index }
            let moved = exits.first { $0.kind == .moved }?.on
            // The last month followed: the data's end, or the month of the move.
            let followedTo = min(last, moved?.firstOfMonth ?? last)
            let followedMonths = max(0, Self.months(from: m0, to: followedTo))
            var leaving = EffectTime(months: Double(followedMonths), reached: false)
            if followedMonths >= 1 {
                for k in 1...followedMonths where !aid.contains(n0 + k) {
                    leaving = EffectTime(months: Double(k), reached: true)
                    break
                }
            }
            let endDay = min(asOf, moved ?? asOf)
            var work = EffectTime(months: max(0, Double(index.days(until: endDay)) / Self.daysPerMonth), reached: false)
            if let w = exits.first(where: { $0.kind == .workOrStudies && $0.on <= endDay }) {
                work = EffectTime(months: Double(index.days(until: w.on)) / Self.daysPerMonth, reached: true)
            }
            func selfSupporting(_ n: Int) -> Bool? { followedMonths >= n ? !aid.contains(n0 + n) : nil }
            return EffectUnit(
                key: key, covariates: covariates, leavingAid: leaving, workOrStudies: work, selfSupporting6: selfSupporting(6), selfSupporting12: selfSupporting(12))
        }

        var unitsByMonth: [LocalDate: Set<String>] = [:]
        var districtsByMonth: [LocalDate: Set<String>] = [:]
        var participants: [EffectUnit] = []
        for (personId, e) in inPeriod.sorted(by: { ($0.value.start, $0.key) < ($1.value.start, $1.key) }) {
            let active = (placesByPerson[personId] ?? []).filter { $0.isActive(on: e.start) }
            let place = active.first { $0.unitId == e.unitId } ?? active.min { $0.from < $1.from }
            participants.append(unit(key: "d:\(personId)", personId: personId, index: e.start, place: place))
            // The places the start counts for: the episode's unit and the participant's district.
            unitsByMonth[e.start.firstOfMonth, default: []].insert(e.unitId)
            if let place { districtsByMonth[e.start.firstOfMonth, default: []].insert(place.districtId) }
        }
        var candidates: [EffectUnit] = []
        let places = facts.places.sorted { ($0.personId, $0.from) < ($1.personId, $1.from) }
        for (month, units) in unitsByMonth.sorted(by: { $0.key < $1.key }) {
            let monthEnd = month.adding(months: 1).adding(days: -1)
            var seen: Set<String> = []
            let districts = districtsByMonth[month] ?? []
            for p in places
            where (units.contains(p.unitId) || districts.contains(p.districtId)) && p.isActive(on: month) && facts.persons[p.personId] != nil {
                if let s = firstStart[p.personId], s <= monthEnd { continue }
                guard seen.insert(p.personId).inserted else { continue }
                candidates.append(unit(key: "j:\(p.personId):\(month.monthKey)", personId: p.personId, index: month, place: p))
            }
        }
        self.participants = participants
        self.candidates = candidates
    }

    /// `YYYY-MM` as year × 12 + month − 1; nil for anything else.
    static func monthNumber(_ key: String) -> Int? {
        let u = Array(key.utf8)
        guard u.count == 7, u[4] == UInt8(ascii: "-") else { return nil }
        var y = 0, m = 0
        for c in u[0..<4] {
            guard (48...57).contains(c) else { return nil }
            y = y * 10 + Int(c - 48)
        }
        for c in u[5..<7] {
            guard (48...57).contains(c) else { return nil }
            m = m * 10 + Int(c - 48)
        }
        guard (1...12).contains(m) else { return nil }
        return y * 12 + m - 1
    }

    /// Whole months from the month of `a` to the month of `b`.
    static func months(from a: LocalDate, to b: LocalDate) -> Int { (b.year - a.year) * 12 + (b.month - a.month) }
}
