import Foundation

/// A kind of record one committee holds for a person that consent may share with the other committee.
public enum SharedRecordKind: String, Sendable, CaseIterable, Hashable {
    /// The referral and what came with it: the case, the reason and the district's försörjningshinder.
    case referral
    case assessmentPart1 = "assessment_part1"
    case assessmentPart2 = "assessment_part2"
    case assessmentPart3 = "assessment_part3"
    /// Fördjupad bedömning (FIA areas), every part of it.
    case fia
    case plan
    case meeting
    case attendance
    case needAssessment = "need_assessment"
    case journal

    /// The consent scope that covers the kind.
    public var scope: Consent.Scope {
        switch self {
        case .referral: .referral
        case .assessmentPart1: .assessmentPart1
        case .assessmentPart2: .assessmentPart2
        case .assessmentPart3: .assessmentPart3
        case .fia: .fia
        case .plan: .plans
        case .meeting: .meetings
        case .attendance: .attendance
        case .needAssessment: .needAssessment
        case .journal: .journal
        }
    }

    /// The kind of an instrument part's response; nil for a part no consent scope names (it is never shared).
    public static func of(instrumentId: String, partId: String) -> SharedRecordKind? {
        switch (instrumentId, partId) {
        case ("initial-bedomning", "del-1"): .assessmentPart1
        case ("initial-bedomning", "del-2"): .assessmentPart2
        case ("initial-bedomning", "del-3"): .assessmentPart3
        case ("fia", _): .fia
        default: nil
        }
    }
}

/// Delning under samtycke: the one rule deciding which of the other committee's records a user sees.
///
/// A committee's own records are its own. Another committee's record is seen only while one of the person's
/// consents is valid on the day (started, not ended, not withdrawn), covers the record's kind and names the
/// viewer's committee (or, when it names one Jobbtorg unit, the viewer's unit). Nothing else counts: not the
/// enrolment's state, not whether a referral was accepted, not who recorded the consent. So withdrawal stops
/// sharing at once, and a consent still valid after the enrolment closed still shares. Every service that
/// shows the other committee's parts, FIA, plans, meetings, attendance, need assessment or journal asks here.
/// What is shared is read only: nothing is ever changed across committees.
public enum ConsentSharing {
    /// Why a record of the other committee is not shown (the access log's detail of a denied read).
    public enum Refusal: String, Sendable, CaseIterable {
        /// No consent between the two committees covers the kind.
        case noConsent = "no_consent"
        /// A covering consent exists but has not started yet.
        case upcoming = "consent_upcoming"
        case expired = "consent_expired"
        case withdrawn = "consent_withdrawn"
        /// A covering, valid consent names another unit of the viewer's committee.
        case otherUnit = "consent_other_unit"
    }

    /// Whether a user of `viewerCommittee` (at `viewerUnit`) sees a record of `kind` held by `owner` (made at
    /// `ownerUnit`, when known) on `day`.
    public static func sees(
        _ kind: SharedRecordKind, owner: String, ownerUnit: String? = nil, viewerCommittee: String, viewerUnit: String?, consents: [Consent], on day: LocalDate
    ) -> Bool {
        refusal(kind, owner: owner, ownerUnit: ownerUnit, viewerCommittee: viewerCommittee, viewerUnit: viewerUnit, consents: consents, on: day) == nil
    }

    public static func sees(_ kind: SharedRecordKind, owner: String, ownerUnit: String? = nil, viewer: StaffUser, consents: [Consent], on day: LocalDate) -> Bool {
        sees(kind, owner: owner, ownerUnit: ownerUnit, viewerCommittee: viewer.committeeId, viewerUnit: viewer.unitId, consents: consents, on: day)
    }

    /// Nil when the record is seen; otherwise the reason it is not, for the log. A consent naming one unit of the
    /// recipient committee shares between the district and that unit only, in both directions: that unit sees the
    /// district's records, and the district sees that unit's (not another unit's of the same committee).
    public static func refusal(
        _ kind: SharedRecordKind, owner: String, ownerUnit: String? = nil, viewerCommittee: String, viewerUnit: String?, consents: [Consent], on day: LocalDate
    ) -> Refusal? {
        if owner == viewerCommittee { return nil }
        func unitFits(_ c: Consent) -> Bool {
            guard let only = c.recipientUnitId, owner == c.recipientCommitteeId, let ownerUnit else { return true }
            return ownerUnit == only
        }
        if consents.contains(where: { $0.covers(kind.scope, owner: owner, viewer: viewerCommittee, viewerUnit: viewerUnit, on: day) && unitFits($0) }) {
            return nil
        }
        // Not shared: say why, from the consents between the two committees that name the kind.
        let between = consents.filter { c in
            c.scopes.contains(kind.scope)
                && ((c.committeeId == owner && c.recipientCommitteeId == viewerCommittee) || (c.committeeId == viewerCommittee && c.recipientCommitteeId == owner))
        }
        if between.isEmpty { return .noConsent }
        let states = Set(between.map { $0.state(on: day) })
        if states.contains(.active) { return .otherUnit }
        if states.contains(.upcoming) { return .upcoming }
        if states.contains(.expired) { return .expired }
        return .withdrawn
    }

    /// The committees whose records the person's consents could share with the viewer's committee: the other
    /// party of every consent that names it (whether or not the consent is valid today; `sees` decides that).
    public static func counterparts(_ consents: [Consent], viewerCommittee: String) -> [String] {
        var out: [String] = []
        for c in consents {
            let other: String? =
                c.committeeId == viewerCommittee ? c.recipientCommitteeId : (c.recipientCommitteeId == viewerCommittee ? c.committeeId : nil)
            if let other, other != viewerCommittee, !out.contains(other) { out.append(other) }
        }
        return out
    }

    /// The kinds of `owner`'s records the viewer sees on the day.
    public static func sharedKinds(owner: String, viewerCommittee: String, viewerUnit: String?, consents: [Consent], on day: LocalDate) -> Set<SharedRecordKind> {
        Set(SharedRecordKind.allCases.filter { sees($0, owner: owner, viewerCommittee: viewerCommittee, viewerUnit: viewerUnit, consents: consents, on: day) })
    }

    /// The kinds of any other committee's records the viewer sees on the day.
    public static func sharedKinds(viewer: StaffUser, consents: [Consent], on day: LocalDate) -> Set<SharedRecordKind> {
        var kinds: Set<SharedRecordKind> = []
        for owner in counterparts(consents, viewerCommittee: viewer.committeeId) {
            kinds.formUnion(sharedKinds(owner: owner, viewerCommittee: viewer.committeeId, viewerUnit: viewer.unitId, consents: consents, on: day))
        }
        return kinds
    }

    /// Whether the viewer sees an instrument response: its part's kind must be shared (a part no scope names never is).
    public static func sees(_ r: AssessmentResponse, viewer: StaffUser, consents: [Consent], on day: LocalDate) -> Bool {
        if r.committeeId == viewer.committeeId { return true }
        guard let kind = SharedRecordKind.of(instrumentId: r.instrumentId, partId: r.partId) else { return false }
        return sees(kind, owner: r.committeeId, ownerUnit: r.unitId, viewer: viewer, consents: consents, on: day)
    }
}
