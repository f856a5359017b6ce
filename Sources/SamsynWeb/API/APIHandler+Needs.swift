import Foundation
import OpenAPIRuntime
import SamsynAPI
import SamsynDomain

/// The joint need assessment over the API: the same service calls and secrecy as the pages.
extension APIHandler {
    var needs: NeedAssessmentService { services.needs }

    func getNeedAssessments(_ input: Operations.GetNeedAssessments.Input) async throws -> Operations.GetNeedAssessments.Output {
        let ov = try await needs.overview(personId: try uuid(input.path.personId), by: try APIScope.actor())
        let s = ov.suggestion
        func evidence(_ x: NeedEvidence) -> Components.Schemas.NeedEvidence {
            .init(question: x.label, answer: x.answer, source: x.source, date: x.date.description, draft: x.draft, otherCommittee: x.otherCommittee)
        }
        let suggestion = Components.Schemas.NeedSuggestion(
            ruleVersion: s.ruleVersion, code: s.outcome.code, title: s.category?.title, ruleId: s.rule?.id, explanation: s.rule?.explanation,
            reasons: s.reasons.map(evidence),
            missing: s.missing.map { .init(concept: $0.concept, question: $0.question, askedIn: $0.askedIn, declined: $0.declined) },
            checked: s.checked.map(evidence))
        return .ok(
            .init(
                body: .json(
                    .init(
                        personId: Self.s(ov.person.id), side: Self.e(ov.side), suggestion: suggestion, current: ov.current.map(Self.need),
                        history: ov.history.map(Self.need), enrolled: ov.enrolled,
                        coDeciders: ov.coDeciders.map { .init(id: Self.s($0.id), name: $0.displayName, role: $0.role.swedishTitle) }))))
    }

    func startNeedAssessment(_ input: Operations.StartNeedAssessment.Input) async throws -> Operations.StartNeedAssessment.Output {
        let (a, created) = try await needs.start(personId: try uuid(input.path.personId), by: try APIScope.actor())
        return created ? .created(.init(body: .json(Self.need(a)))) : .ok(.init(body: .json(Self.need(a))))
    }

