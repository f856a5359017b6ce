import Foundation

/// The effect report of an intervention (or a type) for a start period, under the measurement pages' access rule:
/// analysts see the city; a district unit manager sees the participants and comparison persons of their own district;
/// a Jobbtorg manager sees Jobbtorg's records (everyone enrolled at a Jobbtorg, as the follow-up page does).
/// Every report is one access-log row (the facts are personal data read in aggregate), written before anything is shown.
public struct EffectService: Sendable {
    let store: any EffectStore
    let catalogue: any InterventionCatalogueStore
    let organisation: any OrganisationStore
    let log: any AccessLog
    let clock: any Clock
    public let threshold: Int
    public let minimumGroupSize: Int

    public init(
        store: any EffectStore, catalogue: any InterventionCatalogueStore, organisation: any OrganisationStore, log: any AccessLog, clock: any Clock,
        threshold: Int = Disclosure.defaultThreshold, minimumGroupSize: Int = 30
    ) {
        self.store = store
        self.catalogue = catalogue
        self.organisation = organisation
        self.log = log
        self.clock = clock
        self.threshold = threshold
        self.minimumGroupSize = minimumGroupSize
    }

    /// The request as the page's GET form or the API sends it.
    public struct Request: Sendable, Equatable {
        /// An intervention id, or `type:<intervention type>`.
        public var intervention: String
        /// The first and last start month, `YYYY-MM`.
        public var from: String
        public var to: String
        /// `matching` (default) or `weighting`.
        public var method: String
        /// The caliper in standard deviations of the logit (matching only); empty = 0,2.
        public var caliper: String
        public init(intervention: String = "", from: String = "", to: String = "", method: String = "", caliper: String = "") {
            self.intervention = intervention
            self.from = from
            self.to = to
            self.method = method
            self.caliper = caliper
        }
    }

    /// A choice of the form: an intervention or a type.
    public struct Choice: Sendable, Equatable {
        public let value: String
        public let name: String
    }

    /// What the report stands on and what it says.
    public struct Result: Sendable {
        public let request: Request
        public let scopeName: String
        public let from: LocalDate
        public let to: LocalDate
        public let asOf: LocalDate
        /// The last whole month with data.
        public let lastMonth: LocalDate
        /// Whose records the viewer sees: "Stockholms stad" or their district or Jobbtorg.
        public let populationName: String
        public let report: EffectReport
        /// Matching variables the city does not record, or records for too few to use (said on the report).
        public let notRecorded: [String]

        public init(
            request: Request, scopeName: String, from: LocalDate, to: LocalDate, asOf: LocalDate, lastMonth: LocalDate, populationName: String, report: EffectReport,
            notRecorded: [String]
        ) {
            self.request = request
            self.scopeName = scopeName
            self.from = from
            self.to = to
            self.asOf = asOf
            self.lastMonth = lastMonth
            self.populationName = populationName
            self.report = report
            self.notRecorded = notRecorded
        }
    }

    public static func mayView(_ u: StaffUser) -> Bool { MeasurementViewer(u) != nil }

    /// The interventions and types the form offers.
    public func choices() async throws -> [Choice] {
        let interventions = try await catalogue.interventions().sorted { $0.name < $1.name }
        let types = Set(interventions.map(\.type))
        return interventions.map { Choice(value: $0.id, name: $0.name) }
            + InterventionType.allCases.filter(types.contains).map { Choice(value: "type:\($0.rawValue)", name: "Alla insatser av typen \($0.swedishName.lowercased())") }
    }

    /// The default start period: the twelve months that ended a year before the data's end (so 12 months can be followed).
    public func defaultPeriod() -> (from: LocalDate, to: LocalDate) {
        let last = LocalDate(clock.now()).firstOfMonth.adding(months: -1)
        return (last.adding(months: -23), last.adding(months: -12))
    }

    static func month(_ s: String, field: String, label: String) -> Swift.Result<LocalDate, PeriodError> {
        let t = s.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (2000...2100).contains(y), (1...12).contains(m),
            let d = LocalDate(year: y, month: m, day: 1)
        else { return .failure(PeriodError(field: field, message: "Ange \(label) som ÅÅÅÅ-MM (en månad som finns), inte ”\(t)”.")) }
        return .success(d)
    }

