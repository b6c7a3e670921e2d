/// Wraps a processor to record Benthos's `processor_*` metrics under its label and path:
/// `processor_received`/`processor_batch_received` (messages/batches in),
/// `processor_sent`/`processor_batch_sent` (out), `processor_error` (messages the processor
/// newly flagged with an error) and `processor_latency_ns`.
public struct ObservedProcessor: Processor {
    public let wrapped: any Processor
    public let info: ComponentInfo
    private let received: MetricCounter
    private let batchReceived: MetricCounter
    private let sent: MetricCounter
    private let batchSent: MetricCounter
    private let errors: MetricCounter
    private let latency: MetricTimer

    public init(_ wrapped: any Processor, info: ComponentInfo, metrics: MetricsRegistry) {
        self.wrapped = wrapped
        self.info = info
        let l = info.metricLabels
        received = metrics.counter("processor_received", labels: l)
        batchReceived = metrics.counter("processor_batch_received", labels: l)
        sent = metrics.counter("processor_sent", labels: l)
        batchSent = metrics.counter("processor_batch_sent", labels: l)
        errors = metrics.counter("processor_error", labels: l)
        latency = metrics.timer("processor_latency_ns", labels: l)
    }

    public func process(_ batch: Batch) async -> [Batch] {
        received.increment(by: batch.count)
        batchReceived.increment()
        let errorsBefore = batch.reduce(0) { $0 + ($1.error == nil ? 0 : 1) }
        let start = ContinuousClock.now
        let out = await wrapped.process(batch)
        latency.record(since: start)
        var count = 0
        var errorsAfter = 0
        for b in out {
            count += b.count
            for m in b where m.error != nil { errorsAfter += 1 }
        }
        if errorsAfter > errorsBefore { errors.increment(by: errorsAfter - errorsBefore) }
        if count > 0 {
            sent.increment(by: count)
            batchSent.increment(by: out.count(where: { !$0.isEmpty }))
        }
        return out
    }

    public func close() async { await wrapped.close() }
}
