import Synchronization

/// An unbounded multi-producer, multi-consumer FIFO for tasks. The pipeline bounds what goes
/// in with its in-flight permits, so the queue itself needs no limit.
///
/// `pop()` returns at once when an item is ready (no suspension on the hot path) and `nil`
/// once the queue is finished and empty, or when the waiting task is cancelled.
public final class AsyncQueue<Element: Sendable>: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Element?, Never>
    }

    private struct State {
        var items: [Element] = []
        var head = 0
        var waiters: [Waiter] = []
        var finished = false
        var nextID: UInt64 = 0

        var count: Int { items.count - head }

        mutating func takeFirst() -> Element? {
            guard head < items.count else { return nil }
            let item = items[head]
            head += 1
            // Compact now and then so a long-running queue does not keep consumed slots.
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            return item
        }
    }

    private enum Outcome { case rejected, queued, handOver(Waiter) }
    private enum Take { case item(Element), done, wait }

    private let state = Mutex(State())

    public init() {}

    /// Adds an item. Returns false when the queue was already finished: the item was not
    /// queued and stays the caller's to settle.
    @discardableResult
    public func push(_ item: Element) -> Bool {
        let outcome: Outcome = state.withLock { s in
            if s.finished { return .rejected }
            if !s.waiters.isEmpty { return .handOver(s.waiters.removeFirst()) }
            s.items.append(item)
            return .queued
        }
        switch outcome {
        case .rejected: return false
        case .queued: return true
        case .handOver(let waiter):
            waiter.continuation.resume(returning: item)
            return true
        }
    }

    /// Adds items in order with one lock; waiting consumers get the first ones. Returns false
    /// (queuing none) when the queue was already finished.
    @discardableResult
    public func push(contentsOf items: [Element]) -> Bool {
        let handed: [Waiter]? = state.withLock { s in
            if s.finished { return nil }
            let n = min(s.waiters.count, items.count)
            let waiters = Array(s.waiters.prefix(n))
            s.waiters.removeFirst(n)
            s.items.append(contentsOf: items.dropFirst(n))
            return waiters
        }
        guard let handed else { return false }
        for (waiter, item) in zip(handed, items) { waiter.continuation.resume(returning: item) }
        return true
    }

    /// The next item if one is queued, without waiting.
    public func tryPop() -> Element? {
        state.withLock { $0.takeFirst() }
    }

    /// The next item, waiting for one; nil when finished and drained, or when cancelled.
    public func pop() async -> Element? {
        let fast: Take = state.withLock { s in
            if let item = s.takeFirst() { return .item(item) }
            return s.finished ? .done : .wait
        }
        switch fast {
        case .item(let item): return item
        case .done: return nil
        case .wait: break
        }
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
                let action: Take = state.withLock { s in
                    if let item = s.takeFirst() { return .item(item) }
                    if s.finished || Task.isCancelled { return .done }
                    s.waiters.append(Waiter(id: id, continuation: continuation))
                    return .wait
                }
                switch action {
                case .item(let item): continuation.resume(returning: item)
                case .done: continuation.resume(returning: nil)
                case .wait: break
                }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { s in
                guard let i = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: i)
            }
            waiter?.continuation.resume(returning: nil)
        }
    }

    /// No more items will come: waiting consumers get nil once the queue is empty.
    public func finish() {
        let waiters: [Waiter] = state.withLock { s in
            s.finished = true
            let w = s.waiters
            s.waiters = []
            return w
        }
        for w in waiters { w.continuation.resume(returning: nil) }
    }

    /// Removes and returns every queued item (used when a hard stop abandons them).
    public func drainRemaining() -> [Element] {
        state.withLock { s in
            let rest = Array(s.items[s.head...])
            s.items = []
            s.head = 0
            return rest
        }
    }

    /// True once `finish` was called and every item was taken.
    var isFinishedAndEmpty: Bool { state.withLock { $0.finished && $0.count == 0 } }

    /// How many items wait in the queue.
    var count: Int { state.withLock { $0.count } }
}
