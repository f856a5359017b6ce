import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// The case flow's pages and API: each rule of the issue as a person at the form or a client of the API meets it.
@Suite("Case flow pages and API")
struct CaseFlowWebTests {
    let api = APITests()

    static func session(_ app: TestApp) async throws -> UUID {
        let s = InformationSession(id: UUID(), unitId: "jobbtorg-kista", startsAt: Fixtures.t0.addingTimeInterval(6 * 86_400), location: "Kista", places: 10)
        try await app.services.caseStore.addSession(s)
        return s.id
    }

    @Test("Calendar API: working days, named holidays and eves, five working days later; a date that does not exist is a 422", arguments: TestDatabase.kinds)
    func calendar(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            let (mid, midJson) = try await api.call(client, .get, "/api/v1/calendar/2026-06-19", token: nil)
            #expect(mid.status == .ok)
            #expect(midJson["isWorkingDay"] as? Bool == false && midJson["holiday"] as? String == "Midsommarafton" && midJson["weekday"] as? String == "fredag")
            let (_, good) = try await api.call(client, .get, "/api/v1/calendar/2026-03-31", token: nil)
            #expect(good["isWorkingDay"] as? Bool == true && good["holiday"] == nil)
            // Långfredagen and annandag påsk are skipped.
            #expect(good["fiveWorkingDaysLater"] as? String == "2026-04-09")
            let (_, good2) = try await api.call(client, .get, "/api/v1/calendar/2026-04-03", token: nil)
            #expect(good2["holiday"] as? String == "Långfredagen")
            let (bad, badJson) = try await api.call(client, .get, "/api/v1/calendar/2026-02-30", token: nil)
            #expect(bad.status == .unprocessableContent && api.fields(badJson) == ["date"])
        }
    }

    @Test("API: consent, referral, acceptance with jobPlanDue, plans with 412 on a stale version, attendance only for the enrolled, one closure", arguments: TestDatabase.kinds)
    func apiFlow(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let session = try await Self.session(app)
            let sara = try await api.token(client, "socialsekreterare")
            let carl = try await api.token(client, "coach")
            let body = #"{"personalIdentityNumber":"\#(Fixtures.personnummer(1981, 5, 5, serial: 515))","firstName":"Rut","lastName":"Remiss"}"#
            let (_, person) = try await api.call(client, .post, "/api/v1/persons", token: sara, body: body)
            let pid = try #require(person["id"] as? String)
            #expect(try await api.call(client, .post, "/api/v1/persons/\(pid)/cases", token: sara, body: #"{"source":"application","channel":"visit"}"#).0.status == .created)
            let refer = #"{"toUnitId":"jobbtorg-kista","route":"group_information","sessionId":"\#(session.uuidString)","reason":"Vill ha stöd att hitta arbete inom vården","workShouldBeTried":true}"#
            // No consent: a structured error naming the consent, nothing saved.
            let (noConsent, noConsentJson) = try await api.call(client, .post, "/api/v1/persons/\(pid)/referrals", token: sara, body: refer)
            #expect(noConsent.status == .unprocessableContent && api.fields(noConsentJson) == ["consent"])
            let consent = #"{"recipientCommitteeId":"arbetsmarknadsnamnden","scopes":["referral","plans","attendance"],"purpose":"Planering mot arbete","validFrom":"2026-11-18","validTo":"2027-11-17","method":"written"}"#
            let (recorded, consentJson) = try await api.call(client, .post, "/api/v1/persons/\(pid)/consents", token: sara, body: consent)
            #expect(recorded.status == .created && consentJson["state"] as? String == "active")
            let (sent, referral) = try await api.call(client, .post, "/api/v1/persons/\(pid)/referrals", token: sara, body: refer)
            #expect(sent.status == .created && referral["answerDue"] as? String == "2026-11-25")
            let rid = try #require(referral["id"] as? String)
            // The coach answers; a stale version is a 412.
            #expect(try await api.call(client, .post, "/api/v1/referrals/\(rid)/answer", token: carl, body: #"{"accept":true,"version":7}"#).0.status == .preconditionFailed)
            let (answered, answer) = try await api.call(client, .post, "/api/v1/referrals/\(rid)/answer", token: carl, body: #"{"accept":true,"version":1}"#)
            #expect(answered.status == .ok && answer["status"] as? String == "accepted")
            let eid = try #require(answer["enrolmentId"] as? String)
            let (_, enrolment) = try await api.call(client, .get, "/api/v1/enrolments/\(eid)", token: carl)
            #expect(enrolment["enrolledOn"] as? String == "2026-11-18" && enrolment["jobPlanDue"] as? String == "2026-11-25")
            // The district sees the enrolment's status too; the task list has the jobbplan.
            #expect(try await api.call(client, .get, "/api/v1/enrolments/\(eid)", token: sara).0.status == .ok)
            let (_, tasks) = try await api.call(client, .get, "/api/v1/tasks", token: carl)
            #expect((tasks["mine"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["job_plan_due"])

            // A plan without a dated sub-goal is refused; then saved; a stale update is a 412 and changes nothing.
            let (noGoal, noGoalJson) = try await api.call(
                client, .post, "/api/v1/persons/\(pid)/plans", token: carl, body: #"{"kind":"job_plan","goal":"Arbete som undersköterska","subGoals":[],"nextFollowUp":"2027-01-10"}"#)
            #expect(noGoal.status == .unprocessableContent && api.fields(noGoalJson).contains("sg1What"))
            let planBody = #"{"kind":"job_plan","goal":"Arbete som undersköterska","subGoals":[{"what":"Studiebesök på vårdutbildning","responsible":"Rut","date":"2026-12-05"}],"nextFollowUp":"2027-01-10"}"#
            let (created, plan) = try await api.call(client, .post, "/api/v1/persons/\(pid)/plans", token: carl, body: planBody)
            #expect(created.status == .created && plan["version"] as? Int == 1)
            let planId = try #require(plan["id"] as? String)
            let update = #"{"goal":"Arbete som undersköterska i hemtjänsten","subGoals":[{"what":"Söka tre tjänster","responsible":"Rut","date":"2026-12-20"}],"nextFollowUp":"2027-02-01","version":1}"#
            #expect(try await api.call(client, .put, "/api/v1/plans/\(planId)", token: carl, body: update).0.status == .ok)
            let (stale, staleJson) = try await api.call(client, .put, "/api/v1/plans/\(planId)", token: carl, body: update)
            #expect(stale.status == .preconditionFailed && api.errorCode(staleJson) == "stale_version")
            let (_, current) = try await api.call(client, .get, "/api/v1/plans/\(planId)", token: sara)
            #expect(current["version"] as? Int == 2 && current["goal"] as? String == "Arbete som undersköterska i hemtjänsten")

            // Attendance for someone not enrolled, and on a date that does not exist.
            let (notEnrolled, notEnrolledJson) = try await api.call(
                client, .post, "/api/v1/enrolments/\(UUID().uuidString)/attendance", token: carl, body: #"{"date":"2026-11-18","activity":"Verkstad","status":"present"}"#)
            #expect(notEnrolled.status == .unprocessableContent && api.fields(notEnrolledJson) == ["date"])
            let (badDay, _) = try await api.call(
                client, .post, "/api/v1/enrolments/\(eid)/attendance", token: carl, body: #"{"date":"2026-11-31","activity":"Verkstad","status":"present"}"#)
            #expect(badDay.status == .unprocessableContent)
            #expect(try await api.call(client, .post, "/api/v1/enrolments/\(eid)/attendance", token: carl, body: #"{"date":"2026-11-18","activity":"Verkstad","status":"present"}"#).0.status == .created)
            let (_, report) = try await api.call(client, .get, "/api/v1/enrolments/\(eid)/attendance", token: sara)
            #expect((report["records"] as? [Any])?.isEmpty == true && (report["months"] as? [[String: Any]])?.first?["present"] as? Int == 1)

            // Closure once; the second is a conflict.
            // To studies without the kind and study allowance: 422 naming both, nothing saved.
            let (bare, bareJson) = try await api.call(client, .post, "/api/v1/enrolments/\(eid)/closure", token: carl, body: #"{"reason":"studies","version":1}"#)
            let bareFields = ((bareJson["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
            #expect(bare.status == .unprocessableContent && Set(bareFields) == ["studyKind", "studyAllowance"])
            let (closed, closedJson) = try await api.call(
                client, .post, "/api/v1/enrolments/\(eid)/closure", token: carl, body: #"{"reason":"studies","version":1,"studies":{"kind":"komvux","studyAllowance":true}}"#)
            #expect(closed.status == .ok && closedJson["status"] as? String == "closed")
            let closure = closedJson["closure"] as? [String: Any]
            #expect((closure?["studies"] as? [String: Any])?["kind"] as? String == "komvux" && closure?["countsAsWorkOrStudies"] as? Bool == true)
            // The district reads the closure with the enrolment.
            let (_, seen) = try await api.call(client, .get, "/api/v1/enrolments/\(eid)", token: sara)
            #expect((seen["closure"] as? [String: Any])?["reason"] as? String == "studies")
            let (twice, twiceJson) = try await api.call(client, .post, "/api/v1/enrolments/\(eid)/closure", token: carl, body: #"{"reason":"work","version":2}"#)
            #expect(twice.status == .conflict && api.errorCode(twiceJson) == "conflict")
            let (_, overview) = try await api.call(client, .get, "/api/v1/persons/\(pid)/case", token: sara)
            #expect((overview["checks"] as? [[String: Any]])?.first?["closureReason"] as? String == "studies")
        }
    }

    @Test("Pages: Swedish errors for a referral without consent, a plan without a dated sub-goal, a second closure; the person page lists consents", arguments: TestDatabase.kinds)
    func pages(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let session = try await Self.session(app)
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            _ = try await sara.get(client, "/persons/new")
            let reg = try await sara.post(client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1983, 8, 8, serial: 818), "firstName": "Sam", "lastName": "Sida"])
            let pid = try #require(reg.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            let casePage = try await sara.get(client, "/persons/\(pid)/case")
            #expect(casePage.status == .ok && casePage.text.contains("Registrera aktualisering"))
            #expect(try await sara.post(client, "/persons/\(pid)/case", ["source": "application", "channel": "visit", "openedOn": "2026-02-30"]).status == .unprocessableContent)
            #expect(try await sara.post(client, "/persons/\(pid)/case", ["source": "application", "channel": "visit", "openedOn": ""]).status == .seeOther)
            _ = try await sara.post(client, "/persons/\(pid)/obstacles", ["adult": "applicant", "code": "arbetslos_ingen_ersattning", "judgedOn": ""])
            _ = try await sara.get(client, "/persons/\(pid)/referrals/new")
            let refer = ["toUnit": "jobbtorg-kista", "route": "group_information", "session": session.uuidString.lowercased(), "reason": "Söker arbete inom lager och vill ha stöd"]
            let refused = try await sara.post(client, "/persons/\(pid)/referrals", refer)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Det finns inget giltigt samtycke"))
            _ = try await sara.get(client, "/persons/\(pid)/consents/new")
            let consent = try await sara.post(
                client, "/persons/\(pid)/consents",
                pairs: [("recipient", "arbetsmarknadsnamnden"), ("scopes", "referral"), ("scopes", "plans"), ("purpose", "Planering mot arbete"), ("validFrom", "2026-11-18"), ("validTo", "2027-05-31"), ("method", "oral")])
            #expect(consent.status == .seeOther)
            // Withdrawing with a stale version changes nothing and says so in Swedish.
            let recorded = try #require(try await app.services.caseStore.consents(personId: UUID(uuidString: pid)!).first)
            let stale = try await sara.post(client, "/consents/\(recorded.id.uuidString.lowercased())/withdraw", ["version": "9"])
            #expect(stale.status == .conflict && stale.text.contains("Någon annan hann före"))
            #expect(try await app.services.caseStore.consent(id: recorded.id)?.withdrawnAt == nil)
            let personPage = try await sara.get(client, "/persons/\(pid)")
            #expect(personPage.text.contains("Remissen: identitet, ärende och skäl för remiss; Planer: arbetsplan och jobbplan") && personPage.text.contains("Gäller 2026-11-18 – 2027-05-31"))
            _ = try await sara.get(client, "/persons/\(pid)/referrals/new")
            #expect(try await sara.post(client, "/persons/\(pid)/referrals", refer).status == .seeOther)
            #expect(try await sara.get(client, "/persons/\(pid)/case").text.contains("Skickad, väntar på svar"))

            var carl = Browser()
            _ = try await carl.login(client, "coach")
            let inbox = try await carl.get(client, "/referrals")
            let rid = try #require(inbox.text.range(of: #"/referrals/([0-9a-f-]{36})"#, options: .regularExpression).map { String(inbox.text[$0].dropFirst(11)) })
            _ = try await carl.get(client, "/referrals/\(rid)")
            #expect(try await carl.post(client, "/referrals/\(rid)/answer", ["decision": "accept", "enrolledOn": "", "version": "1"]).status == .seeOther)
            let jobbtorgCase = try await carl.get(client, "/persons/\(pid)/case")
            #expect(jobbtorgCase.text.contains("Första jobbplanen senast") && jobbtorgCase.text.contains("2026-11-25"))
            #expect(try await carl.get(client, "/tasks").text.contains("Första jobbplanen"))
            _ = try await carl.get(client, "/persons/\(pid)/plans/new?kind=job_plan")
            let noGoal = try await carl.post(client, "/persons/\(pid)/plans?kind=job_plan", ["goal": "Arbete på lager i Stockholm", "nextFollowUp": "2027-01-10"])
            #expect(noGoal.status == .unprocessableContent && noGoal.text.contains("minst ett individuellt delmål"))
            let saved = try await carl.post(
                client, "/persons/\(pid)/plans?kind=job_plan",
                ["goal": "Arbete på lager i Stockholm", "sg1What": "Truckkort", "sg1Who": "Sam", "sg1Date": "2026-12-15", "nextFollowUp": "2027-01-10"])
            #expect(saved.status == .seeOther)
            #expect(!(try await carl.get(client, "/tasks").text.contains("Första jobbplanen")))
            let enrolment = try #require(try await app.services.caseStore.enrolments(personId: UUID(uuidString: pid)!).first)
            _ = try await carl.get(client, "/persons/\(pid)/case")
            let closure = try await carl.get(client, "/enrolments/\(enrolment.id.uuidString.lowercased())/closure?step=1&reason=work&closedOn=")
            #expect(closure.status == .ok && closure.text.contains("Arbetsgivare"))
            let bare = try await carl.post(client, "/enrolments/\(enrolment.id.uuidString.lowercased())/close", ["reason": "work", "detail": "", "closedOn": "", "version": "1"])
            #expect(bare.status == .unprocessableContent && bare.text.contains("Ange arbetsgivaren") && bare.text.contains("Ange när anställningen börjar"))
            #expect(try await app.services.caseStore.enrolment(id: enrolment.id)?.status == .active)
            #expect(
                try await carl.post(
                    client, "/enrolments/\(enrolment.id.uuidString.lowercased())/close",
                    ["reason": "work", "detail": "", "closedOn": "", "version": "1", "employer": "Lagerbolaget AB", "extentPercent": "100", "workStart": "2026-12-01"]
                ).status == .seeOther)
            let second = try await carl.post(client, "/enrolments/\(enrolment.id.uuidString.lowercased())/close", ["reason": "studies", "detail": "", "closedOn": "", "version": "2"])
            #expect(second.status == .conflict && second.text.contains("redan avslutad"))
            // Another district's worker gets 404 for the case page.
            _ = try await Fixtures.user(app.db, "bromma", role: .socialSecretary, unit: "bromma-ekonomiskt-bistand", passwordHash: try await app.services.hasher.hash(TestApp.password))
            var other = Browser()
            _ = try await other.login(client, "bromma")
            #expect(try await other.get(client, "/persons/\(pid)/case").status == .notFound)
            // The timeline tells what happened, who and when.
            let timeline = try await sara.get(client, "/persons/\(pid)/timeline")
            #expect(timeline.text.contains("Samtycke dokumenterades") && timeline.text.contains("Remiss till Jobbtorg skickades"))
        }
    }
}
