/// A committee (nämnd). Each is its own authority: secrecy applies between them (OSL 8 kap. 1 §),
/// so every person file belongs to exactly one committee.
public struct Committee: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Stadsdelsnämnd: intake and financial aid (ekonomiskt bistånd).
        case district
        /// Arbetsmarknadsnämnden: Jobbtorg Stockholm.
        case labourMarket = "labour_market"
        /// The city's administration: system administrators, analysts.
        case administration

        public var swedishName: String {
            switch self {
            case .district: "Stadsdelsnämnd"
            case .labourMarket: "Arbetsmarknadsnämnd"
            case .administration: "Stadens förvaltning"
            }
        }
    }

    public let id: String
    public var name: String
    public var kind: Kind

    public init(id: String, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// A unit (enhet) within a committee; staff belong to one.
public struct OrgUnit: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Mottagningsenhet: first contact, part 1 of the initial assessment.
        case intake
        /// Enhet för ekonomiskt bistånd.
        case financialAid = "financial_aid"
        /// A Jobbtorg location.
        case jobbtorg
        /// Jobbtorg Resurs: for people further from the labour market.
        case jobbtorgResurs = "jobbtorg_resurs"
        /// Jobbstart.
        case jobbstart
        /// The district's own work-preparation unit.
        case workPreparation = "work_preparation"
        /// City administration (system administration, analysis).
        case administration
        /// An external partner team (Arbetsförmedlingen, Försäkringskassan, region) in a FINSAM collaboration.
        case partner

        public var swedishName: String {
            switch self {
            case .intake: "Mottagning"
            case .financialAid: "Ekonomiskt bistånd"
            case .jobbtorg: "Jobbtorg"
            case .jobbtorgResurs: "Jobbtorg Resurs"
            case .jobbstart: "Jobbstart"
            case .workPreparation: "Arbetsförberedande enhet"
            case .administration: "Förvaltning"
            case .partner: "Samverkanspartner"
            }
        }
    }

    public let id: String
    public var committeeId: String
    public var name: String
    public var kind: Kind

    public init(id: String, committeeId: String, name: String, kind: Kind) {
        self.id = id
        self.committeeId = committeeId
        self.name = name
        self.kind = kind
    }
}
