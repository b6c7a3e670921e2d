import Bloblang
import Foundation
import PostgresClient
import StreamPostgres
import StreamRuntime
import Testing

@Suite(.enabled(if: PGTest.enabled, "set SLUICE_TEST_DATABASE_URL to run the PostgreSQL tests"))
struct SQLComponentTests {
    static var dsn: String { PGTest.quoted(PGTest.dsn) }

    @Test func rawProcessorReturnsRowsOfEveryType() async throws {
        let p = try PGTest.processor(
            """
            sql_raw:
              driver: postgres
              dsn: \(Self.dsn)
              query: |
                SELECT $1::int4 AS i4, 9007199254740993::int8 AS i8, 2::int2 AS i2, 0.5::float4 AS f4, $2::float8 AS f8,
                       12.50::numeric AS n1, 123456789012345678901234567890.5::numeric AS n2, $3::bool AS b,
                       $4::text AS t, 'x'::varchar AS v, 'c'::char(2) AS c, $5::jsonb AS j, '{"a":1}'::json AS j2,
                       '2024-05-01 10:00:00.25'::timestamp AS ts, '2024-05-01'::date AS d,
                       $6::uuid AS u, '\\x0102'::bytea AS by, $7::text AS nul,
                       '2024-05-01 10:00:00+00'::timestamptz AT TIME ZONE 'UTC' AS utc
              args_mapping: 'root = [ this.n, 2.5, true, this.s, this.doc, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", null ]'
            """)
        let out = await p.process([Message(#"{"n": 7, "s": "héllo", "doc": {"k": [1, "two", null]}}"#)])
        let m = try #require(out.first?.first)
        #expect(m.error == nil, "\(m.error ?? "")")
        #expect(
            PGTest.json(m)
                == #"[{"b":true,"by":"AQI=","c":"c ","d":"2024-05-01T00:00:00Z","f4":0.5,"f8":2.5,"i2":2,"i4":7,"i8":9007199254740993,"j":{"k":[1,"two",null]},"j2":{"a":1},"n1":12.5,"n2":"123456789012345678901234567890.5","nul":null,"t":"héllo","ts":"2024-05-01T10:00:00.25Z","u":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","utc":"2024-05-01T10:00:00Z","v":"x"}]"#,
            "\(PGTest.json(m))")
        if case .array(let rows)? = {
            var c = m; return try? c.structured()
        }(), case .object(let row) = rows[0],
            case .bytes(let b)? = row["by"]
        {
            #expect(b == [1, 2])
        } else {
            Issue.record("bytea is not bytes")
        }
        await p.close()
    }

    @Test func hostileStringsAreStoredVerbatim() async throws {
        let t = PGTest.table("inj")
        try await PGTest.exec("CREATE TABLE \(t) (id int PRIMARY KEY, s text, doc jsonb)")
        let hostile = [
            "'); DROP TABLE \(t); --", #"Robert"); DELETE FROM \#(t) WHERE (""="#, "\\'\\\\ \\x00 $1 ? ??",
            "\"quoted\" 'single' `back`", "ünïcödé 日本語 🎉 \u{202E}rtl", "$$ dollar $$ quoting $tag$",
        ]
        let out = try PGTest.output(
            """
            sql_insert:
              driver: postgres
              dsn: \(Self.dsn)
              table: \(t)
              columns: [id, s, doc]
              args_mapping: 'root = [ this.id, this.s, {"s": this.s} ]'
            """)
        try await out.connect()
        let batch = hostile.enumerated().map { i, s in
            Message(structured: .object(["id": .int(Int64(i)), "s": .string(s)]))
        }
        try await out.write(batch)
        await out.close()
        let rows = try await PGTest.exec("SELECT id, s, doc->>'s' FROM \(t) ORDER BY id")
        #expect(rows.rows.count == hostile.count)
        for (i, s) in hostile.enumerated() {
            #expect(rows.rows[i] == [.int(Int64(i)), .text(s), .text(s)])
        }
        try await PGTest.exec("DROP TABLE \(t)")
    }

    @Test func queriesRunInOneTransaction() async throws {
        let a = PGTest.table("txa"), b = PGTest.table("txb")
        try await PGTest.exec("CREATE TABLE \(a) (id int PRIMARY KEY)")
        try await PGTest.exec("CREATE TABLE \(b) (id int PRIMARY KEY, n int NOT NULL)")
        let p = try PGTest.processor(
            """
            sql_raw:
              driver: pgx
              dsn: \(Self.dsn)
              queries:
                - query: INSERT INTO \(a) (id) VALUES ($1)
                  args_mapping: 'root = [ this.id ]'
                - query: INSERT INTO \(b) (id, n) VALUES ($1, $2)
                  args_mapping: 'root = [ this.id, this.n ]'
                - query: SELECT count(*) AS c FROM \(a)
            """)
        // The second message's n is null: its second statement fails, so its first is rolled back.
        let out = await p.process([
            Message(#"{"id": 1, "n": 5}"#), Message(#"{"id": 2, "n": null}"#), Message(#"{"id": 3, "n": 6}"#),
        ])
        let msgs = try #require(out.first)
        #expect(msgs.count == 3)
        #expect(msgs[0].error == nil)
        #expect(PGTest.json(msgs[0]) == #"[{"c":1}]"#)
        let failure = try #require(msgs[1].error)
        #expect(failure.contains("23502"), "\(failure)")  // not_null_violation
        #expect(PGTest.json(msgs[1]) == #"{"id":2,"n":null}"#)  // unchanged
        #expect(PGTest.json(msgs[2]) == #"[{"c":2}]"#)
        let ids = try await PGTest.exec("SELECT id FROM \(a) ORDER BY id")
        #expect(ids.rows == [[.int(1)], [.int(3)]])
        await p.close()
        try await PGTest.exec("DROP TABLE \(a), \(b)")
    }

    @Test func execOnlyKeepsTheMessage() async throws {
        let p = try PGTest.processor(
            """
            sql_raw:
              driver: postgres
              dsn: \(Self.dsn)
              query: SELECT 1
              exec_only: true
            """)
        let out = await p.process([Message("keep me")])
        #expect(out.first?.first?.text == "keep me")
        #expect(out.first?.first?.error == nil)
        await p.close()
    }

    @Test func rawOutputRollsBackTheWholeBatch() async throws {
        let t = PGTest.table("rawout")
        try await PGTest.exec("CREATE TABLE \(t) (id int PRIMARY KEY, v text NOT NULL)")
        let out = try PGTest.output(
            """
            sql_raw:
              driver: postgres
              dsn: \(Self.dsn)
              query: INSERT INTO \(t) (id, v) VALUES ($1, $2)
              args_mapping: 'root = [ this.id, this.v ]'
            """)
        try await out.connect()
        await #expect(throws: (any Error).self) {
            try await out.write([Message(#"{"id":1,"v":"a"}"#), Message(#"{"id":2,"v":null}"#)])
        }
        #expect(try await PGTest.exec("SELECT count(*) FROM \(t)").rows == [[.int(0)]])
        try await out.write([Message(#"{"id":1,"v":"a"}"#), Message(#"{"id":2,"v":"b"}"#)])
        #expect(try await PGTest.exec("SELECT count(*) FROM \(t)").rows == [[.int(2)]])
        await out.close()
        try await PGTest.exec("DROP TABLE \(t)")
    }

    @Test func insertBatchesLargerThanTheParameterLimit() async throws {
        let t = PGTest.table("big")
        let out = try PGTest.output(
            """
            sql_insert:
              driver: postgres
              dsn: \(Self.dsn)
              init_statement: CREATE TABLE IF NOT EXISTS \(t) (a int, b int, c int, d int)
              table: \(t)
              columns: [a, b, c, d]
              args_mapping: 'root = [ this.i, this.i, this.i, this.i ]'
            """)
        try await out.connect()
        // 20 000 rows × 4 columns = 80 000 parameters: two statements in one transaction.
        let batch = (0..<20_000).map { Message(structured: .object(["i": .int(Int64($0))])) }
        try await out.write(batch)
        #expect(try await PGTest.exec("SELECT count(*), sum(a) FROM \(t)").rows == [[.int(20_000), .int(199_990_000)]])
        await out.close()
        try await PGTest.exec("DROP TABLE \(t)")
    }

    @Test func selectProcessorAndInput() async throws {
        let t = PGTest.table("sel")
        try await PGTest.exec("CREATE TABLE \(t) (id int PRIMARY KEY, kind text, doc jsonb)")
        try await PGTest.exec(
            "INSERT INTO \(t) SELECT g, CASE WHEN g % 2 = 0 THEN 'even' ELSE 'odd' END, jsonb_build_object('g', g) FROM generate_series(1, 1203) g"
        )
        let p = try PGTest.processor(
            """
            sql_select:
              driver: postgres
              dsn: \(Self.dsn)
              table: \(t)
              columns: [id, doc]
              where: kind = ? AND id < ?
              args_mapping: 'root = [ this.kind, this.below ]'
              suffix: ORDER BY id
            """)
        let out = await p.process([Message(#"{"kind":"even","below":7}"#), Message(#"{"kind":"odd","below":4}"#)])
        #expect(
            out.first.map { $0.map(PGTest.json) } == [
                #"[{"doc":{"g":2},"id":2},{"doc":{"g":4},"id":4},{"doc":{"g":6},"id":6}]"#,
                #"[{"doc":{"g":1},"id":1},{"doc":{"g":3},"id":3}]"#,
            ])
        await p.close()

        let input = try PGTest.input(
            """
            sql_select:
              driver: postgres
              dsn: \(Self.dsn)
              table: \(t)
              columns: ['*']
              where: kind = ?
              args_mapping: 'root = [ "odd" ]'
              suffix: ORDER BY id
            """)
        try await input.connect()
        var ids: [String] = []
        var nackedOnce = false
        while true {
            let batch: Batch
            let ack: AckHandler
            do {
                (batch, ack) = try await input.read()
            } catch InputError.endOfInput {
                break
            }
            var m = try #require(batch.first)
            guard case .object(let o) = try m.structured(), let id = o["id"] else { Issue.record("no id"); break }
            ids.append(PGTest.json(id))
            if !nackedOnce, ids.count == 10 {
                // A rejected row comes back.
                nackedOnce = true
                await ack(.nack("test"))
            } else {
                await ack(.ack)
            }
        }
        await input.close()
        #expect(ids.count == 603)
        #expect(Set(ids).count == 602)
        try await PGTest.exec("DROP TABLE \(t)")
    }

    @Test func initFilesRunOnce() async throws {
        let t = PGTest.table("init")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "CREATE TABLE IF NOT EXISTS \(t) (id int);\nINSERT INTO \(t) VALUES (1);".write(
            to: dir.appendingPathComponent("01.sql"), atomically: true, encoding: .utf8)
        try "INSERT INTO \(t) VALUES (2);".write(to: dir.appendingPathComponent("02.sql"), atomically: true, encoding: .utf8)
        let out = try PGTest.output(
            """
            sql_raw:
              driver: postgres
              dsn: \(Self.dsn)
              init_files: [ '\(dir.path)/*.sql' ]
              init_statement: INSERT INTO \(t) VALUES (3)
              query: INSERT INTO \(t) VALUES ($1)
              args_mapping: root = [ 4 ]
            """)
        try await out.connect()
        try await out.connect()
        try await out.write([Message("{}")])
        #expect(try await PGTest.exec("SELECT id FROM \(t) ORDER BY id").rows == [[.int(1)], [.int(2)], [.int(3)], [.int(4)]])
        await out.close()
        try await PGTest.exec("DROP TABLE \(t)")
    }

    // MARK: - Failures

    @Test func missingTableMarksTheMessage() async throws {
        let p = try PGTest.processor(
            """
            sql_raw:
              driver: postgres
              dsn: \(Self.dsn)
              query: SELECT * FROM no_such_table_xyz WHERE id = $1
              args_mapping: root = [ 1 ]
            """)
        let out = await p.process([Message("original")])
        let m = try #require(out.first?.first)
        #expect(m.text == "original")
        #expect(m.error?.contains("no_such_table_xyz") == true)
        #expect(m.error?.contains("42P01") == true)
        await p.close()
    }

    @Test(arguments: [
        ("postgres://sluice:not-the-password@127.0.0.1:\(PGTest.port)/sluice?sslmode=disable", "password authentication failed"),
        ("postgres://sluice:sluice@127.0.0.1:1/sluice?sslmode=disable", "127.0.0.1:1"),
        ("host=10.255.255.1 port=5432 dbname=x user=y connect_timeout=1", "10.255.255.1"),
        ("this is not a dsn", "cannot connect"),
    ])
    func unreachableDatabasesGiveClearErrors(dsn: String, expected: String) async throws {
        let out = try PGTest.output(
            """
            sql_insert:
              driver: postgres
              dsn: \(PGTest.quoted(dsn))
              table: t
              columns: [a]
              args_mapping: root = [ 1 ]
            """)
        do {
            try await out.connect()
            Issue.record("connected to \(dsn)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
            #expect(!"\(error)".contains("not-the-password"))
        }
        await out.close()
        let p = try PGTest.processor(
            """
            sql_raw:
              driver: postgres
              dsn: \(PGTest.quoted(dsn))
              query: SELECT 1
            """)
        let m = await p.process([Message("x")]).first?.first
        #expect(m?.error?.contains(expected) == true, "\(m?.error ?? "no error")")
        await p.close()
    }

    @Test func badArgumentsFailTheWrite() async throws {
        let out = try PGTest.output(
            """
            sql_insert:
              driver: postgres
              dsn: \(Self.dsn)
              table: whatever
              columns: [a, b]
              args_mapping: root = [ 1 ]
            """)
        await #expect {
            try await out.write([Message("{}")])
        } throws: { error in
            "\(error)".contains("1 values for the 2 columns")
        }
        let p = try PGTest.processor(
            """
            sql_raw:
              driver: postgres
              dsn: \(Self.dsn)
              query: SELECT $1::text
              args_mapping: root = this.missing.field.uppercase()
            """)
        let m = await p.process([Message("{}")]).first?.first
        #expect(m?.error?.contains("arguments mapping failed") == true, "\(m?.error ?? "")")
        await p.close()
    }
}
