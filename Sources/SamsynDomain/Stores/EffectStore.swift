import Foundation

/// Which episodes make the participants: one intervention, or every intervention of a type.
public enum EffectScope: Sendable, Equatable {
    case intervention(String)
    case type(InterventionType)
}

/// Reads what the effect report of an intervention needs, in a few set-based queries: no name, no number leaves
/// the store (legal gender and date of birth from the personnummer; persons are keyed by an opaque id).
public protocol EffectStore: Sendable {
    /// The episodes of the scope (all time), the places (Jobbtorg enrolments and district cases) active at some
    /// point from `from` to `to`, and for the persons of those places: months of aid from 36 months before `from`,
    /// closures and episode ends after `from`, decided need categories and FIA answers on education and Swedish.
    func effectFacts(_ scope: EffectScope, from: LocalDate, to: LocalDate) async throws -> EffectFacts
}

/// The raw facts the participants and candidates of an effect report are built from (`EffectCohort`).
public struct EffectFacts: Sendable, Equatable {
    public struct Episode: Sendable, Equatable {
        public var personId: String
        public var unitId: String
        public var start: LocalDate
        public init(personId: String, unitId: String, start: LocalDate) {
            self.personId = personId
            self.unitId = unitId
            self.start = start
        }
    }

    /// Where a person was active: a Jobbtorg enrolment (unit = the Jobbtorg unit) or a district case (unit = the
    /// district's unit), from its start to its closure (nil = still active).
    public struct Place: Sendable, Equatable {
        public var personId: String
        public var unitId: String
        public var districtId: String
        public var from: LocalDate
        public var to: LocalDate?
        public init(personId: String, unitId: String, districtId: String, from: LocalDate, to: LocalDate?) {
            self.personId = personId
            self.unitId = unitId
            self.districtId = districtId
            self.from = from
            self.to = to
        }
        public func isActive(on d: LocalDate) -> Bool { from <= d && (to.map { $0 >= d } ?? true) }
    }

    /// An end that matters to the outcomes: a closure to work or studies (Kolada's rule), an episode ended to work
    /// or studies, or a closure because the person moved (censoring).
    public struct Exit: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case workOrStudies, moved }
        public var personId: String
        public var on: LocalDate
        public var kind: Kind
        public init(personId: String, on: LocalDate, kind: Kind) {
            self.personId = personId
            self.on = on
            self.kind = kind
        }
    }

    /// A dated value known about a person: a decided need category, an education level, a Swedish self-rating.
    public struct Dated: Sendable, Equatable {
        public var personId: String
        public var on: LocalDate
        public var value: String
        public init(personId: String, on: LocalDate, value: String) {
            self.personId = personId
            self.on = on
            self.value = value
        }
    }

    public var persons: [String: MeasuredPerson]
    public var episodes: [Episode]
    public var places: [Place]
    public var exits: [Exit]
    /// Person → months with försörjningsstöd (any district), `YYYY-MM`.
    public var aidMonths: [String: Set<String>]
    public var needCategories: [Dated]
    public var education: [Dated]
    public var swedish: [Dated]

    public init(
        persons: [String: MeasuredPerson] = [:], episodes: [Episode] = [], places: [Place] = [], exits: [Exit] = [], aidMonths: [String: Set<String>] = [:],
        needCategories: [Dated] = [], education: [Dated] = [], swedish: [Dated] = []
    ) {
        self.persons = persons
        self.episodes = episodes
        self.places = places
        self.exits = exits
        self.aidMonths = aidMonths
        self.needCategories = needCategories
        self.education = education
        self.swedish = swedish
    }
}
