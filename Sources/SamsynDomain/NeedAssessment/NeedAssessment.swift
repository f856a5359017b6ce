import Foundation

/// One joint need assessment (gemensam behovsbedömning) of a person: the district's view, Jobbtorg's view
/// when the person is enrolled, and the decision made by named people. It belongs to the district committee's
/// file; Jobbtorg reads and adds to it under a consent whose scope covers the need assessment. Each review is a
/// new assessment, so a person's assessments form a history.
public struct NeedAssessment: Sendable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case decided
    }
    public enum Side: String, Sendable, Codable, CaseIterable {
        case district
        case jobbtorg
        public var swedishName: String { self == .district ? "Stadsdelen (ekonomiskt bistånd)" : "Jobbtorg" }
    }

    /// One unit's view: the category it thinks fits and whether parallel interventions are needed.
    public struct View: Sendable, Equatable {
        public let category: String
        public let parallel: Bool
        public let comment: String
        public let byId: UUID
        public let byName: String
        public let at: Date
        public init(category: String, parallel: Bool, comment: String, byId: UUID, byName: String, at: Date) {
            self.category = category
            self.parallel = parallel
            self.comment = comment
            self.byId = byId
            self.byName = byName
            self.at = at
        }
    }

    public struct Decision: Sendable, Equatable {
        public let category: String
        public let lead: LeadUnit
        public let parallel: Bool
        public let reviewOn: LocalDate
        /// What the rules suggested when the decision was made (a category code or "oklart"), and under which version.
        public let suggested: String
        public let ruleVersion: Int
        /// Required when the decided category differs from a suggested category.
        public let deviationReason: String?
        public let decidedOn: LocalDate
        public let decidedAt: Date
        public let deciderId: UUID
        public let deciderName: String
        /// The person from the other unit who decided together with the decider (when the person is enrolled).
        public let coDeciderId: UUID?
        public let coDeciderName: String?

        public init(
            category: String, lead: LeadUnit, parallel: Bool, reviewOn: LocalDate, suggested: String, ruleVersion: Int, deviationReason: String?,
            decidedOn: LocalDate, decidedAt: Date, deciderId: UUID, deciderName: String, coDeciderId: UUID?, coDeciderName: String?
        ) {
            self.category = category
            self.lead = lead
            self.parallel = parallel
            self.reviewOn = reviewOn
            self.suggested = suggested
            self.ruleVersion = ruleVersion
            self.deviationReason = deviationReason
            self.decidedOn = decidedOn
            self.decidedAt = decidedAt
            self.deciderId = deciderId
            self.deciderName = deciderName
            self.coDeciderId = coDeciderId
            self.coDeciderName = coDeciderName
        }

        public var deviates: Bool { suggested != NeedOutcome.unclearCode && suggested != category }
    }

    public let id: UUID
    public let personId: UUID
    /// The district committee whose file holds it, and its unit (the district case's).
    public let committeeId: String
    public let districtUnitId: String
    /// Jobbtorg's committee and unit, when the person was enrolled as the assessment started.
    public let jobbtorgCommitteeId: String?
    public let jobbtorgUnitId: String?
    public var status: Status
    public let startedAt: Date
    public let startedByName: String
    public var districtView: View?
    public var jobbtorgView: View?
    public var decision: Decision?
    public var version: Int
    /// Every joint decision proposed on the assessment, newest first (the pending one, if any, among them).
    public var proposals: [NeedDecisionProposal]

    public init(
        id: UUID, personId: UUID, committeeId: String, districtUnitId: String, jobbtorgCommitteeId: String?, jobbtorgUnitId: String?, status: Status,
        startedAt: Date, startedByName: String, districtView: View? = nil, jobbtorgView: View? = nil, decision: Decision? = nil, version: Int = 1,
        proposals: [NeedDecisionProposal] = []
    ) {
        self.proposals = proposals
        self.id = id
        self.personId = personId
        self.committeeId = committeeId
        self.districtUnitId = districtUnitId
        self.jobbtorgCommitteeId = jobbtorgCommitteeId
        self.jobbtorgUnitId = jobbtorgUnitId
        self.status = status
        self.startedAt = startedAt
        self.startedByName = startedByName
        self.districtView = districtView
        self.jobbtorgView = jobbtorgView
        self.decision = decision
        self.version = version
    }

    public var isJoint: Bool { jobbtorgUnitId != nil }
    /// The proposal waiting for the co-decider's confirmation.
    public var pending: NeedDecisionProposal? { proposals.first { $0.status == .pending } }
    public func view(_ side: Side) -> View? { side == .district ? districtView : jobbtorgView }

    /// Both units have given their view and they differ (in category or in parallel interventions), with no
    /// decision yet: the disagreement stays on both units' task lists until a decision settles it.
    public var inDisagreement: Bool {
        guard status == .open, let d = districtView, let j = jobbtorgView else { return false }
        return d.category != j.category || d.parallel != j.parallel
    }
}

