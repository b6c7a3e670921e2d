import Foundation
import Synchronization

/// A pool of PostgreSQL connections, each on its own thread, for async code.
///
/// ```swift
/// let pool = PostgresPool(dsn: "postgres://app:app@127.0.0.1:5432/app?sslmode=disable")
/// let rows = try await pool.query("SELECT id FROM jobs WHERE state = $1", [.text("ready")], idempotent: true)
/// try await pool.transaction { conn in
///     _ = try conn.query("UPDATE quota SET used = used + $1 WHERE id = $2", [.text("3"), .text("7")])
///     _ = try conn.query("INSERT INTO log (id) VALUES ($1)", [.text("7")])
/// }
/// ```
///
/// Connections are opened on demand up to `maxOpen` and kept idle up to `maxIdle`. Before an
/// idle connection is reused it is checked (without blocking) for a server that went away, and
/// replaced when broken or older than `maxLifetime` / idle longer than `maxIdleTime`, so a
/// server restart costs at most the statements that were running at that moment.
public final class PostgresPool: Sendable {
    /// Limits of the pool (Benthos's `conn_max_*` fields).
    public struct Options: Sendable {
        /// Most connections open at once; 0 or less: no limit.
        public var maxOpen: Int
        /// Most idle connections kept; 0 or less: none are kept.
        public var maxIdle: Int
        /// Connections older than this are closed instead of reused; nil: no limit.
        public var maxLifetime: Duration?
        /// Connections idle longer than this are closed instead of reused; nil: no limit.
        public var maxIdleTime: Duration?
        /// Seconds to wait for a new connection (unless the DSN sets `connect_timeout`).
        public var connectTimeout: Int

        /// Creates options; the defaults are Benthos's (no open limit, two idle).
        public init(
            maxOpen: Int = 0, maxIdle: Int = 2, maxLifetime: Duration? = nil, maxIdleTime: Duration? = nil,
            connectTimeout: Int = 10
        ) {
            self.maxOpen = maxOpen
            self.maxIdle = maxIdle
            self.maxLifetime = maxLifetime
            self.maxIdleTime = maxIdleTime
            self.connectTimeout = connectTimeout
        }
    }

    private struct State {
        var idle: [ConnectionThread] = []
        var open = 0
        /// Tasks waiting for a connection: resumed with an idle one, or nil to open their own
        /// (the slot is already counted in `open`).
        var waiters: [CheckedContinuation<ConnectionThread?, Never>] = []
        var closed = false
    }

    private let dsn: String
    /// The pool's limits.
    public let options: Options
    private let state = Mutex(State())

    /// A pool for `dsn` (a `postgres://` URL or key=value conninfo). No connection is opened yet.
    public init(dsn: String, options: Options = Options()) {
        self.dsn = dsn
        self.options = options
    }

    /// Connections open now (idle or in use).
    public var openCount: Int { state.withLock { $0.open } }

    // MARK: - Running work

    /// Runs `body` on a connection's thread. With `idempotent`, a connection failure (server
    /// restarted, network cut) is retried once on a fresh connection; otherwise it is reported,
    /// because the statement may have run.
    public func withConnection<T: Sendable>(
        idempotent: Bool = false, _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        do {
            return try await once(body)
        } catch let error as PostgresError where idempotent && error.isConnectionFailure && error.code != .connectionFailed {
            return try await once(body)
        }
    }

    /// Runs one statement with bound parameters.
    public func query(
        _ sql: String, _ params: [PostgresParam?] = [], idempotent: Bool = false
    ) async throws
        -> PostgresResult
    {
        try await withConnection(idempotent: idempotent) { conn in try conn.query(sql, params) }
    }

