import Synchronization

/// A monotonically increasing count (Prometheus `counter`).
public final class MetricCounter: Sendable {
    private let storage = Mutex<Double>(0)

    init() {}

    /// Adds `amount` (negative amounts are ignored: counters only go up).
    public func increment(by amount: Double = 1) {
        guard amount > 0 else { return }
        storage.withLock { $0 += amount }
    }

    /// Adds an integer amount.
    public func increment(by amount: Int) { increment(by: Double(amount)) }

    public var value: Double { storage.withLock { $0 } }
}

/// A value that goes up and down (Prometheus `gauge`).
public final class MetricGauge: Sendable {
    private let storage = Mutex<Double>(0)

    init() {}

    public func set(_ value: Double) { storage.withLock { $0 = value } }
    public func add(_ delta: Double) { storage.withLock { $0 += delta } }

    public var value: Double { storage.withLock { $0 } }
}

/// Durations in nanoseconds, exposed as a summary (quantiles over recent observations) or a
/// histogram (cumulative buckets), as the `metrics.prometheus` config chooses.
public final class MetricTimer: Sendable {
    /// How many recent observations the summary quantiles are computed over.
    static let window = 1024

    struct State {
        var count: UInt64 = 0
        var sum: Double = 0
        var recent: [Double] = []
        var next = 0
        var bucketCounts: [UInt64]
    }

    /// Histogram bucket upper bounds in seconds (empty for a summary).
    let buckets: [Double]
    private let storage: Mutex<State>

    init(buckets: [Double]) {
        self.buckets = buckets
        self.storage = Mutex(State(bucketCounts: Array(repeating: 0, count: buckets.count)))
    }

    /// Records one duration in nanoseconds.
    public func record(nanoseconds: Double) {
        storage.withLock { s in
            s.count += 1
            s.sum += nanoseconds
            if s.recent.count < Self.window {
                s.recent.append(nanoseconds)
            } else {
                s.recent[s.next] = nanoseconds
                s.next = (s.next + 1) % Self.window
            }
            let seconds = nanoseconds / 1e9
            for (i, bound) in buckets.enumerated() where seconds <= bound {
                s.bucketCounts[i] += 1
            }
        }
    }

    /// Records a duration.
    public func record(_ duration: Duration) {
        let c = duration.components
        record(nanoseconds: Double(c.seconds) * 1e9 + Double(c.attoseconds) / 1e9)
    }

    /// Records the time since `start` (from `ContinuousClock.now`).
    public func record(since start: ContinuousClock.Instant) {
        record(ContinuousClock.now - start)
    }

    /// Runs `body` and records how long it took.
    public func time<T, E: Error>(_ body: () async throws(E) -> T) async throws(E) -> T {
        let start = ContinuousClock.now
        defer { record(since: start) }
        return try await body()
    }

    /// The number of observations.
    public var count: UInt64 { storage.withLock { $0.count } }
    /// The sum of the observations in nanoseconds.
    public var sum: Double { storage.withLock { $0.sum } }

    /// The value at quantile `q` (0...1) of the recent observations (NaN when none).
    public func quantile(_ q: Double) -> Double {
        let sorted = storage.withLock { $0.recent }.sorted()
        return Self.quantile(q, ofSorted: sorted)
    }

    static func quantile(_ q: Double, ofSorted sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    struct Snapshot {
        var count: UInt64
        var sum: Double
        var sortedRecent: [Double]
        var bucketCounts: [UInt64]
    }

    func snapshot() -> Snapshot {
        let s = storage.withLock { $0 }
        return Snapshot(count: s.count, sum: s.sum, sortedRecent: s.recent.sorted(), bucketCounts: s.bucketCounts)
    }
}
