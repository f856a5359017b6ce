import Foundation
import SamsynDomain

/// Stockholm's committees and units as reference data for a new database. The administrator edits them later.
public enum ReferenceOrganisation {
    /// The 13 district committees (stadsdelsnämnder) since 2020.
    public static let districts: [(id: String, name: String)] = [
        ("rinkeby-kista", "Rinkeby-Kista"), ("spanga-tensta", "Spånga-Tensta"), ("hasselby-vallingby", "Hässelby-Vällingby"),
        ("bromma", "Bromma"), ("kungsholmen", "Kungsholmen"), ("norrmalm", "Norrmalm"), ("ostermalm", "Östermalm"),
        ("sodermalm", "Södermalm"), ("enskede-arsta-vantor", "Enskede-Årsta-Vantör"), ("skarpnack", "Skarpnäck"), ("farsta", "Farsta"),
        ("hagersten-alvsjo", "Hägersten-Älvsjö"), ("skarholmen", "Skärholmen"),
    ]

    public static let labourMarketCommittee = Committee(id: "arbetsmarknadsnamnden", name: "Arbetsmarknadsnämnden", kind: .labourMarket)
    public static let administration = Committee(id: "stadsledningskontoret", name: "Stadsledningskontoret", kind: .administration)

    public static var committees: [Committee] {
        districts.map { Committee(id: $0.id, name: "\($0.name) stadsdelsnämnd", kind: .district) } + [labourMarketCommittee, administration]
    }

    public static var units: [OrgUnit] {
        var u: [OrgUnit] = []
        for d in districts {
            u.append(OrgUnit(id: "\(d.id)-mottagning", committeeId: d.id, name: "Mottagningen \(d.name)", kind: .intake))
            u.append(OrgUnit(id: "\(d.id)-ekonomiskt-bistand", committeeId: d.id, name: "Ekonomiskt bistånd \(d.name)", kind: .financialAid))
        }
        for j in ["Kista", "Vällingby", "Vårberg", "Farsta", "Liljeholmen", "City"] {
            let id = "jobbtorg-" + j.lowercased().replacingOccurrences(of: "ä", with: "a").replacingOccurrences(of: "å", with: "a")
            u.append(OrgUnit(id: id, committeeId: labourMarketCommittee.id, name: "Jobbtorg \(j)", kind: .jobbtorg))
        }
        u.append(OrgUnit(id: "jobbtorg-resurs", committeeId: labourMarketCommittee.id, name: "Jobbtorg Resurs", kind: .jobbtorgResurs))
        u.append(OrgUnit(id: "jobbstart", committeeId: labourMarketCommittee.id, name: "Jobbstart", kind: .jobbstart))
        u.append(OrgUnit(id: "systemforvaltning", committeeId: administration.id, name: "Systemförvaltning Samsyn", kind: .administration))
        u.append(OrgUnit(id: "analys", committeeId: administration.id, name: "Analys och uppföljning", kind: .administration))
        u.append(OrgUnit(id: "finsam-team-vast", committeeId: administration.id, name: "Samverkansteam Väst (FINSAM)", kind: .partner))
        return u
    }

    /// One demo user for every role of MISSION.md.
    public static let demoUsers: [(username: String, name: String, role: Role, unitId: String)] = [
        ("mottagning", "Maja Mottagare", .intakeOfficer, "spanga-tensta-mottagning"),
        ("socialsekreterare", "Sara Socialsekreterare", .socialSecretary, "spanga-tensta-ekonomiskt-bistand"),
        ("coach", "Carl Coach", .coach, "jobbtorg-kista"),
        ("enhetschef", "Elin Enhetschef", .unitManager, "spanga-tensta-ekonomiskt-bistand"),
        ("jobbtorgschef", "Johan Jobbtorgschef", .unitManager, "jobbtorg-kista"),
        ("analytiker", "Amir Analytiker", .analyst, "analys"),
        ("forskare", "Fatima Forskare", .researcher, "analys"),
        ("partner", "Per Partner", .partner, "finsam-team-vast"),
        ("aspirant", "Alva Aspirant", .citizen, "spanga-tensta-ekonomiskt-bistand"),
        ("admin", "Adam Administratör", .systemAdministrator, "systemforvaltning"),
    ]
}
