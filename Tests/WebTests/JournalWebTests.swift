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

/// The journal's pages and API as a caseworker at the form or a client of the API meets them: drafts, signing,
/// a signed note that cannot change (409), corrections, the print, the timeline, secrecy and consent.
@Suite("Journal pages and API")
struct JournalWebTests {
    let api = APITests()
    static let secret = "Personen berättade om skulden till hyresvärden"

    func register(_ sara: inout Browser, _ client: some TestClientProtocol, serial: Int) async throws -> String {
        _ = try await sara.get(client, "/persons/new")
        let reg = try await sara.post(client, "/persons", ["personalIdentityNumber": Fixtures.personnummer(1984, 9, 9, serial: serial), "firstName": "Jenny", "lastName": "Journal"])
        return try #require(reg.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
    }

    func noteIds(_ app: TestApp, _ pid: String) async throws -> [JournalNote] {
        try await app.services.journalStore.notes(personId: UUID(uuidString: pid)!)
    }

    func accessLogMentions(_ app: TestApp, _ text: String) async throws -> Int {
        struct N: Decodable { let n: Int }
        let like = "%\(text)%"
        return try await app.db.read { db in
            try await db.raw(
                "SELECT COUNT(*) AS n FROM access_log WHERE COALESCE(after_value, '') LIKE \(bind: like) OR COALESCE(before_value, '') LIKE \(bind: like) OR COALESCE(detail, '') LIKE \(bind: like)"
            ).first(decoding: N.self)?.n ?? -1
        }
    }

    @Test("Pages: bad input is refused in Swedish and saves nothing; draft, Signera, a change after signing is a 409; correction, print and timeline", arguments: TestDatabase.kinds)
    func pages(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            let pid = try await register(&sara, client, serial: 901)
            #expect(try await sara.get(client, "/persons/\(pid)").text.contains("/persons/\(pid)/journal"))
            let page = try await sara.get(client, "/persons/\(pid)/journal")
            #expect(page.status == .ok && page.text.contains("Skriv en anteckning") && page.text.contains("Det finns inga journalanteckningar att visa."))

            // Empty text and a future date: 422, every error in Swedish, nothing saved.
            let refused = try await sara.post(client, "/persons/\(pid)/journal", ["kind": "phone", "eventDate": "2026-11-19", "text": "   ", "action": "draft"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("kan inte ligga i framtiden") && refused.text.contains("Skriv anteckningen. Den kan inte vara tom."))
            #expect(refused.text.contains(#"value="2026-11-19""#))
            let noKind = try await sara.post(client, "/persons/\(pid)/journal", ["eventDate": "2026-11-18", "text": "Ringde", "action": "draft"])
            #expect(noKind.status == .unprocessableContent && noKind.text.contains("Välj vad anteckningen gäller"))
            #expect(try await noteIds(app, pid).isEmpty)

            // A draft, then Signera.
            let saved = try await sara.post(client, "/persons/\(pid)/journal", ["kind": "phone", "eventDate": "2026-11-18", "text": Self.secret, "action": "draft"])
            #expect(saved.status == .seeOther && saved.location?.contains("saved=draft") == true)
            let draft = try #require(try await noteIds(app, pid).first)
            let withDraft = try await sara.get(client, "/persons/\(pid)/journal?saved=draft")
            #expect(withDraft.text.contains("Utkastet sparades") && withDraft.text.contains(" – utkast") && withDraft.text.contains("Signera"))
            let editPage = try await sara.get(client, "/journal-notes/\(draft.id.uuidString.lowercased())")
            #expect(editPage.status == .ok && editPage.text.contains("Ändra utkastet"))
            let csrfOfEditPage = sara.csrf
            let changed = try await sara.post(
                client, "/journal-notes/\(draft.id.uuidString.lowercased())", ["kind": "visit", "eventDate": "2026-11-17", "text": Self.secret + ".", "version": "1", "action": "draft"])
            #expect(changed.status == .seeOther)
            let signed = try await sara.post(client, "/journal-notes/\(draft.id.uuidString.lowercased())/sign", ["version": "2"])
            #expect(signed.status == .seeOther && signed.location?.contains("saved=signed") == true)

            // A change of the signed note (a form read before it was signed): 409, a clear error, nothing saved.
            let late = try await sara.post(
                client, "/journal-notes/\(draft.id.uuidString.lowercased())", ["kind": "other", "eventDate": "2026-11-18", "text": "Ändrad i efterhand", "version": "3", "action": "draft"],
                csrf: csrfOfEditPage)
            #expect(late.status == .conflict && late.text.contains("Anteckningen är signerad och kan inte ändras"))
            #expect(late.text.contains("Skriv en rättelse av anteckningen") && late.text.contains("Det du skrev – sparades inte") && late.text.contains("Ändrad i efterhand"))
            let stored = try #require(try await app.services.journalStore.note(id: draft.id))
            #expect(stored.text == Self.secret + "." && stored.kind == .visit && stored.isSigned)
            #expect(try await sara.post(client, "/journal-notes/\(draft.id.uuidString.lowercased())/sign", ["version": "3"]).status == .conflict)

            // The correction: a new note that points to the old one, which then shows that it was corrected.
            let correctPage = try await sara.get(client, "/journal-notes/\(draft.id.uuidString.lowercased())/correct")
            #expect(correctPage.status == .ok && correctPage.text.contains("Rättelse av anteckning 2026-11-17"))
            let emptyFix = try await sara.post(client, "/journal-notes/\(draft.id.uuidString.lowercased())/correct", ["kind": "visit", "eventDate": "2026-11-17", "text": "", "action": "sign"])
            #expect(emptyFix.status == .unprocessableContent)
            #expect(try await noteIds(app, pid).count == 1)
            let fixed = try await sara.post(
                client, "/journal-notes/\(draft.id.uuidString.lowercased())/correct", ["kind": "visit", "eventDate": "2026-11-17", "text": "Skulden gäller el, inte hyra.", "action": "sign"])
            #expect(fixed.status == .seeOther)
            let journal = try await sara.get(client, "/persons/\(pid)/journal")
            #expect(journal.text.contains("Anteckningen är rättad.") && journal.text.contains("Rättelse av anteckning 2026-11-17"))
            #expect(journal.text.contains("Rättad genom anteckning Besök 2026-11-17"))

            // The print has the signed notes and no forms; a draft stays out of it.
            _ = try await sara.post(client, "/persons/\(pid)/journal", ["kind": "letter", "eventDate": "2026-11-18", "text": "Utkast till brev", "action": "draft"])
            let print = try await sara.get(client, "/persons/\(pid)/journal/print")
            #expect(print.status == .ok && print.text.contains(Self.secret) && print.text.contains("Skulden gäller el") && !print.text.contains("Utkast till brev"))
            #expect(print.text.contains("Skriv ut") && !print.text.contains("<form method=\"post\" action=\"/journal-notes"))

            // The timeline shows the journal's changes; the access log never holds the note's text.
            let timeline = try await sara.get(client, "/persons/\(pid)/timeline")
            #expect(timeline.text.contains("Journalanteckning signerades") && timeline.text.contains("Rättelse av journalanteckning påbörjades"))
            #expect(try await accessLogMentions(app, "hyresvärden") == 0)
            #expect(try await accessLogMentions(app, "Skulden gäller") == 0)
            #expect(try await accessLogMentions(app, draft.id.uuidString.lowercased()) > 0)

            // An analyst has no journal; a manager neither.
            var ana = Browser()
            _ = try await ana.login(client, "analytiker")
            #expect(try await ana.get(client, "/persons/\(pid)/journal").status != .ok)
            var elin = Browser()
            _ = try await elin.login(client, "enhetschef")
            #expect(try await elin.get(client, "/persons/\(pid)/journal").status == .forbidden)
            #expect(try await elin.get(client, "/persons/\(pid)").text.contains("/persons/\(pid)/journal") == false)
        }
    }

