import Foundation

/// How a `StreamPipeline` runs: parallelism, the in-flight bound and reconnect schedules.
public struct PipelineOptions: Sendable {
    /// Processing workers (`pipeline.threads`); values below 1 mean one per CPU.
    public var threads: Int
    /// Writes the output may have in progress at once (an output's `max_in_flight`). With
    /// more than one, batches may be written out of order.
    public var outputConcurrency: Int
    /// Input batches read but not yet acknowledged, at most. The input is not read while
    /// this many are in flight, which bounds memory when the output is slow. Nil picks
    /// `max(64, 8 × (threads + outputConcurrency))`.
    public var maxInFlight: Int?
    /// Waits between input connection attempts.
    public var inputBackoff: Backoff
    /// Waits between reads after an input reports an error other than end of input.
    public var readBackoff: Backoff
    /// Waits between output connection attempts.
    public var outputBackoff: Backoff

    public init(
        threads: Int = 1, outputConcurrency: Int = 1, maxInFlight: Int? = nil, inputBackoff: Backoff = .input,
        readBackoff: Backoff = .input, outputBackoff: Backoff = .output
    ) {
        self.threads = threads
        self.outputConcurrency = outputConcurrency
        self.maxInFlight = maxInFlight
        self.inputBackoff = inputBackoff
        self.readBackoff = readBackoff
        self.outputBackoff = outputBackoff
    }

    /// The worker count with "one per CPU" resolved.
    public var resolvedThreads: Int {
        threads > 0 ? threads : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The in-flight bound with the default resolved.
    public var resolvedMaxInFlight: Int {
        max(1, maxInFlight ?? max(64, 8 * (resolvedThreads + max(1, outputConcurrency))))
    }
}

/// The name, label and YAML path of a component, for logs, metrics and `/ready`.
public struct ComponentInfo: Sendable, Equatable {
    /// The component type, e.g. `stdin`.
    public var type: String
    /// The `label` given in the config (empty when none).
    public var label: String
    /// The Benthos-style path, e.g. `root.input` or `root.pipeline.processors.0`.
    public var path: String

    public init(type: String, label: String = "", path: String) {
        self.type = type
        self.label = label
        self.path = path
    }

    /// The `label`/`path` metric labels.
    public var metricLabels: [String: String] { ["label": label, "path": path] }
}
