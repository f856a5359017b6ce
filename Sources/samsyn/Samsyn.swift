import ArgumentParser
import Foundation
import Logging
import SamsynDomain
import SamsynStorage
import SamsynWeb

@main
struct Samsyn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samsyn",
        abstract: "Samsyn – shared assessment and case coordination for Stockholm's financial-aid units and Jobbtorg.",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, InstrumentsCommand.self, NeedRulesCommand.self, Import.self, Audit.self, IndicatorsCommand.self, ReportCommand.self, BackupCommand.self, RestoreCommand.self, ResearchCommand.self],
        defaultSubcommand: Serve.self)
}

/// Shared start-up: configuration, logging and the database.
enum Boot {
    static func config(host: String? = nil, port: String? = nil) -> AppConfig {
        do {
            return try AppConfig.parse(host: host, port: port, environment: ProcessInfo.processInfo.environment)
        } catch {
            fail(error.message)
        }
    }

    static func logger() -> Logger {
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = Logger.Level(rawValue: ProcessInfo.processInfo.environment["SAMSYN_LOG_LEVEL"] ?? "info") ?? .info
            return h
        }
        return Logger(label: "samsyn")
    }

    static func open(_ config: AppConfig, logger: Logger, migrate: Bool = true) async -> Database {
        let db: Database
        do {
            db = try await Database.open(config.database, logger: logger)
        } catch {
            fail("DATABASE_URL: \(error)")
        }
        if migrate {
            do {
                try await MigrationRunner(database: db).migrate(logger: logger)
            } catch {
                await db.close()
                fail("\(error)")
            }
        }
        return db
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("samsyn: \(message)\n".utf8))
        exit(2)
    }

    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &rng)! })
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web app (the default). Creates and migrates the database; loads demo data into a new one.")

    @Option(help: "Address to listen on (SAMSYN_HOST; default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (SAMSYN_PORT; default 8080).") var port: String?
    @Flag(help: "Do not load demo data into a new database.") var noDemo = false

    func run() async throws {
        var config = Boot.config(host: host, port: port)
        config.loadDemoData = !noDemo
        let logger = Boot.logger()
        let db = await Boot.open(config, logger: logger)
        let clock: any Clock = config.clockOffsetDays == 0 ? SystemClock() : OffsetClock(days: config.clockOffsetDays)
        let hasher = try await BcryptHasher()
        let demo = DemoData(database: db)
        try await demo.loadOrganisation(at: clock.now())
        if config.loadDemoData { try await ReferenceCatalogue.load(into: db) }
        let settings = SQLSettingsStore(database: db)
        let users = SQLUserStore(database: db)
        var demoPasswordLine: String?
        var demoJustLoaded = false
        if config.loadDemoData, try await users.all().isEmpty {
            demoJustLoaded = true
            let password = config.demoPassword ?? Boot.randomPassword()
            let hash = try await hasher.hash(password)
            _ = try await demo.loadUsers(passwordHash: hash, at: clock.now())
            _ = try await demo.addPersons(config.demoPersons, seed: 2026, at: clock.now())
            try await settings.set("demo_loaded", "true")
            if config.demoPassword == nil { try await settings.set("demo_password", password) }
        }
        if try await settings.value("demo_loaded") == "true" {
            if let stored = try await settings.value("demo_password") {
                demoPasswordLine = stored
            } else {
                demoPasswordLine = "(the value of SAMSYN_DEMO_PASSWORD when the demo data was loaded)"
            }
        }
        try await db.analyze()
        let services: AppServices
        do {
            services = try await AppServices(config: config, database: db, clock: clock, hasher: hasher)
        } catch let error as InstrumentDefinitionError {
            await db.close()
            Boot.fail(error.description)
        } catch let error as NeedRuleDefinitionError {
            await db.close()
            Boot.fail(error.description)
        } catch let error as AcuteNeedRuleError {
            await db.close()
            Boot.fail(error.description)
        } catch let error as IndicatorDefinitionError {
            await db.close()
            Boot.fail(error.description)
        }
        if demoJustLoaded {
            _ = try await demo.addAssessments(catalog: services.assessments.instruments, seed: 2026, at: clock.now())
            _ = try await demo.addParticipation(waiting: 40, seed: 2026, at: clock.now())
            _ = try await demo.addCaseFlow(activeCases: 40, seed: 2026, at: clock.now())
            if let rules = services.acuteRules {
                _ = try await demo.addAcuteNeeds(rules: rules, catalog: services.assessments.instruments, at: clock.now())
            }
            try await demo.addJournal(at: clock.now())
            if let rules = try await services.needs.activeRulesIfAny() {
                _ = try await demo.addNeedAssessments(rules: rules, seed: 2026, at: clock.now())
            }
            try await demo.linkCitizenDemo(at: clock.now())
            // After the case flow (which loads only into an empty case table): history for the effect report (issue 17).
            try await demo.addEffectHistory(seed: 2026, at: clock.now())
            // Two years of finished history for as many more persons, so that the follow-up's charts have a shape.
            _ = try await demo.addPersons(config.demoHistoryPersons, seed: 2027, at: clock.now())
            _ = try await demo.addHistory(seed: 2026, at: clock.now())
        }
        print("Samsyn listening on http://\(config.host.contains(":") ? "[\(config.host)]" : config.host):\(config.port)  (database: \(config.database))")
        if let pw = demoPasswordLine {
            let all = try await users.all()
            print("Demo logins, all with the password: \(pw)")
            for u in all where ReferenceOrganisation.demoUsers.contains(where: { $0.username == u.username }) {
                print("  \(u.username.padding(toLength: 18, withPad: " ", startingAt: 0)) \(u.role.swedishTitle), \(u.unitId)")
            }
        }
        fflush(nil)
        try await runApplication(services: services, logger: logger)
        await db.close()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")
    func run() async throws {
        let config = Boot.config()
        let logger = Boot.logger()
        let db = await Boot.open(config, logger: logger, migrate: false)
        let applied: [Int]
        do {
            applied = try await MigrationRunner(database: db).migrate(logger: logger)
        } catch {
            // e.g. a landed migration that was edited: one line naming it, not a crash on an open database.
            await db.close()
            Boot.fail("\(error)")
        }
        try await DemoData(database: db).loadOrganisation(at: Date())
        let all = try await MigrationRunner(database: db).appliedVersions()
        print(applied.isEmpty ? "Database is up to date (\(all.count) migrations)." : "Applied migrations \(applied.map(String.init).joined(separator: ", ")); \(all.count) in all.")
        await db.close()
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add synthetic demo data: the organisation, demo users and persons.")
    @Option(help: "Number of synthetic persons to add.") var persons: Int = 1000
    @Option(help: "How many wait for Jobbtorg Resurs work training in Spånga-Tensta (other districts a tenth), when the database has no queues yet.")
    var queueWaiting: Int = 200
    @Option(help: "How many more people are enrolled at Jobbtorg Kista beyond the demo's own stories (the task-list benchmark), when the database has no cases yet.")
    var activeCases: Int = 40
    @Option(help: "Seed for the generator; it is mixed with the current time so that repeated runs add new people.") var seed: UInt64 = 2026
    @Flag(inversion: .prefixedNo, help: "Give the persons without a case two years of finished history (aid, Jobbtorg enrolments, closures), once per database.")
    var history = true

    func validate() throws {
        guard (0...5_000_000).contains(persons) else { throw ValidationError("--persons must be between 0 and 5000000") }
        guard (0...100_000).contains(queueWaiting) else { throw ValidationError("--queue-waiting must be between 0 and 100000") }
        guard (0...100_000).contains(activeCases) else { throw ValidationError("--active-cases must be between 0 and 100000") }
    }

    func run() async throws {
        let config = Boot.config()
        let logger = Boot.logger()
        let db = await Boot.open(config, logger: logger)
        let demo = DemoData(database: db)
        try await demo.loadOrganisation(at: Date())
        try await ReferenceCatalogue.load(into: db)
        let settings = SQLSettingsStore(database: db)
        if try await SQLUserStore(database: db).all().isEmpty {
            let password = config.demoPassword ?? Boot.randomPassword()
            let hasher = try await BcryptHasher()
            _ = try await demo.loadUsers(passwordHash: try await hasher.hash(password), at: Date())
            try await settings.set("demo_loaded", "true")
            if config.demoPassword == nil { try await settings.set("demo_password", password) }
            print("Demo users created; password: \(config.demoPassword == nil ? password : "(from SAMSYN_DEMO_PASSWORD)")")
        }
        let start = Date()
        let added = try await demo.addPersons(persons, seed: seed ^ UInt64(UInt32(truncatingIfNeeded: Int(start.timeIntervalSince1970))), at: start) { n in
            if n % 10_000 == 0 { FileHandle.standardError.write(Data("  \(n) persons…\n".utf8)) }
        }
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "Added %d persons in %.1f s (%.0f persons/s) to %@.", added, seconds, Double(added) / max(seconds, 0.001), "\(config.database)"))
        let catalog: InstrumentCatalog
        do {
            catalog = try await InstrumentCatalog.load(files: InstrumentCatalog.bundledFiles(), store: SQLAssessmentStore(database: db), at: Date())
        } catch let error as InstrumentDefinitionError {
            await db.close()
            Boot.fail(error.description)
        }
        let responses = try await demo.addAssessments(catalog: catalog, seed: seed, at: Date())
        print("Added \(responses) assessment parts for the demo district (part 1 completed, part 3 started).")
        let participation = try await demo.addParticipation(waiting: queueWaiting, seed: seed, at: Date())
        if participation.entries > 0 {
            print("Added \(participation.entries) queue places and \(participation.episodes) episodes (up to \(queueWaiting) waiting for work training in Spånga-Tensta).")
        }
        let caseStart = Date()
        let flow = try await demo.addCaseFlow(activeCases: activeCases, seed: seed, at: Date())
        if flow.cases > 0 {
            print(String(format: "Added %d cases, %d Jobbtorg enrolments and %d tasks in %.1f s.", flow.cases, flow.enrolments, flow.tasksCreated, Date().timeIntervalSince(caseStart)))
        }
        do {
            let acute = try AcuteNeedRules.load(files: AcuteNeedRules.bundledFiles(), instruments: catalog)
            let needs = try await demo.addAcuteNeeds(rules: acute, catalog: catalog, at: Date())
            if needs > 0 { print("Added \(needs) acute needs (tasks \"Akut\" at the demo district's financial-aid unit).") }
        } catch let error as AcuteNeedRuleError {
            await db.close()
            Boot.fail(error.description)
        }
        let notes = try await demo.addJournal(at: Date())
        if notes > 0 { print("Added \(notes) signed journal notes.") }
        if history {
            let historyStart = Date()
            let h = try await demo.addHistory(seed: seed, at: Date())
            if h.spells > 0 {
                print(
                    String(
                        format: "Added two years of history in %.1f s: %d spells of aid (%d months), %d closed Jobbtorg enrolments, %d jobbplans, %d intervention episodes.",
                        Date().timeIntervalSince(historyStart), h.spells, h.aidMonths, h.enrolments, h.plans, h.episodes))
            }
        }
        let rules: NeedRuleCatalog
        do {
            rules = try await NeedRuleCatalog.load(
                files: NeedRuleCatalog.bundledFiles(), instruments: catalog, obstacles: .default, store: SQLNeedAssessmentStore(database: db), at: Date())
        } catch let error as NeedRuleDefinitionError {
            await db.close()
            Boot.fail(error.description)
        }
        if let active = rules.active {
            let made = try await demo.addNeedAssessments(rules: active, seed: seed, at: Date())
            if made > 0 { print("Added \(made) joint need assessments.") }
        }
        if let number = try await demo.linkCitizenDemo(at: Date()) {
            print("The demo citizen account aspirant is linked to the person with personnummer \(number).")
        }
        await db.close()
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import data from the city's other systems.", subcommands: [AidMonthsCommand.self])

    struct AidMonthsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "aid-months", abstract: "Months with försörjningsstöd: lines of personnummer;YYYY-MM for persons the district holds a file for.")
        @Argument(help: "The file (UTF-8, one person and month a line).") var file: String
        @Option(help: "The district committee, e.g. spanga-tensta.") var committee: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                Boot.fail("import aid-months: cannot read '\(file)' as UTF-8 text")
            }
            let (lines, errors) = AidMonthImport.parse(text, today: Date())
            guard errors.isEmpty else { Boot.fail("import aid-months: nothing imported; " + errors.prefix(10).joined(separator: "; ")) }
            let config = Boot.config()
            let db = await Boot.open(config, logger: Boot.logger())
            guard try await SQLOrganisationStore(database: db).committees().contains(where: { $0.id == committee && $0.kind == .district }) else {
                await db.close()
                Boot.fail("import aid-months: --committee '\(committee)' is not a district committee")
            }
            let start = Date()
            let result = try await SQLCaseFlowStore(database: db).importAidMonths(lines, committeeId: committee, at: Date())
            await db.close()
            print(String(format: "Imported %d new months from %d lines in %.2f s; %d lines name a person without a file at %@.", result.added, lines.count, Date().timeIntervalSince(start), result.unknown, committee))
        }
    }
}

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The access log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the access log's hash chain and report any broken link.")
        func run() async throws {
            let config = Boot.config()
            let logger = Boot.logger()
            let db = await Boot.open(config, logger: logger)
            let result = try await SQLAccessLog(database: db).verify()
            await db.close()
            if result.isIntact {
                print("Access log intact: \(result.rowsChecked) rows, every link verified.")
            } else {
                print("Access log BROKEN: \(result.rowsChecked) rows checked; broken links at sequence \(result.brokenAt.map(String.init).joined(separator: ", ")).")
                throw ExitCode(1)
            }
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a backup of the database (SAMSYN_DATABASE_URL) to a new file while Samsyn may keep serving.",
        discussion: "SQLite: VACUUM INTO the file (a consistent snapshot). PostgreSQL: pg_dump in the custom format. Restore with `samsyn restore FILE` into an empty database, then run `samsyn audit verify`.")
    @Argument(help: "The backup file to create; it must not exist.") var file: String

    func run() async throws {
        let config = Boot.config()
        let logger = Boot.logger()
        let db = await Boot.open(config, logger: logger, migrate: false)
        do {
            let start = Date()
            try await Backup.backup(db, url: config.database, to: file)
            await db.close()
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            print(String(format: "Backup written to %@ (%d bytes) in %.1f s.", file, size, Date().timeIntervalSince(start)))
        } catch let e as Backup.Failure {
            await db.close()
            Boot.fail(e.description)
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup made by `samsyn backup` into the empty database of SAMSYN_DATABASE_URL, then verify the access log.")
    @Argument(help: "The backup file.") var file: String

    func run() async throws {
        let config = Boot.config()
        let logger = Boot.logger()
        do {
            try await Backup.restore(from: file, into: config.database, logger: logger)
        } catch let e as Backup.Failure {
            Boot.fail(e.description)
        }
        let db = await Boot.open(config, logger: logger)
        let verified = try await SQLAccessLog(database: db).verify()
        let tables = try await Backup.tableNames(db)
        await db.close()
        guard verified.isIntact else {
            print("Restored, but the access log is BROKEN at sequence \(verified.brokenAt.map(String.init).joined(separator: ", ")).")
            throw ExitCode(1)
        }
        print("Restored \(tables.count) tables from \(file); the access log is intact (\(verified.rowsChecked) rows).")
    }
}
