import Foundation
import Testing

@testable import SamsynDomain

@Suite("Registering and searching persons: input rules")
struct PersonRulesTests {
    let today = Calendar.swedish.date(from: DateComponents(year: 2026, month: 11, day: 22, hour: 12))!

    @Test("A complete registration is accepted and tidied")
    func valid() throws {
        let input = PersonInput(
            identityNumber: "811218-9876", firstName: "  Anna-Karin ", lastName: "Öberg", phone: "070-123 45 67", email: "anna@example.se",
            street: "Tensta allé 1", postalCode: "16364", city: "Spånga")
        let v = try input.validate(today: today).get()
        #expect(v.identityNumber.digits == "198112189876")
        #expect(v.firstName == "Anna-Karin")
        #expect(v.contact.postalCode == "163 64")
    }

    @Test("Every invalid field is reported at once, in form order, in Swedish")
    func allErrors() {
        let input = PersonInput(identityNumber: "811218-9877", firstName: "", lastName: "", phone: "abc", email: "nope", postalCode: "12")
        guard case .failure(let e) = input.validate(today: today) else {
            Issue.record("expected failure")
            return
        }
        #expect(e.kind == .invalid)
        #expect(e.fields.map(\.field) == ["personalIdentityNumber", "firstName", "lastName", "phone", "email", "postalCode"])
        #expect(e.fields[0].message.hasPrefix("Kontrollsiffran"))
        #expect(e.fields[1].message == "Ange förnamn.")
    }

    @Test("A search longer than 100 code points is refused, as the API describes it, even when it looks shorter")
    func searchLengthInCodePoints() throws {
        // 51 letters with a combining accent: 51 characters on screen, 102 code points.
        let accented = String(repeating: "e\u{301}", count: 51)
        #expect(accented.count == 51)
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse(accented, today: today) }
        // Control characters removed by cleaning still count towards the length sent.
        let padded = "andersson" + String(repeating: "\u{2}", count: 95)
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse(padded, today: today) }
        #expect(throws: Never.self) { try PersonSearchQuery.parse(String(repeating: "a", count: 100), today: today) }
    }

    @Test("Control characters never reach a name (no CR/LF smuggling)")
    func controlCharacters() throws {
        let v = try PersonInput(identityNumber: "811218-9876", firstName: "An\r\nna", lastName: "B\u{0}erg").validate(today: today).get()
        #expect(v.firstName == "Anna")
        #expect(v.lastName == "Berg")
    }

    @Test("Search text: a full number, a birth date, a phone number, a street or name prefixes, folded")
    func searchQuery() throws {
        #expect(try PersonSearchQuery.parse("811218-9876", today: today) == .identityNumber(try PersonalIdentityNumber.parse("811218-9876", today: today), orPhone: nil))
        #expect(try PersonSearchQuery.parse("811218-9876", today: today).registrableNumber?.digits == "198112189876")
        #expect(try PersonSearchQuery.parse("19811218", today: today) == .birthDate("19811218"))
        #expect(try PersonSearchQuery.parse("811218", today: today) == .birthDate("811218"))
        #expect(try PersonSearchQuery.parse("811218", today: today).registrableNumber == nil)
        #expect(try PersonSearchQuery.parse("Anna-Karin Öberg", today: today) == .name(["anna", "karin", "oberg"]))
        #expect(try PersonSearchQuery.parse("NYSTRÖM", today: today) == .name(["nystrom"]))
        #expect(try PersonSearchQuery.parse("ÅSA Müller", today: today) == .name(["asa", "muller"]))
        // Name plus an initial; an initial alone is not enough.
        #expect(try PersonSearchQuery.parse("Andersson J", today: today) == .name(["andersson", "j"]))
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse("A J", today: today) }
        // Phone numbers: written as phone numbers are, or ten digits with a leading 0 that are no valid number.
        #expect(try PersonSearchQuery.parse("070-123 45 67", today: today) == .phone("0701234567"))
        #expect(try PersonSearchQuery.parse("+46 70 123 45 67", today: today) == .phone("0701234567"))
        #expect(try PersonSearchQuery.parse("08-123 456", today: today) == .phone("08123456"))
        // Ten digits beginning with 0 that are also a valid personnummer (born 2007): looked up as both.
        let nine = "070123456"
        let both = nine + String(PersonalIdentityNumber.luhnCheckDigit(nine))
        #expect(try PersonSearchQuery.parse(both, today: today) == .identityNumber(try PersonalIdentityNumber.parse(both, today: today), orPhone: both))
        #expect(try PersonSearchQuery.parse("070123-" + both.suffix(4), today: today) == .identityNumber(try PersonalIdentityNumber.parse(both, today: today), orPhone: nil))
        // Streets: a house number or a street word.
        #expect(try PersonSearchQuery.parse("Storgatan 12", today: today) == .street(["storgatan", "12"]))
        #expect(try PersonSearchQuery.parse("Råsundavägen", today: today) == .street(["rasundavagen"]))
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse("12 b", today: today) }
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse("  ", today: today) }
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse("a", today: today) }
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse("811218-9877", today: today) }
        #expect(throws: DomainError.self) { try PersonSearchQuery.parse("12345", today: today) }
    }

    @Test("Index tokens fold case and diacritics; sort keys keep them; phone digits drop +46")
    func folding() {
        #expect(PersonSearchQuery.searchTokens("Nyström Åsa-Lena") == ["nystrom", "asa", "lena"])
        #expect(PersonSearchQuery.searchTokens("Storgatan 12 B") == ["storgatan", "12", "b"])
        #expect(PersonSearchQuery.sortKey("Åsa-Lena") == "åsa lena")
        #expect(PersonSearchQuery.phoneDigits("+46 (0)70-123") == "0070123")
        #expect(PersonSearchQuery.phoneDigits("0046 70 123") == "070123")
        #expect(PersonSearchQuery.phoneDigits("070-123 45 67") == "0701234567")
        #expect(PersonSearchQuery.phoneDigits("--") == nil)
    }

    @Test("Protected identity hides contact details in every view")
    func protectedIdentity() throws {
        let n = try PersonalIdentityNumber.parse("811218-9876", today: today)
        let p = Person(
            id: UUID(), identityNumber: n, firstName: "A", lastName: "B", contact: ContactDetails(phone: "070", street: "Gatan 1"), protectedIdentity: true,
            createdAt: today, updatedAt: today, version: 1)
        #expect(PersonView(person: p, files: []).visibleContact == nil)
        var open = p
        open.protectedIdentity = false
        #expect(PersonView(person: open, files: []).visibleContact?.street == "Gatan 1")
    }
}

