import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import SamsynWeb
import Testing

@Suite("Assessment API")
struct AssessmentAPITests {
    let api = APITests()

    @Test("Instruments as definitions and FHIR Questionnaires", arguments: TestDatabase.kinds)
    func instruments(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { _, client in
            let token = try await api.token(client)
            let (list, listJSON) = try await api.call(client, .get, "/api/v1/instruments", token: token)
            #expect(list.status == .ok)
            let items = try #require(listJSON["items"] as? [[String: Any]])
            #expect(Set(items.compactMap { $0["id"] as? String }) == ["test-initial", "test-deep"])
            let (def, defJSON) = try await api.call(client, .get, "/api/v1/instruments/test-initial", token: token)
            #expect(def.status == .ok)
            let parts = try #require(defJSON["parts"] as? [[String: Any]])
            #expect(parts.map { $0["owner"] as? String } == ["intake", "jobbtorg", "financial_aid"])
            let (fhir, q) = try await api.call(client, .get, "/api/v1/instruments/test-initial/fhir", token: token)
            #expect(fhir.status == .ok)
            #expect(fhir.headers[.contentType]?.hasPrefix("application/fhir+json") == true)
            #expect(q["resourceType"] as? String == "Questionnaire")
            #expect(q["status"] as? String == "active")
            // Branching as enableWhen, concepts as codes, linkIds unique.
            var linkIds: [String] = []
            var needs: [String: Any]?
            func walk(_ items: [[String: Any]]) {
                for i in items {
                    linkIds.append(i["linkId"] as? String ?? "")
                    if i["linkId"] as? String == "s-children-needs" { needs = i }
                    walk(i["item"] as? [[String: Any]] ?? [])
                }
            }
            walk(q["item"] as? [[String: Any]] ?? [])
            #expect(Set(linkIds).count == linkIds.count)
            let enable = try #require((needs?["enableWhen"] as? [[String: Any]])?.first)
            #expect(enable["question"] as? String == "s-children")
            #expect(enable["operator"] as? String == ">")
            #expect(enable["answerDecimal"] as? Double == 0)
            #expect(try await api.call(client, .get, "/api/v1/instruments/nope", token: token).0.status == .notFound)
            #expect(try await api.call(client, .get, "/api/v1/instruments/test-initial?version=9", token: token).0.status == .notFound)
            #expect(try await api.call(client, .get, "/api/v1/instruments", token: nil).0.status == .unauthorized)
        }
    }

