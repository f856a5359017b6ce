import Foundation
import Testing

@testable import SamsynDomain

/// The one rule for what of the other committee's records a user sees under consent, without I/O: every record
/// kind against every consent state, unit-named consents, both directions, and that nothing but the consent counts.
@Suite("Sharing under consent")
struct ConsentSharingTests {
    static let today = LocalDate("2026-12-01")!
    static let district = "spanga-tensta", labour = "arbetsmarknadsnamnden", otherDistrict = "bromma"

    static func user(_ role: Role, committee: String, unit: String, kind: OrgUnit.Kind) -> StaffUser {
        StaffUser(id: UUID(), username: role.rawValue, displayName: role.swedishTitle, role: role, unitId: unit, committeeId: committee, active: true, unitKind: kind)
    }
    static let sara = user(.socialSecretary, committee: district, unit: "spanga-tensta-ekonomiskt-bistand", kind: .financialAid)
    static let carl = user(.coach, committee: labour, unit: "jobbtorg-kista", kind: .jobbtorg)
    static let vera = user(.coach, committee: labour, unit: "jobbtorg-vallingby", kind: .jobbtorg)
    static let olle = user(.socialSecretary, committee: otherDistrict, unit: "bromma-ekonomiskt-bistand", kind: .financialAid)

    /// The states a consent can be in on `today`, plus "none" and "a consent naming another Jobbtorg unit".
    enum State: String, CaseIterable {
        case active, upcoming, expired, withdrawn, none, otherUnit
    }

    static func consents(_ state: State, scopes: Set<Consent.Scope>, unit: String? = nil) -> [Consent] {
        func make(from: String, to: String, withdrawn: Bool = false, unit: String? = unit) -> Consent {
            Consent(
                id: UUID(), personId: UUID(), committeeId: district, recipientCommitteeId: labour, recipientUnitId: unit, scopes: scopes,
                purpose: "Planering mot arbete", validFrom: LocalDate(from)!, validTo: LocalDate(to)!, method: .written, recordedBy: UUID(),
                recordedByName: "Sara", recordedAt: Date(), withdrawnAt: withdrawn ? Date() : nil)
        }
        switch state {
        case .active: return [make(from: "2026-11-01", to: "2027-10-31")]
        case .upcoming: return [make(from: "2026-12-02", to: "2027-10-31")]
        case .expired: return [make(from: "2025-01-01", to: "2026-11-30")]
        case .withdrawn: return [make(from: "2026-11-01", to: "2027-10-31", withdrawn: true)]
        case .none: return []
        case .otherUnit: return [make(from: "2026-11-01", to: "2027-10-31", unit: "jobbtorg-vallingby")]
        }
    }

    static let expectedRefusal: [State: ConsentSharing.Refusal?] = [
        .active: nil, .upcoming: .upcoming, .expired: .expired, .withdrawn: .withdrawn, .none: .noConsent, .otherUnit: .otherUnit,
    ]

    @Test("Every record kind × consent state: only an active consent covering the kind, for the named unit, shares it", arguments: SharedRecordKind.allCases)
    func everyKindAndState(kind: SharedRecordKind) {
        for state in State.allCases {
            let cs = Self.consents(state, scopes: [kind.scope])
            let expected = Self.expectedRefusal[state]!
            // The district's record seen by the Jobbtorg coach, and the Jobbtorg's seen by the district: both directions.
            let toCoach = ConsentSharing.refusal(kind, owner: Self.district, viewerCommittee: Self.labour, viewerUnit: "jobbtorg-kista", consents: cs, on: Self.today)
            #expect(toCoach == expected, "\(kind) \(state): district → coach")
            #expect(ConsentSharing.sees(kind, owner: Self.district, viewer: Self.carl, consents: cs, on: Self.today) == (expected == nil))
            // The other direction: Jobbtorg Kista's record seen by the district (a consent naming Vällingby does not share Kista's).
            let toDistrict = ConsentSharing.refusal(
                kind, owner: Self.labour, ownerUnit: "jobbtorg-kista", viewerCommittee: Self.district, viewerUnit: Self.sara.unitId, consents: cs, on: Self.today)
            #expect(toDistrict == expected, "\(kind) \(state): Jobbtorg → district")
            // The own committee's records are always its own, whatever the consents.
            #expect(ConsentSharing.sees(kind, owner: Self.labour, viewer: Self.carl, consents: cs, on: Self.today))
            #expect(ConsentSharing.sees(kind, owner: Self.district, viewer: Self.sara, consents: cs, on: Self.today))
            // Another district is never a party.
            #expect(!ConsentSharing.sees(kind, owner: Self.district, viewer: Self.olle, consents: cs, on: Self.today))
            #expect(!ConsentSharing.sees(kind, owner: Self.labour, viewer: Self.olle, consents: cs, on: Self.today))
        }
    }

    @Test("A consent covering other kinds shares nothing of this one", arguments: SharedRecordKind.allCases)
    func otherScopesDoNotShare(kind: SharedRecordKind) {
        let others = Set(Consent.Scope.allCases).subtracting([kind.scope])
        let cs = Self.consents(.active, scopes: others)
        #expect(!ConsentSharing.sees(kind, owner: Self.district, viewer: Self.carl, consents: cs, on: Self.today))
        #expect(ConsentSharing.refusal(kind, owner: Self.district, viewerCommittee: Self.labour, viewerUnit: "jobbtorg-kista", consents: cs, on: Self.today) == .noConsent)
        #expect(ConsentSharing.sharedKinds(viewer: Self.carl, consents: cs, on: Self.today) == Set(SharedRecordKind.allCases.filter { $0 != kind }))
    }

