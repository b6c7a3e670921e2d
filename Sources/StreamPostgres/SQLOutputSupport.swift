import Bloblang
import PostgresClient
import StreamRuntime

/// Shared behaviour of the `sql_*` outputs.
enum SQLOutputSupport {
    /// `max_in_flight` and `batching`, as Benthos's SQL outputs declare them.
    static let fields: [FieldSpec] = [
        FieldSpec(
            "max_in_flight", .int,
            "How many batches may be written at once (each on its own connection). Set it explicitly to write in parallel; when absent batches are written one at a time.",
            default: .int(1)),
        FieldSpec(
            "batching", .any,
            "Accepted for compatibility with Benthos configs but not applied yet: the output writes the batches it is given, so size them at the input (e.g. `generate.batch_size`).",
            optional: true, advanced: true),
    ]

    /// Reads `max_in_flight` and warns when a `batching` policy is set, since it is not applied.
    static func check(_ config: ComponentConfig, _ context: BuildContext) throws(ConfigError) {
        if try config.int("max_in_flight") < 1 {
            throw config.error("max_in_flight must be at least 1", field: "max_in_flight")
        }
        if let batching = config.value("batching"), !isNoopBatching(batching) {
            context.logger.warn(
                "the batching field of \(config.spec.name) is not supported yet and is ignored: size batches at the input",
                ["path": .string(config.fieldPath("batching"))])
        }
    }

    /// True for an absent or all-zero batching policy.
    static func isNoopBatching(_ value: Value) -> Bool {
        guard case .object(let fields) = value else { return value.type == .null }
        for (key, v) in fields {
            switch (key, v) {
            case (_, .null): continue
            case ("count", .int(0)), ("byte_size", .int(0)), ("period", .string("")), ("check", .string("")): continue
            case ("processors", .array(let a)) where a.isEmpty: continue
            default: return false
            }
        }
        return true
    }

    /// Maps a write failure to what the pipeline should do: a lost connection asks it to
    /// reconnect and write the batch again; other failures nack the batch.
    static func rethrow(_ error: any Error) -> any Error {
        if let e = error as? PostgresError, e.isConnectionFailure { return InputError.notConnected("\(e)") }
        if let e = error as? SQLRunError, e.underlying.isConnectionFailure { return InputError.notConnected("\(e)") }
        return error
    }
}
