import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// The joint need assessment over the API and the pages: the suggestion is advice, the units' views, a decision
/// by named people from both units, the case flow's secrecy, the rule versions with the what-if run, and the
/// fairness report.
@Suite("Need assessment pages and API")
struct NeedAssessmentWebTests {
    let api = APITests()

    /// A JSON array answer (the API's list endpoints), or nil.
    func array(_ r: TestResponse) -> [[String: Any]]? {
        (try? JSONSerialization.jsonObject(with: Data(r.text.utf8))) as? [[String: Any]]
    }

    /// A JSON body with the values escaped properly.
    func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// Registers a person with an active district case at Spånga-Tensta (by the social secretary); returns the person's id.
    func personWithCase(_ client: some TestClientProtocol, token sara: String, serial: Int, first: String = "Nora", last: String = "Behov") async throws -> String {
        let body = #"{"personalIdentityNumber":"\#(Fixtures.personnummer(1984, 4, 4, serial: serial))","firstName":"\#(first)","lastName":"\#(last)"}"#
        let (registered, person) = try await api.call(client, .post, "/api/v1/persons", token: sara, body: body)
        #expect(registered.status == .created)
        let pid = try #require(person["id"] as? String)
        #expect(try await api.call(client, .post, "/api/v1/persons/\(pid)/cases", token: sara, body: #"{"source":"application","channel":"visit"}"#).0.status == .created)
        return pid
    }

