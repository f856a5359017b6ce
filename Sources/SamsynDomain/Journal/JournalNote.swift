import Foundation

/// Journalanteckning: a note in the person file about a contact or an event (förvaltningslagen 27 §: what was
/// learnt other than in a document is written down promptly, when and by whom). It belongs to the committee
/// whose staff wrote it. It starts as the author's draft; once signed it never changes and is never deleted —
/// a mistake is corrected by a new note that points to the old one ("Rättelse av anteckning 2026-11-30").
public struct JournalNote: Hashable, Sendable, Identifiable {
    /// What the note is about.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case phone, visit, meeting, letter, decision, other

        public var swedishName: String {
            switch self {
            case .phone: "Telefon"
            case .visit: "Besök"
            case .meeting: "Möte"
            case .letter: "Brev"
            case .decision: "Beslut"
            case .other: "Övrigt"
            }
        }
    }

    public let id: UUID
    public let personId: UUID
    /// The committee whose file holds the note (secrecy: the other committee reads it only under consent).
    public let committeeId: String
    public let unitId: String
    public var kind: Kind
    /// The day of the contact or event the note is about.
    public var eventDate: LocalDate
    public var text: String
    public let authorId: UUID
    public let authorName: String
    public let createdAt: Date
    public var updatedAt: Date
    public var signedAt: Date?
    public var signedByName: String?
    /// The signed note this one corrects.
    public let correctsId: UUID?
    public var version: Int

    public init(
        id: UUID, personId: UUID, committeeId: String, unitId: String, kind: Kind, eventDate: LocalDate, text: String, authorId: UUID, authorName: String,
        createdAt: Date, updatedAt: Date? = nil, signedAt: Date? = nil, signedByName: String? = nil, correctsId: UUID? = nil, version: Int = 1
    ) {
        self.id = id
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.kind = kind
        self.eventDate = eventDate
        self.text = text
        self.authorId = authorId
        self.authorName = authorName
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.signedAt = signedAt
        self.signedByName = signedByName
        self.correctsId = correctsId
        self.version = version
    }

    public var isSigned: Bool { signedAt != nil }

    /// The heading of a correction: "Rättelse av anteckning 2026-11-30".
    public static func correctionHeading(of original: JournalNote) -> String { "Rättelse av anteckning \(original.eventDate)" }

    /// The refusal of any change to a signed note (a conflict: the API answers 409).
    public static let signedConflict = DomainError(
        .conflict, "Anteckningen är signerad och kan inte ändras eller tas bort. Skriv en rättelse i stället.")
}

/// The rules of a note: what it must hold, who may write and read it, and when it may change.
public enum JournalRules {
    /// The longest note text, in characters (about four pages).
    public static let maxTextLength = 8000

    /// The kinds of staff who keep the journal: the caseworkers of a district or Jobbtorg unit. Managers,
    /// analysts, researchers, partners, administrators and the person themself neither write nor read it here.
    public static let caseworkers: Set<Role> = [.intakeOfficer, .socialSecretary, .coach]

    public static func mayWrite(_ u: StaffUser) -> Bool {
        caseworkers.contains(u.role) && (CaseFlowService.isDistrict(u) || CaseFlowService.isJobbtorg(u))
    }
    /// Reading needs the same caseworking role; which notes are seen is `visible(_:to:consents:on:)`.
    public static func mayRead(_ u: StaffUser) -> Bool { mayWrite(u) }

    /// The owning committee's caseworkers see its signed notes and their own drafts; the other committee sees
    /// signed notes only while a consent whose scope covers the journal is valid.
    public static func visible(_ n: JournalNote, to u: StaffUser, consents: [Consent], on day: LocalDate) -> Bool {
        guard mayRead(u) else { return false }
        if n.committeeId == u.committeeId { return n.isSigned || n.authorId == u.id }
        return n.isSigned && ConsentSharing.sees(.journal, owner: n.committeeId, ownerUnit: n.unitId, viewer: u, consents: consents, on: day)
    }

    /// Whether `u` may change the draft (its author, while it is unsigned); a signed note is a conflict.
    public static func checkEditable(_ n: JournalNote, by u: StaffUser) throws {
        guard n.committeeId == u.committeeId, n.authorId == u.id else { throw DomainError.forbidden }
        if n.isSigned { throw JournalNote.signedConflict }
    }

