import Foundation
import SamsynDomain
import Testing

/// The effect report on generated populations where the true effect is known: every unit has both potential outcomes
/// (drawn from one uniform number, with and without the intervention), so the effect among the participants is known
/// exactly, while who takes part depends on the same things that speed up leaving aid (confounding).
@Suite("The effect report on generated populations with a known effect")
struct EffectReportTests {
    struct Population {
        var participants: [EffectUnit] = []
        var candidates: [EffectUnit] = []
        /// Among participants: share who left aid within 12 months with the intervention minus without it.
        var trueEffect12: Double = 0
    }

    static let ageBands = ["18–24", "25–29", "30–39", "40–49", "50–64"]
    static let districts = ["Rinkeby-Kista", "Spånga-Tensta", "Skärholmen", "Farsta"]

    /// - Parameters:
    ///   - hazardRatio: the intervention's effect on the hazard of leaving aid (1 = none).
    ///   - selection: how strongly the young and those with few aid months are chosen.
    static func population(size: Int, hazardRatio: Double, selection: Double = 1, seed: UInt64, participantsAtMost: Int? = nil) -> Population {
        var g = SeededGenerator(seed: seed)
        var p = Population()
        var effects: [Double] = []
        for i in 0..<size {
            let age = Int(g.uniform() * 5)
            let district = Int(g.uniform() * 4)
            let aid12 = Int(g.uniform() * 13)
            let aid36 = min(36, aid12 + Int(g.uniform() * 25))
            let enrolled = g.uniform() * 30
            let gender = g.uniform() < 0.45 ? "kvinna" : "man"
            let need = ["A", "B", "C"][Int(g.uniform() * 3)]
            let education = ["förgymnasial", "gymnasial", "eftergymnasial"][Int(g.uniform() * 3)]
            let swedish: String? = g.uniform() < 0.1 ? nil : (g.uniform() < 0.6 ? "god" : "grundläggande")
            let fia: [String: Double] = g.uniform() < 0.5 ? ["arbetsförmåga": Double(Int(g.uniform() * 5) + 1)] : [:]
            let young = age <= 1 ? 1.0 : 0.0
            let logit = -1.6 + selection * (0.9 * young - 0.12 * Double(aid12 - 6)) + 0.3 * (district == 0 ? 1 : 0)
            var takesPart = g.uniform() < 1 / (1 + exp(-logit))
            if let cap = participantsAtMost, p.participants.count >= cap { takesPart = false }
            // Leaving aid: faster for the young and those with fewer aid months; the intervention multiplies the hazard.
            let rate0 = 0.06 * exp(0.5 * young - 0.08 * Double(aid12 - 6) + 0.1 * (need == "A" ? 1 : 0))
            let u = g.uniform()
            let t0 = -log(1 - u) / rate0
            let t1 = -log(1 - u) / (rate0 * hazardRatio)
            let work0 = -log(1 - g.uniform()) / (rate0 * 0.6)
            let follow = 6 + g.uniform() * 24  // data end or moving away
            let t = takesPart ? t1 : t0
            let workT = takesPart ? work0 / hazardRatio : work0
            func status(_ month: Double) -> Bool? { follow >= month ? t <= month : nil }
            let unit = EffectUnit(
                key: "u\(i)",
                covariates: EffectCovariates(
                    ageBand: ageBands[age], legalGender: gender, district: districts[district], aidMonthsLast12: aid12, aidMonthsLast36: aid36,
                    monthsSinceEnrolment: enrolled, needCategory: need, educationLevel: education, swedish: swedish, fiaRatings: fia),
                leavingAid: EffectTime(months: min(t, follow), reached: t <= follow),
                workOrStudies: EffectTime(months: min(workT, follow), reached: workT <= follow),
                selfSupporting6: status(6), selfSupporting12: status(12))
            if takesPart {
                p.participants.append(unit)
                effects.append((t1 <= 12 ? 1 : 0) - (t0 <= 12 ? 1 : 0))
            } else {
                p.candidates.append(unit)
            }
        }
        p.trueEffect12 = effects.reduce(0, +) / Double(effects.count)
        return p
    }

