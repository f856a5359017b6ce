import Foundation
import SamsynDomain

extension EffectPage.Model {
    static let mockChoices = [
        FormState.Option("jobbtorg-jobbsokarcoachning", "Jobbsökarcoachning i grupp"), FormState.Option("type:work_training", "Alla insatser av typen arbetsträning"),
    ]

    /// A generated population (a fixed sequence, no randomness at run time) of 900 persons in which the young and
    /// those with fewer months of aid are more often chosen and faster to leave aid; taking part speeds leaving up.
    static func mockUnits() -> (participants: [EffectUnit], candidates: [EffectUnit]) {
        var state: UInt64 = 0x5EED_0017
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var participants: [EffectUnit] = [], candidates: [EffectUnit] = []
        let bands = ["18–24 år", "25–29 år", "30–39 år", "40–49 år", "50–64 år"]
        let districts = ["Rinkeby-Kista", "Spånga-Tensta", "Skärholmen", "Farsta"]
        for i in 0..<900 {
            let age = Int(next() * 5)
            let district = Int(next() * 4)
            let aid12 = Int(next() * 13)
            let aid36 = min(36, aid12 + Int(next() * 25))
            let enrolled = next() * 30
            let gender = next() < 0.45 ? "Kvinnor" : "Män"
            let young = age <= 1 ? 1.0 : 0.0
            let logit = -1.6 + 0.9 * young - 0.12 * Double(aid12 - 6) + 0.3 * (district == 0 ? 1 : 0)
            let takesPart = next() < 1 / (1 + exp(-logit))
            let rate = 0.06 * exp(0.5 * young - 0.08 * Double(aid12 - 6)) * (takesPart ? 1.4 : 1)
            let t = -log(1 - next()) / rate
            let w = -log(1 - next()) / (rate * 0.6)
            let follow = 6 + next() * 24
            func status(_ month: Double) -> Bool? { follow >= month ? t <= month : nil }
            let unit = EffectUnit(
                key: "m\(i)",
                covariates: EffectCovariates(
                    ageBand: bands[age], legalGender: gender, district: districts[district], aidMonthsLast12: aid12, aidMonthsLast36: aid36,
                    monthsSinceEnrolment: enrolled),
                leavingAid: EffectTime(months: min(t, follow), reached: t <= follow), workOrStudies: EffectTime(months: min(w, follow), reached: w <= follow),
                selfSupporting6: status(6), selfSupporting12: status(12))
            if takesPart { participants.append(unit) } else { candidates.append(unit) }
        }
        return (participants, candidates)
    }

    static var mock: EffectPage.Model {
        let units = mockUnits()
        let request = EffectService.Request(intervention: "jobbtorg-jobbsokarcoachning", from: "2025-01", to: "2025-06", method: "matching")
        let report = EffectReport(
            EffectReportRequest(title: "Jobbsökarcoachning i grupp", period: "januari 2025–juni 2025", participants: units.participants, candidates: units.candidates))
        let result = EffectService.Result(
            request: request, scopeName: "Jobbsökarcoachning i grupp", from: LocalDate("2025-01-01")!, to: LocalDate("2025-06-30")!, asOf: LocalDate("2026-11-18")!,
            lastMonth: LocalDate("2026-10-01")!, populationName: "Stockholms stad", report: report,
            notRecorded: ["FIA-bedömningarnas skattningar per område (de sparas som fria val per område, inte som tal att jämföra)"])
        return EffectPage.Model(
            form: FormState(values: ["intervention": ["jobbtorg-jobbsokarcoachning"], "from": ["2025-01"], "to": ["2025-06"], "method": ["matching"]]),
            choices: mockChoices, exportQuery: "intervention=jobbtorg-jobbsokarcoachning&from=2025-01&to=2025-06&method=matching", report: EffectPage.make(result))
    }

    static var mockTooFew: EffectPage.Model {
        let units = mockUnits()
        let report = EffectReport(
            EffectReportRequest(
                title: "Jobbsökarcoachning i grupp", period: "mars 2026", participants: Array(units.participants.prefix(12)), candidates: units.candidates))
        let result = EffectService.Result(
            request: EffectService.Request(intervention: "jobbtorg-jobbsokarcoachning", from: "2026-03", to: "2026-03"), scopeName: "Jobbsökarcoachning i grupp",
            from: LocalDate("2026-03-01")!, to: LocalDate("2026-03-31")!, asOf: LocalDate("2026-11-18")!, lastMonth: LocalDate("2026-10-01")!,
            populationName: "Spånga-Tensta stadsdelsnämnd", report: report, notRecorded: [])
        return EffectPage.Model(
            form: FormState(values: ["intervention": ["jobbtorg-jobbsokarcoachning"], "from": ["2026-03"], "to": ["2026-03"]]), choices: mockChoices,
            exportQuery: "intervention=jobbtorg-jobbsokarcoachning&from=2026-03&to=2026-03", report: EffectPage.make(result))
    }

    static let mockRefused = EffectPage.Model(
        form: FormState(
            errors: [FieldError(field: "to", message: "Perioden slutar (2026-03) innan den börjar (2026-05).")],
            values: ["intervention": ["jobbtorg-jobbsokarcoachning"], "from": ["2026-05"], "to": ["2026-03"]]), choices: mockChoices, exportQuery: nil, report: nil)
}
