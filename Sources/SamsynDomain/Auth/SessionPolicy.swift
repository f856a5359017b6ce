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

/// Throttling of failed password logins, per account and per client address (issue 18, "hardened while it remains").
///
/// - Per account (username, known or not, so probing reveals nothing): after `maxFailures` failures within `window`,
///   each further attempt waits first, a delay that doubles with every failure up to `maxDelay`. The attempt is then
///   checked as usual, so an attacker guessing one account is slowed but the owner's right password always gets in:
///   nobody can lock another person out.
/// - Per client address: after `maxClientFailures` failures within `window` (any usernames), attempts from that
///   address are refused with 429 and `Retry-After` until the oldest of those failures leaves the window.
///
/// Every throttling is written to the access log (`auth.throttled`).
public struct LoginThrottlePolicy: Sendable {
    public var maxFailures: Int
    public var window: TimeInterval
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval
    public var maxClientFailures: Int
    /// Waits out an account's delay (tests record instead of sleeping).
    public var wait: @Sendable (TimeInterval) async throws -> Void

    public init(
        maxFailures: Int = 5, window: TimeInterval = 15 * 60, baseDelay: TimeInterval = 1, maxDelay: TimeInterval = 30, maxClientFailures: Int = 20,
        wait: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1_000_000_000)) }
    ) {
        self.maxFailures = maxFailures
        self.window = window
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxClientFailures = maxClientFailures
        self.wait = wait
    }

    public static let standard = LoginThrottlePolicy()

    /// How long an attempt on an account with this many recent failures waits before it is checked: nothing below
    /// `maxFailures`, then `baseDelay`, doubling with each further failure, at most `maxDelay`.
    public func accountDelay(recentFailures: Int) -> TimeInterval {
        guard recentFailures >= maxFailures else { return 0 }
        let doublings = min(recentFailures - maxFailures, 30)
        return min(baseDelay * pow(2, Double(doublings)), maxDelay)
    }

    /// Nil when the address may try; otherwise the seconds until it may (at least 1), for `Retry-After`.
    public func clientRetryAfter(recentFailures: Int, oldest: Date?, now: Date) -> Int? {
        guard recentFailures >= maxClientFailures else { return nil }
        let frees = (oldest ?? now) + window
        return max(1, Int(frees.timeIntervalSince(now).rounded(.up)))
    }

    public static let lockedMessage = "För många misslyckade inloggningar från din anslutning. Vänta en stund och försök igen."
    public static let accountMessage = "För många misslyckade inloggningar på kontot. Vänta en stund och försök igen."
    /// The same message for an unknown user and a wrong password, so neither reveals which usernames exist.
    public static let failedMessage = "Fel användarnamn eller lösenord."
}

/// A password login refused because the client address failed too often: the seconds to wait (`Retry-After`).
public struct ThrottledLogin: Error, Sendable, Equatable {
    public let retryAfter: Int
    public var message: String { LoginThrottlePolicy.lockedMessage }
    public init(retryAfter: Int) { self.retryAfter = retryAfter }
}

extension Authenticator {
    /// The throttle before a password is checked: refuses a client address over its limit (`ThrottledLogin`),
    /// and makes an account over its limit wait. Both are logged.
    /// An API token request (`waits` false) is refused at once instead of waiting, unchecked: scripts retry, and the
    /// owner can still log in on the page.
    func throttleGate(username: String, client: String?, requestId: String, waits: Bool) async throws {
        let now = clock.now()
        if let client, !client.isEmpty {
            let (count, oldest) = try await sessions.failedLogins(client: client, since: now - throttle.window)
            if let retry = throttle.clientRetryAfter(recentFailures: count, oldest: oldest, now: now) {
                try await log.append([
                    AccessLogEntry(at: now, requestId: requestId, actor: nil, action: .authThrottled, outcome: .denied, detail: "client retry_after=\(retry)")
                ])
                throw ThrottledLogin(retryAfter: retry)
            }
        }
        let failures = try await sessions.failedLogins(username: username, since: now - throttle.window)
        let delay = throttle.accountDelay(recentFailures: failures)
        if delay > 0 {
            try await log.append([
                AccessLogEntry(
                    at: now, requestId: requestId, actor: nil, action: .authThrottled, outcome: waits ? .allowed : .denied,
                    detail: waits ? "account delay=\(Int(delay))s" : "account api")
            ])
            guard waits else { throw DomainError(.throttled, LoginThrottlePolicy.accountMessage) }
            try await throttle.wait(delay)
        }
    }
}
