import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

/// The journal's pages: the person's notes with the form to write one, a draft's change, signing, the
/// correction of a signed note, and the printable journal. Handlers only translate HTTP to `JournalService`.
struct JournalController {
    let services: AppServices
    var journal: JournalService { services.journal }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.personJournal, use: list)
        group.post(Routes.personJournal, use: create)
        group.get(Routes.personJournalPrint, use: printPage)
        group.get(Routes.journalNote, use: showNote)
        group.post(Routes.journalNote, use: saveNote)
        group.post(Routes.journalNoteSign, use: sign)
        group.get(Routes.journalNoteCorrect, use: correction)
        group.post(Routes.journalNoteCorrect, use: createCorrection)
    }

    func page(_ title: String, _ context: AppRequestContext, refused: Bool = false, status: HTTPResponse.Status = .ok, _ nodes: [Node]) -> Page {
        Page(
            Layout(title: refused ? "Fel – \(title)" : title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }),
            status: status, nodes: nodes)
    }

    func csrf(_ context: AppRequestContext) -> String { context.session?.csrfToken ?? "" }

    static func anchor(_ id: UUID) -> String { "note-\(id.uuidString.lowercased())" }

    // MARK: Models

    func heading(_ n: JournalNote) -> String { "\(n.kind.swedishName) \(n.eventDate)" }

    func byLine(_ n: JournalNote) -> String {
        let unit = services.orgNames.unitName(n.unitId).map { ", \($0)" } ?? ""
        let signed = n.signedAt.map { "Signerad \(Format.dateTime($0)) av \(n.signedByName ?? "")." } ?? "Inte signerad."
        return "Skriven av \(n.authorName)\(unit). \(signed)"
    }

    func noteModel(_ e: JournalEntry, _ caps: JournalCapabilities, own: String) -> JournalPage.Model.Note {
        let n = e.note
        let correctionOf: JournalPage.Model.Reference? = n.correctsId.map { id in
            e.corrects.map { .init(label: JournalNote.correctionHeading(of: $0), href: "#" + Self.anchor(id)) } ?? .init(label: "Rättelse av en tidigare anteckning", href: nil)
        }
        return .init(
            id: n.id, heading: heading(n), correctionOf: correctionOf, draft: !n.isSigned, byLine: byLine(n),
            sharedFrom: n.committeeId == own ? nil : services.orgNames.committeeName(n.committeeId),
            corrections: e.correctedBy.map { c in
                .init(label: "Rättad genom anteckning \(heading(c)), signerad \(c.signedAt.map(Format.dateTime) ?? "")", href: "#" + Self.anchor(c.id))
            }, text: n.text, editHref: caps.canEdit(n) ? Routes.journalNote.link(n.id) : nil, signVersion: caps.canEdit(n) ? n.version : nil,
            correctHref: caps.canCorrect(n) ? Routes.journalNoteCorrect.link(n.id) : nil)
    }

    static let notices: [String: String] = [
        "draft": "Utkastet sparades. Du kan ändra det tills du signerar det.",
        "edited": "Utkastet ändrades.",
        "signed": "Anteckningen signerades. Den kan inte längre ändras.",
        "correction": "Rättelsen sparades som utkast. När du signerar den visas den gamla anteckningen som rättad.",
    ]

    func listPage(_ request: Request, _ context: AppRequestContext, personId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let j = try await journal.journal(personId: personId, by: actor)
        let own = actor.user.committeeId
        let others = Set(j.entries.map(\.note.committeeId).filter { $0 != own }).map { services.orgNames.committeeName($0) }.sorted()
        let model = JournalPage.Model(
            csrf: csrf(context), personId: personId, personName: j.person.fullName, committeeName: services.orgNames.committeeName(own),
            notice: errors.isEmpty ? request.uri.queryParameters["saved"].flatMap { Self.notices[String($0)] } : nil,
            sharedNote: others.isEmpty ? nil : "Anteckningar från \(others.joined(separator: " och ")) visas med stöd av personens samtycke. De kan bara läsas här.",
            canWrite: j.capabilities.canWrite, today: journal.today.description, form: CaseFormParts.state(errors, context.formValues),
            notes: j.entries.map { noteModel($0, j.capabilities, own: own) })
        return page("Journal", context, refused: !errors.isEmpty, status: status, JournalPage.view(model))
            .about(await services.personHeader(personId, actor))
    }

    // MARK: The journal

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await listPage(request, context, personId: try Routes.personJournal.id(context), errors: [])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let personId = try Routes.personJournal.id(context)
        let f = try context.decodeForm(JournalNoteForm.self)
        return try await context.refusable(request, field: "message") {
            let actor = try context.actor()
            let n = try await journal.write(personId: personId, f.input, by: actor)
            if f.signNow { _ = try await journal.sign(id: n.id, expectedVersion: n.version, by: actor) }
            return redirect(to: Routes.personJournal.link(personId) + "?saved=\(f.signNow ? "signed" : "draft")#\(Self.anchor(n.id))")
        } refused: { errors, status in
            try await listPage(request, context, personId: personId, errors: errors, status: status)
        }
    }

    @Sendable func printPage(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let personId = try Routes.personJournalPrint.id(context)
        let j = try await journal.journal(personId: personId, print: true, by: actor)
        // A print is a record: drafts stay out of it, and no change links.
        let printCaps = JournalCapabilities(canWrite: false, userId: nil, committeeId: actor.user.committeeId)
        let p = j.person
        let model = JournalPrintPage.Model(
            personId: personId, personName: p.fullName, numberLabel: p.identityNumber.kind == .personnummer ? "Personnummer" : "Samordningsnummer",
            number: p.identityNumber.formatted, committeeName: services.orgNames.committeeName(actor.user.committeeId), printedAt: Format.dateTime(services.clock.now()),
            notes: j.entries.filter(\.note.isSigned).map { noteModel($0, printCaps, own: actor.user.committeeId) })
        return page("Journal – utskrift", context, JournalPrintPage.view(model))
    }

    // MARK: One note

    func notePage(_ context: AppRequestContext, noteId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let (n, person) = try await journal.note(id: noteId, by: actor)
        let caps = JournalCapabilities(actor.user)
        let values = context.formValues
        let model: JournalNotePage.Model
        if caps.canEdit(n) {
            model = .init(
                csrf: csrf(context), personId: person.id, personName: person.fullName, heading: "Ändra utkastet – \(heading(n))", action: Routes.journalNote.link(n.id),
                version: n.version, original: nil, signedMessage: nil, correctHref: nil, submitLabel: "Spara utkastet", kind: n.kind.rawValue,
                eventDate: n.eventDate.description, text: n.text, form: CaseFormParts.state(errors, values))
        } else {
            model = .init(
                csrf: csrf(context), personId: person.id, personName: person.fullName, heading: heading(n), action: nil, version: nil,
                original: .init(heading: heading(n), byLine: byLine(n), text: n.text),
                signedMessage: n.isSigned ? JournalNote.signedConflict.message : "Bara den som skrev utkastet kan ändra och signera det.",
                correctHref: caps.canCorrect(n) ? Routes.journalNoteCorrect.link(n.id) : nil, submitLabel: "", kind: n.kind.rawValue,
                eventDate: n.eventDate.description, text: n.text, unsavedText: errors.isEmpty ? nil : values["text"]?.first.map(JournalRules.clean),
                form: CaseFormParts.state(errors, values))
        }
        return page(heading(n), context, refused: !errors.isEmpty, status: status, JournalNotePage.view(model))
            .about(await services.personHeader(person.id, actor))
    }

    @Sendable func showNote(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await notePage(context, noteId: try Routes.journalNote.id(context), errors: [])
    }

    /// Saves the draft (and signs it with "Spara och signera"). A signed note is refused with 409, nothing saved.
    @Sendable func saveNote(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Routes.journalNote.id(context)
        let f = try context.decodeForm(JournalNoteForm.self)
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            let actor = try context.actor()
            let n = try await journal.edit(id: id, f.input, expectedVersion: f.expectedVersion, by: actor)
            if f.signNow { _ = try await journal.sign(id: n.id, expectedVersion: n.version, by: actor) }
            return redirect(to: Routes.personJournal.link(n.personId) + "?saved=\(f.signNow ? "signed" : "edited")#\(Self.anchor(n.id))")
        } refused: { errors, status in
            try await notePage(context, noteId: id, errors: errors, status: status)
        }
    }

    @Sendable func sign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Routes.journalNoteSign.id(context)
        let f = try context.decodeForm(VersionForm.self)
        return try await context.refusable(request, kinds: [.conflict, .stale], field: "message") {
            let n = try await journal.sign(id: id, expectedVersion: f.expectedVersion, by: try context.actor())
            return redirect(to: Routes.personJournal.link(n.personId) + "?saved=signed#\(Self.anchor(n.id))")
        } refused: { errors, status in
            try await notePage(context, noteId: id, errors: errors, status: status)
        }
    }

    // MARK: Correction

    func correctionPage(_ context: AppRequestContext, noteId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        let (n, person) = try await journal.note(id: noteId, by: actor)
        guard JournalCapabilities(actor.user).canCorrect(n) else {
            throw DomainError(.conflict, n.isSigned ? "Bara den nämnd som äger anteckningen kan rätta den." : "Anteckningen är inte signerad ännu. Ändra utkastet i stället.")
        }
        let model = JournalNotePage.Model(
            csrf: csrf(context), personId: person.id, personName: person.fullName, heading: JournalNote.correctionHeading(of: n),
            action: Routes.journalNoteCorrect.link(n.id), version: nil, original: .init(heading: heading(n), byLine: byLine(n), text: n.text), signedMessage: nil,
            correctHref: nil, submitLabel: "Spara rättelsen som utkast", kind: n.kind.rawValue, eventDate: n.eventDate.description, text: "",
            form: CaseFormParts.state(errors, context.formValues))
        return page(JournalNote.correctionHeading(of: n), context, refused: !errors.isEmpty, status: status, JournalNotePage.view(model))
            .about(await services.personHeader(person.id, actor))
    }

    @Sendable func correction(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await correctionPage(context, noteId: try Routes.journalNoteCorrect.id(context), errors: [])
    }

    @Sendable func createCorrection(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try Routes.journalNoteCorrect.id(context)
        let f = try context.decodeForm(JournalNoteForm.self)
        return try await context.refusable(request, field: "message") {
            let actor = try context.actor()
            let n = try await journal.correct(id: id, f.input, by: actor)
            if f.signNow { _ = try await journal.sign(id: n.id, expectedVersion: n.version, by: actor) }
            return redirect(to: Routes.personJournal.link(n.personId) + "?saved=\(f.signNow ? "signed" : "correction")#\(Self.anchor(n.id))")
        } refused: { errors, status in
            try await correctionPage(context, noteId: id, errors: errors, status: status)
        }
    }
}
