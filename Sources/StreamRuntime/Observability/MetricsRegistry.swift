import Synchronization

/// Counters, gauges and timings with labels, rendered in the Prometheus text format.
/// (Minimal version: the observability helper extends it.)
public final class MetricsRegistry: Sendable {
    struct Key: Hashable, Sendable {
        var name: String
        var labels: [String: String]
    }
    private let counters = Mutex<[Key: Double]>([:])

    public init() {}

    /// Adds `by` to the counter `name` with `labels`.
    public func increment(_ name: String, labels: [String: String] = [:], by: Double = 1) {
        counters.withLock { $0[Key(name: name, labels: labels), default: 0] += by }
    }

    /// The current value of a counter.
    public func value(_ name: String, labels: [String: String] = [:]) -> Double {
        counters.withLock { $0[Key(name: name, labels: labels)] ?? 0 }
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String {
        let snapshot = counters.withLock { $0 }
        var lines: [String] = []
        for (k, v) in snapshot.sorted(by: { ($0.key.name, "\($0.key.labels.sorted { $0.key < $1.key })") < ($1.key.name, "\($1.key.labels.sorted { $0.key < $1.key })") }) {
            let labels = k.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
            lines.append(labels.isEmpty ? "\(k.name) \(v)" : "\(k.name){\(labels)} \(v)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
