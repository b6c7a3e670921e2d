import Synchronization

/// The test knobs of the service: extra latency, failed answers and answers that never come.
///
/// The rolls come from one seeded generator shared by all requests, so a run with the same
/// `--seed` and the same request order injects the same faults.
public final class FaultInjector: Sendable {
    /// What to do with one request.
    public enum Decision: Sendable, Hashable {
        /// Answer normally (after the configured latency).
        case answer
        /// Answer with this 5xx status (500 or 503).
        case fail(status: Int)
        /// Never answer (until the client gives up or the service shuts down).
        case hang
    }

    /// Milliseconds to wait before every answer.
    public let latencyMilliseconds: Int
    /// Share of requests answered with 500 or 503, 0...1.
    public let failureRate: Double
    /// Share of requests never answered, 0...1.
    public let hangRate: Double
    private let rng: Mutex<SplitMix64>

    /// - Parameters:
    ///   - latencyMilliseconds: added before every inference answer.
    ///   - failureRate: probability of a 500/503 answer.
    ///   - hangRate: probability of no answer at all (checked before `failureRate`).
    ///   - seed: fixes the sequence of rolls.
    public init(latencyMilliseconds: Int = 0, failureRate: Double = 0, hangRate: Double = 0, seed: UInt64 = 0) {
        self.latencyMilliseconds = max(0, latencyMilliseconds)
        self.failureRate = min(max(failureRate, 0), 1)
        self.hangRate = min(max(hangRate, 0), 1)
        // A different stream from the model's, so turning a knob does not change completions.
        self.rng = Mutex(SplitMix64(seed: seed ^ 0x5EED_FA17))
    }

    /// Rolls the dice for one request.
    public func decide() -> Decision {
        guard failureRate > 0 || hangRate > 0 else { return .answer }
        return rng.withLock { rng in
            if rng.nextUnit() < hangRate { return .hang }
            if rng.nextUnit() < failureRate { return .fail(status: rng.next() & 1 == 0 ? 500 : 503) }
            return .answer
        }
    }
}
