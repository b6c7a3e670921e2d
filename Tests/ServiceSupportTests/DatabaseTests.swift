import Bloblang
import BloblangStdlib
import Foundation
import PostgresClient
import Testing

@testable import ServiceSupport

/// Against a real PostgreSQL (SLUICE_TEST_DATABASE_URL), each test in a schema of its own so
/// that it shares the server with other tests safely.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_TEST_DATABASE_URL"] != nil))
struct DatabaseTests {
    /// Runs `body` with a pool whose sessions use a fresh schema, dropped afterwards.
    func withSchema(_ body: (PostgresPool) async throws -> Void) async throws {
        let base = ProcessInfo.processInfo.environment["SLUICE_TEST_DATABASE_URL"] ?? ""
        let schema = "platform_test_\(UInt32.random(in: 0...UInt32.max))"
        let admin = PostgresPool(dsn: base)
        defer { admin.close() }
        _ = try await admin.query("CREATE SCHEMA \(schema)")
        let separator = base.contains("?") ? "&" : "?"
        let pool = PostgresPool(dsn: base + separator + "options=-csearch_path%3D\(schema)")
        do {
            try await body(pool)
        } catch {
            pool.close()
            _ = try? await admin.query("DROP SCHEMA \(schema) CASCADE")
            throw error
        }
        pool.close()
        _ = try await admin.query("DROP SCHEMA \(schema) CASCADE")
    }

    @Test func migrationsApplyOnceAndAreRecorded() async throws {
        try await withSchema { pool in
            let migrator = Migrator(directory: TestPaths.inRepository("migrations"))
            let expected = try migrator.migrations().map(\.version)
            #expect(try await migrator.migrate(pool) == expected)
            #expect(try await migrator.migrate(pool) == [])
            let recorded = try await pool.query("SELECT version FROM schema_migrations ORDER BY version")
            #expect(recorded.rows.map { $0.first } == expected.map { PostgresValue.text($0) })
            let tables = try await pool.query(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")
            #expect(tables.rows.map { $0.first } == ["requests", "schema_migrations", "token_logs", "users"].map { .text($0) })
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await withSchema { pool in
            let dir = try TestPaths.temporaryFolder("migrations")
            try "CREATE TABLE a (x int);".write(toFile: "\(dir)/001_a.sql", atomically: true, encoding: .utf8)
            try "CREATE TABLE b (x nosuchtype);".write(toFile: "\(dir)/002_b.sql", atomically: true, encoding: .utf8)
            await #expect(throws: Migrator.MigrationError.self) { try await Migrator(directory: dir).migrate(pool) }
            let tables = try await pool.query(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
            #expect(tables.rows.first?.first == .int(0))
        }
    }

    @Test func aCreatedUserHasAHashedKeyThatTheGatewayMappingFinds() async throws {
        try await withSchema { pool in
            _ = try await Migrator(directory: TestPaths.inRepository("migrations")).migrate(pool)
            let admin = UserAdmin(pool: pool)
            let key = try await admin.create(name: "alice", quota: 1000)
            #expect(key.hasPrefix("sk-") && key.count == 46)
            #expect(try await admin.create(name: "bob", quota: 5) != key)
            await #expect(throws: UserAdmin.AdminError.self) { _ = try await admin.create(name: "alice", quota: 1) }

            // The hash the gateway's request.blobl computes is the one stored.
            let mapping = try Environment.standard.parse(#"root = this.key.hash("sha256").encode("hex")"#)
            let ctx = mapping.makeContext()
            mapping.prepare(ctx, content: [], this: .object(["key": .string(key)]), metadata: [:])
            try mapping.execute(ctx)
            guard case .string(let hash) = ctx.root else {
                Issue.record("the mapping gave \(ctx.root)")
                return
            }
            let found = try await pool.query("SELECT name FROM users WHERE api_key_hash = $1", [.text(hash)])
            #expect(found.rows.first?.first == .text("alice"))
            let stored = try await pool.query("SELECT count(*) FROM users WHERE api_key_hash = $1 OR name = $1", [.text(key)])
            #expect(stored.rows.first?.first == .int(0))

            let usage = try await admin.usage(name: "alice")
            #expect(usage == UserAdmin.Usage(name: "alice", tokenQuota: 1000, tokensUsed: 0, remainingTokens: 1000, requests: [:]))
            await #expect(throws: UserAdmin.AdminError.self) { _ = try await admin.usage(name: "nobody") }
        }
    }
}
