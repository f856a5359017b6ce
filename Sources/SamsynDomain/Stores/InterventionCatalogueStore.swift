import Foundation

/// The city's catalogue: providers and interventions with their places per district.
public protocol InterventionCatalogueStore: Sendable {
    func saveProvider(_ provider: Provider) async throws
    func saveIntervention(_ intervention: Intervention) async throws
    func providers() async throws -> [Provider]
    func interventions() async throws -> [Intervention]
    func intervention(id: String) async throws -> Intervention?
}

/// Everything about interventions and participation, as the services take it: one value that is each of
/// the aggregate stores (`SQLInterventionStore` in Storage).
public typealias InterventionStore = InterventionCatalogueStore & QueueStore & EpisodeStore & WorkAbilityStore
