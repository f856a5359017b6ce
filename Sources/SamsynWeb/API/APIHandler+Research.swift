import Foundation
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain

/// Research extracts over the API (issue 17), under the same rules and logging as the pages: the same service calls.
extension APIHandler {
    var research: ResearchService { services.research }

    func researchProject(_ p: ResearchProject, _ actor: Actor) throws -> Components.Schemas.ResearchProject {
        let today = research.today
        let caps = ResearchCapabilities(actor.user, p, on: today)
        guard let population = Components.Schemas.ResearchProject.PopulationPayload(rawValue: p.population.rawValue),
            let status = Components.Schemas.ResearchProject.StatusPayload(rawValue: p.phase(on: today).rawValue)
        else { throw DomainError(.unavailable, "Okänt värde i projektet.") }
        return .init(
            id: Self.s(p.id), title: p.title, approvalNumber: p.approvalNumber, purpose: p.purpose, periodFrom: p.dataFrom.monthKey, periodTo: p.dataTo.monthKey,
            endsOn: p.endsOn.description, population: population, variables: p.variables, k: p.k, status: status, researcherName: p.researcherName,
            appliedAt: p.appliedAt, decidedAt: p.decidedAt, refusalReason: p.refusalReason, canDecide: caps.decide, canDownload: caps.download)
    }

    func listResearchProjects(_ input: Operations.ListResearchProjects.Input) async throws -> Operations.ListResearchProjects.Output {
        let actor = try APIScope.actor()
        let projects = try await research.projects(by: actor)
        return .ok(.init(body: .json(.init(items: try projects.map { try researchProject($0, actor) }))))
    }

    func applyResearchProject(_ input: Operations.ApplyResearchProject.Input) async throws -> Operations.ApplyResearchProject.Output {
        let actor = try APIScope.actor()
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let p = try await research.apply(
            ResearchApplication(
                title: b.title, approvalNumber: b.approvalNumber, purpose: b.purpose, dataFrom: b.periodFrom, dataTo: b.periodTo, endsOn: b.endsOn,
                population: b.population, variables: b.variables), by: actor)
        return .created(.init(body: .json(try researchProject(p, actor))))
    }

    func getResearchProject(_ input: Operations.GetResearchProject.Input) async throws -> Operations.GetResearchProject.Output {
        let actor = try APIScope.actor()
        let p = try await research.project(try uuid(input.path.projectId), by: actor)
        return .ok(.init(body: .json(try researchProject(p, actor))))
    }

    func decideResearchProject(_ input: Operations.DecideResearchProject.Input) async throws -> Operations.DecideResearchProject.Output {
        let actor = try APIScope.actor()
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let p = try await research.decide(try uuid(input.path.projectId), approve: b.decision == .approve, reason: b.reason ?? "", by: actor)
        return .ok(.init(body: .json(try researchProject(p, actor))))
    }

    func downloadResearchFile(_ input: Operations.DownloadResearchFile.Input) async throws -> Operations.DownloadResearchFile.Output {
        let actor = try APIScope.actor()
        guard let file = ResearchFile(rawValue: input.path.file.rawValue) else { throw DomainError.notFound }
        let (_, extract) = try await research.download(try uuid(input.path.projectId), file: file, by: actor)
        return .ok(.init(body: .csv(HTTPBody(extract.bytes(file)))))
    }

    func getResearchManifest(_ input: Operations.GetResearchManifest.Input) async throws -> Operations.GetResearchManifest.Output {
        let actor = try APIScope.actor()
        let (_, extract) = try await research.download(try uuid(input.path.projectId), file: .manifest, by: actor)
        let m: ResearchExtract.Manifest
        do { m = try JSONDecoder().decode(ResearchExtract.Manifest.self, from: Data(extract.manifest)) } catch {
            throw DomainError(.unavailable, "Manifestet kunde inte läsas.")
        }
        let r = m.suppression
        return .ok(
            .init(
                body: .json(
                    .init(
                        project: m.project, title: m.title, approvalNumber: m.approvalNumber, population: m.population, periodFrom: m.periodFrom,
                        periodTo: m.periodTo, variables: m.variables, rows: m.rows,
                        suppression: .init(
                            k: r.k, quasiIdentifiers: r.quasiIdentifiers, rowsInPopulation: r.rowsInPopulation,
                            steps: r.steps.map { .init(variable: $0.variable, action: $0.action, rows: $0.rows) }, rowsWithheld: r.rowsWithheld,
                            rowsDelivered: r.rowsDelivered), files: m.files.map { .init(name: $0.name, sha256: $0.sha256, bytes: $0.bytes) },
                        encoding: m.encoding, generatedAt: ISO8601DateFormatter().date(from: m.generatedAt) ?? Date(timeIntervalSince1970: 0)))))
    }
}
