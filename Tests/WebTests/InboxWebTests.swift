import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// The handover from intake to financial aid through the unit inboxes, the nybesök booking and its letter,
/// and the answers back from Jobbtorg, on both databases.
@Suite("Unit inboxes and the nybesök")
struct InboxWebTests {
    static func id(_ app: TestApp, _ username: String) async throws -> String {
        try #require(try await app.services.users.credentials(username: username)?.user.id.uuidString.lowercased())
    }

    static func register(_ b: inout Browser, _ client: some TestClientProtocol, serial: Int, _ extra: [String: String] = [:]) async throws -> String {
        _ = try await b.get(client, "/persons/new")
        let reg = try await b.post(
            client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1984, 4, 4, serial: serial), "firstName": "Nora", "lastName": "Nybesök"].merging(extra) { _, n in n })
        return try #require(reg.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
    }

    @Test("Intake registers and books the nybesök; refused bookings save nothing; the financial-aid inbox lists it until taken over", arguments: TestDatabase.kinds)
    func handover(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let sara = try await Self.id(app, "socialsekreterare"), coach = try await Self.id(app, "coach")
            var maja = Browser()
            _ = try await maja.login(client, "mottagning")
            let pid = try await Self.register(&maja, client, serial: 441)
            let personId = try #require(UUID(uuidString: pid))
            // After registering, the person page offers the aktualisering and part 1.
            let personPage = try await maja.get(client, "/persons/\(pid)?registered=1")
            #expect(personPage.text.contains("Nästa steg") && personPage.text.contains("Registrera aktualiseringen") && personPage.text.contains("Fyll i del 1"))
            _ = try await maja.get(client, "/persons/\(pid)/case")
            #expect(try await maja.post(client, "/persons/\(pid)/case", ["source": "application", "channel": "phone", "openedOn": ""]).status == .seeOther)
            let casePage = try await maja.get(client, "/persons/\(pid)/case")
            #expect(casePage.text.contains("Inget nybesök är bokat") && casePage.text.contains("/persons/\(pid)/new-visit"))
            // The unbooked case is a task and in intake's inbox; in the financial-aid inbox, not yet booked.
            #expect(try await app.services.caseStore.openTasks(personId: personId, committeeId: "spanga-tensta").map(\.kind) == [.newVisitUnbooked])
            let intakeInbox = try await maja.get(client, "/inbox")
            #expect(intakeInbox.status == .ok && intakeInbox.text.contains("Nybesök ej bokat") && intakeInbox.text.contains("Nybesök, Nora"))

            // Refused: in the past, no time, a worker outside financial aid; then a time already passed today.
            _ = try await maja.get(client, "/persons/\(pid)/new-visit")
            let refused = try await maja.post(client, "/persons/\(pid)/new-visit", ["date": "2026-11-17", "time": "", "worker": coach, "location": "Spånga torg 10", "version": ""])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Nybesöket kan inte bokas bakåt i tiden") && refused.text.contains("Ange en tid för nybesöket"))
            #expect(refused.text.contains("Välj en socialsekreterare på enheten för ekonomiskt bistånd") && refused.text.contains("Fel – Boka nybesök"))
            let passed = try await maja.post(client, "/persons/\(pid)/new-visit", ["date": "2026-11-18", "time": "08:00", "worker": sara, "location": "Spånga torg 10", "version": ""])
            #expect(passed.status == .unprocessableContent && passed.text.contains("Tiden har redan passerat"))
            #expect(try await app.services.caseStore.newVisits(personId: personId).isEmpty)

            let booked = try await maja.post(client, "/persons/\(pid)/new-visit", ["date": "2026-11-20", "time": "09:30", "worker": sara, "location": "Spånga torg 10, receptionen", "version": ""])
            #expect(booked.status == .seeOther && booked.location?.hasPrefix("/persons/\(pid)/case?saved=visit") == true)
            let visit = try #require(try await app.services.caseStore.newVisits(personId: personId).first)
            #expect(visit.unitId == "spanga-tensta-ekonomiskt-bistand" && visit.time == "09:30" && visit.workerName.isEmpty == false)
            #expect(try await app.services.caseStore.openTasks(personId: personId, committeeId: "spanga-tensta").isEmpty)
            // A second first booking (a stale form) is refused and changes nothing.
            let twice = try await maja.post(client, "/persons/\(pid)/new-visit", ["date": "2026-11-23", "time": "10:00", "worker": sara, "location": "Spånga torg 10", "version": ""])
            #expect(twice.status == .conflict)
            #expect(try await app.services.caseStore.newVisits(personId: personId).first?.date.description == "2026-11-20")
            let after = try await maja.get(client, "/persons/\(pid)/case?saved=visit")
            #expect(after.text.contains("Nybesöket är bokat") && after.text.contains("Skriv ut kallelsen till nybesöket"))
            #expect(!(try await maja.get(client, "/inbox").text.contains("Nybesök, Nora")))

            // The letter: plain Swedish, the time and place; logged.
            let letter = try await maja.get(client, "/new-visits/\(visit.id.uuidString.lowercased())/letter")
            #expect(letter.status == .ok && letter.text.contains("Välkommen till ett första besök") && letter.text.contains("fredag 20 november 2026 kl. 09:30"))

            // The social secretary finds it in her unit's inbox with its booking, and takes it over.
            var s = Browser()
            _ = try await s.login(client, "socialsekreterare")
            let inbox = try await s.get(client, "/inbox")
            #expect(inbox.status == .ok && inbox.text.contains("Ny aktualisering") && inbox.text.contains("Nybesök 2026-11-20 kl. 09:30"))
            let rows = try await app.services.accessLog.recent(committeeId: nil, limit: 50).filter { $0.entry.action == "inbox.list_hit" }
            #expect(rows.first?.entry.personId == personId || rows.first?.entry.personIds.contains(personId) == true)
            _ = try await s.get(client, "/persons/\(pid)/case")
            #expect(try await s.post(client, "/persons/\(pid)/responsible", ["responsible": sara]).status == .seeOther)
            let empty = try await s.get(client, "/inbox")
            #expect(!empty.text.contains("Nybesök, Nora"))
            #expect(try await app.services.caseStore.cases(personId: personId).first?.unitId == "spanga-tensta-ekonomiskt-bistand")
            // The coach has no access to the district's booking page or its letter.
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            #expect(try await carl.get(client, "/persons/\(pid)/new-visit").status == .forbidden)
            #expect(try await carl.get(client, "/new-visits/\(visit.id.uuidString.lowercased())/letter").status == .notFound)
            #expect(try await carl.get(client, "/inbox").status == .ok)
            var analyst = Browser()
            _ = try await analyst.login(client, "analytiker")
            #expect(try await analyst.get(client, "/inbox").status == .forbidden)
        }
    }

    @Test("A letter to a person with protected identity shows no address and says it must not be posted", arguments: TestDatabase.kinds)
    func protectedLetter(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let sara = try await Self.id(app, "socialsekreterare")
            var maja = Browser()
            _ = try await maja.login(client, "mottagning")
            let pid = try await Self.register(&maja, client, serial: 452, ["street": "Hemliga gatan 3", "postalCode": "16300", "city": "Spånga", "protectedIdentity": "on"])
            _ = try await maja.post(client, "/persons/\(pid)/case", ["source": "application", "channel": "visit", "openedOn": ""])
            _ = try await maja.get(client, "/persons/\(pid)/new-visit")
            #expect(try await maja.post(client, "/persons/\(pid)/new-visit", ["date": "2026-11-19", "time": "13:00", "worker": sara, "location": "Spånga torg 10", "version": ""]).status == .seeOther)
            let visit = try #require(try await app.services.caseStore.newVisits(personId: UUID(uuidString: pid)!).first)
            let letter = try await maja.get(client, "/new-visits/\(visit.id.uuidString.lowercased())/letter")
            #expect(letter.status == .ok && letter.text.contains("Skyddade personuppgifter") && !letter.text.contains("Hemliga gatan"))
            // Rebooking with the current version moves it.
            _ = try await maja.get(client, "/persons/\(pid)/new-visit")
            #expect(try await maja.post(client, "/persons/\(pid)/new-visit", ["date": "2026-11-24", "time": "10:00", "worker": sara, "location": "Spånga torg 10", "version": "1"]).status == .seeOther)
            let moved = try #require(try await app.services.caseStore.newVisits(personId: UUID(uuidString: pid)!).first)
            #expect(moved.version == 2 && moved.date.description == "2026-11-24")
            let log = try await app.services.accessLog.forPerson(UUID(uuidString: pid)!)
            #expect(log.contains { $0.entry.action == "letter.print" } && log.filter { $0.entry.action == "new_visit.book" }.count == 2)
        }
    }

    @Test("Answers back from Jobbtorg wait in the referring unit's inbox until acknowledged; a referral in the Jobbtorg's until answered", arguments: TestDatabase.kinds)
    func answersBack(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let session = try await CaseFlowWebTests.session(app)
            var s = Browser()
            _ = try await s.login(client, "socialsekreterare")
            let pid = try await Self.register(&s, client, serial: 463)
            _ = try await s.post(client, "/persons/\(pid)/case", ["source": "application", "channel": "visit", "openedOn": ""])
            _ = try await s.post(client, "/persons/\(pid)/obstacles", ["adult": "applicant", "code": "arbetslos_ingen_ersattning", "judgedOn": ""])
            _ = try await s.post(
                client, "/persons/\(pid)/consents",
                pairs: [("recipient", "arbetsmarknadsnamnden"), ("scopes", "referral"), ("scopes", "plans"), ("purpose", "Planering mot arbete"), ("validFrom", "2026-11-18"), ("validTo", "2027-05-31"), ("method", "oral")])
            _ = try await s.get(client, "/persons/\(pid)/referrals/new")
            #expect(
                try await s.post(
                    client, "/persons/\(pid)/referrals",
                    ["toUnit": "jobbtorg-kista", "route": "group_information", "session": session.uuidString.lowercased(), "reason": "Söker arbete inom lager och vill ha stöd"]
                ).status == .seeOther)
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            let jobbtorgInbox = try await carl.get(client, "/inbox")
            #expect(jobbtorgInbox.text.contains("Remiss att besvara") && jobbtorgInbox.text.contains("Nybesök, Nora"))
            let rid = try #require(try await app.services.caseStore.referrals(personId: UUID(uuidString: pid)!).first?.id.uuidString.lowercased())
            _ = try await carl.get(client, "/referrals/\(rid)")
            #expect(try await carl.post(client, "/referrals/\(rid)/answer", ["decision": "accept", "enrolledOn": "", "version": "1"]).status == .seeOther)
            #expect(!(try await carl.get(client, "/inbox").text.contains("Nybesök, Nora")))
            // After acceptance the coach's next steps are part 2 and the jobbplan.
            let jobbtorgCase = try await carl.get(client, "/persons/\(pid)/case")
            #expect(jobbtorgCase.text.contains("Fyll i del 2") && jobbtorgCase.text.contains("Upprätta den första jobbplanen"))

            let districtInbox = try await s.get(client, "/inbox")
            #expect(districtInbox.text.contains("Remissen antogs") && districtInbox.text.contains("Kvittera"))
            let key = try #require(
                districtInbox.text.range(of: #"referral_answer:[0-9a-f-]{36}"#, options: .regularExpression).map { String(districtInbox.text[$0]) })
            #expect(try await s.post(client, "/inbox/acknowledge", ["key": "referral_answer:\(UUID().uuidString.lowercased())"]).status == .notFound)
            let ack = try await s.post(client, "/inbox/acknowledge", ["key": key])
            #expect(ack.status == .seeOther)
            let after = try await s.get(client, try #require(ack.location))
            #expect(after.text.contains("Kvitterat") && !after.text.contains("Remissen antogs"))
            // The coach cannot acknowledge the district's item.
            #expect(try await carl.post(client, "/inbox/acknowledge", ["key": key]).status == .notFound)
            // Closed by Jobbtorg (återremittering): back in the district's inbox.
            let enrolment = try #require(try await app.services.caseStore.enrolments(personId: UUID(uuidString: pid)!).first)
            _ = try await carl.get(client, "/persons/\(pid)/case")
            #expect(
                try await carl.post(
                    client, "/enrolments/\(enrolment.id.uuidString.lowercased())/close",
                    ["reason": "returned_to_district", "detail": "Behöver stöd med hälsan först", "closedOn": "", "version": "1"]
                ).status == .seeOther)
            #expect(try await s.get(client, "/inbox").text.contains("Återremitterad från Jobbtorg"))
        }
    }

    @Test("An enrolment closed at Jobbtorg shows in the referring district unit's inbox as \"Avslutad hos Jobbtorg\" with the reason, until acknowledged", arguments: TestDatabase.kinds)
    func closedAtJobbtorg(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let session = try await CaseFlowWebTests.session(app)
            var s = Browser()
            _ = try await s.login(client, "socialsekreterare")
            let pid = try await Self.register(&s, client, serial: 464)
            _ = try await s.post(client, "/persons/\(pid)/case", ["source": "application", "channel": "visit", "openedOn": ""])
            _ = try await s.post(client, "/persons/\(pid)/obstacles", ["adult": "applicant", "code": "arbetslos_ingen_ersattning", "judgedOn": ""])
            _ = try await s.post(
                client, "/persons/\(pid)/consents",
                pairs: [("recipient", "arbetsmarknadsnamnden"), ("scopes", "referral"), ("scopes", "plans"), ("purpose", "Planering mot arbete"), ("validFrom", "2026-11-18"), ("validTo", "2027-05-31"), ("method", "oral")])
            _ = try await s.get(client, "/persons/\(pid)/referrals/new")
            _ = try await s.post(
                client, "/persons/\(pid)/referrals",
                ["toUnit": "jobbtorg-kista", "route": "group_information", "session": session.uuidString.lowercased(), "reason": "Söker arbete inom lager och vill ha stöd"])
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            let rid = try #require(try await app.services.caseStore.referrals(personId: UUID(uuidString: pid)!).first?.id.uuidString.lowercased())
            _ = try await carl.get(client, "/referrals/\(rid)")
            #expect(try await carl.post(client, "/referrals/\(rid)/answer", ["decision": "accept", "enrolledOn": "", "version": "1"]).status == .seeOther)
            let enrolment = try #require(try await app.services.caseStore.enrolments(personId: UUID(uuidString: pid)!).first)
            _ = try await carl.get(client, "/persons/\(pid)/case")
            #expect(
                try await carl.post(
                    client, "/enrolments/\(enrolment.id.uuidString.lowercased())/close", ["reason": "moved", "detail": "Flyttar till Göteborg", "closedOn": "", "version": "1"]
                ).status == .seeOther)

            // The district's inbox: the closure with its reason and the Jobbtorg, next to the acceptance.
            let inbox = try await s.get(client, "/inbox")
            #expect(inbox.text.contains("Avslutad hos Jobbtorg") && inbox.text.contains("Skäl: Flyttat, Jobbtorg Kista"))
            #expect(!inbox.text.contains("Flyttar till Göteborg"), "the free text stays on the case page")
            let key = "enrolment_closed:\(enrolment.id.uuidString.lowercased())"
            #expect(inbox.text.contains(key))
            // Jobbtorg's own inbox does not hold it, and the coach cannot acknowledge it.
            #expect(!(try await carl.get(client, "/inbox")).text.contains("Avslutad hos Jobbtorg"))
            #expect(try await carl.post(client, "/inbox/acknowledge", ["key": key]).status == .notFound)
            let ack = try await s.post(client, "/inbox/acknowledge", ["key": key])
            #expect(ack.status == .seeOther)
            let after = try await s.get(client, try #require(ack.location))
            #expect(!after.text.contains("Avslutad hos Jobbtorg") && after.text.contains("Remissen antogs"))
            #expect(try await s.post(client, "/inbox/acknowledge", ["key": key]).status == .notFound, "acknowledged once")
            let log = try await app.services.accessLog.forPerson(UUID(uuidString: pid)!)
            #expect(log.filter { $0.entry.action == "inbox.acknowledge" && $0.entry.outcome == .allowed }.count == 1)
        }
    }
}
