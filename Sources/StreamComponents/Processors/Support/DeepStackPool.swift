import Foundation

/// Long-lived threads with large stacks, for evaluating mappings that may recurse deeply.
///
/// A named map may apply itself up to 5000 times (Benthos's limit), which overflows the small
/// stacks of the threads async tasks run on; such mappings are evaluated here instead. The
/// stack is reserved address space: pages that are never touched cost nothing.
final class DeepStackPool: @unchecked Sendable {
    /// One thread per core: evaluation is CPU-bound.
    static let shared = DeepStackPool(threads: max(2, ProcessInfo.processInfo.activeProcessorCount))
    static let stackSize = 512 << 20

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var started = false
    private let threadCount: Int

    init(threads: Int) { threadCount = threads }

    /// Runs `body` on a large-stack thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            submit { continuation.resume(returning: body()) }
        }
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        if !started {
            started = true
            for i in 0..<threadCount {
                let thread = Thread { [self] in work() }
                thread.name = "sluice-mapping-\(i)"
                thread.stackSize = DeepStackPool.stackSize
                thread.start()
            }
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head > 64 && head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
