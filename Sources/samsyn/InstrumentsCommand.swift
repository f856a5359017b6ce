import ArgumentParser
import Foundation
import SamsynDomain

/// `samsyn instruments check [DIR]`: validates definition files before they are deployed.
struct InstrumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instruments", abstract: "Assessment instruments.", subcommands: [Check.self, List.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the shipped instrument definitions together with those in DIR (or SAMSYN_INSTRUMENT_DIR). Needs no database.")
        @Argument(help: "A directory of *.json definitions to check with the shipped ones.") var directory: String?

        func run() async throws {
            let catalog = Loading.catalog(directory)
            for d in catalog.versions.values.sorted(by: { $0.key < $1.key }) {
                let areas = d.parts.reduce(0) { $0 + $1.areas.count }
                print("\(d.id) v\(d.version): \(d.title) – \(d.parts.count) parts, \(areas) areas, \(d.allQuestions.count) questions")
            }
            print("All definitions are valid.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the parts of each instrument and the unit type that fills them in.")
        @Argument(help: "A directory of extra *.json definitions.") var directory: String?

        func run() async throws {
            for d in Loading.catalog(directory).latest {
                print("\(d.id) v\(d.version): \(d.title)")
                for p in d.parts { print("  \(p.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(p.owner.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(p.title)") }
            }
        }
    }

    enum Loading {
        static func catalog(_ directory: String?) -> InstrumentCatalog {
            do {
                var files = try InstrumentCatalog.bundledFiles()
                if let dir = directory ?? ProcessInfo.processInfo.environment["SAMSYN_INSTRUMENT_DIR"], !dir.isEmpty {
                    files += try InstrumentCatalog.files(in: URL(fileURLWithPath: dir)).map { (name: "\(dir)/\($0.name)", data: $0.data) }
                }
                let items = try files.map { (file: $0.name, definition: try InstrumentCatalog.decode(file: $0.name, data: $0.data)) }
                try InstrumentCatalog.validateTogether(items)
                return InstrumentCatalog(items.map(\.definition))
            } catch let error as InstrumentDefinitionError {
                Boot.fail(error.description)
            } catch {
                Boot.fail("cannot read the instrument definitions: \(error)")
            }
        }
    }
}
