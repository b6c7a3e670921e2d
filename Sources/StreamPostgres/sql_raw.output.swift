import Bloblang
import PostgresClient
import StreamRuntime

extension ComponentSpec {
    /// `sql_raw` (output): runs SQL statements for each message.
    static let sqlRawOutput = ComponentSpec(
        .output, "sql_raw",
        summary: "Runs SQL statements against PostgreSQL for each message.",
        description: """
            Values from the message are bound as parameters (`$1`, `$2`, ...) from the array that \
            `args_mapping` returns, never spliced into the statement (see the `sql_raw` processor for how \
            values are bound).

            A batch of several messages, or a config with several `queries`, is written in one transaction: \
            the batch is acknowledged only after the commit, and a failure rolls the whole batch back, so a \
            retried batch does not write any row twice. (Benthos runs a single query per message without a \
            transaction.) When an entry of `queries` has a `when` condition, each message runs only the first \
            entry whose condition holds (or that has none); otherwise every entry runs for each message.

            A lost connection (server restart) makes the pipeline reconnect and write the batch again; other \
            failures reject (nack) the batch, so the input redelivers it.
            """,
        fields: [
            SQLConnectionFields.driver, SQLConnectionFields.dsn,
            FieldSpec(
                "query", .string, "The statement to run, with `$1`, `$2`, ... placeholders.", optional: true,
                examples: [.string("INSERT INTO footable (foo, bar, baz) VALUES ($1, $2, $3);")]),
            SQLRawQuery.unsafeDynamicQueryField,
            SQLRawQuery.argsMappingField,
            FieldSpec(
                "queries", .array(.object(SQLRawQuery.entryFields(output: true))),
                "Statements run after `query` for each message (or, with `when` conditions, the first that applies).",
                optional: true),
        ] + SQLOutputSupport.fields + SQLConnectionFields.connection,
        examples: [
            ConfigExample(
                "Insert rows",
                summary: "Inserts a row per message from its fields and metadata.",
                yaml: """
                    output:
                      sql_raw:
                        driver: postgres
                        dsn: postgres://foouser:foopass@localhost:5432/foodb?sslmode=disable
                        query: "INSERT INTO footable (id, name, topic) VALUES ($1, $2, $3);"
                        args_mapping: |
                          root = [
                            this.user.id,
                            this.user.name,
                            meta("kafka_topic"),
                          ]
                    """),
            ConfigExample(
                "Upsert or delete",
                summary: "Deletes the row of tombstone messages and upserts the others.",
                yaml: """
                    output:
                      sql_raw:
                        driver: postgres
                        dsn: postgres://localhost/postgres
                        queries:
                          - when: 'root = meta("tombstone") == "true"'
                            query: 'DELETE FROM users WHERE id = $1'
                            args_mapping: 'root = [this.id]'
                          - query: |
                              INSERT INTO users (id, name) VALUES ($1, $2)
                              ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
                            args_mapping: 'root = [this.id, this.name]'
                    """),
        ]
    ) { config, context in
        let database = try SQLConnectionFields.database(config, context)
        let queries = try SQLRawQuery.parse(config, context, output: true, lastExecOnlyDefault: true)
        try SQLOutputSupport.check(config, context)
        return .output(SQLRawOutput(database: database, queries: queries, environment: context.environment))
    }
}

/// The `sql_raw` output.
struct SQLRawOutput: Output {
    let database: SQLDatabase
    let queries: [SQLRawQuery]
    let environment: Environment

    func connect() async throws { try await database.connect() }

    func write(_ batch: Batch) async throws {
        guard !batch.isEmpty else { return }
        let context = BatchContext(batch)
        let conditional = queries.contains { $0.when != nil }
        let body: @Sendable (PostgresConnection) throws -> Void = { conn in
            for i in batch.indices {
                for q in queries {
                    if conditional {
                        if let when = q.when, try !when.condition(batch, index: i, context: context) { continue }
                        _ = try q.run(batch, index: i, environment: environment, context: context, on: conn)
                        break
                    }
                    _ = try q.run(batch, index: i, environment: environment, context: context, on: conn)
                }
            }
        }
        do {
            if batch.count == 1 && (queries.count == 1 || conditional) {
                try await database.pool.withConnection(body)
            } else {
                try await database.pool.transaction(body)
            }
        } catch {
            throw SQLOutputSupport.rethrow(error)
        }
    }

    func close() async { database.close() }
}
