import Foundation
import Testing

@testable import SamsynDomain

/// The journal's rules without I/O: what a note must hold, who writes and reads it, and that a signed note
/// never changes.
@Suite("Journal rules")
struct JournalRulesTests {
    static let today = LocalDate("2026-12-01")!
    static let district = "spanga-tensta", labour = "arbetsmarknadsnamnden"

    static func user(_ role: Role, committee: String = district, unit: String = "spanga-tensta-ekonomiskt-bistand", kind: OrgUnit.Kind? = .financialAid) -> StaffUser {
        StaffUser(id: UUID(), username: role.rawValue, displayName: role.swedishTitle, role: role, unitId: unit, committeeId: committee, active: true, unitKind: kind)
    }
    static let sara = user(.socialSecretary)
    static let maja = user(.intakeOfficer, unit: "spanga-tensta-mottagning", kind: .intake)
    static let carl = user(.coach, committee: labour, unit: "jobbtorg-kista", kind: .jobbtorg)

    static func note(by u: StaffUser = sara, signed: Bool = true, date: String = "2026-11-30", created: TimeInterval = 0, corrects: UUID? = nil) -> JournalNote {
        let at = Date(timeIntervalSince1970: 1_795_000_000 + created)
        return JournalNote(
            id: UUID(), personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, committeeId: u.committeeId, unitId: u.unitId, kind: .visit,
            eventDate: LocalDate(date)!, text: "Nybesök.", authorId: u.id, authorName: u.displayName, createdAt: at, signedAt: signed ? at : nil,
            signedByName: signed ? u.displayName : nil, correctsId: corrects)
    }

    static func consent(_ scopes: Set<Consent.Scope>, withdrawn: Bool = false) -> Consent {
        Consent(
            id: UUID(), personId: UUID(), committeeId: district, recipientCommitteeId: labour, recipientUnitId: nil, scopes: scopes, purpose: "Planering mot arbete",
            validFrom: LocalDate("2026-11-01")!, validTo: LocalDate("2027-10-31")!, method: .written, recordedBy: UUID(), recordedByName: "Sara",
            recordedAt: Date(), withdrawnAt: withdrawn ? Date() : nil)
    }

    func fields(_ r: Result<(kind: JournalNote.Kind, eventDate: LocalDate, text: String), DomainError>) -> [String] {
        if case .failure(let e) = r { return e.fields.map(\.field) }
        return []
    }

    @Test("A note needs a kind, a date of the event not after today and a text; every error at once")
    func validation() throws {
        let ok = try JournalRules.validate(JournalInput(kind: "phone", eventDate: "2026-12-01", text: "  Ringde om hyran.\r\nBokade besök. "), today: Self.today).get()
        #expect(ok.kind == .phone && ok.eventDate == Self.today && ok.text == "Ringde om hyran.\nBokade besök.")
        #expect(fields(JournalRules.validate(JournalInput(kind: "sms", eventDate: "2026-12-02", text: " \n "), today: Self.today)) == ["kind", "eventDate", "text"])
        let future = JournalRules.validate(JournalInput(kind: "visit", eventDate: "2026-12-02", text: "Besök"), today: Self.today)
        guard case .failure(let e) = future else { Issue.record("a future date was accepted"); return }
        #expect(e.kind == .invalid && e.fields.first?.message.contains("kan inte ligga i framtiden") == true)
        #expect(fields(JournalRules.validate(JournalInput(kind: "visit", eventDate: "2026-02-30", text: "Besök"), today: Self.today)) == ["eventDate"])
        #expect(fields(JournalRules.validate(JournalInput(kind: "visit", eventDate: "", text: "Besök"), today: Self.today)) == ["eventDate"])
        #expect(fields(JournalRules.validate(JournalInput(kind: "visit", eventDate: "0226-11-30", text: "Besök"), today: Self.today)) == ["eventDate"])
        let long = String(repeating: "å", count: JournalRules.maxTextLength + 1)
        #expect(fields(JournalRules.validate(JournalInput(kind: "letter", eventDate: "2026-11-30", text: long), today: Self.today)) == ["text"])
        let longest = String(repeating: "å", count: JournalRules.maxTextLength)
        #expect(fields(JournalRules.validate(JournalInput(kind: "letter", eventDate: "2026-11-30", text: longest), today: Self.today)) == [])
    }

    @Test("Control characters (NUL and the like) are removed from the text; line breaks and tabs stay")
    func cleaning() {
        #expect(JournalRules.clean("Rad 1\u{0}\u{7}\nRad\t2\u{1B}") == "Rad 1\nRad\t2")
        #expect(JournalRules.clean("\u{0}\u{0}").isEmpty)
    }

    @Test("The kinds are the six of the issue, with Swedish names; the consent scopes include the journal")
    func kinds() {
        #expect(JournalNote.Kind.allCases.map(\.swedishName) == ["Telefon", "Besök", "Möte", "Brev", "Beslut", "Övrigt"])
        #expect(Consent.Scope(rawValue: "journal") == .journal && Consent.Scope.journal.swedishName.contains("Journalanteckningar"))
    }

