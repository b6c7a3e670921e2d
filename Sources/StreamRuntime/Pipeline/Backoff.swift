import Foundation

/// Exponential backoff with jitter, for reconnecting inputs and outputs.
///
/// The defaults follow Benthos: inputs start at 100ms, outputs at 500ms, both capped at 1s,
/// growing by half each time with ±50% jitter, retrying forever.
public struct Backoff: Sendable, Equatable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double
    /// The fraction of each interval added or taken away at random.
    public var jitter: Double
    /// Gives up after this many attempts in a row (nil: never).
    public var maxRetries: Int?

    public init(
        initial: Duration = .milliseconds(100), maximum: Duration = .seconds(1), multiplier: Double = 1.5,
        jitter: Double = 0.5, maxRetries: Int? = nil
    ) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = jitter
        self.maxRetries = maxRetries
    }

    /// The schedule Benthos uses to reconnect inputs.
    public static let input = Backoff(initial: .milliseconds(100), maximum: .seconds(1))
    /// The schedule Benthos uses to reconnect outputs.
    public static let output = Backoff(initial: .milliseconds(500), maximum: .seconds(1))

    /// The wait before retry number `attempt` (0-based), or nil when retries are used up.
    public func delay(attempt: Int) -> Duration? {
        if let maxRetries, attempt >= maxRetries { return nil }
        let base = Self.seconds(initial) * Foundation.pow(multiplier, Double(min(attempt, 64)))
        let capped = min(base, Self.seconds(maximum))
        let spread = capped * jitter
        let value = jitter > 0 ? Double.random(in: (capped - spread)...(capped + spread)) : capped
        return .nanoseconds(Int64(max(0, value) * 1e9))
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