    @Test("Responses over the API: start, bad input, save, complete, locked, secrecy", arguments: TestDatabase.kinds)
    func responses(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let intake = try await api.token(client, "mottagning")
            let (created, person) = try await api.call(
                client, .post, "/api/v1/persons", token: intake, body: #"{"personalIdentityNumber":"\#(APITests.number)","firstName":"Alva","lastName":"Öberg"}"#)
            #expect(created.status == .created)
            let personId = try #require(person["id"] as? String)
            let (s1, a1) = try await api.call(client, .post, "/api/v1/persons/\(personId)/assessments", token: intake, body: #"{"instrumentId":"test-initial","partId":"intag"}"#)
            #expect(s1.status == .created)
            let id = try #require(a1["id"] as? String)
            #expect(a1["editable"] as? Bool == true)
            let (s2, a2) = try await api.call(client, .post, "/api/v1/persons/\(personId)/assessments", token: intake, body: #"{"instrumentId":"test-initial","partId":"intag"}"#)
            #expect(s2.status == .ok)
            #expect(a2["id"] as? String == id)
            // Another unit type's part.
            let (s3, e3) = try await api.call(client, .post, "/api/v1/persons/\(personId)/assessments", token: intake, body: #"{"instrumentId":"test-initial","partId":"social"}"#)
            #expect(s3.status == .conflict)
            #expect(api.errorCode(e3) == "conflict")

            // Wrong type, unknown question: 422 naming each, nothing saved.
            let (bad, badJSON) = try await api.call(
                client, .patch, "/api/v1/assessments/\(id)", token: intake,
                body: #"{"answers":[{"questionId":"i-children","value":"två"},{"questionId":"nope","value":1},{"questionId":"i-housing","value":"eget"}]}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(Set(api.fields(badJSON)) == ["i-children", "nope"])
            // "Vill inte svara" on a question that is not sensitive.
            let (declined, _) = try await api.call(
                client, .patch, "/api/v1/assessments/\(id)", token: intake, body: #"{"answers":[{"questionId":"i-children","declined":true}]}"#)
            #expect(declined.status == .unprocessableContent)
            #expect(try await app.services.assessmentStore.answers(responseId: try #require(UUID(uuidString: id))).isEmpty)

            let (ok, okJSON) = try await api.call(
                client, .patch, "/api/v1/assessments/\(id)", token: intake,
                body: #"{"version":1,"answers":[{"questionId":"i-children","value":2},{"questionId":"i-housing","value":"eget"},{"questionId":"i-threat","declined":true}]}"#)
            #expect(ok.status == .ok)
            #expect(okJSON["version"] as? Int == 2)
            let answers = try #require(okJSON["answers"] as? [[String: Any]])
            #expect(answers.first { $0["questionId"] as? String == "i-children" }?["value"] as? Int == 2)
            #expect(answers.first { $0["questionId"] as? String == "i-threat" }?["declined"] as? Bool == true)
            // A stale version is refused.
            let (stale, _) = try await api.call(client, .patch, "/api/v1/assessments/\(id)", token: intake, body: #"{"version":1,"answers":[{"questionId":"i-children","value":3}]}"#)
            #expect(stale.status == .preconditionFailed)
            let (done, doneJSON) = try await api.call(client, .post, "/api/v1/assessments/\(id)/complete", token: intake, body: "{}")
            #expect(done.status == .ok)
            #expect(doneJSON["status"] as? String == "completed")
            let (locked, _) = try await api.call(client, .patch, "/api/v1/assessments/\(id)", token: intake, body: #"{"answers":[{"questionId":"i-children","value":3}]}"#)
            #expect(locked.status == .conflict)
            let (revised, revisedJSON) = try await api.call(client, .post, "/api/v1/assessments/\(id)/revisions", token: intake, body: #"{"reason":"Fel antal barn"}"#)
            #expect(revised.status == .created)
            #expect(revisedJSON["revision"] as? Int == 2)

            // Jobbtorg sees nothing of it.
            let coach = try await api.token(client, "coach")
            #expect(try await api.call(client, .get, "/api/v1/assessments/\(id)", token: coach).0.status == .notFound)
            #expect(try await api.call(client, .patch, "/api/v1/assessments/\(id)", token: coach, body: #"{"answers":[]}"#).0.status == .notFound)

            // The district reads it, with the intake's answers as pre-fill for its own part.
            let social = try await api.token(client, "socialsekreterare")
            let (p3, p3JSON) = try await api.call(client, .post, "/api/v1/persons/\(personId)/assessments", token: social, body: #"{"instrumentId":"test-initial","partId":"social"}"#)
            #expect(p3.status == .created)
            let prefill = try #require(p3JSON["prefill"] as? [[String: Any]])
            #expect(prefill.first { $0["questionId"] as? String == "s-children" }?["value"] as? Int == 2)
            #expect(prefill.first { $0["questionId"] as? String == "s-children" }?["sourceAssessmentId"] as? String == id)
            // Hidden by branching: children needs without children.
            let p3id = try #require(p3JSON["id"] as? String)
            let (hidden, hiddenJSON) = try await api.call(
                client, .patch, "/api/v1/assessments/\(p3id)", token: social,
                body: #"{"answers":[{"questionId":"s-children","value":0},{"questionId":"s-children-needs","value":"Skola"}]}"#)
            #expect(hidden.status == .unprocessableContent)
            #expect(api.fields(hiddenJSON) == ["s-children-needs"])
        }
    }
}
