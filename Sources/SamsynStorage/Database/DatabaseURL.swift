import Foundation

/// Where the data lives: `sqlite:PATH` (the embedded default) or `postgres://user:password@host:port/db`.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public enum Kind: String, Sendable { case sqlite, postgres }

    public var kind: Kind {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// Parses the setting; the error message names what is wrong in one line.
    public static func parse(_ raw: String) throws(ConfigurationError) -> DatabaseURL {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("sqlite:") {
            var path = String(value.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else {
                throw ConfigurationError("DATABASE_URL: sqlite: needs a file path, e.g. sqlite:samsyn.sqlite")
            }
            return .sqlite(path: path)
        }
        if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            guard let comps = URLComponents(string: value), let host = comps.host, !host.isEmpty else {
                throw ConfigurationError("DATABASE_URL: could not read a host from the postgres URL")
            }
            guard comps.user?.isEmpty == false else {
                throw ConfigurationError("DATABASE_URL: the postgres URL needs a user, e.g. postgres://samsyn@127.0.0.1:5432/samsyn")
            }
            if let port = comps.port, !(1...65535).contains(port) {
                throw ConfigurationError("DATABASE_URL: the port must be between 1 and 65535")
            }
            return .postgres(url: value)
        }
        throw ConfigurationError("DATABASE_URL: must start with sqlite: or postgres:// (got something else)")
    }

    /// Never prints a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            if var c = URLComponents(string: url) {
                if c.password != nil { c.password = "***" }
                return c.string ?? "postgres://…"
            }
            return "postgres://…"
        }
    }
}

/// A setting that cannot be used; the message names it.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
