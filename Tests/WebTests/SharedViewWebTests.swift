import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

/// The district's part shared with the coach under consent, through the pages and the API: the overview says
/// where it was completed with a link to read it, the part opens read only, part 2 is pre-filled from it with its
/// source (the API's prefill says it is shared), and withdrawal stops all of it at once.
@Suite("Shared view pages and API")
struct SharedViewWebTests {
    let api = APITests()

    func actor(_ app: TestApp, _ username: String) async throws -> Actor {
        let user = try #require(try await SQLUserStore(database: app.db).credentials(username: username)?.user)
        return Actor(user: user, requestId: "t", channel: "test")
    }

    @Test("Overview 'Slutförd hos …', read-only part, pre-fill with its source on page and API, then withdrawal", arguments: TestDatabase.kinds)
    func sharedPartOneForTheCoach(kind: TestDatabase) async throws {
        try await TestApp.run(kind, shippedInstruments: true) { app, client in
            let s = app.services
            let maja = try await actor(app, "mottagning"), sara = try await actor(app, "socialsekreterare"), carl = try await actor(app, "coach")
            let input = Fixtures.personInput(Fixtures.personnummer(1986, 5, 5, serial: 717), "Delad", "Vy")
            let pid = try await s.directory.register(input, by: sara).person.id
            // Intake completes part 1 (registered at Arbetsförmedlingen, looking for work).
            let part = try #require(s.assessments.instruments.latest("initial-bedomning")?.part("del-1"))
            let r1 = try await s.assessments.start(personId: pid, instrumentId: "initial-bedomning", partId: "del-1", by: maja).response
            var answers: [String: AnswerValue] = ["p1-occupation": .choice("arbetssokande"), "p1-af": .bool(true), "p1-af-since": .date("2026-01-12"), "p1-af-programme": .bool(false)]
            for q in part.questions where q.required && answers[q.id] == nil && Branching.isEnabled(q, answers: answers) {
                answers[q.id] = q.type == .number ? .number(1) : q.type == .multipleChoice ? .choices([q.options![0].value]) : q.type == .yesNo ? .bool(false)
                    : q.type == .text ? .text("Behöver pengar till hyran.") : .choice(q.options![0].value)
            }
            let saved = try await s.assessments.save(responseId: r1.id, expectedVersion: nil, answers: answers.mapValues { .some($0) }, by: maja)
            _ = try await s.assessments.complete(responseId: r1.id, expectedVersion: saved.version, by: maja)
            // The case, a consent covering the referral and part 1, the referral, the coach's acceptance.
            _ = try await s.caseFlow.openCase(personId: pid, .init(source: "application", channel: "visit", openedOn: ""), by: sara)
            _ = try await s.caseFlow.addObstacle(personId: pid, adult: "applicant", code: "arbetslos_ingen_ersattning", judgedOn: "", by: sara)
            let consent = try await s.caseFlow.recordConsent(
                personId: pid,
                .init(recipient: "arbetsmarknadsnamnden", scopes: ["referral", "assessment_part1"], purpose: "Planering mot arbete", validFrom: "2026-11-18",
                    validTo: "2027-06-30", method: "written"), by: sara)
            let referral = try await s.caseFlow.refer(
                personId: pid,
                .init(
                    toUnitId: "jobbtorg-kista", route: "three_party_meeting", sessionId: "", meetingDate: "2026-11-20", meetingTime: "10:00",
                    reason: "Vill ha stöd att hitta arbete inom lager", workShouldBeTried: false, fullTimeProgramme: false, jointAgreement: false, exceptionReason: ""),
                by: sara)
            _ = try await s.caseFlow.answerReferral(id: referral.id, accept: true, declineReason: "", enrolledOn: "", expectedVersion: referral.version, by: carl)

            // The coach's overview: part 1 is "Slutförd hos Spånga-Tensta …, 2026-11-18 – läs", not "Ej påbörjad".
            var coach = Browser()
            _ = try await coach.login(client, "coach")
            let overview = try await coach.get(client, "/persons/\(pid.uuidString.lowercased())/assessments")
            #expect(overview.status == .ok)
            let html = String(buffer: overview.body)
            let part1Link = "/assessments/\(r1.id.uuidString.lowercased())"
            #expect(html.contains("data-shared-part=\"del-1\""))
            #expect(html.contains("Slutförd hos") && html.contains("2026-11-18 – ") && html.contains("href=\"\(part1Link)\""))
            // Read only: the part's answers, where it is held, no correction form.
            let read = try await coach.get(client, part1Link)
            let readHTML = String(buffer: read.body)
            #expect(read.status == .ok && readHTML.contains("kan läsas men inte ändras") && readHTML.contains("Arbetssökande"))
            #expect(!readHTML.contains("Rätta delen"))
            // Nothing is changed across committees.
            let refused = try await coach.post(client, "/assessments/\(r1.id.uuidString.lowercased())/revise", ["reason": "Fel svar"])
            #expect(refused.status == .notFound || refused.status == .conflict)

            // Part 2: the API proposes part 1's answers with their source, marked as shared under consent.
            let token = try await api.token(client, "coach")
            let (started, a2) = try await api.call(
                client, .post, "/api/v1/persons/\(pid.uuidString.lowercased())/assessments", token: token, body: #"{"instrumentId":"initial-bedomning","partId":"del-2"}"#)
            #expect(started.status == .created)
            let prefill = try #require(a2["prefill"] as? [[String: Any]])
            let af = try #require(prefill.first { $0["questionId"] as? String == "p2-af" })
            #expect(af["value"] as? Bool == true && af["sourceAssessmentId"] as? String == r1.id.uuidString.lowercased())
            #expect(af["sharedUnderConsent"] as? Bool == true && af["sourceCommitteeId"] as? String == "spanga-tensta" && af["sourceUnitId"] as? String == "spanga-tensta-mottagning")
            let a2id = try #require(a2["id"] as? String)
            let area = try await coach.get(client, "/assessments/\(a2id)?area=5")
            #expect(String(buffer: area.body).contains("(delat under samtycke). Bekräfta eller ändra."))

            // Withdrawn: the overview, the part and the pre-fill are gone at once; the denied read is logged.
            _ = try await s.caseFlow.withdrawConsent(id: consent.id, expectedVersion: consent.version, by: sara)
            #expect(!String(buffer: try await coach.get(client, "/persons/\(pid.uuidString.lowercased())/assessments").body).contains("data-shared-part"))
            #expect(try await coach.get(client, part1Link).status == .notFound)
            #expect(try await api.call(client, .get, "/api/v1/assessments/\(r1.id.uuidString.lowercased())", token: token).0.status == .notFound)
            let (again, a2again) = try await api.call(client, .get, "/api/v1/assessments/\(a2id)", token: token)
            #expect(again.status == .ok && (a2again["prefill"] as? [Any])?.isEmpty == true)
            let denied = try await SQLAccessLog(database: app.db).forPerson(pid).filter {
                $0.entry.action == "assessment.read" && $0.entry.outcome == .denied && $0.entry.detail == "consent_withdrawn"
            }
            #expect(denied.count == 2)
        }
    }
}
