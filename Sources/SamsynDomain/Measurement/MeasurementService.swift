import Foundation

/// Reads the facts the indicators count, in a few queries per family. No name or personnummer leaves the store:
/// only legal gender and date of birth.
public protocol MeasurementStore: Sendable {
    /// Jobbtorg enrolments active at some time from `from` to `to` (both included), with their closure details,
    /// six-month checks, first jobbplan, three-party meetings held and the persons' months of aid from the closure
    /// month on.
    func jobbtorgFacts(from: LocalDate, to: LocalDate) async throws -> [JobbtorgFact]
    /// Every person with a month of aid from `from` to `to`, with their months from 36 months before `to`.
    func aidFacts(from: LocalDate, to: LocalDate) async throws -> [AidFact]
    /// District cases open at some time from `from` to `to`, with their arbetsplan's versions saved by `to`.
    func caseFacts(from: LocalDate, to: LocalDate) async throws -> [DistrictCaseFact]
    /// Referrals to Jobbtorg sent from `from` to `to`, with the day they were answered.
    func referralFacts(from: LocalDate, to: LocalDate) async throws -> [ReferralFact]
    /// Episodes started or ended from `from` to `to`, with the wait from the queue place.
    func episodeFacts(from: LocalDate, to: LocalDate) async throws -> [EpisodeFact]
    /// The interventions' names, for the breakdown by intervention.
    func interventionNames() async throws -> [(id: String, name: String)]
}

/// Who sees which figures. Analysts see the city; a unit manager sees the city total and their own committee's
/// figures (a Jobbtorg manager: Jobbtorg's own records in every breakdown); no committee sees another committee's
/// figures below the city total.
public struct MeasurementViewer: Sendable, Equatable {
    public let city: Bool
    public let committeeId: String
    /// The user's committee is the labour-market committee (Jobbtorg).
    public let jobbtorg: Bool

    public init(city: Bool, committeeId: String, jobbtorg: Bool) {
        self.city = city
        self.committeeId = committeeId
        self.jobbtorg = jobbtorg
    }

    public init?(_ u: StaffUser) {
        switch u.role {
        case .analyst: self.init(city: true, committeeId: u.committeeId, jobbtorg: false)
        case .unitManager:
            let jobbtorg = [.jobbtorg, .jobbtorgResurs, .jobbstart].contains(u.unitKind)
            self.init(city: false, committeeId: u.committeeId, jobbtorg: jobbtorg)
        default: return nil
        }
    }

    /// The committee's own records: Jobbtorg's enrolments are the labour-market committee's.
    func owns(_ p: IndicatorPopulation) -> Bool { city || (jobbtorg && p.isJobbtorg) }

    /// May the viewer see figures of `area` (nil = the city)?
    public func maySee(area: String?) -> Bool { area == nil || city || jobbtorg || area == committeeId }

    /// May the viewer see this indicator for `area` broken down by `b`?
    public func maySee(_ p: IndicatorPopulation, area: String?, breakdown b: Breakdown?) -> Bool {
        guard maySee(area: area) else { return false }
        // District figures of another district (a Jobbtorg manager looking at a district's aid): not theirs.
        if let area, area != committeeId, !owns(p) { return false }
        guard let b else { return true }
        if owns(p) { return true }
        switch b {
        case .gender, .ageBand, .closureReason: return true
        // Another committee's figures below the city total: each district's, each Jobbtorg's, each intervention's.
        case .district, .jobbtorgUnit, .intervention: return false
        }
    }
}

/// The follow-up of every indicator for a period, as the page, its exports and `report monthly` show it.
public struct FollowUpReport: Sendable, Equatable {
    public let period: MeasurementPeriod
    public let breakdown: Breakdown?
    /// nil = the city.
    public let area: String?
    public let areaName: String
    public let asOf: LocalDate
    public let threshold: Int
    public let reports: [IndicatorReport]
    /// Indicators that do not allow the chosen breakdown (shown as totals, with a note).
    public let notBrokenDown: [String]

