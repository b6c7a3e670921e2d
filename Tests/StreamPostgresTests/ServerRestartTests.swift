import Foundation
import PostgresClient
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Restarts a private PostgreSQL (scripts/svc with SLUICE_TEST_SVC_DIR and PG_PORT) while a
/// stream writes to it.
@Suite(.enabled(if: RestartTest.enabled, "set SLUICE_TEST_SVC_DIR and PG_PORT to run the restart tests"), .serialized)
struct ServerRestartTests {
    @Test func noRowIsLostOrDuplicatedAcrossARestart() async throws {
        let dsn = RestartTest.dsn
        let t = PGTest.table("restart")
        try await PGTest.exec("CREATE TABLE \(t) (id bigint PRIMARY KEY, at timestamptz NOT NULL)", dsn: dsn)
        let total = 3000
        let finished = Atomic<Bool>(false)
        let stream = Task {
            defer { finished.store(true, ordering: .sequentiallyConsistent) }
            try await PGTest.runStream(
                """
                http: { enabled: false }
                input:
                  generate:
                    count: \(total)
                    interval: 20ms
                    batch_size: 10
                    mapping: 'root = {"id": counter(), "at": now()}'
                output:
                  sql_insert:
                    driver: postgres
                    dsn: \(PGTest.quoted(dsn))
                    table: \(t)
                    columns: [id, at]
                    args_mapping: 'root = [ this.id, this.at ]'
                    suffix: ON CONFLICT (id) DO NOTHING
                """)
        }
        try await Task.sleep(for: .seconds(1))
        let before = try await PGTest.exec("SELECT pg_postmaster_start_time()::text", dsn: dsn).rows
        try RestartTest.restart()
        let after = try await PGTest.exec("SELECT pg_postmaster_start_time()::text", dsn: dsn).rows
        #expect(before != after, "the server did not restart")
        let endedEarly = finished.load(ordering: .sequentiallyConsistent)
        #expect(!endedEarly, "the stream ended before the restart; make it longer")
        try await stream.value
        let counts = try await PGTest.exec("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM \(t)", dsn: dsn)
        #expect(counts.rows == [[.int(Int64(total)), .int(Int64(total)), .int(1), .int(Int64(total))]])
        try await PGTest.exec("DROP TABLE \(t)", dsn: dsn)
    }

    @Test func poolReconnectsAfterARestart() async throws {
        let pool = PostgresPool(dsn: RestartTest.dsn)
        defer { pool.close() }
        let pid1 = try await pool.query("SELECT pg_backend_pid()").rows
        try RestartTest.restart()
        // The idle connection is dead; the pool notices before using it.
        let pid2 = try await pool.query("SELECT pg_backend_pid()").rows
        #expect(pid1 != pid2)
        // A transaction after another restart retries its BEGIN on a fresh connection.
        try RestartTest.restart()
        let n = try await pool.transaction { conn in try conn.query("SELECT 41 + 1").rows }
        #expect(n == [[.int(42)]])
    }
}

enum RestartTest {
    static let env = ProcessInfo.processInfo.environment
    static var enabled: Bool { !(env["SLUICE_TEST_SVC_DIR"] ?? "").isEmpty && !(env["PG_PORT"] ?? "").isEmpty }
    static var dsn: String { "postgres://sluice:sluice@127.0.0.1:\(env["PG_PORT"] ?? "")/sluice?sslmode=disable" }

    /// `scripts/svc restart pg` with the private server's settings. `system` rather than
    /// `Process`: Foundation's `waitUntilExit` never returned here (the child stayed a zombie).
    static func restart() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let svc = root.appendingPathComponent("scripts/svc").path
        let command =
            "SVC_DIR='\(env["SLUICE_TEST_SVC_DIR"] ?? "")' PG_PORT='\(env["PG_PORT"] ?? "")' '\(svc)' restart pg >/dev/null 2>&1"
        let status = system(command)
        if status != 0 { throw PostgresError(.connectionFailed, "scripts/svc restart pg failed with status \(status)") }
    }
}
