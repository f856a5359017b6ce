import Foundation
import Hummingbird
import HTTPTypes
import Testing

@testable import SamsynWeb

@Suite("GET forms (Uppföljning, Effekt av insatser): read as the browser sends them, repeated in the export links")
struct GetFormTests {
    func request(_ query: String) -> Request {
        let head = HTTPRequest(method: .get, scheme: "http", authority: "localhost", path: "/follow-up?\(query)")
        return Request(head: head, body: .init(buffer: .init()))
    }

    @Test("A '+' from the form is a space, '%2B' a plus; an absent field is empty; the export query gives back the same values")
    func roundTrip() {
        let fields = ["intervention", "from", "caliper"]
        let values = GetForm.values(request("intervention=Matchning+mot+jobb&caliper=0%2B1"), fields: fields)
        #expect(values["intervention"] == ["Matchning mot jobb"])
        #expect(values["caliper"] == ["0+1"])
        #expect(values["from"] == [""])
        let query = GetForm.query(values, fields: fields)
        #expect(!query.contains("from="))
        #expect(GetForm.values(request(query), fields: fields) == values)
    }
}
