import Foundation

/// One part of an instrument filled in for one person by one unit: a draft until completed, then locked.
/// A correction is a new revision (a new response that replaces the old one), so the history is kept.
public struct AssessmentResponse: Sendable, Equatable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case draft
        case completed
        /// Replaced by a completed later revision; kept as history.
        case superseded
    }

    public let id: UUID
    public let personId: UUID
    /// The committee the answers belong to (secrecy), and the unit that fills the part in.
    public let committeeId: String
    public let unitId: String
    public let instrumentId: String
    public let instrumentVersion: Int
    public let partId: String
    public var status: Status
    public let revision: Int
    public let replacesId: UUID?
    public let revisionReason: String?
    public let startedBy: UUID
    public let startedAt: Date
    public var updatedAt: Date
    public var completedAt: Date?
    public var completedBy: UUID?
    /// Time spent actively on the part, gaps of more than five minutes left out.
    public var activeMilliseconds: Int64
    public var lastActivityAt: Date
    /// Bumped by every change: a save based on an older version is refused instead of overwriting.
    public var version: Int

    public init(
        id: UUID, personId: UUID, committeeId: String, unitId: String, instrumentId: String, instrumentVersion: Int, partId: String,
        status: Status, revision: Int, replacesId: UUID?, revisionReason: String?, startedBy: UUID, startedAt: Date, updatedAt: Date,
        completedAt: Date?, completedBy: UUID?, activeMilliseconds: Int64, lastActivityAt: Date, version: Int
    ) {
        self.id = id
        self.personId = personId
        self.committeeId = committeeId
        self.unitId = unitId
        self.instrumentId = instrumentId
        self.instrumentVersion = instrumentVersion
        self.partId = partId
        self.status = status
        self.revision = revision
        self.replacesId = replacesId
        self.revisionReason = revisionReason
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.completedAt = completedAt
        self.completedBy = completedBy
        self.activeMilliseconds = activeMilliseconds
        self.lastActivityAt = lastActivityAt
        self.version = version
    }

    public var instrumentKey: InstrumentKey { InstrumentKey(id: instrumentId, version: instrumentVersion) }
    public var isLocked: Bool { status != .draft }
}

/// A saved answer. `sourceResponseId` is set when the user confirmed an answer pre-filled from another response.
public struct StoredAnswer: Sendable, Equatable {
    public let responseId: UUID
    public let questionId: String
    public let concept: String?
    public let value: AnswerValue
    public let sensitive: Bool
    public let answeredAt: Date
    public let answeredBy: UUID
    public let sourceResponseId: UUID?

    public init(
        responseId: UUID, questionId: String, concept: String?, value: AnswerValue, sensitive: Bool, answeredAt: Date, answeredBy: UUID,
        sourceResponseId: UUID?
    ) {
        self.responseId = responseId
        self.questionId = questionId
        self.concept = concept
        self.value = value
        self.sensitive = sensitive
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
        self.sourceResponseId = sourceResponseId
    }
}

/// The latest answer to a concept for a person, with where it came from.
public struct ConceptAnswer: Sendable, Equatable {
    public let concept: String
    public let answer: StoredAnswer
    public let response: AssessmentResponse

    public init(concept: String, answer: StoredAnswer, response: AssessmentResponse) {
        self.concept = concept
        self.answer = answer
        self.response = response
    }
}

extension ConceptAnswer {
    /// Pairs answers with their responses, leaving out those of superseded (or unknown) responses.
    public static func join(_ answers: [StoredAnswer], _ responses: [AssessmentResponse]) -> [ConceptAnswer] {
        let byId = Dictionary(uniqueKeysWithValues: responses.map { ($0.id, $0) })
        return answers.compactMap { a in
            guard let concept = a.concept, let r = byId[a.responseId], r.status != .superseded else { return nil }
            return ConceptAnswer(concept: concept, answer: a, response: r)
        }
    }
}

/// A completed part's active time, for the unit's median.
public struct CompletionTime: Sendable, Equatable {
    public let instrumentId: String
    public let instrumentVersion: Int
    public let partId: String
    public let activeMilliseconds: Int64
    public init(instrumentId: String, instrumentVersion: Int, partId: String, activeMilliseconds: Int64) {
        self.instrumentId = instrumentId
        self.instrumentVersion = instrumentVersion
        self.partId = partId
        self.activeMilliseconds = activeMilliseconds
    }
}

/// Activity on a draft: counted time is the gap since the last activity, unless the gap was idle (over five minutes).
public struct Activity: Sendable, Equatable {
    public static let idleGap: TimeInterval = 5 * 60
    public let at: Date
    public init(at: Date) { self.at = at }

    /// The milliseconds to add given the previous activity.
    public func counted(since last: Date) -> Int64 {
        let gap = at.timeIntervalSince(last)
        guard gap > 0, gap <= Self.idleGap else { return 0 }
        return Int64((gap * 1000).rounded())
    }
}

public enum Statistics {
    /// The median of a non-empty list (mean of the middle two for an even count).
    public static func median(_ values: [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? Double(s[mid]) : (Double(s[mid - 1]) + Double(s[mid])) / 2
    }
}
