import Bloblang
import PostgresClient
import StreamRuntime

extension ComponentSpec {
    /// `sql_insert`: a row per message, a batch as one multi-row INSERT.
    static let sqlInsertOutput = ComponentSpec(
        .output, "sql_insert",
        summary: "Inserts a row into a PostgreSQL table for each message; a batch becomes one multi-row INSERT.",
        description: """
            `args_mapping` gives, for each message, the array of values of `columns` (in order); values are \
            bound as parameters, never spliced into the statement. A batch of messages is written as one \
            `INSERT ... VALUES (...), (...)` (split in several statements inside one transaction when it would \
            pass PostgreSQL's 65535 parameters), so the batch is stored all or nothing and acknowledged only \
            after the commit.

            `suffix` can make writes idempotent: with a unique key and `ON CONFLICT DO NOTHING`, a batch that \
            is written again after a failure (a lost connection, a server restart) stores each row exactly \
            once; without it delivery is at least once. A lost connection makes the pipeline reconnect and \
            write the batch again; other failures reject (nack) the batch.

            `table` and `columns` are written into the statement as given: they come from the config, not \
            from messages.
            """,
        fields: [
            SQLConnectionFields.driver, SQLConnectionFields.dsn,
            FieldSpec("table", .string, "The table to insert into.", examples: [.string("foo")]),
            FieldSpec("columns", .array(.string), "The columns to insert.", examples: [.array(["foo", "bar", "baz"])]),
            FieldSpec(
                "args_mapping", .bloblang, "A mapping returning the array of values of `columns`, in order.",
                examples: [.string("root = [ this.cat.meow, this.doc.woofs[0] ]"), .string(#"root = [ meta("user.id") ]"#)]),
            FieldSpec("prefix", .string, "Text put before `INSERT` (e.g. a `WITH` clause).", optional: true, advanced: true),
            FieldSpec(
                "suffix", .string, "Text put after the values (e.g. `ON CONFLICT`, `RETURNING`).", optional: true,
                advanced: true, examples: [.string("ON CONFLICT (name) DO NOTHING")]),
        ] + SQLOutputSupport.fields + SQLConnectionFields.connection,
        examples: [
            ConfigExample(
                "Insert rows",
                summary: "Inserts the id, name and topic of each message.",
                yaml: """
                    output:
                      sql_insert:
                        driver: postgres
                        dsn: postgres://foouser:foopass@localhost:5432/foodb?sslmode=disable
                        table: footable
                        columns: [ id, name, topic ]
                        args_mapping: |
                          root = [
                            this.user.id,
                            this.user.name,
                            meta("kafka_topic"),
                          ]
                    """),
            ConfigExample(
                "Exactly once with a unique key",
                summary: "Rows written again after a failure are skipped, so each event is stored once.",
                yaml: """
                    input:
                      generate:
                        count: 1000
                        interval: ""
                        batch_size: 100
                        mapping: 'root = {"id": counter(), "at": now()}'
                    output:
                      sql_insert:
                        driver: postgres
                        dsn: postgres://app:app@localhost:5432/app?sslmode=disable
                        table: events
                        columns: [ id, at ]
                        args_mapping: 'root = [ this.id, this.at ]'
                        suffix: ON CONFLICT (id) DO NOTHING
                        init_statement: CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, at timestamptz)
                    """),
        ]
    ) { config, context in
        let database = try SQLConnectionFields.database(config, context)
        let columns = try config.stringList("columns")
        if columns.isEmpty { throw config.error("columns must name at least one column", field: "columns") }
        let table = try config.string("table")
        if table.isEmpty { throw config.error("table must not be empty", field: "table") }
        let args = SQLMessageMapping(mapping: try context.mapping(config, "args_mapping"))
        try SQLOutputSupport.check(config, context)
        return .output(
            SQLInsertOutput(
                database: database, table: table, columns: columns, args: args,
                prefix: try config.optionalString("prefix") ?? "", suffix: try config.optionalString("suffix") ?? ""))
    }
}

/// The `sql_insert` output.
struct SQLInsertOutput: Output {
    let database: SQLDatabase
    let table: String
    let columns: [String]
    let args: SQLMessageMapping
    let prefix: String
    let suffix: String

    /// PostgreSQL's limit on the parameters of one statement.
    static let maxParameters = 65535

    func connect() async throws { try await database.connect() }

    func write(_ batch: Batch) async throws {
        guard !batch.isEmpty else { return }
        let context = BatchContext(batch)
        var params: [PostgresParam?] = []
        params.reserveCapacity(batch.count * columns.count)
        for i in batch.indices {
            let row = try args.arguments(batch, index: i, context: context)
            guard row.count == columns.count else {
                throw SQLError(
                    "args_mapping returned \(row.count) values for the \(columns.count) columns \(columns.joined(separator: ", ")) (message \(i))"
                )
            }
            params += row
        }
        let rowsPerStatement = max(1, Self.maxParameters / columns.count)
        var statements: [(String, [PostgresParam?])] = []
        var start = 0
        while start < batch.count {
            let n = min(rowsPerStatement, batch.count - start)
            let slice = Array(params[(start * columns.count)..<((start + n) * columns.count)])
            statements.append((statement(rows: n), slice))
            start += n
        }
        let all = statements
        do {
            if all.count == 1 {
                let (sql, p) = all[0]
                _ = try await database.pool.query(sql, p)
            } else {
                try await database.pool.transaction { conn in
                    for (sql, p) in all { _ = try conn.query(sql, p) }
                }
            }
        } catch {
            throw SQLOutputSupport.rethrow(error)
        }
    }

    func close() async { database.close() }

    /// `prefix INSERT INTO table (a, b) VALUES ($1, $2), ($3, $4) suffix`.
    func statement(rows: Int) -> String {
        var sql = prefix.isEmpty ? "" : prefix + " "
        sql += "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var n = 1
        for r in 0..<rows {
            if r > 0 { sql += ", " }
            sql += "("
            for c in 0..<columns.count {
                if c > 0 { sql += ", " }
                sql += "$\(n)"
                n += 1
            }
            sql += ")"
        }
        if !suffix.isEmpty { sql += " " + suffix }
        return sql
    }
}