    /// Gives consent with the scopes, refers the person to Jobbtorg Kista and lets the coach accept: the person is enrolled.
    func enrol(_ app: TestApp, _ client: some TestClientProtocol, pid: String, sara: String, carl: String, scopes: [String]) async throws {
        let session = try await CaseFlowWebTests.session(app)
        let consent = try json([
            "recipientCommitteeId": "arbetsmarknadsnamnden", "scopes": scopes, "purpose": "Planering mot arbete", "validFrom": "2026-11-18", "validTo": "2027-11-17",
            "method": "written",
        ])
        let (recorded, consentJson) = try await api.call(client, .post, "/api/v1/persons/\(pid)/consents", token: sara, body: consent)
        #expect(recorded.status == .created && consentJson["state"] as? String == "active")
        let refer = #"{"toUnitId":"jobbtorg-kista","route":"group_information","sessionId":"\#(session.uuidString)","reason":"Vill ha stöd att hitta arbete inom vården","workShouldBeTried":true}"#
        let (sent, referral) = try await api.call(client, .post, "/api/v1/persons/\(pid)/referrals", token: sara, body: refer)
        #expect(sent.status == .created)
        let rid = try #require(referral["id"] as? String)
        let (answered, answer) = try await api.call(client, .post, "/api/v1/referrals/\(rid)/answer", token: carl, body: #"{"accept":true,"version":1}"#)
        #expect(answered.status == .ok && answer["status"] as? String == "accepted")
    }

    static let fullScopes = ["referral", "plans", "attendance", "need_assessment"]

    @Test(
        "API: suggestion, start once, views with 412 on a stale version, disagreement, refused decisions change nothing, a joint decision, then 409",
        arguments: TestDatabase.kinds)
    func apiFlow(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let sara = try await api.token(client, "socialsekreterare")
            let carl = try await api.token(client, "coach")
            let anna = try await api.token(client, "analytiker")
            let pid = try await personWithCase(client, token: sara, serial: 414)
            try await enrol(app, client, pid: pid, sara: sara, carl: carl, scopes: Self.fullScopes)

            // No answers yet: the suggestion is "oklart" and names what is missing; the coach is offered as co-decider.
            let (read, overview) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            #expect(read.status == .ok)
            #expect(overview["side"] as? String == "district" && overview["enrolled"] as? Bool == true && overview["current"] == nil)
            let suggestion = try #require(overview["suggestion"] as? [String: Any])
            #expect(suggestion["code"] as? String == "oklart")
            #expect((suggestion["missing"] as? [Any])?.isEmpty == false)
            #expect(suggestion["ruleVersion"] as? Int == 1)
            let coDeciders = try #require(overview["coDeciders"] as? [[String: Any]])
            #expect(coDeciders.compactMap { $0["name"] as? String } == ["Coach"])
            let coachId = try #require(coDeciders.first?["id"] as? String)

            // Start: 201, then the open one again with 200.
            let (started, first) = try await api.call(client, .post, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            #expect(started.status == .created && first["status"] as? String == "open" && first["version"] as? Int == 1)
            #expect(first["jobbtorgUnitId"] as? String == "jobbtorg-kista")
            let aid = try #require(first["id"] as? String)
            let (again, second) = try await api.call(client, .post, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            #expect(again.status == .ok && second["id"] as? String == aid && second["version"] as? Int == 1)

            // The district's view bumps the version; the same version again is stale.
            let (viewed, afterView) = try await api.call(
                client, .post, "/api/v1/need-assessments/\(aid)/view", token: sara, body: #"{"category":"K2","parallel":false,"comment":"Behöver svenska först","version":1}"#)
            #expect(viewed.status == .ok && afterView["version"] as? Int == 2)
            #expect((afterView["districtView"] as? [String: Any])?["category"] as? String == "K2")
            #expect(afterView["inDisagreement"] as? Bool == false)
            let (stale, staleJson) = try await api.call(
                client, .post, "/api/v1/need-assessments/\(aid)/view", token: sara, body: #"{"category":"K3","parallel":true,"version":1}"#)
            #expect(stale.status == .preconditionFailed && api.errorCode(staleJson) == "stale_version")

            // Jobbtorg thinks otherwise: the units disagree.
            let (coachView, disagreed) = try await api.call(
                client, .post, "/api/v1/need-assessments/\(aid)/view", token: carl, body: #"{"category":"K4","parallel":false,"version":2}"#)
            #expect(coachView.status == .ok && disagreed["version"] as? Int == 3)
            #expect((disagreed["jobbtorgView"] as? [String: Any])?["category"] as? String == "K4")
            #expect(disagreed["inDisagreement"] as? Bool == true)

            // A suggestion that is "oklart" needs no reason, but a review date that has passed is refused.
            let past = try json(["category": "K2", "lead": "jobbtorg", "parallel": false, "reviewOn": "2026-11-01", "coDeciderId": coachId, "version": 3])
            let (pastReview, pastJson) = try await api.call(client, .post, "/api/v1/need-assessments/\(aid)/decision", token: sara, body: past)
            #expect(pastReview.status == .unprocessableContent && api.errorCode(pastJson) == "invalid_fields" && api.fields(pastJson) == ["reviewOn"])

            // A försörjningshinder (föräldrapenning) makes the suggestion concrete: K5.
            var browser = Browser()
            _ = try await browser.login(client, "socialsekreterare")
            _ = try await browser.get(client, "/persons/\(pid)/case")
            #expect(try await browser.post(client, "/persons/\(pid)/obstacles", ["adult": "applicant", "code": "foraldrapenning", "judgedOn": ""]).status == .seeOther)
            let (_, concrete) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            let k5 = try #require(concrete["suggestion"] as? [String: Any])
            #expect(k5["code"] as? String == "K5" && k5["ruleId"] as? String == "k5-inte-aktuell-nu")
            #expect((k5["reasons"] as? [Any])?.isEmpty == false && (k5["missing"] as? [Any])?.isEmpty == true)

            // Deciding K2 against the K5 suggestion without a reason: 422 on deviationReason, and the assessment stays open.
            let deviating = try json(["category": "K2", "lead": "jobbtorg", "parallel": false, "reviewOn": "2027-02-18", "coDeciderId": coachId, "version": 3])
            let (noReason, noReasonJson) = try await api.call(client, .post, "/api/v1/need-assessments/\(aid)/decision", token: sara, body: deviating)
            #expect(noReason.status == .unprocessableContent && api.fields(noReasonJson) == ["deviationReason"])
            // A joint assessment needs the co-decider from Jobbtorg.
            let alone = try json(["category": "K5", "lead": "district", "parallel": false, "reviewOn": "2027-02-18", "version": 3])
            let (noCo, noCoJson) = try await api.call(client, .post, "/api/v1/need-assessments/\(aid)/decision", token: sara, body: alone)
            #expect(noCo.status == .unprocessableContent && api.fields(noCoJson) == ["coDeciderId"])
            let (_, stillOpen) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            let open = try #require(stillOpen["current"] as? [String: Any])
            #expect(open["id"] as? String == aid && open["status"] as? String == "open" && open["decision"] == nil && open["version"] as? Int == 3)

            // The analyst's role may not decide: a structured 403, nothing saved.
            let decide = try json(["category": "K5", "lead": "district", "parallel": false, "reviewOn": "2027-02-18", "coDeciderId": coachId, "version": 3])
            let (byAnalyst, byAnalystJson) = try await api.call(client, .post, "/api/v1/need-assessments/\(aid)/decision", token: anna, body: decide)
            #expect(byAnalyst.status == .forbidden && api.errorCode(byAnalystJson) == "forbidden")

            // The decision, proposed by the social secretary with the coach: it waits for him.
            let (proposedCall, proposed) = try await api.call(client, .post, "/api/v1/need-assessments/\(aid)/decision", token: sara, body: decide)
            #expect(proposedCall.status == .ok && proposed["status"] as? String == "open" && proposed["decision"] == nil)
            let pending = try #require(proposed["pendingDecision"] as? [String: Any])
            #expect(pending["status"] as? String == "pending" && pending["coDeciderId"] as? String == coachId && pending["proposedBy"] as? String == "Socialsekreterare")
            let proposalId = try #require(pending["id"] as? String)
            // Someone else of Jobbtorg (the manager, a decider too) cannot confirm it for him: a structured 403, nothing saved.
            _ = try await Fixtures.user(app.db, "kistachef", role: .unitManager, unit: "jobbtorg-kista", passwordHash: try await app.services.hasher.hash(TestApp.password))
            let chef = try await api.token(client, "kistachef")
            let (byChef, byChefJson) = try await api.call(client, .post, "/api/v1/need-decisions/\(proposalId)/confirm", token: chef)
            #expect(byChef.status == .forbidden && api.errorCode(byChefJson) == "forbidden")
            let (bySara, _) = try await api.call(client, .post, "/api/v1/need-decisions/\(proposalId)/confirm", token: sara)
            #expect(bySara.status == .forbidden)
            // A decline needs a reason.
            let (noDeclineReason, noDeclineJson) = try await api.call(client, .post, "/api/v1/need-decisions/\(proposalId)/decline", token: carl, body: #"{"declineReason":"nej"}"#)
            #expect(noDeclineReason.status == .unprocessableContent && api.fields(noDeclineJson) == ["declineReason"])
            let (_, waiting) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: carl)
            #expect((waiting["current"] as? [String: Any])?["pendingDecision"] != nil)
            // The coach confirms: decided, in both names.
            let (decided, decision) = try await api.call(client, .post, "/api/v1/need-decisions/\(proposalId)/confirm", token: carl)
            #expect(decided.status == .ok && decision["status"] as? String == "decided" && decision["inDisagreement"] as? Bool == false)
            #expect((decision["proposals"] as? [[String: Any]])?.compactMap { $0["status"] as? String } == ["confirmed"])
            let (againConfirm, againJson) = try await api.call(client, .post, "/api/v1/need-decisions/\(proposalId)/confirm", token: carl)
            #expect(againConfirm.status == .conflict && api.errorCode(againJson) == "conflict")
            let (unknown, unknownJson) = try await api.call(client, .post, "/api/v1/need-decisions/\(UUID().uuidString)/confirm", token: carl)
            #expect(unknown.status == .notFound && api.errorCode(unknownJson) == "not_found")
            let d = try #require(decision["decision"] as? [String: Any])
            #expect(d["decidedBy"] as? String == "Socialsekreterare" && d["coDecidedBy"] as? String == "Coach")
            #expect(d["category"] as? String == "K5" && d["suggested"] as? String == "K5" && d["deviates"] as? Bool == false && d["ruleVersion"] as? Int == 1)
            #expect(d["reviewOn"] as? String == "2027-02-18" && d["decidedOn"] as? String == "2026-11-18")

            // Once decided, a second decision (even with the current version) is a conflict.
            let version = try #require(decision["version"] as? Int)
            let secondBody = try json(["category": "K5", "lead": "district", "parallel": false, "reviewOn": "2027-03-18", "coDeciderId": coachId, "version": version])
            let (twice, twiceJson) = try await api.call(client, .post, "/api/v1/need-assessments/\(aid)/decision", token: sara, body: secondBody)
            #expect(twice.status == .conflict && api.errorCode(twiceJson) == "conflict")
            let (_, after) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: carl)
            #expect(after["current"] == nil && after["side"] as? String == "jobbtorg")
            #expect((after["history"] as? [[String: Any]])?.map { $0["id"] as? String } == [aid])
        }
    }

    @Test("Secrecy: Jobbtorg without the need-assessment consent scope gets 403 saying so; a worker of another committee gets 404", arguments: TestDatabase.kinds)
    func secrecy(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let sara = try await api.token(client, "socialsekreterare")
            let carl = try await api.token(client, "coach")
            let pid = try await personWithCase(client, token: sara, serial: 424, first: "Siv", last: "Sekret")
            // Enrolled, but the consent does not cover the need assessment.
            try await enrol(app, client, pid: pid, sara: sara, carl: carl, scopes: ["referral", "plans", "attendance"])
            let (coachRead, coachJson) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: carl)
            #expect(coachRead.status == .forbidden && api.errorCode(coachJson) == "forbidden")
            let (coachStart, coachStartJson) = try await api.call(client, .post, "/api/v1/persons/\(pid)/need-assessments", token: carl)
            #expect(coachStart.status == .forbidden && api.errorCode(coachStartJson) == "forbidden")

            // The district starts one; the coach still cannot give a view on it.
            let (started, a) = try await api.call(client, .post, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            #expect(started.status == .created)
            let aid = try #require(a["id"] as? String)
            let (coachView, coachViewJson) = try await api.call(
                client, .post, "/api/v1/need-assessments/\(aid)/view", token: carl, body: #"{"category":"K2","parallel":false,"version":1}"#)
            #expect(coachView.status == .forbidden && api.errorCode(coachViewJson) == "forbidden")

            // A social secretary of another district committee.
            _ = try await Fixtures.user(app.db, "bromma", role: .socialSecretary, unit: "bromma-ekonomiskt-bistand", passwordHash: try await app.services.hasher.hash(TestApp.password))
            let bea = try await api.token(client, "bromma")
            let (other, otherJson) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: bea)
            #expect(other.status == .notFound && api.errorCode(otherJson) == "not_found")
            let (otherView, otherViewJson) = try await api.call(
                client, .post, "/api/v1/need-assessments/\(aid)/view", token: bea, body: #"{"category":"K2","parallel":false,"version":1}"#)
            #expect(otherView.status == .notFound && api.errorCode(otherViewJson) == "not_found")
            let (otherDecide, otherDecideJson) = try await api.call(
                client, .post, "/api/v1/need-assessments/\(aid)/decision", token: bea, body: #"{"category":"K2","lead":"jobbtorg","parallel":false,"reviewOn":"2027-02-18","version":1}"#)
            #expect(otherDecide.status == .notFound && api.errorCode(otherDecideJson) == "not_found")
            // Nothing was changed by the refused calls.
            let (_, still) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            let current = try #require(still["current"] as? [String: Any])
            #expect(current["version"] as? Int == 1 && current["jobbtorgView"] == nil && current["districtView"] == nil)
        }
    }

    @Test("Rules: two versions, version 1 in use; what-if with numbers; a definition using age is refused; roles", arguments: TestDatabase.kinds)
    func rules(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { _, client in
            let anna = try await api.token(client, "analytiker")
            let carl = try await api.token(client, "coach")
            let (listed, _) = try await api.call(client, .get, "/api/v1/need-rules", token: anna)
            #expect(listed.status == .ok)
            let versions = try #require(array(listed))
            #expect(versions.compactMap { $0["version"] as? Int } == [1, 2])
            #expect(versions.compactMap { $0["active"] as? Bool } == [true, false])
            #expect((versions.first?["categories"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["K1", "K2", "K3", "K4", "K5"])
            // Deciders may read the rule versions too.
            #expect(try await api.call(client, .get, "/api/v1/need-rules", token: carl).0.status == .ok)

            let (tried, result) = try await api.call(client, .post, "/api/v1/need-rules/what-if", token: anna, body: #"{"version":2}"#)
            #expect(tried.status == .ok)
            #expect(result["people"] is Int && result["currentVersion"] as? Int == 1 && result["candidateVersion"] as? Int == 2)
            #expect(result["changed"] is String)

            let definition = try json([
                "id": "prov", "version": 9, "title": "Prövning",
                "categories": [["code": "K1", "title": "Arbetsredo", "description": "Kan matchas mot arbete nu.", "lead": "jobbtorg", "parallel": false, "reviewMonths": 6]],
                "rules": [["id": "aldre", "category": "K1", "explanation": "Efter ålder.", "when": ["concept": "person.age", "operator": "at_least", "value": 30]]],
            ])
            let (refused, refusedJson) = try await api.call(client, .post, "/api/v1/need-rules/what-if", token: anna, body: try json(["definition": definition]))
            #expect(refused.status == .unprocessableContent && api.fields(refusedJson) == ["definition"])
            let message = ((refusedJson["error"] as? [String: Any])?["fields"] as? [[String: Any]])?.first?["message"] as? String ?? ""
            #expect(message.contains("ålder"))
            // Neither version nor definition.
            let (empty, emptyJson) = try await api.call(client, .post, "/api/v1/need-rules/what-if", token: anna, body: "{}")
            #expect(empty.status == .unprocessableContent && api.fields(emptyJson) == ["version"])

            let (coachTry, coachTryJson) = try await api.call(client, .post, "/api/v1/need-rules/what-if", token: carl, body: #"{"version":2}"#)
            #expect(coachTry.status == .forbidden && api.errorCode(coachTryJson) == "forbidden")
            let (activate, activateJson) = try await api.call(client, .put, "/api/v1/need-rules/active", token: anna, body: #"{"version":2}"#)
            #expect(activate.status == .forbidden && api.errorCode(activateJson) == "forbidden")
            let (unchanged, _) = try await api.call(client, .get, "/api/v1/need-rules", token: anna)
            #expect(array(unchanged)?.compactMap { $0["active"] as? Bool } == [true, false])
        }
    }

    @Test("Fairness report: one decision shows as <5; a date that does not exist is a 422; a coach may not read it", arguments: TestDatabase.kinds)
    func fairness(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { _, client in
            let sara = try await api.token(client, "socialsekreterare")
            let anna = try await api.token(client, "analytiker")
            let carl = try await api.token(client, "coach")
            let period = "/api/v1/reports/need-fairness?from=2020-01-01&to=2030-12-31"
            let (before, empty) = try await api.call(client, .get, period, token: anna)
            #expect(before.status == .ok)
            #expect((empty["total"] as? [String: Any])?["people"] as? String == "0")

            // A district-only assessment (not enrolled): decided without a co-decider.
            let pid = try await personWithCase(client, token: sara, serial: 434, first: "Rita", last: "Rättvis")
            let (_, a) = try await api.call(client, .post, "/api/v1/persons/\(pid)/need-assessments", token: sara)
            let aid = try #require(a["id"] as? String)
            #expect(a["jobbtorgUnitId"] == nil)
            let (decided, decision) = try await api.call(
                client, .post, "/api/v1/need-assessments/\(aid)/decision", token: sara,
                body: #"{"category":"K4","lead":"district","parallel":false,"reviewOn":"2027-02-18","version":1}"#)
            #expect(decided.status == .ok && decision["status"] as? String == "decided")
            #expect((decision["decision"] as? [String: Any])?["suggested"] as? String == "oklart" && (decision["decision"] as? [String: Any])?["coDecidedBy"] == nil)

            let (read, report) = try await api.call(client, .get, period, token: anna)
            #expect(read.status == .ok && report["from"] as? String == "2020-01-01" && report["to"] as? String == "2030-12-31")
            let total = try #require(report["total"] as? [String: Any])
            #expect(total["people"] as? String == "<5")
            let codes = try #require(report["categoryCodes"] as? [String])
            let decidedCells = try #require(total["decided"] as? [String])
            #expect(decidedCells.count == codes.count)
            if let k4 = codes.firstIndex(of: "K4") { #expect(decidedCells[k4] == "<5") } else { Issue.record("K4 is not among \(codes)") }
            #expect(!report.description.contains("Rita") && !report.description.contains(pid))

            let (bad, badJson) = try await api.call(client, .get, "/api/v1/reports/need-fairness?from=2026-13-01&to=2030-12-31", token: anna)
            #expect(bad.status == .unprocessableContent && api.fields(badJson) == ["from"])
            let (coach, coachJson) = try await api.call(client, .get, period, token: carl)
            #expect(coach.status == .forbidden && api.errorCode(coachJson) == "forbidden")
        }
    }

    @Test("Pages: the suggestion is called advice; a passed review date in Swedish; the rules page by role; the fairness page is closed to coaches", arguments: TestDatabase.kinds)
    func pages(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            _ = try await sara.get(client, "/persons/new")
            let reg = try await sara.post(client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1986, 6, 6, serial: 616), "firstName": "Pia", "lastName": "Sida"])
            let pid = try #require(reg.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            _ = try await sara.get(client, "/persons/\(pid)/case")
            #expect(try await sara.post(client, "/persons/\(pid)/case", ["source": "application", "channel": "visit", "openedOn": ""]).status == .seeOther)

            let page = try await sara.get(client, "/persons/\(pid)/need-assessment")
            #expect(page.status == .ok && page.text.contains("Förslag från reglerna – inte ett beslut"))
            #expect(page.text.contains("Starta behovsbedömning"))
            let started = try await sara.post(client, "/persons/\(pid)/need-assessment", [:])
            #expect(started.status == .seeOther && started.location == "/persons/\(pid)/need-assessment?saved=started")
            let open = try await sara.get(client, "/persons/\(pid)/need-assessment?saved=started")
            #expect(open.status == .ok && open.text.contains("Fatta beslut"))
            // The form starts empty: no option is chosen for the decider.
            let formStart = try #require(open.text.range(of: "id=\"decision\""))
            let form = String(open.text[formStart.lowerBound...])
            #expect(!form.contains(" checked"))
            let found = try #require(open.text.range(of: #"/need-assessments/[0-9a-f-]{36}/decision"#, options: .regularExpression))
            let action = String(open.text[found])
            let aid = try #require(UUID(uuidString: String(action.dropFirst("/need-assessments/".count).prefix(36))))

            let refused = try await sara.post(client, action, ["category": "K2", "lead": "jobbtorg", "parallel": "no", "reviewOn": "2026-11-01", "deviationReason": "", "version": "1"])
            #expect(refused.status == .unprocessableContent && refused.text.contains("Uppföljningsdatumet har redan passerat"))
            #expect(try await app.services.needStore.needAssessment(id: aid)?.status == .open)

            var anna = Browser()
            _ = try await anna.login(client, "analytiker")
            let rulesForAnalyst = try await anna.get(client, "/need-assessment")
            #expect(rulesForAnalyst.status == .ok && rulesForAnalyst.text.contains("Pröva en regelversion") && rulesForAnalyst.text.contains("Version 2"))
            let rulesForDecider = try await sara.get(client, "/need-assessment")
            #expect(rulesForDecider.status == .ok && rulesForDecider.text.contains("Version 1") && !rulesForDecider.text.contains("Pröva en regelversion"))
            #expect(try await anna.get(client, "/need-assessment/fairness").status == .ok)

            var carl = Browser()
            _ = try await carl.login(client, "coach")
            #expect(try await carl.get(client, "/need-assessment/fairness").status == .forbidden)
        }
    }
    @Test(
        "Pages: a joint decision is proposed, refused to anyone but the named co-decider (403), withdrawn (then 409), declined only with a reason (422), confirmed once (then 409)",
        arguments: TestDatabase.kinds)
    func jointDecisionPages(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let saraToken = try await api.token(client, "socialsekreterare")
            let carlToken = try await api.token(client, "coach")
            let pid = try await personWithCase(client, token: saraToken, serial: 444, first: "Gun", last: "Gemensam")
            try await enrol(app, client, pid: pid, sara: saraToken, carl: carlToken, scopes: Self.fullScopes)
            let (_, overview) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: saraToken)
            let coachId = try #require((overview["coDeciders"] as? [[String: Any]])?.first?["id"] as? String)
            let page = "/persons/\(pid)/need-assessment"

            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            _ = try await sara.get(client, page)
            #expect(try await sara.post(client, page, [:]).status == .seeOther)
            let open = try await sara.get(client, page)
            #expect(open.text.contains("Reglernas förslag: oklart") && open.text.contains("Föreslå beslutet för bekräftelse"))
            let formStart = try #require(open.text.range(of: "id=\"decision\""))
            let form = String(open.text[formStart.lowerBound...])
            #expect(!form.contains(" checked"))
            let aid = try #require(overviewAssessmentId(try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: saraToken).1))
            func propose() async throws -> TestResponse {
                _ = try await sara.get(client, page)
                let (_, ov) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: saraToken)
                let version = try #require((ov["current"] as? [String: Any])?["version"] as? Int)
                return try await sara.post(
                    client, "/need-assessments/\(aid)/decision",
                    ["category": "K2", "lead": "jobbtorg", "parallel": "no", "reviewOn": "2027-02-18", "deviationReason": "", "coDeciderId": coachId, "version": String(version)])
            }
            func pendingId() async throws -> String {
                let (_, ov) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: saraToken)
                return try #require(((ov["current"] as? [String: Any])?["pendingDecision"] as? [String: Any])?["id"] as? String)
            }
            let proposed = try await propose()
            #expect(proposed.status == .seeOther && proposed.location == page + "?saved=proposed")
            let waiting = try await sara.get(client, proposed.location ?? page)
            #expect(waiting.text.contains("Väntar på bekräftelse") && waiting.text.contains("Återkalla förslaget") && !waiting.text.contains("Bekräfta beslutet"))
            let first = try await pendingId()

            // The Jobbtorg manager may read it but not confirm it: 403 with the Swedish reason, nothing saved.
            _ = try await Fixtures.user(app.db, "chefen", role: .unitManager, unit: "jobbtorg-kista", passwordHash: try await app.services.hasher.hash(TestApp.password))
            var chef = Browser()
            _ = try await chef.login(client, "chefen")
            #expect(try await chef.get(client, page).text.contains("Väntar på bekräftelse"))
            let byChef = try await chef.post(client, "/need-decisions/\(first)/confirm", [:])
            #expect(byChef.status == .forbidden && byChef.text.contains("Bara den som förslaget namnger kan bekräfta eller avböja det"))
            #expect(try await app.services.needStore.needDecisionProposal(id: UUID(uuidString: first)!)?.status == .pending)

            // The coach has it on his task list; sara withdraws; his confirmation of the withdrawn one is a 409.
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            let tasks = try await carl.get(client, "/tasks")
            #expect(tasks.text.contains("Bekräfta gemensamt beslut") && tasks.text.contains("Gemensam"))
            let coachPage = try await carl.get(client, page)
            #expect(coachPage.text.contains("Bekräfta beslutet") && coachPage.text.contains("Avböj förslaget"))
            _ = try await sara.get(client, page)
            #expect(try await sara.post(client, "/need-decisions/\(first)/withdraw", [:]).location == page + "?saved=withdrawn")
            let late = try await carl.post(client, "/need-decisions/\(first)/confirm", [:])
            #expect(late.status == .conflict && late.text.contains("återkallat"))
            #expect(!(try await carl.get(client, "/tasks")).text.contains("Bekräfta gemensamt beslut"))

            // Proposed again: a decline without a reason is a 422 at the field; then the coach confirms, once.
            #expect(try await propose().status == .seeOther)
            let second = try await pendingId()
            _ = try await carl.get(client, page)
            let noReason = try await carl.post(client, "/need-decisions/\(second)/decline", ["declineReason": ""])
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("Skriv varför du inte bekräftar beslutet"))
            #expect(noReason.text.contains("answer-error-summary"))
            let confirmed = try await carl.post(client, "/need-decisions/\(second)/confirm", [:])
            #expect(confirmed.status == .seeOther && confirmed.location == page + "?saved=confirmed")
            let done = try await carl.get(client, page + "?saved=confirmed")
            #expect(done.text.contains("Du har bekräftat beslutet") && done.text.contains("Tidigare beslut") && done.text.contains("Socialsekreterare och Coach"))
            #expect(done.text.contains("Förslag till gemensamt beslut") == false || done.text.contains("Bekräftat"))
            let twice = try await carl.post(client, "/need-decisions/\(second)/confirm", [:])
            #expect(twice.status == .conflict && twice.text.contains("redan bekräftat"))
            #expect(try await app.services.needStore.needAssessment(id: aid)?.status == .decided)
            // The history names who did what: the timeline shows the proposal, the withdrawal and the confirmation.
            let timeline = try await sara.get(client, "/persons/\(pid)/timeline")
            #expect(timeline.text.contains("Förslag till gemensamt beslut lämnades") && timeline.text.contains("Förslag till gemensamt beslut återkallades"))
        }
    }

    @Test(
        "Pages: a declined joint proposal is on its proposer's task list and page with the reason; only the proposer closes it (403 for the co-decider, 409 twice)",
        arguments: TestDatabase.kinds)
    func declinedProposalPages(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let saraToken = try await api.token(client, "socialsekreterare")
            let carlToken = try await api.token(client, "coach")
            let pid = try await personWithCase(client, token: saraToken, serial: 445, first: "Dan", last: "Avböjd")
            try await enrol(app, client, pid: pid, sara: saraToken, carl: carlToken, scopes: Self.fullScopes)
            let (_, overview) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: saraToken)
            let coachId = try #require((overview["coDeciders"] as? [[String: Any]])?.first?["id"] as? String)
            let page = "/persons/\(pid)/need-assessment"
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            _ = try await sara.get(client, page)
            #expect(try await sara.post(client, page, [:]).status == .seeOther)
            _ = try await sara.get(client, page)
            let (_, ov) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: saraToken)
            let current = try #require(ov["current"] as? [String: Any])
            let aid = try #require(current["id"] as? String)
            let version = try #require(current["version"] as? Int)
            let proposed = try await sara.post(
                client, "/need-assessments/\(aid)/decision",
                ["category": "K2", "lead": "jobbtorg", "parallel": "no", "reviewOn": "2027-02-18", "deviationReason": "", "coDeciderId": coachId, "version": String(version)])
            #expect(proposed.status == .seeOther)
            let (_, ov2) = try await api.call(client, .get, "/api/v1/persons/\(pid)/need-assessments", token: saraToken)
            let proposal = try #require(((ov2["current"] as? [String: Any])?["pendingDecision"] as? [String: Any])?["id"] as? String)

            var carl = Browser()
            _ = try await carl.login(client, "coach")
            _ = try await carl.get(client, page)
            let declined = try await carl.post(client, "/need-decisions/\(proposal)/decline", ["declineReason": "Vi behöver först prata om språkstödet."])
            #expect(declined.status == .seeOther && declined.location == page + "?saved=declined")

            // Back on the proposer's desk: the task list, and the page with the reason and the way on.
            let tasks = try await sara.get(client, "/tasks")
            #expect(tasks.text.contains("Gemensamt beslut avböjdes") && tasks.text.contains(page))
            let back = try await sara.get(client, page)
            #expect(back.text.contains("Ditt förslag avböjdes") && back.text.contains("Vi behöver först prata om språkstödet."))
            #expect(back.text.contains("Stäng uppgiften utan nytt förslag") && back.text.contains("Föreslå ett gemensamt beslut"))
            // The co-decider sees no such box and may not close it.
            let coachView = try await carl.get(client, page)
            #expect(!coachView.text.contains("Ditt förslag avböjdes"))
            let byCarl = try await carl.post(client, "/need-decisions/\(proposal)/close-declined", [:])
            #expect(byCarl.status == .forbidden && byCarl.text.contains("kan stänga uppgiften"))
            #expect(try await app.services.caseStore.openTasks(personId: UUID(uuidString: pid)!, committeeId: "spanga-tensta").map(\.kind).contains(.needDecisionDeclined))

            _ = try await sara.get(client, page)
            let closed = try await sara.post(client, "/need-decisions/\(proposal)/close-declined", [:])
            #expect(closed.status == .seeOther && closed.location == page + "?saved=declined-closed")
            let after = try await sara.get(client, closed.location ?? page)
            #expect(after.text.contains("Uppgiften om det avböjda förslaget är stängd") && !after.text.contains("Ditt förslag avböjdes"))
            #expect(!(try await sara.get(client, "/tasks")).text.contains("Gemensamt beslut avböjdes"))
            let twice = try await sara.post(client, "/need-decisions/\(proposal)/close-declined", [:])
            #expect(twice.status == .conflict && twice.text.contains("redan stängd"))
        }
    }

    func overviewAssessmentId(_ overview: [String: Any]) -> UUID? {
        ((overview["current"] as? [String: Any])?["id"] as? String).flatMap(UUID.init(uuidString:))
    }
}
