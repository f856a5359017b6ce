import Foundation

/// The time source, injected so deadlines, timeouts and tests are deterministic.
public protocol Clock: Sendable {
    func now() -> Date
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock tests move by hand.
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    public init(_ start: Date) { current = start }
    public func now() -> Date { lock.withLock { current } }
    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
    public func set(_ date: Date) { lock.withLock { current = date } }
}

/// The system clock moved by a fixed number of days (`SAMSYN_CLOCK_OFFSET_DAYS`): for training and for
/// browser tests that follow a case across months. Never set in production.
public struct OffsetClock: Clock {
    public let days: Int
    public init(days: Int) { self.days = days }
    public func now() -> Date { Date().addingTimeInterval(Double(days) * 86_400) }
}
