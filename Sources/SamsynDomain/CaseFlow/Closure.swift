import Foundation

/// What a closure to work or studies records, for the district and for the indicators: Kolada's "deltagare som
/// börjat arbeta eller studera" counts work of at least one continuous month, subsidised or not, but not a
/// municipal labour-market employment; and studies only when they carry study allowance (studiemedelsberättigade).
public enum ClosureOutcome {
    /// Whether a job is subsidised: not at all, a subsidised employment (nystartsjobb, lönebidrag, …), or a
    /// municipal labour-market employment (kommunal arbetsmarknadsanställning, e.g. extratjänst in the city).
    public enum Subsidy: String, Sendable, CaseIterable, Codable {
        case none
        case subsidised
        case municipal
        public var swedishName: String {
            switch self {
            case .none: "Utan subvention"
            case .subsidised: "Subventionerad anställning"
            case .municipal: "Kommunal arbetsmarknadsanställning"
            }
        }
    }

    public enum Sector: String, Sendable, CaseIterable, Codable {
        case care, retail, hospitality, construction, transport, cleaning, industry, education, office, it, other
        public var swedishName: String {
            switch self {
            case .care: "Vård och omsorg"
            case .retail: "Handel"
            case .hospitality: "Hotell och restaurang"
            case .construction: "Bygg och anläggning"
            case .transport: "Transport och lager"
            case .cleaning: "Städ och fastighetsservice"
            case .industry: "Industri och tillverkning"
            case .education: "Utbildning och barnomsorg"
            case .office: "Kontor och administration"
            case .it: "Data och IT"
            case .other: "Annan bransch"
            }
        }
    }

    public enum StudyKind: String, Sendable, CaseIterable, Codable {
        case komvux
        case folkHighSchool = "folk_high_school"
        case higherVocational = "higher_vocational"
        case university
        case other
        public var swedishName: String {
            switch self {
            case .komvux: "Komvux"
            case .folkHighSchool: "Folkhögskola"
            case .higherVocational: "Yrkeshögskola"
            case .university: "Universitet eller högskola"
            case .other: "Andra studier"
            }
        }
    }

    public struct Work: Hashable, Sendable {
        public let employer: String?
        public let sector: Sector?
        /// Percent of full time, 1–100.
        public let extentPercent: Int
        public let startOn: LocalDate
        /// The last day of a fixed-term job; nil when it runs on.
        public let endOn: LocalDate?
        public let subsidy: Subsidy
        public init(employer: String?, sector: Sector?, extentPercent: Int, startOn: LocalDate, endOn: LocalDate?, subsidy: Subsidy) {
            self.employer = employer
            self.sector = sector
            self.extentPercent = extentPercent
            self.startOn = startOn
            self.endOn = endOn
            self.subsidy = subsidy
        }
        /// At least one continuous month: no end, or an end a month after the start or later.
        public var lastsAtLeastOneMonth: Bool { endOn.map { $0 >= startOn.adding(months: 1).adding(days: -1) } ?? true }
    }

    public struct Studies: Hashable, Sendable {
        public let kind: StudyKind
        public let studyAllowance: Bool
        public let startOn: LocalDate?
        public init(kind: StudyKind, studyAllowance: Bool, startOn: LocalDate?) {
            self.kind = kind
            self.studyAllowance = studyAllowance
            self.startOn = startOn
        }
    }
}

/// The closure of an enrolment as the district's answer-back and the indicators read it: one row per closed
/// enrolment, naming the referral and the referring unit, with the details and what the closure ended.
public struct EnrolmentClosure: Hashable, Sendable {
    public let enrolmentId: UUID
    public let personId: UUID
    public let referralId: UUID?
    public let districtCommitteeId: String
    /// The unit that referred the person (the referral's sender): the inbox the closure answers back to.
    public let districtUnitId: String?
    public let committeeId: String
    public let unitId: String
    public let reason: Enrolment.ClosureReason
    public let closedOn: LocalDate
    public let work: ClosureOutcome.Work?
    public let studies: ClosureOutcome.Studies?
    public let endedEpisodes: Int
    public let releasedPlaces: Int
    public let finalisedMonths: [String]
    public let recordedAt: Date
    public let recordedByName: String

