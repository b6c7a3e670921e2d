import EmbeddedHTTP
import Foundation
import Synchronization
import Testing

@testable import StreamRuntime

// Fake endpoints for the pipeline tests: real pipelines run over these, and they record
// what happened (reads, acks, writes) so tests can assert on counts.

/// An input serving numbered messages (`m0`, `m1`, ...), one per batch unless told otherwise.
final class FakeInput: Input {
    struct State {
        var next = 0
        var reads = 0
        var acked: [Int] = []
        var nacked: [(Int, String)] = []
        var outstanding = 0
        var maxOutstanding = 0
        var connects = 0
        var closed = false
    }

    let total: Int?
    let batchSize: Int
    /// Connect attempts that fail before one succeeds.
    let failConnects: Int
    /// Reads (1-based) that throw `notConnected` instead of returning a batch.
    let disconnectAtReads: Set<Int>
    let state = Mutex(State())

    /// - Parameter total: messages to serve before `endOfInput` (nil: never ends).
    init(total: Int?, batchSize: Int = 1, failConnects: Int = 0, disconnectAtReads: Set<Int> = []) {
        self.total = total
        self.batchSize = batchSize
        self.failConnects = failConnects
        self.disconnectAtReads = disconnectAtReads
    }

    func connect() async throws {
        let n = state.withLock { s -> Int in
            s.connects += 1
            return s.connects
        }
        if n <= failConnects { throw FakeError("connection refused (\(n))") }
    }

    func read() async throws -> (Batch, AckHandler) {
        await Task.yield()
        enum Outcome { case batch(Batch, [Int]), end, disconnect }
        let outcome: Outcome = state.withLock { s in
            s.reads += 1
            if disconnectAtReads.contains(s.reads) { return .disconnect }
            if let total, s.next >= total { return .end }
            var batch: Batch = []
            var ids: [Int] = []
            while batch.count < batchSize {
                if let total, s.next >= total { break }
                batch.append(Message("m\(s.next)", metadata: ["id": .int(Int64(s.next))]))
                ids.append(s.next)
                s.next += 1
            }
            s.outstanding += 1
            s.maxOutstanding = max(s.maxOutstanding, s.outstanding)
            return .batch(batch, ids)
        }
        switch outcome {
        case .end: throw InputError.endOfInput
        case .disconnect: throw InputError.notConnected("lost it")
        case .batch(let batch, let ids):
            return (
                batch,
                { [self] result in
                    state.withLock { s in
                        s.outstanding -= 1
                        switch result {
                        case .ack: s.acked.append(contentsOf: ids)
                        case .nack(let why): s.nacked.append(contentsOf: ids.map { ($0, why) })
                        }
                    }
                }
            )
        }
    }

    func close() async { state.withLock { $0.closed = true } }

    /// Batches handed out (reads that returned data).
    var served: Int { state.withLock { $0.next } }
    var acked: [Int] { state.withLock { $0.acked } }
    var nacked: [(Int, String)] { state.withLock { $0.nacked } }
    var outstanding: Int { state.withLock { $0.outstanding } }
    var maxOutstanding: Int { state.withLock { $0.maxOutstanding } }
    var isClosed: Bool { state.withLock { $0.closed } }
}

/// An output recording what it wrote, optionally slow, gated, or failing some batches.
final class FakeOutput: Output {
    struct State {
        var written: [String] = []
        var writes = 0
        var connects = 0
        var closed = false
        var disconnectsLeft: Int
        var inProgress = 0
        var maxInProgress = 0
    }

    let failWhen: @Sendable (Batch) -> Bool
    let failConnects: Int
    let delay: Duration?
    let gate: Gate?
    let state: Mutex<State>

    /// - Parameters:
    ///   - failWhen: batches for which `write` throws.
    ///   - disconnects: the first writes that throw `notConnected` (then succeed after reconnect).
    ///   - gate: writes wait until it opens.
    init(
        failWhen: @escaping @Sendable (Batch) -> Bool = { _ in false }, failConnects: Int = 0, disconnects: Int = 0,
        delay: Duration? = nil, gate: Gate? = nil
    ) {
        self.failWhen = failWhen
        self.failConnects = failConnects
        self.delay = delay
        self.gate = gate
        self.state = Mutex(State(disconnectsLeft: disconnects))
    }

    func connect() async throws {
        let n = state.withLock { s -> Int in
            s.connects += 1
            return s.connects
        }
        if n <= failConnects { throw FakeError("output unreachable") }
    }

    func write(_ batch: Batch) async throws {
        state.withLock { s in
            s.inProgress += 1
            s.maxInProgress = max(s.maxInProgress, s.inProgress)
        }
        defer { state.withLock { $0.inProgress -= 1 } }
        if let gate {
            await gate.wait()
            try Task.checkCancellation()
        }
        if let delay { try await Task.sleep(for: delay) }
        let disconnect = state.withLock { s -> Bool in
            s.writes += 1
            if s.disconnectsLeft > 0 {
                s.disconnectsLeft -= 1
                return true
            }
            return false
        }
        if disconnect { throw InputError.notConnected("broken pipe") }
        if failWhen(batch) { throw FakeError("write refused for \(batch.map(\.text).joined(separator: ","))") }
        state.withLock { $0.written.append(contentsOf: batch.map(\.text)) }
    }

    func close() async { state.withLock { $0.closed = true } }

    var written: [String] { state.withLock { $0.written } }
    var connects: Int { state.withLock { $0.connects } }
    var inProgress: Int { state.withLock { $0.inProgress } }
    var maxInProgress: Int { state.withLock { $0.maxInProgress } }
    var isClosed: Bool { state.withLock { $0.closed } }
}

/// A processor from a closure over each message (nil drops the message).
struct MapProcessor: Processor {
    let f: @Sendable (Message) -> Message?
    func process(_ batch: Batch) async -> [Batch] {
        let out = batch.compactMap(f)
        return out.isEmpty ? [] : [out]
    }
}

extension MapProcessor {
    /// Upper-cases each message's text.
    static let uppercasing = MapProcessor { m in
        var m = m
        m.setContent(Array(m.text.uppercased().utf8))
        return m
    }
}

/// A processor that splits each batch into one batch per message.
struct SplitProcessor: Processor {
    func process(_ batch: Batch) async -> [Batch] { batch.map { [$0] } }
}

struct FakeError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A latch tests open to let blocked writes through.
final class Gate: Sendable {
    private let event = AsyncEvent()
    func open() { event.set() }
    func wait() async { await event.wait() }
}

/// Polls `condition` until it holds or `seconds` pass (for waiting on background progress,
/// never for asserting timing).
func eventually(seconds: Double = 60, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(2))
    }
    return condition()
}

/// Fast retry schedules for tests.
let quickBackoff = Backoff(initial: .milliseconds(1), maximum: .milliseconds(5), jitter: 0)

func options(threads: Int = 1, maxInFlight: Int? = nil, outputConcurrency: Int = 1) -> PipelineOptions {
    PipelineOptions(
        threads: threads, outputConcurrency: outputConcurrency, maxInFlight: maxInFlight, inputBackoff: quickBackoff,
        readBackoff: quickBackoff, outputBackoff: quickBackoff)
}
