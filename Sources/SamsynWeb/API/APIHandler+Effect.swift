import Foundation
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain

/// The effect report of an intervention (issue 17): the same report as the page, counts 1…k−1 left out.
extension APIHandler {
    func getEffectStatistics(_ input: Operations.GetEffectStatistics.Input) async throws -> Operations.GetEffectStatistics.Output {
        let q = input.query
        let request = EffectService.Request(intervention: q.intervention, from: q.from ?? "", to: q.to ?? "", method: q.method?.rawValue ?? "", caliper: q.caliper ?? "")
        let result = try await services.effect.report(request, by: try APIScope.actor())
        return .ok(.init(body: .json(Self.effect(result))))
    }

    static func effect(_ r: EffectService.Result) -> Components.Schemas.EffectReport {
        let e = r.report
        let k = e.disclosureThreshold
        func count(_ n: Int) -> Int? { (1..<max(k, 1)).contains(n) ? nil : n }
        func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
        func interval(_ x: Estimate?, exp: Bool = false) -> Components.Schemas.EffectInterval? {
            guard let x, x.value.isFinite, x.lower.isFinite, x.upper.isFinite else { return nil }
            return exp ? .init(value: Foundation.exp(x.value), lower: Foundation.exp(x.lower), upper: Foundation.exp(x.upper)) : .init(value: x.value, lower: x.lower, upper: x.upper)
        }
        func curve(_ c: EffectReport.Curve) -> Components.Schemas.EffectCurve {
            .init(
                count: count(c.count), events: count(c.events),
                points: c.points.map { .init(month: $0.month, share: $0.share, lower: $0.lower, upper: $0.upper, atRisk: $0.atRisk) })
        }
        let status: Components.Schemas.EffectReport.StatusPayload =
            switch e.status {
            case .estimated: .estimated
            case .tooFew: .tooFew
            case .failed: .failed
            }
        var caliper: Double?
        let method: Components.Schemas.EffectReport.MethodPayload
        switch e.method {
        case .matching(let c, _):
            method = .matching
            caliper = c
        case .weighting: method = .weighting
        }
        let balance = (e.balance?.rows ?? []).map { b in
            Components.Schemas.EffectBalanceRow(
                variable: b.name, binary: b.binary, treatedMeanBefore: b.treatedMeanBefore, controlMeanBefore: b.controlMeanBefore, treatedMeanAfter: b.treatedMeanAfter,
                controlMeanAfter: b.controlMeanAfter, standardisedDifferenceBefore: finite(b.standardisedDifferenceBefore),
                standardisedDifferenceAfter: finite(b.standardisedDifferenceAfter), flagged: b.flagged)
        }
        let outcomes = e.outcomes.map { o in
            Components.Schemas.EffectOutcome(
                outcome: o.outcome == .leavingAid ? .leavingAid : .workOrStudies, participants: curve(o.participants), comparison: curve(o.comparison),
                hazardRatio: interval(o.logHazardRatio, exp: true))
        }
        let shares = e.shares.map { s in
            Components.Schemas.EffectShare(
                month: s.month, participantsFollowed: count(s.participantsFollowed), comparisonFollowed: count(s.comparisonFollowed),
                participantShare: s.difference.flatMap { finite($0.treatedMean) }, comparisonShare: s.difference.flatMap { finite($0.controlMean) },
                difference: interval(s.difference?.difference), withheldReason: s.withheldReason)
        }
        let estimated = e.status == .estimated
        return .init(
            interventionId: r.request.intervention.trimmingCharacters(in: .whitespaces), name: r.scopeName, from: r.from.monthKey, to: r.to.monthKey, method: method,
            caliper: caliper, methodDescription: e.method.swedishDescription, population: r.populationName, asOf: r.asOf.description, status: status,
            uncertain: estimated && e.uncertain, participants: count(e.participantCount), candidates: count(e.candidateCount),
            matchedParticipants: estimated ? count(e.matchedParticipantCount) : nil, comparison: estimated ? count(e.comparisonCount) : nil,
            unmatchedParticipants: estimated ? count(e.unmatchedParticipantCount) : nil,
            comparisonEffectiveSize: estimated ? finite(e.comparisonEffectiveSize) : nil, minimumGroupSize: e.minimumGroupSize, disclosureThreshold: k,
            balance: balance, outcomes: outcomes, shares: shares, explanation: e.explanation, notRecorded: r.notRecorded)
    }
}
