import Synchronization

/// A counting semaphore for tasks: the pipeline takes one permit per batch in flight and
/// gives it back once the batch is acknowledged, which is what bounds memory.
public final class AsyncPermits: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var available: Int
        var waiters: [Waiter] = []
        var closed = false
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>
    /// The number of permits in total.
    public let limit: Int
    /// A waiter is woken only once this many permits are free, so that it can then take
    /// several without waiting again: one thread wake-up per few batches instead of one per
    /// batch when the input runs ahead of the rest of the pipeline.
    let wakeThreshold: Int

    public init(_ limit: Int, wakeThreshold: Int = 1) {
        self.limit = max(1, limit)
        self.wakeThreshold = min(max(1, wakeThreshold), max(1, limit))
        self.state = Mutex(State(available: max(1, limit)))
    }

    /// Takes a permit, waiting for one. False when the permits were closed or the task was
    /// cancelled while waiting (no permit was taken then).
    public func acquire() async -> Bool {
        enum Fast { case taken, closed, wait(UInt64) }
        let fast: Fast = state.withLock { s in
            if s.closed { return .closed }
            if s.available > 0 {
                s.available -= 1
                return .taken
            }
            s.nextID += 1
            return .wait(s.nextID)
        }
        let id: UInt64
        switch fast {
        case .taken: return true
        case .closed: return false
        case .wait(let i): id = i
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                enum Action { case resume(Bool), none }
                let action: Action = state.withLock { s in
                    if s.closed || Task.isCancelled { return .resume(false) }
                    if s.available > 0 {
                        s.available -= 1
                        return .resume(true)
                    }
                    s.waiters.append(Waiter(id: id, continuation: continuation))
                    return .none
                }
                if case .resume(let ok) = action { continuation.resume(returning: ok) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { s in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i)
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Takes up to `count` permits that are free now, without waiting; none while a task
    /// waits for one. Returns how many were taken.
    public func tryAcquire(upTo count: Int) -> Int {
        state.withLock { s in
            guard !s.closed, s.waiters.isEmpty, count > 0 else { return 0 }
            let n = min(count, s.available)
            s.available -= n
            return n
        }
    }

    /// Gives `count` permits back.
    public func release(_ count: Int) {
        for _ in 0..<max(0, count) { release() }
    }

    /// Gives a permit back (to the longest waiter once enough permits are free).
    public func release() {
        let waiter: Waiter? = state.withLock { s in
            if !s.waiters.isEmpty && s.available + 1 >= wakeThreshold {
                return s.waiters.removeFirst()
            }
            s.available += 1
            return nil
        }
        waiter?.continuation.resume(returning: true)
    }

    /// Wakes every waiter with false; later `acquire` calls fail at once.
    public func close() {
        let waiters: [Waiter] = state.withLock { s in
            s.closed = true
            let w = s.waiters
            s.waiters = []
            return w
        }
        for w in waiters { w.continuation.resume(returning: false) }
    }

    /// Permits currently taken.
    var inUse: Int { state.withLock { limit - $0.available } }
}
