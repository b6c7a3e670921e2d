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
        /// Handed out and not yet resolved, by id.
        var inFlight: [UInt64: Pending] = [:]
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
                return s.inFlight.isEmpty ? .end : .wait
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
            return read.map { handOut(Pending(batch: $0.0, sourceAck: $0.1, attempts: 0)) }
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

    private func handOut(_ pending: Pending) -> (Batch, AckHandler) {
        let id = state.withLock { s in
            s.nextID += 1
            s.inFlight[s.nextID] = pending
            return s.nextID
        }
        return (pending.batch, { [weak self] result in await self?.resolve(id, result) })
    }

    private func resolve(_ id: UInt64, _ result: AckResult) async {
        let (pending, waiters) = state.withLock { s -> (Pending?, [CheckedContinuation<Void, Never>]) in
            guard let pending = s.inFlight.removeValue(forKey: id) else { return (nil, []) }
            if case .nack = result { s.retries.append(pending) }
            let waiters = Array(s.waiters.values)
            s.waiters.removeAll()
            return (pending, waiters)
        }
        for w in waiters { w.resume() }
        if let pending, case .ack = result { await pending.sourceAck(.ack) }
    }

    private func waitForResolution() async {
        let id = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if Task.isCancelled || !s.retries.isEmpty || s.inFlight.isEmpty { return true }
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