    /// Checks the request; nothing is read and nothing logged when it is refused.
    public func validate(_ r: Request, by a: Actor) async throws -> (scope: EffectScope, name: String, from: LocalDate, to: LocalDate, method: EffectMethod) {
        guard MeasurementViewer(a.user) != nil else { throw DomainError.forbidden }
        var errors: [FieldError] = []
        let choice = r.intervention.trimmingCharacters(in: .whitespaces)
        var scope: EffectScope?
        var name = ""
        if choice.isEmpty {
            errors.append(FieldError(field: "intervention", message: "Välj en insats eller en typ av insats."))
        } else if choice.hasPrefix("type:") {
            if let t = InterventionType(rawValue: String(choice.dropFirst(5))) {
                scope = .type(t)
                name = "insatser av typen \(t.swedishName.lowercased())"
            } else {
                errors.append(FieldError(field: "intervention", message: "Typen ”\(choice.dropFirst(5))” finns inte bland insatstyperna."))
            }
        } else if let i = try await catalogue.intervention(id: choice) {
            scope = .intervention(i.id)
            name = i.name
        } else {
            errors.append(FieldError(field: "intervention", message: "Insatsen ”\(choice)” finns inte i katalogen."))
        }
        let defaults = defaultPeriod()
        var from = defaults.from, to = defaults.to
        if !(r.from.isEmpty && r.to.isEmpty) {
            switch Self.month(r.from, field: "from", label: "första startmånad") {
            case .success(let d): from = d
            case .failure(let e): errors.append(e.fieldError)
            }
            switch Self.month(r.to, field: "to", label: "sista startmånad") {
            case .success(let d): to = d
            case .failure(let e): errors.append(e.fieldError)
            }
            if errors.allSatisfy({ $0.field != "from" && $0.field != "to" }) {
                if to < from {
                    errors.append(FieldError(field: "to", message: "Perioden slutar (\(to.monthKey)) innan den börjar (\(from.monthKey))."))
                } else if from.adding(months: 60) <= to {
                    errors.append(FieldError(field: "to", message: "En startperiod kan vara högst fem år."))
                } else if from > LocalDate(clock.now()).firstOfMonth {
                    errors.append(FieldError(field: "from", message: "Perioden har inte börjat: det finns inga starter att jämföra ännu."))
                }
            }
        }
        var method = EffectMethod.standard
        switch r.method.trimmingCharacters(in: .whitespaces) {
        case "", "matching":
            let c = r.caliper.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            if !c.isEmpty {
                if let x = Double(c), x > 0, x <= 2 { method = .matching(caliper: x, replacement: false) } else {
                    errors.append(FieldError(field: "caliper", message: "Största tillåtna avstånd anges i standardavvikelser, större än 0 och högst 2 (till exempel 0,2)."))
                }
            }
        case "weighting": method = .weighting
        default: errors.append(FieldError(field: "method", message: "Välj matchning eller viktning."))
        }
        guard errors.isEmpty, let scope else { throw DomainError.invalid(errors) }
        return (scope, name, from, to.adding(months: 1).adding(days: -1), method)
    }

    public func report(_ r: Request, by a: Actor) async throws -> Result {
        let v = try await validate(r, by: a)
        guard let viewer = MeasurementViewer(a.user) else { throw DomainError.forbidden }
        let asOf = LocalDate(clock.now())
        let facts = try await store.effectFacts(v.scope, from: v.from, to: v.to)
        let cohort = EffectCohort(facts, from: v.from, to: v.to, asOf: asOf)
        var participants = cohort.participants, candidates = cohort.candidates
        var population = "Stockholms stad"
        if !viewer.city && !viewer.jobbtorg {
            // A district's manager: the participants and comparison persons from their own district only.
            participants = participants.filter { $0.covariates.district == viewer.committeeId }
            candidates = candidates.filter { $0.covariates.district == viewer.committeeId }
            population = try await organisation.committees().first { $0.id == viewer.committeeId }?.name ?? viewer.committeeId
        } else if viewer.jobbtorg {
            population = "Jobbtorg Stockholm"
        }
        let period = v.from.monthKey == v.to.monthKey ? Self.monthName(v.from) : "\(Self.monthName(v.from))–\(Self.monthName(v.to))"
        let report = EffectReport(
            EffectReportRequest(
                title: v.name, period: period, participants: participants, candidates: candidates, method: v.method, minimumGroupSize: minimumGroupSize,
                disclosureThreshold: threshold))
        let all = participants + candidates
        var notRecorded = ["FIA-bedömningarnas skattningar per område (de sparas som fria val per område, inte som tal att jämföra)"]
        if all.allSatisfy({ $0.covariates.educationLevel == nil }) { notRecorded.append("utbildningsnivå (inte besvarad i FIA för någon i urvalet)") }
        if all.allSatisfy({ $0.covariates.swedish == nil }) { notRecorded.append("svenska (inte besvarad i FIA för någon i urvalet)") }
        if all.allSatisfy({ $0.covariates.needCategory == nil }) { notRecorded.append("behovsbedömningens kategori (ingen beslutad före start)") }
        let scopeKey: String =
            switch v.scope {
            case .intervention(let id): id
            case .type(let t): "type:\(t.rawValue)"
            }
        let methodKey: String =
            switch v.method {
            case .matching(let c, _): "matching:\(c.map { String($0) } ?? "none")"
            case .weighting: "weighting"
            }
        try await log.append([
            AccessLogEntry(
                at: clock.now(), requestId: a.requestId, actor: a.user, action: .effectReportRead, outcome: .allowed,
                detail: "\(scopeKey) \(v.from.monthKey)..\(v.to.monthKey) \(methodKey) participants=\(participants.count) candidates=\(candidates.count) channel=\(a.channel)")
        ])
        return Result(
            request: r, scopeName: v.name, from: v.from, to: v.to, asOf: asOf, lastMonth: cohort.lastMonth, populationName: population, report: report,
            notRecorded: notRecorded)
    }

    static func monthName(_ d: LocalDate) -> String { MeasurementPeriod.month(year: d.year, month: d.month).swedishName }
}