    public init(
        enrolmentId: UUID, personId: UUID, referralId: UUID?, districtCommitteeId: String, districtUnitId: String?, committeeId: String, unitId: String,
        reason: Enrolment.ClosureReason, closedOn: LocalDate, work: ClosureOutcome.Work?, studies: ClosureOutcome.Studies?, endedEpisodes: Int,
        releasedPlaces: Int, finalisedMonths: [String], recordedAt: Date, recordedByName: String
    ) {
        self.enrolmentId = enrolmentId
        self.personId = personId
        self.referralId = referralId
        self.districtCommitteeId = districtCommitteeId
        self.districtUnitId = districtUnitId
        self.committeeId = committeeId
        self.unitId = unitId
        self.reason = reason
        self.closedOn = closedOn
        self.work = work
        self.studies = studies
        self.endedEpisodes = endedEpisodes
        self.releasedPlaces = releasedPlaces
        self.finalisedMonths = finalisedMonths
        self.recordedAt = recordedAt
        self.recordedByName = recordedByName
    }

    /// Kolada's "började arbeta eller studera": work of at least one continuous month that is not a municipal
    /// labour-market employment, or studies that carry study allowance.
    public var countsAsWorkOrStudies: Bool {
        if let w = work { return w.subsidy != .municipal && w.lastsAtLeastOneMonth }
        if let s = studies { return s.studyAllowance }
        return false
    }
}

/// What closing an enrolment would leave behind: the person's running episodes, the places they hold or wait
/// for, and the enrolment's attendance months that are not final. The closure page warns about each and
/// offers to end it in the same transaction.
public struct ClosureLeftovers: Sendable, Equatable {
    public let episodes: [Episode]
    /// Open queue entries: an offered or accepted place (not one a running episode uses), or a place in a queue.
    public let places: [QueueEntry]
    /// `YYYY-MM` from the enrolment month to the closure month, not final.
    public let openMonths: [String]
    public init(episodes: [Episode], places: [QueueEntry], openMonths: [String]) {
        self.episodes = episodes
        self.places = places
        self.openMonths = openMonths
    }
    public var isEmpty: Bool { episodes.isEmpty && places.isEmpty && openMonths.isEmpty }

    /// The months of an enrolment closed on `closedOn` that are not final.
    public static func openMonths(enrolledOn: LocalDate, closedOn: LocalDate, finalMonths: Set<String>) -> [String] {
        var out: [String] = []
        var m = enrolledOn.firstOfMonth
        while m <= closedOn {
            if !finalMonths.contains(m.monthKey) { out.append(m.monthKey) }
            m = m.adding(months: 1)
        }
        return out
    }
}

/// A closure as the store writes it in one transaction: the closed enrolment, its six-month check and closure
/// row, the episodes to end, the queue entries to release and the months to make final, each with its log row.
public struct ClosurePlan: Sendable {
    public struct EpisodeEnd: Sendable {
        public let episodeId: UUID
        public let expectedVersion: Int
        public let actualEnd: LocalDate
        public let outcome: Episode.Outcome
        public let reason: String?
        public let audit: AccessLogEntry
    }
    public struct Release: Sendable {
        public let entryId: UUID
        public let reason: String
        public let audit: AccessLogEntry
    }
    public struct Finalise: Sendable {
        public let month: String
        public let audit: AccessLogEntry
    }
    public let enrolment: Enrolment
    public let expectedVersion: Int
    public let check: SixMonthCheck
    public let closure: EnrolmentClosure
    public let endEpisodes: [EpisodeEnd]
    public let releases: [Release]
    public let finalise: [Finalise]
    public let audit: AccessLogEntry
}

public enum ClosureRules {
    /// How far after the closure a job or studies may start and still be recorded as the closure's outcome.
    public static let maxStartMonthsAhead = 6

