import ArgumentParser
import Foundation
import SamsynDomain
import SamsynStorage
import SamsynWeb

/// `samsyn indicators check [DIR]`: validates indicator definition files before they are deployed.
struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "indicators", abstract: "Indicator definitions (Uppföljning).", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the shipped indicator versions together with those in DIR (or SAMSYN_INDICATOR_DIR). Needs no database.")
        @Argument(help: "A directory of *.json indicator versions to check with the shipped ones.") var directory: String?

        func run() async throws {
            do {
                var files = try IndicatorCatalog.bundledFiles()
                if let dir = directory ?? ProcessInfo.processInfo.environment["SAMSYN_INDICATOR_DIR"], !dir.isEmpty {
                    files += try InstrumentCatalog.files(in: URL(fileURLWithPath: dir)).map { (name: "\(dir)/\($0.name)", data: $0.data) }
                }
                var versions: [IndicatorSet] = []
                for f in files { versions.append(try IndicatorCatalog.decode(file: f.name, data: f.data)) }
                let active = try IndicatorCatalog.load(files: files)
                for s in versions.sorted(by: { $0.version < $1.version }) {
                    print("v\(s.version): \(s.title) – \(s.indicators.count) indicators\(s.version == active.version ? " (in use)" : "")")
                }
                for d in active.indicators { print("  \(d.id.padding(toLength: 52, withPad: " ", startingAt: 0)) \(d.name)") }
                print("All indicator versions are valid.")
            } catch let error as IndicatorDefinitionError {
                Boot.fail(error.description)
            } catch {
                Boot.fail("cannot read the indicator definitions: \(error)")
            }
        }
    }
}

/// `samsyn report monthly --month YYYY-MM [--committee ID]`: the month's follow-up for the committee meeting.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports for the committees.", subcommands: [Monthly.self])

    struct Monthly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the month's follow-up for the city, or for one district committee.")
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "A district committee id (e.g. spanga-tensta); the city when left out.") var committee: String?

        func run() async throws {
            let period: MeasurementPeriod
            switch MeasurementPeriod.parse(month) {
            case .success(let p):
                guard case .month = p else { Boot.fail("report monthly: --month must be one month, YYYY-MM") }
                period = p
            case .failure(let e): Boot.fail("report monthly: \(e.message)")
            }
            let config = Boot.config()
            let db = await Boot.open(config, logger: Boot.logger())
            let indicators: IndicatorSet
            do {
                indicators = try IndicatorCatalog.load(files: IndicatorCatalog.bundledFiles())
            } catch let error as IndicatorDefinitionError {
                await db.close()
                Boot.fail(error.description)
            }
            let service = MeasurementService(
                indicators: indicators, store: SQLMeasurementStore(database: db), organisation: SQLOrganisationStore(database: db), clock: SystemClock(),
                threshold: config.disclosureThreshold)
            // The command is run by the city's operator: it reads as an analyst (the city), and publishes the same
            // protected figures as the page.
            let reader = StaffUser(
                id: UUID(), username: "samsyn-report", displayName: "samsyn report", role: .analyst, unitId: "analys", committeeId: "stadsledningskontoret", active: true,
                unitKind: .administration)
            do {
                let report = try await service.followUp(
                    .init(period: period.description, area: committee ?? ""), by: Actor(user: reader, requestId: "report-monthly", channel: "cli"))
                await db.close()
                print(FollowUpExport.text(report), terminator: "")
            } catch let error as DomainError {
                await db.close()
                Boot.fail("report monthly: " + (error.fields.isEmpty ? error.message : error.fields.map(\.message).joined(separator: " ")))
            }
        }
    }
}

