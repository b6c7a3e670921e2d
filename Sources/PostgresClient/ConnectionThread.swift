import Foundation

/// A thread that owns one `PostgresConnection` and runs the blocking libpq calls made on it,
/// one job at a time. Async callers wait on a continuation, so the Swift concurrency pool
/// never blocks on the network.
final class ConnectionThread: @unchecked Sendable {
    // `jobs` and `stopping` are guarded by `condition`; `connection` is touched only by the thread.
    private let condition = NSCondition()
    private var jobs: [(PostgresConnection?) -> Void] = []
    private var stopping = false
    private var connection: PostgresConnection?

    /// When the connection was opened, and when it was last handed back to the pool.
    let openedAt = ContinuousClock.now
    var lastUsed = ContinuousClock.now

    /// Starts the thread and opens the connection on it.
    /// - Throws: the connection error (the thread is then stopped).
    static func open(dsn: String, connectTimeout: Int) async throws -> ConnectionThread {
        let worker = ConnectionThread()
        let thread = Thread { worker.loop() }
        thread.name = "sluice-postgres"
        thread.stackSize = 8 << 20  // mappings may run here (sql_raw), and they recurse
        thread.start()
        do {
            try await worker.submitRaw { _ in
                ()
            } prepare: { worker in
                worker.connection = try PostgresConnection(dsn: dsn, connectTimeout: connectTimeout)
            }
        } catch {
            worker.stop()
            throw error
        }
        return worker
    }

    /// Runs `body` with the connection on this thread.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await submitRaw(body, prepare: nil)
    }

    /// Stops the thread after the queued jobs; the connection closes on it.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func submitRaw<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) throws -> T,
        prepare: (@Sendable (ConnectionThread) throws -> Void)?
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job: (PostgresConnection?) -> Void = { [self] conn in
                do {
                    if let prepare { try prepare(self) }
                    guard let c = prepare == nil ? conn : self.connection else {
                        throw PostgresError(.closed, "the PostgreSQL connection is closed")
                    }
                    continuation.resume(returning: try body(c))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            condition.lock()
            if stopping {
                condition.unlock()
                continuation.resume(throwing: PostgresError(.closed, "the PostgreSQL connection is closed"))
                return
            }
            jobs.append(job)
            condition.signal()
            condition.unlock()
        }
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                break
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job(connection)
        }
        connection = nil
    }
}
