import Foundation

/// The plain-Swedish text of an effect report: what was compared, how, what it shows and what it cannot rule out.
enum EffectText {
    static func number(_ x: Double, decimals: Int = 2) -> String {
        String(format: "%.\(decimals)f", x).replacingOccurrences(of: ".", with: ",")
    }

    static func percent(_ x: Double) -> String { number(100 * x, decimals: 1) + " %" }

    static func explanation(_ r: EffectReport) -> [String] {
        var text: [String] = []
        text.append(
            "Det här är en jämförelse, inte ett experiment. Deltagarna i \(r.title) som började under \(r.period) (\(r.participantCount) personer) "
                + "jämförs med personer som vid samma tidpunkt kunde ha börjat men inte gjorde det (\(r.candidateCount) möjliga jämförelsepersoner: "
                + "aktuella vid samma jobbtorg eller stadsdel, lika lång tid med försörjningsstöd hittills, inte påbörjat insatsen).")
        switch r.status {
        case .tooFew(let participants, let comparison, let minimum):
            text.append(
                "Ingen effekt redovisas: det krävs minst \(minimum) personer i varje grupp, och här finns \(participants) deltagare och \(comparison) i jämförelsegruppen. "
                    + "Med så få personer blir skillnaderna för osäkra, och enskilda personer skulle kunna pekas ut.")
            return text
        case .failed:
            text.append("Ingen effekt redovisas: modellen gick inte att skatta på de här uppgifterna.")
            return text
        case .estimated:
            break
        }
        text.append(
            "Jämförelsegruppen valdes så här: \(r.method.swedishDescription). Benägenhetspoängen är den skattade sannolikheten att börja i insatsen "
                + "givet det som var känt före start: åldersgrupp, juridiskt kön, stadsdel, månader med försörjningsstöd de senaste 12 och 36 månaderna, "
                + "tid sedan inskrivning, behovsbedömningens kategori, utbildningsnivå, svenska och FIA-bedömningar där sådana finns.")
        switch r.method {
        case .matching:
            var line = "\(r.matchedParticipantCount) deltagare fick en jämförelseperson (\(r.comparisonCount) olika personer i jämförelsegruppen)."
            if r.unmatchedParticipantCount > 0 {
                line += " \(r.unmatchedParticipantCount) deltagare hade ingen tillräckligt lik jämförelseperson och är inte med i jämförelsen; resultatet gäller de matchade deltagarna."
            }
            text.append(line)
        case .weighting:
            text.append(
                "Alla \(r.comparisonCount) möjliga jämförelsepersoner är med, viktade så att de liknar deltagarna; vikterna motsvarar \(number(r.comparisonEffectiveSize, decimals: 0)) personer (effektiv storlek).")
        }
        if let balance = r.balance {
            let flagged = balance.rows.filter(\.flagged)
            if flagged.isEmpty {
                text.append(
                    "Efter \(matchingWord(r.method)) är grupperna lika i allt som mättes: ingen standardiserad skillnad är större än 0,1 (se balanstabellen).")
            } else {
                text.append(
                    "Osäkert: efter \(matchingWord(r.method)) skiljer sig grupperna fortfarande i \(flagged.map(\.name).joined(separator: ", ")) "
                        + "(standardiserad skillnad över 0,1). Skillnaden i utfall kan delvis bero på det.")
            }
        }
        if r.propensitySeparation {
            text.append("Osäkert: några personer hade nästan säkert eller nästan aldrig börjat givet uppgifterna; för dem finns ingen verklig jämförelse.")
        }
        if let leaving = r.outcome(.leavingAid), let hr = leaving.hazardRatio, let ci = leaving.hazardRatioInterval {
            let direction = ci.lower > 1 ? "snabbare än" : ci.upper < 1 ? "långsammare än" : "varken säkert snabbare eller långsammare än"
            text.append(
                "Deltagarna lämnade försörjningsstödet \(direction) jämförelsegruppen: riskkvot \(number(hr)) (95 % konfidensintervall \(number(ci.lower))–\(number(ci.upper))). "
                    + "En riskkvot över 1 betyder att deltagarna lämnade snabbare.")
        }
        if let share = r.share(month: 12), let d = share.difference {
            text.append(
                "Tolv månader efter start var \(percent(d.treatedMean)) av deltagarna och \(percent(d.controlMean)) av jämförelsegruppen utan försörjningsstöd "
                    + "(skillnad \(number(100 * d.difference.value, decimals: 1)) procentenheter, 95 % konfidensintervall \(number(100 * d.difference.lower, decimals: 1)) till \(number(100 * d.difference.upper, decimals: 1)); "
                    + "\(share.participantsFollowed) deltagare och \(share.comparisonFollowed) jämförelsepersoner följda så länge).")
        }
        text.append(
            "Vad jämförelsen inte kan utesluta: att deltagarna skilde sig från jämförelsegruppen i sådant som inte registreras, till exempel motivation, hälsa, "
                + "nätverk eller handläggarens bedömning av vem insatsen passar. Då kan skillnaden bero på vilka som valdes till insatsen och inte på insatsen. "
                + "Konfidensintervallen tar bara hänsyn till slumpen, inte till sådana skillnader.")
        text.append(
            "Tiderna räknas från start. Den som flyttar eller inte kan följas längre räknas med så länge hen kan följas (censurering). "
                + "Kurvorna visar andelen som nått utfallet med 95 % konfidensband (Kaplan–Meier); de slutar där färre än \(r.disclosureThreshold) personer återstår.")
        return text
    }

    static func matchingWord(_ m: EffectMethod) -> String {
        switch m {
        case .matching: "matchningen"
        case .weighting: "viktningen"
        }
    }
}
