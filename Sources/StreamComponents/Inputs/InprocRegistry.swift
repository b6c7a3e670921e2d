import StreamRuntime
import Synchronization

/// The process-wide table of named in-process channels that join `inproc` outputs to
/// `inproc` inputs. Either side may come first: a channel is made on first use and lives for
/// the rest of the process.
actor InprocRegistry {
    static let shared = InprocRegistry()

    private var channels: [String: InprocChannel] = [:]

    /// The channel called `name`, made on first use.
    func channel(named name: String) -> InprocChannel {
        if let existing = channels[name] { return existing }
        let made = InprocChannel(name: name)
        channels[name] = made
        return made
    }
}

/// An unbuffered hand-off of batches between in-process outputs and inputs, with the
/// acknowledgement travelling back: `send` returns only once the receiving pipeline has
/// acknowledged (or rejected) the batch, so end-to-end delivery guarantees hold across it.
/// Several receivers take batches in turn.
actor InprocChannel {
    let name: String

    private struct WaitingSender {
        var id: UInt64
        var batch: Batch
        var reply: AckReply
    }

    private struct WaitingReceiver {
        var id: UInt64
        var continuation: CheckedContinuation<(Batch, AckHandler), any Error>
    }

    private var senders: [WaitingSender] = []
    private var receivers: [WaitingReceiver] = []
    /// Replies of batches handed to a receiver and not yet acknowledged.
    private var inFlight: [UInt64: AckReply] = [:]
    private var nextID: UInt64 = 0

    init(name: String) { self.name = name }

    /// Hands `batch` to a receiver (waiting for one) and returns its acknowledgement.
    func send(_ batch: Batch) async throws -> AckResult {
        nextID += 1
        let id = nextID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<AckResult, any Error>) in
                let reply = AckReply(continuation)
                if Task.isCancelled {
                    reply.fail(CancellationError())
                } else if !receivers.isEmpty {
                    let receiver = receivers.removeFirst()
                    receiver.continuation.resume(returning: (batch, deliver(id, reply)))
                } else {
                    senders.append(WaitingSender(id: id, batch: batch, reply: reply))
                }
            }
        } onCancel: {
            Task { await self.cancelSender(id) }
        }
    }

    /// Waits for the next batch sent on the channel.
    func receive() async throws -> (Batch, AckHandler) {
        nextID += 1
        let id = nextID
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Batch, AckHandler), any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else if !senders.isEmpty {
                    let sender = senders.removeFirst()
                    continuation.resume(returning: (sender.batch, deliver(sender.id, sender.reply)))
                } else {
                    receivers.append(WaitingReceiver(id: id, continuation: continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelReceiver(id) }
        }
    }

    private func deliver(_ id: UInt64, _ reply: AckReply) -> AckHandler {
        inFlight[id] = reply
        return { [weak self] result in
            reply.resume(result)
            await self?.acknowledged(id)
        }
    }

    private func acknowledged(_ id: UInt64) {
        inFlight.removeValue(forKey: id)
    }

    /// Fails every sender still waiting for a receiver (used when the receiving input closes).
    func failWaitingSenders() {
        let waiting = senders
        senders = []
        for s in waiting { s.reply.fail(CancellationError()) }
    }

    private func cancelSender(_ id: UInt64) {
        if let i = senders.firstIndex(where: { $0.id == id }) {
            senders.remove(at: i).reply.fail(CancellationError())
        } else if let reply = inFlight.removeValue(forKey: id) {
            reply.fail(CancellationError())
        }
    }

    private func cancelReceiver(_ id: UInt64) {
        if let i = receivers.firstIndex(where: { $0.id == id }) {
            receivers.remove(at: i).continuation.resume(throwing: CancellationError())
        }
    }
}

/// Resumes a sender exactly once, with the acknowledgement or a failure.
final class AckReply: Sendable {
    private let continuation: Mutex<CheckedContinuation<AckResult, any Error>?>

    init(_ continuation: CheckedContinuation<AckResult, any Error>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ result: AckResult) {
        continuation.withLock { c in
            defer { c = nil }
            return c
        }?.resume(returning: result)
    }

    func fail(_ error: any Error) {
        continuation.withLock { c in
            defer { c = nil }
            return c
        }?.resume(throwing: error)
    }
}
