import PostgresClient
import StreamRuntime

/// The `SELECT` built from the fields of `sql_select`.
struct SQLSelectQuery: Sendable {
    let sql: String
    let args: SQLMessageMapping?

    /// The fields `sql_select` (input and processor) has besides the connection ones.
    static func fields(argsExample: String) -> [FieldSpec] {
        [
            FieldSpec("table", .string, "The table to select from.", examples: [.string("foo")]),
            FieldSpec(
                "columns", .array(.string), "The columns to select.", examples: [.array(["*"]), .array(["foo", "bar", "baz"])]),
            FieldSpec(
                "where", .string,
                "A WHERE clause (without the keyword). Write placeholders as `?` (numbered `$1`, `$2`, ... in order; `??` stands for a literal `?`), bound to the values of `args_mapping`.",
                optional: true, examples: [.string("meow = ? and woof = ?"), .string("user_id = ?")]),
            FieldSpec(
                "args_mapping", .bloblang, "A mapping returning the array of values for the placeholders of `where`.",
                optional: true, examples: [.string(argsExample)]),
            FieldSpec("prefix", .string, "Text put before `SELECT` (e.g. a `WITH` clause).", optional: true, advanced: true),
            FieldSpec(
                "suffix", .string, "Text put after the query (e.g. `ORDER BY id LIMIT 10`).", optional: true, advanced: true),
        ]
    }

    static func parse(_ config: ComponentConfig, _ context: BuildContext) throws -> SQLSelectQuery {
        let table = try config.string("table")
        if table.isEmpty { throw config.error("table must not be empty", field: "table") }
        let columns = try config.stringList("columns")
        if columns.isEmpty { throw config.error("columns must name at least one column", field: "columns") }
        var sql = ""
        if let prefix = try config.optionalString("prefix"), !prefix.isEmpty { sql += prefix + " " }
        sql += "SELECT \(columns.joined(separator: ", ")) FROM \(table)"
        if let whereClause = try config.optionalString("where"), !whereClause.isEmpty {
            sql += " WHERE " + SQLConnectionFields.dollarPlaceholders(whereClause).0
        }
        if let suffix = try config.optionalString("suffix"), !suffix.isEmpty { sql += " " + suffix }
        let args =
            config.field("args_mapping") == nil ? nil : SQLMessageMapping(mapping: try context.mapping(config, "args_mapping"))
        return SQLSelectQuery(sql: sql, args: args)
    }
}