    func recordNeedView(_ input: Operations.RecordNeedView.Input) async throws -> Operations.RecordNeedView.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let a = try await needs.recordView(
            id: try uuid(input.path.assessmentId), category: b.category, parallel: b.parallel ? "yes" : "no", comment: b.comment ?? "", expectedVersion: b.version,
            by: try APIScope.actor())
        return .ok(.init(body: .json(Self.need(a))))
    }

    func decideNeedAssessment(_ input: Operations.DecideNeedAssessment.Input) async throws -> Operations.DecideNeedAssessment.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let a = try await needs.decide(
            id: try uuid(input.path.assessmentId),
            .init(
                category: b.category, lead: b.lead.rawValue, parallel: b.parallel ? "yes" : "no", reviewOn: b.reviewOn, deviationReason: b.deviationReason ?? "",
                coDeciderId: b.coDeciderId ?? ""),
            expectedVersion: b.version, by: try APIScope.actor())
        return .ok(.init(body: .json(Self.need(a))))
    }

    func confirmNeedDecision(_ input: Operations.ConfirmNeedDecision.Input) async throws -> Operations.ConfirmNeedDecision.Output {
        .ok(.init(body: .json(Self.need(try await needs.answerProposal(id: try uuid(input.path.proposalId), .confirm, by: try APIScope.actor())))))
    }

    func declineNeedDecision(_ input: Operations.DeclineNeedDecision.Input) async throws -> Operations.DeclineNeedDecision.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        return .ok(.init(body: .json(Self.need(try await needs.answerProposal(id: try uuid(input.path.proposalId), .decline(reason: b.declineReason), by: try APIScope.actor())))))
    }

    func withdrawNeedDecision(_ input: Operations.WithdrawNeedDecision.Input) async throws -> Operations.WithdrawNeedDecision.Output {
        .ok(.init(body: .json(Self.need(try await needs.answerProposal(id: try uuid(input.path.proposalId), .withdraw, by: try APIScope.actor())))))
    }

    func listNeedRuleVersions(_ input: Operations.ListNeedRuleVersions.Input) async throws -> Operations.ListNeedRuleVersions.Output {
        let versions = try await needs.ruleVersions(by: try APIScope.actor())
        return .ok(
            .init(
                body: .json(
                    versions.map { v in
                        .init(
                            version: v.set.version, title: v.set.title, description: v.set.description, active: v.active,
                            categories: v.set.categories.map {
                                .init(code: $0.code, title: $0.title, description: $0.description, lead: Self.e($0.lead), parallel: $0.parallel, reviewMonths: $0.reviewMonths)
                            },
                            rules: v.set.rules.map { r in
                                .init(
                                    id: r.id, category: r.category, explanation: r.explanation,
                                    condition: r.when.map { NeedRuleText.describe($0, instruments: needs.instruments, obstacles: needs.classification) } ?? "i övriga fall")
                            })
                    })))
    }

    func tryNeedRules(_ input: Operations.TryNeedRules.Input) async throws -> Operations.TryNeedRules.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        let r = try await needs.whatIf(version: b.version, definition: b.definition, by: try APIScope.actor())
        return .ok(
            .init(
                body: .json(
                    .init(
                        currentVersion: r.currentVersion, candidateVersion: r.candidateVersion, people: r.people, changed: r.changed.description,
                        transitions: r.transitions.map { .init(from: $0.from, to: $0.to, people: $0.people.description) },
                        distribution: r.distribution.map { .init(code: $0.code, current: $0.current.description, candidate: $0.candidate.description) }))))
    }

    func activateNeedRules(_ input: Operations.ActivateNeedRules.Input) async throws -> Operations.ActivateNeedRules.Output {
        guard case .json(let b) = input.body else { throw DomainError.invalid([]) }
        try await needs.activate(version: b.version, by: try APIScope.actor())
        return .ok(.init(body: .json(.init(version: b.version))))
    }

    func getNeedFairness(_ input: Operations.GetNeedFairness.Input) async throws -> Operations.GetNeedFairness.Output {
        let r = try await needs.fairness(from: input.query.from, to: input.query.to, by: try APIScope.actor())
        func row(_ x: FairnessReport.Row) -> Components.Schemas.FairnessRow {
            .init(
                group: x.group, people: x.people.description, suggested: x.suggested.map(\.description), decided: x.decided.map(\.description),
                deviations: x.deviations.description, deviationPercent: x.deviationPercent)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        from: r.from.description, to: r.to.description, categoryCodes: r.categoryCodes, suggestionCodes: r.categoryCodes + [NeedOutcome.unclearCode],
                        byGender: r.byGender.map(row), byAge: r.byAge.map(row), total: row(r.total)))))
    }

    static func need(_ a: NeedAssessment) -> Components.Schemas.NeedAssessment {
        func view(_ v: NeedAssessment.View?) -> Components.Schemas.NeedView? {
            v.map { .init(category: $0.category, parallel: $0.parallel, comment: $0.comment, by: $0.byName, at: $0.at) }
        }
        return .init(
            id: s(a.id), personId: s(a.personId), committeeId: a.committeeId, districtUnitId: a.districtUnitId, jobbtorgUnitId: a.jobbtorgUnitId,
            status: e(a.status), startedAt: a.startedAt, startedBy: a.startedByName, districtView: view(a.districtView), jobbtorgView: view(a.jobbtorgView),
            decision: a.decision.map { d in
                .init(
                    category: d.category, lead: e(d.lead), parallel: d.parallel, reviewOn: d.reviewOn.description, suggested: d.suggested, ruleVersion: d.ruleVersion,
                    deviationReason: d.deviationReason, deviates: d.deviates, decidedOn: d.decidedOn.description, decidedBy: d.deciderName, coDecidedBy: d.coDeciderName)
            }, inDisagreement: a.inDisagreement, version: a.version, pendingDecision: a.pending.map(proposal), proposals: a.proposals.map(proposal))
    }

    static func proposal(_ p: NeedDecisionProposal) -> Components.Schemas.NeedDecisionProposal {
        .init(
            id: s(p.id), assessmentId: s(p.assessmentId), category: p.category, lead: e(p.lead), parallel: p.parallel,
            reviewOn: p.reviewOn.description, suggested: p.suggested, ruleVersion: p.ruleVersion, deviationReason: p.deviationReason, proposedAt: p.proposedAt,
            proposedBy: p.proposerName, coDeciderId: s(p.coDeciderId), coDecider: p.coDeciderName, status: e(p.status),
            answeredAt: p.answeredAt, answeredBy: p.answeredByName, declineReason: p.declineReason)
    }
}

extension APIHandler {
    static func e(_ v: LeadUnit) -> Components.Schemas.NeedDecisionProposal.LeadPayload {
        switch v {
        case .jobbtorg: .jobbtorg
        case .district: .district
        case .joint: .joint
        }
    }

    static func e(_ v: NeedDecisionProposal.Status) -> Components.Schemas.NeedDecisionProposal.StatusPayload {
        switch v {
        case .pending: .pending
        case .confirmed: .confirmed
        case .declined: .declined
        case .withdrawn: .withdrawn
        }
    }
}
