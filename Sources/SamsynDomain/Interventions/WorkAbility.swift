import Foundation

/// Work-ability testing (arbetsförmågeprövning): a series of placements at different workplaces with
/// Supported Employment or work training, the occupational-therapy instruments used and their results,
/// and a final report of what was tried and how it went. The report describes abilities and what was
/// tried — never a verdict of incapacity (the 2018 review of Jobbtorg's assignment).

/// One workplace in the series.
public struct WorkPlacement: Hashable, Sendable, Identifiable {
    public enum Support: String, Sendable, CaseIterable, Codable {
        case supportedEmployment = "supported_employment"
        case workTraining = "work_training"
        case praktik

        public var swedishName: String {
            switch self {
            case .supportedEmployment: "Supported Employment"
            case .workTraining: "Arbetsträning"
            case .praktik: "Praktik"
            }
        }
    }

    public let id: UUID
    public let episodeId: UUID
    public var workplace: String
    public var tasks: String
    public var support: Support
    public var start: LocalDate
    public var end: LocalDate?
    public var hoursPerWeek: Int?
    /// What went well, what was hard, what adaptations helped.
    public var observations: String

    public init(
        id: UUID, episodeId: UUID, workplace: String, tasks: String, support: Support, start: LocalDate, end: LocalDate?, hoursPerWeek: Int?,
        observations: String
    ) {
        self.id = id
        self.episodeId = episodeId
        self.workplace = workplace
        self.tasks = tasks
        self.support = support
        self.start = start
        self.end = end
        self.hoursPerWeek = hoursPerWeek
        self.observations = observations
    }

    /// Checks the placement against its episode: dates inside the episode, hours 1–40, text present.
    public static func validate(
        workplace: String, tasks: String, start: LocalDate?, end: LocalDate?, hoursPerWeek: Int?, hoursText: String, observations: String,
        episode: Episode
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if workplace.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || workplace.count > 200 {
            errors.append(FieldError(field: "workplace", message: "Ange arbetsplatsen (högst 200 tecken)."))
        }
        if tasks.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || tasks.count > 2000 {
            errors.append(FieldError(field: "tasks", message: "Beskriv arbetsuppgifterna (högst 2 000 tecken)."))
        }
        if let start {
            if start < episode.start {
                errors.append(FieldError(field: "start", message: "Placeringen kan inte börja före prövningen (\(episode.start))."))
            }
            if let end, end < start { errors.append(FieldError(field: "end", message: "Slutdatumet kan inte vara före startdatumet.")) }
            if let end, let epEnd = episode.actualEnd, end > epEnd {
                errors.append(FieldError(field: "end", message: "Placeringen kan inte sluta efter prövningen (\(epEnd))."))
            }
        } else {
            errors.append(FieldError(field: "start", message: "Ange startdatum som ÅÅÅÅ-MM-DD."))
        }
        if !hoursText.trimmingCharacters(in: .whitespaces).isEmpty && !(hoursPerWeek.map { (1...40).contains($0) } ?? false) {
            errors.append(FieldError(field: "hoursPerWeek", message: "Ange timmar per vecka som ett heltal 1–40."))
        }
        if observations.count > 4000 { errors.append(FieldError(field: "observations", message: "Iakttagelserna får vara högst 4 000 tecken.")) }
        return errors
    }
}

