import Foundation

/// Acute needs (reading one, marking it handled) and handing several tasks to another worker at once.
extension CaseFlowService {
    public struct AcuteNeedView: Sendable {
        public let need: AcuteNeed
        public let person: Person
        public let mayHandle: Bool
    }

    /// One acute need of the actor's committee (another committee's is as if it did not exist: 404), one logged read.
    public func acuteNeed(id: UUID, by actor: Actor) async throws -> AcuteNeedView {
        guard let need = try await store.acuteNeed(id: id), need.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .acuteNeedRead, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        let person = try await visiblePerson(need.personId, actor, .acuteNeedRead)
        try await log.append([entry(actor, need.personId, .acuteNeedRead, .allowed, actor.channel)])
        return AcuteNeedView(need: need, person: person, mayHandle: AcuteNeed.mayHandle(need, actor.user) && !need.isHandled)
    }

    /// Marks the need handled with a short note of what was done; its task is settled at once. Refused (nothing
    /// saved): another committee's need (404), a role that does not act on it (403, logged), an empty or long
    /// note (422), a need already handled (409).
    public func handleAcuteNeed(id: UUID, note raw: String?, by actor: Actor) async throws -> AcuteNeed {
        guard let need = try await store.acuteNeed(id: id), need.committeeId == actor.user.committeeId else {
            try await log.append([entry(actor, nil, .acuteNeedHandle, .denied, "not_in_committee")])
            throw DomainError.notFound
        }
        guard AcuteNeed.mayHandle(need, actor.user) else {
            try await log.append([entry(actor, need.personId, .acuteNeedHandle, .denied, "role")])
            throw DomainError(.forbidden, "Bara socialsekreterare, mottagningssekreterare och enhetschefer i nämnden som har personakten kan markera ett akut behov som hanterat.")
        }
        guard !need.isHandled else { throw AcuteNeed.alreadyHandled }
        let note = try AcuteNeed.checkedNote(raw)
        let handled = try await store.handleAcuteNeed(
            id: id, by: actor.user, note: note, at: clock.now(),
            audit: entry(actor, need.personId, .acuteNeedHandle, .allowed, "acute_need:\(id.uuidString.lowercased())"))
        await refreshTasks(need.personId)
        return handled
    }

    /// Hands the chosen open tasks to one worker of the manager's unit, all or none. `staff` are the users the
    /// worker may be one of; the store re-checks the tasks on the rows it locks.
    @discardableResult
    public func reassignTasks(taskIds: [String], assignee: String?, staff: [StaffUser], by actor: Actor) async throws -> Int {
        guard TaskReassignment.mayReassign(actor.user) else {
            try await log.append([entry(actor, nil, .taskReassign, .denied, "role")])
            throw DomainError(.forbidden, "Bara enhetschefen kan fördela om flera uppgifter på en gång.")
        }
        let (ids, to) = try TaskReassignment.parse(taskIds: taskIds, assignee: assignee)
        let worker = staff.first { $0.id == to }
        let manager = actor.user
        let now = clock.now()
        let requestId = actor.requestId
        return try await store.reassignTasks(
            ids: ids, to: to, at: now,
            check: { found in try TaskReassignment.check(requested: ids, found: found, to: worker, by: manager) },
            audit: { tasks in
                // One row per person, naming the tasks moved and the new worker (ids only).
                Dictionary(grouping: tasks, by: \.personId).sorted { $0.key.uuidString < $1.key.uuidString }.map { person, list in
                    AccessLogEntry(
                        at: now, requestId: requestId, actor: manager, personId: person, action: .taskReassign, outcome: .allowed,
                        detail: "to:\(to.uuidString.lowercased()) tasks:" + list.map { $0.id.uuidString.lowercased() }.sorted().joined(separator: ","))
                }
            })
    }
}