    static func naive12(_ p: Population) throws -> Double {
        let all = p.participants + p.candidates
        let followed = all.indices.filter { all[$0].selfSupporting12 != nil }
        let d = try GroupDifference.proportions(
            outcome: followed.map { all[$0].selfSupporting12! }, treated: followed.map { $0 < p.participants.count })
        return d.difference.value
    }

    @Test("Matching within a caliper recovers a known effect that the naive comparison overstates; balance after within 0.1")
    func knownEffectMatching() throws {
        let p = Self.population(size: 4000, hazardRatio: 1.6, seed: 7)
        let report = EffectReport(EffectReportRequest(title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates))
        #expect(report.status == .estimated)
        #expect(report.participantCount == p.participants.count && report.candidateCount == p.candidates.count)
        let balance = try #require(report.balance)
        #expect(!balance.anyFlagged, "\(balance.rows.filter(\.flagged).map { "\($0.name) \($0.standardisedDifferenceAfter)" })")
        #expect(!report.uncertain)
        // Selection on age and aid months shows before matching.
        let aid = try #require(balance.rows.first { $0.name == "Månader med bistånd senaste 12" })
        #expect(abs(aid.standardisedDifferenceBefore) > 0.3)
        #expect(balance.rows.contains { $0.name == "Åldersgrupp: 18–24" } && balance.rows.contains { $0.name == "FIA arbetsförmåga saknas" })
        #expect(report.matchedParticipantCount + report.unmatchedParticipantCount == p.participants.count)
        #expect(report.comparisonCount == report.matchedParticipantCount)

        let share = try #require(report.share(month: 12)?.difference)
        let naive = try Self.naive12(p)
        #expect(share.difference.lower <= p.trueEffect12 && p.trueEffect12 <= share.difference.upper, "true \(p.trueEffect12), estimate \(share.difference)")
        #expect(abs(naive - p.trueEffect12) > abs(share.difference.value - p.trueEffect12), "naive \(naive)")
        let leaving = try #require(report.outcome(.leavingAid))
        let interval = try #require(leaving.hazardRatioInterval)
        #expect(interval.lower > 1, "HR \(leaving.hazardRatio ?? .nan) \(interval)")
        #expect(leaving.participants.count == report.matchedParticipantCount && leaving.comparison.count == report.comparisonCount)
        // The curves: at month 0 nobody has left; the share rises; every point has its number at risk, never below k.
        for curve in [leaving.participants, leaving.comparison] {
            #expect(curve.points.first?.month == 0 && curve.points.first?.share == 0)
            #expect(zip(curve.points, curve.points.dropFirst()).allSatisfy { $0.share <= $1.share && $0.atRisk >= $1.atRisk })
            #expect(curve.points.allSatisfy { $0.atRisk >= report.disclosureThreshold && $0.lower <= $0.share && $0.share <= $0.upper })
        }
        let month12 = try #require(leaving.participants.points.first { $0.month == 12 })
        #expect(month12.share > (leaving.comparison.points.first { $0.month == 12 }?.share ?? 1))
        #expect(report.explanation.joined().contains("jämförelse, inte ett experiment"))
        #expect(report.explanation.joined().contains("inte kan utesluta"))
        #expect(report.explanation.joined().contains("högst 0,2 standardavvikelser"))
    }

    @Test("Weighting (ATT) recovers the known effect too, and says it weighted")
    func knownEffectWeighting() throws {
        let p = Self.population(size: 4000, hazardRatio: 1.6, seed: 11)
        let report = EffectReport(
            EffectReportRequest(title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates, method: .weighting))
        #expect(report.status == .estimated)
        #expect(report.comparisonCount == p.candidates.count)
        #expect(report.comparisonEffectiveSize < Double(p.candidates.count))
        let share = try #require(report.share(month: 12)?.difference)
        #expect(share.difference.lower <= p.trueEffect12 && p.trueEffect12 <= share.difference.upper, "true \(p.trueEffect12), estimate \(share.difference)")
        #expect(!(report.balance?.anyFlagged ?? true))
        #expect(report.explanation.joined().contains("Viktning med inversen av benägenhetspoängen"))
    }

