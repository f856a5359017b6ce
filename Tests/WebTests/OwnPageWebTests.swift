import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// Mina sidor as the person meets it after logging in with e-legitimation, and as the coach and the social secretary
/// see what the person did: the plan with marked sub-goals, meetings, consents withdrawn at once, messages with read
/// receipts and notifications, and who has read the file. Another person's records answer 404 and change nothing.
@Suite("Mina sidor: the person's own page")
struct OwnPageWebTests {
    func actor(_ app: TestApp, _ username: String) async throws -> Actor {
        let user = try #require(try await SQLUserStore(database: app.db).credentials(username: username)?.user)
        return Actor(user: user, requestId: "t", channel: "test")
    }

    /// A person referred by the district (with a consent covering plans and meetings) and enrolled at Jobbtorg Kista, with a
    /// jobbplan of two sub-goals and a booked three-party meeting.
    func enrolledPerson(_ app: TestApp, serial: Int, first: String) async throws -> (personId: UUID, number: String, plan: Plan, consent: Consent) {
        let s = app.services
        let sara = try await actor(app, "socialsekreterare"), carl = try await actor(app, "coach")
        let number = Fixtures.personnummer(1988, 3, 3, serial: serial)
        let pid = try await s.directory.register(Fixtures.personInput(number, first, "Egensida"), by: sara).person.id
        _ = try await s.caseFlow.openCase(personId: pid, .init(source: "application", channel: "visit", openedOn: ""), by: sara)
        _ = try await s.caseFlow.addObstacle(personId: pid, adult: "applicant", code: "arbetslos_ingen_ersattning", judgedOn: "", by: sara)
        let consent = try await s.caseFlow.recordConsent(
            personId: pid,
            .init(recipient: "arbetsmarknadsnamnden", scopes: ["referral", "plans", "meetings"], purpose: "Planering mot arbete", validFrom: "2026-11-18",
                validTo: "2027-06-30", method: "written"), by: sara)
        let referral = try await s.caseFlow.refer(
            personId: pid,
            .init(
                toUnitId: "jobbtorg-kista", route: "three_party_meeting", sessionId: "", meetingDate: "2026-11-20", meetingTime: "10:00",
                reason: "Vill ha stöd att hitta arbete inom lager", workShouldBeTried: false, fullTimeProgramme: false, jointAgreement: false, exceptionReason: ""),
            by: sara)
        _ = try await s.caseFlow.answerReferral(id: referral.id, accept: true, declineReason: "", enrolledOn: "", expectedVersion: referral.version, by: carl)
        let enrolment = try #require(try await s.caseStore.enrolments(personId: pid).first)
        let plan = try await s.caseFlow.createPlan(
            personId: pid, kind: .jobPlan,
            .init(
                goal: "Få ett arbete inom lager och logistik i Stockholm",
                subGoals: [.init(what: "Skriva CV med coach", responsible: "\(first) och coach", date: "2026-12-01"), .init(what: "Ta truckkort", responsible: first, date: "2027-01-15")],
                nextFollowUp: "2026-12-20"), by: carl)
        let meeting = try await s.caseFlow.bookMeeting(enrolmentId: enrolment.id, kind: "follow_up", date: "2026-11-18", time: "09:00", by: carl)
        _ = try await s.caseFlow.recordMeeting(
            id: meeting.id, participants: "\(first) och Carl Coach", agreed: "\(first) skickar tre ansökningar i veckan.", expectedVersion: meeting.version, by: carl)
        return (pid, number, plan, consent)
    }

    func citizen(_ app: TestApp, _ number: String) async throws -> Browser {
        let pnr = try PersonalIdentityNumber.parse(number, today: Fixtures.t0)
        let session = try await app.services.auth.startCitizenSession(identityNumber: pnr, method: "test", requestId: "t")
        var b = Browser()
        b.cookies["samsyn_session"] = session.token
        return b
    }

