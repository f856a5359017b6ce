import Foundation
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain

/// The year's indicators in Kolada's data format (issue 16).
extension APIHandler {
    func getKoladaStatistics(_ input: Operations.GetKoladaStatistics.Input) async throws -> Operations.GetKoladaStatistics.Output {
        let doc = try await services.measurement.kolada(year: input.query.year, kpis: input.query.kpi ?? "", by: try APIScope.actor())
        return .ok(.init(body: .json(try Self.kolada(doc))))
    }

    static func kolada(_ doc: KoladaDocument) throws -> Components.Schemas.KoladaDocument {
        var items: [Components.Schemas.KoladaItem] = []
        for item in doc.values {
            var values: [Components.Schemas.KoladaValue] = []
            for v in item.values {
                guard let gender = Components.Schemas.KoladaValue.GenderPayload(rawValue: v.gender) else { throw DomainError(.unavailable, "Okänt kön i statistiken.") }
                // A withheld value is an explicit JSON null, as Kolada writes it.
                values.append(.init(gender: gender, count: v.count, status: v.status, value: try OpenAPIValueContainer(unvalidatedValue: v.value)))
            }
            items.append(.init(kpi: item.kpi, municipality: item.municipality, period: item.period, values: values))
        }
        return .init(values: items, count: doc.count)
    }
}
