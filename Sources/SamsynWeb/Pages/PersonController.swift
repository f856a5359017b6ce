import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// Search, register and read persons. Handlers only translate HTTP to `PersonDirectory` calls and back.
struct PersonController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.personSearch, use: search)
        group.get(Routes.personNew, use: new)
        group.post(Routes.persons, use: create)
        group.get(Routes.person, use: show)
    }

    private func layout(_ title: String, _ context: AppRequestContext, _ actor: Actor, nav: MenuItem? = nil) -> Layout {
        Layout(title: title, context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: nav)
    }

    // MARK: Search

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard MenuCapabilities(actor.user).search else { throw DomainError.forbidden }
        let layout = layout("Sök person", context, actor, nav: .search)
        guard let q = request.formQueryValue("q") else {
            let recent = try await services.directory.recentlySeen(by: actor).map(PersonRow.init)
            return Page(layout, nodes: PersonSearchPage.view(.init(q: "", error: nil, hits: nil, recent: recent)))
        }
        do {
            let (hits, number) = try await services.directory.searchOffering(q, by: actor)
            let offer = number.map { PersonSearchPage.Model.RegisterOffer(number: $0.formatted, href: PersonNewPage.link(prefilling: $0)) }
            return Page(layout, nodes: PersonSearchPage.view(.init(q: q, error: nil, hits: hits.map(PersonRow.init), register: offer)))
        } catch let error as DomainError where error.kind == .invalid {
            let model = PersonSearchPage.Model(q: q, error: error.fields.first?.message ?? error.message, hits: nil)
            return Page(layout, status: .unprocessableContent, nodes: PersonSearchPage.view(model))
        }
    }

    // MARK: Register

    private func newPage(_ context: AppRequestContext, _ actor: Actor, input: PersonInput, form: FormState, status: HTTPResponse.Status = .ok) -> Page {
        let title = form.hasErrors ? "Fel i formuläret – Registrera person" : "Registrera person"
        let model = PersonNewPage.Model(
            committeeName: services.orgNames.committeeName(actor.user.committeeId), csrf: context.session?.csrfToken ?? "", input: input, form: form)
        return Page(layout(title, context, actor, nav: .register), status: status, nodes: PersonNewPage.view(model))
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard MenuCapabilities(actor.user).register else { throw DomainError.forbidden }
        // From the search page's "Registrera …" link: the number the search named, pre-filled (only echoed back).
        let number = request.uri.queryParameters[Substring(PersonInput.Field.identityNumber)].map { PersonInput.prefill(String($0)) } ?? ""
        return newPage(context, actor, input: PersonInput(identityNumber: number), form: .new)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let input = try context.decodeForm(PersonForm.self).input
        return try await context.refusable(request) {
            // The same answer whether another committee holds the number or not.
            let view = try await services.directory.register(input, by: actor)
            return redirect(to: Routes.person.link(view.person.id) + "?registered=1")
        } refused: { errors, status in
            newPage(context, actor, input: input, form: FormState(errors: errors), status: status)
        }
    }

    // MARK: Read

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let id = try Routes.person.id(context)
        let view = try await services.directory.read(id: id, by: actor)
        let p = view.person
        let dash = "–"
        let contact = view.visibleContact.map { c in
            PersonPage.Model.Contact(
                phone: c.phone ?? dash, email: c.email ?? dash,
                address: [c.street, [c.postalCode, c.city].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
                    .joined(separator: ", ").nonEmpty ?? dash)
        }
        let b = p.identityNumber.birthDate
        let caps = PersonCapabilities(actor)
        let today = services.caseFlow.today
        let consents = caps.caseFlow ? try await services.caseFlow.consentsWithinRead(personId: id, by: actor).map { c in
            PersonPage.Model.ConsentLine(
                recipient: c.recipientUnitId.flatMap { services.orgNames.unitName($0) } ?? services.orgNames.committeeName(c.recipientCommitteeId),
                scopes: c.scopes.sorted().map(\.swedishName).joined(separator: "; "), period: "\(c.validFrom) – \(c.validTo)",
                state: c.state(on: today).swedishName)
        } : []
        let model = PersonPage.Model(
            personId: p.id.uuidString.lowercased(), registered: request.uri.queryParameters["registered"] != nil,
            committeeName: services.orgNames.committeeName(actor.user.committeeId),
            firstName: p.firstName, lastName: p.lastName, numberLabel: p.identityNumber.kind == .personnummer ? "Personnummer" : "Samordningsnummer",
            number: p.identityNumber.formatted, birthDate: String(format: "%04d-%02d-%02d", b.year ?? 0, b.month ?? 0, b.day ?? 0),
            protectedIdentity: p.protectedIdentity, contact: contact,
            files: view.files.map {
                PersonPage.Model.File(
                    committeeName: services.orgNames.committeeName($0.committeeId), unitName: services.orgNames.unitName($0.openedByUnitId) ?? $0.openedByUnitId,
                    openedAt: Format.date($0.openedAt))
            }, capabilities: caps, consents: consents,
            nextSteps: caps.caseFlow ? await NextStepReader(services: services).steps(personId: p.id, actor: actor) : [])
        return Page(layout(p.fullName, context, actor), nodes: PersonPage.view(model))
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
