import Foundation
import SamsynDomain

/// One question as the form shows it. Built from form text (so a refused form keeps what was typed).
struct QuestionModel: Sendable {
    struct OptionModel: Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    let id: String
    let name: String
    let domId: String
    let text: String
    let required: Bool
    let help: String?
    let guide: [String]
    let hasGuide: Bool
    let isText: Bool
    let isNumber: Bool
    let isDate: Bool
    let isRadio: Bool
    let isCheckbox: Bool
    let isScale: Bool
    let options: [OptionModel]
    let value: String
    let minAttr: String?
    let maxAttr: String?
    let scaleHint: String?
    /// "Vill inte svara" as a checkbox beside a text, number or date field.
    let declineBox: Bool
    let declined: Bool
    let hidden: Bool
    let enableWhen: String?
    let enableBehavior: String
    let prefill: String?
    let error: String?
    let describedBy: String?

    init(_ q: QuestionDefinition, raw: [String], hidden: Bool, prefill: String?, error: String?) {
        id = q.id
        name = "q.\(q.id)"
        domId = "q-\(q.id)"
        text = q.text
        required = q.required
        help = q.help
        guide = q.guide ?? []
        hasGuide = !(q.guide ?? []).isEmpty
        isText = q.type == .text
        isNumber = q.type == .number
        isDate = q.type == .date
        isScale = q.type == .scale
        isRadio = q.type == .singleChoice || q.type == .yesNo || q.type == .scale
        isCheckbox = q.type == .multipleChoice
        declined = raw.contains(AnswerValue.declinedFormValue)
        var opts: [(String, String)]
        switch q.type {
        case .singleChoice, .multipleChoice: opts = (q.options ?? []).map { ($0.value, $0.label) }
        case .yesNo: opts = [("yes", "Ja"), ("no", "Nej")]
        case .scale:
            let lo = Int(q.min ?? 1), hi = Int(q.max ?? 5)
            opts = (lo...hi).map { i in
                let label = i == lo ? q.minLabel.map { "\(i) – \($0)" } : i == hi ? q.maxLabel.map { "\(i) – \($0)" } : nil
                return (String(i), label ?? String(i))
            }
        default: opts = []
        }
        if q.sensitive && (isRadio || isCheckbox) { opts.append((AnswerValue.declinedFormValue, "Vill inte svara")) }
        let domId = self.domId
        options = opts.enumerated().map { i, o in OptionModel(id: "\(domId)-\(i)", value: o.0, label: o.1, checked: raw.contains(o.0)) }
        declineBox = q.sensitive && !(isRadio || isCheckbox)
        value = isText || isNumber || isDate ? (raw.first { $0 != AnswerValue.declinedFormValue } ?? "") : ""
        minAttr = q.type == .number ? q.min.map { AnswerValueFormat.number($0) } : nil
        maxAttr = q.type == .number ? q.max.map { AnswerValueFormat.number($0) } : nil
        scaleHint = nil
        self.hidden = hidden
        if let conditions = q.enableWhen, let data = try? JSONEncoder().encode(conditions) {
            enableWhen = String(decoding: data, as: UTF8.self)
        } else {
            enableWhen = nil
        }
        enableBehavior = (q.enableBehavior ?? .all).rawValue
        self.prefill = prefill
        self.error = error
        let ids = [q.help != nil ? "\(domId)-help" : nil, prefill != nil ? "\(domId)-prefill" : nil, error != nil ? "\(domId)-error" : nil]
            .compactMap { $0 }
        describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}

enum AnswerValueFormat {
    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
    }
}

/// The form for one area of a part.
struct AreaPage: Sendable {
    struct NavItem: Sendable {
        let index: Int
        let title: String
        let current: Bool
        let status: String
    }
    struct ErrorItem: Sendable {
        let href: String
        let message: String
    }

    let csrf: String
    let responseId: String
    let personHref: String
    let personName: String
    let instrumentTitle: String
    let partTitle: String
    let revisionNote: String?
    let areaIndex: Int
    let areaTitle: String
    let progress: String
    let areaGuide: [String]
    let hasAreaGuide: Bool
    let questions: [QuestionModel]
    let shown: String
    let version: Int
    let isFirst: Bool
    let isLast: Bool
    let nav: [NavItem]
    let errors: [ErrorItem]
    let hasErrors: Bool
    let errorTitle: String
    let notice: String?
    let summary: [SummaryLineModel]
    let hasSummary: Bool
    let suggestions: [String]
    let hasSuggestions: Bool
}

struct SummaryLineModel: Sendable {
    let part: String
    let area: String
    let person: String
    let caseworker: String
}

/// A whole part, read-only (completed, or not the user's to fill in), or for review before completing.
struct PartViewPage: Sendable {
    struct AnswerLine: Sendable {
        let questionId: String
        let href: String?
        let text: String
        let answer: String
        let source: String?
        let withheld: Bool
        let unanswered: Bool
    }
    struct AreaBlock: Sendable {
        let title: String
        let lines: [AnswerLine]
    }
    struct RevisionLine: Sendable {
        let href: String
        let label: String
        let reason: String?
        let current: Bool
    }

    let csrf: String
    let responseId: String
    let personHref: String
    let personName: String
    let instrumentTitle: String
    let partTitle: String
    let statusText: String
    let isReview: Bool
    let areas: [AreaBlock]
    let missing: [PartViewPage.AnswerLine]
    let hasMissing: Bool
    let canComplete: Bool
    let canRevise: Bool
    let reasonError: String?
    let reason: String
    let revisions: [RevisionLine]
    let hasRevisions: Bool
    let notice: String?
    let errorMessage: String?
    let summary: [SummaryLineModel]
    let hasSummary: Bool
    let version: Int
    /// The natural next step once the part is completed.
    var nextSteps: [NextStepLink] = []
}

/// The person's assessments: each instrument's parts with status, and every known answer with its source.
struct AssessmentOverviewPage: Sendable {
    struct PartRow: Sendable {
        let title: String
        let owner: String
        let status: String
        let href: String?
        let canStart: Bool
        let instrumentId: String
        let partId: String
        /// The other committee's response to the part, read only under the person's consent.
        var shared: SharedLine? = nil
    }
    /// "Slutförd hos Spånga-Tensta mottagning, 2026-12-01 – läs": the other committee's part shared under consent.
    struct SharedLine: Sendable {
        let text: String
        let href: String
    }
    struct InstrumentBlock: Sendable {
        let title: String
        let description: String?
        let version: Int
        let parts: [PartRow]
    }
    struct ConceptRow: Sendable {
        let question: String
        let answer: String
        let source: String
        let withheld: Bool
    }

    let csrf: String
    let personId: String
    let personName: String
    let instruments: [InstrumentBlock]
    let concepts: [ConceptRow]
    let hasConcepts: Bool
    /// Some parts are the other committee's, shown under the person's consent.
    var hasShared: Bool = false
}

struct UnitTimesPage: Sendable {
    struct Row: Sendable {
        let instrument: String
        let part: String
        let completed: Int
        let median: String
    }
    let unitName: String
    let rows: [Row]
    let hasRows: Bool
}
