// Shared by every fuzz target (scripts/fuzz compiles it into each one).

#if canImport(Glibc)
import Glibc
#endif

/// The stack size of the threads that run mappings, as `LargeStack.size` in BloblangTooling:
/// `blobl` parses on the main thread and evaluates on threads with this much stack, because
/// maps may recurse 5000 deep by design.
let evaluationStackSize = 512 << 20

/// Runs `body` on the large-stack worker thread and waits for it.
func onLargeStack(_ body: @escaping () -> Void) {
    LargeStackWorker.shared.run(body)
}

/// One long-lived thread with a ``evaluationStackSize`` stack that runs jobs handed to it one
/// at a time. Creating a thread per input would cost more than most inputs: AddressSanitizer
/// clears the shadow of the whole stack for every new thread.
final class LargeStackWorker: @unchecked Sendable {
    static let shared = LargeStackWorker()

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var job: (() -> Void)?
    private var finished = false
    private var started = false

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, evaluationStackSize)
        pthread_attr_setdetachstate(&attr, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let me = Unmanaged.passRetained(self).toOpaque()
        started = pthread_create(&thread, &attr, { raw in
            guard let raw else { return nil }
            Unmanaged<LargeStackWorker>.fromOpaque(raw).takeUnretainedValue().loop()
        }, me) == 0
    }

    /// Hands `body` to the worker and waits until it has run (on the calling thread when the
    /// worker could not be started).
    func run(_ body: @escaping () -> Void) {
        guard started else { return body() }
        pthread_mutex_lock(mutex)
        job = body
        finished = false
        pthread_cond_broadcast(wake)
        while !finished { pthread_cond_wait(wake, mutex) }
        pthread_mutex_unlock(mutex)
    }

    private func loop() -> Never {
        while true {
            pthread_mutex_lock(mutex)
            while job == nil { pthread_cond_wait(wake, mutex) }
            let body = job
            job = nil
            pthread_mutex_unlock(mutex)
            body?()
            pthread_mutex_lock(mutex)
            finished = true
            pthread_cond_broadcast(wake)
            pthread_mutex_unlock(mutex)
        }
    }
}
