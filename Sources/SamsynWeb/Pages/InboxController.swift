import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain
import SamsynStorage

/// The unit inbox, booking the nybesök, and the letters to the person.
struct InboxController {
    let services: AppServices
    var flow: CaseFlowService { services.caseFlow }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.inbox, use: inbox)
        group.post(Routes.inboxAcknowledge, use: acknowledge)
        group.get(Routes.personNewVisit, use: newVisit)
        group.post(Routes.personNewVisit, use: bookNewVisit)
        group.get(Routes.newVisitLetter, use: newVisitLetter)
        group.get(Routes.meetingLetter, use: meetingLetter)
        group.get(Routes.offerLetter, use: offerLetter)
    }

    func page(_ title: String, _ context: AppRequestContext, nav: MenuItem? = nil, refused: Bool = false, status: HTTPResponse.Status = .ok, _ nodes: [Node]) -> Page {
        Page(
            Layout(title: refused ? "Fel – \(title)" : title, context: context, unitName: context.user.flatMap { services.orgNames.unitName($0.unitId) }, nav: nav),
            status: status, nodes: nodes)
    }

    func csrf(_ context: AppRequestContext) -> String { context.session?.csrfToken ?? "" }
    func unitName(_ id: String) -> String { services.orgNames.unitName(id) ?? id }

    // MARK: Inbox

    static func leaves(_ kind: OrgUnit.Kind?) -> String {
        switch kind {
        case .financialAid?:
            "Ett akut behov står först och lämnar inkorgen när någon har hanterat det. En ny aktualisering lämnar inkorgen när någon på enheten tar över ärendet. Ett svar från Jobbtorg (antagen, avböjd, avslutad eller återremitterad) lämnar inkorgen när någon på enheten kvitterar det."
        case .intake?: "Ett nytt ärende lämnar inkorgen när nybesöket är bokat."
        default: "En remiss lämnar inkorgen när den antas eller avböjs."
        }
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let box = try await flow.inbox(store: services.caseStore, by: actor)
        let lines = box.items.map { i -> InboxPage.Model.Line in
            let name = box.names[i.personId].map { "\($0.lastName), \($0.firstName)" } ?? "Person"
            let casePage = Routes.personCase.link(i.personId)
            let detail: String
            var href = casePage
            switch i.kind {
            case .newCase:
                detail = i.newVisit.map { "Nybesök \($0.date) kl. \($0.time) hos \($0.workerName)" } ?? "Inget nybesök bokat"
                href = casePage + "#case"
            case .visitToBook:
                detail = "Aktualiserat \(i.arrivedOn)"
                href = Routes.personNewVisit.link(i.personId)
            case .referral:
                detail = i.referral.map { "Från \(services.orgNames.committeeName($0.fromCommitteeId)), svar senast \($0.answerDue)" } ?? ""
                href = i.referral.map { Routes.referral.link($0.id) } ?? Routes.referrals.link
            case .referralAccepted, .referralDeclined:
                detail = i.referral.map { "\($0.status.swedishName) av \($0.answeredByName ?? "Jobbtorg"), \(unitName($0.toUnitId))" } ?? ""
                href = casePage + "#referrals"
            case .enrolmentClosed, .returnedToDistrict:
                detail = i.enrolment.map { "Skäl: \($0.closureReason?.swedishName ?? "–"), \(unitName($0.unitId))" } ?? ""
            case .acuteNeed:
                detail = "Upptäckt \(i.arrivedOn) i bedömningen. Ska hanteras i dag."
                href = Routes.acuteNeed.link(i.subjectId)
            }
            return InboxPage.Model.Line(
                key: i.key, kind: i.kind.swedishName, person: name, personHref: i.kind == .referral ? nil : casePage, arrived: i.arrivedOn.description,
                late: i.late, detail: detail, action: i.action.swedishName, actionHref: href, acknowledge: i.action == .acknowledge, acute: i.kind == .acuteNeed)
        }
        let model = InboxPage.Model(
            csrf: csrf(context), unitName: unitName(actor.user.unitId),
            notice: request.uri.queryParameters["saved"] != nil ? "Kvitterat. Svaret har lämnat inkorgen." : nil, leaves: Self.leaves(actor.user.unitKind), lines: lines)
        return page("Inkorg", context, nav: .inbox, InboxPage.view(model))
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await flow.acknowledgeInboxItem(key: context.form["key"] ?? "", store: services.caseStore, by: try context.actor())
        return redirect(to: Routes.inbox.link + "?saved=1")
    }

    // MARK: Nybesök

    func newVisitPage(_ context: AppRequestContext, personId: UUID, errors: [FieldError], status: HTTPResponse.Status = .ok) async throws -> Page {
        let actor = try context.actor()
        guard CaseAction.bookNewVisit.allows(actor) else { throw DomainError.forbidden }
        let person = try await services.directory.read(id: personId, by: actor).person
        let visit = try await flow.newVisitWithinRead(personId: personId, inbox: services.caseStore, by: actor)
        let workers = CaseFlowService.newVisitWorkers(try await services.users.all(), committeeId: actor.user.committeeId)
        let defaultUnit = workers.first.map { unitName($0.unitId) } ?? ""
        let steps = errors.isEmpty ? await NextStepReader(services: services).steps(personId: personId, actor: actor) : []
        let model = NewVisitPage.Model(
            csrf: csrf(context), personId: personId, personName: person.fullName,
            booked: visit.map { v in
                [("Datum och tid", "\(v.date) kl. \(v.time)"), ("Hos", "\(v.workerName), \(unitName(v.unitId))"), ("Plats", v.location), ("Bokat av", v.bookedByName)]
            }, letterHref: visit.map { Routes.newVisitLetter.link($0.id) }, version: visit.map { String($0.version) } ?? "",
            workers: workers.map { .init(CaseController.id($0.id), "\($0.displayName), \(unitName($0.unitId))") },
            date: visit?.date.description ?? flow.today.adding(days: 1).description, time: visit?.time ?? "",
            worker: visit.map { CaseController.id($0.workerId) } ?? "", location: visit?.location ?? defaultUnit,
            form: CaseFormParts.state(errors, context.formValues), steps: steps)
        return page("Boka nybesök", context, refused: !errors.isEmpty, status: status, NewVisitPage.view(model))
    }

    @Sendable func newVisit(_ request: Request, context: AppRequestContext) async throws -> Page {
        try await newVisitPage(context, personId: try Routes.personNewVisit.id(context), errors: [])
    }

    @Sendable func bookNewVisit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let personId = try Routes.personNewVisit.id(context)
        let f = context.form
        return try await context.refusable(request, kinds: [.invalid, .conflict, .stale], field: "message") {
            let version = (f["version"] ?? "").trimmingCharacters(in: .whitespaces)
            _ = try await flow.bookNewVisit(
                personId: personId, date: f["date"] ?? "", time: f["time"] ?? "", location: f["location"] ?? "", workerId: f["worker"] ?? "",
                expectedVersion: version.isEmpty ? nil : (Int(version) ?? 0), staff: try await services.users.all(), inbox: services.caseStore, by: try context.actor())
            return redirect(to: Routes.personCase.link(personId) + "?saved=visit#next-step")
        } refused: { errors, status in
            try await newVisitPage(context, personId: personId, errors: errors, status: status)
        }
    }

    // MARK: Letters

    func address(_ p: Person) -> [String]? {
        guard !p.protectedIdentity else { return nil }
        let c = p.contact
        let postal = [c.postalCode, c.city].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: " ")
        return [p.fullName] + [c.street ?? "", postal].filter { !$0.isEmpty }
    }

    static func weekday(_ d: LocalDate) -> String {
        ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"][d.isoWeekday - 1]
    }

    @Sendable func newVisitLetter(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let (v, person) = try await flow.newVisitLetter(id: try Routes.newVisitLetter.id(context), inbox: services.caseStore, by: actor)
        let model = LetterPage.Model(
            backHref: Routes.personNewVisit.link(v.personId), backText: "Tillbaka till nybesöket",
            sender: "\(services.orgNames.committeeName(v.committeeId)), \(unitName(v.unitId))", address: address(person), date: flow.today.swedishLong,
            heading: "Välkommen till ett första besök", greeting: "Hej \(person.fullName)!",
            paragraphs: [
                "Du har kontaktat oss om ekonomiskt bistånd. Nu vill vi träffa dig för ett första besök, ett nybesök.",
                "Vi pratar om din situation och vad du behöver för att kunna försörja dig själv. Ta med legitimation och papper om dina inkomster och kostnader.",
            ],
            facts: [("När", "\(Self.weekday(v.date)) \(v.date.swedishLong) kl. \(v.time)"), ("Var", v.location), ("Du träffar", v.workerName)],
            closing: ["Om tiden inte passar, ring oss så bokar vi en ny tid.", "Välkommen!", "\(v.bookedByName), \(services.orgNames.committeeName(v.committeeId))"])
        return page("Kallelse till nybesök", context, LetterPage.view(model))
    }

    @Sendable func meetingLetter(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let (m, person) = try await flow.meetingLetter(id: try Routes.meetingLetter.id(context), by: actor)
        let model = LetterPage.Model(
            backHref: Routes.meeting.link(m.id), backText: "Tillbaka till mötet", sender: "\(services.orgNames.committeeName(m.committeeId)), \(unitName(actor.user.unitId))",
            address: address(person), date: flow.today.swedishLong, heading: "Kallelse till \(m.kind.swedishName.lowercased())", greeting: "Hej \(person.fullName)!",
            paragraphs: [
                m.kind == .threeParty
                    ? "Vi vill träffa dig tillsammans med din socialsekreterare för att prata om hur det går och vad som ska hända framåt."
                    : "Vi vill träffa dig för att följa upp hur det går och vad som ska hända framåt."
            ],
            facts: [("När", "\(Self.weekday(m.date)) \(m.date.swedishLong) kl. \(m.time)"), ("Var", unitName(actor.user.unitId)), ("Bokat av", m.bookedByName)],
            closing: ["Om tiden inte passar, hör av dig så bokar vi en ny tid.", "Välkommen!"])
        return page("Kallelse till möte", context, LetterPage.view(model))
    }

    @Sendable func offerLetter(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        let (iid, eid) = try Routes.offerLetter.parameters(context)
        let entry = try await services.queues.ownEntry(id: eid, interventionId: iid, by: actor)
        guard let offer = try await services.queues.openOffers(entryIds: [eid])[eid] else { throw DomainError.notFound }
        let person = try await flow.letterPerson(entry.personId, kind: .offer, by: actor)
        let name = try await services.interventions.intervention(id: iid)?.name ?? iid
        let model = LetterPage.Model(
            backHref: Routes.queue.link(iid), backText: "Tillbaka till kön", sender: "\(services.orgNames.committeeName(offer.committeeId)), \(unitName(offer.unitId))",
            address: address(person), date: flow.today.swedishLong, heading: "Du erbjuds en plats", greeting: "Hej \(person.fullName)!",
            paragraphs: ["Du står i kö till \(name). Nu finns det en plats till dig.", "Svara oss om du vill ha platsen. Om du inte svarar i tid går platsen till någon annan."],
            facts: [("Insats", name), ("Svara senast", "\(Self.weekday(offer.answerBy)) \(offer.answerBy.swedishLong)"), ("Erbjudet av", offer.offeredByName)],
            closing: ["Hör av dig om du har frågor.", "Vänliga hälsningar", offer.offeredByName])
        return page("Erbjudande om plats", context, LetterPage.view(model))
    }
}
