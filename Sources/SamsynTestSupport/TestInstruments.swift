import Foundation
import SamsynDomain

/// Small instruments for tests, independent of the wording Samsyn ships.
public enum TestInstruments {
    /// Three parts owned by intake, Jobbtorg and financial aid; the social part re-asks two intake concepts.
    public static let initialV1 = """
        {
          "id": "test-initial", "version": 1, "title": "Testbedömning",
          "parts": [
            {"id": "intag", "title": "Del 1", "owner": "intake", "areas": [
              {"id": "hushall", "title": "Hushåll", "questions": [
                {"id": "i-children", "text": "Hur många barn bor hos dig?", "type": "number", "required": true, "min": 0, "max": 20, "concept": "household.children_count"},
                {"id": "i-housing", "text": "Hur bor du?", "type": "single_choice", "required": true, "concept": "housing.situation",
                 "options": [{"value": "eget", "label": "Eget kontrakt"}, {"value": "andrahand", "label": "Andrahand"}, {"value": "hemlos", "label": "Saknar bostad"}]},
                {"id": "i-threat", "text": "Är du utsatt för hot just nu?", "type": "yes_no", "sensitive": true, "concept": "safety.threats_now", "guide": ["Hur har du det hemma?"]}
              ]}
            ]},
            {"id": "jobb", "title": "Del 2", "owner": "jobbtorg", "areas": [
              {"id": "utb", "title": "Utbildning", "questions": [
                {"id": "j-edu", "text": "Högsta utbildning?", "type": "single_choice", "required": true, "concept": "education.level",
                 "options": [{"value": "grund", "label": "Grundskola"}, {"value": "gymn", "label": "Gymnasium"}, {"value": "hogskola", "label": "Högskola"}]},
                {"id": "j-where", "text": "Var gick du?", "type": "single_choice", "enableWhen": [{"question": "j-edu", "operator": "answered"}],
                 "options": [{"value": "sverige", "label": "Sverige"}, {"value": "utomlands", "label": "Utomlands"}]}
              ]}
            ]},
            {"id": "social", "title": "Del 3", "owner": "financial_aid", "areas": [
              {"id": "hem", "title": "Hemmet", "questions": [
                {"id": "s-children", "text": "Hur många barn bor hos dig?", "type": "number", "required": true, "min": 0, "max": 20, "concept": "household.children_count"},
                {"id": "s-children-needs", "text": "Vad behöver barnen?", "type": "text", "required": true, "enableWhen": [{"question": "s-children", "operator": "greater_than", "value": 0}]}
              ]},
              {"id": "bo", "title": "Boende och trygghet", "questions": [
                {"id": "s-housing", "text": "Hur bor du?", "type": "single_choice", "required": true, "concept": "housing.situation",
                 "options": [{"value": "eget", "label": "Eget kontrakt"}, {"value": "andrahand", "label": "I andra hand"}, {"value": "hemlos", "label": "Utan bostad"}]},
                {"id": "s-threat", "text": "Är du utsatt för hot?", "type": "yes_no", "sensitive": true, "concept": "safety.threats_now"},
                {"id": "s-mood", "text": "Hur mår du?", "type": "scale", "min": 1, "max": 5, "minLabel": "Dåligt", "maxLabel": "Bra"},
                {"id": "s-since", "text": "Sedan när?", "type": "date"},
                {"id": "s-help", "text": "Vilket stöd har du?", "type": "multiple_choice",
                 "options": [{"value": "vard", "label": "Vården"}, {"value": "fk", "label": "Försäkringskassan"}, {"value": "inget", "label": "Inget"}]}
              ]}
            ]}
          ]
        }
        """

    /// An in-depth instrument whose Jobbtorg part reuses the education concept, with a summary part.
    public static let deepV1 = """
        {
          "id": "test-deep", "version": 1, "title": "Fördjupad testbedömning",
          "parts": [
            {"id": "arbete", "title": "Arbete", "owner": "jobbtorg", "areas": [
              {"id": "utb", "title": "Utbildning", "suggestedSubGoal": "Ansök till en kurs.", "questions": [
                {"id": "d-edu", "text": "Vilken är din högsta utbildning?", "type": "single_choice", "concept": "education.level",
                 "options": [{"value": "grund", "label": "Grundskola"}, {"value": "gymn", "label": "Gymnasieskola"}, {"value": "hogskola", "label": "Universitet"}]},
                {"id": "d-person", "text": "Hur mycket står utbildningen i vägen?", "type": "single_choice", "perspective": "person",
                 "options": [{"value": "inte_alls", "label": "Inte alls"}, {"value": "mycket", "label": "Mycket"}]},
                {"id": "d-worker", "text": "Handläggarens bedömning", "type": "single_choice", "perspective": "caseworker",
                 "options": [{"value": "inget_hinder", "label": "Inget hinder"}, {"value": "betydande_hinder", "label": "Betydande hinder"}]}
              ]}
            ]},
            {"id": "summering", "title": "Sammanställning", "owner": "jobbtorg", "summaryOf": ["arbete"], "areas": [
              {"id": "mal", "title": "Mål", "questions": [
                {"id": "d-goal", "text": "Mål", "type": "text", "required": true}
              ]}
            ]}
          ]
        }
        """

    public static func files(_ extra: [(String, String)] = []) -> [(name: String, data: Data)] {
        ([("test-initial-v1.json", initialV1), ("test-deep-v1.json", deepV1)] + extra).map { ($0.0, Data($0.1.utf8)) }
    }

    public static func catalog() throws -> InstrumentCatalog {
        let items = try files().map { (file: $0.name, definition: try InstrumentCatalog.decode(file: $0.name, data: $0.data)) }
        try InstrumentCatalog.validateTogether(items)
        return InstrumentCatalog(items.map(\.definition))
    }
}
