import Foundation

/// The deadline and reminder job: derives the tasks that should exist from the case records and stores
/// them by key. Runs periodically for everyone and after each change for the person changed; the store
/// serialises runs, so two Samsyn processes on one database create each task exactly once.
public struct TaskJob: Sendable {
    let store: any CaseFlowStore
    let clock: any Clock

    public init(store: any CaseFlowStore, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    @discardableResult
    public func run(personId: UUID? = nil) async throws -> (created: Int, settled: Int) {
        let now = clock.now()
        let today = LocalDate(now)
        return try await store.syncTasks(personId: personId, now: now) { DueTasks.compute($0, today: today) }
    }
}
