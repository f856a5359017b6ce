import Foundation
import Logging
import SamsynDomain

/// A failure inside Storage that is nobody's input mistake. Never carries personal data: a corrupt row is
/// named by table and column, and its value only when that is an enum raw value (else what was wrong).
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A stored value Samsyn cannot read (corruption, or a write outside Samsyn). Reading stops rather than
    /// guess a default that would hide it (an unknown attendance status is not "present").
    case corruptRow(table: String, column: String, value: String)

    /// What a log line may say: the table and column, never the value (it might be anything).
    public var logMetadata: Logger.Metadata {
        switch self {
        case .corruptRow(let table, let column, _): ["error": "corrupt_row", "table": "\(table)", "column": "\(column)"]
        }
    }

    public var description: String {
        switch self {
        case .corruptRow(let table, let column, let value): "corrupt row: \(table).\(column) holds \(value)"
        }
    }
}

/// Strict decoding of one table's columns into domain values. Each function throws
/// `StorageError.corruptRow` naming the table and column; the optional variants map NULL to nil (a column
/// that may legitimately be empty) but still refuse a present value that does not parse.
struct Strict {
    let table: String
    init(_ table: String) { self.table = table }

    func corrupt(_ column: String, _ value: String) -> StorageError {
        .corruptRow(table: table, column: column, value: value)
    }

    func uuid(_ column: String, _ s: String) throws -> UUID {
        guard let u = UUID(uuidString: s) else { throw corrupt(column, "malformed uuid") }
        return u
    }

    func uuid(_ column: String, _ s: String?) throws -> UUID? {
        try s.map { try uuid(column, $0) }
    }

    func date(_ column: String, _ s: String) throws -> LocalDate {
        guard let d = LocalDate(stored: s) else { throw corrupt(column, "malformed date") }
        return d
    }

    func date(_ column: String, _ s: String?) throws -> LocalDate? {
        try s.map { try date(column, $0) }
    }

    /// An enum stored as its raw value; the unknown value is named (raw values are Samsyn's own codes).
    func value<E: RawRepresentable>(_ column: String, _ s: String, as _: E.Type = E.self) throws -> E where E.RawValue == String {
        guard let v = E(rawValue: s) else { throw corrupt(column, "unknown value '\(s.prefix(40))'") }
        return v
    }

    func value<E: RawRepresentable>(_ column: String, _ s: String?, as _: E.Type = E.self) throws -> E? where E.RawValue == String {
        try s.map { try value(column, $0) }
    }

    /// A set of enum values stored comma-separated.
    func values<E: RawRepresentable & Hashable>(_ column: String, _ s: String, as _: E.Type = E.self) throws -> Set<E> where E.RawValue == String {
        Set(try s.split(separator: ",").map { try value(column, String($0)) as E })
    }

    func json<T: Decodable>(_ column: String, _ s: String, as _: T.Type = T.self) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(s.utf8)) } catch { throw corrupt(column, "malformed json") }
    }

    func identityNumber(_ column: String, _ s: String) throws -> PersonalIdentityNumber {
        guard let n = PersonalIdentityNumber(storedDigits: s) else { throw corrupt(column, "malformed identity number") }
        return n
    }

    /// A column that must be present given the row's other values (NULL there is corruption).
    func required<T>(_ column: String, _ v: T?) throws -> T {
        guard let v else { throw corrupt(column, "missing value") }
        return v
    }
}