    /// Runs `body` inside `BEGIN` ... `COMMIT` on one connection; any error thrown by `body` (or
    /// by `COMMIT`) rolls back and is rethrown. A connection failure at `BEGIN` (nothing done
    /// yet) is retried once on a fresh connection. `body` runs on the connection's thread.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let wrapped: @Sendable (PostgresConnection) throws -> T = { conn in
            do throws(PostgresError) {
                _ = try conn.execute("BEGIN")
            } catch {
                throw BeginFailed(error: error)
            }
            do {
                let value = try body(conn)
                _ = try conn.execute("COMMIT")
                return value
            } catch {
                if conn.inTransaction { _ = try? conn.execute("ROLLBACK") }
                throw error
            }
        }
        do {
            return try await once(wrapped)
        } catch let failed as BeginFailed {
            guard failed.error.isConnectionFailure, failed.error.code != .connectionFailed else { throw failed.error }
            do {
                return try await once(wrapped)
            } catch let again as BeginFailed {
                throw again.error
            }
        }
    }

    /// Closes idle connections and refuses new work; connections in use close when released.
    public func close() {
        let (idle, waiters) = state.withLock { s in
            s.closed = true
            let out = (s.idle, s.waiters)
            s.open -= s.idle.count
            s.idle = []
            s.waiters = []
            return out
        }
        for w in idle { w.stop() }
        for w in waiters { w.resume(returning: nil) }
    }

    // MARK: - Connections

    private func once<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        while true {
            let (worker, fresh) = try await acquire()
            do {
                // A reused connection is checked in the same trip to its thread as the work:
                // one hand-off per statement instead of two.
                let value = try await worker.run { conn in
                    if !fresh && !conn.isHealthy { throw StaleConnection() }
                    return try body(conn)
                }
                release(worker, broken: false)
                return value
            } catch is StaleConnection {
                // Broken while idle (server restart, idle timeout): nothing ran; try another.
                discard(worker)
            } catch let error as PostgresError where error.isConnectionFailure {
                release(worker, broken: true)
                throw error
            } catch {
                release(worker, broken: false)
                throw error
            }
        }
    }

    /// An idle connection found broken before the work ran on it.
    private struct StaleConnection: Error {}

    /// A connection for one piece of work; `fresh` when it was just opened (no health check needed).
    private func acquire() async throws -> (ConnectionThread, fresh: Bool) {
        while true {
            enum Step { case reuse(ConnectionThread), openNew, wait }
            let step: Step = try state.withLock { s throws(PostgresError) in
                if s.closed { throw PostgresError(.closed, "the PostgreSQL connection pool is closed") }
                if let w = s.idle.popLast() { return .reuse(w) }
                if options.maxOpen <= 0 || s.open < options.maxOpen {
                    s.open += 1
                    return .openNew
                }
                return .wait
            }
            switch step {
            case .reuse(let w):
                if !expired(w) { return (w, false) }
                discard(w)
            case .openNew:
                return (try await openCounted(), true)
            case .wait:
                let handed: ConnectionThread? = await withCheckedContinuation { c in
                    let resumeNow = state.withLock { s -> Bool in
                        if s.closed { return true }
                        s.waiters.append(c)
                        return false
                    }
                    if resumeNow { c.resume(returning: nil) }
                }
                if let handed {
                    if !expired(handed) { return (handed, false) }
                    discard(handed)
                } else {
                    if state.withLock({ $0.closed }) {
                        throw PostgresError(.closed, "the PostgreSQL connection pool is closed")
                    }
                    return (try await openCounted(), true)
                }
            }
        }
    }

    /// Opens a connection whose slot is already counted in `open`.
    private func openCounted() async throws -> ConnectionThread {
        do {
            return try await ConnectionThread.open(dsn: dsn, connectTimeout: options.connectTimeout)
        } catch {
            freeSlot()
            throw error
        }
    }

    /// True when an idle connection is too old or was idle too long (whether it still works
    /// is checked on its thread, with the work: see `once`).
    private func expired(_ w: ConnectionThread) -> Bool {
        let now = ContinuousClock.now
        if let life = options.maxLifetime, life > .zero, now - w.openedAt > life { return true }
        if let idle = options.maxIdleTime, idle > .zero, now - w.lastUsed > idle { return true }
        return false
    }

    private func release(_ w: ConnectionThread, broken: Bool) {
        w.lastUsed = ContinuousClock.now
        if broken {
            discard(w)
            return
        }
        let keep: Bool = state.withLock { s in
            if s.closed { return false }
            if !s.waiters.isEmpty {
                s.waiters.removeFirst().resume(returning: w)
                return true
            }
            if s.idle.count < options.maxIdle {
                s.idle.append(w)
                return true
            }
            return false
        }
        if !keep {
            w.stop()
            freeSlot()
        }
    }

    private func discard(_ w: ConnectionThread) {
        w.stop()
        freeSlot()
    }

    /// Gives up one open slot: a waiter may open its own connection now.
    private func freeSlot() {
        state.withLock { s in
            if let waiter = s.waiters.first {
                s.waiters.removeFirst()
                waiter.resume(returning: nil)  // the slot passes to the waiter
            } else {
                s.open -= 1
            }
        }
    }
}

/// A `BEGIN` that failed: nothing of the transaction ran, so a retry is safe.
private struct BeginFailed: Error { let error: PostgresError }
