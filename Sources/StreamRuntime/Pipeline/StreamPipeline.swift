import EmbeddedHTTP
import Foundation
import Synchronization

/// Runs input → processors (`threads` workers) → output with bounded in-flight batches and
/// end-to-end acknowledgement, as a Benthos stream does.
///
/// - The input is read only while fewer than `maxInFlight` of its batches are
///   unacknowledged, so a slow output holds memory to that bound.
/// - An input batch is acknowledged with `.ack` once every batch derived from it was written
///   (or when processors filtered all of it), and with `.nack(reason)` when a write failed.
/// - `InputError.endOfInput` drains what is in flight, closes everything and ends `run()`.
/// - Connection failures and `InputError.notConnected` reconnect with exponential backoff;
///   an output write throwing `InputError.notConnected` reconnects the output and retries.
/// - `stop(timeout:)` stops reading, drains within the timeout, then cancels what is left.
/// - With one thread and `outputConcurrency` 1, output order equals input order.
public final class StreamPipeline: Sendable {
    public let input: any Input
    public let processors: [any Processor]
    public let output: any Output
    public let options: PipelineOptions
    public let inputInfo: ComponentInfo
    public let outputInfo: ComponentInfo
    let metrics: MetricsRegistry
    let logger: StructuredLogger
    private let inputLog: StructuredLogger
    private let outputLog: StructuredLogger

    struct Work: Sendable {
        var batch: Batch
        var ack: AckHandler
        var readAt: ContinuousClock.Instant
    }

    /// How a written batch settles the input batch it came from.
    enum Settlement: Sendable {
        /// The batch is all that its input batch became: it acks (or nacks) it directly.
        case whole(AckHandler, readAt: ContinuousClock.Instant)
        /// One of several batches made from one input batch.
        case part(AckTracker)
    }

    /// What a worker hands to the output.
    enum OutItem: Sendable {
        case batch(Batch, Settlement)
        /// Batches already encoded by a coalescing output, written to it with one call.
        case encoded([UInt8], [Settlement], messages: Int, output: any CoalescingOutput)
    }

    private struct Control {
        var started = false
        var body: Task<Void, Never>?
        var reader: Task<Void, Never>?
    }

    private let control = Mutex(Control())
    private let stopping = Atomic<Bool>(false)
    private let inputConnected = Atomic<Bool>(false)
    private let outputConnected = Atomic<Bool>(false)
    private let closed = Atomic<Bool>(false)
    private let permits: AsyncPermits
    private let work = AsyncQueue<Work>()
    private let outbox = AsyncQueue<OutItem>()
    private let inlineWrites = Mutex(InlineWrites())

    /// With one write at a time, the worker that produced a batch writes it itself when the
    /// output is idle, which saves a hand-off (and a thread wake-up) per batch; batches that
    /// arrive meanwhile queue up and the writing worker drains them in order.
    private struct InlineWrites {
        var queue: [OutItem] = []
        var head = 0
        var writing = false
    }
    /// With one processing thread, the reader and the worker run on a thread of their own
    /// (see `DedicatedThreadExecutor`); nil runs them on the shared pool.
    private let executor: DedicatedThreadExecutor?
    /// The output when it can write several batches in one call (looked up once).
    private let coalescingOutput: (any CoalescingOutput)?
    /// Serialises output reconnection between writers.
    private let reconnectLock = AsyncPermits(1)
    /// Set when every in-flight batch is resolved (before components close).
    private let drained = AsyncEvent()
    /// Set when `run()` has closed everything.
    private let finished = AsyncEvent()
    private let outputReady = AsyncEvent()
    /// Set when the reader has stopped (and finished the work queue).
    private let readerDone = AsyncEvent()
    private let lastOutputError = Mutex<String?>(nil)
    private let lastInputError = Mutex<String?>(nil)

    // Metric handles, looked up once.
    private let mInputReceived: MetricCounter
    private let mInputConnUp: MetricCounter
    private let mInputConnFailed: MetricCounter
    private let mInputConnLost: MetricCounter
    private let mInputLatency: MetricTimer
    private let mOutputSent: MetricCounter
    private let mOutputBatchSent: MetricCounter
    private let mOutputError: MetricCounter
    private let mOutputLatency: MetricTimer
    private let mOutputConnUp: MetricCounter
    private let mOutputConnFailed: MetricCounter
    private let mOutputConnLost: MetricCounter

