import Foundation
import SQLKit
import SamsynDomain

/// A realistic starting catalogue of the city's interventions (the administrators maintain it later).
/// Place numbers follow the seeds where they give them (Jobbtorg Resurs: 400 places, 50 for Spånga-Tensta).
public enum ReferenceCatalogue {
    public static let providers: [Provider] = [
        Provider(id: "jobbtorg-stockholm", name: "Jobbtorg Stockholm", kind: .jobbtorg, committeeId: "arbetsmarknadsnamnden"),
        Provider(id: "jobbtorg-resurs", name: "Jobbtorg Resurs", kind: .jobbtorgResurs, committeeId: "arbetsmarknadsnamnden"),
        Provider(id: "jobbstart", name: "Jobbstart", kind: .jobbstart, committeeId: "arbetsmarknadsnamnden"),
        Provider(id: "spanga-tensta-arbetsforberedande", name: "Arbetsförberedande enheten Spånga-Tensta", kind: .workPreparation, committeeId: "spanga-tensta"),
        Provider(id: "ramavtal-vagledning", name: "Vägledningsgruppen (ramavtal)", kind: .frameworkProvider, committeeId: "arbetsmarknadsnamnden"),
    ]

    public static let interventions: [Intervention] = [
        Intervention(
            id: "jobbtorg-matchning", providerId: "jobbtorg-stockholm", name: "Matchning mot lediga jobb", type: .matching,
            targetGroup: "Arbetsredo, står till arbetsmarknadens förfogande", description: "Coach och matchare söker arbeten tillsammans med personen och kontaktar arbetsgivare.",
            typicalWeeks: 12, capacity: nil),
        Intervention(
            id: "jobbtorg-jobbsokarcoachning", providerId: "jobbtorg-stockholm", name: "Jobbsökarcoachning i grupp", type: .jobSearchCoaching,
            targetGroup: "Arbetssökande som behöver stöd i att söka arbete", description: "Cv, personligt brev, intervjuträning och digitala jobbsajter.",
            typicalWeeks: 6, capacity: 120),
        Intervention(
            id: "jobbtorg-syv", providerId: "jobbtorg-stockholm", name: "Studie- och yrkesvägledning", type: .studyGuidance,
            targetGroup: "Den som saknar gymnasieutbildning eller vill byta inriktning", description: "Vägledning mot vuxenutbildning, yrkesutbildning och validering.",
            typicalWeeks: 4, capacity: 80),
        Intervention(
            id: "resurs-arbetstraning", providerId: "jobbtorg-resurs", name: "Arbetsträning med handledare", type: .workTraining,
            targetGroup: "Längre från arbetsmarknaden, behöver anpassat stöd", description: "Arbetsträning på arbetsplatser i staden med handledare från Jobbtorg Resurs.",
            typicalWeeks: 26, capacity: 400, allotments: ["spanga-tensta": 50, "rinkeby-kista": 50, "skarholmen": 40]),
        Intervention(
            id: "resurs-supported-employment", providerId: "jobbtorg-resurs", name: "Supported Employment", type: .supportedEmployment,
            targetGroup: "Behöver individuellt stöd för att få och behålla ett arbete", description: "Stöd före och under anställning, enligt metoden Supported Employment.",
            typicalWeeks: 52, capacity: 60),
        Intervention(
            id: "resurs-arbetsformagepreovning", providerId: "jobbtorg-resurs", name: "Arbetsförmågeprövning", type: .workAbilityTesting,
            targetGroup: "Oklara förutsättningar för arbete", description: "Prövning på flera arbetsplatser med bedömning (till exempel AWP, DOA, WRI) och ett slutdokument.",
            typicalWeeks: 12, capacity: 30),
        Intervention(
            id: "jobbstart-extratjanst", providerId: "jobbstart", name: "Extratjänst i staden", type: .extratjanst,
            targetGroup: "Långvarigt arbetslösa med rätt till anställningsstöd", description: "Anställning med stöd i stadens verksamheter.",
            typicalWeeks: 52, capacity: 150),
        Intervention(
            id: "spanga-tensta-sprakpraktik", providerId: "spanga-tensta-arbetsforberedande", name: "Språkpraktik", type: .languagePraktik,
            targetGroup: "Behöver träna svenska i en arbetsmiljö", description: "Praktik med språkstöd i stadsdelens verksamheter.",
            typicalWeeks: 12, capacity: 20),
        Intervention(
            id: "ramavtal-vagledning-halsa", providerId: "ramavtal-vagledning", name: "Hälsa och aktivitet", type: .health,
            targetGroup: "Behöver stärka hälsan och vardagsstrukturen innan arbete", description: "Fysisk aktivitet, sömn och rutiner i grupp, två halvdagar i veckan.",
            typicalWeeks: 10, capacity: 40, oneAtATime: true),
    ]

    /// Loads the catalogue into a database that has none. Returns whether it loaded it.
    @discardableResult
    public static func load(into database: Database) async throws -> Bool {
        let store = SQLInterventionStore(database: database)
        guard try await store.providers().isEmpty else { return false }
        for p in providers { try await store.saveProvider(p) }
        for i in interventions { try await store.saveIntervention(i) }
        return true
    }
}
