import Synchronization

/// Follows the batches derived from one input batch until each was written or failed, then
/// acknowledges the input batch once: `.ack` when every write succeeded, `.nack` otherwise.
final class AckTracker: Sendable {
    private struct State {
        var remaining: Int
        var failure: String?
    }

    private let state: Mutex<State>
    private let onDone: @Sendable (AckResult) async -> Void

    /// - Parameters:
    ///   - parts: how many output batches must resolve.
    ///   - onDone: called once, with the combined result.
    init(parts: Int, onDone: @escaping @Sendable (AckResult) async -> Void) {
        self.state = Mutex(State(remaining: parts))
        self.onDone = onDone
    }

    /// Records the outcome of one output batch; the last one triggers the acknowledgement.
    func resolve(failure: String?) async {
        let result: AckResult? = state.withLock { s in
            if let failure, s.failure == nil { s.failure = failure }
            s.remaining -= 1
            guard s.remaining == 0 else { return nil }
            return s.failure.map { .nack($0) } ?? .ack
        }
        if let result { await onDone(result) }
    }
}
