import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT/SIGTERM into a graceful stop of a `StreamService` (first signal) or an
/// immediate exit (second). Shared by `sluice run` and the platform binaries.
public final class ShutdownController: Sendable {
    public let service: StreamService
    private let signalCount = Mutex(0)
    private let stopTask = Mutex<Task<Bool, Never>?>(nil)
    private let onStop: @Sendable () -> Void

    /// - Parameter onStop: called once, when the first signal arrives, before the stream
    ///   stops (e.g. to stop watching files).
    public init(service: StreamService, onStop: @escaping @Sendable () -> Void = {}) {
        self.service = service
        self.onStop = onStop
    }

    /// Installs the handlers; cancel the returned watcher when done.
    public func installSignalHandlers() -> ProcessSignals {
        ProcessSignals { [self] sig in received(ProcessSignals.name(sig)) }
    }

    private func received(_ name: String) {
        let n = signalCount.withLock { c -> Int in
            c += 1
            return c
        }
        if n > 1 {
            service.logger.warn("Received \(name) again, exiting now")
            exit(1)
        }
        service.logger.info("Received \(name), the service is closing")
        onStop()
        let service = self.service
        stopTask.withLock { $0 = Task { await service.stop() } }
    }

    /// After `run` returns: whether a signal-initiated stop drained cleanly (true when no
    /// signal was received).
    public func waitForStop() async -> Bool {
        guard let task = stopTask.withLock({ $0 }) else { return true }
        return await task.value
    }
}