    @Test("Caseworkers of district and Jobbtorg units write and read; managers, analysts, researchers, admins and the person do not")
    func roles() {
        #expect(JournalRules.mayWrite(Self.sara) && JournalRules.mayWrite(Self.maja) && JournalRules.mayWrite(Self.carl))
        for role in [Role.unitManager, .analyst, .researcher, .partner, .citizen, .systemAdministrator] {
            #expect(!JournalRules.mayWrite(Self.user(role)) && !JournalRules.mayRead(Self.user(role)), "\(role)")
        }
        // A caseworking role at a unit outside the case flow (the administration) keeps no journal.
        #expect(!JournalRules.mayWrite(Self.user(.socialSecretary, committee: "stadsledningskontoret", unit: "analys", kind: .administration)))
    }

    @Test("The owning committee sees signed notes and the author's drafts; the other committee only signed notes, only under a valid journal consent")
    func visibility() {
        let signed = Self.note(), draft = Self.note(signed: false)
        let colleague = Self.user(.socialSecretary)
        #expect(JournalRules.visible(signed, to: colleague, consents: [], on: Self.today))
        #expect(JournalRules.visible(draft, to: Self.sara, consents: [], on: Self.today))
        #expect(!JournalRules.visible(draft, to: colleague, consents: [], on: Self.today))
        #expect(!JournalRules.visible(signed, to: Self.carl, consents: [], on: Self.today))
        #expect(!JournalRules.visible(signed, to: Self.carl, consents: [Self.consent([.referral, .plans, .meetings])], on: Self.today))
        #expect(JournalRules.visible(signed, to: Self.carl, consents: [Self.consent([.journal])], on: Self.today))
        #expect(!JournalRules.visible(draft, to: Self.carl, consents: [Self.consent([.journal])], on: Self.today))
        #expect(!JournalRules.visible(signed, to: Self.carl, consents: [Self.consent([.journal], withdrawn: true)], on: Self.today))
        #expect(!JournalRules.visible(signed, to: Self.carl, consents: [Self.consent([.journal])], on: LocalDate("2027-11-01")!))
        // Both ways: the district reads the Jobbtorg's signed notes under the same consent.
        #expect(JournalRules.visible(Self.note(by: Self.carl), to: Self.sara, consents: [Self.consent([.journal])], on: Self.today))
        // A manager does not read the journal, consent or not.
        #expect(!JournalRules.visible(signed, to: Self.user(.unitManager), consents: [], on: Self.today))
    }

    @Test("A signed note is never editable (a conflict); a draft only by its author; only a signed note is corrected, by its own committee")
    func changes() {
        #expect(throws: JournalNote.signedConflict) { try JournalRules.checkEditable(Self.note(), by: Self.sara) }
        #expect(throws: DomainError.forbidden) { try JournalRules.checkEditable(Self.note(signed: false), by: Self.user(.socialSecretary)) }
        #expect(throws: Never.self) { try JournalRules.checkEditable(Self.note(signed: false), by: Self.sara) }
        #expect(throws: Never.self) { try JournalRules.checkCorrectable(Self.note(), by: Self.maja) }
        #expect((try? JournalRules.checkCorrectable(Self.note(signed: false), by: Self.sara)) == nil)
        #expect(throws: DomainError.notFound) { try JournalRules.checkCorrectable(Self.note(), by: Self.carl) }
        let caps = JournalCapabilities(Self.sara)
        #expect(caps.canEdit(Self.note(signed: false)) && !caps.canEdit(Self.note()) && caps.canCorrect(Self.note()) && !caps.canCorrect(Self.note(signed: false)))
        #expect(!JournalCapabilities(Self.carl).canCorrect(Self.note()))
        #expect(JournalNote.correctionHeading(of: Self.note()) == "Rättelse av anteckning 2026-11-30")
    }

    @Test("Entries come newest first; a signed correction marks its original as corrected, a draft correction does not")
    func entries() {
        let old = Self.note(date: "2026-11-20")
        let newer = Self.note(date: "2026-11-30", created: 10)
        let signedFix = Self.note(date: "2026-11-20", created: 20, corrects: old.id)
        let draftFix = Self.note(signed: false, date: "2026-11-30", created: 30, corrects: newer.id)
        let e = JournalEntry.entries([old, newer, signedFix, draftFix])
        #expect(e.map(\.note.id) == [draftFix.id, newer.id, signedFix.id, old.id])
        #expect(e.first { $0.note.id == old.id }?.correctedBy.map(\.id) == [signedFix.id])
        #expect(e.first { $0.note.id == newer.id }?.isCorrected == false)
        #expect(e.first { $0.note.id == signedFix.id }?.corrects?.id == old.id)
    }
}
