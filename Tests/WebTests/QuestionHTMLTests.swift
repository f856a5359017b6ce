import Foundation
import SamsynDomain
import Testing

@testable import SamsynWeb

@Suite("Question HTML")
struct QuestionHTMLTests {
    @Test("Every text is escaped: question, help, values, options, guide")
    func escaping() {
        let q = QuestionDefinition(
            id: "q1", text: "<script>alert(1)</script>", type: .singleChoice, required: true, help: "a & b \"c\"", guide: ["'x'"], sensitive: true,
            options: [AnswerOption(value: "v", label: "<b>fet</b>"), AnswerOption(value: "w", label: "W")])
        let html = QuestionHTML.render([QuestionModel(q, raw: ["v"], hidden: false, prefill: "<i>", error: nil)])
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a &amp; b &quot;c&quot;"))
        #expect(html.contains("&lt;b&gt;fet&lt;/b&gt;"))
        #expect(html.contains("&#39;x&#39;"))
        #expect(html.contains("&lt;i&gt;"))
        #expect(html.contains(#"value="v" checked"#))
        #expect(html.contains("Vill inte svara"))
        let text = QuestionDefinition(id: "t", text: "T", type: .text)
        let textHTML = QuestionHTML.render([QuestionModel(text, raw: ["</textarea><script>"], hidden: true, prefill: nil, error: "Fel")])
        #expect(textHTML.contains("&lt;/textarea&gt;&lt;script&gt;"))
        #expect(textHTML.contains(" hidden>") && textHTML.contains(" disabled"))
        #expect(QuestionHTML.escape("Åsa Öberg") == "Åsa Öberg")
    }
}
