import Foundation
import HTTPTypes
import Hummingbird
import SamsynDomain

/// Uppföljning: the indicators for a period chosen in a GET form, and the CSV and XLSX of exactly what it shows.
struct FollowUpController {
    let services: AppServices
    var measurement: MeasurementService { services.measurement }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(Routes.followUp, use: followUp)
        group.get(Routes.followUpCSV, use: csv)
        group.get(Routes.followUpXLSX, use: xlsx)
    }

    static let fields = ["period", "from", "to", "breakdown", "area"]

    func request(_ r: Request) -> (MeasurementService.Request, [String: [String]]) {
        let values = GetForm.values(r, fields: Self.fields)
        func v(_ k: String) -> String { values[k]?.first ?? "" }
        let req = MeasurementService.Request(period: v("period"), from: v("from"), to: v("to"), breakdown: v("breakdown"), area: v("area"))
        return (req, values)
    }

    /// The query string of a request as the export links repeat it.
    static func query(_ values: [String: [String]]) -> String { GetForm.query(values, fields: fields) }

    func options(_ u: StaffUser) async throws -> (areas: [FormState.Option], breakdowns: [FormState.Option]) {
        let labels = try await measurement.labels()
        let viewer = MeasurementViewer(u)
        let areas = labels.districts.filter { viewer?.maySee(area: $0.id) == true }.map { FormState.Option($0.id, $0.name) }
        let breakdowns = Breakdown.allCases.filter { b in
            measurement.indicators.indicators.contains { d in
                d.allowedBreakdowns.contains(b) && d.knownPopulation.map { viewer?.maySee($0, area: nil, breakdown: b) == true } == true
            }
        }.map { FormState.Option($0.rawValue, $0.swedishName) }
        return (areas, breakdowns)
    }

    @Sendable func followUp(_ request: Request, context: AppRequestContext) async throws -> Page {
        let actor = try context.actor()
        guard MeasurementService.mayView(actor.user) else { throw DomainError.forbidden }
        let (req, values) = self.request(request)
        let (areas, breakdowns) = try await options(actor.user)
        let model: FollowUpPage.Model
        var status: HTTPResponse.Status = .ok
        do {
            let report = try await measurement.followUp(req, by: actor)
            var shown = values
            if req.period.isEmpty && req.from.isEmpty && req.to.isEmpty { shown["period"] = [report.period.description] }
            model = .make(report, form: FormState(values: shown), areaOptions: areas, breakdownOptions: breakdowns, exportQuery: Self.query(shown))
        } catch let error as DomainError where error.kind == .invalid {
            status = .unprocessableContent
            model = FollowUpPage.Model(
                form: FormState(refused: error.fields, submitted: values), heading: "", threshold: measurement.threshold, areaOptions: areas,
                breakdownOptions: breakdowns, exportQuery: nil, indicators: [])
        }
        return Page(
            Layout(
                title: status == .ok ? "Uppföljning" : "Fel – Uppföljning", context: context, unitName: services.orgNames.unitName(actor.user.unitId), nav: .followUp),
            status: status, nodes: FollowUpPage.view(model))
    }

    func download(_ request: Request, _ context: AppRequestContext, ext: String, type: String, _ body: (FollowUpReport) throws -> [UInt8]) async throws -> Response {
        let actor = try context.actor()
        let (req, _) = self.request(request)
        let report: FollowUpReport
        do {
            report = try await measurement.followUp(req, by: actor)
        } catch let error as DomainError where error.kind == .invalid {
            let text = "Exporten kunde inte göras: " + error.fields.map(\.message).joined(separator: " ")
            return Response(status: .unprocessableContent, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let bytes = try body(report)
        let headers: HTTPFields = [
            .contentType: type, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(FollowUpExport.fileName(report, ext: ext))\"",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await download(request, context, ext: "csv", type: "text/csv; charset=utf-8") { r in
            Array(Spreadsheet.csv(try FollowUpExport.spreadsheet(r).sheets[0]).utf8)
        }
    }

    @Sendable func xlsx(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await download(request, context, ext: "xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { r in
            try FollowUpExport.spreadsheet(r).xlsx(title: "Uppföljning \(r.period.swedishName) – \(r.areaName)", modified: services.clock.now())
        }
    }
}
