import Bloblang
import PostgresClient
import StreamRuntime

/// One statement of `sql_raw` (`query` or an entry of `queries`), parsed from its config.
struct SQLRawQuery: Sendable {
    let text: SQLQueryText
    let args: SQLMessageMapping?
    let when: SQLMessageMapping?
    let execOnly: Bool

    /// `unsafe_dynamic_query` of the `sql_raw` processor and output.
    static let unsafeDynamicQueryField = FieldSpec(
        "unsafe_dynamic_query", .bool,
        "Interpolate `${! ... }` functions in the statements per message. Only for trusted values (such as a table name checked earlier): interpolated text becomes part of the SQL.",
        default: .bool(false), advanced: true)

    /// The top-level `args_mapping` of the `sql_raw` processor and output.
    static let argsMappingField = FieldSpec(
        "args_mapping", .bloblang, "A mapping returning the array of values bound to the placeholders of `query`.",
        optional: true,
        examples: [.string("root = [ this.cat.meow, this.doc.woofs[0] ]"), .string(#"root = [ meta("user.id") ]"#)])

    /// The fields of an entry of `queries`.
    static func entryFields(output: Bool) -> [FieldSpec] {
        var fields = [
            FieldSpec("query", .string, "The statement, with `$1`, `$2`, ... placeholders for the arguments."),
            FieldSpec(
                "args_mapping", .bloblang, "A mapping that gives the array of values bound to the placeholders.",
                optional: true),
        ]
        if output {
            fields.append(
                FieldSpec(
                    "when", .bloblang,
                    "A condition mapping (a boolean): when any entry has one, each message runs only the first entry whose condition holds (or that has none).",
                    optional: true))
        } else {
            fields.append(
                FieldSpec(
                    "exec_only", .bool,
                    "Discard the rows of this statement. Defaults to true for every entry but the last.",
                    optional: true))
        }
        return fields
    }

    /// Parses `query` (if present) and `queries` of `config`. Entries other than the last
    /// default to `exec_only: true`; the last to `lastExecOnlyDefault`.
    static func parse(
        _ config: ComponentConfig, _ context: BuildContext, output: Bool, lastExecOnlyDefault: Bool
    ) throws -> [SQLRawQuery] {
        let dynamic = try config.bool("unsafe_dynamic_query")
        var entries: [ComponentConfig] = []
        if config.field("query") != nil { entries.append(config) }
        if let node = config.field("queries") {
            guard case .sequence(let items, _) = node else { throw config.error("expected a list of queries", field: "queries") }
            let spec = ComponentSpec(
                config.spec.kind, config.spec.name, summary: "", fields: entryFields(output: output)
            ) { _, _ in .processor(NoProcessor()) }
            for (i, item) in items.enumerated() {
                entries.append(ComponentConfig(spec: spec, node: item, path: "\(config.fieldPath("queries"))[\(i)]", label: nil))
            }
        }
        if entries.isEmpty { throw config.error("either field 'query' or field 'queries' is required", field: "") }
        var out: [SQLRawQuery] = []
        for (i, entry) in entries.enumerated() {
            let text: SQLQueryText
            if dynamic {
                text = SQLQueryText(fixed: nil, dynamic: try context.interpolated(entry, "query"))
            } else {
                text = SQLQueryText(fixed: try entry.string("query"), dynamic: nil)
            }
            let args =
                entry.field("args_mapping") == nil ? nil : SQLMessageMapping(mapping: try context.mapping(entry, "args_mapping"))
            let when: SQLMessageMapping? =
                output && entry.field("when") != nil ? SQLMessageMapping(mapping: try context.mapping(entry, "when")) : nil
            var execOnly = i < entries.count - 1 ? true : lastExecOnlyDefault
            if !output, entry.field("exec_only") != nil { execOnly = try entry.bool("exec_only") }
            out.append(SQLRawQuery(text: text, args: args, when: when, execOnly: execOnly))
        }
        return out
    }

    /// Runs this statement for message `index` of `batch` on `conn`.
    func run(
        _ batch: Batch, index: Int, environment: Environment, context: BatchContext, on conn: PostgresConnection
    ) throws -> PostgresResult {
        let params = try args?.arguments(batch, index: index, context: context) ?? []
        let sql = try text.text(batch, index: index, environment: environment, context: context)
        do {
            return try conn.query(sql, params)
        } catch {
            throw SQLRunError(error)
        }
    }
}

/// A statement the server (or the connection) failed, kept apart from mapping errors so that
/// connection failures can be told from bad messages.
struct SQLRunError: Error, CustomStringConvertible {
    let underlying: PostgresError
    init(_ underlying: PostgresError) { self.underlying = underlying }
    var description: String { "running query: \(underlying)" }
}

/// A placeholder processor for the specs of nested configs, which are never built.
struct NoProcessor: Processor {
    func process(_ batch: Batch) async -> [Batch] { [batch] }
}
