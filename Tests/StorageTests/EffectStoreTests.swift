import Foundation
import SamsynDomain
import SamsynStorage
import SamsynTestSupport
import Testing

/// The participants, candidates, covariates and outcomes of the hand-counted `EffectFixture`, on both databases.
@Suite("Effect report data on a hand-counted fixture, both databases")
struct EffectStoreTests {
    @Test("Participants once at their first start in the period; candidates per month at the same unit or district, not started by then", arguments: TestDatabase.kinds)
    func cohort(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            let ids = try await EffectFixture.load(database)
            let facts = try await SQLEffectStore(database: database).effectFacts(.intervention(EffectFixture.intervention), from: EffectFixture.from, to: EffectFixture.to)
            let c = EffectCohort(facts, from: EffectFixture.from, to: EffectFixture.to, asOf: LocalDate(EffectFixture.asOf))
            func key(_ k: String) -> String { ids[k]!.uuidString }
            #expect(c.lastMonth == LocalDate("2026-11-01"))
            #expect(Set(c.participants.map(\.key)) == ["d:\(key("P1"))", "d:\(key("P2"))"])
            #expect(
                Set(c.candidates.map(\.key))
                    == [
                        "j:\(key("P4")):2026-03", "j:\(key("C1")):2026-03", "j:\(key("C2")):2026-03", "j:\(key("C4")):2026-03", "j:\(key("P4")):2026-04",
                        "j:\(key("C4")):2026-04",
                    ])
            let p1 = try #require(c.participants.first { $0.key == "d:\(key("P1"))" })
            #expect(p1.covariates.legalGender == "Kvinnor" && p1.covariates.ageBand == "30–39 år" && p1.covariates.district == "spanga-tensta")
            #expect(p1.covariates.aidMonthsLast12 == 12 && p1.covariates.aidMonthsLast36 == 14)
            #expect(abs(p1.covariates.monthsSinceEnrolment - 190 / EffectCohort.daysPerMonth) < 1e-9)
            #expect(p1.leavingAid == EffectTime(months: 3, reached: true))
            #expect(p1.workOrStudies == EffectTime(months: 97 / EffectCohort.daysPerMonth, reached: true))
            #expect(p1.selfSupporting6 == true && p1.selfSupporting12 == nil)
            let p2 = try #require(c.participants.first { $0.key == "d:\(key("P2"))" })
            #expect(p2.covariates.legalGender == "Män" && p2.covariates.district == "rinkeby-kista" && p2.covariates.aidMonthsLast12 == 3 && p2.covariates.aidMonthsLast36 == 3)
            #expect(p2.leavingAid == EffectTime(months: 4, reached: false))
            #expect(p2.workOrStudies == EffectTime(months: 152 / EffectCohort.daysPerMonth, reached: false))
            #expect(p2.selfSupporting6 == nil && p2.selfSupporting12 == nil)
            let c1 = try #require(c.candidates.first { $0.key == "j:\(key("C1")):2026-03" })
            #expect(c1.leavingAid == EffectTime(months: 2, reached: true))
            #expect(c1.workOrStudies == EffectTime(months: 141 / EffectCohort.daysPerMonth, reached: true))
            #expect(c1.selfSupporting6 == true)
            let c2 = try #require(c.candidates.first { $0.key == "j:\(key("C2")):2026-03" })
            #expect(c2.covariates.aidMonthsLast12 == 12 && c2.covariates.aidMonthsLast36 == 36 && c2.covariates.district == "spanga-tensta")
            #expect(c2.leavingAid == EffectTime(months: 8, reached: false) && c2.selfSupporting6 == false && c2.selfSupporting12 == nil)
            // By type: the same intervention is the only one of its type in the fixture.
            let byType = try await SQLEffectStore(database: database).effectFacts(.type(.jobSearchCoaching), from: EffectFixture.from, to: EffectFixture.to)
            #expect(byType.episodes.count == facts.episodes.count && facts.episodes.count == 5)
            // No name or number leaves the store: persons are keyed by id with gender and birth date only.
            #expect(facts.persons.count == 7)
        }
    }
}

@Suite("Effect service: access, minimum size, the access log and bad input, both databases")
struct EffectServiceTests {
    func service(_ db: Database, minimum: Int = 30) -> EffectService {
        EffectService(
            store: SQLEffectStore(database: db), catalogue: SQLInterventionCatalogueStore(database: db), organisation: SQLOrganisationStore(database: db),
            log: SQLAccessLog(database: db), clock: ManualClock(EffectFixture.asOf), minimumGroupSize: minimum)
    }

    func actor(_ db: Database, _ name: String, _ role: Role, _ unit: String) async throws -> Actor {
        Actor(user: try await Fixtures.user(db, name, role: role, unit: unit), requestId: "r-\(name)", channel: "test")
    }

    func effectRows(_ db: Database) async throws -> [AccessLogEntry] {
        try await SQLAccessLog(database: db).recent(committeeId: nil, limit: 500).map(\.entry).filter { $0.auditAction == .effectReportRead }
    }

