import Bloblang
import PostgresClient
import StreamRuntime

/// Runs a Bloblang mapping (arguments, `when` conditions) against one message of a batch.
struct SQLMessageMapping: Sendable {
    let mapping: Mapping

    /// The mapping's result for message `index` of `batch`: an array of parameter values.
    /// - Throws: `SQLError` when the mapping fails or gives something other than an array.
    func arguments(_ batch: Batch, index: Int, context: BatchContext) throws(SQLError) -> [PostgresParam?] {
        let result: Value
        do {
            result = try run(batch, index: index, context: context)
        } catch {
            throw SQLError("arguments mapping failed: \(error.message)")
        }
        guard case .array(let items) = result else {
            throw SQLError("arguments mapping returned a non-array result: \(result.type.rawValue)")
        }
        return items.map(SQLValues.param)
    }

    /// The mapping's boolean result for message `index` (a `when` condition).
    func condition(_ batch: Batch, index: Int, context: BatchContext) throws(SQLError) -> Bool {
        let result: Value
        do {
            result = try run(batch, index: index, context: context)
        } catch {
            throw SQLError("when mapping failed: \(error.message)")
        }
        guard case .bool(let b) = result else {
            throw SQLError("when mapping returned a non-boolean result: \(result.type.rawValue)")
        }
        return b
    }

    /// The mapping run against no message at all (the `sql_select` input's arguments).
    func arguments() throws(SQLError) -> [PostgresParam?] {
        try arguments([Message(content: [])], index: 0, context: BatchContext([Message(content: [])]))
    }

    private func run(_ batch: Batch, index: Int, context: BatchContext) throws(RuntimeError) -> Value {
        var message = batch[index]
        let ctx = mapping.makeContext()
        let this: Value? = mapping.readsThis ? (try? message.structured()) : .null
        mapping.prepare(ctx, content: message.content, this: this, metadata: message.metadata)
        ctx.messageError = message.error
        ctx.batchIndex = index
        ctx.batchSize = batch.count
        ctx.batch = context.messages
        try mapping.execute(ctx)
        switch ctx.root {
        case .nothing: return (try? message.structured()) ?? .bytes(message.content)
        case .delete: throw RuntimeError("the mapping deleted the message")
        default: return ctx.root
        }
    }
}

/// The messages of a batch as mappings see them through `.from()`, built once per batch.
struct BatchContext: Sendable {
    let messages: [BatchMessage]
    init(_ batch: Batch) {
        messages = batch.count > 1 ? batch.map { BatchMessage(content: $0.content, metadata: $0.metadata) } : []
    }
}
