import Bloblang
import Foundation
import StreamComponents
import StreamRuntime
import Testing

@testable import PostgresClient
@testable import StreamPostgres

/// Specs, config errors and conversions: no server needed.
@Suite struct SQLSpecTests {
    @Test(arguments: StreamPostgres.all.indices)
    func examplesLint(_ index: Int) {
        let spec = StreamPostgres.all[index]
        #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
        let linter = Linter(registry: PGTest.registry)
        for example in spec.examples {
            let issues = linter.lintExample(example, of: spec).filter { $0.severity == .error }
            #expect(issues.isEmpty, "\(spec.kind.rawValue) \(spec.name) example \(example.title): \(issues)")
        }
        #expect(!spec.summary.isEmpty)
        for field in spec.fields { #expect(!field.summary.isEmpty, "\(spec.name).\(field.name)") }
    }

    @Test(arguments: [
        ("sql_raw:\n  driver: mysql\n  dsn: x\n  query: SELECT 1", "driver"),
        ("sql_raw:\n  driver: postgres\n  dsn: x", "either field 'query' or field 'queries' is required"),
        ("sql_raw:\n  driver: postgres\n  dsn: x\n  query: SELECT 1\n  args_mapping: 'root = ['", "args_mapping"),
        ("sql_raw:\n  driver: postgres\n  dsn: ''\n  query: SELECT 1", "dsn must not be empty"),
        ("sql_raw:\n  driver: postgres\n  dsn: x\n  queries:\n    - query: SELECT 1\n      nope: 1", "nope"),
    ])
    func configErrors(yaml: String, expected: String) {
        do {
            _ = try PGTest.processor(yaml)
            Issue.record("built: \(yaml)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func insertStatementShape() throws {
        let out = try PGTest.output(
            """
            sql_insert:
              driver: postgres
              dsn: x
              table: t
              columns: [a, b]
              args_mapping: root = [1, 2]
              prefix: WITH x AS (SELECT 1)
              suffix: ON CONFLICT DO NOTHING
            """)
        let insert = try #require(out as? SQLInsertOutput)
        #expect(
            insert.statement(rows: 2)
                == "WITH x AS (SELECT 1) INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) ON CONFLICT DO NOTHING")
    }

    @Test(arguments: [
        ("a = ? AND b = ?", "a = $1 AND b = $2"),
        ("doc ?? 'k' AND id = ?", "doc ? 'k' AND id = $1"),
        ("s = 'what?' AND id = ?", "s = 'what?' AND id = $1"),
        ("\"we?ird\" = ?", "\"we?ird\" = $1"),
    ])
    func wherePlaceholders(input: String, expected: String) {
        #expect(SQLConnectionFields.dollarPlaceholders(input).0 == expected)
    }

    @Test(arguments: [
        ("42", PostgresValue.int(42)), ("-7", .int(-7)), ("12.50", .double(12.5)), ("0.000001", .double(0.000001)),
        ("123456789012345", .int(123_456_789_012_345)), ("1234567890.12345", .double(1_234_567_890.12345)),
        ("1234567890.123456", .numeric("1234567890.123456")), ("99999999999999999999", .numeric("99999999999999999999")),
        ("NaN", .numeric("NaN")), ("100.000", .double(100)),
    ])
    func numericRule(text: String, expected: PostgresValue) {
        #expect(PostgresValue.decodeNumeric(text) == expected)
    }

    @Test(arguments: [
        ("2024-05-01 10:00:00+02", false, "2024-05-01T10:00:00+02:00"),
        ("2024-05-01 10:00:00.123456-05:30", false, "2024-05-01T10:00:00.123456-05:30"),
        ("2024-05-01 10:00:00+00", false, "2024-05-01T10:00:00Z"),
        ("2024-05-01 10:00:00.5", true, "2024-05-01T10:00:00.5Z"),
        ("infinity", true, "infinity"),
    ])
    func timestampsBecomeRFC3339(text: String, utc: Bool, expected: String) {
        #expect(PostgresValue.rfc3339(text, assumeUTC: utc) == expected)
    }

    @Test func paramsFromValues() {
        #expect(SQLValues.param(.null) == nil)
        #expect(SQLValues.param(.int(5)) == .text("5"))
        #expect(SQLValues.param(.bool(true)) == .text("true"))
        #expect(SQLValues.param(.float(2.5)) == .text("2.5"))
        #expect(SQLValues.param(.bytes([0, 1])) == .binary([0, 1]))
        #expect(SQLValues.param(.object(["b": .int(1), "a": .array([.string("x")])])) == .text(#"{"a":["x"],"b":1}"#))
    }
}
