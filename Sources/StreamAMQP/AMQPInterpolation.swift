import Bloblang
import StreamRuntime

/// Renders interpolated fields against one message of a batch. One evaluation context is
/// made per message (only when some field is dynamic) and shared by all its fields.
struct AMQPInterpolation {
    let environment: Environment
    private var context: EvalContext?

    init(environment: Environment, batch: Batch, index: Int, needed: Bool) {
        self.environment = environment
        guard needed, index < batch.count else { return }
        let message = batch[index]
        let ctx = EvalContext(environment: environment, content: message.content, metadata: message.metadata)
        ctx.messageError = message.error
        var copy = message
        do {
            ctx.setThis(try copy.structured())
        } catch {
            ctx.setThis(
                .null,
                failure: RuntimeError("unable to reference message as structured (with 'this'): parse as json: \(error.message)"))
        }
        ctx.batchIndex = index
        ctx.batchSize = batch.count
        if batch.count > 1 { ctx.batch = batch.map { BatchMessage(content: $0.content, metadata: $0.metadata) } }
        context = ctx
    }

    /// The text of `string`; errors name the field.
    func render(_ string: InterpolatedString, field: String) throws(AMQPMessageError) -> String {
        if string.isStatic { return string.source }
        guard let context else { return string.source }
        do {
            return try string.render(context)
        } catch {
            throw AMQPMessageError(description: "\(field) interpolation error: \(error.message)")
        }
    }
}