/// An instrument used in work-ability testing, with its items and rating scale. The shipped set names the
/// areas each instrument covers in Samsyn's own words; the official manuals are licensed material.
public struct WorkAbilityInstrument: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public let key: String
        public let area: String
        public let label: String
    }
    public let code: String
    public let name: String
    public let purpose: String
    /// Rating labels from 1 upwards.
    public let scale: [String]
    public let items: [Item]

    public static let awp = WorkAbilityInstrument(
        code: "awp", name: "AWP – Assessment of Work Performance",
        purpose: "Observation av hur personen utför verkliga eller simulerade arbetsuppgifter.",
        scale: ["Utförandet fungerar inte", "Utförandet fungerar med stora svårigheter", "Utförandet fungerar med vissa svårigheter", "Utförandet fungerar väl"],
        items: [
            ("motor", "Motorik", [("posture", "Kroppsställning"), ("mobility", "Rörlighet"), ("coordination", "Koordination"), ("strength", "Styrka"), ("physical_energy", "Fysisk energi")]),
            ("process", "Processförmåga", [("mental_energy", "Psykisk energi"), ("knowledge", "Kunskap"), ("time", "Organisera tid"), ("space", "Organisera utrymme och föremål"), ("adaptation", "Anpassning")]),
            ("communication", "Kommunikation och samspel", [("physical_communication", "Kroppsspråk"), ("language", "Språk"), ("contact", "Kontakt"), ("relations", "Relationer")]),
        ].flatMap { area in area.2.map { Item(key: "\(area.0).\($0.0)", area: area.1, label: $0.1) } })

    public static let doa = WorkAbilityInstrument(
        code: "doa", name: "DOA – Dialog om arbetsförmåga",
        purpose: "Personens och handledarens gemensamma samtal om förmågor i förhållande till arbetets krav.",
        scale: ["Stora hinder", "Vissa hinder", "Mindre hinder", "Inga hinder"],
        items: [
            ("self", "Personens syn på sin förmåga"), ("interests", "Intressen och värderingar"), ("routines", "Vanor och rutiner"),
            ("skills", "Färdigheter i arbetsuppgifterna"), ("physical", "Fysiska förutsättningar"), ("cognitive", "Kognitiva förutsättningar"),
            ("social", "Samspel på arbetsplatsen"), ("environment", "Arbetsmiljö och anpassningar"),
        ].map { Item(key: $0.0, area: "Områden", label: $0.1) })

    public static let wri = WorkAbilityInstrument(
        code: "wri", name: "WRI – Worker Role Interview",
        purpose: "Intervju om psykosociala faktorer som påverkar återgång eller inträde i arbete.",
        scale: ["Hindrar starkt", "Hindrar", "Stödjer", "Stödjer starkt"],
        items: [
            ("personal_causation", "Tilltro till egen förmåga"), ("values", "Värderingar kring arbete"), ("interests", "Intressen"),
            ("roles", "Roller i livet"), ("habits", "Vanor och rutiner"), ("environment", "Omgivningens stöd och krav"),
        ].map { Item(key: $0.0, area: "Områden", label: $0.1) })

    /// Any other instrument: named by the assessor, results as a written summary only.
    public static let other = WorkAbilityInstrument(code: "other", name: "Annat instrument", purpose: "Ett annat bedömningsinstrument.", scale: [], items: [])

    public static let all: [WorkAbilityInstrument] = [.awp, .doa, .wri, .other]

    public static func named(_ code: String) -> WorkAbilityInstrument? { all.first { $0.code == code } }
}