    @Test("A unit-named consent lets that unit see and not another unit of the same committee")
    func unitNamed() {
        let cs = Self.consents(.active, scopes: Set(Consent.Scope.allCases), unit: "jobbtorg-kista")
        #expect(ConsentSharing.sharedKinds(viewer: Self.carl, consents: cs, on: Self.today) == Set(SharedRecordKind.allCases))
        #expect(ConsentSharing.sharedKinds(viewer: Self.vera, consents: cs, on: Self.today).isEmpty)
        #expect(
            ConsentSharing.refusal(.assessmentPart1, owner: Self.district, viewerCommittee: Self.labour, viewerUnit: "jobbtorg-vallingby", consents: cs, on: Self.today)
                == .otherUnit)
        // The district sees the named unit's records, not another unit's of the same committee.
        #expect(ConsentSharing.sees(.plan, owner: Self.labour, ownerUnit: "jobbtorg-kista", viewer: Self.sara, consents: cs, on: Self.today))
        #expect(!ConsentSharing.sees(.plan, owner: Self.labour, ownerUnit: "jobbtorg-vallingby", viewer: Self.sara, consents: cs, on: Self.today))
    }

    @Test("The day decides: a consent shares from its first day to its last, and withdrawal stops it at once")
    func validityBoundaries() {
        var c = Self.consents(.active, scopes: [.assessmentPart1])[0]
        for (day, sees) in [("2026-10-31", false), ("2026-11-01", true), ("2027-10-31", true), ("2027-11-01", false)] {
            #expect(ConsentSharing.sees(.assessmentPart1, owner: Self.district, viewer: Self.carl, consents: [c], on: LocalDate(day)!) == sees, "\(day)")
        }
        c.withdrawnAt = Date()
        #expect(!ConsentSharing.sees(.assessmentPart1, owner: Self.district, viewer: Self.carl, consents: [c], on: Self.today))
        // A withdrawn consent and a valid one: the valid one still shares.
        let valid = Self.consents(.active, scopes: [.assessmentPart1])[0]
        #expect(ConsentSharing.sees(.assessmentPart1, owner: Self.district, viewer: Self.carl, consents: [c, valid], on: Self.today))
    }

    @Test("Instrument parts map to their kinds; a part no scope names is never shared")
    func partKinds() {
        #expect(SharedRecordKind.of(instrumentId: "initial-bedomning", partId: "del-1") == .assessmentPart1)
        #expect(SharedRecordKind.of(instrumentId: "initial-bedomning", partId: "del-2") == .assessmentPart2)
        #expect(SharedRecordKind.of(instrumentId: "initial-bedomning", partId: "del-3") == .assessmentPart3)
        #expect(SharedRecordKind.of(instrumentId: "fia", partId: "social") == .fia)
        #expect(SharedRecordKind.of(instrumentId: "fia", partId: "sammanstallning-arbete") == .fia)
        #expect(SharedRecordKind.of(instrumentId: "initial-bedomning", partId: "del-4") == nil)
        #expect(NeedAssessmentService.scope(instrumentId: "initial-bedomning", partId: "del-3") == .assessmentPart3)
        // Every consent scope is the scope of exactly one record kind.
        #expect(Set(SharedRecordKind.allCases.map(\.scope)) == Set(Consent.Scope.allCases))

        let cs = Self.consents(.active, scopes: Set(Consent.Scope.allCases))
        func response(_ instrument: String, _ part: String, committee: String, status: AssessmentResponse.Status = .completed) -> AssessmentResponse {
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            return AssessmentResponse(
                id: UUID(), personId: UUID(), committeeId: committee, unitId: "u", instrumentId: instrument, instrumentVersion: 1, partId: part, status: status,
                revision: 1, replacesId: nil, revisionReason: nil, startedBy: UUID(), startedAt: at, updatedAt: at, completedAt: at, completedBy: UUID(),
                activeMilliseconds: 0, lastActivityAt: at, version: 1)
        }
        #expect(ConsentSharing.sees(response("initial-bedomning", "del-1", committee: Self.district), viewer: Self.carl, consents: cs, on: Self.today))
        #expect(!ConsentSharing.sees(response("other-instrument", "x", committee: Self.district), viewer: Self.carl, consents: cs, on: Self.today))
        #expect(ConsentSharing.sees(response("other-instrument", "x", committee: Self.labour), viewer: Self.carl, consents: cs, on: Self.today))
        #expect(!ConsentSharing.sees(response("initial-bedomning", "del-1", committee: Self.district), viewer: Self.olle, consents: cs, on: Self.today))
    }

    @Test("Counterparts are the other party of every consent naming the viewer's committee, valid or not")
    func counterparts() {
        let cs = Self.consents(.withdrawn, scopes: [.plans]) + Self.consents(.active, scopes: [.fia])
        #expect(ConsentSharing.counterparts(cs, viewerCommittee: Self.labour) == [Self.district])
        #expect(ConsentSharing.counterparts(cs, viewerCommittee: Self.district) == [Self.labour])
        #expect(ConsentSharing.counterparts(cs, viewerCommittee: Self.otherDistrict).isEmpty)
    }

    @Test("The journal's visibility is the same rule")
    func journalFollowsTheRule() {
        for state in State.allCases {
            let cs = Self.consents(state, scopes: [.journal])
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            let n = JournalNote(
                id: UUID(), personId: UUID(), committeeId: Self.district, unitId: Self.sara.unitId, kind: .visit, eventDate: Self.today, text: "Nybesök.",
                authorId: Self.sara.id, authorName: "Sara", createdAt: at, signedAt: at, signedByName: "Sara", correctsId: nil)
            #expect(
                JournalRules.visible(n, to: Self.carl, consents: cs, on: Self.today) == ConsentSharing.sees(.journal, owner: Self.district, viewer: Self.carl, consents: cs, on: Self.today))
        }
    }
}
