import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

@Suite("HTML DSL")
struct HTMLDSLTests {
    @Test("Text and attribute values are escaped by construction")
    func escaping() {
        let hostile = "\"><script>alert('x')</script>&"
        let html = HTMLWriter.render(div(.class(hostile), .data("x", hostile)) { hostile; p(hostile) })
        #expect(!html.contains("<script>"))
        #expect(html.contains(#"class="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;""#))
        #expect(html.contains(#"data-x="&quot;&gt;"#))
        #expect(html.contains("<p>&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>"))
        #expect(HTMLWriter.escape("Åsa Öberg") == "Åsa Öberg")
    }

    @Test("A refused form puts the typed value back into the field, escaped, with the error wired to it")
    func refusedField() {
        let f = FormState(errors: [FieldError(field: "goal", message: "Skriv ett mål.")], values: ["goal": ["\"/><img src=x onerror=alert(1)>"]])
        let html = HTMLWriter.render(f.text("goal", "Mål", hint: "Vad personen vill", required: true))
        #expect(html.contains(#"value="&quot;/&gt;&lt;img src=x onerror=alert(1)&gt;""#))
        #expect(!html.contains("<img"))
        #expect(html.contains(#"aria-invalid="true""#) && html.contains(#"aria-describedby="goal-hint goal-error""#))
        #expect(html.contains(#"<span class="req">(obligatorisk)</span>"#))
        let summary = HTMLWriter.render(f.errorSummary())
        #expect(summary.contains(##"<a href="#goal">Skriv ett mål.</a>"##))
        #expect(HTMLWriter.render(FormState.new.errorSummary()).isEmpty)
    }

    @Test("Choices number their options from 1 and keep what was chosen")
    func choices() {
        let f = FormState(values: ["kind": ["b"]], idPrefix: "x-")
        let html = HTMLWriter.render(f.choices("kind", "Slag", options: [.init("a", "A"), .init("b", "B <2>")]))
        #expect(html.contains(#"id="x-kind-1" name="kind" value="a">"#))
        #expect(html.contains(#"id="x-kind-2" name="kind" value="b" checked>"#))
        #expect(html.contains("B &lt;2&gt;"))
    }

    @Test("Boolean and omitted attributes")
    func booleans() {
        #expect(HTMLWriter.render(input(.type("checkbox"), .checked(false), .disabled(true), .aria("label", nil))) == "<input type=\"checkbox\" disabled>\n")
    }

    @Test("The route table registers and links the same paths; a malformed id is not found")
    func routes() {
        #expect(Routes.person.pattern == "/persons/:id")
        #expect(Routes.personCase.pattern == "/persons/:id/case")
        let id = UUID(uuidString: "00000000-0000-0000-0000-0000000000AB")!
        #expect(Routes.personCase.link(id) == "/persons/00000000-0000-0000-0000-0000000000ab/case")
        #expect(Routes.queueWithdraw.pattern == "/interventions/:iid/queue/:eid/withdraw")
        #expect(Routes.queueWithdraw.link("kurs", id) == "/interventions/kurs/queue/00000000-0000-0000-0000-0000000000ab/withdraw")
        #expect(Routes.queueAction.pattern == "/interventions/:iid/queue/:eid/:action")
        #expect(Routes.queueAction.link("kurs", id, .accept).hasSuffix("/accept"))
        #expect(Routes.queueOffer.link("kurs", id) == "/interventions/kurs/queue/00000000-0000-0000-0000-0000000000ab/offer")
        #expect(QueueAction(rawValue: "delete") == nil)
    }

    @Test("The menu shows what the role's capabilities allow")
    func menu() {
        let u = StaffUser(
            id: UUID(), username: "a", displayName: "A", role: .analyst, unitId: "analys", committeeId: "ks", active: true, unitKind: nil)
        let caps = MenuCapabilities(u)
        #expect(!caps.search && !caps.tasks && caps.needRules)
        #expect(MenuItem.allCases.filter { $0.visible(caps) }.contains(.needs))
        #expect(!MenuItem.allCases.filter { $0.visible(caps) }.contains(.search))
    }
}
