import Foundation

/// One answer to one question. `declined` is "vill inte svara", allowed only on sensitive questions.
public enum AnswerValue: Sendable, Equatable, Hashable {
    case text(String)
    case number(Double)
    /// A calendar date, `YYYY-MM-DD`.
    case date(String)
    case choice(String)
    case choices([String])
    case bool(Bool)
    case scale(Int)
    case declined

    public static let maxTextLength = 4000

    /// The stored form: a small JSON object, e.g. `{"choice":"eget_kontrakt"}`.
    public var storageJSON: String {
        func quoted(_ s: String) -> String {
            let data = try? JSONEncoder().encode(s)
            return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        switch self {
        case .text(let s): return "{\"text\":\(quoted(s))}"
        case .number(let d): return "{\"number\":\(Self.numberText(d))}"
        case .date(let s): return "{\"date\":\(quoted(s))}"
        case .choice(let s): return "{\"choice\":\(quoted(s))}"
        case .choices(let list): return "{\"choices\":[\(list.map(quoted).joined(separator: ","))]}"
        case .bool(let b): return "{\"bool\":\(b)}"
        case .scale(let i): return "{\"scale\":\(i)}"
        case .declined: return "{\"declined\":true}"
        }
    }

    public init?(storageJSON: String) {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(storageJSON.utf8)) as? [String: Any], let (key, v) = obj.first else { return nil }
        switch key {
        case "text": guard let s = v as? String else { return nil }; self = .text(s)
        case "number": guard let n = v as? NSNumber else { return nil }; self = .number(n.doubleValue)
        case "date": guard let s = v as? String else { return nil }; self = .date(s)
        case "choice": guard let s = v as? String else { return nil }; self = .choice(s)
        case "choices": guard let a = v as? [String] else { return nil }; self = .choices(a)
        case "bool": guard let n = v as? NSNumber else { return nil }; self = .bool(n.boolValue)
        case "scale": guard let n = v as? NSNumber else { return nil }; self = .scale(n.intValue)
        case "declined": self = .declined
        default: return nil
        }
    }

    static func numberText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    /// The answer as the form field shows it (choices: option values).
    public var formValues: [String] {
        switch self {
        case .text(let s), .date(let s), .choice(let s): [s]
        case .number(let d): [Self.numberText(d)]
        case .choices(let list): list
        case .bool(let b): [b ? "yes" : "no"]
        case .scale(let i): [String(i)]
        case .declined: [AnswerValue.declinedFormValue]
        }
    }

    public static let declinedFormValue = "__declined"

    /// The answer in words, in the wording of the question's version.
    public func display(for question: QuestionDefinition) -> String {
        switch self {
        case .text(let s): return s
        case .number(let d): return Self.numberText(d).replacingOccurrences(of: ".", with: ",")
        case .date(let s): return s
        case .choice(let v): return question.option(v)?.label ?? v
        case .choices(let list): return list.isEmpty ? "Inget valt" : list.map { question.option($0)?.label ?? $0 }.joined(separator: ", ")
        case .bool(let b): return b ? "Ja" : "Nej"
        case .scale(let i):
            if Double(i) == question.min, let l = question.minLabel { return "\(i) – \(l)" }
            if Double(i) == question.max, let l = question.maxLabel { return "\(i) – \(l)" }
            return String(i)
        case .declined: return "Vill inte svara"
        }
    }
}

extension QuestionDefinition {
    /// Checks an answer against the question; returns a Swedish message for the person at the form, or nil.
    public func problem(with value: AnswerValue) -> String? {
        if value == .declined {
            return sensitive ? nil : "Frågan har inget svarsalternativ ”Vill inte svara”."
        }
        switch (type, value) {
        case (.text, .text(let s)):
            if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "Svaret är tomt." }
            if s.count > AnswerValue.maxTextLength { return "Svaret får vara högst \(AnswerValue.maxTextLength) tecken." }
            return nil
        case (.number, .number(let d)):
            if !d.isFinite { return "Ange ett tal." }
            if let min, d < min { return "Ange ett tal som är minst \(AnswerValue.numberText(min))." }
            if let max, d > max { return "Ange ett tal som är högst \(AnswerValue.numberText(max))." }
            return nil
        case (.date, .date(let s)):
            return SwedishDate.parse(s) == nil ? "Ange ett datum som ÅÅÅÅ-MM-DD." : nil
        case (.singleChoice, .choice(let v)):
            return option(v) == nil ? "Välj ett av alternativen." : nil
        case (.multipleChoice, .choices(let list)):
            if list.isEmpty { return "Välj minst ett alternativ." }
            if Set(list).count != list.count { return "Samma alternativ är valt två gånger." }
            return list.allSatisfy { option($0) != nil } ? nil : "Välj bland alternativen."
        case (.yesNo, .bool):
            return nil
        case (.scale, .scale(let i)):
            let lo = Int(min ?? 1), hi = Int(max ?? 5)
            return (lo...hi).contains(i) ? nil : "Välj ett värde från \(lo) till \(hi)."
        default:
            return "Svaret har fel form för frågan."
        }
    }

    /// Reads the answer from form values (the field's values as posted). Nil when the field was left empty.
    /// Throws the Swedish message when the text cannot be read as the question's type.
    public func parseForm(_ values: [String]) throws(AnswerParseError) -> AnswerValue? {
        let trimmed = values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        if trimmed.contains(AnswerValue.declinedFormValue) {
            guard sensitive else { throw AnswerParseError("Frågan har inget svarsalternativ ”Vill inte svara”.") }
            return .declined
        }
        guard let first = trimmed.first else { return nil }
        switch type {
        case .text: return .text(values.first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } ?? first)
        case .number:
            guard let d = Double(first.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")), d.isFinite else {
                throw AnswerParseError("Ange ett tal, till exempel 2.")
            }
            return .number(d)
        case .date:
            guard SwedishDate.parse(first) != nil else { throw AnswerParseError("Ange ett datum som ÅÅÅÅ-MM-DD.") }
            return .date(first)
        case .singleChoice: return .choice(first)
        case .multipleChoice: return .choices(trimmed)
        case .yesNo:
            switch first {
            case "yes": return .bool(true)
            case "no": return .bool(false)
            default: throw AnswerParseError("Svara ja eller nej.")
            }
        case .scale:
            guard let i = Int(first) else { throw AnswerParseError("Välj ett värde på skalan.") }
            return .scale(i)
        }
    }
}

