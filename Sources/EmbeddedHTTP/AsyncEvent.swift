import Synchronization

/// A one-shot signal tasks can wait on, with or without a deadline.
public final class AsyncEvent: Sendable {
    private struct State {
        var fired = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var isSet: Bool { state.withLock { $0.fired } }

    /// Fires the event, waking every waiter. Later calls do nothing.
    public func set() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { s in
            if s.fired { return [] }
            s.fired = true
            let w = Array(s.waiters.values)
            s.waiters = [:]
            return w
        }
        for w in waiters { w.resume() }
    }

    /// Waits until the event fires or the task is cancelled.
    public func wait() async {
        let id: UInt64? = state.withLock { s in
            if s.fired { return nil }
            s.nextID += 1
            return s.nextID
        }
        guard let id else { return }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { s in
                    if s.fired || Task.isCancelled { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }

    /// Waits until the event fires or `timeout` passes; true when it fired.
    public func wait(timeout: Duration) async -> Bool {
        if isSet { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await self.wait()
                return self.isSet
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return self.isSet
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first || isSet
        }
    }
}
