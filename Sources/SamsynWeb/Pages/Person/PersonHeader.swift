import Foundation
import SamsynDomain
import SamsynStorage

/// The band at the top of every page about a person: whose file this is, who is responsible, where the
/// case stands and the next deadline. Built from the domain's `PersonHeading`; the frame draws it first in `main`.
enum PersonHeader {
    struct Model: Sendable, Equatable {
        let personId: String
        let name: String
        let number: String
        let protectedIdentity: Bool
        let responsible: String
        let status: String
        /// "Jobbplan – senast 2026-12-10"; nil when nothing is due.
        let nextDeadline: String?
        let late: Bool

        static let mock = Model(
            personId: "00000000-0000-0000-0000-000000000001", name: "Anna Andersson", number: "19850714-1237", protectedIdentity: false,
            responsible: "Sara Handläggare", status: "Aktualiserad 2026-11-02", nextDeadline: "Nybesök – senast 2026-12-04", late: false)
        static let mockLateProtected = Model(
            personId: "00000000-0000-0000-0000-000000000002", name: "Bo <Andersson>", number: "19900101-0017", protectedIdentity: true,
            responsible: "Ingen ansvarig", status: "Inskriven på Jobbtorg sedan 2026-10-01", nextDeadline: "Jobbplan – senast 2026-11-20", late: true)
    }

    static func model(_ h: PersonHeading, responsibleName: String?) -> Model {
        Model(
            personId: h.person.id.uuidString.lowercased(), name: "\(h.person.firstName) \(h.person.lastName)", number: h.person.identityNumber.formatted,
            protectedIdentity: h.person.protectedIdentity,
            responsible: h.responsibleUserId == nil ? "Ingen ansvarig" : (responsibleName ?? "Okänd"),
            status: h.status.swedishName,
            nextDeadline: h.nextTask.map { "\($0.kind.swedishName) – senast \($0.dueOn)" }, late: h.nextTaskIsLate)
    }

    static func view(_ m: Model) -> Node {
        section(.class("person-header"), .aria("label", "Personen")) {
            p(.class("person-name")) {
                a(m.name, .href(Routes.person.link(m.personId)))
                " "
                span(m.number, .class("person-number"))
                if m.protectedIdentity {
                    " "
                    span("Skyddade personuppgifter", .class("tag"))
                }
            }
            dl(.class("person-facts")) {
                div {
                    dt("Ansvarig")
                    dd(m.responsible)
                }
                div {
                    dt("Status")
                    dd(m.status)
                }
                div {
                    dt("Nästa frist")
                    dd {
                        if let d = m.nextDeadline {
                            if m.late {
                                span("Försenad", .class("tag strong"))
                                " "
                            }
                            d
                        } else {
                            "Inget förfaller"
                        }
                    }
                }
            }
        }
    }
}

extension AppServices {
    /// The heading for a page about the person, or nil when it cannot be read (the page itself then decides
    /// what the user sees: a page never fails because of its heading).
    func personHeader(_ personId: UUID, _ actor: Actor) async -> PersonHeader.Model? {
        guard let h = try? await caseFlow.heading(personId: personId, by: actor) else { return nil }
        return await personHeader(h)
    }

    /// The heading from records the page has already read.
    func personHeader(_ h: PersonHeading) async -> PersonHeader.Model {
        let name: String? =
            if let id = h.responsibleUserId { (try? await users.user(id: id))?.displayName } else { nil }
        return PersonHeader.model(h, responsibleName: name)
    }
}