    /// - Parameters:
    ///   - input/processors/output: the components (wrap processors in `ObservedProcessor`
    ///     for `processor_*` metrics).
    ///   - inputInfo/outputInfo: names for logs, metrics and readiness.
    public init(
        input: any Input, processors: [any Processor] = [], output: any Output, options: PipelineOptions = PipelineOptions(),
        inputInfo: ComponentInfo = ComponentInfo(type: "input", path: "root.input"),
        outputInfo: ComponentInfo = ComponentInfo(type: "output", path: "root.output"),
        metrics: MetricsRegistry = MetricsRegistry(), logger: StructuredLogger = .silent
    ) {
        self.input = input
        self.processors = processors
        self.output = output
        self.options = options
        self.inputInfo = inputInfo
        self.outputInfo = outputInfo
        self.metrics = metrics
        self.logger = logger
        self.inputLog = logger.with(["label": inputInfo.label, "path": inputInfo.path])
        self.outputLog = logger.with(["label": outputInfo.label, "path": outputInfo.path])
        self.executor = options.resolvedThreads == 1 ? DedicatedThreadExecutor(name: "sluice-pipeline") : nil
        self.coalescingOutput = output as? any CoalescingOutput
        let limit = options.resolvedMaxInFlight
        // A reader that ran ahead is woken once half the window is free, then reads that many
        // batches without waiting: one thread wake-up per limit / 2 batches, not one per batch.
        self.permits = AsyncPermits(limit, wakeThreshold: limit / 2)
        let il = inputInfo.metricLabels
        mInputReceived = metrics.counter("input_received", labels: il)
        mInputConnUp = metrics.counter("input_connection_up", labels: il)
        mInputConnFailed = metrics.counter("input_connection_failed", labels: il)
        mInputConnLost = metrics.counter("input_connection_lost", labels: il)
        mInputLatency = metrics.timer("input_latency_ns", labels: il)
        let ol = outputInfo.metricLabels
        mOutputSent = metrics.counter("output_sent", labels: ol)
        mOutputBatchSent = metrics.counter("output_batch_sent", labels: ol)
        mOutputError = metrics.counter("output_error", labels: ol)
        mOutputLatency = metrics.timer("output_latency_ns", labels: ol)
        mOutputConnUp = metrics.counter("output_connection_up", labels: ol)
        mOutputConnFailed = metrics.counter("output_connection_failed", labels: ol)
        mOutputConnLost = metrics.counter("output_connection_lost", labels: ol)
    }

    // MARK: - Status

    /// True when the input and output are connected and the pipeline has not stopped.
    public var isReady: Bool {
        inputConnected.load(ordering: .relaxed) && outputConnected.load(ordering: .relaxed)
            && !closed.load(ordering: .relaxed)
    }

    /// One component's connection state, for `/ready`.
    public struct ConnectionStatus: Sendable, Equatable {
        public var label: String
        public var path: String
        public var connected: Bool
        public var error: String?
    }

    /// The input's and the output's connection state.
    public var connectionStatuses: [ConnectionStatus] {
        [
            ConnectionStatus(
                label: inputInfo.label, path: inputInfo.path, connected: inputConnected.load(ordering: .relaxed),
                error: lastInputError.withLock { $0 }),
            ConnectionStatus(
                label: outputInfo.label, path: outputInfo.path, connected: outputConnected.load(ordering: .relaxed),
                error: lastOutputError.withLock { $0 }),
        ]
    }

    /// True once `stop` or `beginStop` was called.
    public var isStopping: Bool { stopping.load(ordering: .relaxed) }

    /// True once `run()` has finished and every component is closed.
    public var isStopped: Bool { finished.isSet }

    /// Input batches read but not yet acknowledged.
    public var inFlight: Int { permits.inUse }

    // MARK: - Running

    /// Runs until the input ends and everything in flight is written, or until `stop`.
    /// Cancelling the calling task stops at once (without draining).
    public func run() async {
        let body: Task<Void, Never>? = control.withLock { c in
            if c.started { return nil }
            c.started = true
            let t = Task { await self.runBody() }
            c.body = t
            return t
        }
        guard let body else {
            await finished.wait()
            return
        }
        await withTaskCancellationHandler {
            await body.value
        } onCancel: {
            body.cancel()
        }
    }