    /// The raw details of a closure as a form or the API sends them.
    public struct Details: Sendable, Equatable {
        public var employer: String, sector: String, extentPercent: String, workStart: String, workEnd: String, subsidy: String
        public var studyKind: String, studyAllowance: String, studyStart: String
        public init(
            employer: String = "", sector: String = "", extentPercent: String = "", workStart: String = "", workEnd: String = "", subsidy: String = "",
            studyKind: String = "", studyAllowance: String = "", studyStart: String = ""
        ) {
            self.employer = employer
            self.sector = sector
            self.extentPercent = extentPercent
            self.workStart = workStart
            self.workEnd = workEnd
            self.subsidy = subsidy
            self.studyKind = studyKind
            self.studyAllowance = studyAllowance
            self.studyStart = studyStart
        }
    }

    static func t(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Validates the details the reason asks for; returns the parsed work or studies. Closing to work asks for the
    /// employer or the sector, the extent, the start, and — for subsidised work — whether it is a subsidised or a
    /// municipal labour-market employment; closing to studies asks for the kind and whether they carry study allowance.
    public static func validate(reason: Enrolment.ClosureReason?, _ d: Details, closedOn: LocalDate?)
        -> (work: ClosureOutcome.Work?, studies: ClosureOutcome.Studies?, errors: [FieldError])
    {
        guard let reason else { return (nil, nil, []) }
        var errors: [FieldError] = []
        switch reason {
        case .work, .subsidisedWork:
            let employer = t(d.employer)
            let sector = ClosureOutcome.Sector(rawValue: t(d.sector))
            if !t(d.sector).isEmpty && sector == nil { errors.append(FieldError(field: "sector", message: "Välj en bransch i listan.")) }
            if employer.count > 200 { errors.append(FieldError(field: "employer", message: "Arbetsgivarens namn får vara högst 200 tecken.")) }
            else if employer.isEmpty && sector == nil && t(d.sector).isEmpty {
                errors.append(FieldError(field: "employer", message: "Ange arbetsgivaren, eller välj bransch om arbetsgivaren inte ska anges."))
            } else if !employer.isEmpty && employer.count < 2 {
                errors.append(FieldError(field: "employer", message: "Skriv arbetsgivarens namn (minst 2 tecken)."))
            }
            let extentText = t(d.extentPercent).replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
            let extent = Int(extentText)
            if extent == nil || !(1...100).contains(extent ?? 0) {
                errors.append(
                    FieldError(field: "extentPercent", message: extentText.isEmpty ? "Ange omfattningen i procent av heltid (1–100)." : "Omfattningen ska vara ett heltal 1–100 (procent av heltid)."))
            }
            let startText = t(d.workStart)
            let start = LocalDate(startText)
            if let start {
                if let closedOn, start > closedOn.adding(months: maxStartMonthsAhead) {
                    errors.append(FieldError(field: "workStart", message: "Anställningen ska börja inom sex månader efter avslutet."))
                }
            } else {
                errors.append(FieldError(field: "workStart", message: startText.isEmpty ? "Ange när anställningen börjar." : "Ange startdatum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
            }
            let endText = t(d.workEnd)
            let end = endText.isEmpty ? nil : LocalDate(endText)
            if !endText.isEmpty && end == nil { errors.append(FieldError(field: "workEnd", message: "Ange slutdatum som ÅÅÅÅ-MM-DD (ett datum som finns), eller lämna tomt.")) }
            if let end, let start, end < start { errors.append(FieldError(field: "workEnd", message: "Slutdatumet kan inte vara före startdatumet.")) }
            var subsidy: ClosureOutcome.Subsidy?
            if reason == .work {
                let s = t(d.subsidy)
                subsidy = s.isEmpty ? ClosureOutcome.Subsidy.none : ClosureOutcome.Subsidy(rawValue: s)
                if subsidy != ClosureOutcome.Subsidy.none {
                    errors.append(FieldError(field: "subsidy", message: "Arbete utan subvention: välj skälet Subventionerat arbete för en subventionerad anställning."))
                }
            } else {
                subsidy = ClosureOutcome.Subsidy(rawValue: t(d.subsidy))
                if subsidy == nil || subsidy == ClosureOutcome.Subsidy.none {
                    errors.append(FieldError(field: "subsidy", message: "Välj om det är en subventionerad anställning eller en kommunal arbetsmarknadsanställning."))
                }
            }
            guard errors.isEmpty, let extent, let start, let subsidy else { return (nil, nil, errors) }
            return (ClosureOutcome.Work(employer: employer.isEmpty ? nil : employer, sector: sector, extentPercent: extent, startOn: start, endOn: end, subsidy: subsidy), nil, [])
        case .studies:
            let kind = ClosureOutcome.StudyKind(rawValue: t(d.studyKind))
            if kind == nil { errors.append(FieldError(field: "studyKind", message: "Välj vilka studier personen går till.")) }
            let allowance: Bool? = t(d.studyAllowance) == "yes" ? true : t(d.studyAllowance) == "no" ? false : nil
            if allowance == nil { errors.append(FieldError(field: "studyAllowance", message: "Ange om studierna ger rätt till studiemedel.")) }
            let startText = t(d.studyStart)
            let start = startText.isEmpty ? nil : LocalDate(startText)
            if !startText.isEmpty && start == nil { errors.append(FieldError(field: "studyStart", message: "Ange startdatum som ÅÅÅÅ-MM-DD (ett datum som finns), eller lämna tomt.")) }
            if let start, let closedOn, start > closedOn.adding(months: maxStartMonthsAhead) {
                errors.append(FieldError(field: "studyStart", message: "Studierna ska börja inom sex månader efter avslutet."))
            }
            guard errors.isEmpty, let kind, let allowance else { return (nil, nil, errors) }
            return (nil, ClosureOutcome.Studies(kind: kind, studyAllowance: allowance, startOn: start), [])
        default:
            return (nil, nil, [])
        }
    }

    /// How a running episode ends when the enrolment closes: to work or studies it led there; otherwise it was
    /// interrupted by the closure.
    public static func episodeOutcome(_ reason: Enrolment.ClosureReason) -> (outcome: Episode.Outcome, reason: String?) {
        switch reason {
        case .work, .subsidisedWork: (.work, nil)
        case .studies: (.studies, nil)
        default: (.interrupted, "Inskrivningen avslutades: \(reason.swedishName)")
        }
    }

    /// Checks the leftovers chosen to end against what is there: an episode that starts after the closure date
    /// cannot be ended by it, and ids that are not the person's are refused. Nothing is saved on any error.
    public static func validateChoices(
        _ leftovers: ClosureLeftovers, endEpisodes: [String], releasePlaces: [String], finaliseMonths: [String], closedOn: LocalDate?
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let episodeIds = Set(leftovers.episodes.map { $0.id.uuidString.lowercased() })
        if endEpisodes.contains(where: { !episodeIds.contains($0.lowercased()) }) {
            errors.append(FieldError(field: "endEpisodes", message: "Ett valt deltagande är inte personens pågående deltagande. Läs in sidan igen."))
        }
        if let closedOn {
            for e in leftovers.episodes where endEpisodes.contains(where: { $0.lowercased() == e.id.uuidString.lowercased() }) && e.start > closedOn {
                errors.append(FieldError(field: "endEpisodes", message: "Deltagandet som börjar \(e.start) börjar efter avslutsdatumet och kan inte avslutas med det. Avsluta det på deltagandesidan."))
            }
        }
        let placeIds = Set(leftovers.places.map { $0.id.uuidString.lowercased() })
        if releasePlaces.contains(where: { !placeIds.contains($0.lowercased()) }) {
            errors.append(FieldError(field: "releasePlaces", message: "En vald plats är inte längre personens. Läs in sidan igen."))
        }
        if finaliseMonths.contains(where: { !leftovers.openMonths.contains($0) }) {
            errors.append(FieldError(field: "finaliseMonths", message: "En vald månad är inte en öppen månad under inskrivningen. Läs in sidan igen."))
        }
        return errors
    }
}
