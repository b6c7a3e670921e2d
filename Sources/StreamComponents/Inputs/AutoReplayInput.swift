import Foundation
import StreamRuntime
import Synchronization

/// Wraps an input so that batches which are nacked downstream are delivered again instead of
/// the nack reaching the source (Benthos's `auto_replay_nacks`).
///
/// A nacked batch is handed out again by the next `read`, before anything new from the source;
/// while the source is idle (a `read` is waiting on it), the replay waits for that read to
/// return. Once the source ends, the wrapper ends only when every batch it handed out has
/// been acknowledged. A batch nacked again and again is replayed with a growing pause (from
/// 1ms up to 1s) after its second retry. The source's own acknowledgement is called once, when
/// the batch is finally written.
///
/// The state sits behind a mutex rather than in an actor: this wrapper is on the path of every
/// message of `stdin`, `file` and `generate`, and a lock is much cheaper than actor hops.
final class AutoReplayInput: BulkInput {
    private struct Pending: Sendable {
        var batch: Batch
        var sourceAck: AckHandler
        var attempts: Int
    }

    private struct State {
        /// Batches nacked downstream, waiting to be sent again (oldest first).
        var retries: [Pending] = []
        /// Handed out and not yet resolved.
        var inFlight = 0
        var nextID: UInt64 = 0
        var sourceEnded = false
        /// Readers waiting, after the end of the source, for an ack or a nack.
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let inner: any Input
    private let state = Mutex(State())

    init(_ inner: any Input) { self.inner = inner }

    func connect() async throws { try await inner.connect() }

    func read() async throws -> (Batch, AckHandler) {
        while true {
            try Task.checkCancellation()
            enum Step { case replay(Pending), readSource, wait, end }
            let step: Step = state.withLock { s in
                if !s.retries.isEmpty { return .replay(s.retries.removeFirst()) }
                if !s.sourceEnded { return .readSource }
                return s.inFlight == 0 ? .end : .wait
            }
            switch step {
            case .replay(var pending):
                pending.attempts += 1
                if pending.attempts > 2 {
                    let pause = min(0.001 * pow(1.1, Double(pending.attempts - 3)), 1.0)
                    do {
                        try await Task.sleep(nanoseconds: UInt64(pause * 1e9))
                    } catch {
                        let back = pending
                        state.withLock { $0.retries.insert(back, at: 0) }
                        throw error
                    }
                }
                return handOut(pending)
            case .readSource:
                do {
                    let (batch, ack) = try await inner.read()
                    return handOut(Pending(batch: batch, sourceAck: ack, attempts: 0))
                } catch let error as InputError where error == .endOfInput {
                    state.withLock { $0.sourceEnded = true }
                }
            case .wait:
                await waitForResolution()
            case .end:
                throw InputError.endOfInput
            }
        }
    }

    /// Several batches of a bulk source at once while nothing waits to be replayed; one at a
    /// time otherwise (replays first, then the end of the source).
    func readAvailable(max: Int) async throws -> [(Batch, AckHandler)] {
        guard max > 1, let bulk = inner as? any BulkInput,
            state.withLock({ $0.retries.isEmpty && !$0.sourceEnded })
        else { return [try await read()] }
        do {
            let read = try await bulk.readAvailable(max: max)
            state.withLock { $0.inFlight += read.count }
            return read.map { ($0.0, acknowledgement(of: Pending(batch: $0.0, sourceAck: $0.1, attempts: 0))) }
        } catch let error as InputError where error == .endOfInput {
            state.withLock { $0.sourceEnded = true }
            return [try await self.read()]
        }
    }

    func close() async {
        wakeAll()
        await inner.close()
    }

    // MARK: - Internals

    /// Hands a batch out; its acknowledgement (which the pipeline calls once) carries what a
    /// replay needs.
    private func handOut(_ pending: Pending) -> (Batch, AckHandler) {
        state.withLock { $0.inFlight += 1 }
        return (pending.batch, acknowledgement(of: pending))
    }

    /// The acknowledgement of a batch counted as in flight.
    private func acknowledgement(of pending: Pending) -> AckHandler {
        { result in await self.resolve(pending, result) }
    }

    private func resolve(_ pending: Pending, _ result: AckResult) async {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.inFlight -= 1
            if case .nack = result { s.retries.append(pending) }
            if s.waiters.isEmpty { return [] }
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for w in waiters { w.resume() }
        if case .ack = result { await pending.sourceAck(.ack) }
    }

    private func waitForResolution() async {
        let id = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if Task.isCancelled || !s.retries.isEmpty || s.inFlight == 0 { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    private func wakeAll() {
        let waiters = state.withLock { s in
            defer { s.waiters.removeAll() }
            return Array(s.waiters.values)
        }
        for w in waiters { w.resume() }
    }
}
