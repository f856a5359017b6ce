import Foundation

/// An instrument version as a FHIR R4 `Questionnaire`, so other systems can read it: parts and areas as
/// groups, branching as `enableWhen`, concepts as item codes, help as display items.
public enum FHIRQuestionnaire {
    public static let conceptSystem = "urn:samsyn:concept"
    public static let ownerExtension = "urn:samsyn:fhir:owner-unit-type"
    public static let sensitiveExtension = "urn:samsyn:fhir:sensitive"
    public static let perspectiveExtension = "urn:samsyn:fhir:perspective"
    static let declined = ["system": "http://terminology.hl7.org/CodeSystem/data-absent-reason", "code": "asked-declined", "display": "Vill inte svara"]

    public static func json(_ d: InstrumentDefinition) -> Data {
        (try? JSONSerialization.data(withJSONObject: resource(d), options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    public static func resource(_ d: InstrumentDefinition) -> [String: Any] {
        var r: [String: Any] = [
            "resourceType": "Questionnaire",
            "id": "\(d.id)-v\(d.version)",
            "url": "urn:samsyn:instrument:\(d.id)",
            "version": String(d.version),
            "name": computableName(d.id),
            "title": d.title,
            "status": "active",
            "subjectType": ["Patient"],
            "item": d.parts.map { part(d, $0) },
        ]
        if let description = d.description { r["description"] = description }
        return r
    }

    static func computableName(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func optionSystem(_ d: InstrumentDefinition, _ q: QuestionDefinition) -> String { "urn:samsyn:instrument:\(d.id):\(q.id)" }

    static func part(_ d: InstrumentDefinition, _ p: PartDefinition) -> [String: Any] {
        var item: [String: Any] = [
            "linkId": p.id, "text": p.title, "type": "group",
            "extension": [["url": ownerExtension, "valueCode": p.owner.rawValue]],
            "item": p.areas.map { area in
                [
                    "linkId": "\(p.id).\(area.id)", "text": area.title, "type": "group",
                    "item": area.questions.map { question(d, p, $0) },
                ] as [String: Any]
            },
        ]
        if let description = p.description { item["prefix"] = description }
        return item
    }

    static func question(_ d: InstrumentDefinition, _ p: PartDefinition, _ q: QuestionDefinition) -> [String: Any] {
        var item: [String: Any] = ["linkId": q.id, "text": q.text, "required": q.required]
        var extensions: [[String: Any]] = []
        switch q.type {
        case .singleChoice, .multipleChoice:
            item["type"] = "choice"
            if q.type == .multipleChoice { item["repeats"] = true }
            var options: [[String: Any]] = (q.options ?? []).map { ["valueCoding": ["system": optionSystem(d, q), "code": $0.value, "display": $0.label]] }
            if q.sensitive { options.append(["valueCoding": declined]) }
            item["answerOption"] = options
        case .yesNo: item["type"] = "boolean"
        case .number:
            item["type"] = "decimal"
            if let min = q.min { extensions.append(["url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueDecimal": min]) }
            if let max = q.max { extensions.append(["url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueDecimal": max]) }
        case .scale:
            item["type"] = "integer"
            if let min = q.min { extensions.append(["url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": Int(min)]) }
            if let max = q.max { extensions.append(["url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": Int(max)]) }
        case .date: item["type"] = "date"
        case .text: item["type"] = "text"
        }
        if q.sensitive { extensions.append(["url": sensitiveExtension, "valueBoolean": true]) }
        if let perspective = q.perspective { extensions.append(["url": perspectiveExtension, "valueCode": perspective.rawValue]) }
        if !extensions.isEmpty { item["extension"] = extensions }
        if let concept = q.concept { item["code"] = [["system": conceptSystem, "code": concept]] }
        if let conditions = q.enableWhen, !conditions.isEmpty {
            item["enableWhen"] = conditions.map { c in enableWhen(d, p, c) }
            if conditions.count > 1 { item["enableBehavior"] = (q.enableBehavior ?? .all).rawValue }
        }
        var nested: [[String: Any]] = []
        if let help = q.help {
            nested.append([
                "linkId": "\(q.id).help", "text": help, "type": "display",
                "extension": [[
                    "url": "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl",
                    "valueCodeableConcept": ["coding": [["system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"]]],
                ]],
            ])
        }
        if !nested.isEmpty { item["item"] = nested }
        return item
    }

    static func enableWhen(_ d: InstrumentDefinition, _ p: PartDefinition, _ c: Condition) -> [String: Any] {
        let target = p.question(c.question)
        var e: [String: Any] = ["question": c.question]
        switch c.operator {
        case .answered:
            e["operator"] = "exists"
            e["answerBoolean"] = true
            return e
        case .equals, .includes: e["operator"] = "="
        case .notEquals: e["operator"] = "!="
        case .greaterThan: e["operator"] = ">"
        case .lessThan: e["operator"] = "<"
        }
        switch c.value {
        case .string(let s)?:
            if let target { e["answerCoding"] = ["system": optionSystem(d, target), "code": s] }
        case .bool(let b)?: e["answerBoolean"] = b
        case .number(let n)?:
            if target?.type == .scale { e["answerInteger"] = Int(n) } else { e["answerDecimal"] = n }
        case nil: break
        }
        return e
    }
}