/// One use of an instrument during the testing, with its structured results.
public struct WorkAbilityAssessment: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let episodeId: UUID
    public let instrument: String
    /// The instrument's name when it is "other".
    public var otherName: String?
    public var assessedOn: LocalDate
    public var assessor: String
    /// Item key → rating (1…scale.count); items not rated are absent.
    public var ratings: [String: Int]
    public var summary: String

    public init(
        id: UUID, episodeId: UUID, instrument: String, otherName: String?, assessedOn: LocalDate, assessor: String, ratings: [String: Int], summary: String
    ) {
        self.id = id
        self.episodeId = episodeId
        self.instrument = instrument
        self.otherName = otherName
        self.assessedOn = assessedOn
        self.assessor = assessor
        self.ratings = ratings
        self.summary = summary
    }

    public var definition: WorkAbilityInstrument { WorkAbilityInstrument.named(instrument) ?? .other }

    public var displayName: String { instrument == "other" ? (otherName ?? "Annat instrument") : definition.name }

    /// Checks a result against its instrument: every rating on the scale, unknown items refused, at least one
    /// rating or a written summary, the date within the testing and not in the future.
    public static func validate(
        instrument: String, otherName: String?, assessedOn: LocalDate?, assessor: String, ratings: [String: String], summary: String,
        episode: Episode, today: LocalDate
    ) -> (ratings: [String: Int], errors: [FieldError]) {
        var errors: [FieldError] = []
        guard let def = WorkAbilityInstrument.named(instrument) else {
            return ([:], [FieldError(field: "instrument", message: "Välj ett instrument i listan.")])
        }
        if def.code == "other" && (otherName?.trimmingCharacters(in: .whitespaces).isEmpty ?? true) {
            errors.append(FieldError(field: "otherName", message: "Skriv vilket instrument som användes."))
        }
        if let d = assessedOn {
            if d < episode.start { errors.append(FieldError(field: "assessedOn", message: "Datumet ligger före prövningens start (\(episode.start)).")) }
            if d > today { errors.append(FieldError(field: "assessedOn", message: "Datumet kan inte ligga i framtiden.")) }
        } else {
            errors.append(FieldError(field: "assessedOn", message: "Ange datum som ÅÅÅÅ-MM-DD."))
        }
        if assessor.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || assessor.count > 200 {
            errors.append(FieldError(field: "assessor", message: "Ange vem som gjorde bedömningen (namn och yrke)."))
        }
        var parsed: [String: Int] = [:]
        let keys = Set(def.items.map(\.key))
        for (key, raw) in ratings.sorted(by: { $0.key < $1.key }) {
            let v = raw.trimmingCharacters(in: .whitespaces)
            if v.isEmpty { continue }
            guard keys.contains(key) else {
                errors.append(FieldError(field: "rating.\(key)", message: "Okänd punkt för \(def.name)."))
                continue
            }
            guard let n = Int(v), (1...def.scale.count).contains(n) else {
                errors.append(FieldError(field: "rating.\(key)", message: "Välj ett värde från 1 till \(def.scale.count)."))
                continue
            }
            parsed[key] = n
        }
        let s = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        if parsed.isEmpty && s.isEmpty {
            errors.append(FieldError(field: "summary", message: "Ange resultatet: skatta minst en punkt eller skriv en sammanfattning."))
        }
        if summary.count > 4000 { errors.append(FieldError(field: "summary", message: "Sammanfattningen får vara högst 4 000 tecken.")) }
        return (parsed, errors)
    }
}

/// What the testing found, written by the caseworker at the end: abilities, what helps, what is needed next.
public struct WorkAbilityConclusion: Hashable, Sendable {
    public var abilities: String
    public var adaptations: String
    public var recommendation: String
    public var writtenBy: String
    public var writtenAt: Date
    public var version: Int

    public init(abilities: String, adaptations: String, recommendation: String, writtenBy: String, writtenAt: Date, version: Int) {
        self.abilities = abilities
        self.adaptations = adaptations
        self.recommendation = recommendation
        self.writtenBy = writtenBy
        self.writtenAt = writtenAt
        self.version = version
    }

    /// Words that turn a description of abilities into a verdict. The report says what works and what was
    /// tried; whether the person has a right to sickness benefit is for Försäkringskassan and the care service.
    static let verdictWords = ["arbetsoförmögen", "arbetsoförmåga", "saknar arbetsförmåga", "ingen arbetsförmåga", "oanställningsbar"]

    public static func validate(abilities: String, adaptations: String, recommendation: String) -> [FieldError] {
        var errors: [FieldError] = []
        let fields = [("abilities", abilities, "Beskriv vad personen klarar och vad som fungerade."),
                      ("adaptations", adaptations, "Beskriv vilka anpassningar och vilket stöd som hjälpte."),
                      ("recommendation", recommendation, "Beskriv vad personen behöver härnäst.")]
        for (field, text, message) in fields {
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.count < 3 || t.count > 4000 { errors.append(FieldError(field: field, message: message + " (3–4 000 tecken)")) }
            let lower = t.lowercased()
            if let word = verdictWords.first(where: { lower.contains($0) }) {
                errors.append(
                    FieldError(
                        field: field,
                        message: "Rapporten beskriver förmågor och vad som prövats, inte arbetsoförmåga. Skriv om texten utan ”\(word)”: beskriv vad som fungerade och vad som var svårt."))
            }
        }
        return errors
    }
}

