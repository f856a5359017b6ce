import Foundation

/// Recording a person's week at once (the weekly grid): each mark is one day of one episode's row.
public enum AttendanceWeekRules {
    /// At most this many marks in one week (five days of ten episodes).
    public static let maxMarks = 50

    /// One cell of the grid as sent: the episode's row, the day and the status.
    public struct Mark: Sendable, Equatable {
        public var episodeId: String, date: String, status: String
        public init(episodeId: String, date: String, status: String) {
            self.episodeId = episodeId
            self.date = date
            self.status = status
        }
    }

    /// A mark that may be recorded: the episode it belongs to, the day and the status.
    public struct Valid: Sendable, Equatable {
        public let episode: Episode
        public let date: LocalDate
        public let status: AttendanceRecord.Status
    }

    /// Validates a week's marks for an enrolment: every mark names an episode of the person at the enrolment's
    /// committee that runs on the day, a weekday of the week (Monday–Friday), a day the attendance rules allow
    /// (enrolled, not ahead of today, month not final) and that has no record on that row yet; the same cell
    /// twice is refused. Any error refuses the whole week: no marks are returned then. Fields are `marks[i].x`.
    public static func validate(
        enrolment: Enrolment, monday: LocalDate, marks: [Mark], episodes: [Episode], existing: [AttendanceRecord], finalMonths: Set<String>,
        interventionNames: [String: String], today: LocalDate
    ) -> (marks: [Valid], errors: [FieldError]) {
        var errors: [FieldError] = []
        var out: [Valid] = []
        let friday = monday.adding(days: 4)
        let byId = Dictionary(episodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        if marks.isEmpty { errors.append(FieldError(field: "marks", message: "Markera närvaro för minst en dag.")) }
        if marks.count > maxMarks { errors.append(FieldError(field: "marks", message: "Högst \(maxMarks) markeringar per vecka.")) }
        for (i, m) in marks.enumerated() {
            let f = "marks[\(i)]"
            guard let id = UUID(uuidString: m.episodeId.trimmingCharacters(in: .whitespaces)), let episode = byId[id],
                episode.personId == enrolment.personId, episode.committeeId == enrolment.committeeId
            else {
                errors.append(FieldError(field: f + ".episodeId", message: "Insatsen finns inte bland personens insatser hos er. Inget sparades."))
                continue
            }
            let dateText = m.date.trimmingCharacters(in: .whitespaces)
            guard let date = LocalDate(dateText) else {
                errors.append(FieldError(field: f + ".date", message: "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
                continue
            }
            guard date >= monday && date <= friday else {
                errors.append(FieldError(field: f + ".date", message: "\(date) ligger inte i veckan \(monday)–\(friday) (måndag–fredag)."))
                continue
            }
            let name = interventionNames[episode.interventionId] ?? episode.interventionId
            guard episode.start <= date, episode.actualEnd.map({ date <= $0 }) ?? true else {
                let span = "\(episode.start)–\(episode.actualEnd?.description ?? "")"
                errors.append(FieldError(field: f + ".date", message: "\(date) ligger utanför deltagandet i \(name) (\(span)). Inget sparades."))
                continue
            }
            let status = AttendanceRecord.Status(rawValue: m.status.trimmingCharacters(in: .whitespaces))
            let ruleErrors = AttendanceRules.validate(
                enrolment: enrolment, date: date, dateText: dateText, activity: name, status: status, finalMonths: finalMonths, today: today)
            if !ruleErrors.isEmpty {
                errors += ruleErrors.map { FieldError(field: "\(f).\($0.field)", message: $0.message) }
                continue
            }
            guard let status else { continue }
            guard seen.insert("\(id) \(date)").inserted else {
                errors.append(FieldError(field: f, message: "\(name) \(date) finns två gånger i veckan. Inget sparades."))
                continue
            }
            if existing.contains(where: { $0.episodeId == id && $0.date == date }) {
                errors.append(FieldError(field: f, message: "Närvaro för \(name) \(date) är redan registrerad. Rätta den på närvarosidan."))
                continue
            }
            out.append(Valid(episode: episode, date: date, status: status))
        }
        return (errors.isEmpty ? out : [], errors)
    }
}
