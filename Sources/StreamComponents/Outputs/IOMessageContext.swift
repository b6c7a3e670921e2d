import Bloblang
import StreamRuntime

/// Builds the Bloblang evaluation context that the input and output components use to run a
/// mapping or an interpolated string against one message of a batch.
///
/// A context is made per call: `EvalContext` is not thread-safe, and outputs may be written
/// from several tasks at once.
enum IOMessageContext {
    /// A context for `mapping` positioned on message `index` of `batch`.
    static func make(for mapping: Mapping, batch: Batch, index: Int) -> EvalContext {
        let ctx = mapping.makeContext()
        fill(ctx, batch: batch, index: index, readsThis: mapping.readsThis)
        return ctx
    }

    /// A context for interpolated strings parsed with `environment`, positioned on message
    /// `index` of `batch`.
    static func make(environment: Environment, batch: Batch, index: Int) -> EvalContext {
        let ctx = EvalContext(environment: environment)
        fill(ctx, batch: batch, index: index, readsThis: true)
        return ctx
    }

    /// Renders `string` for message `index` of `batch` (no context is built when the string
    /// has no interpolations).
    static func render(
        _ string: InterpolatedString, environment: Environment, batch: Batch, index: Int
    ) throws(RuntimeError) -> String {
        if string.isStatic { return string.source }
        return try string.render(make(environment: environment, batch: batch, index: index))
    }

    private static func fill(_ ctx: EvalContext, batch: Batch, index: Int, readsThis: Bool) {
        guard index >= 0, index < batch.count else { return }
        let message = batch[index]
        let content = message.content
        ctx.content = content
        ctx.metadata = message.metadata
        ctx.messageError = message.error
        if !readsThis {
            ctx.setThis(.null)
        } else {
            var copy = message
            do {
                ctx.setThis(try copy.structured())
            } catch {
                ctx.setThis(
                    .null,
                    failure: RuntimeError(
                        "unable to reference message as structured (with 'this'): parse as json: \(error.message)"))
            }
        }
        ctx.batchIndex = index
        ctx.batchSize = batch.count
        if batch.count > 1 {
            ctx.batch = batch.map { BatchMessage(content: $0.content, metadata: $0.metadata) }
        }
    }
}
