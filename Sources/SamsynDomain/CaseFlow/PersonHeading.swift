import Foundation

/// What every page about a person shows at its top, so a caseworker always knows whose file is open:
/// the name and personnummer, who is responsible, where the case stands and the next deadline.
/// Only the user's own committee's records count; the heading reveals nothing of the other committee.
public struct PersonHeading: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// The district's case (aktualisering) in the user's committee.
        case districtCase(DistrictCase.Status, openedOn: LocalDate)
        /// The Jobbtorg enrolment in the user's committee.
        case enrolment(Enrolment.Status, enrolledOn: LocalDate)
        /// The committee holds a file but no case or enrolment.
        case noCase

        public var swedishName: String {
            switch self {
            case .districtCase(.active, let d): "Aktualiserad \(d)"
            case .districtCase(.closed, _): "Ärendet är avslutat"
            case .enrolment(.active, let d): "Inskriven på Jobbtorg sedan \(d)"
            case .enrolment(.closed, _): "Inskrivningen är avslutad"
            case .noCase: "Inget ärende"
            }
        }
    }

    public let person: PersonSummary
    public let responsibleUserId: UUID?
    public let status: Status
    /// The open task due first, if any.
    public let nextTask: CaseTask?
    public let today: LocalDate

    public var nextTaskIsLate: Bool { nextTask.map { $0.isOverdue(today: today) } ?? false }

    /// The rule: the committee's active case or enrolment (the newest if several), else its newest closed one;
    /// the responsible worker is that record's; the next deadline is the open task due first.
    public static func compute(
        person: PersonSummary, committeeId: String, cases: [DistrictCase], enrolments: [Enrolment], openTasks: [CaseTask], today: LocalDate
    ) -> PersonHeading {
        let ownCases = cases.filter { $0.committeeId == committeeId }.sorted { $0.openedOn > $1.openedOn }
        let ownEnrolments = enrolments.filter { $0.committeeId == committeeId }.sorted { $0.enrolledOn > $1.enrolledOn }
        let status: Status
        let responsible: UUID?
        if let c = ownCases.first(where: { $0.status == .active }) {
            (status, responsible) = (.districtCase(.active, openedOn: c.openedOn), c.responsibleUserId)
        } else if let e = ownEnrolments.first(where: { $0.status == .active }) {
            (status, responsible) = (.enrolment(.active, enrolledOn: e.enrolledOn), e.responsibleUserId)
        } else if let c = ownCases.first {
            (status, responsible) = (.districtCase(.closed, openedOn: c.openedOn), c.responsibleUserId)
        } else if let e = ownEnrolments.first {
            (status, responsible) = (.enrolment(.closed, enrolledOn: e.enrolledOn), e.responsibleUserId)
        } else {
            (status, responsible) = (.noCase, nil)
        }
        let next = openTasks.filter { $0.committeeId == committeeId && $0.settledAt == nil }
            .min { ($0.dueOn, $0.kind.rawValue) < ($1.dueOn, $1.kind.rawValue) }
        return PersonHeading(person: person, responsibleUserId: responsible, status: status, nextTask: next, today: today)
    }
}

extension CaseFlowService {
    /// The heading of a page about the person, or nil when the user's role reads no person files or the
    /// committee holds no file for the person. It is part of the page's read: the page's own read is the one
    /// that is checked and logged, so the heading writes no log row of its own.
    public func heading(personId: UUID, by actor: Actor) async throws -> PersonHeading? {
        guard AccessPolicy.allows(actor.user.role, .readPerson),
            let person = try await persons.person(id: personId, committeeId: actor.user.committeeId)?.person
        else { return nil }
        let own = actor.user.committeeId
        async let cases = store.cases(personId: personId)
        async let enrolments = store.enrolments(personId: personId)
        async let tasks = store.openTasks(personId: personId, committeeId: own)
        return PersonHeading.compute(
            person: person.summary, committeeId: own, cases: try await cases, enrolments: try await enrolments, openTasks: try await tasks, today: today)
    }
}

extension Person {
    public var summary: PersonSummary {
        PersonSummary(id: id, identityNumber: identityNumber, firstName: firstName, lastName: lastName, protectedIdentity: protectedIdentity)
    }
}
