import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// The closure flow's two steps and the roll-call, as a coach meets them at the forms.
@Suite("Closure flow and roll-call pages")
struct ClosureRollCallWebTests {
    let api = APITests()

    /// A person enrolled at Jobbtorg Kista through the API, with a running episode in Matchning mot lediga jobb.
    func enrolledWithEpisode(_ app: TestApp, _ client: some TestClientProtocol, serial: Int) async throws -> (pid: String, eid: String, episode: String) {
        _ = try await ReferenceCatalogue.load(into: app.db)
        let session = try await CaseFlowWebTests.session(app)
        let sara = try await api.token(client, "socialsekreterare")
        let carl = try await api.token(client, "coach")
        let body = #"{"personalIdentityNumber":"\#(Fixtures.personnummer(1982, 6, 6, serial: serial))","firstName":"Rolf","lastName":"Upprop"}"#
        let (_, person) = try await api.call(client, .post, "/api/v1/persons", token: sara, body: body)
        let pid = try #require(person["id"] as? String)
        _ = try await api.call(client, .post, "/api/v1/persons/\(pid)/cases", token: sara, body: #"{"source":"application","channel":"visit"}"#)
        let consent = #"{"recipientCommitteeId":"arbetsmarknadsnamnden","scopes":["referral","plans","attendance"],"purpose":"Planering mot arbete","validFrom":"2026-11-18","validTo":"2027-11-17","method":"written"}"#
        _ = try await api.call(client, .post, "/api/v1/persons/\(pid)/consents", token: sara, body: consent)
        let refer = #"{"toUnitId":"jobbtorg-kista","route":"group_information","sessionId":"\#(session.uuidString)","reason":"Vill ha stöd att hitta arbete inom vården","workShouldBeTried":true}"#
        let (_, referral) = try await api.call(client, .post, "/api/v1/persons/\(pid)/referrals", token: sara, body: refer)
        let rid = try #require(referral["id"] as? String)
        let (_, answer) = try await api.call(client, .post, "/api/v1/referrals/\(rid)/answer", token: carl, body: #"{"accept":true,"version":1}"#)
        let eid = try #require(answer["enrolmentId"] as? String)
        let (started, episode) = try await api.call(
            client, .post, "/api/v1/persons/\(pid)/episodes", token: carl, body: #"{"interventionId":"jobbtorg-matchning","start":"2026-11-18"}"#)
        #expect(started.status == .created)
        return (pid, eid, try #require(episode["id"] as? String))
    }

    @Test("Roll-call: a session by the coach, everyone booked listed, someone not booked refused with nothing saved, one record per person", arguments: TestDatabase.kinds)
    func rollCall(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let (pid, eid, episode) = try await enrolledWithEpisode(app, client, serial: 717)
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            #expect(try await carl.get(client, "/interventions").text.contains("/group-sessions"))
            _ = try await carl.get(client, "/group-sessions")
            let bad = try await carl.post(
                client, "/group-sessions", ["intervention": "jobbtorg-matchning", "date": "2026-11-18", "startTime": "12:00", "endTime": "09:00", "groupName": "Grupp A"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("Sluttiden ska vara efter starttiden"))
            let made = try await carl.post(
                client, "/group-sessions", ["intervention": "jobbtorg-matchning", "date": "2026-11-18", "startTime": "09:00", "endTime": "12:00", "groupName": "Grupp A"])
            #expect(made.status == .seeOther)
            let list = try await carl.get(client, "/group-sessions")
            let sid = try #require(list.text.range(of: #"/group-sessions/([0-9a-f-]{36})"#, options: .regularExpression).map { String(list.text[$0].dropFirst(16)) })
            let page = try await carl.get(client, "/group-sessions/\(sid)")
            #expect(page.status == .ok && page.text.contains("Upprop, Rolf") && page.text.contains("status-\(episode)"))

            // Someone not booked: a clear Swedish error, nothing saved.
            let stray = try await carl.post(client, "/group-sessions/\(sid)", ["status-\(episode)": "present", "status-\(UUID().uuidString.lowercased())": "present"])
            #expect(stray.status == .unprocessableContent && stray.text.contains("är inte bokad på passet. Inget sparades."))
            #expect(try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records.isEmpty)

            let saved = try await carl.post(client, "/group-sessions/\(sid)", ["status-\(episode)": "present"])
            #expect(saved.status == .seeOther)
            let records = try await app.services.caseStore.attendance(enrolmentId: UUID(uuidString: eid)!).records
            #expect(records.count == 1 && records.first?.episodeId?.uuidString.lowercased() == episode && records.first?.status == .present)
            #expect(try await carl.get(client, "/group-sessions/\(sid)").text.contains("Registrerad: Närvarande"))
            // The week shows it on the episode's row.
            let week = try await carl.get(client, "/enrolments/\(eid)/attendance/week?week=2026-11-18")
            #expect(week.status == .ok && week.text.contains("Matchning mot lediga jobb") && week.text.contains("Närvarande"))
            // The district cannot open the roll-call.
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            #expect(try await sara.get(client, "/group-sessions/\(sid)").status == .notFound)
            _ = pid
        }
    }

    @Test("Closure: step 1 needs a reason; step 2 asks for the work details, warns about the running episode and ends it with the closure", arguments: TestDatabase.kinds)
    func closure(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let (pid, eid, episode) = try await enrolledWithEpisode(app, client, serial: 727)
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            let casePage = try await carl.get(client, "/persons/\(pid)/case")
            #expect(casePage.text.contains("/enrolments/\(eid)/closure"))
            let noReason = try await carl.get(client, "/enrolments/\(eid)/closure?step=1&closedOn=2026-11-18")
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("Välj skälet till avslutet."))
            let step2 = try await carl.get(client, "/enrolments/\(eid)/closure?step=1&reason=work&closedOn=2026-11-18")
            #expect(step2.status == .ok && step2.text.contains("Avsluta: Matchning mot lediga jobb") && step2.text.contains("Gör månaden slutlig: 2026-11"))
            let future = try await carl.post(
                client, "/enrolments/\(eid)/close",
                pairs: [("reason", "work"), ("closedOn", "2026-11-19"), ("version", "1"), ("employer", "Vårdbolaget"), ("extentPercent", "100"), ("workStart", "2026-12-01"), ("endEpisodes", episode)])
            #expect(future.status == .unprocessableContent && future.text.contains("Ett avslut kan inte registreras i förväg"))
            let done = try await carl.post(
                client, "/enrolments/\(eid)/close",
                pairs: [
                    ("reason", "work"), ("closedOn", "2026-11-18"), ("version", "1"), ("employer", "Vårdbolaget"), ("extentPercent", "100"), ("workStart", "2026-12-01"),
                    ("endEpisodes", episode), ("finaliseMonths", "2026-11"),
                ])
            #expect(done.status == .seeOther)
            let ended = try await SQLEpisodeStore(database: app.db).episode(id: UUID(uuidString: episode)!)
            #expect(ended?.outcome == .work && ended?.actualEnd == LocalDate("2026-11-18"))
            let after = try await carl.get(client, "/persons/\(pid)/case")
            #expect(after.text.contains("Vårdbolaget") && after.text.contains("100 % av heltid"))
            // The district sees the closure and its details.
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            let district = try await sara.get(client, "/persons/\(pid)/case")
            #expect(district.text.contains("Vårdbolaget") && district.text.contains("Räknas som arbete eller studier (Kolada)"))
        }
    }
}
