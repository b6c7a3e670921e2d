import Foundation

/// An exponential back-off with jitter, as cenkalti/backoff (which Benthos uses) computes it:
/// each wait is the current interval randomised by ±50%, the interval grows by 1.5× up to
/// `maxInterval`, and once `maxElapsed` (if not zero) would be passed the back-off stops.
struct ExponentialBackoff: Sendable {
    var initialInterval: Double
    var maxInterval: Double
    /// Zero means no limit.
    var maxElapsed: Double
    var randomizationFactor = 0.5
    var multiplier = 1.5

    private var current: Double = 0
    private var started = ContinuousClock.now

    init(initialInterval: Double, maxInterval: Double, maxElapsed: Double) {
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.maxElapsed = maxElapsed
        reset()
    }

    mutating func reset() {
        current = initialInterval
        started = .now
    }

    /// The next wait in seconds, or nil to stop.
    mutating func next() -> Double? {
        let elapsed = ContinuousClock.now - started
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let delta = randomizationFactor * current
        let wait = randomizationFactor == 0 ? current : Double.random(in: (current - delta)...(current + delta))
        if current >= maxInterval / multiplier {
            current = maxInterval
        } else {
            current *= multiplier
        }
        if maxElapsed > 0, elapsedSeconds + wait > maxElapsed { return nil }
        return wait
    }
}
