import Bloblang
import PostgresClient
import StreamRuntime

extension ComponentSpec {
    /// `sql_raw` (processor): runs SQL statements for each message, optionally replacing it with the rows.
    static let sqlRawProcessor = ComponentSpec(
        .processor, "sql_raw",
        summary:
            "Runs SQL statements against PostgreSQL for each message and (unless `exec_only`) replaces the message with the rows returned, as an array of objects.",
        description: """
            Values from the message are bound as parameters (`$1`, `$2`, ...) from the array that \
            `args_mapping` returns; they are never spliced into the statement text, so they cannot change it. \
            Null binds NULL, numbers and booleans their text, strings as they are, bytes as binary, arrays and \
            objects as JSON text (for `json`/`jsonb` columns), timestamps as RFC 3339.

            With `queries`, the statements of a message run in one transaction: either all of them take effect \
            or none does. Statements other than the last default to `exec_only: true`; after a statement that \
            returns rows, the argument mappings of the following statements read those rows as the message.

            Rows become objects keyed by column name. Integers become numbers; `float4`/`float8` numbers; \
            `numeric` a number when it is integral or has at most 15 significant digits, a string otherwise (so \
            no digit is lost); `json`/`jsonb` structured values; `timestamp`, `timestamptz` and `date` RFC 3339 \
            strings; `bytea` bytes; `uuid`, text types and everything else strings.

            When a statement fails the message keeps its content and is marked with the error (see \
            `catch` and `error()`); with `queries` the transaction is rolled back.
            """,
        fields: [
            SQLConnectionFields.driver, SQLConnectionFields.dsn,
            FieldSpec(
                "query", .string, "The statement to run, with `$1`, `$2`, ... placeholders.", optional: true,
                examples: [
                    .string("INSERT INTO footable (foo, bar, baz) VALUES ($1, $2, $3);"),
                    .string("SELECT * FROM footable WHERE user_id = $1;"),
                ]),
            SQLRawQuery.unsafeDynamicQueryField,
            SQLRawQuery.argsMappingField,
            FieldSpec(
                "exec_only", .bool,
                "Discard the rows and keep the message as it is (for INSERT, UPDATE, DELETE).", optional: true),
            FieldSpec(
                "queries", .array(.object(SQLRawQuery.entryFields(output: false))),
                "Statements run after `query`, all of a message's statements in one transaction. The message becomes the rows of the last statement that is not `exec_only`.",
                optional: true),
        ] + SQLConnectionFields.connection,
        examples: [
            ConfigExample(
                "Insert rows",
                summary: "Inserts a row for each message and keeps the message as it is.",
                yaml: """
                    pipeline:
                      processors:
                        - sql_raw:
                            driver: postgres
                            dsn: postgres://foouser:foopass@localhost:5432/foodb?sslmode=disable
                            query: "INSERT INTO footable (foo, bar, baz) VALUES ($1, $2, $3);"
                            args_mapping: '[ this.foo, this.bar, meta("kafka_topic") ]'
                            exec_only: true
                    """),
            ConfigExample(
                "Enrich from a table",
                summary: "Looks up the rows of the message's user and adds them at `foo_rows` with a `branch`.",
                yaml: """
                    pipeline:
                      processors:
                        - branch:
                            processors:
                              - sql_raw:
                                  driver: postgres
                                  dsn: postgres://foouser:foopass@localhost:5432/testdb?sslmode=disable
                                  query: "SELECT * FROM footable WHERE user_id = $1;"
                                  args_mapping: '[ this.user.id ]'
                            result_map: 'root.foo_rows = this'
                    """),
            ConfigExample(
                "Several statements in one transaction",
                summary:
                    "Records a finished request, its token usage and the new quota atomically; the message becomes the updated quota row.",
                yaml: """
                    pipeline:
                      processors:
                        - sql_raw:
                            driver: postgres
                            dsn: postgres://app:app@localhost:5432/app?sslmode=disable
                            queries:
                              - query: UPDATE requests SET status = 'done', finished_at = now() WHERE id = $1
                                args_mapping: 'root = [ this.request_id ]'
                              - query: INSERT INTO token_logs (request_id, tokens) VALUES ($1, $2)
                                args_mapping: 'root = [ this.request_id, this.tokens ]'
                              - query: UPDATE quotas SET used = used + $1 WHERE tenant = $2 RETURNING tenant, used
                                args_mapping: 'root = [ this.tokens, this.tenant ]'
                    """),
        ]
    ) { config, context in
        let database = try SQLConnectionFields.database(config, context)
        let queries = try SQLRawQuery.parse(config, context, output: false, lastExecOnlyDefault: false)
        return .processor(SQLRawProcessor(database: database, queries: queries, environment: context.environment))
    }
}

/// The `sql_raw` processor: each batch runs on one pooled connection, message after message.
struct SQLRawProcessor: Processor {
    let database: SQLDatabase
    let queries: [SQLRawQuery]
    let environment: Environment

    func process(_ batch: Batch) async -> [Batch] {
        await database.prepare()
        let context = BatchContext(batch)
        do {
            return [try await database.pool.withConnection { conn in self.run(batch, context: context, on: conn) }]
        } catch {
            return [batch.flagged("\(error)")]
        }
    }

    func close() async { database.close() }

    private func run(_ batch: Batch, context: BatchContext, on conn: PostgresConnection) -> Batch {
        var work = batch
        let transactional = queries.count > 1
        for i in work.indices {
            let original = work[i]
            do {
                if transactional { _ = try conn.execute("BEGIN") }
                for q in queries {
                    let result = try q.run(work, index: i, environment: environment, context: context, on: conn)
                    if !q.execOnly { work[i].setStructured(SQLValues.rows(result)) }
                }
                if transactional { _ = try conn.execute("COMMIT") }
            } catch {
                if transactional, conn.inTransaction { _ = try? conn.execute("ROLLBACK") }
                work[i] = original
                work[i].error = "\(error)"
            }
        }
        return work
    }
}
