import Foundation


/// A task executor with one thread of its own, for a pipeline with one processing thread.
///
/// On the shared concurrency pool the reader and the worker of such a pipeline land on
/// different cores: every hand-off wakes a thread and moves the message between caches, which
/// cost about a third more CPU than the work itself on a two-core machine. On one thread the
/// hand-offs are plain function calls. Blocking reads stay on their own threads (stdin's relay,
/// the connectors' connection threads), so this thread only ever waits for work.
///
/// The thread starts with the first job and ends after `idleExit` without work once
/// `release()` was called; a later job starts it again, so no job is ever left behind.
final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let name: String
    private let idleExit: TimeInterval
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var running = false
    private var released = false

    init(name: String, idleExit: TimeInterval = 0.1) {
        self.name = name
        self.idleExit = idleExit
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        if running {
            condition.signal()
            condition.unlock()
            return
        }
        running = true
        condition.unlock()
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    private static let marker = "sluice.DedicatedThreadExecutor"

    /// True when the caller runs on this executor's thread.
    var isCurrentThread: Bool {
        (Thread.current.threadDictionary[Self.marker] as? ObjectIdentifier) == ObjectIdentifier(self)
    }

    /// The owner is done: the thread may end once it has been idle for a moment.
    func release() {
        condition.lock()
        released = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        Thread.current.threadDictionary[Self.marker] = ObjectIdentifier(self)
        let executor = asUnownedTaskExecutor()
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty {
                if released {
                    if !condition.wait(until: Date(timeIntervalSinceNow: idleExit)) && jobs.isEmpty {
                        running = false
                        condition.unlock()
                        return
                    }
                } else {
                    condition.wait()
                }
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: executor) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