    @Test("The plan, meetings and consents; marking a sub-goal shows on the coach's page; another person's plan is a 404", arguments: TestDatabase.kinds)
    func planAndConsents(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let anna = try await enrolledPerson(app, serial: 611, first: "Anna")
            let bo = try await enrolledPerson(app, serial: 612, first: "Bo")
            var person = try await citizen(app, anna.number)

            // The start page is the own page; it shows Anna's plan and nothing of Bo's.
            let start = try await person.get(client, "/")
            #expect(start.status == .seeOther && start.location == "/own")
            let page = try await person.get(client, "/own")
            #expect(page.status == .ok)
            #expect(page.text.contains("Hej Anna!") && page.text.contains("Få ett arbete inom lager och logistik i Stockholm") && page.text.contains("Skriva CV med coach"))
            #expect(page.text.contains("Trepartssamtal") || page.text.contains("Du har inga bokade möten."))
            #expect(page.text.contains("Planer: arbetsplan och jobbplan") && page.text.contains("Ta tillbaka samtycket"))
            #expect(!page.text.contains("Bo Egensida") && !page.text.contains(bo.plan.id.uuidString))
            // No contact details and no personnummer on the page.
            #expect(!page.text.contains("070-123 45 67") && !page.text.contains(anna.number))

            // The meeting's record is not shown until the coach publishes it; then what was agreed is.
            #expect(page.text.contains("Uppföljning: 2026-11-18 kl. 09:00") && !page.text.contains("Anna skickar tre ansökningar i veckan."))
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            let meeting = try #require(try await app.services.caseStore.meetings(personId: anna.personId).first)
            let meetingPage = try await coach.get(client, "/meetings/\(meeting.id.uuidString.lowercased())")
            #expect(meetingPage.text.contains("Visa anteckningen för personen på Mina sidor"))
            let published = try await coach.post(
                client, "/meetings/\(meeting.id.uuidString.lowercased())",
                ["participants": "Anna och Carl Coach", "agreed": "Anna skickar tre ansökningar i veckan.", "version": "\(meeting.version)", "publish": "1"])
            #expect(published.status == .seeOther)
            #expect(try await person.get(client, "/own").text.contains("Det här kom ni överens om: Anna skickar tre ansökningar i veckan."))

            // Marking a sub-goal done: the coach's plan page shows it.
            let marked = try await person.post(client, "/own/sub-goals", ["planId": anna.plan.id.uuidString, "index": "0", "text": "Skriva CV med coach", "status": "done"])
            #expect(marked.status == .seeOther && marked.location?.contains("saved=done") == true)
            #expect(try await person.get(client, "/own?saved=done").text.contains("Delmålet är markerat som klart"))
            let planPage = try await coach.get(client, "/plans/\(anna.plan.id.uuidString.lowercased())")
            #expect(planPage.status == .ok && planPage.text.contains("Personens markering på Mina sidor") && planPage.text.contains("Klart ("))

            // A sub-goal text that is not in the plan: 409, nothing saved. Bo's plan: 404, nothing saved, the attempt logged.
            let stale = try await person.post(client, "/own/sub-goals", ["planId": anna.plan.id.uuidString, "index": "1", "text": "Något annat", "status": "done"])
            #expect(stale.status == .conflict && stale.text.contains("Planen har ändrats"))
            let other = try await person.post(client, "/own/sub-goals", ["planId": bo.plan.id.uuidString, "index": "0", "text": "Skriva CV med coach", "status": "done"])
            #expect(other.status == .notFound)
            let marks = try await SQLOwnPageStore(database: app.db).subGoalMarks(personId: bo.personId)
            #expect(marks.isEmpty)
            let annaMarks = try await SQLOwnPageStore(database: app.db).subGoalMarks(personId: anna.personId)
            #expect(annaMarks.map(\.status) == [.done])
            let denied = try await app.services.accessLog.recent(committeeId: nil, limit: 50).filter { $0.entry.auditAction == .ownSubGoalMark && $0.entry.outcome == .denied }
            #expect(denied.count == 1 && denied[0].entry.detail == "not_own_plan")
            let badStatus = try await person.post(client, "/own/sub-goals", ["planId": anna.plan.id.uuidString, "index": "0", "text": "Skriva CV med coach", "status": "finished"])
            #expect(badStatus.status == .unprocessableContent)

            // Withdrawing Bo's consent from Anna's session: 404. Anna withdraws her own: it is withdrawn at once, the coach
            // no longer sees the shared plan page of the district (none here) and the consent reads "Återkallat".
            let foreign = try await person.post(client, "/own/consents/\(bo.consent.id.uuidString.lowercased())/withdraw", ["version": "1"])
            #expect(foreign.status == .notFound)
            #expect(try await app.services.caseStore.consent(id: bo.consent.id)?.withdrawnAt == nil)
            let withdrawn = try await person.post(client, "/own/consents/\(anna.consent.id.uuidString.lowercased())/withdraw", ["version": "\(anna.consent.version)"])
            #expect(withdrawn.status == .seeOther)
            let after = try #require(try await app.services.caseStore.consent(id: anna.consent.id))
            #expect(after.withdrawnAt != nil && after.withdrawnByName?.contains("Mina sidor") == true)
            let again = try await person.get(client, "/own")
            #expect(again.text.contains("Återkallat") && !again.text.contains("Ta tillbaka samtycket"))
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            let casePage = try await sara.get(client, "/persons/\(anna.personId.uuidString.lowercased())/case")
            #expect(casePage.text.contains("Återkallat") || casePage.text.contains("återkallat"))

            // The person cannot open staff pages; staff cannot open the own page.
            #expect(try await person.get(client, "/persons/\(anna.personId.uuidString.lowercased())").status != .ok)
            #expect(try await person.get(client, "/tasks").status != .ok)
            #expect(try await coach.get(client, "/own").status == .forbidden)
        }
    }

    @Test("Messages: the person writes to the unit, the coach answers, read receipts both ways, one notification per 30 minutes", arguments: TestDatabase.kinds)
    func messages(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let anna = try await enrolledPerson(app, serial: 621, first: "Anna")
            let bo = try await enrolledPerson(app, serial: 622, first: "Bo")
            var person = try await citizen(app, anna.number)
            let list = try await person.get(client, "/own/messages")
            #expect(list.status == .ok && list.text.contains("Du har inga meddelanden.") && list.text.contains(#"value="jobbtorg-kista""#))

            // Bad input: no unit, empty text; a unit the person has nothing at. 422, nothing saved.
            let empty = try await person.post(client, "/own/messages", ["unit": "jobbtorg-kista", "subject": "", "body": " "])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Skriv ditt meddelande.") && empty.text.contains("Skriv vad meddelandet gäller"))
            let elsewhere = try await person.post(client, "/own/messages", ["unit": "jobbtorg-city", "subject": "Hej hej", "body": "Fråga"])
            #expect(elsewhere.status == .unprocessableContent && elsewhere.text.contains("Välj vem du vill skriva till."))
            #expect(try await SQLMessageStore(database: app.db).threads(personId: anna.personId).isEmpty)

            let sent = try await person.post(client, "/own/messages", ["unit": "jobbtorg-kista", "subject": "Flytta mötet", "body": "Kan vi ses på torsdag i stället?"])
            #expect(sent.status == .seeOther)
            let threadPath = try #require(sent.location)
            let tid = try #require(threadPath.split(separator: "/").last.map(String.init))
            #expect(try await person.get(client, threadPath).text.contains("Inte läst ännu"))

            // The coach sees it in the unit's list, reads it (the person's receipt), answers.
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            let unitList = try await coach.get(client, "/messages")
            #expect(unitList.status == .ok && unitList.text.contains("Flytta mötet") && unitList.text.contains("Anna Egensida") && unitList.text.contains("1 nya"))
            // A second thread of the same person: the list shows both (and logs the person once).
            #expect(try await person.post(client, "/own/messages", ["unit": "jobbtorg-kista", "subject": "Intyg", "body": "Behöver ett intyg."]).status == .seeOther)
            let both = try await coach.get(client, "/messages")
            #expect(both.status == .ok && both.text.contains("Intyg") && both.text.contains("Flytta mötet"))
            let thread = try await coach.get(client, "/messages/\(tid)")
            #expect(thread.status == .ok && thread.text.contains("Kan vi ses på torsdag i stället?"))
            #expect(try await coach.post(client, "/messages/\(tid)", ["body": ""]).status == .unprocessableContent)
            #expect(try await coach.post(client, "/messages/\(tid)", ["body": "Ja, torsdag kl. 10 går bra."]).status == .seeOther)
            app.clock.advance(by: 60)
            #expect(try await coach.post(client, "/messages/\(tid)", ["body": "Ta med ditt CV."]).status == .seeOther)
            let store = SQLMessageStore(database: app.db)
            // Two answers within 30 minutes: one notification, and it never holds the text.
            let pending = try await store.pendingNotifications(limit: 10)
            #expect(pending.count == 1 && pending[0].personId == anna.personId)
            struct Row: Decodable { let n: Int }
            let leaked = try await app.db.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM access_log WHERE COALESCE(after_value, '') LIKE '%torsdag%' OR COALESCE(detail, '') LIKE '%torsdag%'").first(decoding: Row.self)?.n
            }
            #expect(leaked == 0)
            #expect(MessageRules.notificationText.contains("nytt meddelande") && !MessageRules.notificationText.contains("torsdag"))
            #expect(try await app.services.messages.drainOutbox(sender: LoggingNotificationSender(logger: TestDatabase.logger)) == 1)
            #expect(try await store.pendingNotifications(limit: 10).isEmpty)
            // Half an hour later (both stay active, under the 30-minute idle timeout) an answer notifies again.
            app.clock.advance(by: 20 * 60)
            _ = try await coach.get(client, "/messages")
            _ = try await person.get(client, "/own")
            app.clock.advance(by: 11 * 60)
            #expect(try await coach.post(client, "/messages/\(tid)", ["body": "Välkommen!"]).status == .seeOther)
            #expect(try await store.pendingNotifications(limit: 10).count == 1)

            // The person reads the answers (the coach's receipt); the person's own message reads as read by the unit.
            let read = try await person.get(client, threadPath)
            #expect(read.text.contains("Ja, torsdag kl. 10 går bra.") && read.text.contains("Läst av Jobbtorg Kista") && read.text.contains("Jobbtorg Kista (Coach)"))
            let coachView = try await coach.get(client, "/messages/\(tid)")
            #expect(coachView.text.contains("Läst av personen"))

            // Bo cannot read or post to Anna's thread: 404, nothing saved.
            var boBrowser = try await citizen(app, bo.number)
            #expect(try await boBrowser.get(client, "/own/messages/\(tid)").status == .notFound)
            _ = try await boBrowser.get(client, "/own/messages")
            #expect(try await boBrowser.post(client, "/own/messages/\(tid)", ["body": "Hej"]).status == .notFound)
            #expect(try await store.messages(threadId: UUID(uuidString: tid)!).count == 4)
            // A district worker (another unit) does not see Jobbtorg's thread.
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            #expect(try await sara.get(client, "/messages/\(tid)").status == .notFound)
            #expect(!(try await sara.get(client, "/messages").text.contains("Flytta mötet")))
        }
    }

    @Test("Who has read my file: unit and role, never the employee's name; a person without a file is told so kindly", arguments: TestDatabase.kinds)
    func accessLogAndNoFile(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let anna = try await enrolledPerson(app, serial: 631, first: "Anna")
            let ingrid = try await Fixtures.user(app.db, "ingrid.ivarsson", role: .socialSecretary, unit: "spanga-tensta-ekonomiskt-bistand")
            _ = try await app.services.directory.read(id: anna.personId, by: Actor(user: ingrid, requestId: "t", channel: "page"))
            var person = try await citizen(app, anna.number)
            let log = try await person.get(client, "/own/access-log")
            #expect(log.status == .ok && log.text.contains("Ekonomiskt bistånd Spånga-Tensta") && log.text.contains("Socialsekreterare") && log.text.contains("Läste dina uppgifter"))
            #expect(!log.text.contains("Ingrid") && !log.text.contains("ingrid.ivarsson"))
            #expect(log.text.contains("Jobbtorg Kista") && log.text.contains("Coach"))

            // A valid personnummer Samsyn holds no file for: a kind message, a denied login row, no session.
            let stranger = try PersonalIdentityNumber.parse(Fixtures.personnummer(1990, 1, 1, serial: 639), today: Fixtures.t0)
            await #expect(throws: DomainError.self) { try await app.services.auth.startCitizenSession(identityNumber: stranger, method: "test", requestId: "t") }
            do {
                _ = try await app.services.auth.startCitizenSession(identityNumber: stranger, method: "test", requestId: "t")
            } catch let e as DomainError {
                #expect(e.kind == .notFound && e.message.contains("Vi hittar inga uppgifter om dig"))
            }
            let rows = try await app.services.accessLog.recent(committeeId: nil, limit: 20).filter { $0.entry.detail == "citizen_no_file" }
            #expect(rows.count == 2 && rows.allSatisfy { $0.entry.outcome == .denied })
            // The citizen account is made once, at the first login, and has no password.
            _ = try await citizen(app, anna.number)
            let accounts = try await SQLUserStore(database: app.db).all().filter { $0.personId == anna.personId }
            #expect(accounts.count == 1 && accounts[0].role == .citizen)
            var pw = Browser()
            _ = try await pw.login(client, accounts[0].username, password: Authenticator.noPassword)
            #expect(try await pw.get(client, "/own").status != .ok)
        }
    }
}
