import Foundation
import HTTPTypes
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage

/// A definition file's name and contents.
public struct InstrumentFile: Sendable {
    public let name: String
    public let data: Data
    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// Samsyn's configuration, parsed once at start. Bad values stop the start with one line naming the setting.
public struct AppConfig: Sendable {
    public var host: String
    public var port: Int
    public var database: DatabaseURL
    /// The shared password of the demo users, when the demo data is loaded (`SAMSYN_DEMO_PASSWORD`).
    public var demoPassword: String?
    /// Mark cookies `Secure` (set when Samsyn runs behind TLS: `SAMSYN_SECURE_COOKIES=true`).
    public var secureCookies: Bool
    /// Load demo data into a new, empty database.
    public var loadDemoData: Bool
    /// Number of demo persons to generate on first start.
    public var demoPersons: Int
    /// Persons added on first start with two years of finished history only (no case open today), so that the
    /// follow-up page and the effect report have something to show (`SAMSYN_DEMO_HISTORY_PERSONS`, default 6000).
    public var demoHistoryPersons: Int = 6000
    /// A directory of extra instrument definition files (`SAMSYN_INSTRUMENT_DIR`), e.g. licensed official wording.
    public var instrumentDirectory: String?
    /// Instrument definition files to load instead of the shipped ones (tests).
    public var instrumentFiles: [InstrumentFile]?
    /// A directory of extra need-assessment rule versions (`SAMSYN_NEED_RULES_DIR`).
    public var needRulesDirectory: String?
    /// Run as if this many days later (`SAMSYN_CLOCK_OFFSET_DAYS`): training and browser tests of deadlines.
    public var clockOffsetDays: Int = 0
    /// How often the deadline and reminder job runs for everyone, in seconds. Changes refresh the person's
    /// tasks at once; the periodic run catches what the date alone makes due, so minutes are enough. On SQLite
    /// a run holds the one writer while it syncs, which the other requests' log rows wait for.
    public var taskJobInterval: Int = 300
    /// A directory of extra indicator definition versions (`SAMSYN_INDICATOR_DIR`), and the small-cell threshold k
    /// (`SAMSYN_DISCLOSURE_K`, default 5).
    public var indicatorDirectory: String?
    public var disclosureThreshold: Int = Disclosure.defaultThreshold
    /// Sign-in: the OpenID Connect providers and the password form (issue 18; `LoginConfiguration.parse`).
    public var login = LoginConfiguration()

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseURL = .sqlite(path: "samsyn.sqlite"), demoPassword: String? = nil,
        secureCookies: Bool = false, loadDemoData: Bool = true, demoPersons: Int = 600
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.demoPassword = demoPassword
        self.secureCookies = secureCookies
        self.loadDemoData = loadDemoData
        self.demoPersons = demoPersons
    }

    /// Reads flags first, then the environment, then defaults.
    public static func parse(host: String?, port: String?, environment: [String: String]) throws(ConfigurationError) -> AppConfig {
        var c = AppConfig()
        if let h = host ?? environment["SAMSYN_HOST"] {
            guard !h.isEmpty, h.allSatisfy({ $0.isLetter || $0.isNumber || ".:-[]".contains($0) }) else {
                throw ConfigurationError("SAMSYN_HOST / --host: '\(h.prefix(60))' is not a host name or IP address")
            }
            c.host = h
        }
        if let p = port ?? environment["SAMSYN_PORT"] {
            guard let n = Int(p), (0...65535).contains(n) else {
                throw ConfigurationError("SAMSYN_PORT / --port: '\(p.prefix(20))' is not a port number (0–65535)")
            }
            c.port = n
        }
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            c.database = try DatabaseURL.parse(url)
        }
        if let h = environment["SAMSYN_DEMO_HISTORY_PERSONS"] {
            guard let n = Int(h), (0...1_000_000).contains(n) else {
                throw ConfigurationError("SAMSYN_DEMO_HISTORY_PERSONS: '\(h.prefix(20))' is not a number from 0 to 1000000")
            }
            c.demoHistoryPersons = n
        }
        if let pw = environment["SAMSYN_DEMO_PASSWORD"] {
            guard pw.count >= 8 else { throw ConfigurationError("SAMSYN_DEMO_PASSWORD: must be at least 8 characters") }
            c.demoPassword = pw
        }
        if let dir = environment["SAMSYN_INSTRUMENT_DIR"], !dir.isEmpty {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw ConfigurationError("SAMSYN_INSTRUMENT_DIR: '\(dir.prefix(200))' is not a directory")
            }
            c.instrumentDirectory = dir
        }
        if let dir = environment["SAMSYN_NEED_RULES_DIR"], !dir.isEmpty {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw ConfigurationError("SAMSYN_NEED_RULES_DIR: '\(dir.prefix(200))' is not a directory")
            }
            c.needRulesDirectory = dir
        }
        if let dir = environment["SAMSYN_INDICATOR_DIR"], !dir.isEmpty {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw ConfigurationError("SAMSYN_INDICATOR_DIR: '\(dir.prefix(200))' is not a directory")
            }
            c.indicatorDirectory = dir
        }
        if let s = environment["SAMSYN_DISCLOSURE_K"], !s.isEmpty {
            guard let k = Int(s), (2...100).contains(k) else { throw ConfigurationError("SAMSYN_DISCLOSURE_K: '\(s.prefix(20))' is not a whole number 2–100") }
            c.disclosureThreshold = k
        }
        if let s = environment["SAMSYN_CLOCK_OFFSET_DAYS"], !s.isEmpty {
            guard let n = Int(s), (-3660...3660).contains(n) else {
                throw ConfigurationError("SAMSYN_CLOCK_OFFSET_DAYS: '\(s.prefix(20))' is not a whole number of days (-3660–3660)")
            }
            c.clockOffsetDays = n
        }
        if let s = environment["SAMSYN_SECURE_COOKIES"] {
            switch s.lowercased() {
            case "1", "true", "yes": c.secureCookies = true
            case "0", "false", "no", "": c.secureCookies = false
            default: throw ConfigurationError("SAMSYN_SECURE_COOKIES: use true or false")
            }
        }
        c.login = try LoginConfiguration.parse(environment)
        return c
    }
}
