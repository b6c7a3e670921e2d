import Bloblang
import StreamRuntime

/// Loads a message of a batch into an evaluation context for interpolated strings, which
/// have no `Mapping` to prepare the context with.
enum MessageContext {
    static func load(_ ctx: EvalContext, _ batch: inout Batch, index: Int, batchMessages: [BatchMessage]) {
        ctx.content = batch[index].content
        ctx.metadata = batch[index].metadata
        ctx.messageError = batch[index].error
        ctx.batchIndex = index
        ctx.batchSize = batch.count
        ctx.batch = batchMessages
        ctx.root = .nothing
        do {
            ctx.setThis(try batch[index].structured())
        } catch {
            ctx.setThis(
                .null,
                failure: RuntimeError("unable to reference message as structured (with 'this'): parse as json: \(error.message)"))
        }
    }

    /// Renders `string` for message `index` of `batch`.
    static func render(
        _ string: InterpolatedString, _ ctx: EvalContext, _ batch: inout Batch, index: Int, batchMessages: [BatchMessage]
    ) throws(RuntimeError) -> String {
        if string.isStatic { return try string.render(ctx) }
        load(ctx, &batch, index: index, batchMessages: batchMessages)
        return try string.render(ctx)
    }
}