/// The final report: everything tried (every episode of every intervention, with outcome), the placements
/// of the testing, the instruments' results grouped into what works and what needs support, and the
/// conclusion. Assembled, not stored: it always shows what is recorded now.
public struct WorkAbilityReport: Sendable {
    public struct Tried: Sendable {
        public let intervention: String
        public let type: String
        public let provider: String
        public let period: String
        public let outcome: String
        public let subGoal: String?
    }
    public struct Placement: Sendable {
        public let workplace: String
        public let support: String
        public let period: String
        public let hours: String?
        public let tasks: String
        public let observations: String
    }
    public struct InstrumentResult: Sendable {
        public let name: String
        public let date: String
        public let assessor: String
        /// Items rated in the upper half of the scale.
        public let strengths: [String]
        /// Items rated in the lower half of the scale.
        public let supportNeeds: [String]
        public let summary: String
    }

    public let testing: Episode
    public let tried: [Tried]
    public let placements: [Placement]
    public let instruments: [InstrumentResult]
    public let conclusion: WorkAbilityConclusion?

    public static let disclaimer =
        "Rapporten beskriver personens förmågor och vad som har prövats. Den är inte ett utlåtande om arbetsoförmåga."

    public static func period(_ start: LocalDate, _ end: LocalDate?) -> String {
        end.map { "\(start) – \($0)" } ?? "\(start) – pågår"
    }

    public static func assemble(
        testing: Episode, episodes: [Episode], interventions: [String: Intervention], providers: [String: Provider], placements: [WorkPlacement],
        assessments: [WorkAbilityAssessment], conclusion: WorkAbilityConclusion?
    ) -> WorkAbilityReport {
        let tried = episodes.sorted { ($0.start, $0.createdAt) < ($1.start, $1.createdAt) }.map { e -> Tried in
            let i = interventions[e.interventionId]
            return Tried(
                intervention: i?.name ?? e.interventionId, type: i?.type.swedishName ?? "", provider: i.flatMap { providers[$0.providerId]?.name } ?? "",
                period: period(e.start, e.actualEnd),
                outcome: e.outcome.map { o in
                    o == .interrupted ? "\(o.swedishName): \(e.interruptionReason ?? "")" : o.swedishName
                } ?? "Pågår", subGoal: e.subGoal)
        }
        let places = placements.filter { $0.episodeId == testing.id }.sorted { $0.start < $1.start }.map {
            Placement(
                workplace: $0.workplace, support: $0.support.swedishName, period: period($0.start, $0.end), hours: $0.hoursPerWeek.map { "\($0) timmar i veckan" },
                tasks: $0.tasks, observations: $0.observations)
        }
        let results = assessments.filter { $0.episodeId == testing.id }.sorted { $0.assessedOn < $1.assessedOn }.map { a -> InstrumentResult in
            let def = a.definition
            let mid = Double(def.scale.count + 1) / 2
            let severalAreas = Set(def.items.map(\.area)).count > 1
            var strengths: [String] = []
            var needs: [String] = []
            for item in def.items {
                guard let r = a.ratings[item.key] else { continue }
                let text = severalAreas
                    ? "\(item.label) (\(item.area.lowercased())): \(def.scale[r - 1].lowercased())" : "\(item.label): \(def.scale[r - 1].lowercased())"
                if Double(r) > mid { strengths.append(text) } else { needs.append(text) }
            }
            return InstrumentResult(name: a.displayName, date: a.assessedOn.description, assessor: a.assessor, strengths: strengths, supportNeeds: needs, summary: a.summary)
        }
        return WorkAbilityReport(testing: testing, tried: tried, placements: places, instruments: results, conclusion: conclusion)
    }
}
