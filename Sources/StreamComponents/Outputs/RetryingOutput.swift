import StreamRuntime

/// The pauses between attempts of `RetryingOutput`: exponential with jitter, without limit on
/// the number of attempts.
struct OutputRetryBackoff: Sendable {
    var initial: Double
    var maximum: Double
    var multiplier: Double
    /// Each pause is drawn from `[p·(1-jitter), p·(1+jitter)]`.
    var jitter: Double

    /// The backoff Benthos uses when a broker or switch retries an output: 500ms growing by
    /// half each time up to 3s.
    static let standard = OutputRetryBackoff(initial: 0.5, maximum: 3, multiplier: 1.5, jitter: 0.5)

    /// The pause before retry number `attempt` (1-based), in seconds.
    func pause(before attempt: Int) -> Double {
        var base = initial
        for _ in 1..<max(attempt, 1) {
            base *= multiplier
            if base >= maximum { base = maximum; break }
        }
        let spread = base * jitter
        return spread > 0 ? Double.random(in: (base - spread)...(base + spread)) : base
    }
}

/// Writes to an output again and again until a write succeeds, as the `fan_out` brokers and
/// `switch` with `retry_until_success` do. Only cancellation of the writing task stops it; the
/// write then fails with the last error.
struct RetryingOutput: Output {
    let wrapped: any Output
    let backoff: OutputRetryBackoff
    let logger: StructuredLogger?
    let label: String

    init(_ wrapped: any Output, backoff: OutputRetryBackoff = .standard, logger: StructuredLogger? = nil, label: String = "") {
        self.wrapped = wrapped
        self.backoff = backoff
        self.logger = logger
        self.label = label
    }

    func connect() async throws { try await wrapped.connect() }

    func write(_ batch: Batch) async throws {
        var attempt = 0
        while true {
            do {
                try await wrapped.write(batch)
                return
            } catch {
                if Task.isCancelled { throw error }
                attempt += 1
                logger?.error("Failed to send message to \(label.isEmpty ? "output" : label): \(error)")
                do {
                    try await Task.sleep(nanoseconds: UInt64(backoff.pause(before: attempt) * 1e9))
                } catch _ {
                    // Cancelled while waiting: report why the write was failing.
                    throw error
                }
            }
        }
    }

    func close() async { await wrapped.close() }
}