    @Test("Pages: a coach without a file at Jobbtorg gets 404 and saves nothing", arguments: TestDatabase.kinds)
    func noFile(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            var sara = Browser()
            _ = try await sara.login(client, "socialsekreterare")
            let pid = try await register(&sara, client, serial: 902)
            var carl = Browser()
            _ = try await carl.login(client, "coach")
            #expect(try await carl.get(client, "/persons/\(pid)/journal").status == .notFound)
            _ = try await carl.get(client, "/")
            let write = try await carl.post(client, "/persons/\(pid)/journal", ["kind": "phone", "eventDate": "2026-11-18", "text": "Inte min akt", "action": "sign"])
            #expect(write.status == .notFound)
            #expect(try await noteIds(app, pid).isEmpty)
        }
    }

    @Test("API: list, create, update, sign; a change after signing is a 409; correct; 422 for a future date or empty text; the other committee under consent", arguments: TestDatabase.kinds)
    func apiFlow(kind: TestDatabase) async throws {
        try await TestApp.run(kind) { app, client in
            let sara = try await api.token(client, "socialsekreterare")
            let carl = try await api.token(client, "coach")
            let number = Fixtures.personnummer(1982, 2, 2, serial: 903)
            let (_, person) = try await api.call(client, .post, "/api/v1/persons", token: sara, body: #"{"personalIdentityNumber":"\#(number)","firstName":"Ali","lastName":"Api"}"#)
            let pid = try #require(person["id"] as? String)
            let base = "/api/v1/persons/\(pid)/journal"

            let (future, futureJson) = try await api.call(client, .post, base, token: sara, body: #"{"kind":"phone","eventDate":"2026-11-19","text":"Ringde"}"#)
            #expect(future.status == .unprocessableContent && api.fields(futureJson) == ["eventDate"])
            let (blank, blankJson) = try await api.call(client, .post, base, token: sara, body: #"{"kind":"phone","eventDate":"2026-11-18","text":" \n "}"#)
            #expect(blank.status == .unprocessableContent && api.fields(blankJson) == ["text"])
            #expect(try await noteIds(app, pid).isEmpty)

            let (created, note) = try await api.call(client, .post, base, token: sara, body: #"{"kind":"visit","eventDate":"2026-11-18","text":"Nybesök på kontoret"}"#)
            #expect(created.status == .created && note["status"] as? String == "draft" && note["version"] as? Int == 1)
            let nid = try #require(note["id"] as? String)
            let (updated, updatedJson) = try await api.call(
                client, .put, "/api/v1/journal-notes/\(nid)", token: sara, body: #"{"kind":"visit","eventDate":"2026-11-17","text":"Nybesök på kontoret.","version":1}"#)
            #expect(updated.status == .ok && updatedJson["version"] as? Int == 2)
            #expect(try await api.call(client, .post, "/api/v1/journal-notes/\(nid)/sign", token: sara, body: #"{"version":1}"#).0.status == .preconditionFailed)
            let (signed, signedJson) = try await api.call(client, .post, "/api/v1/journal-notes/\(nid)/sign", token: sara, body: #"{"version":2}"#)
            #expect(signed.status == .ok && signedJson["status"] as? String == "signed" && signedJson["signedAt"] != nil)

            // A signed note: every change is a 409 and nothing is saved.
            let (late, lateJson) = try await api.call(
                client, .put, "/api/v1/journal-notes/\(nid)", token: sara, body: #"{"kind":"other","eventDate":"2026-11-17","text":"Ändrad","version":3}"#)
            #expect(late.status == .conflict && api.errorCode(lateJson) == "conflict")
            #expect(try await api.call(client, .post, "/api/v1/journal-notes/\(nid)/sign", token: sara, body: #"{"version":3}"#).0.status == .conflict)
            #expect(try await app.services.journalStore.note(id: UUID(uuidString: nid)!)?.text == "Nybesök på kontoret.")

            let (fix, fixJson) = try await api.call(
                client, .post, "/api/v1/journal-notes/\(nid)/corrections", token: sara, body: #"{"kind":"visit","eventDate":"2026-11-17","text":"Besöket var på telefon."}"#)
            #expect(fix.status == .created && fixJson["corrects"] as? String == nid)
            let fixId = try #require(fixJson["id"] as? String)
            #expect(try await api.call(client, .post, "/api/v1/journal-notes/\(fixId)/corrections", token: sara, body: #"{"kind":"visit","eventDate":"2026-11-17","text":"x"}"#).0.status == .conflict)
            _ = try await api.call(client, .post, "/api/v1/journal-notes/\(fixId)/sign", token: sara, body: #"{"version":1}"#)
            let (_, list) = try await api.call(client, .get, base, token: sara)
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 2 && items.first { $0["id"] as? String == nid }?["correctedBy"] as? [String] == [fixId])

            // The Jobbtorg: no file → 404; its own file without a journal consent → nothing; with one → the signed notes, read-only.
            #expect(try await api.call(client, .get, base, token: carl).0.status == .notFound)
            #expect(try await api.call(client, .post, base, token: carl, body: #"{"kind":"phone","eventDate":"2026-11-18","text":"Inte min akt"}"#).0.status == .notFound)
            _ = try await api.call(client, .post, "/api/v1/persons", token: carl, body: #"{"personalIdentityNumber":"\#(number)","firstName":"Ali","lastName":"Api"}"#)
            #expect((try await api.call(client, .get, base, token: carl).1["items"] as? [Any])?.isEmpty == true)
            let consent = #"{"recipientCommitteeId":"arbetsmarknadsnamnden","scopes":["referral","journal"],"purpose":"Planering mot arbete","validFrom":"2026-11-18","validTo":"2027-11-17","method":"written"}"#
            let (recorded, consentJson) = try await api.call(client, .post, "/api/v1/persons/\(pid)/consents", token: sara, body: consent)
            #expect(recorded.status == .created && (consentJson["scopes"] as? [String])?.contains("journal") == true)
            let (_, shared) = try await api.call(client, .get, base, token: carl)
            #expect((shared["items"] as? [[String: Any]])?.compactMap { $0["committeeId"] as? String } == ["spanga-tensta", "spanga-tensta"])
            #expect(try await api.call(client, .put, "/api/v1/journal-notes/\(fixId)", token: carl, body: #"{"kind":"other","eventDate":"2026-11-17","text":"x","version":2}"#).0.status == .forbidden)
            #expect(try await api.call(client, .post, "/api/v1/journal-notes/\(nid)/corrections", token: carl, body: #"{"kind":"other","eventDate":"2026-11-17","text":"x"}"#).0.status == .notFound)

            // An analyst's token: forbidden.
            let ana = try await api.token(client, "analytiker")
            #expect(try await api.call(client, .get, base, token: ana).0.status != .ok)
        }
    }
}
