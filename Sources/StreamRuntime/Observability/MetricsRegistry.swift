import Synchronization

/// Counters, gauges and timers with labels, rendered in the Prometheus text format.
///
/// Components ask for a handle once (`counter("output_sent", labels: ...)`) and update it
/// cheaply afterwards; asking again with the same name and labels returns the same handle.
public final class MetricsRegistry: Sendable {
    /// How timers are exposed.
    public enum TimingFormat: Sendable, Equatable {
        /// Quantiles 0.5, 0.9 and 0.99 over recent observations, in nanoseconds (the default).
        case summary
        /// Cumulative buckets with upper bounds in seconds.
        case histogram(buckets: [Double])

        /// Prometheus' default buckets.
        public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    }

    /// Renames or drops a metric before it is registered: return the new name and labels, or
    /// nil to drop it (the `metrics.mapping` config).
    public typealias Rename = @Sendable (_ name: String, _ labels: [String: String]) -> (String, [String: String])?

    enum Kind: String, Sendable { case counter, gauge, timer }

    struct Key: Hashable, Sendable {
        var name: String
        var labels: [String: String]
    }

    enum Handle: Sendable {
        case counter(MetricCounter)
        case gauge(MetricGauge)
        case timer(MetricTimer)

        var kind: Kind {
            switch self {
            case .counter: .counter
            case .gauge: .gauge
            case .timer: .timer
            }
        }
    }

    struct State: Sendable {
        var series: [Key: Handle] = [:]
        /// The kind each metric name was first registered with.
        var kinds: [String: Kind] = [:]
    }

    public let timingFormat: TimingFormat
    /// Added in front of every metric name (empty by default).
    public let prefix: String
    /// When false, handles work but nothing is kept or rendered (`metrics: none: {}`).
    public let isEnabled: Bool
    private let rename: Rename?
    private let state = Mutex(State())

    /// - Parameters:
    ///   - timingFormat: summary (default) or histogram timers.
    ///   - prefix: prepended to every metric name.
    ///   - enabled: false makes a registry that records nothing.
    ///   - rename: renames or drops metrics as they are registered.
    public init(timingFormat: TimingFormat = .summary, prefix: String = "", enabled: Bool = true, rename: Rename? = nil) {
        self.timingFormat = timingFormat
        self.prefix = prefix
        self.isEnabled = enabled
        self.rename = rename
    }

    /// A registry that records nothing.
    public static var disabled: MetricsRegistry { MetricsRegistry(enabled: false) }

    // MARK: - Handles

    /// The counter `name` with `labels`.
    public func counter(_ name: String, labels: [String: String] = [:]) -> MetricCounter {
        if case .counter(let c) = handle(name, labels, .counter) { return c }
        return MetricCounter()
    }

    /// The gauge `name` with `labels`.
    public func gauge(_ name: String, labels: [String: String] = [:]) -> MetricGauge {
        if case .gauge(let g) = handle(name, labels, .gauge) { return g }
        return MetricGauge()
    }

    /// The timer `name` with `labels` (durations in nanoseconds).
    public func timer(_ name: String, labels: [String: String] = [:]) -> MetricTimer {
        if case .timer(let t) = handle(name, labels, .timer) { return t }
        return makeTimer()
    }

    private func makeTimer() -> MetricTimer {
        if case .histogram(let b) = timingFormat { return MetricTimer(buckets: b.sorted()) }
        return MetricTimer(buckets: [])
    }

    /// Finds or creates a series. Returns nil (the caller then hands out a detached handle)
    /// when disabled, dropped by the rename, or when the name is taken by another kind.
    private func handle(_ name: String, _ labels: [String: String], _ kind: Kind) -> Handle? {
        guard isEnabled else { return nil }
        var key = Key(name: name, labels: labels)
        if let rename {
            guard let (n, l) = rename(name, labels), !n.isEmpty else { return nil }
            key = Key(name: n, labels: l)
        }
        key.name = Self.sanitize(prefix + key.name)
        return state.withLock { s -> Handle? in
            if let existing = s.series[key] { return existing.kind == kind ? existing : nil }
            if let k = s.kinds[key.name], k != kind { return nil }
            let h: Handle
            switch kind {
            case .counter: h = .counter(MetricCounter())
            case .gauge: h = .gauge(MetricGauge())
            case .timer: h = .timer(makeTimer())
            }
            s.kinds[key.name] = kind
            s.series[key] = h
            return h
        }
    }

    // MARK: - Convenience