public struct AnswerParseError: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Strict `YYYY-MM-DD` dates.
public enum SwedishDate {
    public static func parse(_ s: String) -> DateComponents? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1900...2100).contains(y)
        else { return nil }
        let comps = DateComponents(year: y, month: m, day: d)
        guard let date = Calendar.swedish.date(from: comps) else { return nil }
        let back = Calendar.swedish.dateComponents([.year, .month, .day], from: date)
        return back.year == y && back.month == m && back.day == d ? comps : nil
    }
}

/// Branching: which questions are shown, given the answers so far.
public enum Branching {
    public static func isEnabled(_ question: QuestionDefinition, answers: [String: AnswerValue]) -> Bool {
        guard let conditions = question.enableWhen, !conditions.isEmpty else { return true }
        let results = conditions.map { holds($0, answers[$0.question]) }
        return (question.enableBehavior ?? .all) == .all ? results.allSatisfy { $0 } : results.contains(true)
    }

    static func holds(_ c: Condition, _ answer: AnswerValue?) -> Bool {
        // An unanswered or declined question satisfies no condition: what depends on it stays hidden.
        guard let answer, answer != .declined else { return false }
        switch (c.operator, c.value, answer) {
        case (.answered, _, _): return true
        case (.equals, .string(let v), .choice(let a)): return a == v
        case (.notEquals, .string(let v), .choice(let a)): return a != v
        case (.equals, .bool(let v), .bool(let a)): return a == v
        case (.notEquals, .bool(let v), .bool(let a)): return a != v
        case (.equals, .number(let v), _): return answer.numeric == v
        case (.notEquals, .number(let v), _): return answer.numeric.map { $0 != v } ?? false
        case (.includes, .string(let v), .choices(let list)): return list.contains(v)
        case (.greaterThan, .number(let v), _): return answer.numeric.map { $0 > v } ?? false
        case (.lessThan, .number(let v), _): return answer.numeric.map { $0 < v } ?? false
        default: return false
        }
    }

    /// Applies branching in question order within a part: the answers of questions that are hidden are
    /// dropped (a hidden question has no answer), which may in turn hide later questions.
    /// Conditions refer only to earlier questions of the same part.
    public static func visibleAnswers(in part: PartDefinition, answers: [String: AnswerValue]) -> [String: AnswerValue] {
        var kept: [String: AnswerValue] = [:]
        var result: [String: AnswerValue] = [:]
        for q in part.questions {
            guard isEnabled(q, answers: kept) else { continue }
            if let a = answers[q.id] {
                kept[q.id] = a
                result[q.id] = a
            }
        }
        return result
    }
}

extension AnswerValue {
    var numeric: Double? {
        switch self {
        case .number(let d): d
        case .scale(let i): Double(i)
        default: nil
        }
    }
}

/// An answer as it arrives in JSON, before it is read as the question's type.
public enum RawAnswer: Sendable, Equatable {
    case null
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([RawAnswer])
    case declined
    case other
}

extension QuestionDefinition {
    /// Reads a JSON answer as this question's type; nil clears the answer.
    public func read(_ raw: RawAnswer) throws(AnswerParseError) -> AnswerValue? {
        switch (type, raw) {
        case (_, .null): return nil
        case (_, .declined): return .declined
        case (.text, .string(let s)): return .text(s)
        case (.date, .string(let s)): return .date(s)
        case (.singleChoice, .string(let s)): return .choice(s)
        case (.multipleChoice, .array(let items)):
            var values: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw AnswerParseError("Ange alternativen som en lista med textvärden.") }
                values.append(s)
            }
            return .choices(values)
        case (.yesNo, .bool(let b)): return .bool(b)
        case (.number, .integer(let i)): return .number(Double(i))
        case (.number, .number(let d)): return .number(d)
        case (.scale, .integer(let i)): return .scale(i)
        case (.scale, .number(let d)) where d == d.rounded() && abs(d) < 1e9: return .scale(Int(d))
        default:
            let expected =
                switch type {
                case .text: "en text"
                case .date: "ett datum som text (ÅÅÅÅ-MM-DD)"
                case .singleChoice: "ett av alternativens värden som text"
                case .multipleChoice: "en lista med alternativens värden"
                case .yesNo: "true eller false"
                case .number: "ett tal"
                case .scale: "ett heltal på skalan"
                }
            throw AnswerParseError("Svaret har fel typ: frågan väntar sig \(expected).")
        }
    }
}