public enum NeedAssessmentRules {
    public static let commentLength = 0...1000
    public static let reasonLength = 10...1000
    /// The furthest ahead a review may be set.
    public static let maxReviewMonths = 24

    /// Who may give a unit's view and take part in a decision: the caseworkers of the two units and their managers.
    public static let deciders: Set<Role> = [.socialSecretary, .coach, .unitManager]

    public struct DecisionInput: Sendable {
        public var category: String
        public var lead: String
        public var parallel: String
        public var reviewOn: String
        public var deviationReason: String
        public var coDeciderId: String
        public init(category: String, lead: String, parallel: String, reviewOn: String, deviationReason: String, coDeciderId: String) {
            self.category = category
            self.lead = lead
            self.parallel = parallel
            self.reviewOn = reviewOn
            self.deviationReason = deviationReason
            self.coDeciderId = coDeciderId
        }
    }

    public struct CheckedDecision: Sendable, Equatable {
        public let category: NeedCategory
        public let lead: LeadUnit
        public let parallel: Bool
        public let reviewOn: LocalDate
        public let deviationReason: String?
    }

    /// Checks a decision against the rule set in use and the suggestion it is made on. Every problem is
    /// listed at once, in Swedish, by field.
    public static func check(
        _ input: DecisionInput, rules: NeedRuleSet, suggested: String, today: LocalDate, needsCoDecider: Bool, coDeciderKnown: Bool
    ) -> Result<CheckedDecision, DomainError> {
        var errors: [FieldError] = []
        let category = rules.category(input.category)
        if category == nil { errors.append(FieldError(field: "category", message: "Välj en kategori.")) }
        let lead = LeadUnit(rawValue: input.lead)
        if lead == nil { errors.append(FieldError(field: "lead", message: "Välj vem som leder arbetet.")) }
        let parallel: Bool? = input.parallel == "yes" ? true : input.parallel == "no" ? false : nil
        if parallel == nil { errors.append(FieldError(field: "parallel", message: "Ange om parallella insatser behövs.")) }
        let review = LocalDate(input.reviewOn.trimmingCharacters(in: .whitespaces))
        if let review {
            if review <= today {
                errors.append(FieldError(field: "reviewOn", message: "Uppföljningsdatumet har redan passerat. Välj ett datum efter i dag."))
            } else if review > today.adding(months: maxReviewMonths) {
                errors.append(FieldError(field: "reviewOn", message: "Följ upp bedömningen inom två år."))
            }
        } else {
            errors.append(FieldError(field: "reviewOn", message: input.reviewOn.isEmpty ? "Ange när bedömningen ska följas upp." : "Ange uppföljningsdatumet som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        let reason = input.deviationReason.trimmingCharacters(in: .whitespacesAndNewlines)
        let deviates = category != nil && suggested != NeedOutcome.unclearCode && suggested != input.category
        if deviates && !reasonLength.contains(reason.count) {
            errors.append(
                FieldError(
                    field: "deviationReason",
                    message: reason.isEmpty
                        ? "Beslutet avviker från förslaget (\(suggested)). Skriv varför ni gör en annan bedömning."
                        : "Skriv skälet till avvikelsen med 10–1000 tecken."))
        }
        if !deviates && reason.count > reasonLength.upperBound {
            errors.append(FieldError(field: "deviationReason", message: "Skriv skälet med högst 1000 tecken."))
        }
        if needsCoDecider && !coDeciderKnown {
            errors.append(FieldError(field: "coDeciderId", message: "Välj vem från den andra enheten som beslutar tillsammans med dig."))
        }
        guard errors.isEmpty, let category, let lead, let parallel, let review else { return .failure(.invalid(errors)) }
        return .success(CheckedDecision(category: category, lead: lead, parallel: parallel, reviewOn: review, deviationReason: deviates ? reason : (reason.isEmpty ? nil : reason)))
    }

    /// Checks a unit's view.
    public static func checkView(category: String, parallel: String, comment: String, rules: NeedRuleSet) -> Result<(NeedCategory, Bool, String), DomainError> {
        var errors: [FieldError] = []
        let c = rules.category(category)
        if c == nil { errors.append(FieldError(field: "category", message: "Välj den kategori som er enhet bedömer passar.")) }
        let p: Bool? = parallel == "yes" ? true : parallel == "no" ? false : nil
        if p == nil { errors.append(FieldError(field: "parallel", message: "Ange om parallella insatser behövs.")) }
        let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > commentLength.upperBound { errors.append(FieldError(field: "comment", message: "Skriv kommentaren med högst 1000 tecken.")) }
        guard errors.isEmpty, let c, let p else { return .failure(.invalid(errors)) }
        return .success((c, p, text))
    }
}

extension NeedAssessmentRules {
    public static let alreadyDecided = DomainError(.conflict, "Bedömningen är redan beslutad. Starta en ny bedömning vid uppföljningen.")

    /// Why a versioned update matched no row, from the assessment re-read in the transaction: gone,
    /// decided already (conflict), or someone changed it first (stale).
    public static func whyNotUpdated(current: NeedAssessment?) -> DomainError {
        guard let current else { return .notFound }
        return current.status == .decided ? alreadyDecided : .stale
    }
}

/// A joint decision proposed by one decider and naming the co-decider of the other unit. It is not a
/// decision: it takes effect only when the named co-decider, logged in themself, confirms it; they may
/// decline it with a reason, and the proposer may withdraw it while it waits.
public struct NeedDecisionProposal: Sendable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending
        case confirmed
        case declined
        case withdrawn

        public var swedishName: String {
            switch self {
            case .pending: "Väntar på bekräftelse"
            case .confirmed: "Bekräftat"
            case .declined: "Avböjt"
            case .withdrawn: "Återkallat"
            }
        }
    }

    public let id: UUID
    public let assessmentId: UUID
    public let personId: UUID
    public let category: String
    public let lead: LeadUnit
    public let parallel: Bool
    public let reviewOn: LocalDate
    public let suggested: String
    public let ruleVersion: Int
    public let deviationReason: String?
    public let proposedAt: Date
    public let proposerId: UUID
    public let proposerName: String
    public let coDeciderId: UUID
    public let coDeciderName: String
    public let coDeciderCommitteeId: String
    public let coDeciderUnitId: String
    public var status: Status
    public var answeredAt: Date?
    public var answeredById: UUID?
    public var answeredByName: String?
    public var declineReason: String?

    public init(
        id: UUID, assessmentId: UUID, personId: UUID, category: String, lead: LeadUnit, parallel: Bool, reviewOn: LocalDate, suggested: String, ruleVersion: Int,
        deviationReason: String?, proposedAt: Date, proposerId: UUID, proposerName: String, coDeciderId: UUID, coDeciderName: String,
        coDeciderCommitteeId: String, coDeciderUnitId: String, status: Status = .pending, answeredAt: Date? = nil, answeredById: UUID? = nil,
        answeredByName: String? = nil, declineReason: String? = nil
    ) {
        self.id = id
        self.assessmentId = assessmentId
        self.personId = personId
        self.category = category
        self.lead = lead
        self.parallel = parallel
        self.reviewOn = reviewOn
        self.suggested = suggested
        self.ruleVersion = ruleVersion
        self.deviationReason = deviationReason
        self.proposedAt = proposedAt
        self.proposerId = proposerId
        self.proposerName = proposerName
        self.coDeciderId = coDeciderId
        self.coDeciderName = coDeciderName
        self.coDeciderCommitteeId = coDeciderCommitteeId
        self.coDeciderUnitId = coDeciderUnitId
        self.status = status
        self.answeredAt = answeredAt
        self.answeredById = answeredById
        self.answeredByName = answeredByName
        self.declineReason = declineReason
    }

    public var deviates: Bool { suggested != NeedOutcome.unclearCode && suggested != category }
}

/// What the named co-decider or the proposer does with a pending proposal.
public enum NeedDecisionAnswer: Sendable, Equatable {
    case confirm
    case decline(reason: String)
    case withdraw

