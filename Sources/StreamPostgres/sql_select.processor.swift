import PostgresClient
import StreamRuntime

extension ComponentSpec {
    /// `sql_select` (processor): replaces each message with the rows of a SELECT.
    static let sqlSelectProcessor = ComponentSpec(
        .processor, "sql_select",
        summary:
            "Runs a SELECT against PostgreSQL for each message and replaces the message with the rows, as an array of objects keyed by column name.",
        description: """
            The values of `args_mapping` are bound to the `?` placeholders of `where`, never spliced into the \
            statement. Column values are converted as the `sql_raw` processor describes. When the query fails \
            the message keeps its content and is marked with the error.
            """,
        fields: [SQLConnectionFields.driver, SQLConnectionFields.dsn]
            + SQLSelectQuery.fields(argsExample: "root = [ this.cat.meow, this.doc.woofs[0] ]") + SQLConnectionFields.connection,
        examples: [
            ConfigExample(
                "Enrich from a table",
                summary: "Adds the rows of the message's user at `foo_rows` with a `branch`.",
                yaml: """
                    pipeline:
                      processors:
                        - branch:
                            processors:
                              - sql_select:
                                  driver: postgres
                                  dsn: postgres://foouser:foopass@localhost:5432/testdb?sslmode=disable
                                  table: footable
                                  columns: [ '*' ]
                                  where: user_id = ?
                                  args_mapping: '[ this.user.id ]'
                            result_map: 'root.foo_rows = this'
                    """)
        ]
    ) { config, context in
        let database = try SQLConnectionFields.database(config, context)
        return .processor(SQLSelectProcessor(database: database, query: try SQLSelectQuery.parse(config, context)))
    }
}

/// The `sql_select` processor: a batch runs on one pooled connection.
struct SQLSelectProcessor: Processor {
    let database: SQLDatabase
    let query: SQLSelectQuery

    func process(_ batch: Batch) async -> [Batch] {
        await database.prepare()
        let context = BatchContext(batch)
        let query = self.query
        do {
            // A SELECT changes nothing, so a lost connection is retried on a fresh one.
            let results: [Result<PostgresResult, SQLError>] = try await database.pool.withConnection(idempotent: true) { conn in
                var out: [Result<PostgresResult, SQLError>] = []
                for i in batch.indices {
                    do {
                        let params = try query.args?.arguments(batch, index: i, context: context) ?? []
                        out.append(.success(try conn.query(query.sql, params)))
                    } catch let e as PostgresError where e.isConnectionFailure {
                        throw e
                    } catch {
                        out.append(.failure(SQLError("\(error)")))
                    }
                }
                return out
            }
            var work = batch
            for (i, r) in results.enumerated() {
                switch r {
                case .success(let rows): work[i].setStructured(SQLValues.rows(rows))
                case .failure(let e): work[i].error = e.description
                }
            }
            return [work]
        } catch {
            return [batch.flagged("\(error)")]
        }
    }

    func close() async { database.close() }
}
