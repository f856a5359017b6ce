import Foundation

/// A session (pass) of a group intervention held by a Jobbtorg unit: date, time and the intervention's group.
/// The roll-call lists everyone booked: a running episode of the unit's committee in the intervention that
/// covers the session's date.
public struct GroupSession: Hashable, Sendable, Identifiable {
    public let id: UUID
    public let interventionId: String
    public let committeeId: String
    public let unitId: String
    public let date: LocalDate
    public let startTime: String
    public let endTime: String
    public let groupName: String
    public let createdByName: String
    public let createdAt: Date

    public init(
        id: UUID, interventionId: String, committeeId: String, unitId: String, date: LocalDate, startTime: String, endTime: String, groupName: String,
        createdByName: String, createdAt: Date
    ) {
        self.id = id
        self.interventionId = interventionId
        self.committeeId = committeeId
        self.unitId = unitId
        self.date = date
        self.startTime = startTime
        self.endTime = endTime
        self.groupName = groupName
        self.createdByName = createdByName
        self.createdAt = createdAt
    }

    /// The activity text an attendance record of the session carries.
    public func activity(interventionName: String) -> String { "\(interventionName), \(groupName) \(startTime)–\(endTime)" }
}

/// One booked person on a session's roll-call: the episode, the enrolment the record belongs to, and the record
/// already made in this session, if any.
public struct RollCallLine: Sendable, Equatable {
    public let episode: Episode
    public let person: PersonSummary?
    /// The person's enrolment at the committee that covers the session's date (attendance belongs to it).
    public let enrolment: Enrolment?
    public let record: AttendanceRecord?
    /// The session's month is final for the enrolment: no record can be made.
    public let monthFinal: Bool
    public init(episode: Episode, person: PersonSummary?, enrolment: Enrolment?, record: AttendanceRecord?, monthFinal: Bool) {
        self.episode = episode
        self.person = person
        self.enrolment = enrolment
        self.record = record
        self.monthFinal = monthFinal
    }
    /// Whether the roll-call can record this person now.
    public var recordable: Bool { enrolment != nil && record == nil && !monthFinal }
}

public enum GroupSessionRules {
    /// How far ahead a session may be planned, and how far back one may be added afterwards.
    public static let maxDaysAhead = 366
    public static let maxDaysBack = 92