    @Test("No effect: the intervals cover zero and a hazard ratio of 1")
    func noEffect() throws {
        let p = Self.population(size: 4000, hazardRatio: 1, seed: 23)
        let report = EffectReport(EffectReportRequest(title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates))
        let share = try #require(report.share(month: 12)?.difference)
        #expect(share.difference.lower <= 0 && 0 <= share.difference.upper, "\(share.difference)")
        let interval = try #require(report.outcome(.leavingAid)?.hazardRatioInterval)
        #expect(interval.lower <= 1 && 1 <= interval.upper)
    }

    @Test("Below the minimum group size nothing is estimated and the text says why")
    func tooFew() {
        let p = Self.population(size: 400, hazardRatio: 1.6, seed: 3, participantsAtMost: 29)
        let report = EffectReport(EffectReportRequest(title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates))
        #expect(report.status == .tooFew(participants: 29, comparison: p.candidates.count, minimum: 30))
        #expect(report.outcomes.isEmpty && report.shares.isEmpty && report.balance == nil)
        #expect(report.explanation.joined().contains("Ingen effekt redovisas: det krävs minst 30 personer i varje grupp"))
        // A smaller minimum can be chosen.
        let lower = EffectReport(
            EffectReportRequest(title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates, minimumGroupSize: 10))
        #expect(lower.status == .estimated)
    }

    @Test("Too few left after matching within the caliper: nothing estimated")
    func tooFewAfterMatching() {
        // Strong selection and a tight caliper: few participants find a match.
        let p = Self.population(size: 600, hazardRatio: 1.6, selection: 4, seed: 5)
        let report = EffectReport(
            EffectReportRequest(
                title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates, method: .matching(caliper: 0.00001, replacement: false),
                minimumGroupSize: 30))
        #expect(report.participantCount >= 30 && report.balance != nil, "it got as far as matching")
        if case .tooFew(let participants, _, _) = report.status {
            #expect(participants < 30)
            #expect(report.outcomes.isEmpty)
        } else {
            Issue.record("expected too few, got \(report.status), matched \(report.matchedParticipantCount)")
        }
    }

    @Test("Imbalance left after matching is flagged and the estimate marked uncertain")
    func flagged() throws {
        // Strong selection, matching without a caliper and without replacement: the worst participants get poor matches.
        let p = Self.population(size: 900, hazardRatio: 1.6, selection: 4, seed: 13)
        let report = EffectReport(
            EffectReportRequest(title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates, method: .matching(caliper: nil, replacement: false)))
        #expect(report.status == .estimated)
        #expect(report.balance?.anyFlagged == true)
        #expect(report.uncertain)
        #expect(report.explanation.joined().contains("Osäkert: efter matchningen skiljer sig grupperna fortfarande i"))
    }

    @Test("A share whose count would fall below the disclosure threshold is withheld")
    func disclosure() throws {
        var p = Self.population(size: 2000, hazardRatio: 1.6, seed: 31)
        // Almost nobody in the comparison group is without aid at 12 months: 2 are.
        var kept = 0
        p.candidates = p.candidates.map { u in
            var u = u
            if u.selfSupporting12 == true {
                kept += 1
                if kept > 2 { u.selfSupporting12 = false }
            }
            return u
        }
        let report = EffectReport(
            EffectReportRequest(title: "Jobbspåret", period: "2025", participants: p.participants, candidates: p.candidates, method: .weighting))
        let share = try #require(report.share(month: 12))
        #expect(share.difference == nil)
        #expect(share.withheldReason == "Visas inte: ett antal under 5 skulle gå att räkna ut.")
        #expect(report.share(month: 6)?.difference != nil)
    }
}
