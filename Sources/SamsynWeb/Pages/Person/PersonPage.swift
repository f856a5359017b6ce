import Foundation
import SamsynDomain

/// The person page: identity, contact (unless protected), the links onwards, consents and files.
enum PersonPage {
    struct Model: Sendable {
        struct Contact: Sendable { let phone: String; let email: String; let address: String }
        struct File: Sendable { let committeeName: String; let unitName: String; let openedAt: String }
        struct ConsentLine: Sendable { let recipient: String; let scopes: String; let period: String; let state: String }
        let personId: String
        let registered: Bool
        let committeeName: String
        let firstName: String
        let lastName: String
        let numberLabel: String
        let number: String
        let birthDate: String
        let protectedIdentity: Bool
        let contact: Contact?
        let files: [File]
        let capabilities: PersonCapabilities
        let consents: [ConsentLine]
        /// The natural next step for the user's role, at the end of the page.
        var nextSteps: [NextStepLink] = []

        static let mock = Model(
            personId: "00000000-0000-0000-0000-000000000001", registered: true, committeeName: "Spånga-Tensta stadsdelsnämnd",
            firstName: "Anna", lastName: "Andersson", numberLabel: "Personnummer", number: "19850714-1237", birthDate: "1985-07-14",
            protectedIdentity: false, contact: Contact(phone: "070-123 45 67", email: "–", address: "Testgatan 1, 163 00 Spånga"),
            files: [File(committeeName: "Spånga-Tensta stadsdelsnämnd", unitName: "Spånga-Tensta ekonomiskt bistånd", openedAt: "2026-01-12")],
            capabilities: PersonCapabilities(caseFlow: true, assessments: true, queue: true, journal: true),
            consents: [ConsentLine(recipient: "Jobbtorg Kista", scopes: "Remiss; Plan", period: "2026-01-12 – 2027-01-11", state: "Gäller")])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let c = m.capabilities
        if m.registered { notice("Personen är registrerad och har en personakt i \(m.committeeName).") }
        h1("\(m.firstName) \(m.lastName)")
        if m.protectedIdentity { p("Skyddade personuppgifter – adress och kontaktuppgifter visas inte.", .class("tag strong")) }
        facts(
            [(m.numberLabel, m.number), ("Födelsedatum", m.birthDate)]
                + (m.contact.map { [("Telefon", $0.phone), ("E-post", $0.email), ("Adress", $0.address)] } ?? []))
        if c.caseFlow {
            linkLine(Routes.personCase.link(m.personId), "Ärende och samordning: samtycke, remiss, planer, möten, närvaro", class: "primary-link")
        }
        if c.assessments { linkLine(Routes.personAssessments.link(m.personId), "Bedömningar och det som redan är känt", class: "primary-link") }
        if c.journal { linkLine(Routes.personJournal.link(m.personId), "Journal: anteckningar om kontakter och händelser", class: "primary-link") }
        if c.message { linkLine(Routes.personMessageNew.link(m.personId), "Skriv till personen på Mina sidor") }
        linkLine(Routes.personInterventions.link(m.personId), "Insatser: köplatser och deltagande")
        if c.queue { linkLine(Routes.personQueue.link(m.personId), "Ställ i kö till en insats") }
        if c.caseFlow {
            titledSection("Samtycken", id: "consents") {
                if m.consents.isEmpty { p("Inget samtycke är dokumenterat.") }
                ul {
                    for s in m.consents {
                        li {
                            "Till \(s.recipient): \(s.scopes). Gäller \(s.period). "
                            strong(s.state)
                        }
                    }
                }
            }
        }
        titledSection("Personakt", id: "files") {
            ul {
                for f in m.files { li("\(f.committeeName), öppnad \(f.openedAt) av \(f.unitName)") }
            }
        }
        nextStepSection(m.nextSteps)
    }
}
