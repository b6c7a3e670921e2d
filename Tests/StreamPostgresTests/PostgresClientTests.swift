import Foundation
import PostgresClient
import Testing

@Suite(.enabled(if: PGTest.enabled, "set SLUICE_TEST_DATABASE_URL to run the PostgreSQL tests"))
struct PostgresClientTests {
    @Test func decodesEveryType() async throws {
        let pool = PostgresPool(dsn: PGTest.dsn)
        defer { pool.close() }
        let r = try await pool.query(
            """
            SELECT 1::int2 AS a, 2::int4 AS b, 9007199254740993::int8 AS c, 1.5::float4 AS d, 2.25::float8 AS e,
                   12.50::numeric AS f, 123456789012345678901234567890.5::numeric AS g, 42::numeric AS h,
                   true AS i, false AS j, 'héllo'::text AS k, 'v'::varchar(3) AS l, 'n'::name AS m, 'c'::char(3) AS n,
                   '{"x": [1, 2.5, "y"]}'::jsonb AS o, '[true]'::json AS p,
                   '2024-05-01 10:00:00.5+02'::timestamptz AT TIME ZONE 'UTC' AS q,
                   '2024-05-01 10:00:00+00'::timestamptz AS r, '2024-05-01'::date AS s,
                   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS t, '\\x00ff10'::bytea AS u, NULL::text AS v
            """, idempotent: true)
        #expect(
            r.columns.map(\.name) == [
                "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
            ])
        let row = try #require(r.rows.first)
        #expect(row[0] == .int(1))
        #expect(row[1] == .int(2))
        #expect(row[2] == .int(9_007_199_254_740_993))
        #expect(row[3] == .double(1.5))
        #expect(row[4] == .double(2.25))
        #expect(row[5] == .double(12.5))
        #expect(row[6] == .numeric("123456789012345678901234567890.5"))
        #expect(row[7] == .int(42))
        #expect(row[8] == .bool(true))
        #expect(row[9] == .bool(false))
        #expect(row[10] == .text("héllo"))
        #expect(row[11] == .text("v"))
        #expect(row[12] == .text("n"))
        #expect(row[13] == .text("c  "))
        #expect(row[14] == .json(#"{"x": [1, 2.5, "y"]}"#))
        #expect(row[15] == .json("[true]"))
        #expect(row[16] == .timestamp("2024-05-01T08:00:00.5Z"))
        if case .timestamp(let t) = row[17] {
            // The session time zone decides the offset; the instant must be the same.
            let f = ISO8601DateFormatter()
            #expect(f.date(from: t) == f.date(from: "2024-05-01T10:00:00Z"), "\(t)")
        } else {
            Issue.record("timestamptz decoded as \(row[17])")
        }
        #expect(row[18] == .timestamp("2024-05-01T00:00:00Z"))
        #expect(row[19] == .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
        #expect(row[20] == .bytes([0, 255, 16]))
        #expect(row[21] == .null)
    }

    @Test func bindsParametersVerbatim() async throws {
        let pool = PostgresPool(dsn: PGTest.dsn)
        defer { pool.close() }
        let hostile = "'); DROP TABLE x; -- \\ \" ' ü 日本 🎉"
        let r = try await pool.query(
            "SELECT $1::text AS s, $2::int8 AS n, $3::bytea AS b, $4::text AS nul",
            [.text(hostile), .text("7"), .binary([0, 1, 2]), nil])
        #expect(r.rows.first == [.text(hostile), .int(7), .bytes([0, 1, 2]), .null])
    }

    @Test func textWithNULIsRejected() async throws {
        let pool = PostgresPool(dsn: PGTest.dsn)
        defer { pool.close() }
        await #expect {
            try await pool.query("SELECT $1::text", [.text("a\u{0}b")])
        } throws: { error in
            (error as? PostgresError)?.code == .invalidParameter && "\(error)".contains("NUL")
        }
    }

    @Test func serverErrorsCarrySQLState() async throws {
        let pool = PostgresPool(dsn: PGTest.dsn)
        defer { pool.close() }
        do {
            _ = try await pool.query("SELECT * FROM no_such_table_here")
            Issue.record("expected an error")
        } catch let e as PostgresError {
            #expect(e.code == .statementFailed)
            #expect(e.sqlState == "42P01")
            #expect(e.message.contains("no_such_table_here"))
        }
        let t = PGTest.table("dup")
        try await PGTest.exec("CREATE TABLE \(t) (id int primary key)")
        defer { Task { try? await PGTest.exec("DROP TABLE IF EXISTS \(t)") } }
        _ = try await pool.query("INSERT INTO \(t) VALUES (1)")
        do {
            _ = try await pool.query("INSERT INTO \(t) VALUES (1)")
            Issue.record("expected an error")
        } catch let e as PostgresError {
            #expect(e.sqlState == "23505")
            #expect(e.detail?.contains("(id)=(1)") == true)
        }
    }

    @Test func transactionRollsBackOnError() async throws {
        let t = PGTest.table("tx")
        try await PGTest.exec("CREATE TABLE \(t) (id int primary key)")
        let pool = PostgresPool(dsn: PGTest.dsn)
        defer { pool.close() }
        await #expect(throws: PostgresError.self) {
            try await pool.transaction { conn in
                _ = try conn.query("INSERT INTO \(t) VALUES (1)")
                _ = try conn.query("INSERT INTO \(t) VALUES (1)")
            }
        }
        let count = try await pool.query("SELECT count(*) FROM \(t)")
        #expect(count.rows.first == [.int(0)])
        try await pool.transaction { conn in _ = try conn.query("INSERT INTO \(t) VALUES (2)") }
        #expect(try await pool.query("SELECT count(*) FROM \(t)").rows.first == [.int(1)])
        try await PGTest.exec("DROP TABLE \(t)")
    }

    @Test(arguments: [
        ("postgres://sluice:wrong-password@127.0.0.1:\(PGTest.port)/sluice?sslmode=disable", "password authentication failed"),
        ("postgres://sluice:sluice@127.0.0.1:1/sluice?sslmode=disable", "127.0.0.1:1"),
        ("host=10.255.255.1 port=5432 dbname=x user=y connect_timeout=1", "10.255.255.1"),
        ("postgres://%zz@", "cannot connect"),
    ])
    func connectionFailuresAreClear(dsn: String, expected: String) async throws {
        let pool = PostgresPool(dsn: dsn)
        defer { pool.close() }
        do {
            _ = try await pool.query("SELECT 1")
            Issue.record("connected with \(dsn)")
        } catch let e as PostgresError {
            #expect(e.code == .connectionFailed)
            #expect("\(e)".contains(expected), "\(e)")
            #expect(!"\(e)".contains("wrong-password"))
        }
        #expect(pool.openCount == 0)
    }

    @Test func poolLimitsOpenConnections() async throws {
        let pool = PostgresPool(dsn: PGTest.dsn, options: .init(maxOpen: 2, maxIdle: 2))
        defer { pool.close() }
        let pids = try await withThrowingTaskGroup(of: PostgresValue.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.query("SELECT pg_backend_pid() FROM pg_sleep(0.05)").rows[0][0]
                }
            }
            var all = Set<PostgresValue>()
            for try await pid in group { all.insert(pid) }
            return all
        }
        #expect(pids.count <= 2)
        #expect(pool.openCount <= 2)
    }

    @Test func keyValueConninfoWorks() async throws {
        let url = try #require(URLComponents(string: PGTest.dsn))
        let conninfo =
            "host=\(url.host ?? "") port=\(url.port ?? 5432) dbname=\(url.path.dropFirst()) user=\(url.user ?? "") password=\(url.password ?? "")"
        let r = try await PGTest.exec("SELECT current_user", dsn: conninfo)
        #expect(r.rows.first == [.text(url.user ?? "")])
    }
}