    public init(
        period: MeasurementPeriod, breakdown: Breakdown?, area: String?, areaName: String, asOf: LocalDate, threshold: Int, reports: [IndicatorReport],
        notBrokenDown: [String]
    ) {
        self.period = period
        self.breakdown = breakdown
        self.area = area
        self.areaName = areaName
        self.asOf = asOf
        self.threshold = threshold
        self.reports = reports
        self.notBrokenDown = notBrokenDown
    }
}

public struct MeasurementService: Sendable {
    public let indicators: IndicatorSet
    let store: any MeasurementStore
    let organisation: any OrganisationStore
    let clock: any Clock
    public let threshold: Int

    public init(indicators: IndicatorSet, store: any MeasurementStore, organisation: any OrganisationStore, clock: any Clock, threshold: Int = Disclosure.defaultThreshold) {
        self.indicators = indicators
        self.store = store
        self.organisation = organisation
        self.clock = clock
        self.threshold = threshold
    }

    /// The request as a form or the API sends it.
    public struct Request: Sendable, Equatable {
        public var period: String
        public var from: String
        public var to: String
        public var breakdown: String
        public var area: String
        /// Indicator ids to include; empty = all.
        public var ids: [String]
        public init(period: String = "", from: String = "", to: String = "", breakdown: String = "", area: String = "", ids: [String] = []) {
            self.period = period
            self.from = from
            self.to = to
            self.breakdown = breakdown
            self.area = area
            self.ids = ids
        }
    }

    public static func mayView(_ u: StaffUser) -> Bool { MeasurementViewer(u) != nil }

    public func labels() async throws -> MeasurementLabels {
        let committees = try await organisation.committees()
        let units = try await organisation.units()
        return MeasurementLabels(
            districts: committees.filter { $0.kind == .district }.map { ($0.id, $0.name) },
            jobbtorgUnits: units.filter { [.jobbtorg, .jobbtorgResurs, .jobbstart].contains($0.kind) }.map { ($0.id, $0.name) },
            interventions: try await store.interventionNames())
    }

    /// The previous whole month: the default period.
    public func defaultPeriod() -> MeasurementPeriod {
        let m = LocalDate(clock.now()).firstOfMonth.adding(months: -1)
        return .month(year: m.year, month: m.month)
    }

    /// Validates the request against the definitions and what the user may see; nothing is read on an error.
    public func validate(_ r: Request, by a: Actor) async throws -> (period: MeasurementPeriod, breakdown: Breakdown?, area: String?, ids: [IndicatorDefinition], labels: MeasurementLabels) {
        guard let viewer = MeasurementViewer(a.user) else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        var period = defaultPeriod()
        if !(r.period.isEmpty && r.from.isEmpty && r.to.isEmpty) {
            switch MeasurementPeriod.parse(r.period, from: r.from, to: r.to) {
            case .success(let p): period = p
            case .failure(let e): errors.append(e.fieldError)
            }
        }
        let b = r.breakdown.trimmingCharacters(in: .whitespaces)
        let breakdown = b.isEmpty || b == "none" ? nil : Breakdown(rawValue: b)
        if !b.isEmpty && b != "none" && breakdown == nil { errors.append(FieldError(field: "breakdown", message: "Välj en indelning i listan.")) }
        let labels = try await self.labels()
        let areaText = r.area.trimmingCharacters(in: .whitespaces)
        let area: String? = areaText.isEmpty || areaText == "city" || areaText == "0180" ? nil : areaText
        if let area, !labels.districts.contains(where: { $0.id == area }) {
            errors.append(FieldError(field: "area", message: "”\(area)” är inte en stadsdelsnämnd."))
        } else if !viewer.maySee(area: area) {
            errors.append(FieldError(field: "area", message: "Du får se staden som helhet och din egen nämnd, inte \(labels.districtName(area ?? ""))."))
        }
        var chosen: [IndicatorDefinition] = []
        for id in r.ids.map({ $0.trimmingCharacters(in: .whitespaces) }).filter({ !$0.isEmpty }) {
            if let d = indicators.indicator(id) { chosen.append(d) } else { errors.append(FieldError(field: "kpi", message: "Indikatorn ”\(id)” finns inte.")) }
        }
        if chosen.isEmpty { chosen = indicators.indicators }
        if let breakdown, errors.isEmpty {
            // A breakdown no chosen indicator allows, or one the viewer may not see, is refused; one that only some
            // allow is used for those and the rest are shown as totals.
            if !chosen.contains(where: { $0.allowedBreakdowns.contains(breakdown) }) {
                errors.append(FieldError(field: "breakdown", message: "Ingen av de valda indikatorerna kan delas in efter \(breakdown.swedishName.lowercased())."))
            } else if !chosen.contains(where: { d in d.allowedBreakdowns.contains(breakdown) && d.knownPopulation.map { viewer.maySee($0, area: area, breakdown: breakdown) } == true }) {
                errors.append(FieldError(field: "breakdown", message: "Du får inte se andra nämnders siffror under stadens total: välj en annan indelning."))
            }
        }
        guard errors.isEmpty else { throw DomainError.invalid(errors) }
        chosen = chosen.filter { d in d.knownPopulation.map { viewer.maySee($0, area: area, breakdown: nil) } ?? false }
        return (period, breakdown, area, chosen, labels)
    }

