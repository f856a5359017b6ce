import Foundation
import SamsynDomain
import Testing

/// The statistics reproduced on real published data sets (sources in Fixtures/README.md).
///
/// Two kinds of reference figure:
/// - **R's own output** for the same data (survival 3.5-3, stats::glm, t.test and a plain R nearest-neighbour matching;
///   R 4.2.2 on Debian bookworm),
///   written once by `Fixtures/make-references.R` into the `*-reference.csv`, `psid-pairs-*.csv` and `psid-balance-*.csv` files.
///   Samsyn's code must agree with those to about six significant digits or better.
/// - **Published figures**, rounded as published, each named where it is checked.
@Suite("Statistics on the published reference data sets (Rossi, NSW/Dehejia–Wahba, PSID)")
struct StatisticsReferenceTests {
    static let covariates = ["fin", "age", "race", "wexp", "mar", "paro", "prio"]

    static func rossi() throws -> (observations: [SurvivalObservation], covariates: [[Double]], fin: [Double]) {
        let t = try StatisticsFixture.load("rossi.csv")
        let week = t.numbers("week")
        let arrest = t.numbers("arrest")
        let columns = covariates.map { t.numbers($0) }
        let rows = week.indices.map { i in columns.map { $0[i] } }
        return (week.indices.map { SurvivalObservation(time: week[$0], event: arrest[$0] == 1) }, rows, t.numbers("fin"))
    }

    @Test("Rossi: 432 people, 114 arrests, 318 censored at week 52")
    func rossiData() throws {
        let r = try Self.rossi()
        #expect(r.observations.count == 432)
        #expect(r.observations.filter(\.event).count == 114)
        #expect(r.observations.filter { !$0.event }.allSatisfy { $0.time == 52 })
        // All censoring is at week 52, so Ŝ(52) = 318/432 (measurement.md's derivation, checked here).
        let km = try KaplanMeier(r.observations)
        #expect(close(km.survival(at: 52), 318.0 / 432, relative: 1e-12))
    }