    /// Stops reading, waits up to `timeout` for in-flight batches to be written and
    /// acknowledged, and closes every component. What has not drained by then is abandoned.
    /// - Returns: true when everything drained in time.
    @discardableResult
    public func stop(timeout: Duration) async -> Bool {
        beginStop()
        let hasStarted = control.withLock { $0.started }
        guard hasStarted else {
            // Never ran: just close the components.
            let body: Task<Void, Never>? = control.withLock { c in
                if c.started { return nil }
                c.started = true
                let t = Task { await self.runBody() }
                c.body = t
                return t
            }
            await body?.value
            return true
        }
        // A read in progress may still complete and be processed; a read that ignores
        // cancellation must not hold up the drain for long.
        let start = ContinuousClock.now
        if !(await readerDone.wait(timeout: timeout / 4)) { work.finish() }
        let remaining = timeout - (ContinuousClock.now - start)
        if remaining > .zero, await finished.wait(timeout: remaining) { return true }
        if finished.isSet { return true }
        logger.info(
            "Some in-flight messages were not delivered within the shutdown timeout. They may be delivered again on the next run."
        )
        control.withLock { $0.body }?.cancel()
        _ = await finished.wait(timeout: .seconds(5))
        return false
    }

    /// Stops reading new batches; what is in flight keeps going.
    public func beginStop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        permits.close()
        control.withLock { $0.reader }?.cancel()
    }

    private func runBody() async {
        let isStopping = stopping.load(ordering: .acquiring)
        if !isStopping {
            let reader = Task(executorPreference: executor) { await self.readLoop() }
            control.withLock { $0.reader = reader }
            if stopping.load(ordering: .acquiring) { reader.cancel() }
        } else {
            work.finish()
            readerDone.set()
        }
        let threads = options.resolvedThreads
        let writers = writesInline ? 0 : options.outputConcurrency
        // The output connects as soon as the pipeline starts (not on the first write), and
        // gives up once nothing is left to write.
        let connecting = Task {
            await self.connectOutput(reconnecting: false)
            self.outputReady.set()
        }
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await withTaskGroup(of: Void.self) { workers in
                        for _ in 0..<threads {
                            workers.addTask(executorPreference: self.executor) { await self.workerLoop() }
                        }
                    }
                    self.outbox.finish()
                }
                for _ in 0..<writers { group.addTask { await self.writerLoop() } }
            }
        } onCancel: {
            connecting.cancel()
        }
        connecting.cancel()
        await connecting.value
        // After a hard stop the reader may still be going: stop it before settling leftovers.
        beginStop()
        work.finish()
        // Anything still queued was abandoned by a hard stop: tell the input.
        let abandonedWork = work.drainRemaining()
        let abandonedOut = outbox.drainRemaining()
        for w in abandonedWork { await settle(w.ack, .nack("the pipeline was shut down before the message was processed")) }
        for o in abandonedOut { await resolve(o, failure: "the pipeline was shut down before the message was written") }
        drained.set()
        closed.store(true, ordering: .releasing)
        for p in processors { await p.close() }
        await output.close()
        await input.close()
        outputConnected.store(false, ordering: .relaxed)
        inputConnected.store(false, ordering: .relaxed)
        executor?.release()
        finished.set()
    }

    private func settle(_ ack: AckHandler, _ result: AckResult) async {
        await ack(result)
        permits.release()
    }

    // MARK: - Input

    private func connectInput(reconnecting: Bool) async -> Bool {
        var attempt = 0
        while !stopping.load(ordering: .relaxed) && !Task.isCancelled {
            do {
                try await input.connect()
                inputConnected.store(true, ordering: .relaxed)
                lastInputError.withLock { $0 = nil }
                mInputConnUp.increment()
                if !reconnecting { inputLog.info("Input type \(inputInfo.type) is now active") }
                return true
            } catch is CancellationError {
                return false
            } catch let e as InputError where e == .endOfInput {
                return false
            } catch {
                lastInputError.withLock { $0 = "\(error)" }
                mInputConnFailed.increment()
                inputLog.error("Failed to connect to \(inputInfo.type): \(error)")
                guard let wait = options.inputBackoff.delay(attempt: attempt) else {
                    inputLog.error(
                        "Maximum number of connection attempt retries has been met, gracefully terminating input \(inputInfo.type)"
                    )
                    return false
                }
                attempt += 1
                do { try await Task.sleep(for: wait) } catch { return false }
            }
        }
        return false
    }

    private func readLoop() async {
        defer {
            work.finish()
            readerDone.set()
        }
        guard await connectInput(reconnecting: false) else { return }
        var readFailures = 0
        let bulk = input as? any BulkInput
        while !stopping.load(ordering: .relaxed) {
            guard await permits.acquire() else { return }
            // A bulk input may hand over as many ready batches as there are free permits.
            let taken = 1 + (bulk == nil ? 0 : permits.tryAcquire(upTo: Self.readRun - 1))
            let read: [(Batch, AckHandler)]
            do {
                if let bulk, taken > 1 {
                    read = try await bulk.readAvailable(max: taken)
                } else {
                    read = [try await input.read()]
                }
            } catch let e as InputError {
                permits.release(taken)
                switch e {
                case .endOfInput:
                    inputLog.debug("Input \(inputInfo.type) reached the end of its data")
                    return
                case .notConnected(let why):
                    if stopping.load(ordering: .relaxed) { return }
                    inputConnected.store(false, ordering: .relaxed)
                    lastInputError.withLock { $0 = why.isEmpty ? "not connected" : why }
                    mInputConnLost.increment()
                    guard await connectInput(reconnecting: true) else { return }
                    continue
                }
            } catch {
                permits.release(taken)
                if stopping.load(ordering: .relaxed) || error is CancellationError { return }
                inputLog.error("Failed to read message: \(error)")
                guard let wait = options.readBackoff.delay(attempt: readFailures) else {
                    inputLog.error(
                        "Maximum number of read attempt retries has been met, gracefully terminating input \(inputInfo.type)")
                    return
                }
                readFailures += 1
                do { try await Task.sleep(for: wait) } catch { return }
                continue
            }
            readFailures = 0
            // Permits taken for batches the input did not have.
            permits.release(taken - read.count)
            let now = ContinuousClock.now
            var items: [Work] = []
            items.reserveCapacity(read.count)
            var messages = 0
            for (batch, ack) in read {
                if batch.isEmpty {
                    await settle(ack, .ack)
                    continue
                }
                messages += batch.count
                items.append(Work(batch: batch, ack: ack, readAt: now))
            }
            if items.isEmpty { continue }
            mInputReceived.increment(by: messages)
            if !work.push(contentsOf: items) {
                // The stop gave up waiting for this read: the batches were never processed.
                for item in items { await settle(item.ack, .nack("the pipeline is shutting down")) }
                return
            }
        }
    }

    /// The most batches one read of a `BulkInput` hands over.
    static let readRun = 32

    // MARK: - Processing

    /// Coalescing writes: at most this many batches are held back, for at most `holdLimit`,
    /// and only while processing a message takes less than `holdWhileFasterThan` on average.
    static let holdBatches = 32
    static let holdLimit = Duration.milliseconds(2)
    static let holdWhileFasterThan = Duration.microseconds(100)

    private static func nanoseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
    }

    /// Batches a worker has encoded for a coalescing output and not yet written.
    private struct Held {
        var bytes: [UInt8] = []
        var settlements: [Settlement] = []
        var messages = 0
        var since = ContinuousClock.now

        var isEmpty: Bool { settlements.isEmpty }

        /// The held batches as one item for `output`, which encoded them.
        func item(for output: any CoalescingOutput) -> OutItem {
            .encoded(bytes, settlements, messages: messages, output: output)
        }

        /// Empties the buffers once their item was submitted. When this worker wrote it, the
        /// buffers are its own again and keep their storage (no allocation per write).
        mutating func clear() {
            if bytes.capacity > 1 << 20 { bytes = [] } else { bytes.removeAll(keepingCapacity: true) }
            settlements.removeAll(keepingCapacity: true)
            messages = 0
        }
    }

    private func workerLoop() async {
        // With a coalescing output, each processed batch is encoded at once, and batches
        // processed while more input is already waiting are held back and written together (one
        // system call for many messages). A batch is held only while the next message is ready
        // at once and processing has been quick (under `holdWhileFasterThan` on average), and for
        // at most `holdBatches` batches or `holdLimit`: a held message waits for the processing
        // of the few after it.
        let coalescing = writesInline ? coalescingOutput : nil
        var held = Held()
        let holdNanos = Self.nanoseconds(Self.holdWhileFasterThan)
        var averageNanos = holdNanos
        // When the next batch follows at once, the time the last one ended is when it starts.
        var lastEnd: ContinuousClock.Instant?
        while true {
            var next = held.isEmpty ? nil : work.tryPop()
            if next == nil {
                lastEnd = nil
                if let coalescing, !held.isEmpty {
                    await submit(held.item(for: coalescing))
                    held.clear()
                }
                next = await work.pop()
            }
            guard let item = next else { break }
            let started = lastEnd.take() ?? ContinuousClock.now
            let batches = await process(item.batch)
            let readAt = item.readAt
            let ack = item.ack
            if batches.isEmpty {
                // Filtered out entirely: Benthos acknowledges such messages.
                await acknowledge(ack, readAt: readAt, .ack)
                continue
            }
            let settlement: Settlement
            if batches.count == 1 {
                settlement = .whole(ack, readAt: readAt)
            } else {
                settlement = .part(
                    AckTracker(parts: batches.count) { [self] result in
                        await acknowledge(ack, readAt: readAt, result)
                    })
            }
            guard let coalescing else {
                for b in batches { await submit(.batch(b, settlement)) }
                continue
            }
            if held.isEmpty { held.since = started }
            for b in batches {
                coalescing.encode(b, into: &held.bytes)
                held.settlements.append(settlement)
                held.messages += b.count
            }
            let now = ContinuousClock.now
            averageNanos = 0.9 * averageNanos + 0.1 * Self.nanoseconds(now - started)
            if averageNanos >= holdNanos || held.settlements.count >= Self.holdBatches
                || now - held.since >= Self.holdLimit
            {
                await submit(held.item(for: coalescing))
                held.clear()
            } else {
                lastEnd = now
            }
        }
    }

    /// Runs a batch through the processors: the non-empty batches that come out.
    private func process(_ batch: Batch) async -> [Batch] {
        guard let first = processors.first else { return [batch] }
        var batches = await first.process(batch)
        for p in processors.dropFirst() {
            if batches.contains(where: \.isEmpty) { batches.removeAll(where: \.isEmpty) }
            switch batches.count {
            case 0: return []
            case 1: batches = await p.process(batches[0])
            default:
                var following: [Batch] = []
                for b in batches { following.append(contentsOf: await p.process(b)) }
                batches = following
            }
        }
        if batches.contains(where: \.isEmpty) { batches.removeAll(where: \.isEmpty) }
        return batches
    }

    // MARK: - Output

    @discardableResult
    private func connectOutput(reconnecting: Bool) async -> Bool {
        var attempt = 0
        while !Task.isCancelled {
            do {
                try await output.connect()
                outputConnected.store(true, ordering: .relaxed)
                lastOutputError.withLock { $0 = nil }
                mOutputConnUp.increment()
                if !reconnecting { outputLog.info("Output type \(outputInfo.type) is now active") }
                return true
            } catch is CancellationError {
                return false
            } catch {
                lastOutputError.withLock { $0 = "\(error)" }
                mOutputConnFailed.increment()
                outputLog.error("Failed to connect to \(outputInfo.type): \(error)")
                let wait = options.outputBackoff.delay(attempt: attempt) ?? options.outputBackoff.maximum
                attempt += 1
                do { try await Task.sleep(for: wait) } catch { return false }
            }
        }
        return false
    }

    private var writesInline: Bool { options.outputConcurrency <= 1 }

    /// Hands a processed item to the output: to the writer tasks, or (one write at a time)
    /// written by this worker when the output is idle.
    private func submit(_ item: OutItem) async {
        guard writesInline else {
            if !outbox.push(item) {
                await resolve(item, failure: "the pipeline was shut down before the message was written")
            }
            return
        }
        let mine = inlineWrites.withLock { s -> Bool in
            s.queue.append(item)
            if s.writing { return false }
            s.writing = true
            return true
        }
        guard mine else { return }
        while true {
            let next: OutItem? = inlineWrites.withLock { s in
                guard s.head < s.queue.count else {
                    s.queue.removeAll(keepingCapacity: true)
                    s.head = 0
                    s.writing = false
                    return nil
                }
                s.head += 1
                return s.queue[s.head - 1]
            }
            guard let next else { return }
            await outputReady.wait()
            await write(next)
        }
    }

    private func writerLoop() async {
        while let item = await outbox.pop() {
            await outputReady.wait()
            await write(item)
        }
    }

    /// Writes an item and settles the input batches it came from.
    private func write(_ item: OutItem) async {
        switch item {
        case .batch(let batch, let settlement):
            let failure = await write(messages: batch.count, batches: 1) { try await self.output.write(batch) }
            await resolve(settlement, failure: failure)
        case .encoded(let bytes, let settlements, let messages, let output):
            let failure = await write(messages: messages, batches: settlements.count) {
                try await output.write(encoded: bytes)
            }
            // Written together, settled together: one clock reading for their latencies.
            let now = ContinuousClock.now
            for s in settlements { await resolve(s, failure: failure, at: now) }
        }
    }

    /// Nacks what `item` carried: it will not be written.
    private func resolve(_ item: OutItem, failure: String) async {
        switch item {
        case .batch(_, let settlement): await resolve(settlement, failure: failure)
        case .encoded(_, let settlements, _, _): for s in settlements { await resolve(s, failure: failure) }
        }
    }

    /// Settles one input batch (or its part) after a write ended: `failure` is nil when the
    /// write succeeded.
    private func resolve(_ settlement: Settlement, failure: String?, at now: ContinuousClock.Instant? = nil) async {
        switch settlement {
        case .whole(let ack, let readAt):
            await acknowledge(ack, readAt: readAt, failure.map { .nack($0) } ?? .ack, at: now)
        case .part(let tracker):
            await tracker.resolve(failure: failure)
        }
    }

    /// Records how long an input batch took from its read to `now` and settles it.
    private func acknowledge(
        _ ack: AckHandler, readAt: ContinuousClock.Instant, _ result: AckResult, at now: ContinuousClock.Instant? = nil
    ) async {
        mInputLatency.record((now ?? ContinuousClock.now) - readAt)
        await settle(ack, result)
    }

    /// Runs one write (`body`), reconnecting when the output says it lost its connection.
    /// - Returns: nil on success, else the reason for the nack.
    private func write(messages: Int, batches: Int, _ body: () async throws -> Void) async -> String? {
        while true {
            if !outputConnected.load(ordering: .relaxed) {
                guard await reconnectOutput() else { return "the output is not connected" }
            }
            let start = ContinuousClock.now
            do {
                try await body()
                mOutputLatency.record(since: start)
                mOutputBatchSent.increment(by: batches)
                mOutputSent.increment(by: messages)
                return nil
            } catch is CancellationError {
                return "the pipeline was shut down before the message was written"
            } catch let e as InputError {
                if case .notConnected(let why) = e {
                    outputConnected.store(false, ordering: .relaxed)
                    lastOutputError.withLock { $0 = why.isEmpty ? "not connected" : why }
                    mOutputConnLost.increment()
                    if Task.isCancelled { return "the output is not connected" }
                    continue
                }
                mOutputError.increment()
                outputLog.error("Failed to send message to \(outputInfo.type): \(e)")
                return "\(e)"
            } catch {
                mOutputError.increment()
                if outputInfo.type == "reject" {
                    outputLog.debug("Rejecting message: \(error)")
                } else {
                    outputLog.error("Failed to send message to \(outputInfo.type): \(error)")
                }
                return "\(error)"
            }
        }
    }

    /// One writer reconnects while the others wait for it.
    private func reconnectOutput() async -> Bool {
        guard await reconnectLock.acquire() else { return false }
        defer { reconnectLock.release() }
        if outputConnected.load(ordering: .relaxed) { return true }
        return await connectOutput(reconnecting: true)
    }
}