    /// Adds `by` to the counter `name` with `labels`.
    public func increment(_ name: String, labels: [String: String] = [:], by: Double = 1) {
        counter(name, labels: labels).increment(by: by)
    }

    /// Sets the gauge `name` with `labels`.
    public func set(_ name: String, labels: [String: String] = [:], to value: Double) {
        gauge(name, labels: labels).set(value)
    }

    /// Records a duration in nanoseconds on the timer `name` with `labels`.
    public func record(_ name: String, labels: [String: String] = [:], nanoseconds: Double) {
        timer(name, labels: labels).record(nanoseconds: nanoseconds)
    }

    /// The current value of a counter or gauge (0 when it does not exist); for a timer, the
    /// number of observations.
    public func value(_ name: String, labels: [String: String] = [:]) -> Double {
        let key = Key(name: Self.sanitize(prefix + name), labels: labels)
        guard let h = state.withLock({ $0.series[key] }) else { return 0 }
        switch h {
        case .counter(let c): return c.value
        case .gauge(let g): return g.value
        case .timer(let t): return Double(t.count)
        }
    }

    /// The sum of a counter over every label set (0 when absent).
    public func total(_ name: String) -> Double {
        let full = Self.sanitize(prefix + name)
        let handles = state.withLock { s in s.series.filter { $0.key.name == full }.map(\.value) }
        return handles.reduce(0) { acc, h in
            switch h {
            case .counter(let c): acc + c.value
            case .gauge(let g): acc + g.value
            case .timer(let t): acc + Double(t.count)
            }
        }
    }

    /// Every metric name registered so far, sorted.
    public var names: [String] { state.withLock { Array($0.kinds.keys) }.sorted() }

    // MARK: - Exposition

    /// The Prometheus text exposition (format 0.0.4) of every metric.
    public func render() -> String {
        let snapshot = state.withLock { $0 }
        var byName: [String: [(labels: [String: String], handle: Handle)]] = [:]
        for (k, h) in snapshot.series { byName[k.name, default: []].append((k.labels, h)) }
        var out = ""
        for name in byName.keys.sorted() {
            guard let series = byName[name], let first = series.first else { continue }
            let sorted = series.sorted { PrometheusText.labelText($0.labels) < PrometheusText.labelText($1.labels) }
            switch first.handle {
            case .counter:
                out += "# HELP \(name) Sluice counter metric\n# TYPE \(name) counter\n"
                for s in sorted {
                    if case .counter(let c) = s.handle { out += PrometheusText.sample(name, s.labels, c.value) }
                }
            case .gauge:
                out += "# HELP \(name) Sluice gauge metric\n# TYPE \(name) gauge\n"
                for s in sorted {
                    if case .gauge(let g) = s.handle { out += PrometheusText.sample(name, s.labels, g.value) }
                }
            case .timer:
                let histogram: Bool
                if case .histogram = timingFormat { histogram = true } else { histogram = false }
                out += "# HELP \(name) Sluice timing metric\n# TYPE \(name) \(histogram ? "histogram" : "summary")\n"
                for s in sorted {
                    guard case .timer(let t) = s.handle else { continue }
                    let snap = t.snapshot()
                    if histogram {
                        for (i, bound) in t.buckets.enumerated() {
                            var l = s.labels
                            l["le"] = PrometheusText.number(bound)
                            out += PrometheusText.sample(name + "_bucket", l, Double(snap.bucketCounts[i]))
                        }
                        var l = s.labels
                        l["le"] = "+Inf"
                        out += PrometheusText.sample(name + "_bucket", l, Double(snap.count))
                        out += PrometheusText.sample(name + "_sum", s.labels, snap.sum / 1e9)
                    } else {
                        for q in [0.5, 0.9, 0.99] {
                            var l = s.labels
                            l["quantile"] = PrometheusText.number(q)
                            out += PrometheusText.sample(name, l, MetricTimer.quantile(q, ofSorted: snap.sortedRecent))
                        }
                        out += PrometheusText.sample(name + "_sum", s.labels, snap.sum)
                    }
                    out += PrometheusText.sample(name + "_count", s.labels, Double(snap.count))
                }
            }
        }
        return out
    }

    /// Replaces characters Prometheus does not allow in metric names with `_`.
    static func sanitize(_ name: String) -> String {
        var out = ""
        for (i, ch) in name.unicodeScalars.enumerated() {
            let ok =
                ch == "_" || ch == ":" || (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z")
                || (i > 0 && ch >= "0" && ch <= "9")
            out.unicodeScalars.append(ok ? ch : "_")
        }
        return out
    }
}
