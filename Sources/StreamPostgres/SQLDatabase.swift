import PostgresClient
import StreamRuntime

/// A component's connection pool plus its init statements, run once on first use.
final class SQLDatabase: Sendable {
    let pool: PostgresPool
    private let initScripts: [(String, String)]
    private let logger: StructuredLogger
    private let initialized = AsyncOnce()

    init(pool: PostgresPool, initScripts: [(String, String)], logger: StructuredLogger) {
        self.pool = pool
        self.initScripts = initScripts
        self.logger = logger
    }

    /// Opens a connection (checking the server answers) and runs the init statements the
    /// first time. A connection failure is thrown; a failing init statement only logs a warning.
    func connect() async throws {
        _ = try await pool.query("SELECT 1", idempotent: true)
        await prepare()
    }

    /// Runs the init statements once (components without `connect` call this before work).
    func prepare() async {
        guard !initScripts.isEmpty else { return }
        let scripts = initScripts
        let logger = self.logger
        await initialized.run {
            for (name, script) in scripts {
                do {
                    _ = try await self.pool.withConnection { conn in try conn.execute(script) }
                    logger.debug("Successfully ran \(name)")
                } catch {
                    logger.warn("Failed to execute \(name): \(error)")
                }
            }
        }
    }

    func close() { pool.close() }
}

/// Runs a piece of async work once; later callers wait for the first run to finish. A run
/// that could not connect is not counted, so the init statements run on the first real connection.
actor AsyncOnce {
    private var done = false
    private var running: Task<Void, Never>?

    func run(_ body: @escaping @Sendable () async -> Void) async {
        if done { return }
        if let running { return await running.value }
        let task = Task { await body() }
        running = task
        await task.value
        done = true
        running = nil
    }
}
