import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

/// Effekt av insatser: the report for an intervention and a start period chosen in a GET form, and the CSV and XLSX
/// of exactly what it shows.
struct EffectController {
    let services: AppServices
    var effect: EffectService { services.effect }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.effect, use: page)
        group.get(Routes.effectCSV, use: csv)
        group.get(Routes.effectXLSX, use: xlsx)
    }

    static let fields = ["intervention", "from", "to", "method", "caliper"]

    func request(_ r: Request) -> (EffectService.Request, [String: [String]]) {
        let values = GetForm.values(r, fields: Self.fields)
        func v(_ k: String) -> String { values[k]?.first ?? "" }
        let req = EffectService.Request(intervention: v("intervention"), from: v("from"), to: v("to"), method: v("method"), caliper: v("caliper"))
        return (req, values)
    }

    static func query(_ values: [String: [String]]) -> String { GetForm.query(values, fields: fields) }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor(channel: "page")
        guard EffectService.mayView(actor.user) else { throw DomainError.forbidden }
        let (req, values) = self.request(request)
        let choices = try await effect.choices().map { FormState.Option($0.value, $0.name) }
        var status: HTTPResponse.Status = .ok
        var model = EffectPage.Model(form: FormState(values: values), choices: choices, exportQuery: nil, report: nil)
        // The empty form (first visit) shows the choices only; nothing is read.
        if !req.intervention.isEmpty || !req.from.isEmpty || !req.to.isEmpty {
            do {
                let result = try await effect.report(req, by: actor)
                var shown = values
                shown["from"] = [result.from.monthKey]
                shown["to"] = [result.to.monthKey]
                model = EffectPage.Model(form: FormState(values: shown), choices: choices, exportQuery: Self.query(shown), report: EffectPage.make(result))
            } catch let error as DomainError where error.kind == .invalid {
                status = .unprocessableContent
                model = EffectPage.Model(form: FormState(refused: error.fields, submitted: values), choices: choices, exportQuery: nil, report: nil)
            }
        }
        return Page(
            Layout(
                title: status == .ok ? "Effekt av insatser" : "Fel – Effekt av insatser", context: context, unitName: services.orgNames.unitName(actor.user.unitId),
                nav: .followUp),
            status: status, nodes: EffectPage.view(model))
    }

    func download(_ request: Request, _ context: AppRequestContext, ext: String, type: String, _ body: (EffectService.Result, EffectPage.Report) throws -> [UInt8])
        async throws -> Response
    {
        let actor = try context.actor(channel: "page")
        let (req, _) = self.request(request)
        let result: EffectService.Result
        do {
            result = try await effect.report(req, by: actor)
        } catch let error as DomainError where error.kind == .invalid {
            let text = "Exporten kunde inte göras: " + error.fields.map(\.message).joined(separator: " ")
            return Response(status: .unprocessableContent, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let bytes = try body(result, EffectPage.make(result))
        let headers: HTTPFields = [
            .contentType: type, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(EffectExport.fileName(result, ext: ext))\"",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await download(request, context, ext: "csv", type: "text/csv; charset=utf-8") { _, r in
            Array(Spreadsheet.csv(try EffectExport.spreadsheet(r).sheets[0]).utf8)
        }
    }

    @Sendable func xlsx(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await download(request, context, ext: "xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { result, r in
            try EffectExport.spreadsheet(r).xlsx(title: "Effekt av insatser – \(result.scopeName)", modified: services.clock.now())
        }
    }
}