    public static func validate(
        interventionKnown: Bool, date: LocalDate?, dateText: String, start: String, end: String, group: String, today: LocalDate
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if !interventionKnown { errors.append(FieldError(field: "intervention", message: "Välj en insats i katalogen.")) }
        if let date {
            if date.dayNumber > today.dayNumber + maxDaysAhead { errors.append(FieldError(field: "date", message: "Ett pass kan planeras högst ett år fram i tiden.")) }
            else if date.dayNumber < today.dayNumber - maxDaysBack { errors.append(FieldError(field: "date", message: "Ett pass kan läggas in i efterhand högst tre månader tillbaka.")) }
        } else {
            errors.append(FieldError(field: "date", message: dateText.isEmpty ? "Ange datum." : "Ange datum som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        let s = start.trimmingCharacters(in: .whitespaces), e = end.trimmingCharacters(in: .whitespaces)
        if !MeetingRules.isTime(s) { errors.append(FieldError(field: "startTime", message: "Ange starttid som TT:MM, till exempel 09:00.")) }
        if !MeetingRules.isTime(e) { errors.append(FieldError(field: "endTime", message: "Ange sluttid som TT:MM, till exempel 12:00.")) }
        else if MeetingRules.isTime(s) && e <= s { errors.append(FieldError(field: "endTime", message: "Sluttiden ska vara efter starttiden.")) }
        let g = group.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(2...100).contains(g.count) { errors.append(FieldError(field: "groupName", message: "Skriv gruppens namn (2–100 tecken), till exempel Grupp A.")) }
        return errors
    }

    /// Whether an episode is booked on the session: the same intervention and committee, and running on its date.
    public static func isBooked(_ e: Episode, on session: GroupSession) -> Bool {
        e.interventionId == session.interventionId && e.committeeId == session.committeeId && e.start <= session.date
            && (e.actualEnd.map { session.date <= $0 } ?? true)
    }

    /// Whether the actor may record the session's roll-call now (the session is not ahead of today).
    public static func mayRecord(_ session: GroupSession, _ actor: Actor, today: LocalDate) -> Bool {
        CaseAction.recordAttendance.allows(actor) && session.date <= today
    }

    /// The field a person's mark is posted in.
    public static func field(_ episodeId: UUID) -> String { "status-" + episodeId.uuidString.lowercased() }

    /// Validates a roll-call: every mark names an episode booked on the session (otherwise nothing is saved) and
    /// a status; a person whose month is final, who is not enrolled, or already recorded in the session is refused.
    /// Returns the marks to record.
    public static func validate(
        session: GroupSession, marks: [String: String], lines: [RollCallLine], allEpisodes: [UUID: Episode], names: [UUID: String]
    ) -> (marks: [(line: RollCallLine, status: AttendanceRecord.Status)], errors: [FieldError]) {
        var errors: [FieldError] = []
        var out: [(line: RollCallLine, status: AttendanceRecord.Status)] = []
        let byEpisode = Dictionary(uniqueKeysWithValues: lines.map { ($0.episode.id, $0) })
        for (key, value) in marks.sorted(by: { $0.key < $1.key }) {
            let v = value.trimmingCharacters(in: .whitespaces)
            if v.isEmpty { continue }
            guard let id = UUID(uuidString: key) else {
                errors.append(FieldError(field: "message", message: "Uppropet innehåller en okänd deltagare. Läs in sidan igen."))
                continue
            }
            let f = field(id)
            guard let line = byEpisode[id] else {
                if let e = allEpisodes[id], e.interventionId == session.interventionId, e.committeeId == session.committeeId {
                    let span = "\(e.start)–\(e.actualEnd?.description ?? "")"
                    errors.append(
                        FieldError(field: "message", message: "Passet \(session.date) ligger utanför \(names[e.personId] ?? "personens") deltagande (\(span)). Inget sparades."))
                } else {
                    errors.append(FieldError(field: "message", message: "\(allEpisodes[id].flatMap { names[$0.personId] } ?? "Personen") är inte bokad på passet. Inget sparades."))
                }
                continue
            }
            let who = line.person.map { "\($0.firstName) \($0.lastName)" } ?? "Personen"
            guard let status = AttendanceRecord.Status(rawValue: v) else {
                errors.append(FieldError(field: f, message: "Välj närvarande, frånvarande med giltigt skäl eller frånvarande för \(who)."))
                continue
            }
            if line.record != nil { errors.append(FieldError(field: f, message: "\(who) är redan registrerad på passet. Rätta på närvarosidan.")); continue }
            if line.enrolment == nil { errors.append(FieldError(field: f, message: "\(who) är inte inskriven hos er \(session.date). Närvaro registreras bara för inskrivna.")); continue }
            if line.monthFinal {
                errors.append(FieldError(field: f, message: "Närvaron för \(session.date.monthKey) är redan slutrapporterad för \(who) och kan inte ändras."))
                continue
            }
            out.append((line: line, status: status))
        }
        if errors.isEmpty && out.isEmpty { errors.append(FieldError(field: "message", message: "Markera närvaro för minst en deltagare.")) }
        return (errors.isEmpty ? out : [], errors)
    }
}

/// A person's attendance for one week: a row per episode (and one for records with no episode), Monday–Friday.
public struct AttendanceWeek: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let episodeId: UUID?
        public let title: String
        /// Monday–Friday; each day's records (a day may have several sessions).
        public let days: [[AttendanceRecord]]
    }
    public let monday: LocalDate
    public let rows: [Row]

    public static func monday(of d: LocalDate) -> LocalDate { d.adding(days: 1 - d.isoWeekday) }

    public static func build(monday: LocalDate, records: [AttendanceRecord], episodes: [Episode], interventionNames: [String: String]) -> AttendanceWeek {
        let friday = monday.adding(days: 4)
        let inWeek = records.filter { $0.date >= monday && $0.date <= friday }
        let running = episodes.filter { e in e.start <= friday && (e.actualEnd.map { $0 >= monday } ?? true) }
        var rows: [Row] = []
        func days(_ rs: [AttendanceRecord]) -> [[AttendanceRecord]] { (0..<5).map { i in rs.filter { $0.date == monday.adding(days: i) } } }
        let episodeIds = Set(inWeek.compactMap(\.episodeId)).union(running.map(\.id))
        for e in episodes where episodeIds.contains(e.id) {
            rows.append(Row(episodeId: e.id, title: interventionNames[e.interventionId] ?? e.interventionId, days: days(inWeek.filter { $0.episodeId == e.id })))
        }
        let loose = inWeek.filter { r in r.episodeId == nil || !episodes.contains { $0.id == r.episodeId } }
        if !loose.isEmpty { rows.append(Row(episodeId: nil, title: "Utan insats", days: days(loose))) }
        return AttendanceWeek(monday: monday, rows: rows)
    }
}
