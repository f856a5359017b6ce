import Foundation

/// The district's case (ärende) for a person: opened at aktualisering, with a responsible worker.
/// It belongs to the district committee; one open case per person and committee.
public struct DistrictCase: Hashable, Sendable, Identifiable {
    /// How the case came to the district (aktualisering).
    public enum Source: String, Sendable, CaseIterable, Codable {
        case application
        case report
        case other
        public var swedishName: String {
            switch self {
            case .application: "Ansökan"
            case .report: "Anmälan"
            case .other: "Annat"
            }
        }
    }
    public enum Channel: String, Sendable, CaseIterable, Codable {
        case phone, visit, eService = "e_service", letter, other
        public var swedishName: String {
            switch self {
            case .phone: "Telefon"
            case .visit: "Besök"
            case .eService: "E-tjänst"
            case .letter: "Brev"
            case .other: "Annat"
            }
        }
    }
    public enum Status: String, Sendable, Codable, CaseIterable { case active, closed }

    public let id: UUID
    public let personId: UUID
    public let committeeId: String
    public let unitId: String
    public var responsibleUserId: UUID?
    public let openedOn: LocalDate
    public let source: Source
    public let channel: Channel
    public var status: Status
    public var closedOn: LocalDate?
    public let createdAt: Date
    public var version: Int

    public init(
        id: UUID, personId: UUID, committeeId: String, unitId: String, responsibleUserId: UUID?, openedOn: LocalDate, source: Source,
        channel: Channel, status: Status = .active, closedOn: LocalDate? = nil, createdAt: Date, version: Int = 1
    ) {
        self.id = id
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.responsibleUserId = responsibleUserId
        self.openedOn = openedOn
        self.source = source
        self.channel = channel
        self.status = status
        self.closedOn = closedOn
        self.createdAt = createdAt
        self.version = version
    }
}

/// Försörjningshinder: the direct reason an adult cannot support themself, per adult, re-judged at each
/// application. The classification is data (`SupportObstacleClassification.default`), so the city can
/// load the current national list.
public struct SupportObstacle: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let caseId: UUID
    public let personId: UUID
    /// Which adult of the household: the applicant or the co-applicant (medsökande).
    public let adult: Adult
    public let code: String
    public let judgedOn: LocalDate
    public let recordedBy: String
    public enum Adult: String, Sendable, CaseIterable, Codable {
        case applicant, coApplicant = "co_applicant"
        public var swedishName: String { self == .applicant ? "Sökande" : "Medsökande" }
    }
    public init(id: UUID, caseId: UUID, personId: UUID, adult: Adult, code: String, judgedOn: LocalDate, recordedBy: String) {
        self.id = id
        self.caseId = caseId
        self.personId = personId
        self.adult = adult
        self.code = code
        self.judgedOn = judgedOn
        self.recordedBy = recordedBy
    }
}

/// The national classification of försörjningshinder, grouped; codes are Samsyn's stable keys.
public struct SupportObstacleClassification: Sendable {
    public struct Entry: Sendable, Equatable {
        public let code: String
        public let group: String
        public let label: String
        /// Whether the hinder is unemployment (arbetslöshet), which puts the person in Jobbtorg's target group.
        public let unemployment: Bool
    }
    public let entries: [Entry]

    public func entry(_ code: String) -> Entry? { entries.first { $0.code == code } }

    public static let `default` = SupportObstacleClassification(entries: [
        .init(code: "arbetslos_ingen_ersattning", group: "Arbetslös", label: "Arbetslös – ingen ersättning", unemployment: true),
        .init(code: "arbetslos_otillracklig_ersattning", group: "Arbetslös", label: "Arbetslös – otillräcklig ersättning", unemployment: true),
        .init(code: "arbetslos_vantar_ersattning", group: "Arbetslös", label: "Arbetslös – väntar på ersättning", unemployment: true),
        .init(code: "etablering_otillracklig", group: "Etableringsersättning", label: "Etableringsersättning – otillräcklig", unemployment: true),
        .init(code: "etablering_vantar", group: "Etableringsersättning", label: "Etableringsersättning – väntar på ersättning", unemployment: true),
        .init(code: "arbetar_deltid_ofrivilligt", group: "Arbetar", label: "Arbetar deltid ofrivilligt – otillräcklig inkomst", unemployment: true),
        .init(code: "arbetar_heltid_otillracklig", group: "Arbetar", label: "Arbetar heltid – otillräcklig inkomst", unemployment: false),
        .init(code: "sjukskriven_ingen_sjukpenning", group: "Sjukskriven", label: "Sjukskriven med läkarintyg – ingen sjukpenning", unemployment: false),
        .init(code: "sjukskriven_otillracklig", group: "Sjukskriven", label: "Sjukskriven med läkarintyg – otillräcklig sjukpenning", unemployment: false),
        .init(code: "sjuk_aktivitetsersattning", group: "Sjuk- eller aktivitetsersättning", label: "Sjuk- eller aktivitetsersättning – otillräcklig", unemployment: false),
        .init(code: "arbetshinder_sociala_skal", group: "Sociala skäl", label: "Arbetshinder, sociala skäl", unemployment: false),
        .init(code: "foraldrapenning", group: "Föräldrapenning", label: "Föräldrapenning – otillräcklig eller väntar", unemployment: false),
        .init(code: "saknar_barnomsorg", group: "Övrigt", label: "Saknar barnomsorg", unemployment: false),
        .init(code: "pension", group: "Pension", label: "Pension eller äldreförsörjningsstöd – otillräcklig", unemployment: false),
        .init(code: "ungdom_gymnasiestuderande", group: "Övrigt", label: "Ungdom 18–20 år, gymnasiestuderande", unemployment: false),
        .init(code: "utan_forsorjningshinder", group: "Övrigt", label: "Utan försörjningshinder", unemployment: false),
    ])
}

/// Months with försörjningsstöd (entered by the district or imported), and the long-term figures that follow.
public enum AidMonths {
    /// Långvarigt bistånd: aid in 10–12 months of a calendar year (the national statistics' definition).
    public static func isLongTerm(months: Set<String>, year: Int) -> Bool {
        monthsIn(year: year, months) >= 10
    }

    public static func monthsIn(year: Int, _ months: Set<String>) -> Int {
        months.filter { $0.hasPrefix("\(year)-") }.count
    }

    /// Mycket långvarigt: at least 27 of the 36 months up to and including `month`.
    public static func isVeryLongTerm(months: Set<String>, upTo month: LocalDate) -> Bool {
        monthsInLast36(months: months, upTo: month) >= 27
    }

    public static func monthsInLast36(months: Set<String>, upTo month: LocalDate) -> Int {
        let first = month.firstOfMonth
        return (0..<36).filter { months.contains(first.adding(months: -$0).monthKey) }.count
    }

    /// Parses `YYYY-MM`; nil for a month that does not exist.
    public static func parseMonth(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.count == 7, let d = LocalDate(t + "-01") else { return nil }
        return d.monthKey
    }
}
