import Foundation

/// Session lifetimes (ASVS 7.3): a session ends after 30 minutes without use or 10 hours after login,
/// whichever comes first.
public struct SessionPolicy: Sendable {
    public var idleTimeout: TimeInterval
    public var absoluteTimeout: TimeInterval
    /// How long an API bearer token lives.
    public var tokenLifetime: TimeInterval

    public init(idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 10 * 3600, tokenLifetime: TimeInterval = 8 * 3600) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.tokenLifetime = tokenLifetime
    }

    public static let standard = SessionPolicy()

    /// Whether a session created at `created` and last used at `lastSeen` is still valid at `now`.
    public func isValid(created: Date, lastSeen: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeen) < idleTimeout && now.timeIntervalSince(created) < absoluteTimeout
    }
}

/// Throttling of failed logins, per username (known or not, so probing reveals nothing):
/// after `maxFailures` failures within `window`, further attempts are refused until the window has passed.
public struct LoginThrottlePolicy: Sendable {
    public var maxFailures: Int
    public var window: TimeInterval

    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    public static let standard = LoginThrottlePolicy()

    public func isLocked(recentFailures: Int) -> Bool { recentFailures >= maxFailures }

    public static let lockedMessage = "För många misslyckade inloggningar. Vänta en stund och försök igen."
    /// The same message for an unknown user and a wrong password, so neither reveals which usernames exist.
    public static let failedMessage = "Fel användarnamn eller lösenord."
}