    @Test("Rossi: the Cox model (Efron ties) reproduces R's coxph and the published coefficients")
    func rossiCoxEfron() throws {
        let r = try Self.rossi()
        let cox = try CoxModel(observations: r.observations, covariates: r.covariates, names: Self.covariates)
        let reference = try StatisticsFixture.load("rossi-cox-reference.csv")
        let rows = reference.rows.filter { $0[0] == "efron" }
        for row in rows where Self.covariates.contains(row[1]) {
            let c = try #require(cox.coefficient(row[1]))
            // R: coxph(Surv(week, arrest) ~ fin + age + race + wexp + mar + paro + prio, ties = "efron").
            #expect(close(c.estimate.value, Double(row[2])!, relative: 1e-6), "\(row[1]) \(c.estimate.value) vs R \(row[2])")
            #expect(close(c.estimate.standardError, Double(row[3])!, relative: 1e-6), "\(row[1]) SE \(c.estimate.standardError) vs R \(row[3])")
        }
        let values = Dictionary(uniqueKeysWithValues: rows.map { ($0[1], Double($0[2])!) })
        #expect(close(cox.logLikelihood, values["loglik"]!, relative: 1e-10))
        #expect(close(cox.nullLogLikelihood, values["loglik0"]!, relative: 1e-10))
        #expect(close(cox.concordance, values["concordance"]!, relative: 1e-10), "C \(cox.concordance)")
        #expect(close(cox.likelihoodRatio, values["lr"]!, relative: 1e-7))

        // Published: lifelines' documentation, "Survival Regression" (CamDavidsonPilon/lifelines docs/Survival Regression.rst),
        // CoxPHFitter on load_rossi(): fin −0.38 (SE 0.19, HR 0.68), age −0.06, race 0.31, wexp −0.15, mar −0.43, paro −0.08,
        // prio 0.09 (HR 1.10), log-likelihood −658.75, concordance 0.64, likelihood-ratio test 33.27 on 7 df; and Fox & Weisberg's
        // appendix "Cox Proportional-Hazards Regression for Survival Data in R" with four digits: fin −0.3794 (SE 0.1914),
        // age −0.0574 (0.0220), prio 0.0915 (0.0286), race/mar there coded other/not married, so with the opposite sign:
        // 0.3139, −0.4337; wexp −0.1498, paro −0.0849. The issue's three significant digits: fin −0.379 SE 0.191, age −0.057
        // (−0.0574), prio 0.091 (0.0915).
        let published: [(String, Double, Double?)] = [
            ("fin", -0.3794, 0.1914), ("age", -0.0574, 0.0220), ("race", 0.3139, 0.3080), ("wexp", -0.1498, 0.2122),
            ("mar", -0.4337, 0.3819), ("paro", -0.0849, 0.1958), ("prio", 0.0915, 0.0286),
        ]
        for (name, beta, se) in published {
            let c = try #require(cox.coefficient(name))
            #expect(significant(c.estimate.value, 3) == significant(beta, 3), "\(name) \(c.estimate.value)")
            if let se { #expect(significant(c.estimate.standardError, 3) == significant(se, 3), "\(name) SE \(c.estimate.standardError)") }
        }
        #expect(significant(cox.coefficient("fin")!.hazardRatio, 2) == 0.68)
        #expect(significant(cox.coefficient("prio")!.hazardRatio, 3) == 1.10)
        #expect((cox.logLikelihood * 100).rounded() / 100 == -658.75)
        #expect(significant(cox.concordance, 2) == 0.64)
        #expect(significant(cox.concordance, 3) == 0.640)
        #expect((cox.likelihoodRatio * 100).rounded() / 100 == 33.27)
        #expect(cox.count == 432 && cox.eventCount == 114)
        // fin's p-value is published as 0.05 (lifelines: 0.05; Fox & Weisberg: 0.047).
        #expect(significant(cox.coefficient("fin")!.estimate.pValue, 2) == 0.047)
    }

    @Test("Rossi: Breslow ties reproduce R's coxph(ties = \"breslow\")")
    func rossiCoxBreslow() throws {
        let r = try Self.rossi()
        let cox = try CoxModel(observations: r.observations, covariates: r.covariates, names: Self.covariates, ties: .breslow)
        let rows = try StatisticsFixture.load("rossi-cox-reference.csv").rows.filter { $0[0] == "breslow" }
        for row in rows {
            if let c = cox.coefficient(row[1]) {
                #expect(close(c.estimate.value, Double(row[2])!, relative: 1e-6), "\(row[1])")
                #expect(close(c.estimate.standardError, Double(row[3])!, relative: 1e-6), "\(row[1]) SE")
            }
        }
        let values = Dictionary(uniqueKeysWithValues: rows.map { ($0[1], Double($0[2])!) })
        #expect(close(cox.logLikelihood, values["loglik"]!, relative: 1e-10))
        #expect(close(cox.concordance, values["concordance"]!, relative: 1e-10))
    }

    @Test("Rossi: robust (sandwich) standard errors reproduce coxph(robust = TRUE), unweighted and weighted, Efron and Breslow")
    func rossiRobust() throws {
        let r = try Self.rossi()
        let t = try StatisticsFixture.load("rossi-cox-robust-reference.csv")
        let columns = [0, 1, 6]  // fin, age, prio
        let x = r.covariates.map { row in columns.map { row[$0] } }
        for (variant, ties) in [("unweighted", CoxModel.Ties.efron), ("weighted", .efron), ("weighted", .breslow)] {
            // R: coxph(Surv(week, arrest) ~ fin + age + prio, weights = 1 + (age %% 3) / 2, robust = TRUE); rossi-cox-robust-reference.csv.
            let observations = zip(r.observations, x).map { o, row in
                SurvivalObservation(time: o.time, event: o.event, weight: variant == "weighted" ? 1 + Double(Int(row[1]) % 3) / 2 : 1)
            }
            let cox = try CoxModel(observations: observations, covariates: x, names: ["fin", "age", "prio"], ties: ties)
            let rows = t.rows.filter { $0[0] == variant && $0[1] == ties.rawValue }
            #expect(rows.count == 3)
            for row in rows {
                let j = try #require(["fin", "age", "prio"].firstIndex(of: row[2]))
                #expect(close(cox.coefficients[j].estimate.value, Double(row[3])!, relative: 1e-6), "\(variant) \(ties) \(row[2])")
                #expect(close(cox.coefficients[j].estimate.standardError, Double(row[4])!, relative: 1e-6), "\(variant) \(ties) \(row[2]) SE")
                #expect(close(cox.robustCoefficients[j].estimate.standardError, Double(row[5])!, relative: 1e-6), "\(variant) \(ties) \(row[2]) robust SE \(cox.robustCoefficients[j].estimate.standardError)")
            }
        }
    }

    static func checkKaplanMeier(_ km: KaplanMeier, against t: StatisticsFixture.Table, rows: [Int]) {
        let time = t.numbers("time")
        let atRisk = t.numbers("n_risk")
        let events = t.numbers("n_event")
        let surv = t.numbers("surv")
        let se = t.numbers("std_err")
        let lower = t.numbers("lower")
        let upper = t.numbers("upper")
        #expect(km.steps.count == rows.count)
        for (k, i) in rows.enumerated() where k < km.steps.count {
            let s = km.steps[k]
            #expect(s.time == time[i] && s.atRisk == atRisk[i] && s.events == events[i], "step \(k) at \(s.time)")
            #expect(close(s.survival, surv[i], relative: 1e-12), "S at \(s.time)")
            #expect(close(s.standardError, se[i], relative: 1e-10), "SE at \(s.time)")
            #expect(close(s.lower ?? .nan, lower[i], relative: 1e-10), "lower at \(s.time)")
            #expect(close(s.upper ?? .nan, upper[i], relative: 1e-10), "upper at \(s.time)")
        }
    }

    @Test("Rossi: Kaplan–Meier matches R's survfit (log confidence bands) at every event time")
    func rossiKaplanMeier() throws {
        let r = try Self.rossi()
        let km = try KaplanMeier(r.observations)
        // R: summary(survfit(Surv(week, arrest) ~ 1, data = rossi)), conf.type "log" (the default); rossi-km-reference.csv.
        let t = try StatisticsFixture.load("rossi-km-reference.csv")
        Self.checkKaplanMeier(km, against: t, rows: Array(t.rows.indices))
        #expect(km.steps.count == 49 && km.eventCount == 114)
    }

    @Test("Rossi: Kaplan–Meier by financial aid matches survfit(~ fin)")
    func rossiKaplanMeierByFin() throws {
        let r = try Self.rossi()
        let t = try StatisticsFixture.load("rossi-km-fin-reference.csv")
        let arm = t.column("fin")
        for value in [0.0, 1.0] {
            let km = try KaplanMeier(r.observations.indices.filter { r.fin[$0] == value }.map { r.observations[$0] })
            Self.checkKaplanMeier(km, against: t, rows: arm.indices.filter { arm[$0] == (value == 1 ? "1" : "0") })
        }
    }

    @Test("Rossi: Kaplan–Meier with integer case weights matches survfit(weights = )")
    func rossiKaplanMeierWeighted() throws {
        let r = try Self.rossi()
        // R: summary(survfit(Surv(week, arrest) ~ 1, weights = 1 + age %% 3)); rossi-km-weighted-reference.csv.
        let observations = zip(r.observations, r.covariates).map { o, row in
            SurvivalObservation(time: o.time, event: o.event, weight: 1 + Double(Int(row[1]) % 3))
        }
        let t = try StatisticsFixture.load("rossi-km-weighted-reference.csv")
        Self.checkKaplanMeier(try KaplanMeier(observations), against: t, rows: Array(t.rows.indices))
    }

    // MARK: NSW / Dehejia–Wahba

    static func nsw(_ file: String) throws -> (treated: [Bool], covariates: [[Double]], re78: [Double]) {
        let t = try StatisticsFixture.load(file)
        let names = ["age", "education", "black", "hispanic", "married", "nodegree", "re74", "re75"]
        let columns = names.map { t.numbers($0) }
        let treat = t.numbers("treat")
        return (treat.map { $0 == 1 }, treat.indices.map { i in columns.map { $0[i] } }, t.numbers("re78"))
    }

    static let nswNames = ["age", "education", "black", "hispanic", "married", "nodegree", "re74", "re75"]

    @Test("NSW, Dehejia–Wahba sample: the experimental difference in 1978 earnings is 1,794.34")
    func nswExperimental() throws {
        let d = try Self.nsw("nsw-dw.csv")
        #expect(d.treated.count == 445 && d.treated.filter { $0 }.count == 185)
        let diff = try GroupDifference.means(outcome: d.re78, treated: d.treated)
        let r = try StatisticsFixture.load("nsw-dw-reference.csv").values()
        // Published (measurement.md; Dehejia & Wahba 1999, and e.g. the Mixtape's nsw_mixtape): treated 6,349.14 (n = 185),
        // control 4,554.80 (n = 260), difference 1,794.34; Welch SE about 671 (the Mixtape do-file).
        #expect((diff.difference.value * 100).rounded() / 100 == 1794.34)
        #expect((diff.treatedMean * 100).rounded() / 100 == 6349.14)
        #expect((diff.controlMean * 100).rounded() / 100 == 4554.80)
        #expect(diff.treatedCount == 185 && diff.controlCount == 260)
        #expect(diff.difference.standardError.rounded() == 671)
        // R: t.test(re78 ~ treat) on the same file.
        #expect(close(diff.difference.value, r["difference"]!, relative: 1e-12))
        #expect(close(diff.difference.standardError, r["welch_se"]!, relative: 1e-10))
    }

    static func psid() throws -> (treated: [Bool], covariates: [[Double]], re78: [Double]) {
        let nsw = try Self.nsw("nsw-dw.csv")
        let psid = try Self.nsw("psid-controls.csv")
        let keep = nsw.treated.indices.filter { nsw.treated[$0] }
        return (
            keep.map { _ in true } + psid.treated, keep.map { nsw.covariates[$0] } + psid.covariates, keep.map { nsw.re78[$0] } + psid.re78
        )
    }

    @Test("DW treated vs PSID-1: the propensity model reproduces R's glm")
    func psidPropensity() throws {
        let d = try Self.psid()
        #expect(d.treated.count == 185 + 2490)
        let model = try LogisticRegression(outcome: d.treated, covariates: d.covariates, names: Self.nswNames)
        let t = try StatisticsFixture.load("psid-reference.csv")
        let r = t.values()
        let se = Dictionary(uniqueKeysWithValues: zip(t.column("term"), t.column("se")))
        for name in ["(Intercept)"] + Self.nswNames {
            let c = try #require(model.coefficient(name))
            #expect(close(c.value, r["glm_" + name]!, relative: 1e-6), "\(name) \(c.value)")
            // R's glm takes its standard errors from the working weights of its last iteration, one step before its
            // converged β, so they agree to about five digits only (the coefficients to six or more).
            #expect(close(c.standardError, Double(se["glm_" + name]!)!, relative: 1e-4), "\(name) SE \(c.standardError)")
        }
        #expect(close(model.deviance, r["glm_deviance"]!, relative: 1e-9))
        // R warns "fitted probabilities numerically 0 or 1 occurred" on this fit; so does this.
        #expect(model.extremeProbabilities)
    }

    @Test("DW treated vs PSID-1: the naive −15,205 moves towards the experimental 1,794 after matching, and the balance table shows why")
    func psidMatching() throws {
        let d = try Self.psid()
        let model = try LogisticRegression(outcome: d.treated, covariates: d.covariates, names: Self.nswNames)
        let logits = d.covariates.map(model.logit)
        let r = try StatisticsFixture.load("psid-reference.csv").values()
        let naive = try GroupDifference.means(outcome: d.re78, treated: d.treated)
        // Published: −15,205 (jjchern/lalonde README: 6,349 − 21,554); R: psid-reference.csv.
        #expect(naive.difference.value.rounded() == -15205)
        #expect(close(naive.difference.value, r["naive_difference"]!, relative: 1e-12))
        let experimental = 1794.34
        let cases: [(String, PropensityMethod)] = [
            ("nocaliper", .nearestNeighbour(replacement: false, caliper: nil)),
            ("caliper02", .nearestNeighbour(replacement: false, caliper: 0.2)),
            ("replace", .nearestNeighbour(replacement: true, caliper: nil)),
            ("replacecaliper02", .nearestNeighbour(replacement: true, caliper: 0.2)),
        ]
        for (label, method) in cases {
            let m = try PropensityAdjustment(logits: logits, treated: d.treated, method: method)
            // R: the greedy nearest-neighbour matching written out in make-references.R (MatchIt 4.5.1 as packaged
            // in Debian has the integer-abs() bug, MatchIt issue #163), on R's glm linear predictor; psid-pairs-<label>.csv, 1-based rows.
            let pairs = try StatisticsFixture.load("psid-pairs-\(label).csv")
            let expected = Set(zip(pairs.numbers("treated"), pairs.numbers("control")).map { "\(Int($0) - 1)-\(Int($1) - 1)" })
            let mine = Set(m.pairs.map { "\($0.treated)-\($0.control)" })
            #expect(mine == expected, "\(label): only mine \(mine.subtracting(expected).sorted()), only R's \(expected.subtracting(mine).sorted())")
            #expect(Double(m.matchedTreatedCount) == r["\(label)_matched_treated"]!)
            #expect(Double(m.distinctControlsCount) == r["\(label)_distinct_controls"]!)
            let diff = try GroupDifference.means(outcome: d.re78, treated: d.treated, weights: m.weights)
            #expect(close(diff.difference.value, r["\(label)_difference"]!, relative: 1e-9), "\(label) \(diff.difference.value)")
            // Every variant moves the naive −15,205 to within a fifth of that distance from the experimental 1,794
            // (from −113 without caliper or replacement to 2,168 with replacement; see psid-reference.csv).
            #expect(abs(diff.difference.value - experimental) < abs(naive.difference.value - experimental) / 5)

            // R's balance figures for the same matches (psid-balance-<label>.csv), with both denominators.
            let b = try StatisticsFixture.load("psid-balance-\(label).csv")
            for denominator in [BalanceTable.Denominator.treated, .pooled] {
                let table = try BalanceTable(covariates: d.covariates, names: Self.nswNames, treated: d.treated, weights: m.weights, denominator: denominator)
                let column = denominator == .treated ? "smd_treated" : "smd_pooled"
                let smd = b.numbers(column)
                let control = b.numbers("control")
                for (k, term) in b.column("term").enumerated() {
                    let row = try #require(table.rows.first { $0.name == term })
                    let before = b.rows[k][0] == "before"
                    let mine = before ? row.standardisedDifferenceBefore : row.standardisedDifferenceAfter
                    #expect(close(mine, smd[k], relative: 1e-9), "\(label) \(b.rows[k][0]) \(term) \(mine) vs \(smd[k])")
                    #expect(close(before ? row.controlMeanBefore : row.controlMeanAfter, control[k], relative: 1e-9), "\(label) \(term) mean")
                }
            }
        }
        // The balance table shows why: before matching the PSID households are older, married, white and earn ten
        // times more (standardised differences beyond 1); matching with replacement removes most of it…
        let m = try PropensityAdjustment(logits: logits, treated: d.treated, method: .nearestNeighbour(replacement: true, caliper: nil))
        let table = try BalanceTable(covariates: d.covariates, names: Self.nswNames, treated: d.treated, weights: m.weights)
        for name in ["age", "black", "married", "re74", "re75"] {
            let row = try #require(table.rows.first { $0.name == name })
            #expect(abs(row.standardisedDifferenceBefore) > 1, "\(name) before")
            #expect(abs(row.standardisedDifferenceAfter) < abs(row.standardisedDifferenceBefore) / 3, "\(name) after")
        }
        // …but not all: age, marriage and 1974 earnings stay beyond 0.1, so the estimate is flagged as uncertain.
        #expect(table.rows.filter(\.flagged).map(\.name) == ["age", "married", "re74"])
        #expect(table.treatedCountAfter == 185 && table.controlCountAfter == 69)
    }

    @Test("DW treated vs PSID-1: ATT weights e/(1 − e) reproduce R's weighted difference")
    func psidWeighting() throws {
        let d = try Self.psid()
        let model = try LogisticRegression(outcome: d.treated, covariates: d.covariates, names: Self.nswNames)
        let w = try PropensityAdjustment(logits: d.covariates.map(model.logit), treated: d.treated, method: .inverseProbabilityWeighting)
        let diff = try GroupDifference.means(outcome: d.re78, treated: d.treated, weights: w.weights)
        let r = try StatisticsFixture.load("psid-reference.csv").values()
        #expect(close(diff.difference.value, r["ipw_att_difference"]!, relative: 1e-5), "\(diff.difference.value)")
        #expect(abs(diff.difference.value - 1794.34) < 100)
        let controlSum = d.treated.indices.filter { !d.treated[$0] }.reduce(0.0) { $0 + w.weights[$1] }
        #expect(close(controlSum, 185, relative: 1e-12))
    }
}