    @Test("Too few per arm: no estimate and the text says so; one access-log row naming the intervention, period, method and sizes", arguments: TestDatabase.kinds)
    func tooFew(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            try await EffectFixture.load(database)
            let s = service(database)
            let amir = try await actor(database, "amir", .analyst, "analys")
            let r = try await s.report(.init(intervention: EffectFixture.intervention, from: "2026-03", to: "2026-04"), by: amir)
            #expect(r.report.participantCount == 2 && r.report.candidateCount == 6)
            #expect(r.report.status == .tooFew(participants: 2, comparison: 6, minimum: 30))
            #expect(r.report.balance == nil && r.report.outcomes.isEmpty && r.report.shares.isEmpty)
            #expect(r.report.explanation.contains { $0.hasPrefix("Ingen effekt redovisas: det krävs minst 30 personer i varje grupp") })
            #expect(r.report.period == "mars 2026–april 2026" && r.scopeName == "Jobbsökarcoachning i grupp" && r.populationName == "Stockholms stad")
            #expect(r.notRecorded.contains { $0.hasPrefix("utbildningsnivå") })
            let rows = try await effectRows(database)
            #expect(rows.count == 1)
            #expect(rows.first?.detail == "jobbtorg-jobbsokarcoachning 2026-03..2026-04 matching:0.2 participants=2 candidates=6 channel=test")
            #expect(rows.first?.userId == amir.user.id && rows.first?.personId == nil)
        }
    }

    @Test("A district manager sees their own district's participants and comparison persons; a Jobbtorg manager Jobbtorg's; a coach nothing", arguments: TestDatabase.kinds)
    func access(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            try await EffectFixture.load(database)
            let s = service(database)
            let elin = try await actor(database, "elin", .unitManager, "spanga-tensta-ekonomiskt-bistand")
            let own = try await s.report(.init(intervention: EffectFixture.intervention, from: "2026-03", to: "2026-04"), by: elin)
            // P1; C1, C2, C4 in March and C4 in April (P2 and P4 are from Rinkeby-Kista).
            #expect(own.report.participantCount == 1 && own.report.candidateCount == 4)
            #expect(own.populationName == "Spånga-Tensta stadsdelsnämnd")
            let johan = try await actor(database, "johan", .unitManager, "jobbtorg-kista")
            let jobbtorg = try await s.report(.init(intervention: "type:job_search_coaching", from: "2026-03", to: "2026-04", method: "weighting"), by: johan)
            #expect(jobbtorg.report.participantCount == 2 && jobbtorg.report.candidateCount == 6 && jobbtorg.report.method == .weighting)
            let carl = try await actor(database, "carl", .coach, "jobbtorg-kista")
            await #expect(throws: DomainError.forbidden) { _ = try await s.report(.init(intervention: EffectFixture.intervention), by: carl) }
            #expect(try await effectRows(database).count == 2)
        }
    }

    @Test("Bad input is refused field by field in Swedish; nothing is read and nothing logged", arguments: TestDatabase.kinds)
    func badInput(kind db: TestDatabase) async throws {
        try await db.with { database, _ in
            try await EffectFixture.load(database)
            let s = service(database)
            let amir = try await actor(database, "amir", .analyst, "analys")
            func refused(_ r: EffectService.Request) async -> [FieldError] {
                do {
                    _ = try await s.report(r, by: amir)
                    return []
                } catch { return (error as? DomainError)?.fields ?? [FieldError(field: "?", message: "\(error)")] }
            }
            #expect(await refused(.init(intervention: "finns-inte", from: "2026-03", to: "2026-04")) == [FieldError(field: "intervention", message: "Insatsen ”finns-inte” finns inte i katalogen.")])
            #expect(await refused(.init(intervention: "type:dans", from: "2026-03", to: "2026-04")).map(\.field) == ["intervention"])
            #expect(await refused(.init(intervention: "")).map(\.field) == ["intervention"])
            #expect(await refused(.init(intervention: EffectFixture.intervention, from: "2026-13", to: "2026-04")).first?.message == "Ange första startmånad som ÅÅÅÅ-MM (en månad som finns), inte ”2026-13”.")
            #expect(await refused(.init(intervention: EffectFixture.intervention, from: "2026-05", to: "2026-03")) == [FieldError(field: "to", message: "Perioden slutar (2026-03) innan den börjar (2026-05).")])
            #expect(await refused(.init(intervention: EffectFixture.intervention, from: "2027-01", to: "2027-03")).map(\.field) == ["from"])
            #expect(await refused(.init(intervention: EffectFixture.intervention, from: "2026-03", to: "2026-04", method: "lottning")).map(\.field) == ["method"])
            #expect(await refused(.init(intervention: EffectFixture.intervention, from: "2026-03", to: "2026-04", caliper: "-1")).map(\.field) == ["caliper"])
            #expect(try await effectRows(database).isEmpty)
        }
    }
}