    public var auditAction: AuditAction {
        switch self {
        case .confirm: .needDecisionConfirm
        case .decline: .needDecisionDecline
        case .withdraw: .needDecisionWithdraw
        }
    }
}

extension NeedAssessmentRules {
    public static let declineReasonLength = 10...1000

    /// Whether `userId` may give this answer: only the named co-decider confirms or declines, only the
    /// proposer withdraws (`forbidden` otherwise, with who may).
    public static func mayAnswer(_ p: NeedDecisionProposal, _ answer: NeedDecisionAnswer, userId: UUID) -> DomainError? {
        switch answer {
        case .confirm, .decline:
            guard userId == p.coDeciderId else {
                return DomainError(
                    .forbidden,
                    "Förslaget väntar på bekräftelse av \(p.coDeciderName). Bara den som förslaget namnger kan bekräfta eller avböja det, inloggad själv.")
            }
        case .withdraw:
            guard userId == p.proposerId else {
                return DomainError(.forbidden, "Bara \(p.proposerName), som lämnade förslaget, kan återkalla det.")
            }
        }
        return nil
    }

    /// Applies an answer to a proposal read in the answer's own transaction: who may (forbidden), whether it
    /// still waits (conflict: confirmed, declined or withdrawn already), a decline's reason (invalid). On
    /// confirmation it returns the decision that takes effect: the proposer and the co-decider as deciders,
    /// dated when the co-decider confirmed.
    public static func answer(
        _ p: NeedDecisionProposal, _ answer: NeedDecisionAnswer, userId: UUID, userName: String, at: Date
    ) throws -> (proposal: NeedDecisionProposal, decision: NeedAssessment.Decision?) {
        if let refused = mayAnswer(p, answer, userId: userId) { throw refused }
        switch p.status {
        case .pending: break
        case .confirmed: throw DomainError(.conflict, "Beslutet är redan bekräftat av \(p.answeredByName ?? p.coDeciderName).")
        case .declined: throw DomainError(.conflict, "Förslaget är redan avböjt av \(p.answeredByName ?? p.coDeciderName).")
        case .withdrawn: throw DomainError(.conflict, "Förslaget är återkallat av \(p.answeredByName ?? p.proposerName) och kan inte längre bekräftas eller avböjas.")
        }
        var out = p
        out.answeredAt = at
        out.answeredById = userId
        out.answeredByName = userName
        switch answer {
        case .confirm:
            out.status = .confirmed
            let decision = NeedAssessment.Decision(
                category: p.category, lead: p.lead, parallel: p.parallel, reviewOn: p.reviewOn, suggested: p.suggested, ruleVersion: p.ruleVersion,
                deviationReason: p.deviationReason, decidedOn: LocalDate(at), decidedAt: at, deciderId: p.proposerId, deciderName: p.proposerName,
                coDeciderId: p.coDeciderId, coDeciderName: p.coDeciderName)
            return (out, decision)
        case .decline(let reason):
            let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard declineReasonLength.contains(r.count) else {
                throw DomainError.invalid([
                    FieldError(
                        field: "declineReason",
                        message: r.isEmpty ? "Skriv varför du inte bekräftar beslutet, så att \(p.proposerName) vet vad ni behöver prata om." : "Skriv skälet med 10–1000 tecken.")
                ])
            }
            out.status = .declined
            out.declineReason = r
            return (out, nil)
        case .withdraw:
            out.status = .withdrawn
            return (out, nil)
        }
    }

    public static func pendingExists(_ p: NeedDecisionProposal) -> DomainError {
        DomainError(.conflict, "Ett förslag till beslut väntar redan på bekräftelse av \(p.coDeciderName). Återkalla det först om beslutet ska ändras.")
    }
}

extension NeedDecisionProposal {
    /// The key of the task a declined proposal gives its proposer.
    public static func declinedTaskKey(_ proposalId: UUID) -> String { "need_decision_declined:\(proposalId)" }
}
