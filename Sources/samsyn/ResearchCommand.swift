import ArgumentParser
import Foundation
import SamsynDomain
import SamsynStorage

/// `samsyn research bench`: how fast a research extract of the database's population is made (issue 17's
/// ≥ 50,000 rows/s). Reads the population set-based as an extract does and builds the files in memory with a
/// throw-away key; no project is made, nothing is written or released, only counts and times are printed.
struct ResearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "research", abstract: "Research extracts (Forskningsuttag).", subcommands: [Bench.self])

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time the extract of a population with every variable of the data dictionary (nothing is written).")
        @Option(help: "aid (persons with försörjningsstöd in the period) or jobbtorg (enrolled in the period).") var population: String = "aid"
        @Option(help: "First month, YYYY-MM (default: twelve months back).") var from: String?
        @Option(help: "Last month, YYYY-MM (default: last month).") var to: String?
        @Option(help: "Number of timed runs.") var runs: Int = 3

        func run() async throws {
            guard let population = ResearchPopulation(rawValue: population) else { throw ValidationError("--population: aid or jobbtorg") }
            let thisMonth = LocalDate(Date()).firstOfMonth
            guard let from = LocalDate((from ?? thisMonth.adding(months: -12).monthKey) + "-01"), let to = LocalDate((to ?? thisMonth.adding(months: -1).monthKey) + "-01"), from <= to
            else { throw ValidationError("--from and --to: YYYY-MM, from before to") }
            let config = Boot.config()
            let db = await Boot.open(config, logger: Boot.logger())
            let store = SQLResearchStore(database: db)
            let project = ResearchProject(
                id: UUID(), researcherId: UUID(), researcherName: "bench", title: "bench", approvalNumber: "2026-00000-01", purpose: "bench", dataFrom: from,
                dataTo: to, endsOn: thisMonth, population: population, variables: ResearchDictionary.variables.map(\.id), k: ResearchRules.defaultK,
                status: .approved, appliedAt: Date())
            guard let pseudonymiser = ResearchPseudonymiser(key: ResearchPseudonymiser.newKey()) else { Boot.fail("no key") }
            print("Research extract, \(population.rawValue) \(from.monthKey)–\(to.monthKey), \(project.variables.count) variables, k = \(project.k), \(db.kind)")
            for run in 1...max(1, runs) {
                let t0 = Date()
                let facts = try await store.facts(population: population, from: from, to: to)
                let t1 = Date()
                let extract = ResearchExtract.build(project: project, facts: facts, pseudonymiser: pseudonymiser, generatedAt: Date())
                let t2 = Date()
                let total = t2.timeIntervalSince(t0)
                print(
                    String(
                        format: "run %d: %d persons read in %.3f s, extract built in %.3f s (%d rows delivered, %d withheld, %d bytes): %.0f rows/s",
                        run, facts.count, t1.timeIntervalSince(t0), t2.timeIntervalSince(t1), extract.report.rowsDelivered, extract.report.rowsWithheld,
                        extract.data.count, Double(facts.count) / max(total, 0.000_001)))
            }
            await db.close()
        }
    }
}
