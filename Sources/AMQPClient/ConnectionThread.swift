import Foundation

/// The one OS thread that owns a librabbitmq connection. librabbitmq connections are not
/// thread-safe and their calls block, so every call runs here, in order, off the Swift
/// concurrency pool; async callers wait on continuations.
final class ConnectionThread: @unchecked Sendable {
    // `queue` and `stopping` are guarded by `condition`; everything else is used on the thread only.
    private let condition = NSCondition()
    private var queue: [() -> Void] = []
    private var stopping = false
    /// Work the thread does between jobs (reading publisher confirms). It is told whether jobs
    /// are waiting and returns true while it wants to be called again without waiting for a job.
    private let background: (_ jobsWaiting: Bool) -> Bool

    init(name: String, background: @escaping (_ jobsWaiting: Bool) -> Bool) {
        self.background = background
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
        return true
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
            busy = background(hasJobs)
        }
    }
}