    /// A correction points to a signed note of the writer's own committee.
    public static func checkCorrectable(_ n: JournalNote, by u: StaffUser) throws {
        guard n.committeeId == u.committeeId else { throw DomainError.notFound }
        guard n.isSigned else {
            throw DomainError(.conflict, "Anteckningen är inte signerad ännu. Ändra utkastet i stället för att skriva en rättelse.")
        }
    }

    /// The note's text as stored: line breaks kept (CR LF as LF), tabs kept, other control characters removed
    /// (no NUL reaches the database), surrounding blank space trimmed.
    public static func clean(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let kept = normalised.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || !CharacterSet.controlCharacters.contains($0) }
        return String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What a writer typed, checked: every error at once, in the form's order.
    public static func validate(_ input: JournalInput, today: LocalDate) -> Result<(kind: JournalNote.Kind, eventDate: LocalDate, text: String), DomainError> {
        var errors: [FieldError] = []
        let kind = JournalNote.Kind(rawValue: input.kind.trimmingCharacters(in: .whitespaces))
        if kind == nil { errors.append(FieldError(field: "kind", message: "Välj vad anteckningen gäller: telefon, besök, möte, brev, beslut eller övrigt.")) }
        let dateText = input.eventDate.trimmingCharacters(in: .whitespaces)
        let date = LocalDate(dateText)
        if dateText.isEmpty {
            errors.append(FieldError(field: "eventDate", message: "Ange datum för händelsen som ÅÅÅÅ-MM-DD."))
        } else if let date {
            if date > today {
                errors.append(FieldError(field: "eventDate", message: "Datumet för händelsen kan inte ligga i framtiden (i dag är det \(today)). Anteckna händelsen när den har ägt rum."))
            } else if date < minimumDate {
                errors.append(FieldError(field: "eventDate", message: "Ange ett datum från och med \(minimumDate)."))
            }
        } else {
            errors.append(FieldError(field: "eventDate", message: "Ange datum för händelsen som ÅÅÅÅ-MM-DD (ett datum som finns)."))
        }
        let text = clean(input.text)
        if text.isEmpty {
            errors.append(FieldError(field: "text", message: "Skriv anteckningen. Den kan inte vara tom."))
        } else if text.count > maxTextLength {
            errors.append(FieldError(field: "text", message: "Anteckningen får vara högst \(maxTextLength) tecken (nu \(text.count)). Dela upp den i flera anteckningar."))
        }
        guard errors.isEmpty, let kind, let date else { return .failure(.invalid(errors)) }
        return .success((kind, date, text))
    }

    /// No note is about an event before this day (a typo such as 0226 for 2026 is refused).
    public static let minimumDate = LocalDate(year: 1990, month: 1, day: 1)!
}

/// A note as typed in the form or sent to the API: the raw values, checked by `JournalRules.validate`.
public struct JournalInput: Sendable, Equatable {
    public var kind: String
    public var eventDate: String
    public var text: String
    public init(kind: String, eventDate: String, text: String) {
        self.kind = kind
        self.eventDate = eventDate
        self.text = text
    }
}

/// A note as the reader sees it: the corrections that point to it (signed ones) and the note it corrects.
public struct JournalEntry: Sendable, Hashable {
    public let note: JournalNote
    public let correctedBy: [JournalNote]
    public let corrects: JournalNote?
    public init(note: JournalNote, correctedBy: [JournalNote], corrects: JournalNote?) {
        self.note = note
        self.correctedBy = correctedBy
        self.corrects = corrects
    }
    public var isCorrected: Bool { !correctedBy.isEmpty }
}

extension JournalEntry {
    /// The visible notes as entries, newest first (by the event's date, then by when they were written); a
    /// correction's original is named even when the reader sees only the correction's side.
    public static func entries(_ visible: [JournalNote]) -> [JournalEntry] {
        let byId = Dictionary(uniqueKeysWithValues: visible.map { ($0.id, $0) })
        var corrections: [UUID: [JournalNote]] = [:]
        for n in visible where n.isSigned { if let c = n.correctsId { corrections[c, default: []].append(n) } }
        return visible.sorted { ($0.eventDate, $0.createdAt, $0.id.uuidString) > ($1.eventDate, $1.createdAt, $1.id.uuidString) }.map { n in
            JournalEntry(
                note: n, correctedBy: (corrections[n.id] ?? []).sorted { ($0.signedAt ?? $0.createdAt) < ($1.signedAt ?? $1.createdAt) },
                corrects: n.correctsId.flatMap { byId[$0] })
        }
    }
}
