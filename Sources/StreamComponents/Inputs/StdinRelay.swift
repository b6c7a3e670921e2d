import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One item handed from a reading thread to async code.
enum ReadChunk: Sendable {
    case bytes([UInt8])
    case end
    case failure(String)
}

/// A bounded hand-off from one blocking producer thread to async consumers.
///
/// The producer (a dedicated thread) blocks while the queue is full, which is how a slow
/// pipeline holds back reading. Consumers never block a thread: they suspend until an item
/// arrives, and a cancelled consumer leaves the queue untouched so nothing is lost.
final class ChunkQueue: @unchecked Sendable {
    // `NSCondition` guards every field; async code only holds it briefly and never waits on it.
    private let condition = NSCondition()
    private var items: [ReadChunk] = []
    private var head = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<ReadChunk?, Never>)] = []
    private var nextWaiterID: UInt64 = 0
    /// Set once `.end` or `.failure` was queued: every later `take` after the queue drains
    /// returns it again, so that every consumer sees the end of the stream.
    private var terminal: ReadChunk?
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(capacity, 1) }

    /// Adds an item, blocking the calling thread while the queue is full.
    func put(_ item: ReadChunk) {
        condition.lock()
        if case .bytes = item {
        } else {
            terminal = item
            let all = waiters
            waiters.removeAll()
            if all.isEmpty {
                items.append(item)
            }
            condition.unlock()
            for waiter in all { waiter.continuation.resume(returning: item) }
            return
        }
        // Once full, the producer sleeps until half the queue is free: one wake-up per
        // capacity / 2 chunks rather than one per chunk.
        if items.count - head >= capacity {
            while items.count - head > capacity / 2, waiters.isEmpty {
                condition.wait()
            }
        }
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            condition.unlock()
            waiter.continuation.resume(returning: item)
            return
        }
        items.append(item)
        condition.unlock()
    }

    /// The next item; `nil` when the calling task was cancelled while waiting.
    func take() async -> ReadChunk? {
        let id: UInt64 = condition.withLock {
            nextWaiterID += 1
            return nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ReadChunk?, Never>) in
                condition.lock()
                if head < items.count {
                    let item = items[head]
                    if case .bytes = item {
                    } else {
                        // The terminal item stays for the next consumer.
                        condition.unlock()
                        continuation.resume(returning: item)
                        return
                    }
                    head += 1
                    if head == items.count {
                        items.removeAll(keepingCapacity: true)
                        head = 0
                    } else if head > 64 {
                        items.removeFirst(head)
                        head = 0
                    }
                    if items.count - head <= capacity / 2 { condition.signal() }
                    condition.unlock()
                    continuation.resume(returning: item)
                } else if let terminal {
                    condition.unlock()
                    continuation.resume(returning: terminal)
                } else if Task.isCancelled {
                    condition.unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiters.append((id, continuation))
                    condition.unlock()
                }
            }
        } onCancel: {
            condition.lock()
            let index = waiters.firstIndex { $0.id == id }
            let waiter = index.map { waiters.remove(at: $0) }
            condition.unlock()
            waiter?.continuation.resume(returning: nil)
        }
    }
}

/// The process's standard input, read by one dedicated thread into a bounded queue.
///
/// There is one relay per process (as in Benthos) so that several `stdin` inputs, or a
/// rebuilt one, share the stream without racing for bytes. The thread starts on first use.
final class StdinRelay: Sendable {
    static let shared = StdinRelay(fileDescriptor: 0, name: "stdin")

    let queue: ChunkQueue
    private let started = Mutex(false)
    private let fileDescriptor: Int32
    private let name: String

    /// A relay over any readable descriptor (tests use pipes).
    init(fileDescriptor: Int32, name: String, capacity: Int = 4) {
        self.fileDescriptor = fileDescriptor
        self.name = name
        self.queue = ChunkQueue(capacity: capacity)
    }

    /// The next chunk of bytes, `.end` at end of file; `nil` when the task was cancelled.
    func next() async -> ReadChunk? {
        startIfNeeded()
        return await queue.take()
    }

    private func startIfNeeded() {
        let first = started.withLock { running in
            defer { running = true }
            return !running
        }
        guard first else { return }
        let fd = fileDescriptor
        let queue = self.queue
        let path = name
        let thread = Thread {
            while true {
                do {
                    let bytes = try POSIXIO.readChunk(fd, capacity: 64 * 1024, path: path)
                    if bytes.isEmpty {
                        queue.put(.end)
                        return
                    }
                    queue.put(.bytes(bytes))
                } catch {
                    queue.put(.failure("\(error)"))
                    return
                }
            }
        }
        thread.name = "sluice-\(name)-reader"
        thread.start()
    }
}
