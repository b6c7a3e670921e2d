import Bloblang
import Foundation
import PostgresClient
import StreamRuntime

extension ComponentSpec {
    /// `sql_select` (input): a message per row of a SELECT, then the input ends.
    static let sqlSelectInput = ComponentSpec(
        .input, "sql_select",
        summary: "Runs a SELECT against PostgreSQL and makes a message of each row; the input ends after the last row.",
        description: """
            Each row becomes an object keyed by column name (values converted as the `sql_raw` processor \
            describes). Rows are read through a server-side cursor, 500 at a time, on one connection, so a \
            large table is not held in memory (the `conn_*` limits do not apply to this input). The \
            values of `args_mapping` (run once, against an empty message) are bound to the `?` placeholders \
            of `where`.

            With `auto_replay_nacks` (the default) a message rejected downstream is delivered again; without \
            it the rejection is dropped. A connection lost while reading ends the input after an error log.
            """,
        fields: [SQLConnectionFields.driver, SQLConnectionFields.dsn]
            + SQLSelectQuery.fields(argsExample: #"root = [ "article", now().ts_format("2006-01-02") ]"#)
            + [
                FieldSpec(
                    "auto_replay_nacks", .bool,
                    "Deliver messages rejected downstream again instead of dropping the rejection.", default: .bool(true))
            ] + SQLConnectionFields.connection,
        examples: [
            ConfigExample(
                "Rows of the last hour",
                summary: "Reads the rows whose `created_at` (a unix time) is within the last hour.",
                yaml: """
                    input:
                      sql_select:
                        driver: postgres
                        dsn: postgres://foouser:foopass@localhost:5432/testdb?sslmode=disable
                        table: footable
                        columns: [ '*' ]
                        where: created_at >= ?
                        args_mapping: |
                          root = [
                            now().ts_unix() - 3600
                          ]
                    """)
        ]
    ) { config, context in
        let database = try SQLConnectionFields.database(config, context, singleConnection: true)
        return .input(
            SQLSelectInput(
                database: database, query: try SQLSelectQuery.parse(config, context),
                replayNacks: try config.bool("auto_replay_nacks")))
    }
}

/// The `sql_select` input: a cursor read in pages on one connection of the pool.
actor SQLSelectInput: Input {
    let database: SQLDatabase
    let query: SQLSelectQuery
    let replayNacks: Bool
    private let cursor = "sluice_select_\(UInt32.random(in: 0...UInt32.max))"
    private var opened = false
    private var finished = false
    private var page: [Value] = []
    private var replays: [Message] = []
    private var outstanding = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(database: SQLDatabase, query: SQLSelectQuery, replayNacks: Bool) {
        self.database = database
        self.query = query
        self.replayNacks = replayNacks
    }

    func connect() async throws {
        if opened || finished { return }
        try await database.connect()
        let params = try query.args?.arguments() ?? []
        let sql = "DECLARE \(cursor) NO SCROLL CURSOR WITH HOLD FOR \(query.sql)"
        _ = try await database.pool.query(sql, params, idempotent: true)
        opened = true
    }

    func read() async throws -> (Batch, AckHandler) {
        while true {
            if !replays.isEmpty { return handOut(replays.removeFirst()) }
            if page.isEmpty && !finished { try await fetch() }
            if !page.isEmpty { return handOut(Message(structured: page.removeFirst())) }
            // The source is done: wait for the messages still out, which may come back.
            if outstanding == 0 { throw InputError.endOfInput }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    func close() async {
        if opened && !finished {
            _ = try? await database.pool.query("CLOSE \(cursor)")
        }
        database.close()
    }

    private func fetch() async throws {
        let result: PostgresResult
        do {
            result = try await database.pool.query("FETCH 500 FROM \(cursor)")
        } catch {
            // The cursor lived on the lost connection: the rows left cannot be read.
            finished = true
            throw error
        }
        if result.rows.isEmpty {
            finished = true
            _ = try? await database.pool.query("CLOSE \(cursor)")
            return
        }
        page = result.rows.map { SQLValues.object(result.columns, $0) }
    }

    private func handOut(_ message: Message) -> (Batch, AckHandler) {
        outstanding += 1
        return ([message], { result in await self.settle(message, result) })
    }

    private func settle(_ message: Message, _ result: AckResult) {
        outstanding -= 1
        if case .nack = result, replayNacks { replays.append(message) }
        let w = waiters
        waiters = []
        for c in w { c.resume() }
    }
}
