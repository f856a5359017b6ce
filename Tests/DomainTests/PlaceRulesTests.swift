import Foundation
import Testing

@testable import SamsynDomain

@Suite("Intervention places and queue order")
struct PlaceRulesTests {
    let resurs = Intervention(
        id: "resurs", providerId: "p", name: "Jobbtorg Resurs", type: .workTraining, targetGroup: "Längre från arbetsmarknaden", description: "",
        typicalWeeks: 26, capacity: 10, allotments: ["spanga-tensta": 4, "bromma": 2])

    @Test("A district uses its own allotment first, then the shared places; never beyond capacity")
    func allotments() {
        typealias O = PlaceRules.Occupancy
        // Shared pool: 10 - 6 = 4.
        #expect(PlaceRules.hasPlace(resurs, occupancy: O(byDistrict: [:]), district: "spanga-tensta"))
        #expect(PlaceRules.hasPlace(resurs, occupancy: O(byDistrict: ["spanga-tensta": 4]), district: "spanga-tensta"))  // shared
        #expect(!PlaceRules.hasPlace(resurs, occupancy: O(byDistrict: ["spanga-tensta": 8]), district: "spanga-tensta"))  // own 4 + shared 4 used
        // Another district's reserved places are not taken by the shared pool.
        #expect(PlaceRules.hasPlace(resurs, occupancy: O(byDistrict: ["spanga-tensta": 8]), district: "bromma"))
        #expect(!PlaceRules.hasPlace(resurs, occupancy: O(byDistrict: ["spanga-tensta": 8]), district: "farsta"))
        #expect(!PlaceRules.hasPlace(resurs, occupancy: O(byDistrict: ["spanga-tensta": 8, "bromma": 2]), district: "bromma"))
        var open = resurs
        open.capacity = nil
        open.allotments = [:]
        #expect(PlaceRules.hasPlace(open, occupancy: O(byDistrict: ["x": 10_000]), district: "x"))
    }

    @Test("A catalogue entry is checked: allotments within capacity, sensible lengths")
    func validation() {
        var bad = resurs
        bad.allotments = ["a": 8, "b": 5]
        #expect(bad.validate().map(\.field) == ["allotments"])
        bad = resurs
        bad.name = " "
        bad.typicalWeeks = 0
        #expect(bad.validate().map(\.field) == ["name", "typicalWeeks"])
        #expect(resurs.validate().isEmpty)
    }

    @Test("Priority (with a reason) goes first, then time in the queue")
    func order() {
        let t = Date(timeIntervalSince1970: 0)
        func e(_ minutes: Double, _ reason: String? = nil) -> QueueEntry {
            QueueEntry(id: UUID(), interventionId: "i", personId: UUID(), committeeId: "c", unitId: "u", districtId: "d", queuedAt: t + minutes * 60, priorityReason: reason)
        }
        let a = e(1), b = e(2, "Akut behov av sysselsättning enligt läkarintyg"), c = e(0)
        #expect([a, b, c].sorted(by: QueueEntry.queueOrder).map(\.id) == [b.id, c.id, a.id])
        #expect(!QueueEntry.validatePriorityReason("ok").isEmpty)
        #expect(QueueEntry.validatePriorityReason(nil).isEmpty)
    }
}
