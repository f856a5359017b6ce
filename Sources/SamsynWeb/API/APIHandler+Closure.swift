import Foundation
import SamsynAPI
import SamsynDomain

/// The closure's details on the API: the request's work or studies and the closure row in the answer.
extension APIHandler {
    static func details(_ b: Components.Schemas.Closure) -> ClosureRules.Details {
        ClosureRules.Details(
            employer: b.work?.employer ?? "", sector: b.work?.sector?.rawValue ?? "", extentPercent: b.work?.extentPercent.map { String($0) } ?? "",
            workStart: b.work?.startOn ?? "", workEnd: b.work?.endOn ?? "", subsidy: b.work?.subsidy?.rawValue ?? "", studyKind: b.studies?.kind?.rawValue ?? "",
            studyAllowance: b.studies?.studyAllowance.map { $0 ? "yes" : "no" } ?? "", studyStart: b.studies?.startOn ?? "")
    }

    static func e(_ v: ClosureOutcome.Sector) -> Components.Schemas.ClosureWork.SectorPayload {
        switch v {
        case .care: .care
        case .retail: .retail
        case .hospitality: .hospitality
        case .construction: .construction
        case .transport: .transport
        case .cleaning: .cleaning
        case .industry: .industry
        case .education: .education
        case .office: .office
        case .it: .it
        case .other: .other
        }
    }

    static func e(_ v: ClosureOutcome.Subsidy) -> Components.Schemas.ClosureWork.SubsidyPayload {
        switch v {
        case .none: Components.Schemas.ClosureWork.SubsidyPayload.none
        case .subsidised: .subsidised
        case .municipal: .municipal
        }
    }

    static func e(_ v: ClosureOutcome.StudyKind) -> Components.Schemas.ClosureStudies.KindPayload {
        switch v {
        case .komvux: .komvux
        case .folkHighSchool: .folkHighSchool
        case .higherVocational: .higherVocational
        case .university: .university
        case .other: .other
        }
    }

    static func closureReason(_ v: Enrolment.ClosureReason) -> Components.Schemas.EnrolmentClosure.ReasonPayload {
        switch v {
        case .work: .work
        case .subsidisedWork: .subsidisedWork
        case .studies: .studies
        case .otherIncome: .otherIncome
        case .moved: .moved
        case .returnedToDistrict: .returnedToDistrict
        case .other: .other
        }
    }

    static func closure(_ c: EnrolmentClosure) -> Components.Schemas.EnrolmentClosure {
        .init(
            reason: closureReason(c.reason), closedOn: c.closedOn.description, referralId: s(c.referralId), districtUnitId: c.districtUnitId,
            work: c.work.map { w in
                .init(
                    employer: w.employer, sector: w.sector.map(e), extentPercent: w.extentPercent, startOn: w.startOn.description, endOn: w.endOn?.description,
                    subsidy: e(w.subsidy))
            },
            studies: c.studies.map { .init(kind: e($0.kind), studyAllowance: $0.studyAllowance, startOn: $0.startOn?.description) }, endedEpisodes: c.endedEpisodes,
            releasedPlaces: c.releasedPlaces, finalisedMonths: c.finalisedMonths, countsAsWorkOrStudies: c.countsAsWorkOrStudies, recordedAt: c.recordedAt,
            recordedByName: c.recordedByName)
    }
}
