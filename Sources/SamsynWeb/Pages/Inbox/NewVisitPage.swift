import Foundation
import SamsynDomain

/// Booking the nybesök from the case: the day, the time, the social secretary and the place.
enum NewVisitPage {
    struct Model: Sendable {
        let csrf: String
        let personId: UUID
        let personName: String
        /// The booked visit, when there is one (booking again moves it).
        let booked: [(String, String)]?
        let letterHref: String?
        let version: String
        let workers: [FormState.Option]
        let date: String
        let time: String
        let worker: String
        let location: String
        let form: FormState
        let steps: [NextStepLink]

        static let mock = Model(
            csrf: "csrf-token", personId: UUID(uuidString: "00000000-0000-0000-0000-000000000001")!, personName: "Anna Andersson", booked: nil, letterHref: nil,
            version: "", workers: [.init("00000000-0000-0000-0000-0000000000a1", "Sara Socialsekreterare")], date: "2026-10-02", time: "", worker: "",
            location: "Spånga-Tensta ekonomiskt bistånd, Spånga torg 10", form: .new, steps: [])
        static let mockBooked = Model(
            csrf: "csrf-token", personId: mock.personId, personName: mock.personName,
            booked: [("Datum och tid", "2026-10-05 kl. 09:30"), ("Hos", "Sara Socialsekreterare"), ("Plats", "Spånga torg 10"), ("Bokat av", "Maja Mottagare")],
            letterHref: Routes.newVisitLetter.link("00000000-0000-0000-0000-0000000000e1"), version: "1", workers: mock.workers, date: "2026-10-05", time: "09:30",
            worker: "00000000-0000-0000-0000-0000000000a1", location: "Spånga torg 10", form: .new,
            steps: [NextStepLink(text: "Skriv ut kallelsen till nybesöket", href: Routes.newVisitLetter.link("00000000-0000-0000-0000-0000000000e1"))])
        static let mockRefused = Model(
            csrf: "csrf-token", personId: mock.personId, personName: mock.personName, booked: nil, letterHref: nil, version: "", workers: mock.workers,
            date: "2026-10-02", time: "", worker: "", location: mock.location,
            form: FormState(
                refused: [
                    FieldError(field: "date", message: "Nybesöket kan inte bokas bakåt i tiden. Välj ett datum från i dag."),
                    FieldError(field: "time", message: "Ange en tid för nybesöket, till exempel 09:30."),
                    FieldError(field: "worker", message: "Välj en socialsekreterare på enheten för ekonomiskt bistånd."),
                ], submitted: ["date": ["2026-09-01"], "time": [""], "worker": [""], "location": [mock.location], "version": [""]]),
            steps: [])
    }

    @HTMLBuilder static func view(_ m: Model) -> [Node] {
        let f = m.form
        CaseFormParts.breadcrumb(personId: m.personId, name: m.personName)
        h1("Boka nybesök – \(m.personName)")
        f.errorSummary("Nybesöket bokades inte")
        CaseFormParts.generalError(f)
        p(
            "Nybesöket är personens första besök på enheten för ekonomiskt bistånd. Där görs del 3 av den inledande bedömningen och försörjningshindret bedöms. Ärendet hamnar i inkorgen hos den enhet som håller besöket.",
            .class("lead"))
        if let booked = m.booked {
            titledSection("Bokat nybesök", id: "booked") {
                facts(booked)
                if let href = m.letterHref { linkLine(href, "Skriv ut kallelsen till nybesöket") }
            }
        }
        postForm(Routes.personNewVisit.link(m.personId), csrf: m.csrf) {
            hiddenField("version", m.version)
            f.date("date", "Datum", value: m.date, required: true)
            f.text("time", "Tid", hint: "Skriv som TT:MM, till exempel 09:30.", value: m.time, required: true)
            f.select("worker", "Socialsekreterare som håller nybesöket", options: m.workers, selected: m.worker, required: true)
            f.text("location", "Plats", hint: "Adress och var personen anmäler sig, till exempel receptionen.", value: m.location, required: true)
            submitButton(m.booked == nil ? "Boka nybesöket" : "Boka om nybesöket")
        }
        nextStepSection(m.steps)
    }
}
