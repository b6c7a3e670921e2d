import CRabbitMQ
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The one OS thread that owns a librabbitmq connection. librabbitmq connections are not
/// thread-safe and their calls block, so every call runs here, in order, off the Swift
/// concurrency pool; async callers wait on continuations.
///
/// While the thread waits for the broker (deliveries, publisher confirms) it sleeps in `poll`
/// on the socket and on an eventfd that `submit` signals, so a queued job (an ack, a publish)
/// wakes it at once and an idle connection costs no CPU.
final class ConnectionThread: @unchecked Sendable {
    // `queue`, `stopping` and `polling` are guarded by `condition`; everything else is used on
    // the thread only.
    private let condition = NSCondition()
    private var queue: [() -> Void] = []
    private var stopping = false
    /// True while the thread sleeps in `wait(readable:timeoutMs:)`: a submit must signal `wakeFD`.
    private var polling = false
    /// An eventfd that wakes the thread from `poll`; -1 when none could be made (waits then
    /// end after at most a millisecond).
    private let wakeFD: Int32
    /// Work the thread does between jobs (reading publisher confirms). It is told whether jobs
    /// are waiting and returns true while it wants to be called again without waiting for a job.
    private let background: (_ thread: ConnectionThread, _ jobsWaiting: Bool) -> Bool

    init(name: String, background: @escaping (_ thread: ConnectionThread, _ jobsWaiting: Bool) -> Bool) {
        self.background = background
        self.wakeFD = CRabbitMQ_wake_fd()
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Queues a job; false when the thread is stopping (the job will never run).
    func submit(_ job: @escaping () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if stopping { return false }
        queue.append(job)
        condition.signal()
        if polling { signalWake() }
        return true
    }

    private func signalWake() {
        guard wakeFD >= 0 else { return }
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    /// Sleeps until a job is queued, `fd` has something to read (or failed), or `timeoutMs`
    /// passed; called on the thread by work that waits for the broker.
    /// - Returns: true when `fd` is ready (the caller reads it without blocking).
    func wait(readable fd: Int32, timeoutMs: Int) -> Bool {
        condition.lock()
        if !queue.isEmpty || stopping {
            condition.unlock()
            return false
        }
        polling = true
        condition.unlock()
        let timeout = Int32(clamping: wakeFD >= 0 ? max(timeoutMs, 0) : min(max(timeoutMs, 0), 1))
        var fds = [pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0), pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
        let n = fds.withUnsafeMutableBufferPointer { buf in
            wakeFD >= 0 ? poll(buf.baseAddress, 2, timeout) : poll(buf.baseAddress! + 1, 1, timeout)
        }
        condition.lock()
        polling = false
        condition.unlock()
        if fds[0].revents != 0 {
            var value: UInt64 = 0
            _ = Glibc.read(wakeFD, &value, 8)
        }
        return n > 0 && fds[1].revents != 0
    }

    /// Runs `last` after the jobs already queued, then ends the thread. Later submits fail.
    /// - Returns: false when the thread was already finishing (`last` will not run).
    @discardableResult
    func finish(_ last: @escaping () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if stopping { return false }
        queue.append(last)
        stopping = true
        condition.signal()
        if polling { signalWake() }
        return true
    }

    /// True when jobs are queued (called on the thread, by long-running jobs).
    var hasJobs: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !queue.isEmpty
    }

    /// Runs the queued jobs now, from inside a long-running job (acks while a consume waits).
    func runQueued() {
        condition.lock()
        let jobs = queue
        queue.removeAll()
        condition.unlock()
        for job in jobs { job() }
    }

    private func loop() {
        defer { if wakeFD >= 0 { close(wakeFD) } }
        var busy = false
        while true {
            condition.lock()
            while queue.isEmpty && !stopping && !busy { condition.wait() }
            let jobs = queue
            queue.removeAll()
            let stop = stopping
            condition.unlock()
            for job in jobs { job() }
            if stop {
                // Jobs submitted before `finish` ran above; a nested `runQueued` may have taken
                // the last one, so only an empty queue is certain here.
                if !hasJobs { return }
                continue
            }
            busy = background(self, hasJobs)
        }
    }
}

