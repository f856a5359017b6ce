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

/// `samsyn need-rules check [DIR]`: validates need-assessment rule versions against the instruments before
/// they are deployed (unknown concepts and protected traits are refused, with the reason).
struct NeedRulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "need-rules", abstract: "Need-assessment categories and rules.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the shipped rule versions together with those in DIR (or SAMSYN_NEED_RULES_DIR), against the instruments. Needs no database.")
        @Argument(help: "A directory of *.json rule versions to check with the shipped ones.") var directory: String?

        func run() async throws {
            let instruments = InstrumentsCommand.Loading.catalog(ProcessInfo.processInfo.environment["SAMSYN_INSTRUMENT_DIR"])
            do {
                var files = try NeedRuleCatalog.bundledFiles()
                if let dir = directory ?? ProcessInfo.processInfo.environment["SAMSYN_NEED_RULES_DIR"], !dir.isEmpty {
                    files += try InstrumentCatalog.files(in: URL(fileURLWithPath: dir)).map { (name: "\(dir)/\($0.name)", data: $0.data) }
                }
                var seen: [Int: String] = [:]
                for f in files {
                    let set = try NeedRuleCatalog.decode(file: f.name, data: f.data, instruments: instruments, obstacles: .default)
                    if let other = seen[set.version] { Boot.fail("need-assessment rules \(f.name): version \(set.version) is also defined in \(other)") }
                    seen[set.version] = f.name
                    print("v\(set.version): \(set.title) – \(set.categories.count) categories (\(set.categories.map(\.code).joined(separator: ", "))), \(set.rules.count) rules")
                }
                print("All rule versions are valid.")
                // What counts as an acute need is checked against the same instruments.
                let acute = try AcuteNeedRules.load(files: AcuteNeedRules.bundledFiles(), instruments: instruments)
                print("Acute needs v\(acute.version): \(acute.rules.count) rules (\(acute.rules.map(\.id).joined(separator: ", "))) are valid.")
            } catch let error as NeedRuleDefinitionError {
                Boot.fail(error.description)
            } catch let error as AcuteNeedRuleError {
                Boot.fail(error.description)
            } catch {
                Boot.fail("cannot read the rule versions: \(error)")
            }
        }
    }
}