@Suite("Access and session rules")
struct AccessRulesTests {
    @Test("Deny by default: only casework roles may see persons; only administrators edit the organisation")
    func roles() {
        for role in Role.allCases {
            let casework: Set<Role> = [.intakeOfficer, .socialSecretary, .coach, .unitManager]
            #expect(AccessPolicy.allows(role, .readPerson) == casework.contains(role), "\(role)")
            #expect(AccessPolicy.allows(role, .administerOrganisation) == (role == .systemAdministrator), "\(role)")
        }
        #expect(!AccessPolicy.allows(.unitManager, .registerPerson))
        #expect(AccessPolicy.allows(.unitManager, .reviewAccessLog))
    }

    @Test("A person is visible only where the user's committee has a file")
    func secrecyBetweenCommittees() {
        let f = PersonFile(personId: UUID(), committeeId: "spanga-tensta", openedAt: Date(), openedByUnitId: "spanga-tensta-mottagning")
        #expect(AccessPolicy.canSee(files: [f], committeeId: "spanga-tensta"))
        #expect(!AccessPolicy.canSee(files: [f], committeeId: "arbetsmarknadsnamnden"))
        #expect(!AccessPolicy.canSee(files: [], committeeId: "spanga-tensta"))
    }

    @Test("Sessions end after 30 idle minutes or 10 hours in all")
    func sessionTimeouts() {
        let p = SessionPolicy.standard
        let t0 = Date(timeIntervalSince1970: 0)
        #expect(p.isValid(created: t0, lastSeen: t0, now: t0 + 29 * 60))
        #expect(!p.isValid(created: t0, lastSeen: t0, now: t0 + 30 * 60))
        #expect(p.isValid(created: t0, lastSeen: t0 + 9.9 * 3600, now: t0 + 9.95 * 3600))
        #expect(!p.isValid(created: t0, lastSeen: t0 + 9.9 * 3600, now: t0 + 10 * 3600))
    }

    @Test("Login throttling: an account is slowed from the fifth failure, doubling to 30 s; an address is refused from the 20th until its oldest failure leaves the window")
    func throttle() {
        let t = LoginThrottlePolicy.standard
        #expect(t.accountDelay(recentFailures: 4) == 0)
        #expect(t.accountDelay(recentFailures: 5) == 1)
        #expect(t.accountDelay(recentFailures: 6) == 2)
        #expect(t.accountDelay(recentFailures: 9) == 16)
        #expect(t.accountDelay(recentFailures: 10) == 30)
        #expect(t.accountDelay(recentFailures: 10_000) == 30)
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(t.clientRetryAfter(recentFailures: 19, oldest: now - 60, now: now) == nil)
        #expect(t.clientRetryAfter(recentFailures: 20, oldest: now - 60, now: now) == 14 * 60)
        #expect(t.clientRetryAfter(recentFailures: 25, oldest: now - 15 * 60 + 0.2, now: now) == 1)
    }

    @Test("New users and passwords follow the rules")
    func userRules() {
        #expect(NewStaffUser(username: "anna.b", displayName: "Anna B", role: .coach, unitId: "x").validate().isEmpty)
        #expect(!NewStaffUser(username: "Anna B", displayName: "Anna B", role: .coach, unitId: "x").validate().isEmpty)
        #expect(!PasswordPolicy.validate("short").isEmpty)
        #expect(PasswordPolicy.validate("long enough pass").isEmpty)
    }
}

@Suite("Hex")
struct HexTests {
    @Test("Hex encoding matches the usual lower-case form")
    func hex() {
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.encode([UInt8]()) == "")
    }
}