    /// Reads what the figures need, from 24 months before the period (the series) to its end.
    public func facts(for ds: [IndicatorDefinition], period: MeasurementPeriod) async throws -> MeasurementFacts {
        let from = min(period.previous.start, period.end.firstOfMonth.adding(months: -(IndicatorReport.seriesMonths - 1)))
        let pops = Set(ds.compactMap(\.knownPopulation))
        var facts = MeasurementFacts()
        if pops.contains(.jobbtorgEnrolments) || pops.contains(.jobbtorgClosures) || pops.contains(.threePartyDue) || pops.contains(.activeEnrolments) || pops.contains(.attendanceMonths) { facts.jobbtorg = try await store.jobbtorgFacts(from: from, to: period.end) }
        if pops.contains(.aidRecipients) { facts.aid = try await store.aidFacts(from: from, to: period.end) }
        if pops.contains(.activeCases) { facts.cases = try await store.caseFacts(from: from, to: period.end) }
        if pops.contains(.referrals) { facts.referrals = try await store.referralFacts(from: from, to: period.end) }
        if pops.contains(.episodesStarted) || pops.contains(.episodesEnded) { facts.episodes = try await store.episodeFacts(from: from, to: period.end) }
        return facts
    }

    public func followUp(_ r: Request, by a: Actor) async throws -> FollowUpReport {
        let v = try await validate(r, by: a)
        guard let viewer = MeasurementViewer(a.user) else { throw DomainError.forbidden }
        let facts = try await facts(for: v.ids, period: v.period)
        let asOf = LocalDate(clock.now())
        var notBrokenDown: [String] = []
        let reports = v.ids.map { d in
            var b = v.breakdown
            if let x = b, !d.allowedBreakdowns.contains(x) || !(d.knownPopulation.map { viewer.maySee($0, area: v.area, breakdown: x) } ?? false) {
                b = nil
                notBrokenDown.append(d.id)
            }
            return IndicatorReport.build(d, facts: facts, period: v.period, breakdown: b, area: v.area, asOf: asOf, labels: v.labels, threshold: threshold)
        }
        return FollowUpReport(
            period: v.period, breakdown: v.breakdown, area: v.area, areaName: v.area.map { v.labels.districtName($0) } ?? "Stockholms stad", asOf: asOf,
            threshold: threshold, reports: reports, notBrokenDown: notBrokenDown)
    }
}
