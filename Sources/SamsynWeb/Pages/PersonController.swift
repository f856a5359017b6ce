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
        group.get("/persons/search", use: search)
        group.get("/persons/new", use: new)
        group.post("/persons", use: create)
        group.get("/persons/:id", use: show)
    }

    // MARK: Search

    struct SearchPage {
        let layout: Layout
        let q: String
        let error: String?
        let searched: Bool
        let hits: [PersonRowModel]
        let hasHits: Bool
        let hitText: String

        init(layout: Layout, q: String, error: String?, searched: Bool, hits: [PersonRowModel]) {
            self.layout = layout
            self.q = q
            self.error = error
            self.searched = searched
            self.hits = hits
            self.hasHits = !hits.isEmpty
            self.hitText = Self.hitText(hits.count)
        }

        static func hitText(_ count: Int) -> String {
            switch count {
            case 0: "Inga träffar"
            case 1: "1 träff"
            case PersonDirectory.searchLimit: "De första \(count) träffarna – gör sökningen mer precis för att se fler"
            default: "\(count) träffar"
            }
        }
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        guard AccessPolicy.allows(actor.user.role, .searchPersons) else { throw DomainError.forbidden }
        let q = request.uri.queryParameters["q"].map(String.init) ?? ""
        let layout = Layout(title: "Sök person", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: "search")
        guard request.uri.queryParameters["q"] != nil else {
            return HTML(html: try services.templates.render(SearchPage(layout: layout, q: "", error: nil, searched: false, hits: []), "person-search"))
        }
        do {
            let hits = try await services.directory.search(q, by: actor)
            return HTML(
                html: try services.templates.render(SearchPage(layout: layout, q: q, error: nil, searched: true, hits: hits.map(PersonRowModel.init)), "person-search"))
        } catch let error as DomainError where error.kind == .invalid {
            let page = SearchPage(layout: layout, q: q, error: error.fields.first?.message ?? error.message, searched: false, hits: [])
            return HTML(html: try services.templates.render(page, "person-search"), status: .unprocessableContent)
        }
    }

    // MARK: Register

    struct FieldModel {
        let name: String
        let label: String
        let type: String
        let autocomplete: String
        let required: Bool
        let hint: String?
        let value: String
        let error: String?
        let describedBy: String?

        init(name: String, label: String, type: String, autocomplete: String, required: Bool, hint: String?, value: String, error: String?) {
            self.name = name
            self.label = label
            self.type = type
            self.autocomplete = autocomplete
            self.required = required
            self.hint = hint
            self.value = value
            self.error = error
            let ids = [hint != nil ? "\(name)-hint" : nil, error != nil ? "\(name)-error" : nil].compactMap { $0 }
            self.describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
        }
    }

    struct NewPage {
        let layout: Layout
        let committeeName: String
        let csrfToken: String
        let fields: [FieldModel]
        let protectedIdentity: Bool
        let errors: [FieldError]
        let hasErrors: Bool
    }

    private func newPage(_ context: AppRequestContext, input: PersonInput, errors: [FieldError]) -> NewPage {
        let user = context.user!
        func err(_ f: String) -> String? { errors.first { $0.field == f }?.message }
        typealias F = PersonInput.Field
        let fields = [
            FieldModel(
                name: F.identityNumber, label: "Personnummer eller samordningsnummer", type: "text", autocomplete: "off", required: true,
                hint: "10 eller 12 siffror, till exempel 19850714-1234.", value: input.identityNumber, error: err(F.identityNumber)),
            FieldModel(name: F.firstName, label: "Förnamn", type: "text", autocomplete: "off", required: true, hint: nil, value: input.firstName, error: err(F.firstName)),
            FieldModel(name: F.lastName, label: "Efternamn", type: "text", autocomplete: "off", required: true, hint: nil, value: input.lastName, error: err(F.lastName)),
            FieldModel(name: F.phone, label: "Telefon", type: "tel", autocomplete: "off", required: false, hint: nil, value: input.phone, error: err(F.phone)),
            FieldModel(name: F.email, label: "E-post", type: "email", autocomplete: "off", required: false, hint: nil, value: input.email, error: err(F.email)),
            FieldModel(name: F.street, label: "Gatuadress", type: "text", autocomplete: "off", required: false, hint: nil, value: input.street, error: err(F.street)),
            FieldModel(name: F.postalCode, label: "Postnummer", type: "text", autocomplete: "off", required: false, hint: nil, value: input.postalCode, error: err(F.postalCode)),
            FieldModel(name: F.city, label: "Ort", type: "text", autocomplete: "off", required: false, hint: nil, value: input.city, error: err(F.city)),
        ]
        return NewPage(
            layout: Layout(title: errors.isEmpty ? "Registrera person" : "Fel i formuläret – Registrera person", context: context, unitName: services.orgNames.unitName(user.unitId), nav: "register"),
            committeeName: services.orgNames.committeeName(user.committeeId), csrfToken: context.session?.csrfToken ?? "", fields: fields,
            protectedIdentity: input.protectedIdentity, errors: errors, hasErrors: !errors.isEmpty)
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        guard AccessPolicy.allows(actor.user.role, .registerPerson) else { throw DomainError.forbidden }
        return HTML(html: try services.templates.render(newPage(context, input: PersonInput(), errors: []), "person-new"))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.actor()
        let f = context.form
        typealias F = PersonInput.Field
        let input = PersonInput(
            identityNumber: f[F.identityNumber] ?? "", firstName: f[F.firstName] ?? "", lastName: f[F.lastName] ?? "", phone: f[F.phone] ?? "",
            email: f[F.email] ?? "", street: f[F.street] ?? "", postalCode: f[F.postalCode] ?? "", city: f[F.city] ?? "",
            protectedIdentity: f["protectedIdentity"] != nil)
        do {
            let (view, created) = try await services.directory.register(input, by: actor)
            return redirect(to: "/persons/\(view.person.id.uuidString.lowercased())?\(created ? "registered" : "opened")=1")
        } catch let error as DomainError where error.kind == .invalid || error.kind == .conflict {
            let html = try services.templates.render(newPage(context, input: input, errors: error.fields), "person-new")
            return try HTML(html: html, status: error.kind == .conflict ? .conflict : .unprocessableContent).response(from: request, context: context)
        }
    }

    // MARK: Read

    struct ShowPage {
        struct Contact { let phone: String; let email: String; let address: String }
        struct FileModel { let committeeName: String; let unitName: String; let openedAt: String }
        let layout: Layout
        let registered: Bool
        let fileOpened: Bool
        let committeeName: String
        let firstName: String
        let lastName: String
        let numberLabel: String
        let number: String
        let birthDate: String
        let protectedIdentity: Bool
        let contact: Contact?
        let files: [FileModel]
        let personId: String
        let canAssess: Bool
        let canQueue: Bool
        struct ConsentLine { let recipient: String; let scopes: String; let period: String; let state: String }
        let canCase: Bool
        let consents: [ConsentLine]
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> HTML {
        let actor = try context.actor()
        guard let raw = context.parameters.get("id"), let id = UUID(uuidString: raw) else { throw DomainError.notFound }
        let view = try await services.directory.read(id: id, by: actor)
        let p = view.person
        let dash = "–"
        let contact = view.visibleContact.map { c in
            ShowPage.Contact(
                phone: c.phone ?? dash, email: c.email ?? dash,
                address: [c.street, [c.postalCode, c.city].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
                    .joined(separator: ", ").nonEmpty ?? dash)
        }
        let b = p.identityNumber.birthDate
        let canCase = CaseFlowService.isDistrict(actor) || CaseFlowService.isJobbtorg(actor)
        let today = services.caseFlow.today
        let consents = canCase ? try await services.caseFlow.consentsWithinRead(personId: id, by: actor).map { c in
            ShowPage.ConsentLine(
                recipient: c.recipientUnitId.flatMap { services.orgNames.unitName($0) } ?? services.orgNames.committeeName(c.recipientCommitteeId),
                scopes: c.scopes.sorted().map(\.swedishName).joined(separator: "; "), period: "\(c.validFrom) – \(c.validTo)",
                state: [.active: "Gäller", .upcoming: "Har inte börjat gälla", .expired: "Har gått ut", .withdrawn: "Återkallat"][c.state(on: today)] ?? "")
        } : []
        let page = ShowPage(
            layout: Layout(title: p.fullName, context: context, unitName: services.orgNames.unitName(actor.user.unitId)),
            registered: request.uri.queryParameters["registered"] != nil, fileOpened: request.uri.queryParameters["opened"] != nil,
            committeeName: services.orgNames.committeeName(actor.user.committeeId), firstName: p.firstName, lastName: p.lastName,
            numberLabel: p.identityNumber.kind == .personnummer ? "Personnummer" : "Samordningsnummer", number: p.identityNumber.formatted,
            birthDate: String(format: "%04d-%02d-%02d", b.year ?? 0, b.month ?? 0, b.day ?? 0), protectedIdentity: p.protectedIdentity,
            contact: contact,
            files: view.files.map {
                ShowPage.FileModel(
                    committeeName: services.orgNames.committeeName($0.committeeId), unitName: services.orgNames.unitName($0.openedByUnitId) ?? $0.openedByUnitId,
                    openedAt: Format.date($0.openedAt))
            }, personId: p.id.uuidString.lowercased(), canAssess: AccessPolicy.allows(actor.user.role, .readAssessment),
            canQueue: AccessPolicy.allows(actor.user.role, .manageQueue), canCase: canCase, consents: consents)
        return HTML(html: try services.templates.render(page, "person-show"))
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
