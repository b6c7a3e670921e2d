import Bloblang
import Foundation
import PostgresClient
import StreamComponents
import StreamPostgres
import StreamRuntime
import Testing

/// Settings of the integration tests, from the environment.
enum PGTest {
    /// The database the tests use; the tests are skipped when it is unset.
    static let url: String? = ProcessInfo.processInfo.environment["SLUICE_TEST_DATABASE_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static var enabled: Bool { url != nil }
    static var dsn: String { url ?? "" }
    /// The port of the test server (for DSNs built from it).
    static var port: Int { url.flatMap { URLComponents(string: $0)?.port } ?? 5432 }

    /// A table name unique to this run, so parallel tests and reruns do not meet.
    static func table(_ stem: String) -> String {
        "t_\(stem)_\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Runs one statement on a throwaway pool.
    @discardableResult
    static func exec(_ sql: String, _ params: [PostgresParam?] = [], dsn: String = dsn) async throws -> PostgresResult {
        let pool = PostgresPool(dsn: dsn, options: .init(maxIdle: 0))
        defer { pool.close() }
        return try await pool.query(sql, params)
    }
}

extension PGTest {
    /// The registry of `sluice`: the server-free components plus the `sql_*` ones.
    static let registry = StreamComponents.registry.adding(StreamPostgres.all)

    static func context() -> BuildContext {
        BuildContext(registry: registry, logger: .silent)
    }

    static func processor(_ yaml: String) throws -> any Processor {
        try context().buildProcessor(try ConfigLoader.parseYAML(yaml), path: "pipeline.processors[0]")
    }

    static func output(_ yaml: String) throws -> any Output {
        try context().buildOutput(try ConfigLoader.parseYAML(yaml), path: "output")
    }

    static func input(_ yaml: String) throws -> any Input {
        try context().buildInput(try ConfigLoader.parseYAML(yaml), path: "input")
    }

    /// Runs a whole stream config until its input ends.
    static func runStream(_ yaml: String) async throws {
        let service = try StreamBuilder(registry: registry, logSink: .discard).build(root: try ConfigLoader.parseYAML(yaml))
        try await service.run()
    }

    /// Compact JSON of a value (keys sorted), for comparisons.
    static func json(_ v: Value) -> String { JSONWriter.compactString(v, escapeHTML: false) }

    /// Compact JSON of a message's content.
    static func json(_ m: Message) -> String {
        var m = m
        return (try? m.structured()).map(json) ?? m.text
    }

    /// A YAML single-quoted scalar.
    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
}
