import Foundation
import HTTPTypes
import Hummingbird
import SamsynAPI
import SamsynDomain
import SamsynStorage

/// Acute needs (reading one, marking it handled) and the bulk reassignment of tasks over the API: the same
/// `CaseFlowService` calls as the pages (`TaskController`), so the same rules, refusals and audit rows.
extension APIHandler {
    func acuteNeedBody(_ id: UUID, _ actor: Actor) async throws -> Components.Schemas.AcuteNeed {
        let v = try await flow.acuteNeed(id: id, by: actor)
        let n = v.need, p = v.person
        return .init(
            id: Self.s(n.id), personId: Self.s(p.id), personalIdentityNumber: p.identityNumber.digits, firstName: p.firstName, lastName: p.lastName,
            responseId: Self.s(n.responseId), detectedAt: n.detectedAt,
            signals: n.ruleIds.map { .init(ruleId: $0, title: services.acuteRules?.rule($0)?.title ?? $0) },
            handled: n.handledAt.map { .init(at: $0, byName: n.handledByName ?? "", note: n.handledNote ?? "") }, mayHandle: v.mayHandle, version: n.version)
    }

    func getAcuteNeed(_ input: Operations.GetAcuteNeed.Input) async throws -> Operations.GetAcuteNeed.Output {
        .ok(.init(body: .json(try await acuteNeedBody(try uuid(input.path.acuteNeedId), try APIScope.actor()))))
    }

    func handleAcuteNeed(_ input: Operations.HandleAcuteNeed.Input) async throws -> Operations.HandleAcuteNeed.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let actor = try APIScope.actor()
        let id = try uuid(input.path.acuteNeedId)
        try Self.require([("note", Self.length(b.note, 3...500), "Skriv kort vad som har gjorts (3–500 tecken).")])
        _ = try await flow.handleAcuteNeed(id: id, note: b.note, by: actor)
        return .ok(.init(body: .json(try await acuteNeedBody(id, actor))))
    }

    func reassignTasks(_ input: Operations.ReassignTasks.Input) async throws -> Operations.ReassignTasks.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let actor = try APIScope.actor()
        try Self.require([("taskIds", (1...TaskReassignment.maxTasks).contains(b.taskIds.count), "Välj 1–\(TaskReassignment.maxTasks) uppgifter.")])
        let staff = try await services.users.all().filter { $0.unitId == actor.user.unitId }
        do {
            let moved = try await flow.reassignTasks(taskIds: b.taskIds, assignee: b.assigneeId, staff: staff, by: actor)
            return .ok(.init(body: .json(.init(reassigned: moved))))
        } catch let e as DomainError where e.kind == .invalid {
            // The form's fields (`task`, `assignee`) named as the request's.
            throw DomainError(
                .invalid, e.message, fields: e.fields.map { FieldError(field: $0.field == "task" ? "taskIds" : $0.field == "assignee" ? "assigneeId" : $0.field, message: $0.message) })
        }
    }
}
